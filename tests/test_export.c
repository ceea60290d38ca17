/* The layer writers (exports/): GeoJSON and ESRI Shapefile outputs written
 * and read back with OGR (layers, fields, types, coordinates, non-ASCII
 * text, .cpg, .prj, RFC 7946), the Shapefile quirks (names, widths,
 * truncation warnings), the temporary name and the rename (commit replaces,
 * abort leaves nothing) and every error path. Outputs go to
 * gm_test_tmpdir(). */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/buf.h"
#include "exports/export.h"
#include "exports/fields.h"
#include "exports/shp.h"
#include "harness.h"
#include "ogr_readback.h"

#define TOL_DEG 1e-6 /* GeoJSON keeps 6 decimals */
#define TOL_SCORE 1e-9
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Places, with names in three scripts, a point west of Greenwich, an id of
 * the custom range beyond 32 bits and a place without dates. */
static const gm_place_rec places[] = {
    { 587084, "Xankəndi", "AZ", "Qarabağ", "PPLA", 12, 5, "2023-09-19",
      "2023-10-02", 46.7513, 39.8153 },
    { 703448, "Київ", "UA", "Київ", "PPLC", 40, 22, "2022-02-24",
      "2024-01-05", 30.52335, 50.45466 },
    { 1816670, "北京", "CN", "北京市", "PPLC", 3, 2, NULL, NULL, 116.39723,
      39.9075 },
    { 4736286, "Texas", "US", "Texas", "ADM1", 7, 4, "2024-03-01",
      "2024-03-01", -99.25, 31.25 },
    { 5000000001LL, "Donbas", "UA", "", "RGN", 9, 6, "2022-03-01",
      "2022-04-11", 38.0, 48.0 },
};

static const gm_mention_rec mentions[] = {
    { "a1", 0, 8, "Xankəndi", 587084, "Xankəndi", "AZ", 0.93, 46.7513,
      39.8153 },
    { "a2", 15, 20, "Києві", 703448, "Київ", "UA", 0.875, 30.52335,
      50.45466 },
    { "a3", 3, 5, "北京", 1816670, "北京", "CN", 0.5, 116.39723, 39.9075 },
};

static const char *const place_names[] = { "place_id", "name", "country",
    "admin1", "feature", "mentions", "articles", "first_date", "last_date" };
static const char *const mention_names[] = { "article", "start", "end",
    "surface", "place_id", "place", "country", "score" };

/* --- helpers ------------------------------------------------------------ */

typedef struct diag_log {
    int count;
    char msg[8][GM_ERR_MSG_MAX];
    char path[8][GM_ERR_PATH_MAX];
} diag_log;

static void collect(void *ctx, const gm_error *problem)
{
    diag_log *log = ctx;
    if (log->count < 8) {
        snprintf(log->msg[log->count], GM_ERR_MSG_MAX, "%s", problem->msg);
        snprintf(log->path[log->count], GM_ERR_PATH_MAX, "%s",
                 problem->path);
    }
    log->count++;
}

static gm_export *open_ok(const char *path, const char *format,
                          unsigned layers, diag_log *log)
{
    gm_export_options opts = { .path = path, .format = format,
                               .layers = layers,
                               .diag = log ? collect : NULL,
                               .diag_ctx = log };
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = NULL;
    gm_status st = gm_export_open(&opts, &ex, &err);
    ck_assert_msg(st == GM_OK, "open %s: %s", path, err.msg);
    ck_assert_ptr_nonnull(ex);
    return ex;
}

static void write_places(gm_export *ex, size_t n)
{
    gm_error err;
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(gm_export_place(ex, &places[i], &err), GM_OK);
}

static void write_mentions(gm_export *ex)
{
    gm_error err;
    for (size_t i = 0; i < COUNT(mentions); i++)
        ck_assert_int_eq(gm_export_mention(ex, &mentions[i], &err), GM_OK);
}

static void commit_ok(gm_export *ex)
{
    gm_error err;
    gm_err_clear(&err);
    gm_status st = gm_export_commit(ex, &err);
    ck_assert_msg(st == GM_OK, "commit: %s: %s", err.path, err.msg);
}

/* Writes places and/or mentions to path and commits. */
static void write_output(const char *path, const char *format,
                         unsigned layers, diag_log *log)
{
    gm_export *ex = open_ok(path, format, layers, log);
    if (layers & GM_LAYER_PLACES)
        write_places(ex, COUNT(places));
    if (layers & GM_LAYER_MENTIONS)
        write_mentions(ex);
    commit_ok(ex);
}

static GDALDatasetH open_vector(const char *path)
{
    /* Dates as strings: the test checks what was written, not the
     * GeoJSON reader's type detection. */
    static const char *const oo[] = { "DATE_AS_STRING=YES", NULL };
    size_t len = strlen(path);
    bool json = len > 5 && (!strcmp(path + len - 5, ".json") ||
                            (len > 8 && !strcmp(path + len - 8, ".geojson")));
    return gm_test_ogr_open(path, json ? "GeoJSON" : NULL, json ? oo : NULL);
}

static OGRLayerH only_layer(GDALDatasetH ds, const char *name)
{
    ck_assert_int_eq(GDALDatasetGetLayerCount(ds), 1);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    ck_assert_str_eq(OGR_L_GetName(layer), name);
    return layer;
}

typedef enum { AS_GEOJSON, AS_SHP } flavour;

static void assert_field(OGRFeatureDefnH defn, int i, const char *name,
                         OGRFieldType type, int width)
{
    OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
    ck_assert_str_eq(OGR_Fld_GetNameRef(fd), name);
    OGRFieldType got = OGR_Fld_GetType(fd);
    /* The GeoJSON reader narrows integers that fit in 32 bits. */
    if (type == OFTInteger64 && got == OFTInteger && width < 0)
        got = OFTInteger64;
    ck_assert_msg(got == type, "field %s: type %s expected, got %s", name,
                  OGR_GetFieldTypeName(type), OGR_GetFieldTypeName(got));
    if (width > 0)
        ck_assert_int_eq(OGR_Fld_GetWidth(fd), width);
}

static void assert_point(OGRFeatureH f, double lon, double lat)
{
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(wkbFlatten(OGR_G_GetGeometryType(g)), wkbPoint);
    ck_assert_double_eq_tol(OGR_G_GetX(g, 0), lon, TOL_DEG);
    ck_assert_double_eq_tol(OGR_G_GetY(g, 0), lat, TOL_DEG);
}

static void assert_null(OGRFeatureH f, int i)
{
    ck_assert_msg(!OGR_F_IsFieldSetAndNotNull(f, i), "field %d: null "
                  "expected, got \"%s\"", i, OGR_F_GetFieldAsString(f, i));
}

