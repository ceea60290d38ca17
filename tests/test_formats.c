/* The output formats of exports/ beyond GeoJSON and Shapefile (which
 * test_export.c covers in depth): GeoJSONSeq, GPKG, FlatGeobuf, CSV, KML,
 * MVT and MBTiles, each written through gm_export_* and read back with OGR
 * (layer names, feature counts, field types, coordinates, non-ASCII text),
 * the tiles decoded with GDAL's MVT driver at their zoom levels, and the
 * errors of the layouts and zoom options. Outputs go to gm_test_tmpdir(). */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/buf.h"
#include "exports/export.h"
#include "harness.h"
#include "ogr_readback.h"

#define TOL_DEG 1e-6   /* 6 decimals in the text formats */
#define TOL_TILE_DEG 1e-3 /* a tile unit at zoom 8 is about 40 m */
#define TOL_SCORE 1e-9
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Names in three scripts, a point west of Greenwich, an id beyond 32 bits,
 * a place without dates. */
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

static void write_output(const gm_export_options *opts)
{
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = NULL;
    gm_status st = gm_export_open(opts, &ex, &err);
    ck_assert_msg(st == GM_OK, "open %s: %s", opts->path, err.msg);
    if (opts->layers & GM_LAYER_PLACES)
        for (size_t i = 0; i < COUNT(places); i++)
            ck_assert_int_eq(gm_export_place(ex, &places[i], &err), GM_OK);
    if (opts->layers & GM_LAYER_MENTIONS)
        for (size_t i = 0; i < COUNT(mentions); i++)
            ck_assert_int_eq(gm_export_mention(ex, &mentions[i], &err),
                             GM_OK);
    st = gm_export_commit(ex, &err);
    ck_assert_msg(st == GM_OK, "commit %s: %s", opts->path, err.msg);
}

/* The type of a field, which must exist. */
static OGRFieldType field_type(OGRLayerH layer, const char *name)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int i = OGR_FD_GetFieldIndex(defn, name);
    ck_assert_msg(i >= 0, "layer %s has no field %s", OGR_L_GetName(layer),
                  name);
    return OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i));
}

static void assert_type(OGRLayerH layer, const char *name,
                        OGRFieldType expected)
{
    OGRFieldType got = field_type(layer, name);
    ck_assert_msg(got == expected, "%s.%s: %s expected, got %s",
                  OGR_L_GetName(layer), name,
                  OGR_GetFieldTypeName(expected), OGR_GetFieldTypeName(got));
}

/* The point of a feature (the first of a multipoint), in the layer's
 * SRS. */
static void point_of(OGRFeatureH f, double *x, double *y)
{
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    ck_assert_ptr_nonnull(g);
    if (wkbFlatten(OGR_G_GetGeometryType(g)) == wkbMultiPoint)
        g = OGR_G_GetGeometryRef(g, 0);
    ck_assert_int_eq(wkbFlatten(OGR_G_GetGeometryType(g)), wkbPoint);
    *x = OGR_G_GetX(g, 0);
    *y = OGR_G_GetY(g, 0);
}

