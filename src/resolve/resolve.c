/* Resolution by scoring: prior + pair evidence + article focus, then one
 * sense per name. See resolve.h for the order of the evidence. */
#include "resolve/resolve.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/alloc.h"

/* Weights: the prior of a big city is about 1; a confirmed "X, Y" pair
 * outweighs any prior; an article wholly about one division can overturn
 * a population gap of about two orders of magnitude (local news names its
 * own small towns, not their famous namesakes). */
#define W_PAIR 3.0
#define W_FOCUS_COUNTRY 1.5
#define W_FOCUS_ADMIN1 1.5
#define W_DEMONYM_COUNTRY 0.3
/* A division that shares its name with a city close to its point is that
 * city's own district (Kyiv and "Kyiv City", Baku): the news means the
 * city, so the district loses weight (the city gains none over other
 * cities). */
#define W_CITY_OVER_OWN_DIVISION 0.8
#define OWN_DIVISION_KM 50.0
#define OFFICIAL_NAME (GM_NAME_PRIMARY | GM_NAME_ASCII)
/* A town named after a country ("Egypt", "Lebanon") needs a strong local
 * focus to win over the country. */
#define W_TOWN_NAMED_AFTER_COUNTRY (-1.0)

/* The first n bytes of s (with its NUL when n is its length + 1) as a
 * word, zeros after them, as the feature codes are read in prior_of. */
static uint64_t code_of(const char *s, size_t n)
{
    uint64_t v = 0;
    memcpy(&v, s, n);
    return v;
}

static double prior_of(const gm_place_brief *p, uint16_t name_flags)
{
    double prior;
    switch (p->kind) {
    case GM_KIND_COUNTRY: prior = 1.6; break;
    case GM_KIND_CONTINENT: prior = 1.4; break;
    case GM_KIND_ADMIN1: prior = 1.2; break;
    case GM_KIND_REGION: prior = 1.0; break;
    case GM_KIND_FEATURE: prior = 0.7; break;
    case GM_KIND_ADMIN2: prior = 0.6; break;
    case GM_KIND_CITY: {
        prior = log10((double)p->population + 10.0) / 7.0;
        /* The code's first five bytes against "PPLC" and its NUL (strcmp's
         * equality), its first four against "PPLH" (strncmp's): one
         * comparison of a word each. */
        uint64_t code5 = 0, code4 = 0;
        memcpy(&code5, p->feature_code, 5);
        memcpy(&code4, p->feature_code, 4);
        if (code5 == code_of("PPLC", 5))
            prior += 0.35;
        else if (code5 == code_of("PPLA", 5))
            prior += 0.15;
        else if (code4 == code_of("PPLH", 4) || code5 == code_of("PPLQ", 5))
            prior -= 0.5; /* historical or abandoned */
        break;
    }
    default: prior = 0.3; break;
    }
    /* A place called by its own name beats one that has the name among
     * its variants (old names, names in other languages). */
    if (name_flags & (GM_NAME_PRIMARY | GM_NAME_ASCII | GM_NAME_PREFERRED |
                      GM_NAME_ABBR | GM_NAME_DEMONYM))
        prior += 0.3;
    if (name_flags & GM_NAME_HISTORIC)
        prior -= 0.2;
    return prior;
}

/* What the rules read of a candidate's place, read from the gazetteer once
 * per candidate: its kind, point, and the country and first-level division
 * it stands in. Only the containers are read after the first scores (the
 * cache keeps no more). */
typedef struct cand_place {
    gm_place_kind kind;
    uint32_t country, admin1;
    double lat, lon;
} cand_place;

static void read_place(const gm_gaz *gaz, uint32_t place, cand_place *out,
                       gm_place_brief *p)
{
    gm_gaz_place_brief(gaz, place, p);
    out->kind = p->kind;
    out->country = p->kind == GM_KIND_COUNTRY ? place : p->country_place;
    out->admin1 = p->kind == GM_KIND_ADMIN1 ? place : p->admin1_place;
    out->lat = p->lat;
    out->lon = p->lon;
}

/* Is the city closer than OWN_DIVISION_KM to the division's point? Points
 * half a degree of latitude apart are at least 55 km apart on the sphere,
 * far enough from the bound that rounding cannot bring the haversine below
 * it, so most pairs (namesakes across the world) need no trigonometry. */