static void check_places_layer(OGRLayerH layer, flavour as, size_t n)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    ck_assert_int_eq(OGR_FD_GetFieldCount(defn), (int)COUNT(place_names));
    int w = as == AS_SHP ? 1 : -1; /* check widths / allow narrowing */
    assert_field(defn, 0, "place_id", OFTInteger64, w * 18);
    assert_field(defn, 1, "name", OFTString, w * 254);
    assert_field(defn, 2, "country", OFTString, w * 2);
    assert_field(defn, 3, "admin1", OFTString, w * 254);
    assert_field(defn, 4, "feature", OFTString, w * 10);
    assert_field(defn, 5, "mentions", OFTInteger64, w * 18);
    assert_field(defn, 6, "articles", OFTInteger64, w * 18);
    OGRFieldType date = as == AS_SHP ? OFTDate : OFTString;
    assert_field(defn, 7, "first_date", date, 0);
    assert_field(defn, 8, "last_date", date, 0);
    ck_assert_int_eq(OGR_L_GetFeatureCount(layer, TRUE), (GIntBig)n);

    OGR_L_ResetReading(layer);
    for (size_t i = 0; i < n; i++) {
        const gm_place_rec *p = &places[i];
        OGRFeatureH f = OGR_L_GetNextFeature(layer);
        ck_assert_ptr_nonnull(f);
        ck_assert_int_eq(OGR_F_GetFieldAsInteger64(f, 0), p->place_id);
        ck_assert_str_eq(OGR_F_GetFieldAsString(f, 1), p->name);
        ck_assert_str_eq(OGR_F_GetFieldAsString(f, 2), p->country);
        ck_assert_str_eq(OGR_F_GetFieldAsString(f, 3), p->admin1);
        ck_assert_str_eq(OGR_F_GetFieldAsString(f, 4), p->feature);
        ck_assert_int_eq(OGR_F_GetFieldAsInteger64(f, 5), p->mentions);
        ck_assert_int_eq(OGR_F_GetFieldAsInteger64(f, 6), p->articles);
        if (p->first_date) {
            if (as == AS_SHP) {
                int y, m, d, h, mi, tz;
                float s;
                ck_assert_int_eq(OGR_F_GetFieldAsDateTimeEx(
                                     f, 7, &y, &m, &d, &h, &mi, &s, &tz),
                                 TRUE);
                char iso[16];
                snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
                ck_assert_str_eq(iso, p->first_date);
            } else {
                ck_assert_str_eq(OGR_F_GetFieldAsString(f, 7),
                                 p->first_date);
                ck_assert_str_eq(OGR_F_GetFieldAsString(f, 8),
                                 p->last_date);
            }
        } else {
            assert_null(f, 7);
            assert_null(f, 8);
        }
        assert_point(f, p->lon, p->lat);
        OGR_F_Destroy(f);
    }
}

static void check_mentions_layer(OGRLayerH layer, flavour as)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    ck_assert_int_eq(OGR_FD_GetFieldCount(defn), (int)COUNT(mention_names));
    int w = as == AS_SHP ? 1 : -1;
    assert_field(defn, 0, "article", OFTString, w * 254);
    assert_field(defn, 1, "start", OFTInteger64, w * 18);
    assert_field(defn, 2, "end", OFTInteger64, w * 18);
    assert_field(defn, 3, "surface", OFTString, w * 254);
    assert_field(defn, 4, "place_id", OFTInteger64, w * 18);
    assert_field(defn, 5, "place", OFTString, w * 254);
    assert_field(defn, 6, "country", OFTString, w * 2);
    assert_field(defn, 7, "score", OFTReal, 0);
    ck_assert_int_eq(OGR_L_GetFeatureCount(layer, TRUE),
                     (GIntBig)COUNT(mentions));

    OGR_L_ResetReading(layer);
    for (size_t i = 0; i < COUNT(mentions); i++) {
        const gm_mention_rec *m = &mentions[i];
        OGRFeatureH f = OGR_L_GetNextFeature(layer);
        ck_assert_ptr_nonnull(f);
        ck_assert_str_eq(OGR_F_GetFieldAsString(f, 0), m->article);
        ck_assert_int_eq(OGR_F_GetFieldAsInteger64(f, 1), m->start);
        ck_assert_int_eq(OGR_F_GetFieldAsInteger64(f, 2), m->end);
        ck_assert_str_eq(OGR_F_GetFieldAsString(f, 3), m->surface);
        ck_assert_int_eq(OGR_F_GetFieldAsInteger64(f, 4), m->place_id);
        ck_assert_str_eq(OGR_F_GetFieldAsString(f, 5), m->place);
        ck_assert_str_eq(OGR_F_GetFieldAsString(f, 6), m->country);
        ck_assert_double_eq_tol(OGR_F_GetFieldAsDouble(f, 7), m->score,
                                TOL_SCORE);
        assert_point(f, m->lon, m->lat);
        OGR_F_Destroy(f);
    }
}

/* RFC 7946 text: no crs member, the layer name, 6 decimals, no bbox per
 * point. */
static void check_geojson_text(const char *path, const char *layer)
{
    char *text = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_msg(strstr(text, "\"crs\"") == NULL, "%s has a crs member",
                  path);
    ck_assert_ptr_null(strstr(text, "\"bbox\""));
    char name[64];
    snprintf(name, sizeof name, "\"name\": \"%s\"", layer);
    ck_assert_ptr_nonnull(strstr(text, name));
    if (!strcmp(layer, "places")) {
        ck_assert_ptr_nonnull(strstr(text, "\"first_date\": \"2023-09-19\""));
        ck_assert_ptr_nonnull(strstr(text, "[ 30.52335, 50.45466 ]"));
        ck_assert_ptr_nonnull(strstr(text, "[ -99.25, 31.25 ]"));
    }
    free(text);
}

/* The .cpg says UTF-8; the .prj is WGS 84 (EPSG:4326). */
static void check_shp_sidecars(const char *dir, const char *base)
{
    gm_buf p = GM_BUF_INIT;
    gm_buf_printf(&p, "%s/%s.cpg", dir, base);
    char *cpg = gm_test_read_file(p.data, NULL);
    ck_assert_msg(cpg != NULL, "no %s", p.data);
    cpg[strcspn(cpg, "\r\n")] = '\0';
    ck_assert_str_eq(cpg, "UTF-8");
    free(cpg);

    gm_buf_clear(&p);
    gm_buf_printf(&p, "%s/%s.prj", dir, base);
    char *prj = gm_test_read_file(p.data, NULL);
    ck_assert_msg(prj != NULL, "no %s", p.data);
    /* The .prj holds ESRI WKT ("GCS_WGS_1984"): compare it with EPSG:4326,
     * then let OGR's reader identify it. */
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(NULL);
    char *wkt = prj;
    ck_assert_int_eq(OSRImportFromWkt(srs, &wkt), OGRERR_NONE);
    ck_assert_int_eq(OSRImportFromEPSG(wgs84, 4326), OGRERR_NONE);
    ck_assert(OSRIsGeographic(srs));
    ck_assert(OSRIsSame(srs, wgs84));
    OSRRelease(wgs84);
    OSRRelease(srs);

    gm_buf_clear(&p);
    gm_buf_printf(&p, "%s/%s.shp", dir, base);
    GDALDatasetH ds = open_vector(p.data);
    srs = OSRClone(OGR_L_GetSpatialRef(GDALDatasetGetLayer(ds, 0)));
    GDALClose(ds);
    ck_assert(OSRIsGeographic(srs));
    ck_assert_int_eq(OSRAutoIdentifyEPSG(srs), OGRERR_NONE);
    ck_assert_str_eq(OSRGetAuthorityName(srs, NULL), "EPSG");
    ck_assert_str_eq(OSRGetAuthorityCode(srs, NULL), "4326");
    OSRRelease(srs);
    free(prj);
    gm_buf_free(&p);
}

