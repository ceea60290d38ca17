/* Reprojection (exports/srs.c and -t_srs in the writer): what
 * gm_srs_parse reads and refuses, the WGS 84 and Web Mercator tests, the
 * points of every driver that takes an SRS read back in metres or degrees
 * (Baku within a metre of what OSR/PROJ gives, and of the Web Mercator
 * formula), the .prj, the drivers bound to WGS 84 or Web Mercator refusing
 * other systems, and points without an image skipped. */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/buf.h"
#include "exports/export.h"
#include "exports/srs.h"
#include "harness.h"
#include "ogr_readback.h"

#define TOL_M 1.0        /* metres */
#define TOL_DEG 1e-6
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define EARTH_RADIUS_M 6378137.0 /* WGS 84 semi-major axis, Web Mercator */
#define PI 3.14159265358979323846

/* Baku, as the issue gives it. */
#define BAKU_LON 49.89201
#define BAKU_LAT 40.37767

static const gm_place_rec baku = { 587084, "Bakı", "AZ", "Bakı", "PPLC", 4,
                                   2, "2024-05-01", "2024-05-03", BAKU_LON,
                                   BAKU_LAT };
static const gm_place_rec texas = { 4736286, "Texas", "US", "Texas", "ADM1",
                                    1, 1, NULL, NULL, -99.25, 31.25 };
static const gm_mention_rec baku_mention = { "a1", 0, 4, "Baku", 587084,
                                             "Bakı", "AZ", 0.9, BAKU_LON,
                                             BAKU_LAT };

/* (lon, lat) in the SRS that text names, as OSR/PROJ computes it outside
 * geomap's code. */