static bool within_own_division_km(const cand_place *city,
                                   const cand_place *div)
{
    /* Half a degree of latitude is 55.6 km; an integer test, since clang
     * takes no floating comparison in a constant expression. */
    _Static_assert((int)OWN_DIVISION_KM < 55, "the latitude test holds");
    if (fabs(city->lat - div->lat) > 0.5)
        return false;
    return gm_gaz_distance_km(city->lat, city->lon, div->lat, div->lon) <
           OWN_DIVISION_KM;
}

#define KIND_BIT(k) (1u << (k))
_Static_assert(GM_KIND_FEATURE < 32, "a bit per kind");

/* 1b. A city over the division of the same name around it. */
static void city_over_own_division(const gm_span *sp, const cand_place *cp,
                                   double *score)
{
    for (uint32_t g = 0; g < sp->n_hits; g++) {
        const cand_place *div = &cp[g];
        if (div->kind != GM_KIND_ADMIN1 && div->kind != GM_KIND_ADMIN2)
            continue;
        bool div_official = sp->hits[g].flags & OFFICIAL_NAME;
        for (uint32_t h = 0; h < sp->n_hits; h++) {
            const cand_place *city = &cp[h];
            /* Only where the division is not officially so named or the
             * city is: "Oklahoma" is the state, not the city whose
             * shortened name it also is. */
            bool city_official = sp->hits[h].flags & OFFICIAL_NAME;
            if (city->kind == GM_KIND_CITY &&
                (city_official || !div_official) &&
                within_own_division_km(city, div)) {
                score[g] -= W_CITY_OVER_OWN_DIVISION;
                break;
            }
        }
    }
}

/* 1c. Towns that bear a country's own name. */
static void towns_named_after_country(const gm_span *sp, const cand_place *cp,
                                      double *score)
{
    bool country_by_name = false;
    for (uint32_t h = 0; h < sp->n_hits; h++)
        if (cp[h].kind == GM_KIND_COUNTRY &&
            (sp->hits[h].flags & OFFICIAL_NAME))
            country_by_name = true;
    if (!country_by_name)
        return;
    for (uint32_t h = 0; h < sp->n_hits; h++)
        if (cp[h].kind == GM_KIND_CITY)
            score[h] += W_TOWN_NAMED_AFTER_COUNTRY;
}

/* 1, 1b and 1c for the candidates of one span: what the rules read of
 * each place into c, the scores into sc. */
static void first_scores(const gm_gaz *gaz, const gm_span *sp, cand_place *c,
                         double *sc)
{
    unsigned kinds = 0; /* bit k: a candidate of kind k */
    for (uint32_t h = 0; h < sp->n_hits; h++) {
        gm_place_brief p;
        read_place(gaz, sp->hits[h].place, &c[h], &p);
        sc[h] = prior_of(&p, sp->hits[h].flags);
        kinds |= KIND_BIT(c[h].kind);
    }
    /* Both rules move scores only where a city stands beside a division
     * or a country among the candidates. */
    if ((kinds & KIND_BIT(GM_KIND_CITY)) &&
        (kinds & (KIND_BIT(GM_KIND_ADMIN1) | KIND_BIT(GM_KIND_ADMIN2))))
        city_over_own_division(sp, c, sc);
    if ((kinds & KIND_BIT(GM_KIND_CITY)) &&
        (kinds & KIND_BIT(GM_KIND_COUNTRY)))
        towns_named_after_country(sp, c, sc);
}

/* The cache: first_scores' results by set of candidates (a span's hits,
 * bytewise), in an open-addressed table over two arrays of cells, the
 * hits and what the later stages read of first_scores' results. A set
 * that does not fit empties it: what it holds is a pure function of the
 * hits, so emptying changes no result. */
typedef struct cache_slot {
    uint64_t hash;   /* of the hits; 0: empty */
    uint32_t cell;   /* the set's first cell */
    uint32_t n_hits;
} cache_slot;

typedef struct cache_cell {
    uint32_t country, admin1; /* as cand_place */
    double score;             /* as first_scores leaves it */
    double w0;                /* the weight of the first round of the focus
                                 for these scores; NaN: not yet known (the
                                 first cell's tells for the set) */
} cache_cell;

struct gm_resolve_cache {
    const gm_gaz *gaz;
    cache_slot *slot;        /* [mask + 1], at most half of them used */
    gm_gaz_hit *hits;        /* [max_cells] */
    cache_cell *cell;        /* [max_cells] */
    size_t mask;
    uint32_t max_sets, max_cells;
    uint32_t sets, cells;    /* used */
    uint32_t empties;        /* times emptied */
};

