/* The ogr2ogr-like options of the writer: -lco and -dsco passed to GDAL
 * (and GDAL's warnings about them), a legacy GeoJSON with -lco RFC7946=NO,
 * -nln, -overwrite, and -append: mentions added after the earlier ones,
 * places merged by place_id (counts summed, dates widened), other layers
 * and files kept, the earlier SRS kept, the formats that refuse it, and an
 * earlier output left intact when appending fails or is aborted. */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "exports/append.h"
#include "exports/export.h"
#include "exports/fields.h"
#include "exports/readback.h"
#include "harness.h"
#include "ogr_readback.h"

#define TOL_DEG 1e-6
#define TOL_M 1.0
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Batch A, then batch B: Kyiv in both, Baku only in B. */
static const gm_place_rec places_a[] = {
    { 587084, "Xankəndi", "AZ", "Qarabağ", "PPLA", 3, 2, "2023-09-19",
      "2023-10-02", 46.7513, 39.8153 },
    { 703448, "Київ", "UA", "Київ", "PPLC", 5, 4, "2022-02-24",
      "2022-03-01", 30.52335, 50.45466 },
};
static const gm_place_rec places_b[] = {
    { 703448, "Kyiv", "UA", "Kyiv City", "PPLC", 2, 1, "2021-12-01",
      "2022-02-25", 30.5238, 50.45466 },
    { 587084 + 1, "Bakı", "AZ", "Bakı", "PPLC", 1, 1, NULL, NULL, 49.89201,
      40.37767 },
};
static const gm_mention_rec mentions_a[] = {
    { "a1", 0, 8, "Xankəndi", 587084, "Xankəndi", "AZ", 0.93, 46.7513,
      39.8153 },
    { "a2", 15, 20, "Києві", 703448, "Київ", "UA", 0.875, 30.52335,
      50.45466 },
};
static const gm_mention_rec mentions_b[] = {
    { "b1", 4, 8, "Kyiv", 703448, "Kyiv", "UA", 0.5, 30.5238, 50.45466 },
};

/* --- helpers ------------------------------------------------------------ */

typedef struct diag_log {
    int count;
    char msg[8][GM_ERR_MSG_MAX];
} diag_log;

static void collect(void *ctx, const gm_error *problem)
{
    diag_log *log = ctx;
    if (log->count < 8)
        snprintf(log->msg[log->count], GM_ERR_MSG_MAX, "%s", problem->msg);
    log->count++;
}

/* Writes a batch (either array may be empty) and commits. */
static void write_batch(const gm_export_options *opts,
                        const gm_place_rec *pl, size_t n_pl,
                        const gm_mention_rec *mn, size_t n_mn)
{
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = NULL;
    gm_status st = gm_export_open(opts, &ex, &err);
    ck_assert_msg(st == GM_OK, "open %s: %s", opts->path, err.msg);
    for (size_t i = 0; i < n_mn; i++)
        ck_assert_int_eq(gm_export_mention(ex, &mn[i], &err), GM_OK);
    for (size_t i = 0; i < n_pl; i++)
        ck_assert_int_eq(gm_export_place(ex, &pl[i], &err), GM_OK);
    st = gm_export_commit(ex, &err);
    ck_assert_msg(st == GM_OK, "commit %s: %s", opts->path, err.msg);
}

static void write_a(const gm_export_options *opts)
{
    write_batch(opts, (opts->layers & GM_LAYER_PLACES) ? places_a : NULL,
                (opts->layers & GM_LAYER_PLACES) ? COUNT(places_a) : 0,
                (opts->layers & GM_LAYER_MENTIONS) ? mentions_a : NULL,
                (opts->layers & GM_LAYER_MENTIONS) ? COUNT(mentions_a) : 0);
}

static void write_b(const gm_export_options *opts)
{
    write_batch(opts, (opts->layers & GM_LAYER_PLACES) ? places_b : NULL,
                (opts->layers & GM_LAYER_PLACES) ? COUNT(places_b) : 0,
                (opts->layers & GM_LAYER_MENTIONS) ? mentions_b : NULL,
                (opts->layers & GM_LAYER_MENTIONS) ? COUNT(mentions_b) : 0);
}