/* --- writing and reading back -------------------------------------------- */

START_TEST(geojson_directory)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "out");
    diag_log log = { 0 };
    write_output(out, NULL, GM_LAYER_PLACES | GM_LAYER_MENTIONS, &log);
    ck_assert_int_eq(log.count, 0);
    gm_test_assert_listing(tmp, "out\n");
    gm_test_assert_listing(out, "mentions.geojson\nmentions.qml\nplaces.geojson\n"
                        "places.qml\n");

    char *pl = gm_test_path_in(out, "places.geojson");
    char *mn = gm_test_path_in(out, "mentions.geojson");
    GDALDatasetH ds = open_vector(pl);
    check_places_layer(only_layer(ds, "places"), AS_GEOJSON, COUNT(places));
    GDALClose(ds);
    ds = open_vector(mn);
    check_mentions_layer(only_layer(ds, "mentions"), AS_GEOJSON);
    GDALClose(ds);
    check_geojson_text(pl, "places");
    check_geojson_text(mn, "mentions");

    free(pl);
    free(mn);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

START_TEST(geojson_single_file)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "places.json");
    write_output(out, "geojson", GM_LAYER_PLACES, NULL);
    gm_test_assert_listing(tmp, "places.json\nplaces.qml\n");
    GDALDatasetH ds = open_vector(out);
    check_places_layer(only_layer(ds, "places"), AS_GEOJSON, COUNT(places));
    GDALClose(ds);
    check_geojson_text(out, "places");
    free(out);

    /* Guessed from .geojson; the layer keeps its name, not the file's. */
    out = gm_test_path_in(tmp, "m.geojson");
    write_output(out, NULL, GM_LAYER_MENTIONS, NULL);
    ds = open_vector(out);
    check_mentions_layer(only_layer(ds, "mentions"), AS_GEOJSON);
    GDALClose(ds);
    check_geojson_text(out, "mentions");
    gm_test_assert_listing(tmp, "m.geojson\nm.qml\nplaces.json\nplaces.qml\n");

    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

START_TEST(shapefile_directory)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "shapes");
    diag_log log = { 0 };
    /* -f is case-insensitive. */
    write_output(out, "esri shapefile", GM_LAYER_PLACES | GM_LAYER_MENTIONS,
                 &log);
    ck_assert_int_eq(log.count, 0);
    gm_test_assert_listing(out, "mentions.cpg\nmentions.dbf\nmentions.prj\n"
                        "mentions.qml\nmentions.shp\nmentions.shx\n"
                        "places.cpg\nplaces.dbf\nplaces.prj\nplaces.qml\n"
                        "places.shp\nplaces.shx\n");

    GDALDatasetH ds = open_vector(out);
    ck_assert_int_eq(GDALDatasetGetLayerCount(ds), 2);
    OGRLayerH pl = GDALDatasetGetLayerByName(ds, "places");
    OGRLayerH mn = GDALDatasetGetLayerByName(ds, "mentions");
    ck_assert_ptr_nonnull(pl);
    ck_assert_ptr_nonnull(mn);
    ck_assert_int_eq(wkbFlatten(OGR_L_GetGeomType(pl)), wkbPoint);
    check_places_layer(pl, AS_SHP, COUNT(places));
    check_mentions_layer(mn, AS_SHP);
    GDALClose(ds);
    check_shp_sidecars(out, "places");
    check_shp_sidecars(out, "mentions");

    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

START_TEST(shapefile_single_file)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "towns.shp");
    write_output(out, NULL, GM_LAYER_PLACES, NULL);
    gm_test_assert_listing(tmp, "towns.cpg\ntowns.dbf\ntowns.prj\ntowns.qml\n"
                        "towns.shp\n"
                        "towns.shx\n");
    GDALDatasetH ds = open_vector(out);
    /* A shapefile's layer is named after its file. */
    check_places_layer(only_layer(ds, "towns"), AS_SHP, COUNT(places));
    GDALClose(ds);
    check_shp_sidecars(tmp, "towns");
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* Coordinates are rounded to 6 decimals (0.11 m) in GeoJSON. */
START_TEST(geojson_precision)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "p.geojson");
    gm_export *ex = open_ok(out, NULL, GM_LAYER_PLACES, NULL);
    gm_place_rec p = places[0];
    p.lon = 30.123456789;
    p.lat = -45.987654321;
    gm_error err;
    ck_assert_int_eq(gm_export_place(ex, &p, &err), GM_OK);
    commit_ok(ex);
    char *text = gm_test_read_file(out, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "[ 30.123457, -45.987654 ]"));
    free(text);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* 12,345 features: more than one transaction batch of 10,000. */
START_TEST(many_features)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "big.shp");
    gm_export *ex = open_ok(out, NULL, GM_LAYER_MENTIONS, NULL);
    gm_error err;
    for (int i = 0; i < 12345; i++) {
        gm_mention_rec m = mentions[i % COUNT(mentions)];
        m.start = i;
        m.end = i + 4;
        ck_assert_int_eq(gm_export_mention(ex, &m, &err), GM_OK);
    }
    commit_ok(ex);
    GDALDatasetH ds = open_vector(out);
    OGRLayerH layer = only_layer(ds, "big");
    ck_assert_int_eq(OGR_L_GetFeatureCount(layer, TRUE), 12345);
    OGRFeatureH f = OGR_L_GetFeature(layer, 12344);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(OGR_F_GetFieldAsInteger64(f, 1), 12344);
    OGR_F_Destroy(f);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* --- Shapefile quirks ----------------------------------------------------- */

/* Surfaces over 254 bytes: the cut falls inside a 2-byte character, between
 * ASCII bytes, inside a 4-byte character; one warning for the field, with
 * the count, at commit. */
