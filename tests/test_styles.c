/* QGIS styles (exports/styles.c): every QML document is well-formed XML
 * (parsed with GDAL's CPLParseXMLString) with a <qgis> root and a
 * renderer, and every field it names exists in the layer as written; the
 * .qml beside Shapefile, GeoJSON and FlatGeobuf layers; the GeoPackage's
 * layer_styles table with one default row per layer, kept to one row per
 * layer by -append, other tables' rows kept; the events style, ready for
 * the events layer. */
#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_error.h>
#include <cpl_minixml.h>
#include <gdal.h>
#include <ogr_api.h>

#include "core/buf.h"
#include "exports/export.h"
#include "exports/fields.h"
#include "exports/styles.h"
#include "harness.h"
#include "ogr_readback.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const gm_place_rec places[] = {
    { 587084, "Xankəndi", "AZ", "Qarabağ", "PPLA", 12, 5, "2023-09-19",
      "2023-10-02", 46.7513, 39.8153 },
    { 703448, "Київ", "UA", "Київ", "PPLC", 40, 22, "2022-02-24",
      "2024-01-05", 30.52335, 50.45466 },
};

static const gm_mention_rec mentions[] = {
    { "a1", 0, 8, "Xankəndi", 587084, "Xankəndi", "AZ", 0.93, 46.7513,
      39.8153 },
};

static void write_output(const char *path, const char *format,
                         unsigned layers, gm_export_mode mode)
{
    gm_export_options opts = { .path = path, .format = format,
                               .layers = layers, .mode = mode };
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = NULL;
    ck_assert_msg(gm_export_open(&opts, &ex, &err) == GM_OK, "open: %s",
                  err.msg);
    if (layers & GM_LAYER_PLACES)
        for (size_t i = 0; i < COUNT(places); i++)
            ck_assert_int_eq(gm_export_place(ex, &places[i], &err), GM_OK);
    if (layers & GM_LAYER_MENTIONS)
        for (size_t i = 0; i < COUNT(mentions); i++)
            ck_assert_int_eq(gm_export_mention(ex, &mentions[i], &err),
                             GM_OK);
    ck_assert_msg(gm_export_commit(ex, &err) == GM_OK, "commit: %s",
                  err.msg);
}

/* The field names a QGIS expression quotes ("name", with "" for a
 * quote), appended to out as "name\n". */
static void expression_fields(const char *expr, gm_buf *out)
{
    for (const char *c = expr; *c; c++) {
        if (*c != '"')
            continue;
        for (c++; *c && (*c != '"' || c[1] == '"'); c++) {
            if (*c == '"')
                c++; /* "" */
            gm_buf_append_char(out, *c);
        }
        ck_assert_int_eq(*c, '"');
        gm_buf_append_char(out, '\n');
    }
}

/* Walks the XML tree and collects every field it names: the renderer's
 * attr, the temporal fields, order-by and data-defined expressions. */
static void collect_fields(const CPLXMLNode *node, gm_buf *out)
{
    for (; node; node = node->psNext) {
        if (node->eType != CXT_Element)
            continue;
        const char *v;
        if (!strcmp(node->pszValue, "renderer-v2") &&
            (v = CPLGetXMLValue(node, "attr", NULL)) != NULL)
            gm_buf_printf(out, "%s\n", v);
        if (!strcmp(node->pszValue, "temporal")) {
            const char *keys[] = { "startField", "endField" };
            for (size_t i = 0; i < 2; i++)
                if ((v = CPLGetXMLValue(node, keys[i], NULL)) && *v)
                    gm_buf_printf(out, "%s\n", v);
        }
        if (!strcmp(node->pszValue, "orderByClause") &&
            (v = CPLGetXMLValue(node, "", NULL)) != NULL)
            expression_fields(v, out);
        if (!strcmp(node->pszValue, "Option") &&
            (v = CPLGetXMLValue(node, "name", NULL)) &&
            !strcmp(v, "expression"))
            expression_fields(CPLGetXMLValue(node, "value", ""), out);
        collect_fields(node->psChild, out);
    }
}

/* Checks a QML document: well-formed, a <qgis> root with a renderer, and
 * every field it names is one of fields (NULL-terminated). Returns the
 * fields it names, one a line. Owned. */