gm_resolve_cache *gm_resolve_cache_new(const gm_gaz *gaz)
{
    return gm_resolve_cache_new_sized(gaz, 1u << 14, 1u << 18);
}

gm_resolve_cache *gm_resolve_cache_new_sized(const gm_gaz *gaz,
                                             uint32_t max_sets,
                                             uint32_t max_cells)
{
    assert(max_sets > 0 && max_sets <= UINT32_MAX / 2);
    gm_resolve_cache *c = gm_xcalloc(1, sizeof *c);
    size_t slots = 2;
    while (slots < 2 * (size_t)max_sets)
        slots *= 2;
    c->gaz = gaz;
    c->slot = gm_xcalloc(slots, sizeof *c->slot);
    c->mask = slots - 1;
    c->max_sets = max_sets;
    c->max_cells = max_cells;
    c->hits = gm_xmalloc((max_cells ? max_cells : 1) * sizeof *c->hits);
    c->cell = gm_xmalloc((max_cells ? max_cells : 1) * sizeof *c->cell);
    return c;
}

void gm_resolve_cache_free(gm_resolve_cache *cache)
{
    if (!cache)
        return;
    free(cache->slot);
    free(cache->hits);
    free(cache->cell);
    free(cache);
}

/* first_scores through the cache: the stored results of the same hits,
 * else first_scores' own, stored when they fit (after emptying the cache
 * when it is full). Returns the set's first cell, NO_CELL when not kept. */
#define NO_CELL UINT32_MAX

static uint64_t set_hash(const gm_span *sp)
{
    return XXH3_64bits(sp->hits, sp->n_hits * sizeof *sp->hits) | 1;
}

/* The two steps of fetching ahead what first_scores_cached reads for a
 * set of hash hash: its first slot, then, once that is in cache, the
 * cells of the set it holds when it is this one's. Only hints. */
static void prefetch_slot(const gm_resolve_cache *cache, uint64_t hash)
{
#if defined(__GNUC__)
    __builtin_prefetch(&cache->slot[(size_t)(hash >> 32) & cache->mask]);
#else
    (void)cache;
    (void)hash;
#endif
}

static void prefetch_cells(const gm_resolve_cache *cache, uint64_t hash)
{
#if defined(__GNUC__)
    const cache_slot *e = &cache->slot[(size_t)(hash >> 32) & cache->mask];
    if (e->hash == hash) {
        __builtin_prefetch(cache->hits + e->cell);
        __builtin_prefetch(cache->cell + e->cell);
    }
#else
    (void)cache;
    (void)hash;
#endif
}

static uint32_t first_scores_cached(const gm_gaz *gaz,
                                    gm_resolve_cache *cache,
                                    const gm_span *sp, uint64_t hash,
                                    cand_place *c, double *sc)
{
    uint32_t nh = sp->n_hits;
    size_t bytes = nh * sizeof *sp->hits;
    size_t i = (size_t)(hash >> 32) & cache->mask;
    for (; cache->slot[i].hash; i = (i + 1) & cache->mask) {
        const cache_slot *e = &cache->slot[i];
        if (e->hash != hash || e->n_hits != nh ||
            memcmp(cache->hits + e->cell, sp->hits, bytes) != 0)
            continue;
        const cache_cell *v = cache->cell + e->cell;
        for (uint32_t h = 0; h < nh; h++) {
            c[h].country = v[h].country;
            c[h].admin1 = v[h].admin1;
            sc[h] = v[h].score;
        }
        return e->cell;
    }
    first_scores(gaz, sp, c, sc);
    if (nh > cache->max_cells || nh == 0)
        return NO_CELL;
    if (cache->sets == cache->max_sets ||
        cache->cells > cache->max_cells - nh) {
        memset(cache->slot, 0, (cache->mask + 1) * sizeof *cache->slot);
        cache->sets = cache->cells = 0;
        cache->empties++;
        i = (size_t)(hash >> 32) & cache->mask;
    }
    cache->slot[i] = (cache_slot){ hash, cache->cells, nh };
    memcpy(cache->hits + cache->cells, sp->hits, bytes);
    cache_cell *v = cache->cell + cache->cells;
    for (uint32_t h = 0; h < nh; h++)
        v[h] = (cache_cell){ c[h].country, c[h].admin1, sc[h], NAN };
    cache->sets++;
    cache->cells += nh;
    return (uint32_t)(v - cache->cell);
}