START_TEST(shapefile_truncation_warns_once)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "m.shp");
    char a253[254], a254[255], a252[253];
    memset(a253, 'a', 253), a253[253] = '\0';
    memset(a254, 'a', 254), a254[254] = '\0';
    memset(a252, 'a', 252), a252[252] = '\0';
    char s1[400], s2[400], s3[400];
    snprintf(s1, sizeof s1, "%sКиїв and more", a253);   /* К at 253-254 */
    snprintf(s2, sizeof s2, "%sbbb", a254);             /* ASCII at 254 */
    snprintf(s3, sizeof s3, "%s\xF0\x9F\x98\x80x", a252); /* 252-255 */
    const char *surfaces[] = { s1, "Київ", s2, s3 };
    const char *kept[] = { a253, "Київ", a254, a252 };

    diag_log log = { 0 };
    gm_export *ex = open_ok(out, NULL, GM_LAYER_MENTIONS, &log);
    gm_error err;
    for (size_t i = 0; i < COUNT(surfaces); i++) {
        gm_mention_rec m = mentions[1];
        m.surface = surfaces[i];
        ck_assert_int_eq(gm_export_mention(ex, &m, &err), GM_OK);
    }
    ck_assert_int_eq(log.count, 0); /* reported at the end */
    commit_ok(ex);
    ck_assert_int_eq(log.count, 1);
    ck_assert_str_eq(log.msg[0],
                     "mentions.surface: 3 values truncated to 254 bytes");
    ck_assert_str_eq(log.path[0], out);

    GDALDatasetH ds = open_vector(out);
    OGRLayerH layer = only_layer(ds, "m");
    for (size_t i = 0; i < COUNT(kept); i++) {
        OGRFeatureH f = OGR_L_GetNextFeature(layer);
        ck_assert_ptr_nonnull(f);
        ck_assert_str_eq(OGR_F_GetFieldAsString(f, 3), kept[i]);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);

    /* GeoJSON has no width: nothing cut, nothing said. */
    char *json = gm_test_path_in(tmp, "m.geojson");
    log.count = 0;
    ex = open_ok(json, NULL, GM_LAYER_MENTIONS, &log);
    gm_mention_rec m = mentions[1];
    m.surface = s1;
    ck_assert_int_eq(gm_export_mention(ex, &m, &err), GM_OK);
    commit_ok(ex);
    ck_assert_int_eq(log.count, 0);
    ds = open_vector(json);
    OGRFeatureH f = OGR_L_GetNextFeature(only_layer(ds, "mentions"));
    ck_assert_str_eq(OGR_F_GetFieldAsString(f, 3), s1);
    OGR_F_Destroy(f);
    GDALClose(ds);

    free(json);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* Country codes are 2 bytes wide in the DBF; dates that are not ISO dates
 * become null; integers over 18 characters are counted. One warning each. */
START_TEST(shapefile_other_warnings)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "p.shp");
    diag_log log = { 0 };
    gm_export *ex = open_ok(out, NULL, GM_LAYER_PLACES, &log);
    gm_place_rec p = places[0];
    p.country = "AZE";
    p.first_date = "2023-09-19T10:30:00Z"; /* the time is dropped */
    p.last_date = "2023-02-30";            /* no such day */
    gm_error err;
    ck_assert_int_eq(gm_export_place(ex, &p, &err), GM_OK);
    p.place_id = INT64_MAX;
    p.last_date = "yesterday";
    ck_assert_int_eq(gm_export_place(ex, &p, &err), GM_OK);
    commit_ok(ex);
    ck_assert_int_eq(log.count, 3); /* in field order */
    ck_assert_str_eq(log.msg[0], "places.place_id: 1 value wider than 18 "
                                 "characters: the field was widened and "
                                 "readers may take it for Real");
    ck_assert_str_eq(log.msg[1], "places.country: 2 values truncated to 2 "
                                 "bytes");
    ck_assert_str_eq(log.msg[2], "places.last_date: 2 values written as "
                                 "null: no ISO date (YYYY-MM-DD)");

    GDALDatasetH ds = open_vector(out);
    OGRFeatureH f = OGR_L_GetNextFeature(only_layer(ds, "p"));
    ck_assert_str_eq(OGR_F_GetFieldAsString(f, 2), "AZ");
    ck_assert_str_eq(OGR_F_GetFieldAsString(f, 7), "2023/09/19");
    assert_null(f, 8);
    OGR_F_Destroy(f);
    /* What the warning announces: OGR widened the field, which now reads
     * back as Real. */
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(only_layer(ds, "p"));
    ck_assert_int_eq(OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, 0)), OFTReal);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

static const struct {
    const char *names[12];
    const char *expected[12];
} name_rows[] = {
    /* short names are kept */
    { { "place_id", "first_date", "end" }, { "place_id", "first_date", "end" } },
    /* cut to 10 bytes, then made unique with a suffix */
    { { "first_date", "first_dates" }, { "first_date", "first_da_1" } },
    /* DBF names collide ignoring case */
    { { "Population", "population" }, { "Population", "populati_1" } },
    /* a kept name that equals an earlier generated one moves on */
    { { "abcdefghijkl", "abcdefghijXX", "abcdefgh_1" },
      { "abcdefghij", "abcdefgh_1", "abcdefgh_2" } },
    /* the cut never splits a UTF-8 character (3-byte 名, 前) */
    { { "名前名前ab", "名前名前cd" }, { "名前名", "名前_1" } },
    /* two-digit suffixes shorten the stem further */
    { { "aaaaaaaaaaaa", "aaaaaaaaaaaa", "aaaaaaaaaaaa", "aaaaaaaaaaaa",
        "aaaaaaaaaaaa", "aaaaaaaaaaaa", "aaaaaaaaaaaa", "aaaaaaaaaaaa",
        "aaaaaaaaaaaa", "aaaaaaaaaaaa", "aaaaaaaaaaaa" },
      { "aaaaaaaaaa", "aaaaaaaa_1", "aaaaaaaa_2", "aaaaaaaa_3", "aaaaaaaa_4",
        "aaaaaaaa_5", "aaaaaaaa_6", "aaaaaaaa_7", "aaaaaaaa_8", "aaaaaaaa_9",
        "aaaaaaa_10" } },
};

START_TEST(shapefile_field_names)
{
    size_t n = 0;
    while (name_rows[_i].names[n])
        n++;
    char out[12][GM_SHP_NAME_MAX + 1];
    gm_shp_field_names(name_rows[_i].names, n, out);
    for (size_t i = 0; i < n; i++) {
        ck_assert_str_eq(out[i], name_rows[_i].expected[i]);
        ck_assert_uint_le(strlen(out[i]), GM_SHP_NAME_MAX);
    }
}
END_TEST

/* The Shapefile plan keeps every contract name of 10 characters or fewer
 * and cuts the longer ones of the events layer as documented. */
