/* QML documents for geomap's layers and the GeoPackage layer_styles table
 * (see styles.h for the styles themselves). The QML is generated rather
 * than kept as template files so that it names the fields as the driver
 * wrote them and scales places by the data's largest count; its shape is
 * QGIS 3's: symbol layer properties both as <Option> maps (3.26+) and as
 * <prop> pairs (older 3.x). */
#include "exports/styles.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cpl_error.h>
#include <ogr_api.h>

#define PLACE_SIZE_MIN_MM 2.0
#define PLACE_SIZE_MAX_MM 12.0
#define FLANNERY_EXPONENT 0.57
#define MENTION_SIZE_MM 1.6
#define EVENT_SIZE_MM 2.4

/* Appends s with the XML special characters escaped. */
static void xml_text(gm_buf *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': gm_buf_append_str(out, "&amp;"); break;
        case '<': gm_buf_append_str(out, "&lt;"); break;
        case '>': gm_buf_append_str(out, "&gt;"); break;
        case '"': gm_buf_append_str(out, "&quot;"); break;
        case '\'': gm_buf_append_str(out, "&apos;"); break;
        default: gm_buf_append_char(out, *s);
        }
    }
}

/* The name in the file of def's field called contract, or NULL. */
static const char *field_name(const gm_layer_def *def,
                              const gm_field_plan *plans,
                              const char *contract)
{
    for (size_t i = 0; i < def->n_fields; i++)
        if (!strcmp(def->fields[i].name, contract))
            return plans[i].name;
    return NULL;
}

/* A QGIS expression naming a field: "name", with " doubled. */
static void quoted_field(gm_buf *out, const char *name)
{
    gm_buf_append_char(out, '"');
    for (const char *c = name; *c; c++) {
        if (*c == '"')
            gm_buf_append_char(out, '"');
        gm_buf_append_char(out, *c);
    }
    gm_buf_append_char(out, '"');
}

typedef struct marker {
    const char *color;   /* "r,g,b,a" */
    double size_mm;
    const char *outline; /* "r,g,b,a" */
    double outline_mm;
    const char *size_expression; /* data-defined size, or NULL */
} marker;

static void option(gm_buf *out, const char *name, const char *value)
{
    gm_buf_append_str(out, "            <Option type=\"QString\" name=\"");
    gm_buf_append_str(out, name);
    gm_buf_append_str(out, "\" value=\"");
    xml_text(out, value);
    gm_buf_append_str(out, "\"/>\n");
}

static void prop(gm_buf *out, const char *name, const char *value)
{
    gm_buf_append_str(out, "          <prop k=\"");
    gm_buf_append_str(out, name);
    gm_buf_append_str(out, "\" v=\"");
    xml_text(out, value);
    gm_buf_append_str(out, "\"/>\n");
}

/* A marker symbol named name: one SimpleMarker circle. */
static void symbol(gm_buf *out, const char *name, const marker *m)
{
    char size[32], outline_width[32];
    snprintf(size, sizeof size, "%g", m->size_mm);
    snprintf(outline_width, sizeof outline_width, "%g", m->outline_mm);
    const char *keys[] = { "angle", "color", "joinstyle", "name",
                           "outline_color", "outline_style",
                           "outline_width", "outline_width_unit",
                           "scale_method", "size", "size_unit" };
    const char *values[] = { "0", m->color, "bevel", "circle", m->outline,
                             "solid", outline_width, "MM", "diameter", size,
                             "MM" };
    gm_buf_printf(out, "      <symbol type=\"marker\" name=\"%s\" "
                       "alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
                       "        <layer class=\"SimpleMarker\" enabled=\"1\" "
                       "locked=\"0\" pass=\"0\">\n"
                       "          <Option type=\"Map\">\n",
                  name);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        option(out, keys[i], values[i]);
    gm_buf_append_str(out, "          </Option>\n");
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        prop(out, keys[i], values[i]);
    gm_buf_append_str(out, "          <data_defined_properties>\n"
                           "            <Option type=\"Map\">\n"
                           "              <Option type=\"QString\" "
                           "name=\"name\" value=\"\"/>\n");
    if (m->size_expression) {
        gm_buf_append_str(out, "              <Option name=\"properties\" "
                               "type=\"Map\">\n"
                               "                <Option name=\"size\" "
                               "type=\"Map\">\n"
                               "                  <Option type=\"bool\" "
                               "name=\"active\" value=\"true\"/>\n"
                               "                  <Option type=\"QString\" "
                               "name=\"expression\" value=\"");
        xml_text(out, m->size_expression);
        gm_buf_append_str(out, "\"/>\n"
                               "                  <Option type=\"int\" "
                               "name=\"type\" value=\"3\"/>\n"
                               "                </Option>\n"
                               "              </Option>\n");
    } else {
        gm_buf_append_str(out, "              <Option name=\"properties\"/>"
                               "\n");
    }
    gm_buf_append_str(out, "              <Option type=\"QString\" "
                           "name=\"type\" value=\"collection\"/>\n"
                           "            </Option>\n"
                           "          </data_defined_properties>\n"
                           "        </layer>\n"
                           "      </symbol>\n");
}

