/* Worker pool: results in input order with any number of threads and any
 * queue length, identical to gm_worker run article after article, down to
 * the collector's records; articles copied (the caller's buffers are gone
 * after submit); empty input; articles without mentions; a failing callback
 * stops the pool; close with results pending. Runs on the mini gazetteer,
 * over a few hundred generated articles. ASan finds leaks and TSan races
 * when the suite is built with GEOMAP_SANITIZE. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect.h"
#include "collect/pool.h"
#include "collect/worker.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "harness.h"

#define N_ARTICLES 300

static char *tmpdir;
static gm_gaz *gaz;

/* The generated corpus and what running it sequentially gave. */
typedef struct gen_article {
    char id[32];
    char *text;
    char date[16];
    const char *title;   /* static or NULL */
    long line;
    char *mentions;      /* serialised (see serialise), malloc'ed */
} gen_article;

static gen_article corpus[N_ARTICLES];
static gm_buf sequential_records = GM_BUF_INIT; /* the collector's output */

/* Sentences of the generated articles: names of the mini gazetteer in the
 * shapes the spotter and resolver care about, and sentences without any. */
static const char *const sentences[] = {
    "Officials in Baku said the talks would resume. ",
    "Crowds gathered in New York City on Monday. ",
    "The fair in Paris, Texas drew visitors from Dallas. ",
    "Ships left Odesa while officials in Kiev and Kyiv waited. ",
    "Ж ə the road to Xankəndi was quiet again. ",
    "Nothing of note happened here today. ",
    "Sanctions by the US and the USA hit Armenia and Azerbaijan. ",
    "Reading the report took time. ",
    "He moved to Reading, and later to Nice. ",
    "Talks on Nagorno-Karabakh resumed in Yerevan. ",
    "Mr. Paris declined to comment. ",
    "The Georgian delegation flew from Peking to Beijing. ",
    "\n\nA headline in Springfield\nThe mayor of Springfield, Illinois spoke. ",
};
#define N_SENTENCES (sizeof sentences / sizeof sentences[0])

static uint32_t rng_state;
static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

/* Mentions as one comparable string; the score exactly (%a). */
static char *serialise(const gm_mention_list *m)
{
    gm_buf b = GM_BUF_INIT;
    for (size_t i = 0; i < m->n; i++)
        gm_buf_printf(&b, "%u+%u=%u/%u/%a;", m->v[i].off, m->v[i].len,
                      m->v[i].place, (unsigned)m->v[i].name_flags,
                      (double)m->v[i].score);
    char *s = gm_xstrdup(gm_buf_str(&b));
    gm_buf_free(&b);
    return s;
}

static gm_status record_mention(void *ctx, const gm_mention_rec *rec,
                                gm_error *err)
{
    (void)err;
    gm_buf_printf(ctx, "%s %lld %lld %s %lld %s %s %a %a %a\n", rec->article,
                  (long long)rec->start, (long long)rec->end, rec->surface,
                  (long long)rec->place_id, rec->place, rec->country,
                  rec->score, rec->lon, rec->lat);
    return GM_OK;
}

static gm_status record_place(void *ctx, const gm_place_rec *rec,
                              gm_error *err)
{
    (void)err;
    gm_buf_printf(ctx, "place %lld %s %lld %lld %s %s\n",
                  (long long)rec->place_id, rec->name,
                  (long long)rec->mentions, (long long)rec->articles,
                  rec->first_date ? rec->first_date : "-",
                  rec->last_date ? rec->last_date : "-");
    return GM_OK;
}

static gm_article article_of(size_t i)
{
    gen_article *g = &corpus[i];
    gm_article a = { .id = g->id, .text = g->text,
                     .text_len = strlen(g->text),
                     .title = g->title, .date = g->date[0] ? g->date : NULL,
                     .path = "generated.jsonl", .line = g->line };
    return a;
}

