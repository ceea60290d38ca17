/* One article through the engine: text → tokens and sentences → spotted
 * spans → resolved mentions → events. A worker owns the per-article
 * scratch memory (arena, token and sentence lists), reset between
 * articles; one worker per thread, all sharing one read-only gazetteer. */
#ifndef GM_COLLECT_WORKER_H
#define GM_COLLECT_WORKER_H

#include "core/arena.h"
#include "events/events.h"
#include "gazetteer/gaz.h"
#include "io/reader.h"
#include "resolve/resolve.h"
#include "spot/spot.h"
#include "text/sentences.h"
#include "text/tokens.h"

/* What a thread keeps from article to article: the spotter's lookups and
 * the resolver's first scores of recurring names. Made for one gazetteer,
 * used by one thread at a time; no result depends on them. */
typedef struct gm_worker_caches {
    gm_spot_cache *spot;
    gm_resolve_cache *resolve;  /* NULL: none */
} gm_worker_caches;

/* Both caches, made for gaz. */
gm_worker_caches gm_worker_caches_new(const gm_gaz *gaz);
/* Frees both and leaves them NULL. */
void gm_worker_caches_free(gm_worker_caches *caches);

typedef struct gm_worker {
    const gm_gaz *gaz;   /* borrowed */
    gm_arena arena;
    gm_tok_list tokens;
    gm_sent_list sentences;
    gm_span_list spans;
    gm_mention_list mentions; /* the result of the last run */
    gm_event_list events;     /* its events, placed and dated */
    gm_worker_caches caches;  /* owned, made by the first gm_worker_run */
} gm_worker;

void gm_worker_init(gm_worker *w, const gm_gaz *gaz);

/* Processes one article; the result (w->mentions, events, spans, tokens)
 * is valid until the next run. The article text must be valid UTF-8 (the
 * readers guarantee it). The worker's own caches remember what recurs. */
void gm_worker_run(gm_worker *w, const char *text, size_t len);

/* gm_worker_run with the caches of the caller (borrowed, made for the
 * worker's gazetteer): the pool gives each thread one set for every
 * worker it runs. Same result. */
void gm_worker_run_with(gm_worker *w, const gm_worker_caches *caches,
                        const char *text, size_t len);

/* gm_worker_run_with the spotter's cache alone. Same result. */
void gm_worker_run_cached(gm_worker *w, gm_spot_cache *cache,
                          const char *text, size_t len);

void gm_worker_free(gm_worker *w);

#endif