static char *check_qml(const char *qml, const char *const *fields)
{
    ck_assert_ptr_nonnull(qml);
    ck_assert_msg(!strncmp(qml, "<!DOCTYPE qgis", 14), "starts: %.40s", qml);
    CPLErrorReset();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLXMLNode *root = CPLParseXMLString(qml);
    CPLPopErrorHandler();
    ck_assert_msg(root != NULL && CPLGetLastErrorType() == CE_None,
                  "QML is not well-formed: %s", CPLGetLastErrorMsg());
    CPLXMLNode *qgis = CPLSearchXMLNode(root, "=qgis");
    ck_assert_msg(qgis != NULL, "no <qgis> root");
    ck_assert_ptr_nonnull(CPLGetXMLNode(qgis, "renderer-v2"));
    gm_buf names = GM_BUF_INIT;
    gm_buf_append_str(&names, "");
    collect_fields(qgis, &names);
    CPLDestroyXMLNode(root);
    for (char *line = names.data; *line;) {
        char *nl = strchr(line, '\n');
        *nl = '\0';
        bool found = false;
        for (size_t i = 0; fields[i]; i++)
            found = found || !strcmp(fields[i], line);
        ck_assert_msg(found, "the style names field \"%s\", which the layer "
                      "lacks", line);
        *nl = '\n';
        line = nl + 1;
    }
    return names.data;
}

/* The fields of a layer as OGR reads them, NULL-terminated. Owned: free
 * the array and its strings. */
static char **layer_fields(OGRLayerH layer)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int n = OGR_FD_GetFieldCount(defn);
    char **names = calloc((size_t)n + 1, sizeof *names);
    ck_assert_ptr_nonnull(names);
    for (int i = 0; i < n; i++)
        names[i] = strdup(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    return names;
}

static void free_fields(char **names)
{
    for (size_t i = 0; names[i]; i++)
        free(names[i]);
    free(names);
}

/* Checks the QML file beside a layer file against that layer. Returns the
 * fields it names. Owned. */
static char *check_sidecar(const char *layer_path, const char *qml_path)
{
    GDALDatasetH ds = GDALOpenEx(layer_path, GDAL_OF_VECTOR, NULL, NULL,
                                 NULL);
    ck_assert_msg(ds != NULL, "cannot open %s", layer_path);
    char **fields = layer_fields(GDALDatasetGetLayer(ds, 0));
    GDALClose(ds);
    char *qml = gm_test_read_file(qml_path, NULL);
    ck_assert_msg(qml != NULL, "no %s", qml_path);
    char *named = check_qml(qml, (const char *const *)fields);
    free(qml);
    free_fields(fields);
    return named;
}

/* --- QML documents --------------------------------------------------------- */

START_TEST(places_qml)
{
    const gm_layer_def *def = gm_fields_layer(GM_LAYER_PLACES);
    gm_field_plan plans[64];
    gm_fields_plan(def, true, plans);
    gm_style_stats stats = { 40 };
    gm_buf qml = GM_BUF_INIT;
    gm_styles_qml(def, plans, &stats, &qml);
    const char *fields[] = { "place_id", "name", "country", "admin1",
                             "feature", "mentions", "articles",
                             "first_date", "last_date", NULL };
    char *named = check_qml(qml.data, fields);
    /* Sized by mentions, with the data's largest count; drawn largest
     * first; temporal over the dates. */
    ck_assert_str_eq(named, "first_date\nlast_date\nmentions\nmentions\n");
    ck_assert_ptr_nonnull(strstr(qml.data, "scale_exp(&quot;mentions&quot;"
                                           ", 1, 40, 2, 12, 0.57)"));
    ck_assert_ptr_nonnull(strstr(qml.data, "type=\"singleSymbol\""));
    ck_assert_ptr_nonnull(strstr(qml.data, "<temporal enabled=\"1\" "
                                           "mode=\"2\" startField=\""
                                           "first_date\" endField=\""
                                           "last_date\""));
    free(named);
    gm_buf_free(&qml);
}
END_TEST