static void setup(void)
{
    tmpdir = gm_test_tmpdir();
    char *path = gm_test_build_mini_gazetteer(tmpdir);
    gm_error err;
    ck_assert_int_eq(gm_gaz_open(path, &gaz, &err), GM_OK);
    free(path);

    rng_state = 7;
    for (size_t i = 0; i < N_ARTICLES; i++) {
        gen_article *g = &corpus[i];
        snprintf(g->id, sizeof g->id, "gen-%03zu", i);
        if (i % 3)
            snprintf(g->date, sizeof g->date, "2024-%02u-%02u",
                     1 + rng() % 12, 1 + rng() % 28);
        g->title = i % 4 ? "Generated" : NULL;
        g->line = (long)i + 1;
        /* Mostly short articles, every 25th a long one, so that threads
         * finish out of order; some empty, some without any name. */
        size_t n = i % 25 == 3 ? 400 : rng() % 12;
        gm_buf b = GM_BUF_INIT;
        for (size_t k = 0; k < n; k++)
            gm_buf_append_str(&b, i % 10 == 5 ? sentences[5]
                                              : sentences[rng() % N_SENTENCES]);
        g->text = gm_xstrdup(gm_buf_str(&b));
        gm_buf_free(&b);
    }

    /* The reference: one worker, one article after the other. */
    gm_worker w;
    gm_worker_init(&w, gaz);
    gm_collector *c = gm_collect_new(gaz);
    gm_buf_clear(&sequential_records);
    for (size_t i = 0; i < N_ARTICLES; i++) {
        gm_article a = article_of(i);
        gm_worker_run(&w, a.text, a.text_len);
        corpus[i].mentions = serialise(&w.mentions);
        ck_assert_int_eq(gm_collect_article(c, &a, &w.mentions, record_mention,
                                            &sequential_records, &err),
                         GM_OK);
    }
    ck_assert_int_eq(gm_collect_places(c, record_place, &sequential_records,
                                       &err),
                     GM_OK);
    gm_collect_free(c);
    gm_worker_free(&w);
}

static void teardown(void)
{
    for (size_t i = 0; i < N_ARTICLES; i++) {
        free(corpus[i].text);
        free(corpus[i].mentions);
    }
    gm_buf_free(&sequential_records);
    gm_gaz_close(gaz);
    gm_test_rmtree(tmpdir);
    free(tmpdir);
}

/* What a run through the pool saw. */
typedef struct seen {
    size_t n;            /* results received */
    size_t with_mentions;
    gm_collector *collector;
    gm_buf records;
    size_t fail_at;      /* return GM_E_IO at this seq; SIZE_MAX: never */
} seen;

static gm_status check_result(void *ctx, const gm_pool_result *r,
                              gm_error *err)
{
    seen *s = ctx;
    ck_assert_uint_eq(r->seq, s->n);
    const gen_article *g = &corpus[r->seq % N_ARTICLES];
    const gm_article *a = r->article;
    ck_assert_str_eq(a->id, g->id);
    ck_assert_uint_eq(a->text_len, strlen(g->text));
    ck_assert_str_eq(a->text, g->text);
    ck_assert_str_eq(a->path, "generated.jsonl");
    ck_assert_int_eq(a->line, g->line);
    if (g->date[0])
        ck_assert_str_eq(a->date, g->date);
    else
        ck_assert_ptr_null(a->date);
    if (g->title)
        ck_assert_str_eq(a->title, g->title);
    else
        ck_assert_ptr_null(a->title);
    ck_assert_ptr_null(a->url);
    ck_assert_ptr_eq(r->mentions, &r->worker->mentions);
    char *m = serialise(r->mentions);
    ck_assert_str_eq(m, g->mentions);
    free(m);
    s->n++;
    s->with_mentions += r->mentions->n > 0;
    if (s->collector) {
        gm_status st = gm_collect_article(s->collector, a, r->mentions,
                                          record_mention, &s->records, err);
        ck_assert_int_eq(st, GM_OK);
    }
    if (r->seq == s->fail_at)
        return gm_err_set(err, GM_E_IO, "out.geojson", 0,
                          "cannot write: No space left on device");
    return GM_OK;
}

