/* ESRI Shapefile quirks, kept out of the driver-neutral writer: DBF field
 * names of at most 10 bytes, DBF field widths (strings of at most 254
 * bytes, Integer64 as 18-digit numbers, the widest that OGR reads back as
 * Integer64), the layer creation options that write a .cpg saying UTF-8,
 * and the sidecar files that make up one shapefile.
 * Pure functions and static data: thread-safe. */
#ifndef GM_EXPORTS_SHP_H
#define GM_EXPORTS_SHP_H

#include <stddef.h>

#include "exports/fields.h"

#define GM_SHP_NAME_MAX 10    /* bytes of a DBF field name */
#define GM_SHP_STRING_MAX 254 /* bytes of a DBF character field */
#define GM_SHP_INT64_WIDTH 18 /* characters of an Integer64 field */

/* Maps names[0..n) to DBF field names in out[0..n), in order:
 * - a name of at most 10 bytes is kept;
 * - a longer one is cut to 10 bytes (at a UTF-8 character boundary);
 * - a result equal, ignoring ASCII case, to an earlier output gets the
 *   suffix "_1", "_2", ... (the first that is free), its stem cut so that
 *   the whole stays within 10 bytes: "first_date", "first_dates" →
 *   "first_date", "first_da_1".
 * Names must be non-empty. Deterministic: the same list always gives the
 * same mapping. */
void gm_shp_field_names(const char *const *names, size_t n,
                        char (*out)[GM_SHP_NAME_MAX + 1]);

/* Fills plans[0..layer->n_fields) for the Shapefile driver: mapped names,
 * OFTDate for dates, string widths (the schema's width, else 254) with the
 * same byte limit on values, Integer64 width 18. */
void gm_shp_plan(const gm_layer_def *layer, gm_field_plan *plans);

/* Layer creation options (NULL-terminated): ENCODING=UTF-8, which marks
 * the DBF and writes <name>.cpg. */
extern const char *const gm_shp_layer_options[];

/* Extensions (NULL-terminated, lower case, without the dot) of the files
 * that belong to <name>.shp, written by geomap or by other tools (indexes,
 * metadata): an earlier output's stale ones are removed on commit. */
extern const char *const gm_shp_sidecars[];

#endif
