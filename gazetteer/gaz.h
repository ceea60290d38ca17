/* The gazetteer as the engine sees it: open a compiled index (a file,
 * memory-mapped read-only, or bytes in memory such as the embedded default),
 * read places, and look up folded names. A gm_gaz is immutable after open:
 * one instance is shared by all worker threads without locks. */
#ifndef GM_GAZETTEER_GAZ_H
#define GM_GAZETTEER_GAZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

typedef struct gm_gaz gm_gaz;

typedef enum gm_place_kind {
    GM_KIND_OTHER = 0,
    GM_KIND_CITY = 1,      /* GeoNames class P */
    GM_KIND_COUNTRY = 2,   /* A.PCL*, TERR */
    GM_KIND_ADMIN1 = 3,    /* A.ADM1 */
    GM_KIND_ADMIN2 = 4,    /* A.ADM2 */
    GM_KIND_REGION = 5,    /* L.RGN, AREA...: regions the news names */
    GM_KIND_CONTINENT = 6, /* L.CONT */
    GM_KIND_FEATURE = 7    /* seas, rivers, mountains: classes H, T, U, V */
} gm_place_kind;

/* Flags of one name of a place (gm_gaz_hit.flags). */
enum {
    GM_NAME_PRIMARY = 1 << 0,    /* the place's main name */
    GM_NAME_ASCII = 1 << 1,      /* GeoNames asciiname */
    GM_NAME_ALT = 1 << 2,        /* an alternate name (exonym, other script) */
    GM_NAME_ABBR = 1 << 3,       /* abbreviation or code: "U.S.", "NSW" */
    GM_NAME_DEMONYM = 1 << 4,    /* "Armenian": refers to the country */
    GM_NAME_COMMON = 1 << 5,     /* also a common word (common-words.txt) */
    GM_NAME_PREFERRED = 1 << 6,  /* GeoNames isPreferredName */
    GM_NAME_SHORT = 1 << 7,      /* GeoNames isShortName */
    GM_NAME_COLLOQUIAL = 1 << 8, /* GeoNames isColloquial */
    GM_NAME_HISTORIC = 1 << 9,   /* GeoNames isHistoric */
    GM_NAME_UPPER = 1 << 10      /* spelled in capitals ("NSW", "DRC"): text
                                    must be in capitals too */
};

/* A place, decoded. Strings are borrowed from the gazetteer until close. */
typedef struct gm_place {
    uint32_t index;          /* position in the gazetteer */
    uint32_t id;             /* GeoNames id or custom id */
    const char *name;
    double lat, lon;         /* WGS 84 degrees */
    uint32_t population;
    char country[3];         /* ISO alpha-2, "" when none */
    char feature_class;      /* 'P', 'A', ... or 0 */
    char feature_code[9];    /* "PPLA", "ADM1", ... */
    gm_place_kind kind;
    const char *admin1_code; /* "" when none */
    const char *admin1_name; /* "" when unknown */
    uint32_t admin1_place;   /* index of the ADM1 place, UINT32_MAX if none */
    uint32_t country_place;  /* index of the country place, UINT32_MAX if none */
    const char *admin2_code; /* "" when none */
    const char *admin2_name; /* "" when unknown */
    uint16_t source;         /* input it came from: gm_gaz_source() */
} gm_place;

/* One candidate of a looked-up name. */
typedef struct gm_gaz_hit {
    uint32_t place;          /* index: gm_gaz_place(gaz, place, &p) */
    uint16_t flags;          /* GM_NAME_* */
    uint16_t lang;           /* gm_gaz_lang(gaz, lang) */
    uint32_t name_off;       /* gm_gaz_string(gaz, name_off): spelling */
} gm_gaz_hit;

/* The result of a lookup of a folded key. */
typedef struct gm_gaz_match {
    const void *hits;        /* opaque; read with gm_gaz_match_hit */
    uint32_t count;          /* candidates (0: not a name) */
    bool is_prefix;          /* a longer name continues with more tokens */
} gm_gaz_match;

/* Opens a compiled index file (mmap, read-only). Checks the header (magic,
 * format and fold versions, byte order, header checksum, file size) and the
 * bounds and alignment of every section; a file that fails is GM_E_FORMAT
 * with the path and what is wrong, a file that cannot be read GM_E_IO.
 * *out is NULL on failure. Owned: gm_gaz_close. */
gm_status gm_gaz_open(const char *path, gm_gaz **out, gm_error *err);

/* The same over bytes in memory, which must stay valid and unchanged until
 * close and be 8-byte aligned; label names them in messages. */
gm_status gm_gaz_open_mem(const void *data, size_t size, const char *label,
                          gm_gaz **out, gm_error *err);

/* Accepts NULL. */
void gm_gaz_close(gm_gaz *gaz);

/* Verifies the checksum of every section (reads the whole file).
 * GM_E_FORMAT naming the first bad section. */
gm_status gm_gaz_check(const gm_gaz *gaz, gm_error *err);

uint32_t gm_gaz_place_count(const gm_gaz *gaz);
uint32_t gm_gaz_max_name_tokens(const gm_gaz *gaz);
const char *gm_gaz_label(const gm_gaz *gaz);      /* path or label */
const char *gm_gaz_meta(const gm_gaz *gaz, size_t *len); /* provenance text */
uint64_t gm_gaz_build_time(const gm_gaz *gaz);
uint32_t gm_gaz_key_count(const gm_gaz *gaz);
/* Bytes of the key filter (0 in a file built before it had one). */
uint64_t gm_gaz_key_filter_bytes(const gm_gaz *gaz);

