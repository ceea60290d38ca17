/* bench/engine: the engine alone, without OGR and without process start-up:
 * reads one input with the article readers, sends every article through a
 * gm_pool of THREADS threads into a collector (mention records made and
 * dropped), and prints one line of key=value figures:
 *
 *   bench-engine GAZETTEER INPUT [THREADS [REPEAT]]
 *
 * The input is read once into memory first (REPEAT passes over it, default
 * 1), so the time is the engine's: tokens, fold, spotter, resolver,
 * collector, and the pool's hand-over between threads; cpu_seconds is the
 * CPU time of that part, all threads together. bench/run.sh builds
 * it against the library of its build directory; it is not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "collect/collect.h"
#include "collect/pool.h"
#include "core/alloc.h"
#include "gazetteer/gaz.h"
#include "io/reader.h"

typedef struct bench {
    gm_collector *collector;
    size_t mentions, articles;
} bench;

static gm_status drop_mention(void *ctx, const gm_mention_rec *rec,
                              gm_error *err)
{
    (void)err;
    bench *b = ctx;
    b->mentions += rec->surface[0] != '\0';
    return GM_OK;
}

static gm_status on_result(void *ctx, const gm_pool_result *r, gm_error *err)
{
    bench *b = ctx;
    b->articles++;
    return gm_collect_article(b->collector, r->article, r->mentions,
                              drop_mention, b, err);
}

static double clock_s(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double now_s(void)
{
    return clock_s(CLOCK_MONOTONIC);
}

/* CPU time of the process, all threads together. */
static double cpu_s(void)
{
    return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

/* Every article of the input, copied (the reader's are borrowed). */
typedef struct corpus {
    gm_article *v;
    size_t n, cap, bytes;
} corpus;

static int load(const char *path, corpus *c)
{
    gm_io_options io = { 0 };
    gm_reader *reader;
    gm_error err;
    if (gm_io_open(path, &io, &reader, &err) != GM_OK) {
        char buf[2048];
        fprintf(stderr, "bench-engine: %s\n",
                gm_err_format(&err, buf, sizeof buf));
        return -1;
    }
    for (;;) {
        const gm_article *a;
        gm_status st = gm_io_next(reader, &a, &err);
        if (st == GM_E_INPUT)
            continue;
        if (st != GM_OK || !a)
            break;
        gm_xgrow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
        gm_article *d = &c->v[c->n++];
        memset(d, 0, sizeof *d);
        d->id = gm_xstrdup(a->id);
        d->text = gm_xstrndup(a->text, a->text_len);
        d->text_len = a->text_len;
        d->date = a->date ? gm_xstrdup(a->date) : NULL;
        d->path = "bench";
        d->line = a->line;
        c->bytes += a->text_len;
    }
    gm_io_close(reader);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr,
                "usage: bench-engine GAZETTEER INPUT [THREADS [REPEAT]]\n");
        return 2;
    }
    unsigned threads = argc > 3 ? (unsigned)atoi(argv[3]) : 1;
    int repeat = argc > 4 ? atoi(argv[4]) : 1;
    gm_error err;
    double t0 = now_s();
    gm_gaz *gaz;
    if (gm_gaz_open(argv[1], &gaz, &err) != GM_OK) {
        char buf[2048];
        fprintf(stderr, "bench-engine: %s\n",
                gm_err_format(&err, buf, sizeof buf));
        return 3;
    }
    double open_s = now_s() - t0;
    corpus c = { 0 };
    if (load(argv[2], &c) != 0)
        return 3;

    bench b = { gm_collect_new(gaz), 0, 0 };
    gm_pool_options o = { threads, 0, on_result, &b };
    gm_pool *pool;
    if (gm_pool_open(gaz, &o, &pool, &err) != GM_OK)
        return 3;
    t0 = now_s();
    double c0 = cpu_s();
    gm_status st = GM_OK;
    for (int r = 0; r < repeat && st == GM_OK; r++)
        for (size_t i = 0; i < c.n && st == GM_OK; i++)
            st = gm_pool_submit(pool, &c.v[i], &err);
    if (st == GM_OK)
        st = gm_pool_finish(pool, &err);
    double run_s = now_s() - t0;
    double run_cpu_s = cpu_s() - c0;
    double mb = (double)c.bytes * repeat / 1e6;
    printf("threads=%u articles=%zu text_mb=%.2f seconds=%.4f "
           "cpu_seconds=%.4f articles_per_s=%.0f text_mb_per_s=%.1f "
           "mentions=%zu places=%zu gazetteer_open_ms=%.2f\n",
           gm_pool_threads(pool), b.articles, mb, run_s, run_cpu_s,
           (double)b.articles / run_s, mb / run_s, b.mentions,
           gm_collect_place_count(b.collector), open_s * 1e3);
    gm_pool_close(pool);
    gm_collect_free(b.collector);
    for (size_t i = 0; i < c.n; i++) {
        free((char *)c.v[i].id);
        free((char *)c.v[i].text);
        free((char *)c.v[i].date);
    }
    free(c.v);
    gm_gaz_close(gaz);
    return st == GM_OK ? 0 : 1;
}