START_TEST(shapefile_plan_keeps_contract_names)
{
    size_t n_layers;
    const gm_layer_def *layers = gm_fields_layers(&n_layers);
    ck_assert_uint_eq(n_layers, 3);
    for (size_t l = 0; l < n_layers; l++) {
        gm_field_plan plans[64];
        gm_shp_plan(&layers[l], plans);
        for (size_t i = 0; i < layers[l].n_fields; i++) {
            const char *name = layers[l].fields[i].name;
            if (strlen(name) <= 10)
                ck_assert_str_eq(plans[i].name, name);
            else
                ck_assert_int_eq(strncmp(plans[i].name, name, 10), 0);
        }
    }
    const gm_layer_def *ev = gm_fields_layer(GM_LAYER_EVENTS);
    ck_assert_ptr_nonnull(ev);
    gm_field_plan ev_plans[64];
    gm_shp_plan(ev, ev_plans);
    ck_assert_str_eq(ev_plans[2].name, "date_preci");
    ck_assert_str_eq(ev_plans[8].name, "trigger_st");
    ck_assert_str_eq(ev_plans[9].name, "trigger_en");
    const gm_layer_def *pl = gm_fields_layer(GM_LAYER_PLACES);
    ck_assert_str_eq(pl->name, "places");
    ck_assert_uint_eq(pl->n_fields, COUNT(place_names));
    for (size_t i = 0; i < COUNT(place_names); i++)
        ck_assert_str_eq(pl->fields[i].name, place_names[i]);
    const gm_layer_def *mn = gm_fields_layer(GM_LAYER_MENTIONS);
    ck_assert_str_eq(mn->name, "mentions");
    ck_assert_uint_eq(mn->n_fields, COUNT(mention_names));
    for (size_t i = 0; i < COUNT(mention_names); i++)
        ck_assert_str_eq(mn->fields[i].name, mention_names[i]);
    ck_assert_str_eq(ev->name, "events");
}
END_TEST

static const struct {
    const char *s;
    size_t max, expected;
} fit_rows[] = {
    { "abc", 5, 3 },                 /* short enough */
    { "abcdef", 3, 3 },              /* ASCII cut anywhere */
    { "a\xD0\x9A", 2, 1 },           /* К (2 bytes) would be split */
    { "a\xD0\x9A", 3, 3 },           /* ends right after it */
    { "ab\xE5\x8C\x97", 4, 2 },      /* 北 (3 bytes) */
    { "\xF0\x9F\x98\x80z", 3, 0 },   /* a 4-byte character, nothing fits */
    { "\xF0\x9F\x98\x80z", 4, 4 },
};

START_TEST(utf8_fit)
{
    ck_assert_uint_eq(gm_fields_utf8_fit(fit_rows[_i].s,
                                         strlen(fit_rows[_i].s),
                                         fit_rows[_i].max),
                      fit_rows[_i].expected);
}
END_TEST

static const struct {
    const char *s;
    bool ok;
    int y, m, d;
} date_rows[] = {
    { "2024-01-05", true, 2024, 1, 5 },
    { "2024-02-29", true, 2024, 2, 29 },        /* leap year */
    { "2024-03-01T12:00:00Z", true, 2024, 3, 1 }, /* time ignored */
    { "2024-03-01 12:00", true, 2024, 3, 1 },
    { "2023-02-29", false, 0, 0, 0 },           /* not a leap year */
    { "1900-02-29", false, 0, 0, 0 },           /* century rule */
    { "2000-02-29", true, 2000, 2, 29 },
    { "2024-13-01", false, 0, 0, 0 },
    { "2024-04-31", false, 0, 0, 0 },
    { "2024-1-5", false, 0, 0, 0 },
    { "2024-01", false, 0, 0, 0 },
    { "2024-01-05x", false, 0, 0, 0 },
    { "", false, 0, 0, 0 },
};

START_TEST(parse_date)
{
    int y = 0, m = 0, d = 0;
    ck_assert_int_eq(gm_fields_parse_date(date_rows[_i].s, &y, &m, &d),
                     date_rows[_i].ok);
    ck_assert_int_eq(y, date_rows[_i].y);
    ck_assert_int_eq(m, date_rows[_i].m);
    ck_assert_int_eq(d, date_rows[_i].d);
}
END_TEST

/* --- drivers -------------------------------------------------------------- */

static const struct {
    const char *path, *format, *expected;
} guess_rows[] = {
    { "out.geojson", NULL, "GeoJSON" },
    { "OUT.JSON", NULL, "GeoJSON" },
    { "dir/x.shp", NULL, "ESRI Shapefile" },
    { "x.SHP", NULL, "ESRI Shapefile" },
    { "out", NULL, "GeoJSON" },              /* no extension: a directory */
    { "out.geojson/", NULL, "GeoJSON" },     /* a directory */
    { "a.b/out", NULL, "GeoJSON" },          /* the dot is the parent's */
    { ".hidden", NULL, "GeoJSON" },
    { "out.gpkg", NULL, "GPKG" },
    { "out.GeoJSONL", NULL, "GeoJSONSeq" },
    { "out.geojsons", NULL, "GeoJSONSeq" },
    { "out.fgb", NULL, "FlatGeobuf" },
    { "out.csv", NULL, "CSV" },
    { "doc.kml", NULL, "KML" },
    { "tiles.mbtiles", NULL, "MBTiles" },
    { "tiles", "mvt", "MVT" },               /* MVT: by -f only */
    { "out.pbf", NULL, NULL },
    { "out.txt", NULL, NULL },
    { "", NULL, NULL },
    { "x", "geojson", "GeoJSON" },           /* -f ignores case */
    { "x", "ESRI SHAPEFILE", "ESRI Shapefile" },
    { "x.shp", "GeoJSON", "GeoJSON" },       /* -f wins */
    { "x", "gpkg", "GPKG" },
    { "x", "flatgeobuf", "FlatGeobuf" },
    { "x", "Shapefile", NULL },              /* OGR short names only */
    { "x", "LIBKML", NULL },                 /* not in the table */
    { "x", "GPK", NULL },                    /* whole names only */
    { "x", "gpkg2", NULL },
    { "out.gpkgx", NULL, NULL },
};

START_TEST(guess_driver)
{
    const char *got = gm_export_guess_driver(guess_rows[_i].path,
                                             guess_rows[_i].format);
    ck_assert_pstr_eq(got, guess_rows[_i].expected);
}
END_TEST

/* --- temporary name and rename -------------------------------------------- */

