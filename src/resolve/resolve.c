/* Resolution by scoring: prior + pair evidence + article focus, then one
 * sense per name. See resolve.h for the order of the evidence. */
#include "resolve/resolve.h"

#include <math.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

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

typedef struct cand_state {
    double prior;
    double score;
} cand_state;

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
    case GM_KIND_CITY:
        prior = log10((double)p->population + 10.0) / 7.0;
        if (strcmp(p->feature_code, "PPLC") == 0)
            prior += 0.35;
        else if (strcmp(p->feature_code, "PPLA") == 0)
            prior += 0.15;
        else if (strncmp(p->feature_code, "PPLH", 4) == 0 ||
                 strcmp(p->feature_code, "PPLQ") == 0)
            prior -= 0.5; /* historical or abandoned */
        break;
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
 * it stands in. */
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
    _Static_assert(OWN_DIVISION_KM < 0.5 * 111.19, "the latitude test holds");
    if (fabs(city->lat - div->lat) > 0.5)
        return false;
    return gm_gaz_distance_km(city->lat, city->lon, div->lat, div->lon) <
           OWN_DIVISION_KM;
}

/* 1b. A city over the division of the same name around it. */
static void city_over_own_division(const gm_span *sp, const cand_place *cp,
                                   cand_state *st)
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
                st[g].score -= W_CITY_OVER_OWN_DIVISION;
                break;
            }
        }
    }
}

/* 1c. Towns that bear a country's own name. */
static void towns_named_after_country(const gm_span *sp, const cand_place *cp,
                                      cand_state *st)
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
            st[h].score += W_TOWN_NAMED_AFTER_COUNTRY;
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

/* Fills keys[s] with each span's span_key and returns same: same[s] is the
 * first span with the same candidates as span s (the same name and the
 * same hits in the same order), s itself when there is none before it. */
