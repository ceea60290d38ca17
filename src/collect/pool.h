/* The worker pool: articles through the engine on N threads, results back
 * on the caller's thread in input order, so that what the collector and the
 * exporters see (and so every output byte) does not depend on N.
 *
 * The caller submits articles one by one as the reader hands them out; the
 * pool copies what it needs (the reader's article is borrowed only until its
 * next call), queues it, and calls the result callback, on the caller's
 * thread and inside gm_pool_submit or gm_pool_finish, for every article
 * whose turn has come. At most `in_flight` articles are held at once: when
 * the queue is full, gm_pool_submit delivers the oldest result first, and
 * waits for it (running queued articles itself meanwhile) when the workers
 * are behind. Memory is therefore bounded by in_flight articles and their
 * scratch memory, whatever the size of the input.
 *
 * With N threads the pool starts N - 1: the caller's thread is the Nth,
 * running queued articles whenever it waits for a result. With one thread
 * the pool runs every article inline, on the caller's thread, without
 * copying it. The gazetteer is shared read-only by all
 * threads. A pool is used from one thread (the caller's): it is not itself
 * thread-safe, and the callback needs no locking. */
#ifndef GM_COLLECT_POOL_H
#define GM_COLLECT_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "collect/worker.h"
#include "core/error.h"
#include "gazetteer/gaz.h"
#include "io/reader.h"
#include "resolve/resolve.h"

/* The most threads and articles in flight a pool accepts. */
#define GM_POOL_MAX_THREADS 256
#define GM_POOL_MAX_IN_FLIGHT 1024

typedef struct gm_pool gm_pool;

/* One article's result, borrowed for the duration of the callback. */
typedef struct gm_pool_result {
    uint64_t seq;                     /* 0-based position in input order */
    const gm_article *article;        /* the pool's copy (every field of the
                                         submitted one); inline: the
                                         submitted article itself */
    const gm_mention_list *mentions;  /* what gm_collect_article takes */
    const gm_worker *worker;          /* the worker that ran the article:
                                         tokens, sentences, spans */
} gm_pool_result;

/* Receives the results in input order, on the caller's thread. A status
 * other than GM_OK (with err filled) stops the pool: the submit or finish
 * that called it returns that status, and later results are dropped. It
 * must not call back into the pool. */
typedef gm_status (*gm_pool_result_fn)(void *ctx, const gm_pool_result *result,
                                       gm_error *err);

typedef struct gm_pool_options {
    unsigned threads;       /* threads running articles, the caller's
                               included (N - 1 are started); 0: the number
                               of online processors; 1: inline, no thread */
    unsigned in_flight;     /* articles held at once (queued, running or
                               waiting for delivery); 0: 8 per thread, at
                               least 16 and at most 64. Ignored inline. */
    gm_pool_result_fn on_result; /* required */
    void *ctx;              /* passed to on_result */
} gm_pool_options;

/* The number of online processors (at least 1): the default of -j. */
unsigned gm_pool_default_threads(void);

/* Starts a pool over gaz, which must outlive it. Fails with GM_E_USAGE
 * (no callback, more than GM_POOL_MAX_THREADS threads or
 * GM_POOL_MAX_IN_FLIGHT in flight) or GM_E_INTERNAL (a thread could not be
 * started, with errno); *out is NULL then. Owned: gm_pool_close. */
gm_status gm_pool_open(const gm_gaz *gaz, const gm_pool_options *opts,
                       gm_pool **out, gm_error *err);

/* The number of worker threads (1 when inline). */
unsigned gm_pool_threads(const gm_pool *pool);

/* Queues article (its text valid UTF-8, as the readers guarantee) and
 * delivers the results that are ready, oldest first. article is only read
 * during the call. Returns GM_OK, or the status of a failed callback (err
 * as the callback filled it); after a failure the pool accepts nothing more
 * (GM_E_USAGE) and the caller closes it. */
gm_status gm_pool_submit(gm_pool *pool, const gm_article *article,
                         gm_error *err);

/* Waits for every submitted article and delivers the remaining results in
 * order. GM_OK or the status of a failed callback, as for submit. The pool
 * may take more articles afterwards. */
gm_status gm_pool_finish(gm_pool *pool, gm_error *err);

/* Stops the threads and frees everything; results not yet delivered are
 * dropped without a callback. Accepts NULL. */
void gm_pool_close(gm_pool *pool);

#endif