static void expected_xy(const char *text, double lon, double lat, double *x,
                        double *y)
{
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(NULL);
    OGRSpatialReferenceH to = OSRNewSpatialReference(NULL);
    ck_assert_int_eq(OSRImportFromEPSG(wgs84, 4326), OGRERR_NONE);
    ck_assert_int_eq(OSRSetFromUserInput(to, text), OGRERR_NONE);
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(to, OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation(wgs84,
                                                                     to);
    ck_assert_ptr_nonnull(ct);
    *x = lon;
    *y = lat;
    ck_assert(OCTTransform(ct, 1, x, y, NULL));
    OCTDestroyCoordinateTransformation(ct);
    OSRRelease(to);
    OSRRelease(wgs84);
}

static gm_export *open_ok(const char *path, const char *format,
                          unsigned layers, const char *srs)
{
    gm_export_options opts = { .path = path, .format = format,
                               .layers = layers, .dst_srs = srs };
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = NULL;
    gm_status st = gm_export_open(&opts, &ex, &err);
    ck_assert_msg(st == GM_OK, "open %s: %s", path, err.msg);
    return ex;
}

static void commit_ok(gm_export *ex)
{
    gm_error err;
    gm_err_clear(&err);
    gm_status st = gm_export_commit(ex, &err);
    ck_assert_msg(st == GM_OK, "commit: %s", err.msg);
}

static void write_baku(const char *path, const char *format, unsigned layers,
                       const char *srs)
{
    gm_export *ex = open_ok(path, format, layers, srs);
    gm_error err;
    if (layers & GM_LAYER_PLACES)
        ck_assert_int_eq(gm_export_place(ex, &baku, &err), GM_OK);
    if (layers & GM_LAYER_MENTIONS)
        ck_assert_int_eq(gm_export_mention(ex, &baku_mention, &err), GM_OK);
    commit_ok(ex);
}

/* The first feature's point. */
static void first_point(OGRLayerH layer, double *x, double *y)
{
    OGR_L_ResetReading(layer);
    OGRFeatureH f = OGR_L_GetNextFeature(layer);
    ck_assert_ptr_nonnull(f);
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    ck_assert_ptr_nonnull(g);
    *x = OGR_G_GetX(g, 0);
    *y = OGR_G_GetY(g, 0);
    OGR_F_Destroy(f);
}

static void assert_epsg(OGRSpatialReferenceH srs, const char *code)
{
    ck_assert_ptr_nonnull(srs);
    OGRSpatialReferenceH copy = OSRClone(srs);
    OSRAutoIdentifyEPSG(copy);
    const char *got = OSRGetAuthorityCode(copy, NULL);
    ck_assert_msg(got && !strcmp(got, code), "EPSG:%s expected, got %s",
                  code, got ? got : "(none)");
    OSRRelease(copy);
}

/* --- srs.c ---------------------------------------------------------------- */

static const struct {
    const char *text;
    bool wgs84, web_mercator;
} parse_rows[] = {
    { "EPSG:4326", true, false },
    { "epsg:4326", true, false },
    { "OGC:CRS84", true, false },            /* lon/lat by definition */
    { "WGS84", true, false },
    { "EPSG:3857", false, true },
    { "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 "
      "+k=1 +units=m +nadgrids=@null +wktext +no_defs", false, true },
    { "+proj=utm +zone=39 +datum=WGS84", false, false },
    { "EPSG:32639", false, false },
    { "GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\",ELLIPSOID["
      "\"WGS 84\",6378137,298.257223563]],CS[ellipsoidal,2],AXIS[\"latitude"
      "\",north,ANGLEUNIT[\"degree\",0.0174532925199433]],AXIS[\"longitude\""
      ",east,ANGLEUNIT[\"degree\",0.0174532925199433]],ID[\"EPSG\",4326]]",
      true, false },
};

START_TEST(parse_and_compare)
{
    OGRSpatialReferenceH srs = NULL;
    gm_error err;
    ck_assert_int_eq(gm_srs_parse(parse_rows[_i].text, &srs, &err), GM_OK);
    ck_assert_ptr_nonnull(srs);
    ck_assert_int_eq(gm_srs_is_wgs84(srs), parse_rows[_i].wgs84);
    ck_assert_int_eq(gm_srs_is_web_mercator(srs),
                     parse_rows[_i].web_mercator);
    /* x is the longitude or easting, whatever the definition's order. */
    OGRCoordinateTransformationH ct = NULL;
    ck_assert_int_eq(gm_srs_from_wgs84(srs, "out", &ct, &err), GM_OK);
    double x = BAKU_LON, y = BAKU_LAT;
    ck_assert(gm_srs_transform(ct, &x, &y));
    if (parse_rows[_i].wgs84) {
        ck_assert_double_eq_tol(x, BAKU_LON, TOL_DEG);
        ck_assert_double_eq_tol(y, BAKU_LAT, TOL_DEG);
    } else {
        ck_assert_double_gt(x, 1e5); /* metres */
    }
    OCTDestroyCoordinateTransformation(ct);
    OSRRelease(srs);
}
END_TEST

static const char *const bad_srs[] = { "foo", "EPSG:99999", "" };

START_TEST(parse_errors)
{
    OGRSpatialReferenceH srs = (OGRSpatialReferenceH)&srs;
    gm_error err;
    gm_err_clear(&err);
    ck_assert_int_eq(gm_srs_parse(bad_srs[_i], &srs, &err), GM_E_USAGE);
    ck_assert_ptr_null(srs);
    char start[128];
    snprintf(start, sizeof start, "-t_srs: cannot understand \"%s\"",
             bad_srs[_i]);
    ck_assert_msg(!strncmp(err.msg, start, strlen(start)), "message: %s",
                  err.msg);
    ck_assert_ptr_nonnull(strstr(err.msg, "(give an EPSG code such as "
                                          "EPSG:3857, WKT or a PROJ "
                                          "string)"));
}
END_TEST

/* Baku in Web Mercator: OSR's value, and the spherical formula. */
START_TEST(baku_web_mercator)
{
    OGRSpatialReferenceH srs;
    OGRCoordinateTransformationH ct;
    gm_error err;
    ck_assert_int_eq(gm_srs_epsg(3857, "out", &srs, &err), GM_OK);
    ck_assert_int_eq(gm_srs_from_wgs84(srs, "out", &ct, &err), GM_OK);
    double x = BAKU_LON, y = BAKU_LAT;
    ck_assert(gm_srs_transform(ct, &x, &y));
    double ex, ey;
    expected_xy("EPSG:3857", BAKU_LON, BAKU_LAT, &ex, &ey);
    ck_assert_double_eq_tol(x, ex, TOL_M);
    ck_assert_double_eq_tol(y, ey, TOL_M);
    double fx = EARTH_RADIUS_M * BAKU_LON * PI / 180.0;
    double fy = EARTH_RADIUS_M *
                log(tan(PI / 4.0 + BAKU_LAT * PI / 360.0));
    ck_assert_double_eq_tol(x, fx, TOL_M);
    ck_assert_double_eq_tol(y, fy, TOL_M);
    ck_assert_str_eq(gm_srs_name(srs), "WGS 84 / Pseudo-Mercator");
    OCTDestroyCoordinateTransformation(ct);
    OSRRelease(srs);
}
END_TEST

/* The far side of an orthographic projection has no image. */
START_TEST(transform_without_image)
{
    OGRSpatialReferenceH srs;
    OGRCoordinateTransformationH ct;
    gm_error err;
    ck_assert_int_eq(gm_srs_parse("+proj=ortho +lat_0=40 +lon_0=50", &srs,
                                  &err), GM_OK);
    ck_assert_str_eq(gm_srs_name(srs), "the given SRS");
    ck_assert_int_eq(gm_srs_from_wgs84(srs, "out", &ct, &err), GM_OK);
    double x = -99.25, y = 31.25;
    ck_assert(!gm_srs_transform(ct, &x, &y));
    ck_assert_double_eq(x, -99.25); /* left alone */
    x = BAKU_LON;
    y = BAKU_LAT;
    ck_assert(gm_srs_transform(ct, &x, &y));
    OCTDestroyCoordinateTransformation(ct);
    OSRRelease(srs);
}
END_TEST

/* --- the writer ------------------------------------------------------------- */

/* Drivers that take any SRS, each in Web Mercator: Baku within a metre. */
static const struct {
    const char *name, *format, *open;
    unsigned layers;
} metre_rows[] = {
    { "b.shp", NULL, "b.shp", GM_LAYER_PLACES },
    { "b.gpkg", NULL, "b.gpkg", GM_LAYER_PLACES | GM_LAYER_MENTIONS },
    { "b.fgb", NULL, "b.fgb", GM_LAYER_MENTIONS },
    { "b", "CSV", "b/places.csv", GM_LAYER_PLACES },
};

START_TEST(web_mercator_in_metres)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, metre_rows[_i].name);
    write_baku(out, metre_rows[_i].format, metre_rows[_i].layers,
               "EPSG:3857");
    char *open = gm_test_path_in(tmp, metre_rows[_i].open);
    GDALDatasetH ds = gm_test_ogr_open(open, NULL, NULL);
    double ex, ey;
    expected_xy("EPSG:3857", BAKU_LON, BAKU_LAT, &ex, &ey);
    for (int i = 0; i < GDALDatasetGetLayerCount(ds); i++) {
        OGRLayerH layer = GDALDatasetGetLayer(ds, i);
        if (OGR_L_GetGeomType(layer) == wkbNone)
            continue; /* layer_styles */
        assert_epsg(OGR_L_GetSpatialRef(layer), "3857");
        double x, y;
        first_point(layer, &x, &y);
        ck_assert_double_eq_tol(x, ex, TOL_M);
        ck_assert_double_eq_tol(y, ey, TOL_M);
    }
    GDALClose(ds);
    free(open);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* Shapefile with EPSG:4326: degrees and a .prj that says WGS 84; with a
 * UTM zone, metres and a .prj that says so. */