/* A date field as "YYYY-MM-DD" (date or text), "" when null. */
static char *date_of(OGRFeatureH f, const char *name, char *buf, size_t size)
{
    int i = OGR_F_GetFieldIndex(f, name);
    ck_assert_msg(i >= 0, "no field %s", name);
    buf[0] = '\0';
    if (!OGR_F_IsFieldSetAndNotNull(f, i))
        return buf;
    OGRFieldType type = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, i));
    if (type == OFTDate || type == OFTDateTime) {
        int y, m, d, h, mi, tz;
        float s;
        ck_assert(OGR_F_GetFieldAsDateTimeEx(f, i, &y, &m, &d, &h, &mi, &s,
                                             &tz));
        snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    } else {
        snprintf(buf, size, "%s", OGR_F_GetFieldAsString(f, i));
    }
    return buf;
}

/* "article" of each mention, joined by spaces, in the layer's order. */
static char *articles_of(OGRLayerH layer)
{
    gm_buf b = GM_BUF_INIT;
    gm_buf_append_str(&b, "");
    OGRFeatureH f;
    OGR_L_ResetReading(layer);
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        gm_buf_printf(&b, "%s%s", b.len ? " " : "", gm_test_ogr_str(f, "article"));
        OGR_F_Destroy(f);
    }
    return b.data;
}

/* The feature of a place_id (FlatGeobuf's spatial index orders features
 * its own way). Owned: OGR_F_Destroy. */
static OGRFeatureH place_feature(OGRLayerH layer, int64_t id)
{
    OGRFeatureH f;
    OGR_L_ResetReading(layer);
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        if (gm_test_ogr_int(f, "place_id") == id)
            return f;
        OGR_F_Destroy(f);
    }
    ck_abort_msg("place %lld missing", (long long)id);
    return NULL;
}

/* The merged places of A then B: Xankəndi as in A; Kyiv with B's name,
 * admin1 and point, counts summed, dates widened; Bakı added. In order
 * when ordered. */
static void check_merged_places(OGRLayerH layer, double tol, bool ordered)
{
    ck_assert_int_eq(OGR_L_GetFeatureCount(layer, TRUE), 3);
    char d1[16], d2[16];
    if (ordered) {
        const int64_t ids[] = { 587084, 703448, 587085 };
        OGR_L_ResetReading(layer);
        for (size_t i = 0; i < COUNT(ids); i++) {
            OGRFeatureH f = OGR_L_GetNextFeature(layer);
            ck_assert_int_eq(gm_test_ogr_int(f, "place_id"), ids[i]);
            OGR_F_Destroy(f);
        }
    }

    OGRFeatureH f = place_feature(layer, 587084);
    ck_assert_str_eq(gm_test_ogr_str(f, "name"), "Xankəndi");
    ck_assert_int_eq(gm_test_ogr_int(f, "mentions"), 3);
    ck_assert_int_eq(gm_test_ogr_int(f, "articles"), 2);
    ck_assert_str_eq(date_of(f, "first_date", d1, sizeof d1), "2023-09-19");
    ck_assert_str_eq(date_of(f, "last_date", d2, sizeof d2), "2023-10-02");
    OGR_F_Destroy(f);

    f = place_feature(layer, 703448);
    ck_assert_str_eq(gm_test_ogr_str(f, "name"), "Kyiv");
    ck_assert_str_eq(gm_test_ogr_str(f, "admin1"), "Kyiv City");
    ck_assert_int_eq(gm_test_ogr_int(f, "mentions"), 7);
    ck_assert_int_eq(gm_test_ogr_int(f, "articles"), 5);
    ck_assert_str_eq(date_of(f, "first_date", d1, sizeof d1), "2021-12-01");
    ck_assert_str_eq(date_of(f, "last_date", d2, sizeof d2), "2022-03-01");
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (tol < TOL_M)
        ck_assert_double_eq_tol(OGR_G_GetX(g, 0), 30.5238, tol);
    OGR_F_Destroy(f);

    f = place_feature(layer, 587085);
    ck_assert_str_eq(gm_test_ogr_str(f, "name"), "Bakı");
    ck_assert_int_eq(gm_test_ogr_int(f, "mentions"), 1);
    ck_assert_str_eq(date_of(f, "first_date", d1, sizeof d1), "");
    OGR_F_Destroy(f);
}