/* Reprojects (x, y) from the layer's SRS to WGS 84 lon/lat. */
static void to_lonlat(OGRLayerH layer, double *x, double *y)
{
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    ck_assert_ptr_nonnull(srs);
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(NULL);
    ck_assert_int_eq(OSRImportFromEPSG(wgs84, 4326), OGRERR_NONE);
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReferenceH from = OSRClone(srs);
    OSRSetAxisMappingStrategy(from, OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformationH ct =
        OCTNewCoordinateTransformation(from, wgs84);
    ck_assert_ptr_nonnull(ct);
    ck_assert(OCTTransform(ct, 1, x, y, NULL));
    OCTDestroyCoordinateTransformation(ct);
    OSRRelease(from);
    OSRRelease(wgs84);
}

/* Every place is in the layer with its name (UTF-8 intact), id and
 * point; the order may differ. In tiles (tol_deg >= TOL_TILE_DEG) a point
 * near a tile's edge is also in the neighbour's buffer: the zoom level
 * gives it twice. */
static void check_places(OGRLayerH layer, const char *name_field,
                         double tol_deg)
{
    bool tiles = tol_deg >= TOL_TILE_DEG;
    if (!tiles)
        ck_assert_int_eq(OGR_L_GetFeatureCount(layer, TRUE),
                         (GIntBig)COUNT(places));
    bool seen[COUNT(places)] = { false };
    OGRFeatureH f;
    OGR_L_ResetReading(layer);
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        int64_t id = gm_test_ogr_int(f, "place_id");
        size_t i = 0;
        while (i < COUNT(places) && places[i].place_id != id)
            i++;
        ck_assert_msg(i < COUNT(places), "unexpected place_id %lld",
                      (long long)id);
        ck_assert(tiles || !seen[i]);
        seen[i] = true;
        ck_assert_str_eq(gm_test_ogr_str(f, name_field), places[i].name);
        ck_assert_str_eq(gm_test_ogr_str(f, "admin1"), places[i].admin1);
        ck_assert_int_eq(gm_test_ogr_int(f, "mentions"), places[i].mentions);
        double x, y;
        point_of(f, &x, &y);
        to_lonlat(layer, &x, &y);
        ck_assert_double_eq_tol(x, places[i].lon, tol_deg);
        ck_assert_double_eq_tol(y, places[i].lat, tol_deg);
        OGR_F_Destroy(f);
    }
    for (size_t i = 0; i < COUNT(places); i++)
        ck_assert_msg(seen[i], "place %s missing", places[i].name);
}

static void check_mentions(OGRLayerH layer, double tol_deg)
{
    bool tiles = tol_deg >= TOL_TILE_DEG;
    if (!tiles)
        ck_assert_int_eq(OGR_L_GetFeatureCount(layer, TRUE),
                         (GIntBig)COUNT(mentions));
    bool seen[COUNT(mentions)] = { false };
    OGRFeatureH f;
    OGR_L_ResetReading(layer);
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        const char *article = gm_test_ogr_str(f, "article");
        size_t i = 0;
        while (i < COUNT(mentions) && strcmp(mentions[i].article, article))
            i++;
        ck_assert_msg(i < COUNT(mentions), "unexpected article %s",
                      article);
        ck_assert_str_eq(gm_test_ogr_str(f, "surface"), mentions[i].surface);
        ck_assert_int_eq(gm_test_ogr_int(f, "start"), mentions[i].start);
        ck_assert_int_eq(gm_test_ogr_int(f, "place_id"), mentions[i].place_id);
        ck_assert_double_eq_tol(gm_test_ogr_real(f, "score"), mentions[i].score,
                                TOL_SCORE);
        double x, y;
        point_of(f, &x, &y);
        to_lonlat(layer, &x, &y);
        ck_assert_double_eq_tol(x, mentions[i].lon, tol_deg);
        ck_assert_double_eq_tol(y, mentions[i].lat, tol_deg);
        OGR_F_Destroy(f);
        ck_assert(tiles || !seen[i]);
        seen[i] = true;
    }
    for (size_t i = 0; i < COUNT(mentions); i++)
        ck_assert_msg(seen[i], "mention %s missing", mentions[i].article);
}

/* --- one file per layer ---------------------------------------------------- */

/* Formats with one layer per file, written as a directory: the files,
 * the field types, the values read back. */
