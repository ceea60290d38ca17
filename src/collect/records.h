/* The records that leave the engine: what the exporters write, one struct
 * per layer. Strings are borrowed for the duration of the call that receives
 * the record. Offsets are Unicode code points in the article's text, end
 * exclusive; coordinates are WGS 84 degrees in (lon, lat) order. */
#ifndef GM_COLLECT_RECORDS_H
#define GM_COLLECT_RECORDS_H

#include <stdint.h>

/* Layers, as bits of a mask. */
enum {
    GM_LAYER_PLACES = 1 << 0,
    GM_LAYER_MENTIONS = 1 << 1,
    GM_LAYER_EVENTS = 1 << 2
};

typedef struct gm_place_rec {
    int64_t place_id;      /* GeoNames id, or an id of the custom range */
    const char *name;      /* primary name in the gazetteer */
    const char *country;   /* ISO 3166-1 alpha-2, "" when none */
    const char *admin1;    /* first-level division name, "" when none */
    const char *feature;   /* GeoNames feature code, e.g. "PPLA" */
    int64_t mentions;      /* resolved mentions of the place */
    int64_t articles;      /* articles with at least one mention */
    const char *first_date;/* earliest article date as YYYY-MM-DD (the
                              collector keeps the date part), NULL if none */
    const char *last_date; /* latest, likewise */
    double lon, lat;
} gm_place_rec;

typedef struct gm_mention_rec {
    const char *article;   /* input id */
    int64_t start, end;    /* code points in text, end exclusive */
    const char *surface;   /* the text of the span */
    int64_t place_id;
    const char *place;     /* primary name of the resolved place */
    const char *country;   /* ISO 3166-1 alpha-2, "" when none */
    double score;          /* resolver confidence, 0..1 */
    double lon, lat;
} gm_mention_rec;

#endif
