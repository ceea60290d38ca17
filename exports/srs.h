/* Coordinate systems of the outputs, through OGR and PROJ: the user's
 * -t_srs read as OGR reads it (EPSG codes, WKT, PROJ strings, a .prj
 * file), WGS 84 and Web Mercator for the drivers bound to them, and the
 * point transformation from WGS 84. Every SRS made here uses the
 * traditional GIS axis order (x = longitude or easting), whatever its
 * definition says, so that points are always (lon, lat) or (x, y).
 * Thread-safe: no shared state (each call builds its own objects). */
#ifndef GM_EXPORTS_SRS_H
#define GM_EXPORTS_SRS_H

#include <stdbool.h>

#include <ogr_srs_api.h>

#include "core/error.h"

/* Reads text (OSRSetFromUserInput). GM_E_USAGE naming the text when OGR
 * does not understand it, *out NULL then. Owned: OSRRelease. */
gm_status gm_srs_parse(const char *text, OGRSpatialReferenceH *out,
                       gm_error *err);

/* EPSG:4326 (code 4326) or EPSG:3857 (3857). GM_E_PROJ when PROJ cannot
 * build it (proj.db missing), naming path; *out NULL then. Owned:
 * OSRRelease. */
gm_status gm_srs_epsg(int code, const char *path, OGRSpatialReferenceH *out,
                      gm_error *err);

/* Is srs WGS 84 longitude/latitude in degrees (EPSG:4326, OGC:CRS84...),
 * whatever its axis order? */
bool gm_srs_is_wgs84(OGRSpatialReferenceH srs);

/* Do a and b describe the same system, the axis order apart? */
bool gm_srs_same(OGRSpatialReferenceH a, OGRSpatialReferenceH b);

/* Is srs the Web Mercator of tiles (EPSG:3857)? */
bool gm_srs_is_web_mercator(OGRSpatialReferenceH srs);

/* A short name for messages ("WGS 84 / Pseudo-Mercator", "EPSG:32639",
 * or "the given SRS"). Borrowed from srs. */
const char *gm_srs_name(OGRSpatialReferenceH srs);

/* The transformation from WGS 84 (lon, lat) to srs. GM_E_PROJ naming path
 * when PROJ has none; *out NULL then. Owned:
 * OCTDestroyCoordinateTransformation. */
gm_status gm_srs_from_wgs84(OGRSpatialReferenceH srs, const char *path,
                            OGRCoordinateTransformationH *out,
                            gm_error *err);

/* Transforms one point in place; false when it has no image in the target
 * (the far side of an orthographic projection...) or the result is not
 * finite. */
bool gm_srs_transform(OGRCoordinateTransformationH ct, double *x,
                      double *y);

#endif