static const struct {
    const char *format;
    const char *listing;   /* of OUT */
    const char *ext;
    OGRFieldType int_type;  /* Integer64 fields as read back */
    OGRFieldType date_type;
} dir_rows[] = {
    /* The GeoJSON readers guess types: ints that fit 32 bits are Integer,
     * ISO dates Date. */
    { "GeoJSONSeq", "mentions.geojsonl\nmentions.qml\nplaces.geojsonl\n"
                    "places.qml\n", "geojsonl",
      OFTInteger, OFTDate },
    /* FlatGeobuf stores dates as date-times. */
    { "FlatGeobuf", "mentions.fgb\nmentions.qml\nplaces.fgb\nplaces.qml\n",
      "fgb", OFTInteger64,
      OFTDateTime },
    /* CSV: dates stay ISO strings (OGR would write them 2023/09/19). */
    { "CSV", "mentions.csv\nmentions.csvt\nmentions.prj\nmentions.qml\n"
             "places.csv\nplaces.csvt\nplaces.prj\nplaces.qml\n", "csv",
      OFTInteger64, OFTString },
};

START_TEST(one_layer_per_file_directory)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "out");
    gm_export_options opts = { .path = out, .format = dir_rows[_i].format,
                               .layers = GM_LAYER_PLACES |
                                         GM_LAYER_MENTIONS };
    write_output(&opts);
    gm_test_assert_listing(tmp, "out\n");
    gm_test_assert_listing(out, dir_rows[_i].listing);

    const char *layer_names[] = { "places", "mentions" };
    for (size_t k = 0; k < 2; k++) {
        gm_buf file = GM_BUF_INIT;
        gm_buf_printf(&file, "%s/%s.%s", out, layer_names[k],
                      dir_rows[_i].ext);
        GDALDatasetH ds = gm_test_ogr_open(file.data, dir_rows[_i].format, NULL);
        ck_assert_int_eq(GDALDatasetGetLayerCount(ds), 1);
        OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
        if (k == 0) {
            ck_assert_str_eq(OGR_L_GetName(layer), "places");
            /* place_id has a value beyond 32 bits. */
            assert_type(layer, "place_id", OFTInteger64);
            assert_type(layer, "first_date", dir_rows[_i].date_type);
            assert_type(layer, "name", OFTString);
            assert_type(layer, "mentions", dir_rows[_i].int_type);
            check_places(layer, "name", TOL_DEG);
        } else {
            ck_assert_str_eq(OGR_L_GetName(layer), "mentions");
            assert_type(layer, "score", OFTReal);
            assert_type(layer, "surface", OFTString);
            assert_type(layer, "start", dir_rows[_i].int_type);
            check_mentions(layer, TOL_DEG);
        }
        GDALClose(ds);
        gm_buf_free(&file);
    }
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* One layer into a file named with the format's extension. */
static const struct {
    const char *name;
    const char *listing;
    const char *driver;
    unsigned layer;
    const char *layer_name;
} file_rows[] = {
    /* GeoJSONSeq and CSV name their layer after the file. */
    { "p.geojsonl", "p.geojsonl\np.qml\n", "GeoJSONSeq", GM_LAYER_PLACES,
      "p" },
    { "m.geojsons", "m.geojsons\nm.qml\n", "GeoJSONSeq", GM_LAYER_MENTIONS,
      "m" },
    { "p.fgb", "p.fgb\np.qml\n", "FlatGeobuf", GM_LAYER_PLACES, "places" },
    { "m.csv", "m.csv\nm.csvt\nm.prj\nm.qml\n", "CSV", GM_LAYER_MENTIONS,
      "m" },
};

START_TEST(one_layer_single_file)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, file_rows[_i].name);
    gm_export_options opts = { .path = out, .layers = file_rows[_i].layer };
    write_output(&opts);
    gm_test_assert_listing(tmp, file_rows[_i].listing);
    GDALDatasetH ds = gm_test_ogr_open(out, file_rows[_i].driver, NULL);
    ck_assert_int_eq(GDALDatasetGetLayerCount(ds), 1);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    ck_assert_str_eq(OGR_L_GetName(layer), file_rows[_i].layer_name);
    if (!strcmp(file_rows[_i].driver, "FlatGeobuf"))
        /* The spatial index is there: filters need not scan. */
        ck_assert(OGR_L_TestCapability(layer, OLCFastSpatialFilter));
    if (file_rows[_i].layer == GM_LAYER_PLACES)
        check_places(layer, "name", TOL_DEG);
    else
        check_mentions(layer, TOL_DEG);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* GeoJSONSeq: one feature a line; .geojsons files start each with RS. */
