/* Layer schemas: the names and types of the output layers and their fields
 * (a contract with the users of the files), how a record of
 * collect/records.h maps onto them, and the default plan that turns a schema
 * field into an OGR field. Driver quirks (Shapefile names and widths) adjust
 * the plan in their own file (shp.c); the writer (export.c) applies it.
 * Pure data and pure functions: thread-safe. */
#ifndef GM_EXPORTS_FIELDS_H
#define GM_EXPORTS_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include <ogr_core.h>

typedef enum gm_field_kind {
    GM_FIELD_INT64,  /* int64_t in the record */
    GM_FIELD_REAL,   /* double; NaN and infinities are written as null */
    GM_FIELD_STRING, /* const char *, NULL is written as null */
    GM_FIELD_DATE    /* const char *, ISO date "YYYY-MM-DD" (a time part
                        after 'T' or ' ' is ignored), NULL = null */
} gm_field_kind;

typedef struct gm_field_def {
    const char *name;  /* contract name, e.g. "place_id" */
    gm_field_kind kind;
    int width;         /* strings: the longest useful value in bytes (2 for
                          a country code), 0 when unbounded; else 0 */
    size_t offset;     /* offsetof the member in the layer's record */
} gm_field_def;

typedef struct gm_layer_def {
    unsigned bit;               /* GM_LAYER_* */
    const char *name;           /* layer name, e.g. "places" */
    const gm_field_def *fields; /* in output order */
    size_t n_fields;
    size_t lon_offset, lat_offset; /* offsetof the double lon, lat */
    size_t rec_size;            /* sizeof the layer's record */
} gm_layer_def;

/* The layers that can be written, in output order; *n gets the count.
 * Static data. */
const gm_layer_def *gm_fields_layers(size_t *n);

/* The definition of one GM_LAYER_* bit, NULL when that layer has no schema
 * (GM_LAYER_EVENTS until its record exists). Static data. */
const gm_layer_def *gm_fields_layer(unsigned bit);

/* The names of every layer geomap writes, including those without a schema
 * here yet ("events"), NULL-terminated: the stems of the files of an
 * output directory. Static data. */
const char *const *gm_fields_layer_names(void);

#define GM_FIELD_NAME_SIZE 64

/* How a schema field is created in one driver and how its values are fitted.
 * Limits are enforced by the writer, which counts every value it had to
 * change and reports the count once per field. */
typedef struct gm_field_plan {
    char name[GM_FIELD_NAME_SIZE]; /* name in the file */
    OGRFieldType type;
    int width;         /* OGR width, 0 for the driver's default */
    size_t max_bytes;  /* strings: longer values are cut at a UTF-8 character
                          boundary to at most this many bytes; 0 = no limit */
    int max_digits;    /* Integer64: values needing more characters (sign
                          included) are counted as too wide; 0 = no limit */
} gm_field_plan;

/* Fills plans[0..layer->n_fields) with the plan of a driver without naming
 * or width limits: contract names, Integer64/Real/String, dates as OFTDate
 * when dates is true (the driver has a date type) or as ISO strings. */
void gm_fields_plan(const gm_layer_def *layer, bool dates,
                    gm_field_plan *plans);

/* The plan for KML, whose writer knows Integer, Real and String only:
 * Integer64 as Real (exact up to 2^53, as ogr2ogr converts them), dates as
 * ISO strings. */
void gm_fields_plan_kml(const gm_layer_def *layer, gm_field_plan *plans);

/* Parses an ISO date "YYYY-MM-DD", optionally followed by 'T' or ' ' and a
 * time (ignored). False, leaving the outputs alone, when s is not a valid
 * calendar date. */
bool gm_fields_parse_date(const char *s, int *year, int *month, int *day);

/* Length in bytes of the longest prefix of s[0..len) that is at most
 * max_bytes long and does not end inside a UTF-8 sequence (s is valid
 * UTF-8). */
size_t gm_fields_utf8_fit(const char *s, size_t len, size_t max_bytes);

#endif
