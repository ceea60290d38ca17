/* Name lookup: one probe sequence in the open-addressing key table.
 * The builder also stores every proper prefix of a multi-token name as a
 * key, so the spotter can stop extending a token sequence as soon as
 * is_prefix is false. And the context-free ranking of a name's candidates
 * that `geomap gazetteer lookup` prints (the resolver has its own). */
#include "gazetteer/gaz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "gazetteer/gaz_internal.h"
#include "gazetteer/key_filter.h"

uint64_t gm_gaz_key_hash(const char *key, size_t len)
{
    return XXH3_64bits(key, len);
}

uint64_t gm_gaz_hash(const char *key, size_t len)
{
    return gm_gaz_key_hash(key, len);
}

gm_gaz_match gm_gaz_lookup(const gm_gaz *gaz, const char *key, size_t len)
{
    return gm_gaz_lookup_hashed(gaz, key, len, gm_gaz_key_hash(key, len));
}

gm_gaz_match gm_gaz_lookup_hashed(const gm_gaz *gaz, const char *key,
                                  size_t len, uint64_t hash)
{
    gm_gaz_match match = { NULL, 0, false };
    if (len == 0)
        return match;
    if (gaz->key_filter && !gm_key_filter_may_hold(gaz->key_filter,
                                                   gaz->key_filter_blocks,
                                                   hash))
        return match;
    uint64_t mask = gaz->slot_count - 1;
    /* The table is at most 3/4 full, so an empty slot ends every probe; the
     * bound only guards a corrupt file. */
    for (uint64_t i = 0, pos = hash & mask; i < gaz->slot_count;
         i++, pos = (pos + 1) & mask) {
        const gm_gaz_slot *slot = &gaz->slots[pos];
        if (slot->key_off == 0)
            return match;
        /* The stored key and its NUL must lie inside the pool (which ends
         * with a NUL, so a shorter key stops the compare in bounds). */
        if (slot->hash != hash || slot->key_off >= gaz->strings_size ||
            gaz->strings_size - slot->key_off <= len)
            continue;
#if defined(__GNUC__)
        /* The candidates come next: ask for them while the key is read. */
        __builtin_prefetch(gaz->postings + slot->first);
#endif
        const char *stored = gaz->strings + slot->key_off;
        if (memcmp(stored, key, len) != 0 || stored[len] != '\0')
            continue;
        if ((uint64_t)slot->first + slot->count <= gaz->posting_count) {
            match.hits = gaz->postings + slot->first;
            match.count = slot->count;
        }
        match.is_prefix = (slot->flags & GM_GAZ_KEY_PREFIX) != 0;
        return match;
    }
    return match;
}

void gm_gaz_prefetch(const gm_gaz *gaz, uint64_t hash)
{
#if defined(__GNUC__)
    if (gaz->key_filter)
        __builtin_prefetch(gaz->key_filter +
                           GM_KEY_FILTER_BLOCK_WORDS *
                               gm_key_filter_block(hash,
                                                   gaz->key_filter_blocks));
    else
        __builtin_prefetch(&gaz->slots[hash & (gaz->slot_count - 1)]);
#else
    (void)gaz;
    (void)hash;
#endif
}

void gm_gaz_prefetch_slot(const gm_gaz *gaz, uint64_t hash)
{
#if defined(__GNUC__)
    /* Without a filter gm_gaz_prefetch asked for the slot already. */
    if (gaz->key_filter && gm_key_filter_may_hold(gaz->key_filter,
                                                  gaz->key_filter_blocks,
                                                  hash))
        __builtin_prefetch(&gaz->slots[hash & (gaz->slot_count - 1)]);
#else
    (void)gaz;
    (void)hash;
#endif
}

gm_gaz_hit gm_gaz_match_hit(const gm_gaz *gaz, const gm_gaz_match *match,
                            uint32_t i)
{
    const gm_gaz_posting *p = (const gm_gaz_posting *)match->hits + i;
    gm_gaz_hit hit = { p->place, p->flags, p->lang, p->name_off };
    if (hit.place >= gaz->header->place_count)
        hit.place = 0; /* corrupt file: never index out of bounds */
    return hit;
}

void gm_gaz_match_hits(const gm_gaz *gaz, const gm_gaz_match *match,
                       gm_gaz_hit *out)
{
    const gm_gaz_posting *p = match->hits;
    uint32_t places = gaz->header->place_count;
    for (uint32_t i = 0; i < match->count; i++) {
        out[i] = (gm_gaz_hit){ p[i].place < places ? p[i].place : 0,
                               p[i].flags, p[i].lang, p[i].name_off };
    }
}

uint32_t gm_gaz_match_hits_except(const gm_gaz *gaz, const gm_gaz_match *match,
                                  uint16_t flags, gm_gaz_hit *out)
{
    const gm_gaz_posting *p = match->hits;
    uint32_t places = gaz->header->place_count, n = 0;
    for (uint32_t i = 0; i < match->count; i++) {
        out[n] = (gm_gaz_hit){ p[i].place < places ? p[i].place : 0,
                               p[i].flags, p[i].lang, p[i].name_off };
#if defined(__GNUC__)
        /* The spotter's rules read each kept candidate's place next. */
        __builtin_prefetch(&gaz->places[out[n].place]);
#endif
        n += !(p[i].flags & flags);
    }
    return n;
}