static void head(gm_buf *out)
{
    gm_buf_append_str(out, "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' "
                           "'SYSTEM'>\n"
                           "<qgis version=\"3.22.0\" styleCategories=\""
                           "Symbology|Temporal\">\n");
}

static void tail(gm_buf *out)
{
    gm_buf_append_str(out, "  <layerGeometryType>0</layerGeometryType>\n"
                           "</qgis>\n");
}

static void single(gm_buf *out, const marker *m, const char *order_by)
{
    gm_buf_printf(out, "  <renderer-v2 type=\"singleSymbol\" "
                       "symbollevels=\"0\" forceraster=\"0\" "
                       "enableorderby=\"%d\">\n"
                       "    <symbols>\n",
                  order_by != NULL);
    symbol(out, "0", m);
    gm_buf_append_str(out, "    </symbols>\n");
    if (order_by) {
        /* Biggest first, so that small circles stay visible on top. */
        gm_buf_append_str(out, "    <orderby>\n      <orderByClause "
                               "asc=\"0\" nullsFirst=\"0\">");
        gm_buf b = GM_BUF_INIT;
        quoted_field(&b, order_by);
        xml_text(out, b.data);
        gm_buf_free(&b);
        gm_buf_append_str(out, "</orderByClause>\n    </orderby>\n");
    }
    gm_buf_append_str(out, "    <rotation/>\n    <sizescale/>\n"
                           "  </renderer-v2>\n");
}

static const marker plain = { "31,120,180,255", 2.0, "255,255,255,255", 0.2,
                              NULL };

static void places_style(gm_buf *out, const gm_layer_def *def,
                         const gm_field_plan *plans,
                         const gm_style_stats *stats)
{
    const char *mentions = field_name(def, plans, "mentions");
    const char *first = field_name(def, plans, "first_date");
    const char *last = field_name(def, plans, "last_date");
    head(out);
    if (first && last) {
        /* Mode 2: start and end from fields; limit mode 1: the end day
         * included. */
        gm_buf_append_str(out, "  <temporal enabled=\"1\" mode=\"2\" "
                               "startField=\"");
        xml_text(out, first);
        gm_buf_append_str(out, "\" endField=\"");
        xml_text(out, last);
        gm_buf_append_str(out, "\" accumulate=\"0\" durationUnit=\"d\" "
                               "durationField=\"\" fixedDuration=\"0\" "
                               "limitMode=\"1\" startExpression=\"\" "
                               "endExpression=\"\">\n"
                               "    <fixedRange>\n      <start></start>\n"
                               "      <end></end>\n    </fixedRange>\n"
                               "  </temporal>\n");
    }
    if (!mentions) {
        single(out, &plain, NULL);
        tail(out);
        return;
    }
    gm_buf expr = GM_BUF_INIT;
    int64_t max = stats && stats->max_mentions > 1 ? stats->max_mentions : 2;
    gm_buf_append_str(&expr, "coalesce(scale_exp(");
    quoted_field(&expr, mentions);
    gm_buf_printf(&expr, ", 1, %" PRId64 ", %g, %g, %g), %g)", max,
                  PLACE_SIZE_MIN_MM, PLACE_SIZE_MAX_MM, FLANNERY_EXPONENT,
                  PLACE_SIZE_MIN_MM);
    marker m = { "215,48,39,200", PLACE_SIZE_MIN_MM, "255,255,255,255", 0.3,
                 expr.data };
    single(out, &m, mentions);
    gm_buf_free(&expr);
    tail(out);
}

