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

typedef struct gm_worker {
    const gm_gaz *gaz;   /* borrowed */
    gm_arena arena;
    gm_tok_list tokens;
    gm_sent_list sentences;
    gm_span_list spans;
    gm_mention_list mentions; /* the result of the last run */
    gm_event_list events;     /* its events, placed and dated */
    gm_spot_cache *cache;     /* owned, made by the first gm_worker_run */
} gm_worker;

void gm_worker_init(gm_worker *w, const gm_gaz *gaz);

/* Processes one article; the result (w->mentions, events, spans, tokens)
 * is valid until the next run. The article text must be valid UTF-8 (the
 * readers guarantee it). The spotter remembers its lookups in the
 * worker's own cache. */
void gm_worker_run(gm_worker *w, const char *text, size_t len);

/* gm_worker_run with the spotter's cache of the caller (borrowed, made for
 * the worker's gazetteer, used by one thread at a time): the pool gives
 * each thread one cache for every worker it runs. Same result. */
void gm_worker_run_cached(gm_worker *w, gm_spot_cache *cache,
                          const char *text, size_t len);

void gm_worker_free(gm_worker *w);

#endif