START_TEST(geojsonseq_records)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "m.geojsonl");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_MENTIONS };
    write_output(&opts);
    char *text = gm_test_read_file(out, NULL);
    ck_assert_ptr_nonnull(text);
    size_t lines = 0;
    for (const char *c = text; *c; c++)
        lines += *c == '\n';
    ck_assert_uint_eq(lines, COUNT(mentions));
    ck_assert_int_eq(text[0], '{');
    ck_assert_ptr_nonnull(strstr(text, "\"surface\": \"Києві\""));
    ck_assert_ptr_nonnull(strstr(text, "[ 30.52335, 50.45466 ]"));
    free(text);

    char *rs = gm_test_path_in(tmp, "m.geojsons");
    opts.path = rs;
    write_output(&opts);
    text = gm_test_read_file(rs, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(text[0], '\x1e');
    free(text);
    free(rs);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* CSV: WKT first, the fields, then lon and lat in degrees; a .csvt with
 * the types. */
START_TEST(csv_columns)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "p.csv");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES };
    write_output(&opts);
    char *text = gm_test_read_file(out, NULL);
    ck_assert_ptr_nonnull(text);
    const char *header = "WKT,place_id,name,country,admin1,feature,"
                         "mentions,articles,first_date,last_date,lon,lat\n";
    ck_assert_msg(!strncmp(text, header, strlen(header)), "header: %.120s",
                  text);
    ck_assert_ptr_nonnull(strstr(text, "\"POINT (-99.25 31.25)\""));
    ck_assert_ptr_nonnull(strstr(text, ",2023-09-19,2023-10-02,46.7513,"
                                       "39.8153\n"));
    ck_assert_ptr_nonnull(strstr(text, "Xankəndi"));
    free(text);
    char *csvt = gm_test_path_in(tmp, "p.csvt");
    text = gm_test_read_file(csvt, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_str_eq(text, "WKT,Integer64,String,String,String,String,"
                           "Integer64,Integer64,String,String,Real,Real\n");
    free(text);

    /* Read back: lon and lat are fields, the WKT the geometry. */
    GDALDatasetH ds = gm_test_ogr_open(out, "CSV", NULL);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    assert_type(layer, "lon", OFTReal);
    assert_type(layer, "lat", OFTReal);
    OGRFeatureH f = OGR_L_GetNextFeature(layer);
    ck_assert_double_eq_tol(gm_test_ogr_real(f, "lon"), places[0].lon, TOL_DEG);
    ck_assert_double_eq_tol(gm_test_ogr_real(f, "lat"), places[0].lat, TOL_DEG);
    OGR_F_Destroy(f);
    GDALClose(ds);
    free(csvt);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* --- every layer in one file ------------------------------------------------ */

START_TEST(gpkg_layers)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "news.gpkg");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES |
                                                      GM_LAYER_MENTIONS };
    write_output(&opts);
    GDALDatasetH ds = gm_test_ogr_open(out, "GPKG", NULL);
    OGRLayerH pl = gm_test_ogr_layer(ds, "places");
    OGRLayerH mn = gm_test_ogr_layer(ds, "mentions");
    assert_type(pl, "place_id", OFTInteger64);
    assert_type(pl, "mentions", OFTInteger64);
    assert_type(pl, "first_date", OFTDate);
    assert_type(pl, "last_date", OFTDate);
    assert_type(pl, "name", OFTString);
    assert_type(mn, "score", OFTReal);
    assert_type(mn, "start", OFTInteger64);
    ck_assert_int_eq(wkbFlatten(OGR_L_GetGeomType(pl)), wkbPoint);
    check_places(pl, "name", TOL_DEG);
    check_mentions(mn, TOL_DEG);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* KML: one folder per layer; a place's name is its placemark's name. */