START_TEST(shapefile_prj)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "deg.shp");
    write_baku(out, NULL, GM_LAYER_PLACES, "EPSG:4326");
    char *prj = gm_test_path_in(tmp, "deg.prj");
    char *text = gm_test_read_file(prj, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_msg(!strncmp(text, "GEOGCS[\"GCS_WGS_1984\"", 21), "prj: %s",
                  text);
    free(text);
    GDALDatasetH ds = gm_test_ogr_open(out, NULL, NULL);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    assert_epsg(OGR_L_GetSpatialRef(layer), "4326");
    double x, y;
    first_point(layer, &x, &y);
    ck_assert_double_eq_tol(x, BAKU_LON, TOL_DEG);
    ck_assert_double_eq_tol(y, BAKU_LAT, TOL_DEG);
    GDALClose(ds);
    free(prj);
    free(out);

    out = gm_test_path_in(tmp, "utm.shp");
    write_baku(out, NULL, GM_LAYER_PLACES, "EPSG:32639");
    prj = gm_test_path_in(tmp, "utm.prj");
    text = gm_test_read_file(prj, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "UTM_Zone_39N"));
    free(text);
    ds = gm_test_ogr_open(out, NULL, NULL);
    layer = GDALDatasetGetLayer(ds, 0);
    assert_epsg(OGR_L_GetSpatialRef(layer), "32639");
    double ex, ey;
    expected_xy("EPSG:32639", BAKU_LON, BAKU_LAT, &ex, &ey);
    first_point(layer, &x, &y);
    ck_assert_double_eq_tol(x, ex, TOL_M);
    ck_assert_double_eq_tol(y, ey, TOL_M);
    GDALClose(ds);
    free(prj);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* WKT and PROJ strings as -t_srs, in a GeoPackage. */