/* Viridis in five steps, low scores dark. */
static const char *const score_colors[] = {
    "68,1,84,255", "59,82,139,255", "33,145,140,255", "94,201,98,255",
    "253,231,37,255"
};

static void mentions_style(gm_buf *out, const gm_layer_def *def,
                           const gm_field_plan *plans)
{
    const char *score = field_name(def, plans, "score");
    head(out);
    if (!score) {
        single(out, &plain, NULL);
        tail(out);
        return;
    }
    gm_buf_append_str(out, "  <renderer-v2 type=\"graduatedSymbol\" attr=\"");
    xml_text(out, score);
    gm_buf_append_str(out, "\" graduatedMethod=\"GraduatedColor\" "
                           "symbollevels=\"0\" forceraster=\"0\" "
                           "enableorderby=\"0\">\n    <ranges>\n");
    size_t n = sizeof score_colors / sizeof score_colors[0];
    for (size_t i = 0; i < n; i++) {
        double lo = (double)i / (double)n, hi = (double)(i + 1) / (double)n;
        gm_buf_printf(out, "      <range lower=\"%.15f\" upper=\"%.15f\" "
                           "symbol=\"%zu\" label=\"%g – %g\" "
                           "render=\"true\"/>\n",
                      lo, hi, i, lo, hi);
    }
    gm_buf_append_str(out, "    </ranges>\n    <symbols>\n");
    for (size_t i = 0; i < n; i++) {
        char name[8];
        snprintf(name, sizeof name, "%zu", i);
        marker m = { score_colors[i], MENTION_SIZE_MM, "0,0,0,0", 0.0,
                     NULL };
        symbol(out, name, &m);
    }
    gm_buf_append_str(out, "    </symbols>\n"
                           "    <classificationMethod id=\"EqualInterval\">\n"
                           "      <symmetricMode enabled=\"0\" "
                           "symmetrypoint=\"0\" astride=\"0\"/>\n"
                           "      <labelFormat format=\"%1 – %2\" "
                           "trimtrailingzeroes=\"1\" labelprecision=\"2\"/>\n"
                           "    </classificationMethod>\n"
                           "    <rotation/>\n    <sizescale/>\n"
                           "  </renderer-v2>\n");
    tail(out);
}

/* CAMEO root codes and the family colour of each: verbal cooperation
 * (blues), material cooperation (greens), verbal conflict (oranges),
 * material conflict (reds). */
static const struct {
    const char *code, *label, *color;
} cameo_roots[] = {
    { "01", "Make public statement", "158,202,225,255" },
    { "02", "Appeal", "107,174,214,255" },
    { "03", "Express intent to cooperate", "66,146,198,255" },
    { "04", "Consult", "33,113,181,255" },
    { "05", "Engage in diplomatic cooperation", "8,69,148,255" },
    { "06", "Engage in material cooperation", "116,196,118,255" },
    { "07", "Provide aid", "49,163,84,255" },
    { "08", "Yield", "0,109,44,255" },
    { "09", "Investigate", "254,217,118,255" },
    { "10", "Demand", "254,178,76,255" },
    { "11", "Disapprove", "253,141,60,255" },
    { "12", "Reject", "240,59,32,255" },
    { "13", "Threaten", "189,0,38,255" },
    { "14", "Protest", "252,146,114,255" },
    { "15", "Exhibit force posture", "251,106,74,255" },
    { "16", "Reduce relations", "239,59,44,255" },
    { "17", "Coerce", "203,24,29,255" },
    { "18", "Assault", "165,15,21,255" },
    { "19", "Fight", "103,0,13,255" },
    { "20", "Use unconventional mass violence", "37,37,37,255" },
};