START_TEST(mentions_qml)
{
    const gm_layer_def *def = gm_fields_layer(GM_LAYER_MENTIONS);
    gm_field_plan plans[64];
    gm_fields_plan(def, false, plans);
    gm_buf qml = GM_BUF_INIT;
    gm_styles_qml(def, plans, NULL, &qml);
    const char *fields[] = { "article", "start", "end", "surface",
                             "place_id", "place", "country", "score", NULL };
    char *named = check_qml(qml.data, fields);
    ck_assert_str_eq(named, "score\n");
    ck_assert_ptr_nonnull(strstr(qml.data, "type=\"graduatedSymbol\""));
    /* Five classes cover 0 to 1. */
    ck_assert_ptr_nonnull(strstr(qml.data, "lower=\"0.000000000000000\""));
    ck_assert_ptr_nonnull(strstr(qml.data, "upper=\"1.000000000000000\""));
    ck_assert_ptr_nonnull(strstr(qml.data, "symbol=\"4\""));
    ck_assert_ptr_null(strstr(qml.data, "symbol=\"5\""));
    free(named);
    gm_buf_free(&qml);
}
END_TEST

/* The names in the file, not the contract's, are what the style uses (a
 * driver that renamed fields). */
START_TEST(qml_uses_planned_names)
{
    const gm_layer_def *def = gm_fields_layer(GM_LAYER_PLACES);
    gm_field_plan plans[64];
    gm_fields_plan(def, true, plans);
    for (size_t i = 0; i < def->n_fields; i++)
        if (!strcmp(plans[i].name, "mentions"))
            snprintf(plans[i].name, sizeof plans[i].name, "mention\"s");
    gm_buf qml = GM_BUF_INIT;
    gm_styles_qml(def, plans, NULL, &qml);
    const char *fields[] = { "first_date", "last_date", "mention\"s", NULL };
    char *named = check_qml(qml.data, fields);
    ck_assert_ptr_null(strstr(qml.data, "&quot;mentions&quot;"));
    free(named);
    gm_buf_free(&qml);
}
END_TEST

/* The events layer's style, for when its record exists: categories by
 * CAMEO root code, temporal by date. */
START_TEST(events_qml)
{
    static const gm_field_def fields[] = {
        { "article", GM_FIELD_STRING, 0, 0 },
        { "date", GM_FIELD_DATE, 0, 0 },
        { "root_code", GM_FIELD_STRING, 2, 0 },
        { "event_code", GM_FIELD_STRING, 4, 0 },
    };
    gm_layer_def def = { GM_LAYER_EVENTS, "events", fields, COUNT(fields), 0,
                         0, 0 };
    gm_field_plan plans[8];
    gm_fields_plan(&def, true, plans);
    gm_buf qml = GM_BUF_INIT;
    gm_styles_qml(&def, plans, NULL, &qml);
    const char *names[] = { "article", "date", "root_code", "event_code",
                            NULL };
    char *named = check_qml(qml.data, names);
    ck_assert_str_eq(named, "date\nroot_code\n");
    ck_assert_ptr_nonnull(strstr(qml.data, "type=\"categorizedSymbol\""));
    ck_assert_ptr_nonnull(strstr(qml.data, "<category value=\"01\" "
                                           "symbol=\"0\" label=\"01 Make "
                                           "public statement\""));
    ck_assert_ptr_nonnull(strstr(qml.data, "<category value=\"20\""));
    ck_assert_ptr_nonnull(strstr(qml.data, "label=\"other\""));
    free(named);
    gm_buf_free(&qml);

    /* Without root_code: a plain marker, naming no missing field. */
    def.n_fields = 2;
    gm_styles_qml(&def, plans, NULL, &qml);
    named = check_qml(qml.data, names);
    ck_assert_str_eq(named, "date\n");
    free(named);
    gm_buf_free(&qml);
}
END_TEST

/* --- beside the files --------------------------------------------------- */

static const struct {
    const char *name, *format;
    const char *layer_file, *qml_file; /* places */
} sidecar_rows[] = {
    { "shp", "ESRI Shapefile", "shp/places.shp", "shp/places.qml" },
    { "gj", NULL, "gj/places.geojson", "gj/places.qml" },
    { "fgb", "FlatGeobuf", "fgb/places.fgb", "fgb/places.qml" },
    { "seq", "GeoJSONSeq", "seq/places.geojsonl", "seq/places.qml" },
    { "csv", "CSV", "csv/places.csv", "csv/places.qml" },
};