/* Submits article i from a buffer of the caller's that is overwritten and
 * freed right after, as a reader's is: the pool must have copied it. */
static gm_status submit_borrowed(gm_pool *pool, size_t i, gm_error *err)
{
    gm_article a = article_of(i);
    char *text = gm_xstrdup(a.text);
    char *id = gm_xstrdup(a.id);
    a.text = text;
    a.id = id;
    gm_status st = gm_pool_submit(pool, &a, err);
    memset(text, 'X', a.text_len);
    memset(id, 'X', strlen(id));
    free(text);
    free(id);
    return st;
}

static const struct {
    unsigned threads, in_flight;
} order_rows[] = {
    { 1, 0 },  /* inline */
    { 2, 0 },  /* default queue */
    { 4, 0 },
    { 2, 1 },  /* one article in flight: strictly one at a time */
    { 3, 2 },  /* fewer slots than threads */
    { 4, 64 },
    { 8, 5 },
};

START_TEST(test_input_order)
{
    gm_error err;
    gm_err_clear(&err);
    seen s = { .collector = gm_collect_new(gaz), .fail_at = SIZE_MAX };
    gm_pool_options o = { order_rows[_i].threads, order_rows[_i].in_flight,
                          check_result, &s };
    gm_pool *pool;
    ck_assert_int_eq(gm_pool_open(gaz, &o, &pool, &err), GM_OK);
    ck_assert_uint_eq(gm_pool_threads(pool), order_rows[_i].threads);
    for (size_t i = 0; i < N_ARTICLES; i++)
        ck_assert_int_eq(submit_borrowed(pool, i, &err), GM_OK);
    ck_assert_int_eq(gm_pool_finish(pool, &err), GM_OK);
    ck_assert_uint_eq(s.n, N_ARTICLES);
    ck_assert_uint_gt(s.with_mentions, N_ARTICLES / 2);
    ck_assert_uint_lt(s.with_mentions, N_ARTICLES);
    /* The collector's records, places included, byte for byte. */
    ck_assert_int_eq(gm_collect_places(s.collector, record_place, &s.records,
                                       &err),
                     GM_OK);
    ck_assert_str_eq(gm_buf_str(&s.records), gm_buf_str(&sequential_records));
    /* finish leaves the pool usable, numbering on: the same articles
     * again */
    gm_collect_free(s.collector);
    s.collector = NULL;
    for (size_t i = 0; i < 40; i++)
        ck_assert_int_eq(submit_borrowed(pool, i, &err), GM_OK);
    ck_assert_int_eq(gm_pool_finish(pool, &err), GM_OK);
    ck_assert_uint_eq(s.n, N_ARTICLES + 40);
    gm_pool_close(pool);
    gm_buf_free(&s.records);
}
END_TEST

static const unsigned thread_rows[] = { 1, 2, 4 };

START_TEST(test_empty_input)
{
    gm_error err;
    seen s = { .fail_at = SIZE_MAX };
    gm_pool_options o = { thread_rows[_i], 0, check_result, &s };
    gm_pool *pool;
    ck_assert_int_eq(gm_pool_open(gaz, &o, &pool, &err), GM_OK);
    ck_assert_int_eq(gm_pool_finish(pool, &err), GM_OK);
    ck_assert_uint_eq(s.n, 0);
    gm_pool_close(pool);
}
END_TEST

typedef struct one_result {
    size_t n;
    size_t mentions;
    char id[32];
} one_result;

static gm_status take_one(void *ctx, const gm_pool_result *r, gm_error *err)
{
    (void)err;
    one_result *o = ctx;
    o->n++;
    o->mentions = r->mentions->n;
    snprintf(o->id, sizeof o->id, "%s", r->article->id);
    return GM_OK;
}