START_TEST(wkt_and_proj_strings)
{
    char *tmp = gm_test_tmpdir();
    OGRSpatialReferenceH utm = OSRNewSpatialReference(NULL);
    ck_assert_int_eq(OSRImportFromEPSG(utm, 32639), OGRERR_NONE);
    char *wkt = NULL;
    ck_assert_int_eq(OSRExportToWkt(utm, &wkt), OGRERR_NONE);
    const char *srs[] = { wkt, "+proj=utm +zone=39 +datum=WGS84 +units=m" };
    double ex, ey;
    expected_xy("EPSG:32639", BAKU_LON, BAKU_LAT, &ex, &ey);
    for (size_t i = 0; i < COUNT(srs); i++) {
        char name[32];
        snprintf(name, sizeof name, "u%zu.gpkg", i);
        char *out = gm_test_path_in(tmp, name);
        write_baku(out, NULL, GM_LAYER_PLACES, srs[i]);
        GDALDatasetH ds = gm_test_ogr_open(out, NULL, NULL);
        OGRLayerH layer = GDALDatasetGetLayerByName(ds, "places");
        ck_assert_ptr_nonnull(layer);
        ck_assert(OSRIsSame(OGR_L_GetSpatialRef(layer), utm));
        double x, y;
        first_point(layer, &x, &y);
        ck_assert_double_eq_tol(x, ex, TOL_M);
        ck_assert_double_eq_tol(y, ey, TOL_M);
        GDALClose(ds);
        free(out);
    }
    CPLFree(wkt);
    OSRRelease(utm);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* CSV in metres: the WKT is projected, lon and lat stay degrees. */
START_TEST(csv_lonlat_stay_degrees)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "b.csv");
    write_baku(out, NULL, GM_LAYER_PLACES, "EPSG:3857");
    char *text = gm_test_read_file(out, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "\"POINT (5553953."));
    ck_assert_ptr_nonnull(strstr(text, ",49.89201,40.37767\n"));
    free(text);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* WGS 84 in any spelling is the default: GeoJSON takes it, and the
 * output is the same as without -t_srs. */