START_TEST(qml_beside_layers)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, sidecar_rows[_i].name);
    write_output(out, sidecar_rows[_i].format,
                 GM_LAYER_PLACES | GM_LAYER_MENTIONS, GM_EXPORT_REPLACE);
    char *layer = gm_test_path_in(tmp, sidecar_rows[_i].layer_file);
    char *qml = gm_test_path_in(tmp, sidecar_rows[_i].qml_file);
    char *named = check_sidecar(layer, qml);
    ck_assert_ptr_nonnull(strstr(named, "mentions\n"));
    free(named);
    char *text = gm_test_read_file(qml, NULL);
    ck_assert_ptr_nonnull(strstr(text, ", 1, 40, ")); /* the largest count */
    free(text);
    free(qml);
    free(layer);

    char name[64];
    snprintf(name, sizeof name, "mentions%s",
             strrchr(sidecar_rows[_i].layer_file, '.'));
    layer = gm_test_path_in(out, name);
    qml = gm_test_path_in(out, "mentions.qml");
    named = check_sidecar(layer, qml);
    ck_assert_str_eq(named, "score\n");
    free(named);
    free(qml);
    free(layer);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* One layer as OUT: the style takes OUT's stem. */
START_TEST(qml_beside_single_file)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "towns.shp");
    write_output(out, NULL, GM_LAYER_PLACES, GM_EXPORT_REPLACE);
    char *qml = gm_test_path_in(tmp, "towns.qml");
    char *named = check_sidecar(out, qml);
    free(named);
    free(qml);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* --- GeoPackage ---------------------------------------------------------- */

/* The rows of layer_styles: "f_table_name|f_geometry_column|styleName|
 * useAsDefault" each, joined by spaces in table order; every styleQML
 * checked against its layer. */
static char *style_rows(GDALDatasetH ds)
{
    OGRLayerH styles = GDALDatasetGetLayerByName(ds, GM_STYLES_TABLE);
    ck_assert_msg(styles != NULL, "no layer_styles table");
    ck_assert_str_eq(OGR_L_GetFIDColumn(styles), "id");
    gm_buf b = GM_BUF_INIT;
    gm_buf_append_str(&b, "");
    OGRFeatureH f;
    OGR_L_ResetReading(styles);
    while ((f = OGR_L_GetNextFeature(styles)) != NULL) {
#define COL(name) gm_test_ogr_str(f, name)
        ck_assert_str_eq(COL("f_table_catalog"), "");
        ck_assert_str_eq(COL("f_table_schema"), "");
        /* One string at a time: OGR reuses its buffer for numbers. */
        gm_buf_printf(&b, "%s%s", b.len ? " " : "", COL("f_table_name"));
        gm_buf_printf(&b, "|%s", COL("f_geometry_column"));
        gm_buf_printf(&b, "|%s", COL("styleName"));
        gm_buf_printf(&b, "|%d", (int)gm_test_ogr_int(f, "useAsDefault"));
        OGRLayerH layer = GDALDatasetGetLayerByName(ds, COL("f_table_name"));
        if (layer && OGR_L_GetGeomType(layer) != wkbNone &&
            strstr(COL("styleQML"), "<qgis")) {
            ck_assert_str_eq(COL("f_geometry_column"),
                             OGR_L_GetGeometryColumn(layer));
            char **fields = layer_fields(layer);
            free(check_qml(COL("styleQML"), (const char *const *)fields));
            free_fields(fields);
        }
#undef COL
        OGR_F_Destroy(f);
    }
    return b.data;
}