static uint32_t *same_candidates(const gm_tok_list *toks,
                                 const gm_span_list *spans, gm_arena *arena,
                                 uint64_t *keys)
{
    size_t n = spans->n, slots = 16;
    while (slots < 2 * n)
        slots *= 2;
    uint32_t *slot = gm_arena_calloc(arena, slots, sizeof *slot); /* span + 1 */
    uint32_t *prev = gm_arena_alloc(arena, n * sizeof *prev);    /* same key */
    uint32_t *same = gm_arena_alloc(arena, n * sizeof *same);
    for (size_t s = 0; s < n; s++) {
        const gm_span *sp = &spans->v[s];
        keys[s] = span_key(toks, sp);
        size_t i = (size_t)(keys[s] & (slots - 1));
        while (slot[i] && keys[slot[i] - 1] != keys[s])
            i = (i + 1) & (slots - 1);
        prev[s] = slot[i] ? slot[i] - 1 : UINT32_MAX;
        slot[i] = (uint32_t)s + 1;
        same[s] = (uint32_t)s;
        for (uint32_t t = prev[s]; t != UINT32_MAX; t = prev[t]) {
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

/* Adds w to the weight of entry e; false when there is no such container. */
static bool focus_add(focus *f, uint32_t e, double w)
{
    if (e == NO_ENTRY)
        return false;
    f->total += w;
    f->weight[e] += w;
    return true;
}

/* The share of the focus on entry e that the other spans give it: own is
 * what the span being scored put on e, own_total all it put in. */
static double focus_share(const focus *f, uint32_t e, double own,
                          double own_total)
{
    if (e == NO_ENTRY)
        return 0;
    double rest = f->total - own_total;
    if (rest < 1e-9)
        return 0;
    return (f->weight[e] - own) / rest;
}

/* What a span put on each of its candidates' containers: own[h] is the sum,
 * over the candidates g in order, of w[g] where entry[g] is entry[h] (the
 * same additions in the same order as summing for each h). sums has an
 * element per focus entry, all 0, and is left so. */
static void own_weights(const uint32_t *entry, const double *w, uint32_t n,
                        double *sums, double *own)
{
    for (uint32_t g = 0; g < n; g++)
        if (entry[g] != NO_ENTRY)
            sums[entry[g]] += w[g];
    for (uint32_t h = 0; h < n; h++)
        own[h] = entry[h] != NO_ENTRY ? sums[entry[h]] : 0;
    for (uint32_t g = 0; g < n; g++)
        if (entry[g] != NO_ENTRY)
            sums[entry[g]] = 0;
}

/* twin[s]: the last span before s with the same candidates (same[]) and
 * bit for bit the same base scores, or s itself. */
static uint32_t *twins(const gm_span_list *spans, const uint32_t *same,
                       double *const *base, gm_arena *arena)
{
    size_t n = spans->n;
    uint32_t *twin = gm_arena_alloc(arena, n * sizeof *twin);
    /* the spans of each group of same[], latest first */
    uint32_t *last = gm_arena_alloc(arena, n * sizeof *last);
    uint32_t *prev = gm_arena_alloc(arena, n * sizeof *prev);
    for (size_t s = 0; s < n; s++) {
        twin[s] = (uint32_t)s;
        if (same[s] == s) {
            prev[s] = UINT32_MAX;
        } else {
            size_t bytes = spans->v[s].n_hits * sizeof **base;
            for (uint32_t t = last[same[s]]; t != UINT32_MAX; t = prev[t])
                if (memcmp(base[t], base[s], bytes) == 0) {
                    twin[s] = t;
                    break;
                }
            prev[s] = last[same[s]];
        }
        last[same[s]] = (uint32_t)s;
    }
    return twin;
}

/* A name's occurrence, for grouping the occurrences of each name. */
typedef struct name_occurrence {
    uint64_t key;
    uint32_t n_hits;
    uint32_t span;
} name_occurrence;

static int compare_occurrences(const void *a, const void *b)
{
    const name_occurrence *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->n_hits != y->n_hits)
        return x->n_hits < y->n_hits ? -1 : 1;
    return (x->span > y->span) - (x->span < y->span);
}

/* exp(score - best): the relative likelihood of a candidate. The best
 * itself, and any that ties it, is exp(0) = 1 without the call. */
static double exp_below(double score, double best)
{
    return score == best ? 1.0 : exp(score - best);
}

static size_t best_index(const cand_state *st, uint32_t n)
{
    size_t best = 0;
    for (uint32_t h = 1; h < n; h++)
        if (st[h].score > st[best].score)
            best = h;
    return best;
}

void gm_resolve_article(const gm_gaz *gaz, const gm_tok_list *toks,
                        const gm_span_list *spans, gm_arena *arena,
                        gm_mention_list *out)
{
    out->v = gm_arena_alloc(arena, (spans->n ? spans->n : 1) * sizeof *out->v);
    out->n = 0;
    if (spans->n == 0)
        return;
    size_t n = spans->n;
    cand_state **st = gm_arena_alloc(arena, n * sizeof *st);
    cand_place **cp = gm_arena_alloc(arena, n * sizeof *cp);
    uint64_t *keys = gm_arena_alloc(arena, n * sizeof *keys);
    bool *paired = gm_arena_calloc(arena, n, sizeof *paired);

    /* 1. Priors; 1b. a city over the division of the same name around it;
     * 1c. towns that bear a country's own name. They read only a span's
     * candidates, so a name the article repeats (about half of its spans)
     * takes them from its first occurrence. */
    uint32_t *same = same_candidates(toks, spans, arena, keys);
    for (size_t s = 0; s < n; s++) {
        const gm_span *sp = &spans->v[s];
        st[s] = gm_arena_alloc(arena, sp->n_hits * sizeof **st);
        if (same[s] != s) {
            cp[s] = cp[same[s]];
            memcpy(st[s], st[same[s]], sp->n_hits * sizeof **st);
            continue;
        }
        cp[s] = gm_arena_alloc(arena, sp->n_hits * sizeof **cp);
        for (uint32_t h = 0; h < sp->n_hits; h++) {
            gm_place_brief p;
            read_place(gaz, sp->hits[h].place, &cp[s][h], &p);
            st[s][h].prior = prior_of(&p, sp->hits[h].flags);
            st[s][h].score = st[s][h].prior;
        }
        city_over_own_division(sp, cp[s], st[s]);
        towns_named_after_country(sp, cp[s], st[s]);
    }

    /* 2. "X, Y" pairs: X inside Y. Both sides take the pair's reading. */
    for (size_t s = 0; s + 1 < n; s++) {
        const gm_span *a = &spans->v[s], *b = &spans->v[s + 1];
        if (!comma_pair(a, b))
            continue;
        for (uint32_t h = 0; h < a->n_hits; h++) {
            uint32_t country = cp[s][h].country, admin1 = cp[s][h].admin1;
            for (uint32_t g = 0; g < b->n_hits; g++) {
                uint32_t y = b->hits[g].place;
                if (y == a->hits[h].place || (y != country && y != admin1))
                    continue;
                st[s][h].score += W_PAIR;
                st[s + 1][g].score += W_PAIR;
                paired[s] = true;
            }
        }
    }

    /* 3. The article's focus: every span spreads its weight over the
     * countries and divisions of its candidates, in proportion to how
     * likely each candidate is; each candidate then gains the share of the
     * focus that the other spans give its country and division. Two rounds,
     * so that a focus found in the first sharpens the second. */
    /* At most one focus entry per candidate. */
    size_t total_hits = 0;
    uint32_t max_hits = 0;
    for (size_t s = 0; s < n; s++) {
        total_hits += spans->v[s].n_hits;
        if (spans->v[s].n_hits > max_hits)
            max_hits = spans->v[s].n_hits;
    }
    focus countries = focus_new(arena, total_hits);
    focus admin1s = focus_new(arena, total_hits);
    uint32_t **country_of = gm_arena_alloc(arena, n * sizeof *country_of);
    uint32_t **admin1_of = gm_arena_alloc(arena, n * sizeof *admin1_of);
    double **prob = gm_arena_alloc(arena, n * sizeof *prob);
    double **base = gm_arena_alloc(arena, n * sizeof *base);
    for (size_t s = 0; s < n; s++) {
        const gm_span *sp = &spans->v[s];
        country_of[s] = gm_arena_alloc(arena, sp->n_hits * sizeof **country_of);
        admin1_of[s] = gm_arena_alloc(arena, sp->n_hits * sizeof **admin1_of);
        prob[s] = gm_arena_alloc(arena, sp->n_hits * sizeof **prob);
        base[s] = gm_arena_alloc(arena, sp->n_hits * sizeof **base);
        for (uint32_t h = 0; h < sp->n_hits; h++) {
            country_of[s][h] = focus_entry(&countries, cp[s][h].country);
            admin1_of[s][h] = focus_entry(&admin1s, cp[s][h].admin1);
            base[s][h] = st[s][h].score;
            if ((sp->hits[h].flags & GM_NAME_DEMONYM) &&
                sp->hits[h].place == cp[s][h].country)
                base[s][h] += W_DEMONYM_COUNTRY;
        }
    }
    countries.weight = gm_arena_alloc(arena, (countries.n + 1) *
                                                 sizeof *countries.weight);
    admin1s.weight = gm_arena_alloc(arena, (admin1s.n + 1) *
                                               sizeof *admin1s.weight);
    size_t scratch = max_hits ? max_hits : 1;
    double *cw = gm_arena_alloc(arena, scratch * sizeof *cw);
    double *own_c = gm_arena_alloc(arena, scratch * sizeof *own_c);
    double *own_a = gm_arena_alloc(arena, scratch * sizeof *own_a);
    double *sums_c = gm_arena_calloc(arena, countries.n + 1, sizeof *sums_c);
    double *sums_a = gm_arena_calloc(arena, admin1s.n + 1, sizeof *sums_a);
    double *conf = gm_arena_alloc(arena, n * sizeof *conf);
    double *own_total_c = gm_arena_alloc(arena, n * sizeof *own_total_c);
    double *own_total_a = gm_arena_alloc(arena, n * sizeof *own_total_a);
    /* A span whose candidates and scores are those of an earlier one
     * (another occurrence of the name, with no pair of its own) has the
     * same probabilities and the same new scores in every round: twin[s]
     * is that span, s itself when there is none. */
    uint32_t *twin = twins(spans, same, base, arena);
    for (int round = 0; round < 2; round++) {
        focus_clear(&countries);
        focus_clear(&admin1s);
        for (size_t s = 0; s < n; s++) {
            const gm_span *sp = &spans->v[s];
            if (twin[s] != s) {
                memcpy(prob[s], prob[twin[s]], sp->n_hits * sizeof **prob);
                conf[s] = conf[twin[s]];
            } else {
                size_t b = best_index(st[s], sp->n_hits);
                double sum = 0;
                for (uint32_t h = 0; h < sp->n_hits; h++)
                    sum += prob[s][h] =
                        exp_below(st[s][h].score, st[s][b].score);
                /* A span weighs in with its confidence: "Indiana" says
                 * where the article is, a "Richmond" with forty namesakes
                 * hardly. */
                conf[s] = 1.0 / sum;
                for (uint32_t h = 0; h < sp->n_hits; h++)
                    prob[s][h] /= sum;
            }
            own_total_c[s] = own_total_a[s] = 0;
            for (uint32_t h = 0; h < sp->n_hits; h++) {
                double w = conf[s] * prob[s][h];
                if (focus_add(&countries, country_of[s][h], w))
                    own_total_c[s] += w;
                if (focus_add(&admin1s, admin1_of[s][h], w))
                    own_total_a[s] += w;
            }
        }
        for (size_t s = 0; s < n; s++) {
            const gm_span *sp = &spans->v[s];
            if (twin[s] != s) {
                memcpy(st[s], st[twin[s]], sp->n_hits * sizeof **st);
                continue;
            }
            /* What this span itself put on a candidate's containers
             * does not count as evidence for it. */
            for (uint32_t g = 0; g < sp->n_hits; g++)
                cw[g] = conf[s] * prob[s][g];
            own_weights(country_of[s], cw, sp->n_hits, sums_c, own_c);
            own_weights(admin1_of[s], cw, sp->n_hits, sums_a, own_a);
            for (uint32_t h = 0; h < sp->n_hits; h++) {
                double cs = focus_share(&countries, country_of[s][h],
                                        own_c[h], own_total_c[s]);
                double as = focus_share(&admin1s, admin1_of[s][h], own_a[h],
                                        own_total_a[s]);
                st[s][h].score = base[s][h] + W_FOCUS_COUNTRY * cs +
                                 W_FOCUS_ADMIN1 * as;
            }
        }
    }

    /* 4. One sense per name: each occurrence of a name takes, candidate by
     * candidate, the strongest evidence any occurrence has ("Paris, Texas"
     * once makes every later "Paris" the Texas city); occurrences with their
     * own "X, Y" keep their own reading ("Springfield, Ill. and
     * Springfield, Mo."). Grouped by sorting, so linear in the spans. */
    name_occurrence *occ = gm_arena_alloc(arena, n * sizeof *occ);
    for (size_t s = 0; s < n; s++)
        occ[s] = (name_occurrence){ keys[s], spans->v[s].n_hits, (uint32_t)s };
    qsort(occ, n, sizeof *occ, compare_occurrences);
    for (size_t g = 0; g < n;) {
        size_t end = g + 1;
        while (end < n && occ[end].key == occ[g].key &&
               occ[end].n_hits == occ[g].n_hits)
            end++;
        const gm_span *lead = &spans->v[occ[g].span];
        for (uint32_t h = 0; h < lead->n_hits && end - g > 1; h++) {
            double best = -INFINITY;
            for (size_t k = g; k < end; k++)
                if (spans->v[occ[k].span].hits[h].place == lead->hits[h].place)
                    best = fmax(best, st[occ[k].span][h].score);
            for (size_t k = g; k < end; k++)
                if (!paired[occ[k].span] &&
                    spans->v[occ[k].span].hits[h].place == lead->hits[h].place)
                    st[occ[k].span][h].score = best;
        }
        g = end;
    }

    /* The final scores, again equal for most occurrences of a name. */
    size_t *best_of = gm_arena_alloc(arena, n * sizeof *best_of);
    double *sum_of = gm_arena_alloc(arena, n * sizeof *sum_of);
    for (size_t s = 0; s < n; s++) {
        const gm_span *sp = &spans->v[s];
        size_t b;
        double sum = 0;
        if (twin[s] != s &&
            memcmp(st[s], st[twin[s]], sp->n_hits * sizeof **st) == 0) {
            b = best_of[twin[s]];
            sum = sum_of[twin[s]];
        } else {
            b = best_index(st[s], sp->n_hits);
            for (uint32_t h = 0; h < sp->n_hits; h++)
                sum += exp_below(st[s][h].score, st[s][b].score);
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