/* ---- ranking --------------------------------------------------------------- */

/* Ids of regions.tsv, the project's list of regions and features. */
#define CURATED_ID_MIN 910000000u
#define CURATED_ID_END 920000000u
#define NEAR_ADMIN1_KM 100.0
#define NEAR_ADMIN2_KM 50.0
#define BIG_CITY 1000000u

static bool alternate_only(uint16_t flags)
{
    return !(flags & (GM_NAME_PRIMARY | GM_NAME_ASCII));
}

static double match_score(uint16_t flags)
{
    if (!alternate_only(flags))
        return 30;
    if (flags & GM_NAME_DEMONYM)
        return 10;
    if (flags & GM_NAME_ABBR)
        return 15;
    return (flags & GM_NAME_HISTORIC) ? 15 : 20;
}

/* Seas, ranges and regions that stand above the towns named after them. */
static bool major_feature(const gm_place *p)
{
    static const char *const codes[] = { "OCN", "SEA", "GULF", "STRT",
                                         "RGN", "RGNE", "DSRT", "MTS",
                                         "PEN", "ISLS", NULL };
    if (p->id >= CURATED_ID_MIN && p->id < CURATED_ID_END)
        return true;
    for (size_t i = 0; codes[i]; i++)
        if (strcmp(p->feature_code, codes[i]) == 0)
            return true;
    return false;
}

static double base_score(const gm_gaz_candidate *c)
{
    const gm_place *p = &c->place;
    double s = match_score(c->hit.flags);
    double pop = 3 * log10((double)p->population + 1);
    switch (p->kind) {
    case GM_KIND_COUNTRY: return 500 + s + pop;
    case GM_KIND_CONTINENT: return 400 + s;
    case GM_KIND_CITY:
        s += pop;
        if (strcmp(p->feature_code, "PPLC") == 0)
            s += 5;
        else if (strcmp(p->feature_code, "PPLA") == 0)
            s += 2;
        return s;
    case GM_KIND_ADMIN1: return s + 15;
    case GM_KIND_ADMIN2: return s + 8;
    default: break;
    }
    if (major_feature(p))
        return s + 16;
    return s + (p->feature_class == 'A' || p->kind == GM_KIND_REGION ? 5 : 3);
}

double gm_gaz_distance_km(double lat1, double lon1, double lat2, double lon2)
{
    const double rad = 3.14159265358979323846 / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * 6371.0 * asin(sqrt(a < 1 ? a : 1));
}

static double distance_km(const gm_place *a, const gm_place *b)
{
    return gm_gaz_distance_km(a->lat, a->lon, b->lat, b->lon);
}

/* Does division d (ADM1, ADM2, ADMD) contain city c, or lie near it? */
static bool division_holds(const gm_place *d, const gm_place *c)
{
    if (!d->country[0] || strcmp(d->country, c->country) != 0)
        return false;
    if (d->kind == GM_KIND_ADMIN1)
        return c->admin1_place == d->index ||
               distance_km(d, c) <= NEAR_ADMIN1_KM;
    if (d->admin2_code[0] && strcmp(d->admin1_code, c->admin1_code) == 0 &&
        strcmp(d->admin2_code, c->admin2_code) == 0)
        return true;
    return distance_km(d, c) <= NEAR_ADMIN2_KM;
}

static bool is_division(const gm_place *p)
{
    return p->kind == GM_KIND_ADMIN1 || p->kind == GM_KIND_ADMIN2 ||
           (p->feature_class == 'A' && p->kind == GM_KIND_REGION);
}

static int compare_candidates(const void *a, const void *b)
{
    const gm_gaz_candidate *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->place.population != y->place.population)
        return x->place.population > y->place.population ? -1 : 1;
    return x->place.id < y->place.id ? -1 : x->place.id > y->place.id;
}

size_t gm_gaz_rank(const gm_gaz *gaz, const gm_gaz_match *match,
                   gm_gaz_candidate *out)
{
    size_t n = match->count;
    for (size_t i = 0; i < n; i++) {
        out[i].hit = gm_gaz_match_hit(gaz, match, (uint32_t)i);
        gm_gaz_place(gaz, out[i].hit.place, &out[i].place);
        out[i].score = base_score(&out[i]);
    }
    /* A division and the cities it holds: one goes first, as the header
     * says. Scores only go down, so a pass over the divisions suffices. */
    for (size_t d = 0; d < n; d++) {
        const gm_place *dp = &out[d].place;
        if (!is_division(dp))
            continue;
        for (size_t c = 0; c < n; c++) {
            const gm_place *cp = &out[c].place;
            if (cp->kind != GM_KIND_CITY || !division_holds(dp, cp))
                continue;
            bool city_first = strcmp(cp->feature_code, "PPLC") == 0 ||
                              cp->population >= BIG_CITY ||
                              alternate_only(out[d].hit.flags);
            if (city_first && out[d].score >= out[c].score)
                out[d].score = out[c].score - 0.5;
            else if (!city_first && out[c].score >= out[d].score)
                out[c].score = out[d].score - 0.5;
        }
    }
    qsort(out, n, sizeof *out, compare_candidates);
    return n;
}