START_TEST(gpkg_layer_styles)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "news.gpkg");
    write_output(out, NULL, GM_LAYER_PLACES | GM_LAYER_MENTIONS,
                 GM_EXPORT_REPLACE);
    GDALDatasetH ds = GDALOpenEx(out, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    char *rows = style_rows(ds);
    ck_assert_str_eq(rows, "places|geom|places|1 mentions|geom|mentions|1");
    free(rows);
    /* The types QGIS gives the columns. */
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(
        GDALDatasetGetLayerByName(ds, GM_STYLES_TABLE));
    OGRFieldDefnH use = OGR_FD_GetFieldDefn(
        defn, OGR_FD_GetFieldIndex(defn, "useAsDefault"));
    ck_assert_int_eq(OGR_Fld_GetType(use), OFTInteger);
    ck_assert_int_eq(OGR_Fld_GetSubType(use), OFSTBoolean);
    OGRFieldDefnH when = OGR_FD_GetFieldDefn(
        defn, OGR_FD_GetFieldIndex(defn, "update_time"));
    ck_assert_int_eq(OGR_Fld_GetType(when), OFTDateTime);
    GDALClose(ds);

    /* The user styles a table of their own; -append then keeps one row
     * per geomap layer and the user's row. */
    ds = GDALOpenEx(out, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
    OGRLayerH styles = GDALDatasetGetLayerByName(ds, GM_STYLES_TABLE);
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(styles));
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "f_table_name"), "roads");
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "f_geometry_column"),
                         "geom");
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "styleName"), "mine");
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "styleQML"), "x");
    OGR_F_SetFieldInteger(f, OGR_F_GetFieldIndex(f, "useAsDefault"), 0);
    ck_assert_int_eq(OGR_L_CreateFeature(styles, f), OGRERR_NONE);
    OGR_F_Destroy(f);
    GDALClose(ds);

    write_output(out, NULL, GM_LAYER_PLACES | GM_LAYER_MENTIONS,
                 GM_EXPORT_APPEND);
    ds = GDALOpenEx(out, GDAL_OF_VECTOR, NULL, NULL, NULL);
    rows = style_rows(ds);
    ck_assert_str_eq(rows, "roads|geom|mine|0 places|geom|places|1 "
                           "mentions|geom|mentions|1");
    free(rows);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

/* -nln: the row names the renamed table. */
START_TEST(gpkg_style_of_renamed_layer)
{
    char *tmp = gm_test_tmpdir();
    char *out = gm_test_path_in(tmp, "n.gpkg");
    gm_export_options opts = { .path = out, .layers = GM_LAYER_MENTIONS,
                               .layer_name = "mentions_2024" };
    gm_error err;
    gm_export *ex = NULL;
    ck_assert_int_eq(gm_export_open(&opts, &ex, &err), GM_OK);
    ck_assert_int_eq(gm_export_mention(ex, &mentions[0], &err), GM_OK);
    ck_assert_int_eq(gm_export_commit(ex, &err), GM_OK);
    GDALDatasetH ds = GDALOpenEx(out, GDAL_OF_VECTOR, NULL, NULL, NULL);
    char *rows = style_rows(ds);
    ck_assert_str_eq(rows, "mentions_2024|geom|mentions_2024|1");
    free(rows);
    GDALClose(ds);
    free(out);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

START_TEST(write_file_error)
{
    char *tmp = gm_test_tmpdir();
    char *path = gm_test_path_in(tmp, "no/such/dir/x.qml");
    gm_error err;
    gm_err_clear(&err);
    ck_assert_int_eq(gm_styles_write_file(path, "<qgis/>", &err), GM_E_IO);
    ck_assert_str_eq(err.path, path);
    ck_assert_ptr_nonnull(strstr(err.msg, "cannot write the style: "));
    free(path);
    gm_test_rmtree(tmp);
    free(tmp);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("styles");
    TCase *tc = tcase_create("qml");
    tcase_add_test(tc, places_qml);
    tcase_add_test(tc, mentions_qml);
    tcase_add_test(tc, qml_uses_planned_names);
    tcase_add_test(tc, events_qml);
    suite_add_tcase(s, tc);

    tc = tcase_create("outputs");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, qml_beside_layers, 0, COUNT(sidecar_rows));
    tcase_add_test(tc, qml_beside_single_file);
    tcase_add_test(tc, gpkg_layer_styles);
    tcase_add_test(tc, gpkg_style_of_renamed_layer);
    tcase_add_test(tc, write_file_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    GDALAllRegister();
    return gm_test_run(suite());
}