START_TEST(kml_folders)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "news.kml");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES |
                                                      GM_LAYER_MENTIONS };
    /* Mentions first, places last, then one more of each: the staging
     * copy lets records of the layers come in any order. */
    gm_error err;
    gm_export *ex = NULL;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_OK);
    for (size_t i = 0; i + 1 < COUNT(mentions); i++)
        ck_assert_int_eq(gm_export_mention(ex, &mentions[i], &err), GM_OK);
    for (size_t i = 0; i < COUNT(places); i++)
        ck_assert_int_eq(gm_export_place(ex, &places[i], &err), GM_OK);
    ck_assert_int_eq(gm_export_mention(ex, &mentions[COUNT(mentions) - 1],
                                       &err), GM_OK);
    ck_assert_int_eq(gm_export_commit(ex, &err), GM_OK);
    gm_test_assert_listing(tmp, "news.kml\n");

    char *text = gm_test_read_file(out, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "<Folder><name>places</name>"));
    ck_assert_ptr_nonnull(strstr(text, "<Folder><name>mentions</name>"));
    ck_assert_ptr_nonnull(strstr(text, "<name>Xankəndi</name>"));
    ck_assert_ptr_nonnull(strstr(text, "<coordinates>-99.25,31.25"));
    free(text);

    /* The LIBKML reader gives the fields of the schema; the placemark's
     * name is "Name". */
    GDALDatasetH ds = gm_test_ogr_open(out, "LIBKML", NULL);
    check_places(gm_test_ogr_layer(ds, "places"), "Name", TOL_DEG);
    check_mentions(gm_test_ogr_layer(ds, "mentions"), TOL_DEG);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* --- vector tiles ------------------------------------------------------------ */

/* Features of a layer in the tiles of one zoom level (0 when the level
 * does not name the layer). */
static GIntBig tile_features(const char *level_dir, const char *layer)
{
    GDALDatasetH ds = gm_test_ogr_open(level_dir, "MVT", NULL);
    OGRLayerH l = GDALDatasetGetLayerByName(ds, layer);
    GIntBig n = l ? OGR_L_GetFeatureCount(l, TRUE) : 0;
    GDALClose(ds);
    return n;
}

START_TEST(mvt_directory)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "tiles");
    gm_export_options opts = { .path = out, .format = "MVT",
                               .layers = GM_LAYER_PLACES |
                                         GM_LAYER_MENTIONS };
    write_output(&opts);
    gm_test_assert_listing(tmp, "tiles\n");
    /* Default zooms: 0 to 8. */
    gm_test_assert_listing(out, "0\n1\n2\n3\n4\n5\n6\n7\n8\nmetadata.json\n");
    char *meta = gm_test_path_in(out, "metadata.json");
    char *text = gm_test_read_file(meta, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "\"name\":\"tiles\""));
    ck_assert_ptr_nonnull(strstr(text, "\"minzoom\":0"));
    ck_assert_ptr_nonnull(strstr(text, "\"maxzoom\":8"));
    free(text);

    /* Places from zoom 0, mentions from GM_EXPORT_DETAIL_MINZOOM. */
    char *z0 = gm_test_path_in(out, "0");
    char *z4 = gm_test_path_in(out, "4");
    char *z5 = gm_test_path_in(out, "5");
    char *z8 = gm_test_path_in(out, "8");
    ck_assert_int_eq(tile_features(z0, "places"), (GIntBig)COUNT(places));
    ck_assert_int_eq(tile_features(z4, "mentions"), 0);
    ck_assert_int_eq(tile_features(z5, "mentions"),
                     (GIntBig)COUNT(mentions));

    /* Web Mercator, decoded back to the points, names intact. */
    GDALDatasetH ds = gm_test_ogr_open(z8, "MVT", NULL);
    OGRLayerH pl = gm_test_ogr_layer(ds, "places");
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(pl);
    ck_assert_ptr_nonnull(srs);
    ck_assert_str_eq(OSRGetAuthorityCode(srs, NULL), "3857");
    check_places(pl, "name", TOL_TILE_DEG);
    check_mentions(gm_test_ogr_layer(ds, "mentions"), TOL_TILE_DEG);
    GDALClose(ds);

    free(z0);
    free(z4);
    free(z5);
    free(z8);
    free(meta);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