/* --- -lco, -dsco, -nln, -overwrite ----------------------------------------- */

START_TEST(lco_passed_through)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "p.geojson");
    const char *lco[] = { "coordinate_precision=2", NULL };
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES,
                               .lco = lco };
    write_a(&opts);
    char *text = gm_test_read_file(out, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "[ 30.52, 50.45 ]"));
    ck_assert_ptr_null(strstr(text, "\"crs\""));
    free(text);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

START_TEST(dsco_passed_through)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "t.mbtiles");
    const char *dsco[] = { "NAME=Caucasus news", "DESCRIPTION=test", NULL };
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES,
                               .dsco = dsco };
    write_a(&opts);
    GDALDatasetH ds = gm_test_ogr_open(out, NULL, NULL);
    ck_assert_str_eq(GDALGetMetadataItem(ds, "name", NULL),
                     "Caucasus news");
    ck_assert_str_eq(GDALGetMetadataItem(ds, "description", NULL), "test");
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* An option the driver does not know: GDAL's warning reaches diag. */
START_TEST(unknown_option_warns)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "p.gpkg");
    const char *lco[] = { "NO_SUCH_OPTION=1", NULL };
    diag_log log = { 0 };
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES,
                               .lco = lco, .diag = collect,
                               .diag_ctx = &log };
    write_a(&opts);
    ck_assert_int_eq(log.count, 1);
    ck_assert_msg(strstr(log.msg[0], "GDAL: ") == log.msg[0] &&
                      strstr(log.msg[0], "NO_SUCH_OPTION") != NULL,
                  "warning: %s", log.msg[0]);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* -lco RFC7946=NO: a legacy GeoJSON, which takes -t_srs and says it. */
START_TEST(legacy_geojson_takes_srs)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "p.geojson");
    const char *lco[] = { "RFC7946=NO", NULL };
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES,
                               .lco = lco, .dst_srs = "EPSG:3857" };
    write_a(&opts);
    char *text = gm_test_read_file(out, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "\"crs\""));
    ck_assert_ptr_nonnull(strstr(text, "EPSG::3857"));
    free(text);
    GDALDatasetH ds = gm_test_ogr_open(out, NULL, NULL);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    OGRFeatureH f = OGR_L_GetNextFeature(layer);
    /* Xankəndi, 46.7513 E, in metres. */
    ck_assert_double_eq_tol(OGR_G_GetX(OGR_F_GetGeometryRef(f), 0),
                            5204330.9, TOL_M);
    OGR_F_Destroy(f);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

START_TEST(nln_renames_the_layer)
{
    char *tmp = gm_test_tmpdir();
    char *gpkg = gm_test_path_in(tmp, "n.gpkg");
    gm_export_options opts = { .path = gpkg, .layers = GM_LAYER_MENTIONS,
                               .layer_name = "mentions_2024" };
    write_a(&opts);
    GDALDatasetH ds = gm_test_ogr_open(gpkg, NULL, NULL);
    ck_assert_int_eq(GDALDatasetGetLayerCount(ds), 2); /* + layer_styles */
    ck_assert_str_eq(OGR_L_GetName(GDALDatasetGetLayer(ds, 0)),
                     "mentions_2024");
    GDALClose(ds);

    /* A directory: the file is named after the layer, and such an output
     * is replaced like any other. */
    char *dir = gm_test_path_in(tmp, "d");
    opts.path = dir;
    opts.layer_name = "towns";
    opts.layers = GM_LAYER_PLACES;
    write_a(&opts);
    gm_test_assert_listing(dir, "towns.geojson\ntowns.qml\n");
    write_a(&opts);
    gm_test_assert_listing(dir, "towns.geojson\ntowns.qml\n");
    char *file = gm_test_path_in(dir, "towns.geojson");
    ds = gm_test_ogr_open(file, NULL, NULL);
    ck_assert_str_eq(OGR_L_GetName(GDALDatasetGetLayer(ds, 0)), "towns");
    GDALClose(ds);
    free(file);
    free(dir);
    free(gpkg);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* -overwrite is what happens without it: the earlier output replaced. */
START_TEST(overwrite_replaces)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "o.gpkg");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES |
                                                      GM_LAYER_MENTIONS };
    write_a(&opts);
    opts.mode = GM_EXPORT_OVERWRITE;
    opts.layers = GM_LAYER_MENTIONS;
    write_b(&opts);
    GDALDatasetH ds = gm_test_ogr_open(out, NULL, NULL);
    ck_assert_int_eq(GDALDatasetGetLayerCount(ds), 2); /* + layer_styles */
    char *got = articles_of(GDALDatasetGetLayerByName(ds, "mentions"));
    ck_assert_str_eq(got, "b1");
    free(got);
    GDALClose(ds);
    gm_test_assert_listing(tmp, "o.gpkg\n");
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