/* Is span b right after span a with only a comma between: "Paris, Texas". */
static bool comma_pair(const gm_span *a, const gm_span *b)
{
    return (a->flags & GM_SPAN_COMMA_AFTER) && b->tok_begin == a->tok_end + 1;
}

/* A hash of the span's folded words, for grouping the occurrences of a
 * name (equal words, equal hash). */
static uint64_t span_key(const gm_tok_list *toks, const gm_span *s)
{
    uint64_t h = 0;
    for (uint32_t k = s->tok_begin; k < s->tok_end; k++) {
        const gm_token *t = &toks->v[k];
        if (t->fold_len)
            h = XXH3_64bits_withSeed(gm_tok_folded(toks, k), t->fold_len, h);
    }
    return h;
}

_Static_assert(sizeof(gm_gaz_hit) == 12, "hits compare bytewise");

#define NO_SPAN UINT32_MAX

/* Fills keys[s] with each span's span_key and earlier[s] with the last span
 * before s with the same key (NO_SPAN for none), and returns same: same[s]
 * is the first span with the same candidates as span s (the same name and
 * the same hits in the same order), s itself when there is none before it. */
static uint32_t *same_candidates(const gm_tok_list *toks,
                                 const gm_span_list *spans, gm_arena *arena,
                                 uint64_t *keys, uint32_t *earlier)
{
    size_t n = spans->n, slots = 16;
    while (slots < 2 * n)
        slots *= 2;
    uint32_t *slot = gm_arena_calloc(arena, slots, sizeof *slot); /* span + 1 */
    uint32_t *same = gm_arena_alloc(arena, n * sizeof *same);
    for (size_t s = 0; s < n; s++) {
        const gm_span *sp = &spans->v[s];
        keys[s] = span_key(toks, sp);
        size_t i = (size_t)(keys[s] & (slots - 1));
        while (slot[i] && keys[slot[i] - 1] != keys[s])
            i = (i + 1) & (slots - 1);
        earlier[s] = slot[i] ? slot[i] - 1 : NO_SPAN;
        slot[i] = (uint32_t)s + 1;
        same[s] = (uint32_t)s;
        for (uint32_t t = earlier[s]; t != NO_SPAN; t = earlier[t]) {
            const gm_span *tp = &spans->v[t];
            if (tp->n_hits == sp->n_hits &&
                memcmp(tp->hits, sp->hits,
                       sp->n_hits * sizeof *sp->hits) == 0) {
                same[s] = same[t];
                break;
            }
        }
    }
    return same;
}

/* Weight on each country or division: the article's focus. The containers
 * of all candidates are numbered once per article (entries, in the order
 * they are first met), so that the rounds that weigh them add and read by
 * index and search nothing. */
typedef struct focus {
    uint32_t *slot_place; /* hash table: place + 1 (0: empty) ... */
    uint32_t *slot_entry; /* ... and its entry */
    size_t mask;
    size_t n;             /* entries */
    double *weight;       /* per entry */
    double total;
} focus;

#define NO_ENTRY UINT32_MAX

static focus focus_new(gm_arena *arena, size_t max_entries)
{
    size_t slots = 16;
    while (slots < 2 * max_entries)
        slots *= 2;
    return (focus){ gm_arena_calloc(arena, slots, sizeof(uint32_t)),
                    gm_arena_alloc(arena, slots * sizeof(uint32_t)), slots - 1,
                    0, NULL, 0 };
}

/* The entry of container place (NO_ENTRY for none), made at first sight. */
static uint32_t focus_entry(focus *f, uint32_t place)
{
    if (place == UINT32_MAX)
        return NO_ENTRY;
    size_t i = (size_t)((place * 2654435761u) & f->mask);
    for (; f->slot_place[i]; i = (i + 1) & f->mask)
        if (f->slot_place[i] == place + 1)
            return f->slot_entry[i];
    f->slot_place[i] = place + 1;
    f->slot_entry[i] = (uint32_t)f->n;
    return (uint32_t)f->n++;
}

static void focus_clear(focus *f)
{
    memset(f->weight, 0, f->n * sizeof *f->weight);
    f->total = 0;
}

