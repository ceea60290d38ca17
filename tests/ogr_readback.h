/* Reading written layers back through OGR, for the suites that check what
 * the exporters wrote. Each helper fails the running test (ck_assert) when
 * what it looks for is not there, so callers need no NULL checks. */
#ifndef GM_TESTS_OGR_READBACK_H
#define GM_TESTS_OGR_READBACK_H

#include <stdint.h>

#include <gdal.h>
#include <ogr_api.h>

/* path opened read-only as a vector dataset, by any OGR driver or only by
 * driver when not NULL, with open_options (NULL-terminated, may be NULL).
 * Close it with GDALClose. */
GDALDatasetH gm_test_ogr_open(const char *path, const char *driver,
                              const char *const *open_options);

/* The layer called name. */
OGRLayerH gm_test_ogr_layer(GDALDatasetH ds, const char *name);

/* A field of f by name, as OGR converts it. The string is f's. */
const char *gm_test_ogr_str(OGRFeatureH f, const char *field);
int64_t gm_test_ogr_int(OGRFeatureH f, const char *field);
double gm_test_ogr_real(OGRFeatureH f, const char *field);

#endif