static const struct {
    const char *const lco[3];
    const char *const dsco[2];
    const char *layer_name;
    unsigned layers;
    const char *msg;
} option_errors[] = {
    { { "RFC7946", NULL }, { NULL }, NULL, GM_LAYER_PLACES,
      "-lco takes NAME=VALUE, not \"RFC7946\"" },
    { { "A=1", "=2", NULL }, { NULL }, NULL, GM_LAYER_PLACES,
      "-lco takes NAME=VALUE, not \"=2\"" },
    { { NULL }, { "VERSION", NULL }, NULL, GM_LAYER_PLACES,
      "-dsco takes NAME=VALUE, not \"VERSION\"" },
    { { NULL }, { NULL }, "x", GM_LAYER_PLACES | GM_LAYER_MENTIONS,
      "-nln names one layer and 2 are asked: choose one with --layers" },
    { { NULL }, { NULL }, "", GM_LAYER_PLACES, "-nln needs a name" },
};

START_TEST(option_error)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "x.gpkg");
    gm_export_options opts = { .path = out, .layers = option_errors[_i].layers,
                               .lco = option_errors[_i].lco,
                               .dsco = option_errors[_i].dsco,
                               .layer_name = option_errors[_i].layer_name };
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = (gm_export *)&opts;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_E_USAGE);
    ck_assert_ptr_null(ex);
    ck_assert_str_eq(err.msg, option_errors[_i].msg);
    gm_test_assert_listing(tmp, "");
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* --- -append ----------------------------------------------------------------- */

/* A GeoPackage: mentions added after the earlier ones, places merged, a
 * layer of the user's kept. */
START_TEST(append_gpkg)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "news.gpkg");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES |
                                                      GM_LAYER_MENTIONS };
    write_a(&opts);
    /* The user adds a table of notes. */
    GDALDatasetH ds = GDALOpenEx(out, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL,
                                 NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    OGRLayerH notes = GDALDatasetCreateLayer(ds, "notes", NULL, wkbNone,
                                             NULL);
    ck_assert_ptr_nonnull(notes);
    OGRFieldDefnH fd = OGR_Fld_Create("text", OFTString);
    ck_assert_int_eq(OGR_L_CreateField(notes, fd, TRUE), OGRERR_NONE);
    OGR_Fld_Destroy(fd);
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(notes));
    OGR_F_SetFieldString(f, 0, "check Kyiv");
    ck_assert_int_eq(OGR_L_CreateFeature(notes, f), OGRERR_NONE);
    OGR_F_Destroy(f);
    GDALClose(ds);

    opts.mode = GM_EXPORT_APPEND;
    write_b(&opts);
    gm_test_assert_listing(tmp, "news.gpkg\n");
    ds = gm_test_ogr_open(out, NULL, NULL);
    /* places, mentions, notes, layer_styles */
    ck_assert_int_eq(GDALDatasetGetLayerCount(ds), 4);
    char *got = articles_of(GDALDatasetGetLayerByName(ds, "mentions"));
    ck_assert_str_eq(got, "a1 a2 b1");
    free(got);
    check_merged_places(GDALDatasetGetLayerByName(ds, "places"), TOL_DEG,
                        true);
    notes = GDALDatasetGetLayerByName(ds, "notes");
    ck_assert_ptr_nonnull(notes);
    f = OGR_L_GetNextFeature(notes);
    ck_assert_str_eq(OGR_F_GetFieldAsString(f, 0), "check Kyiv");
    OGR_F_Destroy(f);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* Formats rewritten whole through the temporary name: each read back. */