/* What span s put on each of its candidates' countries (entries ec[],
 * weights w[], n candidates): own[e] is the sum, over the candidates g in
 * order, of w[g] where ec[g] is e; an entry of no candidate of s keeps
 * another span's. mark[e] tells which span's sum own[e] holds, so that the
 * first addition of a sum from 0, 0 + w[g], is w[g] (weights are positive
 * or +0). The same for divisions. */
static void own_weights(const uint32_t *ec, const double *w, uint32_t n,
                        uint32_t s, double *own, uint32_t *mark)
{
    for (uint32_t g = 0; g < n; g++) {
        uint32_t e = ec[g];
        if (e == NO_ENTRY)
            continue;
        if (mark[e] != s) {
            mark[e] = s;
            own[e] = w[g];
        } else {
            own[e] += w[g];
        }
    }
}

/* twin[s]: the first span with the same candidates as s (same[]) and bit
 * for bit the same base scores, s itself when there is none before it. */
static uint32_t *twins(const gm_span_list *spans, const uint32_t *same,
                       const double *base, const size_t *at, gm_arena *arena)
{
    size_t n = spans->n;
    uint32_t *twin = gm_arena_alloc(arena, 3 * n * sizeof *twin);
    /* the spans of each group of same[], latest first */
    uint32_t *last = twin + n, *prev = last + n;
    for (size_t s = 0; s < n; s++) {
        twin[s] = (uint32_t)s;
        if (same[s] == s) {
            prev[s] = NO_SPAN;
        } else {
            size_t bytes = spans->v[s].n_hits * sizeof *base;
            for (uint32_t t = last[same[s]]; t != NO_SPAN; t = prev[t])
                if (memcmp(base + at[t], base + at[s], bytes) == 0) {
                    twin[s] = twin[t];
                    break;
                }
            prev[s] = last[same[s]];
        }
        last[same[s]] = (uint32_t)s;
    }
    return twin;
}

/* The occurrences of each name, for one sense per name: next[s] is the
 * next span after s with the same key (earlier[], from same_candidates)
 * and as many candidates, NO_SPAN for none; follows[s] says that there is
 * one before it. */
static void name_occurrences(const gm_span_list *spans,
                             const uint32_t *earlier, uint32_t *next,
                             bool *follows)
{
    for (size_t s = 0; s < spans->n; s++) {
        next[s] = NO_SPAN;
        follows[s] = false;
        for (uint32_t t = earlier[s]; t != NO_SPAN; t = earlier[t])
            if (spans->v[t].n_hits == spans->v[s].n_hits) {
                next[t] = (uint32_t)s;
                follows[s] = true;
                break;
            }
    }
}

/* exp(score - best): the relative likelihood of a candidate. The best
 * itself, and any that ties it, is exp(0) = 1 without the call. */
static double exp_below(double score, double best)
{
    return score == best ? 1.0 : exp(score - best);
}

/* fmax(a, b) for numbers (scores are never NaN): a when a > b, else b, as
 * the library's fmax returns them, zeros of either sign included. */
static double max_of(double a, double b)
{
    return a > b ? a : b;
}

static size_t best_index(const double *score, uint32_t n)
{
    size_t best = 0;
    for (uint32_t h = 1; h < n; h++)
        if (score[h] > score[best])
            best = h;
    return best;
}

void gm_resolve_article(const gm_gaz *gaz, const gm_tok_list *toks,
                        const gm_span_list *spans, gm_arena *arena,
                        gm_mention_list *out)
{
    gm_resolve_article_cached(gaz, NULL, toks, spans, arena, out);
}