START_TEST(mbtiles_file)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "news.mbtiles");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES |
                                                      GM_LAYER_MENTIONS,
                               .zoom_set = true, .min_zoom = 2,
                               .max_zoom = 6 };
    write_output(&opts);
    gm_test_assert_listing(tmp, "news.mbtiles\n");
    GDALDatasetH ds = gm_test_ogr_open(out, "MBTiles", NULL);
    ck_assert_str_eq(GDALGetMetadataItem(ds, "minzoom", NULL), "2");
    ck_assert_str_eq(GDALGetMetadataItem(ds, "maxzoom", NULL), "6");
    ck_assert_int_eq(GDALDatasetGetLayerCount(ds), 2);
    check_places(gm_test_ogr_layer(ds, "places"), "name", TOL_TILE_DEG * 4);
    check_mentions(gm_test_ogr_layer(ds, "mentions"), TOL_TILE_DEG * 4);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* An earlier tile directory is replaced; one holding other things is
 * not. */
START_TEST(mvt_replaces_earlier_tiles)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "tiles");
    gm_export_options opts = { .path = out, .format = "mvt",
                               .layers = GM_LAYER_PLACES, .zoom_set = true,
                               .min_zoom = 0, .max_zoom = 3 };
    write_output(&opts);
    gm_test_assert_listing(out, "0\n1\n2\n3\nmetadata.json\n");
    opts.max_zoom = 1;
    write_output(&opts);
    gm_test_assert_listing(tmp, "tiles\n");
    gm_test_assert_listing(out, "0\n1\nmetadata.json\n");

    char *notes = gm_test_path_in(out, "notes.txt");
    gm_test_write_file(notes, "mine", 4);
    gm_error err;
    gm_export *ex = (gm_export *)&opts;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_E_IO);
    ck_assert_ptr_null(ex);
    ck_assert_str_eq(err.msg, "is a directory holding \"notes.txt\", which "
                              "is not part of a geomap output: not replacing "
                              "it (remove it or choose another output)");
    gm_test_assert_listing(out, "0\n1\nmetadata.json\nnotes.txt\n");
    free(notes);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* --- errors --------------------------------------------------------------- */

static const struct {
    const char *name, *format;
    unsigned layers;
    bool zoom_set;
    int min_zoom, max_zoom;
    const char *msg;
} error_rows[] = {
    { "x.fgb", NULL, GM_LAYER_PLACES | GM_LAYER_MENTIONS, false, 0, 0,
      "FlatGeobuf holds one layer per file and 2 layers are asked: give a "
      "directory (a name without .fgb)" },
    { "x.csv", NULL, GM_LAYER_PLACES | GM_LAYER_MENTIONS, false, 0, 0,
      "CSV holds one layer per file and 2 layers are asked: give a "
      "directory (a name without .csv)" },
    { "x.geojsonl", NULL, GM_LAYER_PLACES | GM_LAYER_MENTIONS, false, 0, 0,
      "GeoJSONSeq holds one layer per file and 2 layers are asked: give a "
      "directory (a name without .geojsonl)" },
    { "x.gpkg", NULL, GM_LAYER_PLACES, true, 0, 4,
      "zoom levels apply to vector tiles (MVT, MBTiles), not to GPKG" },
    { "t", "MVT", GM_LAYER_PLACES, true, 5, 4,
      "bad zoom range 5 to 4: zoom levels go from 0 to 22, the smallest "
      "first" },
    { "t.mbtiles", NULL, GM_LAYER_PLACES, true, 0, 23,
      "bad zoom range 0 to 23: zoom levels go from 0 to 22, the smallest "
      "first" },
    { "t.mbtiles", NULL, GM_LAYER_PLACES, true, -1, 3,
      "bad zoom range -1 to 3: zoom levels go from 0 to 22, the smallest "
      "first" },
};