START_TEST(wgs84_everywhere)
{
    char *tmp = gm_test_tmpdir();
    char *a = gm_test_path_in(tmp, "a.geojson");
    char *b = gm_test_path_in(tmp, "b.geojson");
    write_baku(a, NULL, GM_LAYER_PLACES, NULL);
    write_baku(b, NULL, GM_LAYER_PLACES, "OGC:CRS84");
    char *ta = gm_test_read_file(a, NULL);
    char *tb = gm_test_read_file(b, NULL);
    ck_assert_str_eq(ta, tb);
    ck_assert_ptr_nonnull(strstr(ta, "[ 49.89201, 40.37767 ]"));
    free(ta);
    free(tb);
    char *k = gm_test_path_in(tmp, "k.kml");
    write_baku(k, NULL, GM_LAYER_PLACES, "EPSG:4326");
    /* Tiles take Web Mercator, which they are anyway. */
    char *t = gm_test_path_in(tmp, "t.mbtiles");
    write_baku(t, NULL, GM_LAYER_PLACES, "EPSG:3857");
    free(t);
    free(k);
    free(b);
    free(a);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

static const struct {
    const char *name, *format, *srs, *msg;
} refuse_rows[] = {
    { "x.geojson", NULL, "EPSG:3857",
      "GeoJSON is WGS 84 longitude/latitude (RFC 7946): -t_srs EPSG:3857 "
      "is refused (GPKG, ESRI Shapefile, FlatGeobuf and CSV take any SRS; "
      "-lco RFC7946=NO writes a legacy GeoJSON that does)" },
    { "x", NULL, "EPSG:32639",
      "GeoJSON is WGS 84 longitude/latitude (RFC 7946): -t_srs EPSG:32639 "
      "is refused (GPKG, ESRI Shapefile, FlatGeobuf and CSV take any SRS; "
      "-lco RFC7946=NO writes a legacy GeoJSON that does)" },
    { "x.geojsonl", NULL, "EPSG:3857",
      "GeoJSONSeq is always WGS 84 longitude/latitude: -t_srs EPSG:3857 "
      "does not apply (GPKG, ESRI Shapefile, FlatGeobuf and CSV take any "
      "SRS)" },
    { "x.kml", NULL, "EPSG:3857",
      "KML is always WGS 84 longitude/latitude: -t_srs EPSG:3857 does not "
      "apply (GPKG, ESRI Shapefile, FlatGeobuf and CSV take any SRS)" },
    { "t", "MVT", "EPSG:4326",
      "vector tiles (MVT) are always in Web Mercator (EPSG:3857): -t_srs "
      "EPSG:4326 does not apply" },
    { "t.mbtiles", NULL, "EPSG:32639",
      "vector tiles (MBTiles) are always in Web Mercator (EPSG:3857): "
      "-t_srs EPSG:32639 does not apply" },
};

START_TEST(refused)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, refuse_rows[_i].name);
    gm_export_options opts = { .path = out, .format = refuse_rows[_i].format,
                               .layers = GM_LAYER_PLACES,
                               .dst_srs = refuse_rows[_i].srs };
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = (gm_export *)&opts;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_E_USAGE);
    ck_assert_ptr_null(ex);
    ck_assert_str_eq(err.path, out);
    ck_assert_str_eq(err.msg, refuse_rows[_i].msg);
    gm_test_rmtree(tmp);
    free(out);
    free(tmp);
}
END_TEST

START_TEST(bad_srs_refused)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "x.gpkg");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES,
                               .dst_srs = "EPSG:nope" };
    gm_error err;
    gm_export *ex = (gm_export *)&opts;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_E_USAGE);
    ck_assert_ptr_null(ex);
    ck_assert_ptr_nonnull(strstr(err.msg, "-t_srs: cannot understand "
                                          "\"EPSG:nope\""));
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* A point without an image is skipped (GM_E_INPUT), the others kept. */
START_TEST(point_without_image_skipped)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "o.gpkg");
    gm_export *ex = open_ok(out, NULL, GM_LAYER_PLACES,
                            "+proj=ortho +lat_0=40 +lon_0=50");
    gm_error err;
    gm_err_clear(&err);
    ck_assert_int_eq(gm_export_place(ex, &texas, &err), GM_E_INPUT);
    ck_assert_str_eq(err.path, out);
    ck_assert_str_eq(err.msg, "places record skipped: (-99.25, 31.25) has "
                              "no coordinates in the given SRS");
    ck_assert_int_eq(gm_export_place(ex, &baku, &err), GM_OK);
    commit_ok(ex);
    GDALDatasetH ds = gm_test_ogr_open(out, NULL, NULL);
    ck_assert_int_eq(OGR_L_GetFeatureCount(GDALDatasetGetLayer(ds, 0), TRUE),
                     1);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("srs");
    TCase *tc = tcase_create("srs.c");
    tcase_add_loop_test(tc, parse_and_compare, 0, COUNT(parse_rows));
    tcase_add_loop_test(tc, parse_errors, 0, COUNT(bad_srs));
    tcase_add_test(tc, baku_web_mercator);
    tcase_add_test(tc, transform_without_image);
    suite_add_tcase(s, tc);

    tc = tcase_create("reprojected outputs");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, web_mercator_in_metres, 0, COUNT(metre_rows));
    tcase_add_test(tc, shapefile_prj);
    tcase_add_test(tc, wkt_and_proj_strings);
    tcase_add_test(tc, csv_lonlat_stay_degrees);
    tcase_add_test(tc, wgs84_everywhere);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_loop_test(tc, refused, 0, COUNT(refuse_rows));
    tcase_add_test(tc, bad_srs_refused);
    tcase_add_test(tc, point_without_image_skipped);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    GDALAllRegister();
    return gm_test_run(suite());
}
