/* Coordinate systems: parsing -t_srs, WGS 84 and Web Mercator, the
 * comparison that decides whether points need transforming, and the
 * transformation itself. The writer (export.c) decides which driver
 * accepts which SRS. */
#include "exports/srs.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include <cpl_error.h>

/* GDAL's messages are read back from its error state, not printed. */
static void quiet(void)
{
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

static const char *gdal_reason(void)
{
    const char *msg = CPLGetLastErrorMsg();
    return msg && *msg ? msg : "PROJ gave no reason";
}

gm_status gm_srs_parse(const char *text, OGRSpatialReferenceH *out,
                       gm_error *err)
{
    *out = NULL;
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    quiet();
    OGRErr rc = text && *text ? OSRSetFromUserInput(srs, text)
                              : OGRERR_CORRUPT_DATA;
    gm_status status = GM_OK;
    if (rc != OGRERR_NONE) {
        const char *msg = CPLGetLastErrorMsg();
        status = gm_err_set(err, GM_E_USAGE, NULL, 0,
                            "-t_srs: cannot understand \"%s\"%s%s (give an "
                            "EPSG code such as EPSG:3857, WKT or a PROJ "
                            "string)",
                            text ? text : "", msg && *msg ? ": " : "",
                            msg && *msg ? msg : "");
    }
    CPLPopErrorHandler();
    if (status != GM_OK) {
        OSRRelease(srs);
        return status;
    }
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    *out = srs;
    return GM_OK;
}

gm_status gm_srs_epsg(int code, const char *path, OGRSpatialReferenceH *out,
                      gm_error *err)
{
    *out = NULL;
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    quiet();
    OGRErr rc = OSRImportFromEPSG(srs, code);
    gm_status status = GM_OK;
    if (rc != OGRERR_NONE)
        status = gm_err_set(err, GM_E_PROJ, path, 0,
                            "cannot build EPSG:%d (is proj.db installed?): "
                            "%s",
                            code, gdal_reason());
    CPLPopErrorHandler();
    if (status != GM_OK) {
        OSRRelease(srs);
        return status;
    }
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    *out = srs;
    return GM_OK;
}

/* Same datum and coordinates, the axis order apart. */
static const char *const same_options[] = {
    "IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES",
    "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", NULL
};

bool gm_srs_same(OGRSpatialReferenceH a, OGRSpatialReferenceH b)
{
    quiet();
    bool same = OSRIsSameEx(a, b, same_options);
    CPLPopErrorHandler();
    return same;
}

static bool same_crs(OGRSpatialReferenceH a, int code)
{
    OGRSpatialReferenceH b = OSRNewSpatialReference(NULL);
    quiet();
    bool same = OSRImportFromEPSG(b, code) == OGRERR_NONE &&
                OSRIsSameEx(a, b, same_options);
    CPLPopErrorHandler();
    OSRRelease(b);
    return same;
}

bool gm_srs_is_wgs84(OGRSpatialReferenceH srs)
{
    return same_crs(srs, 4326);
}

bool gm_srs_is_web_mercator(OGRSpatialReferenceH srs)
{
    return same_crs(srs, 3857);
}

const char *gm_srs_name(OGRSpatialReferenceH srs)
{
    const char *name = OSRGetName(srs);
    return name && *name && strcmp(name, "unknown") ? name : "the given SRS";
}

gm_status gm_srs_from_wgs84(OGRSpatialReferenceH srs, const char *path,
                            OGRCoordinateTransformationH *out,
                            gm_error *err)
{
    *out = NULL;
    OGRSpatialReferenceH wgs84;
    gm_status status = gm_srs_epsg(4326, path, &wgs84, err);
    if (status != GM_OK)
        return status;
    quiet();
    OGRCoordinateTransformationH ct =
        OCTNewCoordinateTransformation(wgs84, srs);
    if (!ct)
        status = gm_err_set(err, GM_E_PROJ, path, 0,
                            "no transformation from WGS 84 to %s: %s",
                            gm_srs_name(srs), gdal_reason());
    CPLPopErrorHandler();
    OSRRelease(wgs84);
    *out = ct;
    return status;
}

bool gm_srs_transform(OGRCoordinateTransformationH ct, double *x,
                      double *y)
{
    double tx = *x, ty = *y;
    int ok = FALSE;
    quiet();
    bool done = OCTTransformEx(ct, 1, &tx, &ty, NULL, &ok) && ok;
    CPLPopErrorHandler();
    if (!done || !isfinite(tx) || !isfinite(ty))
        return false;
    *x = tx;
    *y = ty;
    return true;
}