static void events_style(gm_buf *out, const gm_layer_def *def,
                         const gm_field_plan *plans)
{
    const char *root = field_name(def, plans, "root_code");
    const char *date = field_name(def, plans, "date");
    head(out);
    if (date) {
        /* Mode 1: an instant from a field. */
        gm_buf_append_str(out, "  <temporal enabled=\"1\" mode=\"1\" "
                               "startField=\"");
        xml_text(out, date);
        gm_buf_append_str(out, "\" endField=\"\" accumulate=\"0\" "
                               "durationUnit=\"d\" durationField=\"\" "
                               "fixedDuration=\"0\" limitMode=\"1\" "
                               "startExpression=\"\" endExpression=\"\">\n"
                               "    <fixedRange>\n      <start></start>\n"
                               "      <end></end>\n    </fixedRange>\n"
                               "  </temporal>\n");
    }
    if (!root) {
        single(out, &plain, NULL);
        tail(out);
        return;
    }
    size_t n = sizeof cameo_roots / sizeof cameo_roots[0];
    gm_buf_append_str(out, "  <renderer-v2 type=\"categorizedSymbol\" "
                           "attr=\"");
    xml_text(out, root);
    gm_buf_append_str(out, "\" symbollevels=\"0\" forceraster=\"0\" "
                           "enableorderby=\"0\">\n    <categories>\n");
    for (size_t i = 0; i < n; i++) {
        gm_buf_printf(out, "      <category value=\"%s\" symbol=\"%zu\" "
                           "label=\"%s ",
                      cameo_roots[i].code, i, cameo_roots[i].code);
        xml_text(out, cameo_roots[i].label);
        gm_buf_append_str(out, "\" render=\"true\"/>\n");
    }
    gm_buf_printf(out, "      <category value=\"\" symbol=\"%zu\" "
                       "label=\"other\" render=\"true\"/>\n"
                       "    </categories>\n    <symbols>\n",
                  n);
    for (size_t i = 0; i <= n; i++) {
        char name[8];
        snprintf(name, sizeof name, "%zu", i);
        marker m = { i < n ? cameo_roots[i].color : "150,150,150,255",
                     EVENT_SIZE_MM, "255,255,255,255", 0.2, NULL };
        symbol(out, name, &m);
    }
    gm_buf_append_str(out, "    </symbols>\n    <rotation/>\n"
                           "    <sizescale/>\n  </renderer-v2>\n");
    tail(out);
}

void gm_styles_qml(const gm_layer_def *def, const gm_field_plan *plans,
                   const gm_style_stats *stats, gm_buf *out)
{
    switch (def->bit) {
    case GM_LAYER_PLACES: places_style(out, def, plans, stats); break;
    case GM_LAYER_MENTIONS: mentions_style(out, def, plans); break;
    case GM_LAYER_EVENTS: events_style(out, def, plans); break;
    default:
        head(out);
        single(out, &plain, NULL);
        tail(out);
    }
}

gm_status gm_styles_write_file(const char *path, const char *text,
                               gm_error *err)
{
    FILE *f = fopen(path, "wb");
    size_t len = strlen(text);
    bool ok = f && fwrite(text, 1, len, f) == len;
    int e = errno;
    if (f && fclose(f) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok)
        return GM_OK;
    char reason[256];
    if (strerror_r(e, reason, sizeof reason) != 0)
        reason[0] = '\0';
    gm_err_set(err, GM_E_IO, path, 0, "cannot write the style: %s", reason);
    if (err)
        err->sys_errno = e;
    return GM_E_IO;
}

static gm_status gdal_fail(gm_error *err, const char *path, const char *what)
{
    const char *msg = CPLGetLastErrorMsg();
    return gm_err_set(err, GM_E_GDAL, path, 0, "%s: %s", what,
                      msg && *msg ? msg : "GDAL gave no reason");
}

/* QGIS's columns of layer_styles, with its widths. */
static const struct {
    const char *name;
    OGRFieldType type;
    int width;
} style_columns[] = {
    { "f_table_catalog", OFTString, 256 },
    { "f_table_schema", OFTString, 256 },
    { "f_table_name", OFTString, 256 },
    { "f_geometry_column", OFTString, 256 },
    { "styleName", OFTString, 30 },
    { "styleQML", OFTString, 0 },
    { "styleSLD", OFTString, 0 },
    { "useAsDefault", OFTInteger, 0 },
    { "description", OFTString, 0 },
    { "owner", OFTString, 30 },
    { "ui", OFTString, 30 },
    { "update_time", OFTDateTime, 0 },
};