START_TEST(commit_replaces_directory)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "out");
    write_output(out, NULL, GM_LAYER_PLACES | GM_LAYER_MENTIONS, NULL);
    gm_test_assert_listing(out, "mentions.geojson\nmentions.qml\nplaces.geojson\n"
                        "places.qml\n");

    gm_export *ex = open_ok(out, NULL, GM_LAYER_PLACES, NULL);
    write_places(ex, 2);
    commit_ok(ex);
    gm_test_assert_listing(tmp, "out\n"); /* no temporary or old directory left */
    gm_test_assert_listing(out, "places.geojson\nplaces.qml\n");
    char *pl = gm_test_path_in(out, "places.geojson");
    GDALDatasetH ds = open_vector(pl);
    check_places_layer(only_layer(ds, "places"), AS_GEOJSON, 2);
    GDALClose(ds);

    /* An empty directory made beforehand is replaced too. */
    char *empty = gm_test_path_in(tmp, "empty");
    ck_assert_int_eq(mkdir(empty, 0777), 0);
    write_output(empty, "ESRI Shapefile", GM_LAYER_MENTIONS, NULL);
    gm_test_assert_listing(empty, "mentions.cpg\nmentions.dbf\nmentions.prj\n"
                          "mentions.qml\n"
                          "mentions.shp\nmentions.shx\n");
    gm_test_assert_listing(tmp, "empty\nout\n");

    free(empty);
    free(pl);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

START_TEST(commit_replaces_file_and_stale_sidecars)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "p.shp");
    write_output(out, NULL, GM_LAYER_PLACES, NULL);
    /* Files other tools leave beside a shapefile, and a neighbour. */
    char *qix = gm_test_path_in(tmp, "p.qix");
    char *xml = gm_test_path_in(tmp, "p.shp.xml");
    char *sbn = gm_test_path_in(tmp, "p.SBN");
    char *other = gm_test_path_in(tmp, "q.dbf");
    gm_test_write_file(qix, "x", 1);
    gm_test_write_file(xml, "x", 1);
    gm_test_write_file(sbn, "x", 1);
    gm_test_write_file(other, "x", 1);

    gm_export *ex = open_ok(out, NULL, GM_LAYER_PLACES, NULL);
    write_places(ex, 1);
    commit_ok(ex);
    gm_test_assert_listing(tmp, "p.cpg\np.dbf\np.prj\np.qml\np.shp\np.shx\n"
                        "q.dbf\n");
    GDALDatasetH ds = open_vector(out);
    check_places_layer(only_layer(ds, "p"), AS_SHP, 1);
    GDALClose(ds);

    /* A single GeoJSON file is replaced in one rename. */
    char *json = gm_test_path_in(tmp, "x.geojson");
    write_output(json, NULL, GM_LAYER_PLACES, NULL);
    ex = open_ok(json, NULL, GM_LAYER_PLACES, NULL);
    write_places(ex, 3);
    commit_ok(ex);
    ds = open_vector(json);
    check_places_layer(only_layer(ds, "places"), AS_GEOJSON, 3);
    GDALClose(ds);
    gm_test_assert_listing(tmp, "p.cpg\np.dbf\np.prj\np.qml\np.shp\np.shx\n"
                        "q.dbf\nx.geojson\nx.qml\n");

    free(json);
    free(qix);
    free(xml);
    free(sbn);
    free(other);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

static const struct {
    const char *name, *format;
    unsigned layers;
} abort_rows[] = {
    { "out", NULL, GM_LAYER_PLACES | GM_LAYER_MENTIONS },
    { "x.geojson", NULL, GM_LAYER_PLACES },
    { "shapes", "ESRI Shapefile", GM_LAYER_PLACES | GM_LAYER_MENTIONS },
    { "x.shp", NULL, GM_LAYER_MENTIONS },
};

static void write_layers(gm_export *ex, unsigned layers)
{
    if (layers & GM_LAYER_PLACES)
        write_places(ex, COUNT(places));
    if (layers & GM_LAYER_MENTIONS)
        write_mentions(ex);
}

/* Abort leaves the parent as it was, with or without an earlier output. */
START_TEST(abort_leaves_nothing)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, abort_rows[_i].name);
    unsigned layers = abort_rows[_i].layers;
    gm_export *ex = open_ok(out, abort_rows[_i].format, layers, NULL);
    write_layers(ex, layers);
    gm_export_abort(ex);
    gm_test_assert_listing(tmp, "");

    write_output(out, abort_rows[_i].format, layers, NULL);
    char *before = gm_test_listing(tmp);
    char *inside = gm_test_listing(out);    /* a directory output */
    char *content = gm_test_read_file(out, NULL); /* a file output */
    ck_assert_ptr_nonnull(content);
    ex = open_ok(out, abort_rows[_i].format, layers, NULL);
    write_layers(ex, layers);
    write_layers(ex, layers);
    gm_export_abort(ex);
    gm_test_assert_listing(tmp, before);
    gm_test_assert_listing(out, inside);
    char *after = gm_test_read_file(out, NULL);
    ck_assert_ptr_nonnull(after);
    ck_assert_str_eq(after, content);
    gm_export_abort(NULL);

    free(after);
    free(content);
    free(before);
    free(inside);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* --- errors --------------------------------------------------------------- */

static gm_status open_fails(const char *path, const char *format,
                            unsigned layers, gm_error *err)
{
    gm_export_options opts = { .path = path, .format = format,
                               .layers = layers };
    gm_export *ex = (gm_export *)&opts; /* must be reset to NULL */
    gm_err_clear(err);
    gm_status st = gm_export_open(&opts, &ex, err);
    ck_assert_ptr_null(ex);
    return st;
}

START_TEST(error_missing_parent)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "nope/out.geojson");
    gm_error err;
    ck_assert_int_eq(open_fails(out, NULL, GM_LAYER_PLACES, &err), GM_E_IO);
    ck_assert_str_eq(err.path, out);
    ck_assert_int_eq(err.sys_errno, ENOENT);
    char expected[GM_ERR_MSG_MAX];
    snprintf(expected, sizeof expected, "cannot write the output: directory "
             "\"%s/nope\" does not exist", tmp);
    ck_assert_str_eq(err.msg, expected);
    gm_test_assert_listing(tmp, "");

    /* The parent is a file. */
    char *file = gm_test_path_in(tmp, "file");
    gm_test_write_file(file, "x", 1);
    free(out);
    out = gm_test_path_in(tmp, "file/out");
    ck_assert_int_eq(open_fails(out, NULL, GM_LAYER_PLACES, &err), GM_E_IO);
    ck_assert_str_eq(err.path, out);
    ck_assert_ptr_nonnull(strstr(err.msg, "is not a directory"));
    gm_test_assert_listing(tmp, "file\n");

    free(file);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

