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

/* One event an article reports (issue: events). Unplaced events (reason
 * "no location") have lon and lat NaN and are written without geometry. */
typedef struct gm_event_rec {
    const char *article;       /* input id */
    const char *date;          /* YYYY-MM-DD, NULL when unknown */
    const char *date_precision;/* day, week, month, article, "" */
    const char *code;          /* CAMEO code, "190" */
    const char *root_code;     /* "19" */
    int64_t quad_class;        /* 1-4, 0 unknown */
    const char *type;          /* readable label */
    const char *trigger;       /* the trigger's text */
    int64_t trigger_start, trigger_end; /* code points, end exclusive */
    const char *sentence;      /* the sentence, as in the text */
    int64_t place_id;          /* 0 when unplaced */
    const char *place;         /* "" when unplaced */
    const char *country;       /* "" when unplaced or no country */
    int64_t loc_start, loc_end;/* the mention used, code points; -1 when
                                  placed by dateline or focus, or unplaced */
    const char *precision;     /* point, city, admin2, admin1, region,
                                  country, "" */
    const char *reason;        /* locative, object, clause, sentence,
                                  dateline, focus, no location */
    double confidence;         /* 0..1 */
    int64_t fatalities;        /* -1 when the text states no number */
    double lon, lat;
} gm_event_rec;

#endif
