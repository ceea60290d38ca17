/* The spotter: every gazetteer name in an article's tokens, longest match
 * first, as candidate spans with their gazetteer candidates. It decides
 * what looks like a place reference (capitalisation, abbreviations spelled
 * in capitals, words that are also common words or months, titles of
 * persons); which place a span means is the resolver's job.
 * Thread-safe with one gm_arena and one gm_spot_cache per thread: the
 * gazetteer is only read. */
#ifndef GM_SPOT_SPOT_H
#define GM_SPOT_SPOT_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "gazetteer/gaz.h"
#include "text/sentences.h"
#include "text/tokens.h"

/* Why a span was taken, for the resolver's weighing. */
enum {
    GM_SPAN_LOCATIVE = 1 << 0,   /* after "in", "at", "near", "from"... */
    GM_SPAN_SENT_START = 1 << 1, /* first word of its sentence */
    GM_SPAN_COMMON = 1 << 2,     /* every candidate is a common word */
    GM_SPAN_UPPER = 1 << 3,      /* written in capitals */
    GM_SPAN_DEMONYM_ONLY = 1 << 4,/* every candidate name is a demonym */
    GM_SPAN_COMMA_AFTER = 1 << 5 /* a comma right after it: "Paris, Texas" */
};

typedef struct gm_span {
    uint32_t tok_begin, tok_end; /* tokens [begin, end) */
    uint32_t off, len;           /* bytes in the text */
    uint32_t sentence;           /* index in the sentence list */
    uint32_t flags;              /* GM_SPAN_* */
    gm_gaz_hit *hits;            /* candidates kept, in the arena; the
                                    occurrences of a name share them:
                                    read-only */
    uint32_t n_hits;
} gm_span;

typedef struct gm_span_list {
    gm_span *v;                  /* in the arena, in text order */
    size_t n;
} gm_span_list;

/* The gazetteer lookups a spotter remembers from article to article: a
 * fixed-size table (432 KiB), so that the words news repeats ("The",
 * "President", months) are not looked up again in each article. What it
 * holds saves time only: the spans of an article are the same whatever
 * articles it has seen, so each thread keeps its own without locks and
 * the results of N threads equal those of one. It serves the one
 * gazetteer gaz, which must outlive it. Not thread-safe: one thread at a
 * time. Owned: gm_spot_cache_free (accepts NULL). */
typedef struct gm_spot_cache gm_spot_cache;

gm_spot_cache *gm_spot_cache_new(const gm_gaz *gaz);
void gm_spot_cache_free(gm_spot_cache *cache);

/* Finds the candidate spans of one tokenised article. Spans do not overlap.
 * Everything returned lives in arena. cache (required, made for gaz) may
 * have served other articles. Never fails. */
void gm_spot_article(const gm_gaz *gaz, gm_spot_cache *cache,
                     const char *text, const gm_tok_list *tokens,
                     const gm_sent_list *sentences, gm_arena *arena,
                     gm_span_list *out);

#endif
