/* Custom places in CSV (libcsv) → builder. The first row is a header that
 * names the columns, in any order (case, spaces, '_' and '-' ignored):
 *   id               a positive integer; empty: the next id of the custom
 *                    range (GM_GAZ_CUSTOM_ID_MIN and up, in input order)
 *   name             required
 *   alternate_names  '|'-separated; each may carry a tag: a language
 *                    ("de:München"), "abbr:", "demonym:" or "hist:"
 *   lat, lon         required, WGS 84 degrees
 *   feature_class    one GeoNames letter (A H L P R S T U V); empty: P
 *   feature_code     GeoNames code (PPL, ADM2, RGN...); empty: PPL for P
 *   country          ISO 3166-1 alpha-2
 *   admin1, admin2   GeoNames admin codes
 *   population       a whole number; empty: 0
 * Only name, lat and lon must be present; other columns are warned about
 * once and ignored. A row with a bad value is reported through the
 * builder's diagnostics as PATH:LINE and skipped; a file without a usable
 * header or with broken quoting is GM_E_FORMAT at PATH:LINE, one that
 * cannot be read GM_E_IO. gazetteer/DATA.md documents the columns for
 * users. */
#ifndef GM_GAZETTEER_CUSTOM_CSV_H
#define GM_GAZETTEER_CUSTOM_CSV_H

#include "core/error.h"
#include "gazetteer/build.h"

gm_status gm_custom_csv_read(gm_gaz_builder *b, const char *path,
                             gm_error *err);

#endif