static const struct {
    const char *name, *format;
    const char *places_file;   /* relative to the temporary directory */
} append_rows[] = {
    { "gj", NULL, "gj/places.geojson" },
    { "seq", "GeoJSONSeq", "seq/places.geojsonl" },
    { "shp", "ESRI Shapefile", "shp/places.shp" },
    { "fgb", "FlatGeobuf", "fgb/places.fgb" },
    { "csv", "CSV", "csv/places.csv" },
};

START_TEST(append_directory_formats)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, append_rows[_i].name);
    gm_export_options opts = { .path = out, .format = append_rows[_i].format,
                               .layers = GM_LAYER_PLACES |
                                         GM_LAYER_MENTIONS };
    write_a(&opts);
    char *before = gm_test_listing(out);
    opts.mode = GM_EXPORT_APPEND;
    write_b(&opts);
    gm_test_assert_listing(out, before);
    char *name_line = gm_test_path_in(append_rows[_i].name, "");
    name_line[strlen(name_line) - 1] = '\n'; /* "NAME\n" */
    gm_test_assert_listing(tmp, name_line);
    free(name_line);
    char *places = gm_test_path_in(tmp, append_rows[_i].places_file);
    GDALDatasetH ds = gm_test_ogr_open(places, NULL, NULL);
    check_merged_places(GDALDatasetGetLayer(ds, 0), TOL_DEG,
                        strcmp(append_rows[_i].name, "fgb") != 0);
    GDALClose(ds);
    free(places);
    free(before);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* Only mentions asked: the places file is kept as it was. */
START_TEST(append_keeps_other_files)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "out");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES |
                                                      GM_LAYER_MENTIONS };
    write_a(&opts);
    char *pl = gm_test_path_in(out, "places.geojson");
    char *before = gm_test_read_file(pl, NULL);
    ck_assert_ptr_nonnull(before);
    opts.mode = GM_EXPORT_APPEND;
    opts.layers = GM_LAYER_MENTIONS;
    write_b(&opts);
    gm_test_assert_listing(out, "mentions.geojson\nmentions.qml\nplaces.geojson\n"
                        "places.qml\n");
    char *after = gm_test_read_file(pl, NULL);
    ck_assert_ptr_nonnull(after);
    ck_assert_str_eq(after, before);
    char *mn = gm_test_path_in(out, "mentions.geojson");
    GDALDatasetH ds = gm_test_ogr_open(mn, NULL, NULL);
    char *got = articles_of(GDALDatasetGetLayer(ds, 0));
    ck_assert_str_eq(got, "a1 a2 b1");
    free(got);
    GDALClose(ds);
    free(mn);
    free(after);
    free(before);
    free(pl);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* One layer as one file: a shapefile's places merged. */
START_TEST(append_single_file)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "p.shp");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES };
    write_a(&opts);
    opts.mode = GM_EXPORT_APPEND;
    write_b(&opts);
    gm_test_assert_listing(tmp, "p.cpg\np.dbf\np.prj\np.qml\np.shp\np.shx\n");
    GDALDatasetH ds = gm_test_ogr_open(out, NULL, NULL);
    check_merged_places(GDALDatasetGetLayer(ds, 0), TOL_DEG, true);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* The earlier output's SRS is kept; another -t_srs is refused. */