void gm_resolve_article_cached(const gm_gaz *gaz, gm_resolve_cache *cache,
                               const gm_tok_list *toks,
                               const gm_span_list *spans, gm_arena *arena,
                               gm_mention_list *out)
{
    assert(!cache || cache->gaz == gaz);
    out->v = gm_arena_alloc(arena, (spans->n ? spans->n : 1) * sizeof *out->v);
    out->n = 0;
    if (spans->n == 0)
        return;
    size_t n = spans->n;
    /* The arrays of candidates hold those of all spans, span s's from
     * at[s]: one allocation each per article. */
    size_t *at = gm_arena_alloc(arena, 2 * n * sizeof *at);
    size_t *best_of = at + n; /* for the final scores */
    size_t total_hits = 0;
    uint32_t max_hits = 0;
    for (size_t s = 0; s < n; s++) {
        at[s] = total_hits;
        total_hits += spans->v[s].n_hits;
        if (spans->v[s].n_hits > max_hits)
            max_hits = spans->v[s].n_hits;
    }
    size_t cells = total_hits + 1;
    double *score = gm_arena_alloc(arena, 3 * cells * sizeof *score);
    double *base = score + cells, *w = base + cells; /* for the focus */
    /* what the rules read of a candidate's place, filled at the first span
     * of each set of candidates (same[]) */
    cand_place *cp = gm_arena_alloc(arena, cells * sizeof *cp);
    uint64_t *keys = gm_arena_alloc(arena, n * sizeof *keys);
    uint32_t *earlier = gm_arena_alloc(arena, 2 * n * sizeof *earlier);
    uint32_t *next = earlier + n; /* for one sense per name */
    bool *paired = gm_arena_calloc(arena, 3 * n, sizeof *paired);
    bool *follows = paired + n;
    bool *moved = follows + n; /* scores changed by a pair */

    /* 1. Priors; 1b. a city over the division of the same name around it;
     * 1c. towns that bear a country's own name. They read only a span's
     * candidates, so a name the article repeats (about half of its spans)
     * takes them from its first occurrence. */
    uint32_t *same = same_candidates(toks, spans, arena, keys, earlier);
    /* cell_of[s]: the cached set of span s (NO_CELL for none), whose first
     * round of the focus, where no pair moved the span's scores, is known
     * after its first use (cells are good while the cache is not emptied
     * in this article) */
    uint32_t *cell_of = NULL;
    uint32_t empties = cache ? cache->empties : 0;
    /* hash_of[s]: the hash of the set of span s, where same[s] is s; the
     * cache's slots and cells are megabytes, so each set's are fetched
     * ahead, all of the article's at once, instead of one miss after the
     * other. */
    uint64_t *hash_of = NULL;
    if (cache) {
        cell_of = gm_arena_alloc(arena, n * sizeof *cell_of);
        hash_of = gm_arena_alloc(arena, n * sizeof *hash_of);
        for (size_t s = 0; s < n; s++)
            if (same[s] == s) {
                hash_of[s] = set_hash(&spans->v[s]);
                prefetch_slot(cache, hash_of[s]);
            }
        for (size_t s = 0; s < n; s++)
            if (same[s] == s)
                prefetch_cells(cache, hash_of[s]);
    }
    for (size_t s = 0; s < n; s++) {
        const gm_span *sp = &spans->v[s];
        double *sc = score + at[s];
        if (same[s] != s) {
            memcpy(sc, score + at[same[s]], sp->n_hits * sizeof *sc);
            if (cache)
                cell_of[s] = cell_of[same[s]];
            continue;
        }
        if (cache)
            cell_of[s] = first_scores_cached(gaz, cache, sp, hash_of[s],
                                             cp + at[s], sc);
        else
            first_scores(gaz, sp, cp + at[s], sc);
    }
    if (cache && cache->empties != empties)
        cell_of = NULL;

    /* 2. "X, Y" pairs: X inside Y. Both sides take the pair's reading. */
    for (size_t s = 0; s + 1 < n; s++) {
        const gm_span *a = &spans->v[s], *b = &spans->v[s + 1];
        if (!comma_pair(a, b))
            continue;
        const cand_place *ca = cp + at[same[s]];
        for (uint32_t h = 0; h < a->n_hits; h++) {
            uint32_t country = ca[h].country, admin1 = ca[h].admin1;
            for (uint32_t g = 0; g < b->n_hits; g++) {
                uint32_t y = b->hits[g].place;
                if (y == a->hits[h].place || (y != country && y != admin1))
                    continue;
                score[at[s] + h] += W_PAIR;
                score[at[s + 1] + g] += W_PAIR;
                paired[s] = true;
                moved[s] = moved[s + 1] = true;
            }
        }
    }

    /* 3. The article's focus: every span spreads its weight over the
     * countries and divisions of its candidates, in proportion to how
     * likely each candidate is; each candidate then gains the share of the
     * focus that the other spans give its country and division. Two rounds,
     * so that a focus found in the first sharpens the second. The entries
     * of a set of candidates are found at its first span. */
    /* At most one focus entry per candidate. */
    focus countries = focus_new(arena, total_hits);
    focus admin1s = focus_new(arena, total_hits);
    uint32_t *country_of = gm_arena_alloc(arena,
                                          2 * cells * sizeof *country_of);
    uint32_t *admin1_of = country_of + cells;
    /* (namesakes often follow one another in the same country, whose entry
     * then serves again without a search) */
    uint32_t last_country = UINT32_MAX, last_admin1 = UINT32_MAX;
    uint32_t country_entry = NO_ENTRY, admin1_entry = NO_ENTRY;
    for (size_t s = 0; s < n; s++) {
        if (same[s] != s)
            continue;
        size_t end = at[s] + spans->v[s].n_hits;
        for (size_t i = at[s]; i < end; i++) {
            if (cp[i].country != last_country) {
                last_country = cp[i].country;
                country_entry = focus_entry(&countries, last_country);
            }
            if (cp[i].admin1 != last_admin1) {
                last_admin1 = cp[i].admin1;
                admin1_entry = focus_entry(&admin1s, last_admin1);
            }
            country_of[i] = country_entry;
            admin1_of[i] = admin1_entry;
        }
    }
    /* per entry: the focus's weight, what the span being scored put on it
     * (own_c, own_a) and which span that is (mark_c, mark_a) */
    size_t entries = countries.n + admin1s.n + 2;
    countries.weight = gm_arena_alloc(arena, 2 * entries *
                                                 sizeof *countries.weight);
    admin1s.weight = countries.weight + countries.n + 1;
    double *own_c = countries.weight + entries;
    double *own_a = own_c + countries.n + 1;
    uint32_t *mark_c = gm_arena_alloc(arena, entries * sizeof *mark_c);
    uint32_t *mark_a = mark_c + countries.n + 1;
    for (size_t s = 0; s < n; s++) {
        const gm_span *sp = &spans->v[s];
        size_t u = at[same[s]];
        for (uint32_t h = 0; h < sp->n_hits; h++) {
            base[at[s] + h] = score[at[s] + h];
            if ((sp->hits[h].flags & GM_NAME_DEMONYM) &&
                sp->hits[h].place == cp[u + h].country)
                base[at[s] + h] += W_DEMONYM_COUNTRY;
        }
    }
    /* w (made with score) holds what each candidate puts on the focus, the
     * span's confidence times the candidate's probability; prob is a
     * span's scratch. */
    size_t scratch = max_hits ? max_hits : 1;
    double *prob = gm_arena_alloc(arena, scratch * sizeof *prob);
    double *own_total_c = gm_arena_alloc(arena, 3 * n * sizeof *own_total_c);
    double *own_total_a = own_total_c + n;
    double *sum_of = own_total_a + n; /* for the final scores */
    /* A span whose candidates and scores are those of an earlier one
     * (another occurrence of the name, with no pair of its own) has the
     * same weights and the same new scores in every round: twin[s] is that
     * span, s itself when there is none. */
    uint32_t *twin = twins(spans, same, base, at, arena);
    for (int round = 0; round < 2; round++) {
        focus_clear(&countries);
        focus_clear(&admin1s);
        memset(mark_c, 0xFF, entries * sizeof *mark_c); /* NO_SPAN */
        for (size_t s = 0; s < n; s++) {
            uint32_t nh = spans->v[s].n_hits;
            const double *ws = w + at[twin[s]]; /* a twin's are its own */
            if (twin[s] == s) {
                double *ps = w + at[s];
                /* the first round's weights of first scores, as cached */
                cache_cell *v = NULL;
                if (round == 0 && cell_of && cell_of[s] != NO_CELL &&
                    !moved[s])
                    v = cache->cell + cell_of[s];
                if (v && !isnan(v[0].w0)) {
                    for (uint32_t h = 0; h < nh; h++)
                        ps[h] = v[h].w0;
                } else {
                    const double *sc = score + at[s];
                    size_t b = best_index(sc, nh);
                    double sum = 0;
                    for (uint32_t h = 0; h < nh; h++)
                        sum += prob[h] = exp_below(sc[h], sc[b]);
                    /* A span weighs in with its confidence: "Indiana"
                     * says where the article is, a "Richmond" with forty
                     * namesakes hardly. */
                    double conf = 1.0 / sum;
                    for (uint32_t h = 0; h < nh; h++)
                        ps[h] = conf * (prob[h] / sum);
                    if (v)
                        for (uint32_t h = 0; h < nh; h++)
                            v[h].w0 = ps[h];
                }
            }
            const uint32_t *ec = country_of + at[same[s]];
            const uint32_t *ea = admin1_of + at[same[s]];
            double total_c = 0, total_a = 0;
            for (uint32_t h = 0; h < nh; h++) {
                if (ec[h] != NO_ENTRY) {
                    countries.total += ws[h];
                    countries.weight[ec[h]] += ws[h];
                    total_c += ws[h];
                }
                if (ea[h] != NO_ENTRY) {
                    admin1s.total += ws[h];
                    admin1s.weight[ea[h]] += ws[h];
                    total_a += ws[h];
                }
            }
            own_total_c[s] = total_c;
            own_total_a[s] = total_a;
        }
        for (size_t s = 0; s < n; s++) {
            uint32_t nh = spans->v[s].n_hits;
            double *sc = score + at[s];
            if (twin[s] != s) {
                memcpy(sc, score + at[twin[s]], nh * sizeof *sc);
                continue;
            }
            /* What this span itself put on a candidate's containers
             * does not count as evidence for it. */
            size_t u = at[same[s]];
            const uint32_t *ec = country_of + u, *ea = admin1_of + u;
            own_weights(ec, w + at[s], nh, (uint32_t)s, own_c, mark_c);
            own_weights(ea, w + at[s], nh, (uint32_t)s, own_a, mark_a);
            /* The share of the focus on a candidate's entry that the other
             * spans give it: of what they put in (rest), none when they
             * put in next to nothing. */
            double rest_c = countries.total - own_total_c[s];
            double rest_a = admin1s.total - own_total_a[s];
            bool none_c = rest_c < 1e-9, none_a = rest_a < 1e-9;
            for (uint32_t h = 0; h < nh; h++) {
                double cs = 0, as = 0;
                if (!none_c && ec[h] != NO_ENTRY)
                    cs = (countries.weight[ec[h]] - own_c[ec[h]]) / rest_c;
                if (!none_a && ea[h] != NO_ENTRY)
                    as = (admin1s.weight[ea[h]] - own_a[ea[h]]) / rest_a;
                sc[h] = base[at[s] + h] + W_FOCUS_COUNTRY * cs +
                        W_FOCUS_ADMIN1 * as;
            }
        }
    }

    /* 4. One sense per name: each occurrence of a name takes, candidate by
     * candidate, the strongest evidence any occurrence has ("Paris, Texas"
     * once makes every later "Paris" the Texas city); occurrences with their
     * own "X, Y" keep their own reading ("Springfield, Ill. and
     * Springfield, Mo."). */
    name_occurrences(spans, earlier, next, follows);
    for (size_t lead = 0; lead < n; lead++) {
        if (follows[lead] || next[lead] == NO_SPAN)
            continue;
        const gm_span *ls = &spans->v[lead];
        for (uint32_t h = 0; h < ls->n_hits; h++) {
            uint32_t place = ls->hits[h].place;
            double best = -INFINITY;
            for (uint32_t k = (uint32_t)lead; k != NO_SPAN; k = next[k])
                if (spans->v[k].hits[h].place == place)
                    best = max_of(best, score[at[k] + h]);
            for (uint32_t k = (uint32_t)lead; k != NO_SPAN; k = next[k])
                if (!paired[k] && spans->v[k].hits[h].place == place)
                    score[at[k] + h] = best;
        }
    }

    /* The final scores, again equal for most occurrences of a name. */
    for (size_t s = 0; s < n; s++) {
        const gm_span *sp = &spans->v[s];
        const double *sc = score + at[s];
        size_t b;
        double sum = 0;
        if (twin[s] != s && memcmp(sc, score + at[twin[s]],
                                   sp->n_hits * sizeof *sc) == 0) {
            b = best_of[twin[s]];
            sum = sum_of[twin[s]];
        } else {
            b = best_index(sc, sp->n_hits);
            for (uint32_t h = 0; h < sp->n_hits; h++)
                sum += exp_below(sc[h], sc[b]);
        }
        best_of[s] = b;
        sum_of[s] = sum;
        gm_mention *m = &out->v[out->n++];
        m->off = sp->off;
        m->len = sp->len;
        m->span = (uint32_t)s;
        m->place = sp->hits[b].place;
        m->name_flags = sp->hits[b].flags;
        m->score = (float)(1.0 / sum);
    }
}