START_TEST(test_no_mentions)
{
    gm_error err;
    one_result got = { 0 };
    gm_pool_options o = { thread_rows[_i], 0, take_one, &got };
    gm_pool *pool;
    ck_assert_int_eq(gm_pool_open(gaz, &o, &pool, &err), GM_OK);
    const char *text = "Nothing of note happened here today.";
    gm_article a = { .id = "quiet", .text = text, .text_len = strlen(text),
                     .path = "-", .line = 1 };
    ck_assert_int_eq(gm_pool_submit(pool, &a, &err), GM_OK);
    ck_assert_int_eq(gm_pool_finish(pool, &err), GM_OK);
    ck_assert_uint_eq(got.n, 1);
    ck_assert_uint_eq(got.mentions, 0);
    ck_assert_str_eq(got.id, "quiet");
    /* an empty text too */
    a.text = "";
    a.text_len = 0;
    a.id = "empty";
    ck_assert_int_eq(gm_pool_submit(pool, &a, &err), GM_OK);
    ck_assert_int_eq(gm_pool_finish(pool, &err), GM_OK);
    ck_assert_uint_eq(got.n, 2);
    ck_assert_uint_eq(got.mentions, 0);
    ck_assert_str_eq(got.id, "empty");
    gm_pool_close(pool);
}
END_TEST

/* One article longer than the pool keeps memory for (1 MiB): the slot
 * gives it back after delivery, and the next results are still right. */
START_TEST(test_huge_article)
{
    gm_error err;
    gm_buf b = GM_BUF_INIT;
    for (size_t k = 0; b.len < (3u << 19); k++)
        gm_buf_append_str(&b, k % 1000 ? "Nothing of note happened here. "
                                       : "Officials in Baku met again. ");
    gm_worker w;
    gm_worker_init(&w, gaz);
    gm_worker_run(&w, b.data, b.len);
    size_t expected = w.mentions.n;
    gm_worker_free(&w);
    ck_assert_uint_gt(expected, 40);

    one_result got = { 0 };
    gm_pool_options o = { thread_rows[_i], 2, take_one, &got };
    gm_pool *pool;
    ck_assert_int_eq(gm_pool_open(gaz, &o, &pool, &err), GM_OK);
    gm_article a = { .id = "huge", .text = b.data, .text_len = b.len,
                     .path = "-", .line = 1 };
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(gm_pool_submit(pool, &a, &err), GM_OK);
        ck_assert_int_eq(gm_pool_finish(pool, &err), GM_OK);
        ck_assert_uint_eq(got.mentions, expected);
    }
    const char *small = "Crowds gathered in New York City on Monday.";
    gm_article s = { .id = "small", .text = small, .text_len = strlen(small),
                     .path = "-", .line = 2 };
    ck_assert_int_eq(gm_pool_submit(pool, &s, &err), GM_OK);
    ck_assert_int_eq(gm_pool_finish(pool, &err), GM_OK);
    ck_assert_uint_eq(got.n, 4);
    ck_assert_uint_eq(got.mentions, 1);
    ck_assert_str_eq(got.id, "small");
    gm_pool_close(pool);
    gm_buf_free(&b);
}
END_TEST

/* The callback fails on the 6th result (an exporter's full disk): the
 * status and message come back from submit, nothing later is delivered,
 * and the pool refuses more work. */
