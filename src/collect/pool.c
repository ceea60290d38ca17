/* The worker pool: a ring of slots, one per article in flight, each with
 * its own copy of the article and its own gm_worker, so that a finished
 * result stays in its slot's arena until the caller has consumed it and
 * nothing is copied out. Worker threads take queued slots in input order;
 * the caller delivers finished slots in input order. One mutex guards the
 * ring's counters and slot states; the article copy and the worker's output
 * are handed between threads by the state change under that mutex, so a
 * slot is only ever touched by one thread at a time:
 *
 *   FREE --caller copies article--> QUEUED --a thread takes it--> RUNNING
 *     ^                                                             |
 *     +--caller runs the callback-- DONE <--the thread is done------+
 *
 * Each thread, the helping caller too, lends its own caches (the
 * spotter's and the resolver's, worker.h) to the workers it runs: they
 * follow the thread, not the slot, and no result depends on them.
 *
 * What the collector does with a result, and the reading of articles, stay
 * on the caller's side (cmd_extract.c); this file only moves articles
 * through gm_worker_run. */
#include "collect/pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"

/* A slot whose article was longer than this gives its memory back after
 * delivery, so that one huge article does not pin memory in every slot it
 * passes through. */
#define SHRINK_BYTES ((size_t)1 << 20)

#define DEFAULT_PER_THREAD 8
#define DEFAULT_MIN_IN_FLIGHT 16
#define DEFAULT_MAX_IN_FLIGHT 64

/* copy_article copies every field of gm_article: one added there must be
 * added here too, which this assertion reminds whoever changes it. */
_Static_assert(sizeof(gm_article) ==
                   7 * sizeof(const char *) + sizeof(size_t) + sizeof(long),
               "gm_article changed: copy the new field in copy_article");

typedef enum slot_state {
    SLOT_FREE = 0, /* the caller's: empty, or being filled */
    SLOT_QUEUED,   /* waiting for a thread */
    SLOT_RUNNING,  /* a thread (or the helping caller) runs it */
    SLOT_DONE      /* result ready, waiting for its turn */
} slot_state;

typedef struct slot {
    gm_worker worker;
    gm_article article; /* strings point into buf */
    char *buf;
    size_t buf_cap;
    slot_state state;   /* under the pool's lock */
} slot;

struct gm_pool {
    const gm_gaz *gaz;
    gm_pool_result_fn on_result;
    void *ctx;
    unsigned n_threads;
    bool failed;        /* a callback failed: accept nothing more */

    /* Inline (one thread): no ring, no lock. */
    gm_worker inline_worker;
    uint64_t inline_seq;

    /* Threaded. Sequence numbers only grow; slot of seq is seq % n_slots.
     * head <= next_take <= tail, tail - head <= n_slots. */
    slot *slots;
    size_t n_slots;
    gm_worker_caches caller_caches; /* when the caller helps */
    pthread_t *threads;
    unsigned started;   /* threads running */
    pthread_mutex_t lock;
    pthread_cond_t work; /* to threads: a slot was queued, or stop */
    pthread_cond_t done; /* to the caller: a slot is done */
    uint64_t head;      /* next seq to deliver */
    uint64_t next_take; /* next seq to run */
    uint64_t tail;      /* next seq to submit */
    bool stop;
};

unsigned gm_pool_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > GM_POOL_MAX_THREADS ? GM_POOL_MAX_THREADS : (unsigned)n;
}

static slot *slot_of(gm_pool *p, uint64_t seq)
{
    return &p->slots[seq % p->n_slots];
}