#define N_COLUMNS (sizeof style_columns / sizeof style_columns[0])

static OGRLayerH create_table(GDALDatasetH ds, const char *path,
                              gm_error *err)
{
    static const char *const options[] = { "FID=id", NULL };
    OGRLayerH layer = GDALDatasetCreateLayer(ds, GM_STYLES_TABLE, NULL,
                                             wkbNone, (char **)options);
    if (!layer) {
        gdal_fail(err, path, "cannot create the layer_styles table");
        return NULL;
    }
    for (size_t i = 0; i < N_COLUMNS; i++) {
        OGRFieldDefnH fd = OGR_Fld_Create(style_columns[i].name,
                                          style_columns[i].type);
        if (style_columns[i].width)
            OGR_Fld_SetWidth(fd, style_columns[i].width);
        if (style_columns[i].type == OFTInteger)
            OGR_Fld_SetSubType(fd, OFSTBoolean);
        if (style_columns[i].type == OFTDateTime)
            OGR_Fld_SetDefault(fd, "CURRENT_TIMESTAMP");
        OGRErr rc = OGR_L_CreateField(layer, fd, TRUE);
        OGR_Fld_Destroy(fd);
        if (rc != OGRERR_NONE) {
            gdal_fail(err, path, "cannot create the layer_styles table");
            return NULL;
        }
    }
    return layer;
}

/* Deletes the earlier rows of table. */
static gm_status delete_rows(OGRLayerH layer, const char *table,
                             const char *path, gm_error *err)
{
    gm_status status = GM_OK;
    GIntBig ids[64];
    for (;;) {
        size_t n = 0;
        OGRFeatureH f;
        OGR_L_ResetReading(layer);
        while (n < sizeof ids / sizeof ids[0] &&
               (f = OGR_L_GetNextFeature(layer)) != NULL) {
            int k = OGR_F_GetFieldIndex(f, "f_table_name");
            if (k >= 0 && !strcmp(OGR_F_GetFieldAsString(f, k), table))
                ids[n++] = OGR_F_GetFID(f);
            OGR_F_Destroy(f);
        }
        if (n == 0)
            return status;
        for (size_t i = 0; i < n; i++)
            if (OGR_L_DeleteFeature(layer, ids[i]) != OGRERR_NONE)
                return gdal_fail(err, path, "cannot replace a style");
    }
}

gm_status gm_styles_gpkg(GDALDatasetH ds, const char *path,
                         const gm_style_row *rows, size_t n, gm_error *err)
{
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, GM_STYLES_TABLE);
    if (!layer)
        layer = create_table(ds, path, err);
    if (!layer)
        return GM_E_GDAL;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    gm_status status = GM_OK;
    for (size_t i = 0; status == GM_OK && i < n; i++) {
        status = delete_rows(layer, rows[i].table, path, err);
        if (status != GM_OK)
            break;
        OGRFeatureH f = OGR_F_Create(defn);
        const char *values[] = { "", "", rows[i].table, rows[i].geom_column,
                                 rows[i].table, rows[i].qml, "" };
        const char *names[] = { "f_table_catalog", "f_table_schema",
                                "f_table_name", "f_geometry_column",
                                "styleName", "styleQML", "styleSLD" };
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
            int idx = OGR_FD_GetFieldIndex(defn, names[k]);
            if (idx >= 0)
                OGR_F_SetFieldString(f, idx, values[k]);
        }
        int idx = OGR_FD_GetFieldIndex(defn, "useAsDefault");
        if (idx >= 0)
            OGR_F_SetFieldInteger(f, idx, 1);
        idx = OGR_FD_GetFieldIndex(defn, "description");
        if (idx >= 0)
            OGR_F_SetFieldString(f, idx, "geomap's style for this layer");
        if (OGR_L_CreateFeature(layer, f) != OGRERR_NONE)
            status = gdal_fail(err, path, "cannot store a style");
        OGR_F_Destroy(f);
    }
    return status;
}