START_TEST(test_callback_failure)
{
    gm_error err;
    gm_err_clear(&err);
    seen s = { .fail_at = 5 };
    gm_pool_options o = { thread_rows[_i], 0, check_result, &s };
    gm_pool *pool;
    ck_assert_int_eq(gm_pool_open(gaz, &o, &pool, &err), GM_OK);
    gm_status st = GM_OK;
    size_t i = 0;
    while (st == GM_OK && i < N_ARTICLES)
        st = submit_borrowed(pool, i++, &err);
    if (st == GM_OK)
        st = gm_pool_finish(pool, &err);
    ck_assert_int_eq(st, GM_E_IO);
    ck_assert_str_eq(err.msg, "cannot write: No space left on device");
    ck_assert_str_eq(err.path, "out.geojson");
    ck_assert_uint_eq(s.n, 6);
    ck_assert_int_eq(submit_borrowed(pool, 0, &err), GM_E_USAGE);
    ck_assert_int_eq(gm_pool_finish(pool, &err), GM_E_USAGE);
    ck_assert_str_eq(err.msg,
                     "worker pool: used after a failed result callback");
    ck_assert_uint_eq(s.n, 6);
    gm_pool_close(pool);
}
END_TEST

/* Closing with articles queued, running and done drops them quietly. */
START_TEST(test_close_pending)
{
    gm_error err;
    seen s = { .fail_at = SIZE_MAX };
    gm_pool_options o = { thread_rows[_i], 0, check_result, &s };
    gm_pool *pool;
    ck_assert_int_eq(gm_pool_open(gaz, &o, &pool, &err), GM_OK);
    for (size_t i = 0; i < 100; i++)
        ck_assert_int_eq(submit_borrowed(pool, i, &err), GM_OK);
    size_t delivered = s.n;
    gm_pool_close(pool);
    ck_assert_uint_eq(s.n, delivered);
    ck_assert_uint_le(s.n, 100);
    gm_pool_close(NULL);
}
END_TEST

START_TEST(test_options)
{
    gm_error err;
    gm_pool *pool = (gm_pool *)&err; /* must be set to NULL on failure */
    gm_pool_options none = { 2, 0, NULL, NULL };
    ck_assert_int_eq(gm_pool_open(gaz, &none, &pool, &err), GM_E_USAGE);
    ck_assert_ptr_null(pool);
    ck_assert_str_eq(err.msg, "worker pool: no result callback");

    seen s = { .fail_at = SIZE_MAX };
    gm_pool_options many = { GM_POOL_MAX_THREADS + 1, 0, check_result, &s };
    ck_assert_int_eq(gm_pool_open(gaz, &many, &pool, &err), GM_E_USAGE);
    ck_assert_ptr_null(pool);
    ck_assert_str_eq(err.msg, "257 threads asked, at most 256");

    gm_pool_options deep = { 2, GM_POOL_MAX_IN_FLIGHT + 1, check_result, &s };
    ck_assert_int_eq(gm_pool_open(gaz, &deep, &pool, &err), GM_E_USAGE);
    ck_assert_ptr_null(pool);
    ck_assert_str_eq(err.msg, "1025 articles in flight asked, at most 1024");

    /* 0 threads: one per online processor */
    unsigned cores = gm_pool_default_threads();
    ck_assert_uint_ge(cores, 1);
    gm_pool_options dflt = { 0, 0, check_result, &s };
    ck_assert_int_eq(gm_pool_open(gaz, &dflt, &pool, &err), GM_OK);
    ck_assert_uint_eq(gm_pool_threads(pool), cores);
    gm_pool_close(pool);
}
END_TEST

#define COUNT(a) (int)(sizeof(a) / sizeof((a)[0]))

static Suite *suite(void)
{
    Suite *s = suite_create("pool");
    TCase *tc = tcase_create("pool");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_input_order, 0, COUNT(order_rows));
    tcase_add_loop_test(tc, test_empty_input, 0, COUNT(thread_rows));
    tcase_add_loop_test(tc, test_no_mentions, 0, COUNT(thread_rows));
    tcase_add_loop_test(tc, test_huge_article, 0, COUNT(thread_rows));
    tcase_add_loop_test(tc, test_callback_failure, 0, COUNT(thread_rows));
    tcase_add_loop_test(tc, test_close_pending, 0, COUNT(thread_rows));
    tcase_add_test(tc, test_options);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
