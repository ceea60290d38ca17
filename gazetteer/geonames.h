/* Readers of the GeoNames dump files (and of the project's files in the
 * same formats) into a gazetteer builder:
 *   geoname table   allCountries.txt, citiesN.txt, places.txt (19 columns)
 *   alternate names alternateNamesV2.txt / alternateNames.txt
 *   admin1 names    admin1CodesASCII.txt
 *   admin2 names    admin2Codes.txt
 *   countries       countryInfo.txt (which feature is each country)
 *   provenance      SOURCES.txt (package lines of make-default.sh)
 *   common words    one word a line, '#' comments (common-words.txt)
 *   custom places   *.csv (custom_csv.h)
 * A malformed line is reported through the builder's diagnostics with its
 * file and line, and skipped; a file that cannot be read is GM_E_IO. */
#ifndef GM_GAZETTEER_GEONAMES_H
#define GM_GAZETTEER_GEONAMES_H

#include "core/error.h"
#include "gazetteer/build.h"

gm_status gm_geonames_read_places(gm_gaz_builder *b, const char *path,
                                  gm_error *err);
gm_status gm_geonames_read_alternates(gm_gaz_builder *b, const char *path,
                                      gm_error *err);
gm_status gm_geonames_read_admin1(gm_gaz_builder *b, const char *path,
                                  gm_error *err);
gm_status gm_geonames_read_admin2(gm_gaz_builder *b, const char *path,
                                  gm_error *err);
gm_status gm_geonames_read_countries(gm_gaz_builder *b, const char *path,
                                     gm_error *err);
gm_status gm_geonames_read_common_words(gm_gaz_builder *b, const char *path,
                                        gm_error *err);

/* Reads path by its file name (the names above; *.csv are custom places,
 * any other *.txt is taken as a geoname table), or every such file of a
 * directory in sorted order, places and custom places first.
 * GM_E_USAGE when a directory holds no file it knows. */
gm_status gm_geonames_read_path(gm_gaz_builder *b, const char *path,
                                gm_error *err);

/* The whole build as `geomap gazetteer build` runs it: reads every input
 * (files or directories, as gm_geonames_read_path), the common-words list
 * when not NULL, records the provenance and writes the index to out. */
gm_status gm_geonames_build(const char *out, const char *const *inputs,
                            size_t n_inputs, const char *common_words,
                            const char *label, gm_diag_fn diag,
                            void *diag_ctx, gm_error *err);

#endif