START_TEST(append_keeps_srs)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "m.gpkg");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES,
                               .dst_srs = "EPSG:3857" };
    write_a(&opts);
    opts.mode = GM_EXPORT_APPEND;
    opts.dst_srs = NULL;
    write_b(&opts);
    GDALDatasetH ds = gm_test_ogr_open(out, NULL, NULL);
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, "places");
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    ck_assert_str_eq(OSRGetAuthorityCode(srs, NULL), "3857");
    check_merged_places(layer, TOL_M, true);
    /* Bakı, added in B, is in metres too. */
    OGRFeatureH f = OGR_L_GetFeature(layer, 3);
    ck_assert_ptr_nonnull(f);
    ck_assert_double_eq_tol(OGR_G_GetX(OGR_F_GetGeometryRef(f), 0),
                            5553953.15, TOL_M);
    OGR_F_Destroy(f);
    GDALClose(ds);

    opts.dst_srs = "EPSG:4326";
    gm_error err;
    gm_export *ex = (gm_export *)&opts;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_E_USAGE);
    ck_assert_ptr_null(ex);
    ck_assert_str_eq(err.msg, "cannot append in -t_srs EPSG:4326 to an "
                              "output in WGS 84 / Pseudo-Mercator (leave "
                              "-t_srs out to keep its SRS)");
    gm_test_assert_listing(tmp, "m.gpkg\n");
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* Nothing to append to: the output is made. */
START_TEST(append_to_nothing)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "new.gpkg");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_MENTIONS,
                               .mode = GM_EXPORT_APPEND };
    write_b(&opts);
    GDALDatasetH ds = gm_test_ogr_open(out, NULL, NULL);
    char *got = articles_of(GDALDatasetGetLayerByName(ds, "mentions"));
    ck_assert_str_eq(got, "b1");
    free(got);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

static const struct {
    const char *name, *format, *msg;
} append_refused_rows[] = {
    { "x.kml", NULL, "cannot append to KML: its layers cannot be read back "
                     "as written (append to a GPKG, then convert it)" },
    { "t", "MVT", "cannot append to MVT: its layers cannot be read back as "
                  "written (append to a GPKG, then convert it)" },
    { "t.mbtiles", NULL, "cannot append to MBTiles: its layers cannot be "
                         "read back as written (append to a GPKG, then "
                         "convert it)" },
};

START_TEST(append_refused)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, append_refused_rows[_i].name);
    gm_export_options opts = { .path = out,
                               .format = append_refused_rows[_i].format,
                               .layers = GM_LAYER_PLACES,
                               .mode = GM_EXPORT_APPEND };
    gm_error err;
    gm_export *ex = (gm_export *)&opts;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_E_USAGE);
    ck_assert_ptr_null(ex);
    ck_assert_str_eq(err.path, out);
    ck_assert_str_eq(err.msg, append_refused_rows[_i].msg);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* A "places" layer that is not geomap's: refused, the file left alone. */
START_TEST(append_not_a_geomap_layer)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "other.gpkg");
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), out, 0, 0, 0,
                                 GDT_Unknown, NULL);
    ck_assert_ptr_nonnull(ds);
    OGRLayerH layer = GDALDatasetCreateLayer(ds, "places", NULL, wkbPoint,
                                             NULL);
    OGRFieldDefnH fd = OGR_Fld_Create("label", OFTString);
    ck_assert_int_eq(OGR_L_CreateField(layer, fd, TRUE), OGRERR_NONE);
    OGR_Fld_Destroy(fd);
    GDALClose(ds);
    size_t len_before;
    char *before = gm_test_read_file(out, &len_before);

    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES,
                               .mode = GM_EXPORT_APPEND };
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = (gm_export *)&opts;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_E_FORMAT);
    ck_assert_ptr_null(ex);
    ck_assert_str_eq(err.path, out);
    ck_assert_str_eq(err.msg, "cannot append: layer places has no field "
                              "place_id, it is not a geomap places layer");
    gm_test_assert_listing(tmp, "other.gpkg\n");
    size_t len_after;
    char *after = gm_test_read_file(out, &len_after);
    ck_assert_uint_eq(len_after, len_before);
    ck_assert(!memcmp(before, after, len_before));
    free(after);
    free(before);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* An earlier output OGR cannot read: refused, left alone. */
START_TEST(append_unreadable)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "broken.gpkg");
    gm_test_write_file(out, "not a geopackage", 16);
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES,
                               .mode = GM_EXPORT_APPEND };
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = (gm_export *)&opts;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_E_GDAL);
    ck_assert_ptr_null(ex);
    ck_assert_str_eq(err.path, out);
    ck_assert_msg(strstr(err.msg, "cannot append: cannot read the earlier "
                                  "output: ") == err.msg,
                  "message: %s", err.msg);
    gm_test_assert_listing(tmp, "broken.gpkg\n");
    char *text = gm_test_read_file(out, NULL);
    ck_assert_str_eq(text, "not a geopackage");
    free(text);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* An aborted append leaves the earlier output as it was. */
