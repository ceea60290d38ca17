#include "ogr_readback.h"

#include <check.h>

#include <cpl_error.h>

GDALDatasetH gm_test_ogr_open(const char *path, const char *driver,
                              const char *const *open_options)
{
    const char *const drivers[] = { driver, NULL };
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                 driver ? drivers : NULL, open_options, NULL);
    ck_assert_msg(ds != NULL, "OGR cannot open %s: %s", path,
                  CPLGetLastErrorMsg());
    return ds;
}

OGRLayerH gm_test_ogr_layer(GDALDatasetH ds, const char *name)
{
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, name);
    ck_assert_msg(layer != NULL, "%s has no layer %s",
                  GDALGetDescription(ds), name);
    return layer;
}

/* The index of field in f, which must have it. */
static int field_index(OGRFeatureH f, const char *field)
{
    int i = OGR_F_GetFieldIndex(f, field);
    ck_assert_msg(i >= 0, "no field %s", field);
    return i;
}

const char *gm_test_ogr_str(OGRFeatureH f, const char *field)
{
    return OGR_F_GetFieldAsString(f, field_index(f, field));
}

int64_t gm_test_ogr_int(OGRFeatureH f, const char *field)
{
    return OGR_F_GetFieldAsInteger64(f, field_index(f, field));
}

double gm_test_ogr_real(OGRFeatureH f, const char *field)
{
    return OGR_F_GetFieldAsDouble(f, field_index(f, field));
}