START_TEST(error_layouts_and_zooms)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, error_rows[_i].name);
    gm_export_options opts = { .path = out, .format = error_rows[_i].format,
                               .layers = error_rows[_i].layers,
                               .zoom_set = error_rows[_i].zoom_set,
                               .min_zoom = error_rows[_i].min_zoom,
                               .max_zoom = error_rows[_i].max_zoom };
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = (gm_export *)&opts;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_E_USAGE);
    ck_assert_ptr_null(ex);
    ck_assert_str_eq(err.path, out);
    ck_assert_str_eq(err.msg, error_rows[_i].msg);
    gm_test_assert_listing(tmp, "");
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* Abort leaves nothing, in every layout (the KML staging file too). */
static const struct {
    const char *name, *format;
} abort_rows[] = {
    { "a.gpkg", NULL }, { "a.kml", NULL }, { "a", "MVT" },
    { "a.mbtiles", NULL }, { "a", "FlatGeobuf" }, { "a", "CSV" },
};

START_TEST(abort_leaves_nothing)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, abort_rows[_i].name);
    gm_export_options opts = { .path = out, .format = abort_rows[_i].format,
                               .layers = GM_LAYER_PLACES |
                                         GM_LAYER_MENTIONS };
    gm_error err;
    gm_export *ex = NULL;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_OK);
    ck_assert_int_eq(gm_export_place(ex, &places[0], &err), GM_OK);
    ck_assert_int_eq(gm_export_mention(ex, &mentions[0], &err), GM_OK);
    gm_export_abort(ex);
    gm_test_assert_listing(tmp, "");
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* --- field schemas per driver ---------------------------------------------- */

/* What each driver gives back for the places fields: ids beyond 32 bits
 * stay 64-bit integers where the format has them, dates are dates where
 * it has them (QGIS's temporal controller), reals stay reals. */
static const struct {
    const char *name, *format, *open, *driver;
    OGRFieldType id, count, date, name_type;
} schema_rows[] = {
    { "s.gpkg", NULL, "s.gpkg", "GPKG", OFTInteger64, OFTInteger64, OFTDate,
      OFTString },
    { "s.shp", NULL, "s.shp", "ESRI Shapefile", OFTInteger64, OFTInteger64,
      OFTDate, OFTString },
    { "s.fgb", NULL, "s.fgb", "FlatGeobuf", OFTInteger64, OFTInteger64,
      OFTDateTime, OFTString },
    { "s.csv", NULL, "s.csv", "CSV", OFTInteger64, OFTInteger64, OFTString,
      OFTString },
    /* KML has no 64-bit integers: reals, exact up to 2^53. */
    { "s.kml", NULL, "s.kml", "LIBKML", OFTReal, OFTReal, OFTString,
      OFTString },
    /* Tiles keep numbers as JSON numbers. */
    { "s.mbtiles", NULL, "s.mbtiles", "MBTiles", OFTReal, OFTReal, OFTString,
      OFTString },
};