START_TEST(append_abort_keeps_earlier)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "a.gpkg");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_PLACES |
                                                      GM_LAYER_MENTIONS };
    write_a(&opts);
    size_t len_before;
    char *before = gm_test_read_file(out, &len_before);
    opts.mode = GM_EXPORT_APPEND;
    gm_error err;
    gm_export *ex = NULL;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_OK);
    ck_assert_int_eq(gm_export_mention(ex, &mentions_b[0], &err), GM_OK);
    ck_assert_int_eq(gm_export_place(ex, &places_b[0], &err), GM_OK);
    gm_export_abort(ex);
    gm_test_assert_listing(tmp, "a.gpkg\n");
    size_t len_after;
    char *after = gm_test_read_file(out, &len_after);
    ck_assert_uint_eq(len_after, len_before);
    ck_assert(!memcmp(before, after, len_before));
    free(after);
    free(before);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* The merge table itself: many ids (the hash grows), order kept. */
START_TEST(place_table)
{
    gm_place_table *t = gm_append_places_new();
    for (int round = 0; round < 2; round++)
        for (int64_t id = 1; id <= 1000; id++) {
            gm_place_rec r = { id * 7919, "n", "XX", "", "PPL", 1, 1,
                               round ? "2024-01-01" : NULL,
                               round ? "2024-01-01" : "2023-06-30", 0, 0 };
            gm_append_places_merge(t, &r, (double)id, (double)round);
        }
    ck_assert_uint_eq(gm_append_places_count(t), 1000);
    for (size_t i = 0; i < 1000; i += 111) {
        double x, y;
        const gm_place_rec *r = gm_append_places_get(t, i, &x, &y);
        ck_assert_int_eq(r->place_id, (int64_t)(i + 1) * 7919);
        ck_assert_int_eq(r->mentions, 2);
        ck_assert_str_eq(r->first_date, "2024-01-01");
        ck_assert_str_eq(r->last_date, "2024-01-01");
        ck_assert_double_eq(y, 1.0); /* the later point */
    }
    gm_append_places_free(t);
    gm_append_places_free(NULL);
}
END_TEST

/* Counts read back from a file may be anything: their sum is held at
 * INT64_MAX, never overflows (UBSan), and a negative one counts as 0. */
START_TEST(place_counts_saturate)
{
    gm_place_table *t = gm_append_places_new();
    gm_place_rec r = { 42, "n", "XX", "", "PPL", INT64_MAX - 1, -5, NULL,
                       NULL, 0, 0 };
    gm_append_places_merge(t, &r, 0, 0);
    r.mentions = 7;
    r.articles = 3;
    gm_append_places_merge(t, &r, 0, 0);
    double x, y;
    const gm_place_rec *got = gm_append_places_get(t, 0, &x, &y);
    ck_assert_int_eq(got->mentions, INT64_MAX);
    ck_assert_int_eq(got->articles, 3);
    gm_append_places_free(t);
}
END_TEST

/* The reader behind -append and geomap merge: dates stored as dates or
 * date-times come back as YYYY-MM-DD and as text unchanged; a missing or
 * null field reads as 0, NaN or NULL; strings go through the keeper. */
typedef struct kept {
    int calls;
    size_t fields[16];
} kept;

static const char *keep_copy(void *ctx, size_t field, const char *s)
{
    kept *k = ctx;
    ck_assert_int_lt(k->calls, 16);
    k->fields[k->calls++] = field;
    return gm_xstrdup(s);
}

