/* The resolver: one place per candidate span, with a score in [0, 1].
 * Evidence, in order of weight: an "X, Y" pair where Y is X's first-level
 * division or country ("Paris, Texas"); the article's focus (the countries
 * and divisions that its other mentions point to); the place's prior
 * (feature kind, capital status, population); one sense per name per
 * article. Thread-safe with one arena per thread. */
#ifndef GM_RESOLVE_RESOLVE_H
#define GM_RESOLVE_RESOLVE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "gazetteer/gaz.h"
#include "spot/spot.h"
#include "text/tokens.h"

typedef struct gm_mention {
    uint32_t off, len;   /* bytes in the text */
    uint32_t span;       /* index in the span list */
    uint32_t place;      /* gazetteer place index */
    uint16_t name_flags; /* GM_NAME_* of the name that matched */
    float score;         /* 0..1 */
} gm_mention;

typedef struct gm_mention_list {
    gm_mention *v;       /* in the arena, in text order */
    size_t n;
} gm_mention_list;

/* Resolves every span; a span whose candidates all score too low to be
 * trusted is dropped. Everything returned lives in arena. Never fails. */
void gm_resolve_article(const gm_gaz *gaz, const gm_tok_list *tokens,
                        const gm_span_list *spans, gm_arena *arena,
                        gm_mention_list *out);

/* What the resolver remembers of the sets of candidates it has weighed
 * (the places' kinds, containers and priors), so that a name met in an
 * earlier article costs no gazetteer reads and no logarithms: most names
 * of the news recur. It changes no result, only the time; its memory is
 * bounded (about 7 MiB). It serves the one gazetteer gaz, which must
 * outlive it. Not thread-safe: one thread at a time. Owned:
 * gm_resolve_cache_free (accepts NULL). */
typedef struct gm_resolve_cache gm_resolve_cache;

gm_resolve_cache *gm_resolve_cache_new(const gm_gaz *gaz);
/* The same with room for max_sets sets of candidates (> 0) and max_cells
 * candidates over all of them, for tests of a full cache. */
gm_resolve_cache *gm_resolve_cache_new_sized(const gm_gaz *gaz,
                                             uint32_t max_sets,
                                             uint32_t max_cells);
void gm_resolve_cache_free(gm_resolve_cache *cache);

/* gm_resolve_article with cache (borrowed, made for gaz; NULL for none),
 * which may have served other articles. Same result. */
void gm_resolve_article_cached(const gm_gaz *gaz, gm_resolve_cache *cache,
                               const gm_tok_list *tokens,
                               const gm_span_list *spans, gm_arena *arena,
                               gm_mention_list *out);

#endif
