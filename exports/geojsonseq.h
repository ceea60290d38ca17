/* A direct writer of GeoJSONSeq (RFC 8142, one feature a line, optionally
 * each prefixed by RS): the bytes GDAL 3.6's GeoJSONSeq driver writes for
 * geomap's layers with COORDINATE_PRECISION=6, without building a json-c
 * tree per feature and without formatting numbers through C++ streams,
 * which made OGR's driver cost about 59,000 instructions a feature.
 *
 * What it reproduces, and tests/test_geojsonseq.c compares byte for byte
 * with OGR's output:
 * - json-c's spaced layout: { "type": "Feature", "properties": { "k": v,
 *   ... }, "geometry": { "type": "Point", "coordinates": [ x, y ] } }, or
 *   "geometry": null for a record without a point;
 * - integers in decimal; reals as GDAL writes them: %.17g, retried with 16
 *   to 14 digits when the fraction shows a run of six 0s or 9s, ".0" added
 *   to an integral value; null for NaN and infinities;
 * - coordinates as OGRFormatDouble does: fixed with 6 decimals, its
 *   "intelliround" of long strings ending in 00000x or 99999x, trailing
 *   zeros trimmed to one;
 * - strings escaped as json-c escapes them (\b \n \r \t \f \" \\ \/, other
 *   control characters as \u00xx, everything else, UTF-8 included, as is);
 *   a string that starts with { and ends with }, or starts with [ and ends
 *   with ], is parsed by json-c and, when that succeeds, written as the
 *   JSON value it holds, re-serialised by json-c, as GDAL 3.6 does.
 *
 * The writer (export.c) decides when to use it (gm_geojsonseq_accepts) and
 * keeps the rest: temporary name and rename, verification, styles,
 * -append. Not thread-safe per writer. */
#ifndef GM_EXPORTS_GEOJSONSEQ_H
#define GM_EXPORTS_GEOJSONSEQ_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "exports/fields.h"

/* Bytes gathered before one write(2) to a file: the kernel's part of
 * writing (page cache, file system) costs less a byte in larger writes,
 * about a quarter less at 1 MiB than at 64 KiB. */
#define GM_GEOJSONSEQ_BUFFER (1024 * 1024)
/* ... and to standard output, where features must leave while the input
 * is still coming (the C library's block for a pipe, as OGR's /vsistdout/
 * wrote through stdio). */
#define GM_GEOJSONSEQ_STDOUT_BUFFER 4096
/* The only COORDINATE_PRECISION written directly. */
#define GM_GEOJSONSEQ_PRECISION 6

typedef struct gm_geojsonseq gm_geojsonseq;

/* Whether the direct writer writes what GDAL's driver writes under the
 * layer creation options lco (NAME=VALUE, the driver's defaults with the
 * user's over them; NULL-terminated, may be NULL): COORDINATE_PRECISION=6
 * and RS with a boolean value (YES, NO, TRUE, FALSE, ON, OFF, 1, 0) are;
 * any other option or value is left to GDAL (which also warns about the
 * ones it does not know). A name given again (ASCII case aside) takes the
 * later value, the earlier one dropped, as GDAL's CSLSetNameValue merges
 * them: RS=maybe then RS=YES is RS on. *rs (may be NULL) gets the RS
 * value: -1 when not given, else 0 or 1. */
bool gm_geojsonseq_accepts(const char *const *lco, int *rs);

typedef struct gm_geojsonseq_options {
    const char *path;  /* the file to create (truncated when it exists),
                          NULL for standard output */
    const char *name;  /* the output as messages name it */
    const gm_layer_def *def;
    /* def->n_fields plans: names in the file, OFTInteger64, OFTReal or
     * OFTString (dates as text), max_bytes enforced and counted; copied */
    const gm_field_plan *plans;
    bool rs;           /* each record starts with RS (0x1E) */
} gm_geojsonseq_options;

/* Creates the file. GM_E_IO naming the path when it cannot be created,
 * GM_E_USAGE for a plan the writer does not write (another field type);
 * *out is NULL then. Owned: gm_geojsonseq_close or gm_geojsonseq_abort. */
gm_status gm_geojsonseq_open(const gm_geojsonseq_options *opts,
                             gm_geojsonseq **out, gm_error *err);

/* Writes one feature of def's record rec (a gm_place_rec, gm_mention_rec
 * or gm_event_rec as def says; strings borrowed for the call) at (x, y),
 * WGS 84 lon/lat; without geometry when x or y is not finite. GM_E_IO when
 * a full buffer cannot be written (the writer is then unusable: abort). */
gm_status gm_geojsonseq_write(gm_geojsonseq *w, const void *rec, double x,
                              double y, gm_error *err);

/* Values of field i (0 <= i < def->n_fields) cut to the plan's max_bytes
 * so far. */
long gm_geojsonseq_truncated(const gm_geojsonseq *w, size_t i);

/* Writes what is buffered, closes the file and frees w, whatever the
 * result: GM_E_IO naming the output on failure. Standard output is flushed,
 * not closed. */
gm_status gm_geojsonseq_close(gm_geojsonseq *w, gm_error *err);

/* Closes and frees w; buffered features are dropped, except on standard
 * output, where they are written (a failed run leaves there what it wrote
 * before the failure, as OGR's driver did). Accepts NULL. */
void gm_geojsonseq_abort(gm_geojsonseq *w);

/* Size of the buffers of the two functions below. */
#define GM_GEOJSONSEQ_NUMBER_SIZE 80

/* A coordinate as GDAL writes it with COORDINATE_PRECISION=precision (0 to
 * 17; geomap uses GM_GEOJSONSEQ_PRECISION), into out; returns its length.
 * v finite. For tests and for the writer. */
size_t gm_geojsonseq_coord(double v, int precision, char *out);

/* A real field as GDAL writes it (17 significant digits, see above), into
 * out; returns its length. v finite. */
size_t gm_geojsonseq_real(double v, char *out);

/* snprintf(out, GM_GEOJSONSEQ_NUMBER_SIZE, "%.*g", p, v) in the C locale
 * (p 1 to 17, v finite), the common magnitudes without printf's cost;
 * returns the length. */
size_t gm_geojsonseq_g(double v, int p, char *out);

#endif