START_TEST(readback_record)
{
    const gm_layer_def *def = gm_fields_layer(GM_LAYER_PLACES);
    gm_field_plan plans[GM_READBACK_MAX_FIELDS];
    gm_fields_plan(def, true, plans);
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("Memory"), "", 0, 0, 0,
                                 GDT_Unknown, NULL);
    ck_assert_ptr_nonnull(ds);
    OGRLayerH layer = GDALDatasetCreateLayer(ds, "places", NULL, wkbPoint,
                                             NULL);
    /* No admin1 and no mentions; first_date a date-time, last_date text. */
    static const struct { const char *name; OGRFieldType type; } cols[] = {
        { "place_id", OFTInteger64 }, { "name", OFTString },
        { "country", OFTString }, { "feature", OFTString },
        { "articles", OFTInteger64 }, { "first_date", OFTDateTime },
        { "last_date", OFTString } };
    for (size_t i = 0; i < COUNT(cols); i++) {
        OGRFieldDefnH fd = OGR_Fld_Create(cols[i].name, cols[i].type);
        ck_assert_int_eq(OGR_L_CreateField(layer, fd, TRUE), OGRERR_NONE);
        OGR_Fld_Destroy(fd);
    }
    int index[GM_READBACK_MAX_FIELDS];
    ck_assert_uint_eq(gm_readback_fields(layer, def, plans, index), 3);
    ck_assert_int_eq(index[3], -1); /* admin1 */
    ck_assert_int_eq(index[5], -1); /* mentions */

    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
    OGR_F_SetFieldInteger64(f, index[0], 587084);
    OGR_F_SetFieldString(f, index[1], "Xankəndi");
    OGR_F_SetFieldNull(f, index[2]);
    OGR_F_SetFieldString(f, index[4], "PPLA");
    /* articles left unset */
    OGR_F_SetFieldDateTime(f, index[7], 2023, 9, 19, 13, 45, 0, 100);
    OGR_F_SetFieldString(f, index[8], "2023-10-02T08:00");

    gm_place_rec rec;
    memset(&rec, 0xff, sizeof rec);
    kept k = { 0 };
    gm_readback_record(f, def, index, keep_copy, &k, &rec);
    ck_assert_int_eq(rec.place_id, 587084);
    ck_assert_str_eq(rec.name, "Xankəndi");
    ck_assert_ptr_null(rec.country);
    ck_assert_ptr_null(rec.admin1);
    ck_assert_str_eq(rec.feature, "PPLA");
    ck_assert_int_eq(rec.mentions, 0);
    ck_assert_int_eq(rec.articles, 0);
    ck_assert_str_eq(rec.first_date, "2023-09-19");
    ck_assert_str_eq(rec.last_date, "2023-10-02T08:00");
    ck_assert_double_eq(rec.lon, 0.0);
    ck_assert_double_eq(rec.lat, 0.0);
    /* Kept: name, feature, first_date, last_date, by field number. */
    ck_assert_int_eq(k.calls, 4);
    ck_assert_uint_eq(k.fields[0], 1);
    ck_assert_uint_eq(k.fields[1], 4);
    ck_assert_uint_eq(k.fields[2], 7);
    ck_assert_uint_eq(k.fields[3], 8);
    free((char *)rec.name);
    free((char *)rec.feature);
    free((char *)rec.first_date);
    free((char *)rec.last_date);
    OGR_F_Destroy(f);
    GDALClose(ds);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("append");
    TCase *tc = tcase_create("options");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, lco_passed_through);
    tcase_add_test(tc, dsco_passed_through);
    tcase_add_test(tc, unknown_option_warns);
    tcase_add_test(tc, legacy_geojson_takes_srs);
    tcase_add_test(tc, nln_renames_the_layer);
    tcase_add_test(tc, overwrite_replaces);
    tcase_add_loop_test(tc, option_error, 0, COUNT(option_errors));
    suite_add_tcase(s, tc);

    tc = tcase_create("append");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, append_gpkg);
    tcase_add_test(tc, place_counts_saturate);
    tcase_add_loop_test(tc, append_directory_formats, 0, COUNT(append_rows));
    tcase_add_test(tc, append_keeps_other_files);
    tcase_add_test(tc, append_single_file);
    tcase_add_test(tc, append_keeps_srs);
    tcase_add_test(tc, append_to_nothing);
    tcase_add_loop_test(tc, append_refused, 0, COUNT(append_refused_rows));
    tcase_add_test(tc, append_not_a_geomap_layer);
    tcase_add_test(tc, append_unreadable);
    tcase_add_test(tc, append_abort_keeps_earlier);
    tcase_add_test(tc, place_table);
    tcase_add_test(tc, readback_record);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    GDALAllRegister();
    return gm_test_run(suite());
}