START_TEST(field_schemas)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, schema_rows[_i].name);
    gm_export_options opts = { .path = out, .format = schema_rows[_i].format,
                               .layers = GM_LAYER_PLACES };
    write_output(&opts);
    char *open = gm_test_path_in(tmp, schema_rows[_i].open);
    GDALDatasetH ds = gm_test_ogr_open(open, schema_rows[_i].driver, NULL);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    if (!strcmp(schema_rows[_i].driver, "GPKG") ||
        !strcmp(schema_rows[_i].driver, "LIBKML") ||
        !strcmp(schema_rows[_i].driver, "MBTiles"))
        layer = gm_test_ogr_layer(ds, "places");
    assert_type(layer, "place_id", schema_rows[_i].id);
    assert_type(layer, "mentions", schema_rows[_i].count);
    assert_type(layer, "articles", schema_rows[_i].count);
    assert_type(layer, "first_date", schema_rows[_i].date);
    assert_type(layer, "last_date", schema_rows[_i].date);
    if (strcmp(schema_rows[_i].driver, "LIBKML"))
        assert_type(layer, "name", schema_rows[_i].name_type);
    assert_type(layer, "country", OFTString);
    /* The id beyond 32 bits survives. */
    OGRFeatureH f;
    bool seen = false;
    OGR_L_ResetReading(layer);
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        seen = seen || gm_test_ogr_int(f, "place_id") == 5000000001LL;
        OGR_F_Destroy(f);
    }
    ck_assert_msg(seen, "place_id 5000000001 lost");
    GDALClose(ds);
    free(open);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* --- a full disk ----------------------------------------------------------- */

/* A file size limit stands in for a full disk: whichever way the driver
 * notices (a failed write, a failed close, a file that does not end as it
 * should), the commit fails and nothing is left behind. */
static const char *const full_rows[] = { "m.csv", "m.geojsonl", "m.kml",
                                         "m.gpkg", "m.fgb", "m.mbtiles" };

START_TEST(disk_full_leaves_nothing)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, full_rows[_i]);
    gm_export_options opts = { .path = out, .layers = GM_LAYER_MENTIONS };
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = NULL;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_OK);

    struct rlimit old, lim;
    ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = 64 * 1024;
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    /* No assertion until the limit is lifted (Check writes files too). */
    gm_status st = GM_OK;
    for (int i = 0; i < 20000 && st == GM_OK; i++) {
        gm_mention_rec m = mentions[i % COUNT(mentions)];
        m.start = i;
        st = gm_export_mention(ex, &m, &err);
    }
    if (st == GM_OK)
        st = gm_export_commit(ex, &err);
    else
        gm_export_abort(ex);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, old_handler);

    ck_assert_msg(st == GM_E_IO || st == GM_E_GDAL, "%s: status %d (%s)",
                  full_rows[_i], st, err.msg);
    ck_assert_str_eq(err.path, out);
    ck_assert_msg(err.msg[0] != '\0', "no message");
    gm_test_assert_listing(tmp, "");
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("formats");
    TCase *tc = tcase_create("one layer per file");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, one_layer_per_file_directory, 0,
                        COUNT(dir_rows));
    tcase_add_loop_test(tc, one_layer_single_file, 0, COUNT(file_rows));
    tcase_add_test(tc, geojsonseq_records);
    tcase_add_test(tc, csv_columns);
    suite_add_tcase(s, tc);

    tc = tcase_create("every layer in one file");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, gpkg_layers);
    tcase_add_test(tc, kml_folders);
    suite_add_tcase(s, tc);

    tc = tcase_create("vector tiles");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, mvt_directory);
    tcase_add_test(tc, mbtiles_file);
    tcase_add_test(tc, mvt_replaces_earlier_tiles);
    suite_add_tcase(s, tc);

    tc = tcase_create("schemas");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, field_schemas, 0, COUNT(schema_rows));
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, disk_full_leaves_nothing, 0, COUNT(full_rows));
    tcase_add_loop_test(tc, error_layouts_and_zooms, 0, COUNT(error_rows));
    tcase_add_loop_test(tc, abort_leaves_nothing, 0, COUNT(abort_rows));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    GDALAllRegister();
    return gm_test_run(suite());
}
