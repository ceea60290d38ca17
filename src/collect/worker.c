/* The per-article pipeline, stage after stage; no stage reaches back. */
#include "collect/worker.h"

#include <string.h>

void gm_worker_init(gm_worker *w, const gm_gaz *gaz)
{
    memset(w, 0, sizeof *w);
    w->gaz = gaz;
}

gm_worker_caches gm_worker_caches_new(const gm_gaz *gaz)
{
    return (gm_worker_caches){ gm_spot_cache_new(gaz),
                               gm_resolve_cache_new(gaz) };
}

void gm_worker_caches_free(gm_worker_caches *caches)
{
    gm_spot_cache_free(caches->spot);
    gm_resolve_cache_free(caches->resolve);
    caches->spot = NULL;
    caches->resolve = NULL;
}

void gm_worker_run(gm_worker *w, const char *text, size_t len)
{
    if (!w->caches.spot)
        w->caches = gm_worker_caches_new(w->gaz);
    gm_worker_run_with(w, &w->caches, text, len);
}

void gm_worker_run_cached(gm_worker *w, gm_spot_cache *cache,
                          const char *text, size_t len)
{
    gm_worker_caches caches = { cache, NULL };
    gm_worker_run_with(w, &caches, text, len);
}

void gm_worker_run_with(gm_worker *w, const gm_worker_caches *caches,
                        const char *text, size_t len)
{
    gm_arena_reset(&w->arena);
    gm_tok_split(text, len, &w->tokens);
    gm_sent_split(text, &w->tokens, &w->sentences);
    gm_spot_article(w->gaz, caches->spot, text, &w->tokens, &w->sentences,
                    &w->arena, &w->spans);
    gm_resolve_article_cached(w->gaz, caches->resolve, &w->tokens,
                              &w->spans, &w->arena, &w->mentions);
    gm_event_article(w->gaz, text, &w->tokens, &w->sentences, &w->spans,
                     &w->mentions, 0, &w->arena, &w->events);
}

void gm_worker_free(gm_worker *w)
{
    if (!w)
        return;
    gm_arena_free(&w->arena);
    gm_tok_list_free(&w->tokens);
    gm_sent_list_free(&w->sentences);
    gm_worker_caches_free(&w->caches);
}