START_TEST(error_parent_not_writable)
{
    char *tmp = gm_test_tmpdir();
    char *ro = gm_test_path_in(tmp, "ro");
    ck_assert_int_eq(mkdir(ro, 0555), 0);
    if (access(ro, W_OK) == 0) {
        /* Root writes anywhere: nothing to test here. */
        free(ro);
        gm_test_rmtree(tmp);
        free(tmp);
        return;
    }
    char *out = gm_test_path_in(ro, "out.shp");
    gm_error err;
    ck_assert_int_eq(open_fails(out, NULL, GM_LAYER_PLACES, &err), GM_E_IO);
    ck_assert_str_eq(err.path, out);
    ck_assert_int_eq(err.sys_errno, EACCES);
    ck_assert_ptr_nonnull(strstr(err.msg, "is not writable"));
    gm_test_assert_listing(ro, "");
    free(out);
    free(ro);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

START_TEST(error_usage)
{
    char *tmp = gm_test_tmpdir();
    char *x = gm_test_path_in(tmp, "x.geojson");
    gm_error err;

    ck_assert_int_eq(open_fails(x, NULL, GM_LAYER_PLACES | GM_LAYER_MENTIONS,
                                &err), GM_E_USAGE);
    ck_assert_str_eq(err.path, x);
    ck_assert_str_eq(err.msg, "GeoJSON holds one layer per file and 2 "
                              "layers are asked: give a directory (a name "
                              "without .geojson)");

    char *s = gm_test_path_in(tmp, "x.shp");
    ck_assert_int_eq(open_fails(s, NULL, GM_LAYER_PLACES | GM_LAYER_MENTIONS,
                                &err), GM_E_USAGE);
    ck_assert_str_eq(err.msg, "ESRI Shapefile holds one layer per file and 2 "
                              "layers are asked: give a directory (a name "
                              "without .shp)");

    ck_assert_int_eq(open_fails(x, "GPKGX", GM_LAYER_PLACES, &err),
                     GM_E_USAGE);
    ck_assert_str_eq(err.msg, "unknown output format \"GPKGX\": supported: "
                              "GeoJSON, GeoJSONSeq, ESRI Shapefile, GPKG, "
                              "FlatGeobuf, CSV, KML, MVT, MBTiles");

    char *txt = gm_test_path_in(tmp, "out.txt");
    ck_assert_int_eq(open_fails(txt, NULL, GM_LAYER_PLACES, &err),
                     GM_E_USAGE);
    ck_assert_str_eq(err.path, txt);
    ck_assert_str_eq(err.msg, "cannot guess the format from the name: give "
                              "-f with one of: GeoJSON, GeoJSONSeq, ESRI "
                              "Shapefile, GPKG, FlatGeobuf, CSV, KML, MVT, "
                              "MBTiles");

    ck_assert_int_eq(open_fails(x, NULL, 1u << 7, &err), GM_E_USAGE);
    ck_assert_str_eq(err.msg, "no known layer asked (layer mask 0x80)");

    ck_assert_int_eq(open_fails(x, NULL, 0, &err), GM_E_USAGE);
    ck_assert_str_eq(err.msg, "no known layer asked (layer mask 0x0)");

    ck_assert_int_eq(open_fails("", NULL, GM_LAYER_PLACES, &err),
                     GM_E_USAGE);
    ck_assert_str_eq(err.msg, "no output given");

    ck_assert_int_eq(open_fails(".", NULL, GM_LAYER_PLACES, &err),
                     GM_E_USAGE);
    ck_assert_str_eq(err.msg, "the output needs a name of its own (not "
                              "\"/\", \".\" or \"..\")");

    gm_test_assert_listing(tmp, "");
    free(txt);
    free(s);
    free(x);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* What is at OUT decides: a file is not replaced by a directory, a
 * directory is not replaced by a file, a directory of other things is not
 * replaced at all. */
START_TEST(error_existing_output)
{
    char *tmp = gm_test_tmpdir();
    gm_error err;

    char *file = gm_test_path_in(tmp, "out");
    gm_test_write_file(file, "keep", 4);
    ck_assert_int_eq(open_fails(file, NULL, GM_LAYER_PLACES, &err), GM_E_IO);
    ck_assert_str_eq(err.path, file);
    ck_assert_int_eq(err.sys_errno, ENOTDIR);
    ck_assert_str_eq(err.msg, "exists and is not a directory: not replacing "
                              "it with one (remove it or choose another "
                              "output)");

    char *dir = gm_test_path_in(tmp, "x.geojson");
    ck_assert_int_eq(mkdir(dir, 0777), 0);
    ck_assert_int_eq(open_fails(dir, NULL, GM_LAYER_PLACES, &err), GM_E_IO);
    ck_assert_str_eq(err.path, dir);
    ck_assert_int_eq(err.sys_errno, EISDIR);
    ck_assert_str_eq(err.msg, "is a directory: not replacing it with a "
                              "file");

    char *home = gm_test_path_in(tmp, "home");
    char *notes = gm_test_path_in(home, "notes.txt");
    ck_assert_int_eq(mkdir(home, 0777), 0);
    gm_test_write_file(notes, "mine", 4);
    ck_assert_int_eq(open_fails(home, NULL, GM_LAYER_PLACES, &err), GM_E_IO);
    ck_assert_str_eq(err.path, home);
    ck_assert_str_eq(err.msg, "is a directory holding \"notes.txt\", which "
                              "is not part of a geomap output: not replacing "
                              "it (remove it or choose another output)");
    gm_test_assert_listing(home, "notes.txt\n");
    gm_test_assert_listing(tmp, "home\nout\nx.geojson\n");

    free(notes);
    free(home);
    free(dir);
    free(file);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* Something appears at OUT between open and commit: commit refuses, leaves
 * it alone and removes the temporary output. */
START_TEST(error_commit_refuses)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "out");
    gm_export *ex = open_ok(out, NULL, GM_LAYER_PLACES, NULL);
    write_places(ex, 2);
    char *notes = gm_test_path_in(out, "notes.txt");
    ck_assert_int_eq(mkdir(out, 0777), 0);
    gm_test_write_file(notes, "mine", 4);
    gm_error err;
    ck_assert_int_eq(gm_export_commit(ex, &err), GM_E_IO);
    ck_assert_str_eq(err.path, out);
    ck_assert_ptr_nonnull(strstr(err.msg, "\"notes.txt\""));
    gm_test_assert_listing(tmp, "out\n");
    gm_test_assert_listing(out, "notes.txt\n");
    free(notes);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* A file size limit stands in for a full disk. The Shapefile writer reports
 * the failed write at the feature; GDAL's GeoJSON writer does not, and the
 * commit finds the file incomplete. Either way nothing is left behind. */
static const char *const full_rows[] = { "m.shp", "m.geojson" };

START_TEST(error_disk_full)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, full_rows[_i]);
    gm_export *ex = open_ok(out, NULL, GM_LAYER_MENTIONS, NULL);

    struct rlimit old, lim;
    ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = 64 * 1024;
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    /* No assertion until the limit is lifted (Check writes files too). */
    gm_error err;
    gm_err_clear(&err);
    gm_status st = GM_OK;
    int written = 0;
    for (; written < 5000 && st == GM_OK; written++)
        st = gm_export_mention(ex, &mentions[written % COUNT(mentions)],
                               &err);
    gm_status at_write = st;
    if (st == GM_OK)
        st = gm_export_commit(ex, &err);
    else
        gm_export_abort(ex);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, old_handler);

    ck_assert_str_eq(err.path, out);
    if (!strcmp(full_rows[_i], "m.shp")) {
        ck_assert_int_eq(at_write, GM_E_GDAL);
        ck_assert_int_lt(written, 5000);
        ck_assert_ptr_eq(strstr(err.msg, "cannot write a feature: "),
                         err.msg);
        ck_assert_ptr_nonnull(strstr(err.msg, strerror(EFBIG)));
    } else {
        ck_assert_int_eq(at_write, GM_OK);
        ck_assert_int_eq(st, GM_E_IO);
        ck_assert_str_eq(err.msg, "the file was not written completely "
                                  "(disk full or file size limit?)");
    }
    gm_test_assert_listing(tmp, "");
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

