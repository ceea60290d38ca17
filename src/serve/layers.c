/* --data: the layers the map draws, read once at start-up. Each layer is
 * converted by GDAL (GDALVectorTranslate, as ogr2ogr would) to an RFC 7946
 * GeoJSON in memory (/vsimem/), whatever its format and coordinate system,
 * and kept as bytes: a request only copies a pointer, and no GDAL handle is
 * shared between threads. --data is a file OGR opens (GPKG, GeoJSON,
 * FlatGeobuf, MBTiles...) or a directory of them (a GeoJSON directory
 * written by geomap extract: places.geojson, mentions.geojson...). */
#include "serve/internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_api.h>

#include "core/alloc.h"
#include "core/buf.h"

typedef struct srv_layer {
    char *name;
    GByte *geojson;    /* VSIFree */
    size_t len;
} srv_layer;

struct gm_srv_layers {
    srv_layer *items;
    size_t n;
    char *list;        /* the JSON of GET /layers */
    size_t list_len;
};

static unsigned vsimem_serial;

static gm_status gdal_error(gm_error *err, const char *path, const char *what)
{
    const char *msg = CPLGetLastErrorMsg();
    return gm_err_set(err, GM_E_GDAL, path, 0, "%s%s%s", what,
                      msg && *msg ? ": " : "", msg ? msg : "");
}

static bool has_layer(const gm_srv_layers *ls, const char *name)
{
    for (size_t i = 0; i < ls->n; i++)
        if (strcmp(ls->items[i].name, name) == 0)
            return true;
    return false;
}

/* Converts layer `name` of src; describes it into list. */
static gm_status add_layer(gm_srv_layers *ls, GDALDatasetH src,
                           OGRLayerH layer, const char *path,
                           json_object *list, gm_error *err)
{
    const char *name = OGR_L_GetName(layer);
    if (has_layer(ls, name))
        return GM_OK; /* places.geojson and places.shp side by side: the first */
    if (OGR_L_GetGeomType(layer) == wkbNone)
        return GM_OK; /* a table, not a layer to draw (a GeoPackage's
                         layer_styles) */
    char dst[96];
    snprintf(dst, sizeof dst, "/vsimem/geomap-serve/%u.geojson", vsimem_serial++);
    char *argv[] = { "-f", "GeoJSON", "-lco", "RFC7946=YES", "-lco",
                     "COORDINATE_PRECISION=6", (char *)name, NULL };
    GDALVectorTranslateOptions *opts = GDALVectorTranslateOptionsNew(argv, NULL);
    if (!opts)
        return gdal_error(err, path, "cannot convert a layer");
    int usage_error = 0;
    CPLErrorReset();
    GDALDatasetH out = GDALVectorTranslate(dst, NULL, 1, &src, opts,
                                           &usage_error);
    GDALVectorTranslateOptionsFree(opts);
    if (!out) {
        char what[300];
        snprintf(what, sizeof what, "cannot convert layer %s to GeoJSON",
                 name);
        return gdal_error(err, path, what);
    }
    GDALClose(out);
    /* counted and measured as written (after the reprojection) */
    GIntBig count = 0;
    OGREnvelope env;
    bool has_extent = false;
    GDALDatasetH back = GDALOpenEx(dst, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                   NULL, NULL, NULL);
    OGRLayerH converted = back ? GDALDatasetGetLayer(back, 0) : NULL;
    if (converted) {
        count = OGR_L_GetFeatureCount(converted, TRUE);
        has_extent = count > 0 &&
                     OGR_L_GetExtent(converted, &env, TRUE) == OGRERR_NONE;
    }
    if (back)
        GDALClose(back);

    vsi_l_offset size = 0;
    GByte *bytes = VSIGetMemFileBuffer(dst, &size, TRUE);
    if (!bytes)
        return gdal_error(err, path, "cannot read a converted layer back");
    ls->items = gm_xrealloc(ls->items, (ls->n + 1) * sizeof *ls->items);
    ls->items[ls->n++] = (srv_layer){ gm_xstrdup(name), bytes, (size_t)size };

    json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(name));
    json_object_object_add(o, "features", json_object_new_int64(count));
    json_object *extent = NULL;
    if (has_extent) {
        extent = json_object_new_array();
        json_object_array_add(extent, gm_srv_json_double(env.MinX, 6, true));
        json_object_array_add(extent, gm_srv_json_double(env.MinY, 6, true));
        json_object_array_add(extent, gm_srv_json_double(env.MaxX, 6, true));
        json_object_array_add(extent, gm_srv_json_double(env.MaxY, 6, true));
    }
    json_object_object_add(o, "extent", extent);
    json_object_object_add(
        o, "geometry",
        json_object_new_string(OGRGeometryTypeToName(
            wkbFlatten(OGR_L_GetGeomType(layer)))));
    json_object *fields = json_object_new_array();
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); i++)
        json_object_array_add(fields, json_object_new_string(OGR_Fld_GetNameRef(
                                          OGR_FD_GetFieldDefn(defn, i))));
    json_object_object_add(o, "fields", fields);
    json_object_array_add(list, o);
    return GM_OK;
}