/* Decodes place index (< place count) into *out. Out-of-range offsets in a
 * corrupt file decode as "" rather than crash. */
void gm_gaz_place(const gm_gaz *gaz, uint32_t index, gm_place *out);

/* What the engine's rules read of a place, without its strings: a fifth
 * of the cost of gm_gaz_place, for the spotter, resolver and events, which
 * ask it of every candidate. The fields equal gm_place's. */
typedef struct gm_place_brief {
    gm_place_kind kind;
    uint32_t population;
    uint32_t admin1_place;   /* UINT32_MAX if none */
    uint32_t country_place;  /* UINT32_MAX if none */
    double lat, lon;         /* WGS 84 degrees */
    char feature_code[8];    /* "PPLC", "ADM1", ... */
} gm_place_brief;

/* Decodes what gm_place_brief holds of place index; an index out of range
 * decodes as gm_gaz_place decodes it (kind OTHER, zeros, no containers). */
void gm_gaz_place_brief(const gm_gaz *gaz, uint32_t index,
                        gm_place_brief *out);

/* The kind of place index (GM_KIND_OTHER out of range). */
gm_place_kind gm_gaz_place_kind(const gm_gaz *gaz, uint32_t index);

/* Number of inputs recorded (index 0, "", stands for "unknown"), and the
 * name of input i (a file name as given to the build; "" out of range). */
uint16_t gm_gaz_source_count(const gm_gaz *gaz);
const char *gm_gaz_source(const gm_gaz *gaz, uint16_t i);

/* A string of the pool ("" for an offset out of range). */
const char *gm_gaz_string(const gm_gaz *gaz, uint32_t off);
/* A language code ("" when none or out of range). */
const char *gm_gaz_lang(const gm_gaz *gaz, uint16_t lang);

/* Great-circle distance in km between two WGS 84 points (haversine on a
 * sphere of mean radius 6371 km). Pure, thread-safe. */
double gm_gaz_distance_km(double lat1, double lon1, double lat2, double lon2);

/* Looks up a folded key (gm_fold_name form: folded tokens joined by one
 * space). One hash probe sequence; never allocates. */
gm_gaz_match gm_gaz_lookup(const gm_gaz *gaz, const char *key, size_t len);

/* The hash of a folded key that lookups probe with: a caller that keeps
 * its own table of keys (the spotter's memo of an article) computes it
 * once for both. Pure, thread-safe. */
uint64_t gm_gaz_hash(const char *key, size_t len);

/* gm_gaz_lookup with hash = gm_gaz_hash(key, len) already computed. */
gm_gaz_match gm_gaz_lookup_hashed(const gm_gaz *gaz, const char *key,
                                  size_t len, uint64_t hash);

/* Asks the processor to fetch what a lookup of hash reads first (the key
 * filter's block, or the key table's first slot in a file without a
 * filter), so that a lookup made a little later finds it in cache instead
 * of waiting for memory. Only a hint: no effect on any result. */
void gm_gaz_prefetch(const gm_gaz *gaz, uint64_t hash);

/* Once gm_gaz_prefetch's block is in cache: asks for the key table's slot
 * of hash when the filter says a key may have that hash (most words are no
 * key, and their lookup then reads nothing more). Only a hint. */
void gm_gaz_prefetch_slot(const gm_gaz *gaz, uint64_t hash);

/* Candidate i (< match.count) of a match. */
gm_gaz_hit gm_gaz_match_hit(const gm_gaz *gaz, const gm_gaz_match *match,
                            uint32_t i);

/* Every candidate of a match, as gm_gaz_match_hit gives them, into
 * out[0..match->count) (the caller's array). */
void gm_gaz_match_hits(const gm_gaz *gaz, const gm_gaz_match *match,
                       gm_gaz_hit *out);

/* The candidates of a match that have none of the name flags flags
 * (GM_NAME_*), in the order gm_gaz_match_hits gives them, into
 * out[0..match->count) (the caller's array, room for all); returns how
 * many. */
uint32_t gm_gaz_match_hits_except(const gm_gaz *gaz, const gm_gaz_match *match,
                                  uint16_t flags, gm_gaz_hit *out);

/* A candidate of a looked-up name with its place, ranked. */
typedef struct gm_gaz_candidate {
    gm_gaz_hit hit;
    gm_place place;
    double score;            /* higher is better; only the order means much */
} gm_gaz_candidate;

/* Ranks the candidates of match into out[0..match->count) (the caller's
 * array), best first, as `geomap gazetteer lookup` lists them, and returns
 * the count. This is the gazetteer's view of a name without context, not
 * the resolver's: countries first, then continents; then a score of how
 * the name matched (the place's own name over an alternate name over an
 * abbreviation over a demonym), of the kind (the project's regions and
 * features, seas and ranges, then first- and second-level divisions) and
 * of the population of cities and countries; a division and a city of the
 * same country that the division contains or that lies near its point
 * (100 km, 50 for smaller divisions) are put in order: the city first when
 * it is a national capital or has a million people or when the division
 * matched by an alternate name only ("Wien": Vienna the city, then the
 * state), else the division ("Quebec": the province, then the city).
 * Ties: population, then id. Thread-safe; never allocates. */
size_t gm_gaz_rank(const gm_gaz *gaz, const gm_gaz_match *match,
                   gm_gaz_candidate *out);

#endif