START_TEST(error_records)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "p.geojson");
    gm_export *ex = open_ok(out, NULL, GM_LAYER_PLACES, NULL);
    gm_error err;

    /* A layer that was not asked. */
    ck_assert_int_eq(gm_export_mention(ex, &mentions[0], &err), GM_E_USAGE);
    ck_assert_str_eq(err.path, out);
    ck_assert_str_eq(err.msg, "the mentions layer was not asked when the "
                              "output was opened");

    /* Coordinates that are not degrees: the record is skipped. */
    gm_place_rec p = places[0];
    p.lat = 95.0;
    ck_assert_int_eq(gm_export_place(ex, &p, &err), GM_E_INPUT);
    ck_assert_str_eq(err.path, out);
    ck_assert_str_eq(err.msg, "places record skipped: coordinates (46.7513, "
                              "95) are not WGS 84 degrees (lon, lat)");
    p.lat = places[0].lat;
    p.lon = NAN;
    ck_assert_int_eq(gm_export_place(ex, &p, &err), GM_E_INPUT);

    write_places(ex, 1);
    commit_ok(ex);
    GDALDatasetH ds = open_vector(out);
    check_places_layer(only_layer(ds, "places"), AS_GEOJSON, 1);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* The direct GeoJSONSeq writer builds no SRS object (EPSG:4326 would open
 * PROJ's database, some 29 million instructions a run): it writes with the
 * database out of reach, where a GeoPackage, written through OGR with an
 * EPSG:4326 SRS, is refused (which shows the database is out of reach).
 * In a thread of its own: PROJ's context is per thread, and this one's has
 * not opened the database before (CK_FORK=no runs every test in one
 * process). */
typedef struct no_proj_db {
    char *gpkg, *seq;
    gm_status gpkg_st, seq_st;
    gm_error gpkg_err, seq_err;
} no_proj_db;

static void *write_without_proj_db(void *arg)
{
    no_proj_db *t = arg;
    gm_export_options gpkg = { .path = t->gpkg,
                               .layers = GM_LAYER_MENTIONS };
    gm_export *ex = NULL;
    gm_err_clear(&t->gpkg_err);
    t->gpkg_st = gm_export_open(&gpkg, &ex, &t->gpkg_err);
    if (t->gpkg_st == GM_OK)
        gm_export_abort(ex);

    gm_export_options seq = { .path = t->seq, .layers = GM_LAYER_MENTIONS };
    ex = NULL;
    gm_err_clear(&t->seq_err);
    t->seq_st = gm_export_open(&seq, &ex, &t->seq_err);
    for (size_t i = 0; t->seq_st == GM_OK && i < COUNT(mentions); i++)
        t->seq_st = gm_export_mention(ex, &mentions[i], &t->seq_err);
    if (t->seq_st == GM_OK)
        t->seq_st = gm_export_commit(ex, &t->seq_err);
    else if (ex)
        gm_export_abort(ex);
    return NULL;
}

START_TEST(geojsonseq_without_proj_db)
{
    char *tmp = gm_test_tmpdir();
    no_proj_db t = { .gpkg = gm_test_path_in(tmp, "out.gpkg"),
                     .seq = gm_test_path_in(tmp, "out.geojsonl") };
    char **saved = OSRGetPROJSearchPaths();
    const char *const nowhere[] = { tmp, NULL };
    OSRSetPROJSearchPaths(nowhere);
    pthread_t thread;
    ck_assert_int_eq(pthread_create(&thread, NULL, write_without_proj_db,
                                    &t),
                     0);
    ck_assert_int_eq(pthread_join(thread, NULL), 0);
    OSRSetPROJSearchPaths((const char *const *)saved);
    CSLDestroy(saved);

    ck_assert_int_eq(t.gpkg_st, GM_E_PROJ);
    ck_assert_msg(strstr(t.gpkg_err.msg, "cannot build EPSG:4326"), "%s",
                  t.gpkg_err.msg);
    ck_assert_msg(t.seq_st == GM_OK, "%s", t.seq_err.msg);
    size_t len = 0;
    char *text = gm_test_read_file(t.seq, &len);
    ck_assert_ptr_nonnull(text);
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    ck_assert_uint_eq(lines, COUNT(mentions));
    ck_assert_ptr_nonnull(strstr(text, "\"surface\": \"Києві\""));
    free(text);
    free(t.seq);
    free(t.gpkg);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("export");

    TCase *tc = tcase_create("write and read back");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, geojson_directory);
    tcase_add_test(tc, geojson_single_file);
    tcase_add_test(tc, geojson_precision);
    tcase_add_test(tc, shapefile_directory);
    tcase_add_test(tc, shapefile_single_file);
    tcase_add_test(tc, many_features);
    suite_add_tcase(s, tc);

    tc = tcase_create("shapefile quirks");
    tcase_add_test(tc, shapefile_truncation_warns_once);
    tcase_add_test(tc, shapefile_other_warnings);
    tcase_add_loop_test(tc, shapefile_field_names, 0, COUNT(name_rows));
    tcase_add_test(tc, shapefile_plan_keeps_contract_names);
    tcase_add_loop_test(tc, utf8_fit, 0, COUNT(fit_rows));
    tcase_add_loop_test(tc, parse_date, 0, COUNT(date_rows));
    suite_add_tcase(s, tc);

    tc = tcase_create("drivers");
    tcase_add_loop_test(tc, guess_driver, 0, COUNT(guess_rows));
    suite_add_tcase(s, tc);

    tc = tcase_create("temporary name and rename");
    tcase_add_test(tc, commit_replaces_directory);
    tcase_add_test(tc, commit_replaces_file_and_stale_sidecars);
    tcase_add_loop_test(tc, abort_leaves_nothing, 0, COUNT(abort_rows));
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_test(tc, error_missing_parent);
    tcase_add_test(tc, error_parent_not_writable);
    tcase_add_test(tc, error_usage);
    tcase_add_test(tc, error_existing_output);
    tcase_add_test(tc, error_commit_refuses);
    tcase_add_loop_test(tc, error_disk_full, 0, COUNT(full_rows));
    tcase_add_test(tc, error_records);
    tcase_add_test(tc, geojsonseq_without_proj_db);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
