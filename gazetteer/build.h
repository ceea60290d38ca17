/* Building a compiled gazetteer: collect places and names in memory, then
 * fold, index and write them in the format of FORMAT.md. The readers of
 * source files (GeoNames dumps: geonames.c) feed a builder; the builder
 * knows nothing of file formats but its own output.
 * Not thread-safe; one builder per build. */
#ifndef GM_GAZETTEER_BUILD_H
#define GM_GAZETTEER_BUILD_H

#include <stdint.h>

#include "core/error.h"

typedef struct gm_gaz_builder gm_gaz_builder;

/* Ids from here up are free for custom places (gazetteer/DATA.md lists the
 * ranges the project's own data uses below it). */
#define GM_GAZ_CUSTOM_ID_MIN 990000000u

/* One place as a source describes it. Strings are copied. */
typedef struct gm_gaz_place_in {
    uint32_t id;             /* GeoNames id, or custom range (>= 900000000) */
    const char *name;        /* required */
    const char *asciiname;   /* may be NULL or "" */
    const char *alternates;  /* GeoNames comma-separated list, may be NULL */
    double lat, lon;         /* degrees */
    char feature_class;      /* 'P', 'A', ... or 0 */
    const char *feature_code;/* may be NULL; at most 6 bytes */
    const char *country;     /* ISO alpha-2, may be NULL */
    const char *admin1;      /* admin1 code, may be NULL */
    const char *admin2;      /* admin2 code, may be NULL */
    uint64_t population;
} gm_gaz_place_in;

/* Owned: gm_gaz_builder_free. diag receives warnings (duplicate ids, names
 * dropped) and may be NULL. */
gm_gaz_builder *gm_gaz_builder_new(gm_diag_fn diag, void *diag_ctx);
void gm_gaz_builder_free(gm_gaz_builder *b);

/* GM_E_INPUT (nothing added) when the place is unusable: no name,
 * coordinates out of range, an id already added. */
gm_status gm_gaz_builder_add_place(gm_gaz_builder *b,
                                   const gm_gaz_place_in *place,
                                   gm_error *err);

/* An extra name of place id (which may be added before or after the place;
 * names of ids never added are dropped at write time and counted).
 * lang: ISO code, "abbr", "demonym" or NULL; flags: GM_NAME_* of gaz.h. */
void gm_gaz_builder_add_name(gm_gaz_builder *b, uint32_t id,
                             const char *name, const char *lang,
                             uint16_t flags);

/* The name of a first-level division by its GeoNames key "CC.CODE", used
 * when the division itself is not among the places. */
void gm_gaz_builder_add_admin1_name(gm_gaz_builder *b, const char *key,
                                    const char *name);

/* The name of a second-level division by its GeoNames key "CC.A1.A2"
 * (admin2Codes.txt), for the places that carry that code; an ADM2 place of
 * the build with that code gives its own name instead. */
void gm_gaz_builder_add_admin2_name(gm_gaz_builder *b, const char *key,
                                    const char *name);

/* The GeoNames id of country cc (countryInfo.txt): when that place is in
 * the build, it is the country every place of cc links to, whatever other
 * PCL* features carry the code. */
void gm_gaz_builder_add_country(gm_gaz_builder *b, const char *cc,
                                uint32_t id);

/* Places added from now on come from input label (a file name, copied);
 * the index records it for each place (gm_place.source). */
void gm_gaz_builder_set_source(gm_gaz_builder *b, const char *label);

/* A word that is also a place name (common-words.txt): its names get
 * GM_NAME_COMMON. */
void gm_gaz_builder_add_common_word(gm_gaz_builder *b, const char *word);

/* Provenance line "key=value" stored in the META section. */
void gm_gaz_builder_add_meta(gm_gaz_builder *b, const char *key,
                             const char *value);

/* Passes a warning of a source reader (bad line, skipped record) to the
 * builder's diagnostic callback. */
void gm_gaz_builder_warn(gm_gaz_builder *b, const gm_error *problem);

/* The next free id of the custom range, for a custom place given without
 * one: GM_GAZ_CUSTOM_ID_MIN, then one more at each call. */
uint32_t gm_gaz_builder_custom_id(gm_gaz_builder *b);

/* Counts for messages. */
uint32_t gm_gaz_builder_place_count(const gm_gaz_builder *b);

/* Folds and indexes everything and writes the index to path, under a
 * temporary name renamed at the end. GM_E_IO on write failure (nothing is
 * left at path), GM_E_INPUT when there are no places. */
gm_status gm_gaz_builder_write(gm_gaz_builder *b, const char *path,
                               gm_error *err);

#endif