static gm_status add_dataset(gm_srv_layers *ls, const char *path,
                             bool must_open, json_object *list, gm_error *err)
{
    CPLErrorReset();
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                 NULL, NULL, NULL);
    if (!ds)
        return must_open ? gdal_error(err, path, "cannot open as layers")
                         : GM_OK;
    gm_status st = GM_OK;
    for (int i = 0; st == GM_OK && i < GDALDatasetGetLayerCount(ds); i++)
        st = add_layer(ls, ds, GDALDatasetGetLayer(ds, i), path, list, err);
    GDALClose(ds);
    return st;
}

/* Side files of a layer, which OGR would open as layers of their own or
 * refuse: skipped in a directory. */
static bool side_file(const char *name)
{
    static const char *const exts[] = { ".qml", ".prj", ".cpg", ".shx",
                                        ".dbf", ".csvt", ".sbn", ".sbx",
                                        ".xml", ".txt", ".md" };
    const char *dot = strrchr(name, '.');
    if (!dot)
        return true;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcmp(dot, exts[i]) == 0)
            return true;
    return false;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int visible(const struct dirent *e)
{
    return e->d_name[0] != '.' && !side_file(e->d_name);
}

gm_status gm_srv_layers_load(const char *path, gm_srv_layers **out,
                             gm_error *err)
{
    *out = NULL;
    GDALAllRegister();
    gm_srv_layers *ls = gm_xcalloc(1, sizeof *ls);
    json_object *list = json_object_new_array();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    struct stat st;
    gm_status status;
    if (stat(path, &st) != 0) {
        status = gm_err_set(err, GM_E_IO, path, 0, "cannot read --data: no "
                                                   "such file or directory");
    } else if (S_ISDIR(st.st_mode)) {
        struct dirent **entries = NULL;
        int n = scandir(path, &entries, visible, by_name);
        status = n < 0 ? gm_err_set(err, GM_E_IO, path, 0,
                                    "cannot list the directory")
                       : GM_OK;
        for (int i = 0; i < n; i++) {
            if (status == GM_OK) {
                gm_buf file = GM_BUF_INIT;
                gm_buf_printf(&file, "%s/%s", path, entries[i]->d_name);
                status = add_dataset(ls, gm_buf_str(&file), false, list, err);
                gm_buf_free(&file);
            }
            free(entries[i]);
        }
        free(entries);
        if (status == GM_OK && ls->n == 0)
            status = gm_err_set(err, GM_E_INPUT, path, 0,
                                "--data: no layer OGR can read in this "
                                "directory");
    } else {
        status = add_dataset(ls, path, true, list, err);
    }
    CPLPopErrorHandler();
    if (status != GM_OK) {
        json_object_put(list);
        gm_srv_layers_free(ls);
        return status;
    }
    size_t len = 0;
    const char *s = json_object_to_json_string_length(
        list, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
    ls->list = gm_xmalloc(len + 2);
    memcpy(ls->list, s, len);
    memcpy(ls->list + len, "\n", 2);
    ls->list_len = len + 1;
    json_object_put(list);
    *out = ls;
    return GM_OK;
}

void gm_srv_layers_free(gm_srv_layers *ls)
{
    if (!ls)
        return;
    for (size_t i = 0; i < ls->n; i++) {
        free(ls->items[i].name);
        VSIFree(ls->items[i].geojson);
    }
    free(ls->items);
    free(ls->list);
    free(ls);
}

size_t gm_srv_layers_count(const gm_srv_layers *ls)
{
    return ls ? ls->n : 0;
}

bool gm_srv_layers_has(const gm_srv_layers *ls, const char *name)
{
    return ls && has_layer(ls, name);
}

void gm_srv_layers_list(const gm_srv_layers *ls, gm_srv_reply *r)
{
    if (!ls)
        return gm_srv_reply_static(r, 200, GM_SRV_JSON, "[]\n", 3);
    gm_srv_reply_static(r, 200, GM_SRV_JSON, ls->list, ls->list_len);
}

void gm_srv_layers_get(const gm_srv_layers *ls, const char *name,
                       gm_srv_reply *r)
{
    for (size_t i = 0; ls && i < ls->n; i++)
        if (strcmp(ls->items[i].name, name) == 0)
            return gm_srv_reply_static(r, 200, GM_SRV_GEOJSON,
                                       (const char *)ls->items[i].geojson,
                                       ls->items[i].len);
    gm_srv_reply_error(r, 404, "no layer named '%.100s'%s", name,
                       ls ? " (GET /layers lists them)"
                          : ": geomap serve was started without --data");
}