static size_t str_bytes(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

static const char *put(char **cursor, const char *s, size_t len)
{
    char *d = *cursor;
    memcpy(d, s, len);
    d[len] = '\0';
    *cursor = d + len + 1;
    return d;
}

static const char *put_str(char **cursor, const char *s)
{
    return s ? put(cursor, s, strlen(s)) : NULL;
}

/* The slot's own copy of article: every string in one buffer, reused from
 * article to article. */
static void copy_article(slot *s, const gm_article *a)
{
    size_t need = a->text_len + 1 + str_bytes(a->id) + str_bytes(a->title) +
                  str_bytes(a->date) + str_bytes(a->url) +
                  str_bytes(a->extra) + str_bytes(a->path);
    if (need > s->buf_cap) {
        free(s->buf);
        s->buf = gm_xmalloc(need);
        s->buf_cap = need;
    }
    char *cursor = s->buf;
    gm_article *c = &s->article;
    c->text = put(&cursor, a->text ? a->text : "", a->text_len);
    c->text_len = a->text_len;
    c->id = put_str(&cursor, a->id);
    c->title = put_str(&cursor, a->title);
    c->date = put_str(&cursor, a->date);
    c->url = put_str(&cursor, a->url);
    c->extra = put_str(&cursor, a->extra);
    c->path = put_str(&cursor, a->path);
    c->line = a->line;
}

/* After delivery: give back what a huge article made the slot keep (the
 * caches, of bounded size, stay). */
static void shrink(gm_pool *p, gm_worker *w, size_t text_len)
{
    if (text_len > SHRINK_BYTES) {
        gm_worker_caches caches = w->caches;
        w->caches = (gm_worker_caches){ NULL, NULL };
        gm_worker_free(w);
        gm_worker_init(w, p->gaz);
        w->caches = caches;
    }
}

/* Runs a slot's article with the caches of the running thread. */
static void run_slot(slot *s, const gm_worker_caches *caches)
{
    gm_worker_run_with(&s->worker, caches, s->article.text,
                       s->article.text_len);
}

static void *thread_main(void *arg)
{
    gm_pool *p = arg;
    gm_worker_caches caches = gm_worker_caches_new(p->gaz);
    pthread_mutex_lock(&p->lock);
    for (;;) {
        if (p->stop)
            break;
        if (p->next_take == p->tail) {
            pthread_cond_wait(&p->work, &p->lock);
            continue;
        }
        uint64_t seq = p->next_take++;
        slot *s = slot_of(p, seq);
        s->state = SLOT_RUNNING;
        pthread_mutex_unlock(&p->lock);
        run_slot(s, &caches);
        pthread_mutex_lock(&p->lock);
        s->state = SLOT_DONE;
        if (seq == p->head)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    gm_worker_caches_free(&caches);
    return NULL;
}

/* Delivers results in order until head reaches `until` (waiting for them,
 * and running queued articles on this thread while the head is not done),
 * then whatever else is ready without waiting. Called with the lock held;
 * the callback runs without it. */
static gm_status deliver(gm_pool *p, uint64_t until, gm_error *err)
{
    while (p->head < p->tail) {
        slot *s = slot_of(p, p->head);
        if (s->state != SLOT_DONE) {
            if (p->head >= until)
                break;
            if (p->next_take < p->tail) {
                /* Help rather than sleep: the threads are behind. */
                uint64_t seq = p->next_take++;
                slot *t = slot_of(p, seq);
                t->state = SLOT_RUNNING;
                pthread_mutex_unlock(&p->lock);
                run_slot(t, &p->caller_caches);
                pthread_mutex_lock(&p->lock);
                t->state = SLOT_DONE;
            } else {
                pthread_cond_wait(&p->done, &p->lock);
            }
            continue;
        }
        pthread_mutex_unlock(&p->lock);
        gm_pool_result r = { p->head, &s->article, &s->worker.mentions,
                             &s->worker };
        gm_status st = p->on_result(p->ctx, &r, err);
        shrink(p, &s->worker, s->article.text_len);
        if (s->buf_cap > SHRINK_BYTES) {
            free(s->buf);
            s->buf = NULL;
            s->buf_cap = 0;
        }
        pthread_mutex_lock(&p->lock);
        s->state = SLOT_FREE;
        p->head++;
        if (st != GM_OK) {
            p->failed = true;
            return st;
        }
    }
    return GM_OK;
}

static void stop_threads(gm_pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->started; i++)
        pthread_join(p->threads[i], NULL);
    p->started = 0;
}

gm_status gm_pool_open(const gm_gaz *gaz, const gm_pool_options *opts,
                       gm_pool **out, gm_error *err)
{
    *out = NULL;
    if (!opts || !opts->on_result)
        return gm_err_set(err, GM_E_USAGE, NULL, 0,
                          "worker pool: no result callback");
    unsigned threads = opts->threads ? opts->threads
                                     : gm_pool_default_threads();
    if (threads > GM_POOL_MAX_THREADS)
        return gm_err_set(err, GM_E_USAGE, NULL, 0,
                          "%u threads asked, at most %d", threads,
                          GM_POOL_MAX_THREADS);
    if (opts->in_flight > GM_POOL_MAX_IN_FLIGHT)
        return gm_err_set(err, GM_E_USAGE, NULL, 0,
                          "%u articles in flight asked, at most %d",
                          opts->in_flight, GM_POOL_MAX_IN_FLIGHT);

    gm_pool *p = gm_xcalloc(1, sizeof *p);
    p->gaz = gaz;
    p->on_result = opts->on_result;
    p->ctx = opts->ctx;
    p->n_threads = threads;
    if (threads == 1) {
        gm_worker_init(&p->inline_worker, gaz);
        *out = p;
        return GM_OK;
    }

    size_t n = opts->in_flight;
    if (n == 0) {
        n = (size_t)threads * DEFAULT_PER_THREAD;
        if (n < DEFAULT_MIN_IN_FLIGHT)
            n = DEFAULT_MIN_IN_FLIGHT;
        if (n > DEFAULT_MAX_IN_FLIGHT)
            n = DEFAULT_MAX_IN_FLIGHT;
    }
    p->n_slots = n;
    p->slots = gm_xcalloc(n, sizeof *p->slots);
    p->caller_caches = gm_worker_caches_new(gaz);
    for (size_t i = 0; i < n; i++)
        gm_worker_init(&p->slots[i].worker, gaz);
    p->threads = gm_xcalloc(threads, sizeof *p->threads);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    /* The caller is the last of the threads: it reads and delivers, and
     * runs queued articles whenever it waits for a result (deliver), so
     * that N threads keep N cores busy instead of N + 1 contending. */
    for (unsigned i = 0; i + 1 < threads; i++) {
        int rc = pthread_create(&p->threads[i], NULL, thread_main, p);
        if (rc != 0) {
            gm_pool_close(p);
            gm_err_set(err, GM_E_INTERNAL, NULL, 0,
                       "cannot start worker thread %u of %u: %s", i + 1,
                       threads - 1, strerror(rc));
            if (err)
                err->sys_errno = rc;
            return GM_E_INTERNAL;
        }
        p->started++;
    }
    *out = p;
    return GM_OK;
}

unsigned gm_pool_threads(const gm_pool *pool)
{
    return pool->n_threads;
}

static gm_status refuse_after_failure(gm_error *err)
{
    return gm_err_set(err, GM_E_USAGE, NULL, 0,
                      "worker pool: used after a failed result callback");
}

gm_status gm_pool_submit(gm_pool *pool, const gm_article *article,
                         gm_error *err)
{
    gm_pool *p = pool;
    if (p->failed)
        return refuse_after_failure(err);
    if (!p->slots) {
        gm_worker *w = &p->inline_worker;
        gm_worker_run(w, article->text, article->text_len);
        gm_pool_result r = { p->inline_seq++, article, &w->mentions, w };
        gm_status st = p->on_result(p->ctx, &r, err);
        shrink(p, w, article->text_len);
        if (st != GM_OK)
            p->failed = true;
        return st;
    }

    pthread_mutex_lock(&p->lock);
    /* Room for one more: the oldest result must be out when the ring is
     * full; anything else that is ready goes out too. */
    uint64_t until = p->tail - p->head >= p->n_slots
                         ? p->tail + 1 - p->n_slots
                         : p->head;
    gm_status st = deliver(p, until, err);
    uint64_t seq = p->tail;
    pthread_mutex_unlock(&p->lock);
    if (st != GM_OK)
        return st;

    /* The slot is FREE, so no thread looks at it while it is filled. */
    slot *s = slot_of(p, seq);
    copy_article(s, article);

    pthread_mutex_lock(&p->lock);
    s->state = SLOT_QUEUED;
    p->tail++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
    return GM_OK;
}

gm_status gm_pool_finish(gm_pool *pool, gm_error *err)
{
    gm_pool *p = pool;
    if (p->failed)
        return refuse_after_failure(err);
    if (!p->slots)
        return GM_OK;
    pthread_mutex_lock(&p->lock);
    gm_status st = deliver(p, p->tail, err);
    pthread_mutex_unlock(&p->lock);
    return st;
}

void gm_pool_close(gm_pool *pool)
{
    gm_pool *p = pool;
    if (!p)
        return;
    if (!p->slots) {
        gm_worker_free(&p->inline_worker);
        free(p);
        return;
    }
    stop_threads(p);
    for (size_t i = 0; i < p->n_slots; i++) {
        gm_worker_free(&p->slots[i].worker);
        free(p->slots[i].buf);
    }
    pthread_cond_destroy(&p->done);
    pthread_cond_destroy(&p->work);
    pthread_mutex_destroy(&p->lock);
    gm_worker_caches_free(&p->caller_caches);
    free(p->threads);
    free(p->slots);
    free(p);
}
