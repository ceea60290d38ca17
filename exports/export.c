/* The driver-neutral layer writer: chooses the OGR driver and the layout of
 * OUT, creates the datasets, layers and fields under a temporary name
 * (atomic.c), transforms points to the output's SRS (srs.c), writes features
 * in transactions where the driver has them, fits values to the driver's
 * limits with one warning per field, writes the QGIS styles (styles.c), and
 * renames the result into place. With -append it first writes the earlier
 * output's content again (append.c reads it back and merges places). Layer
 * schemas are in fields.c; what one driver needs beyond its row in the
 * table below (Shapefile names, widths, sidecars) is in its own file
 * (shp.c). GeoJSONSeq is written by geojsonseq.c, GDAL's bytes at a
 * fraction of the cost, unless an option needs GDAL's driver (DRV_DIRECT).
 * Adding a driver is a row here, plus a file for its quirks when it has
 * some. */
#include "exports/export.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/alloc.h"
#include "core/ascii.h"
#include "core/buf.h"
#include "exports/append.h"
#include "exports/atomic.h"
#include "exports/fields.h"
#include "exports/geojsonseq.h"
#include "exports/shp.h"
#include "exports/srs.h"
#include "exports/styles.h"

/* Features per transaction (GPKG and other transactional drivers). */
#define TX_BATCH 10000
#define MAX_LAYERS 8
#define MAX_FIELDS 64
/* How messages name standard output (-o -). */
#define STDOUT_NAME "<stdout>"

typedef void (*plan_fn)(const gm_layer_def *layer, gm_field_plan *plans);
/* Checks a closed file for damage the driver does not report. */
typedef gm_status (*verify_fn)(const char *tmp_path, const char *path,
                               gm_error *err);

/* Where a driver's layers go. */
typedef enum layout {
    LAYOUT_FILES,    /* one layer per file: OUT/<layer>.<ext>, or OUT */
    LAYOUT_ONE_FILE, /* every layer in the file OUT */
    LAYOUT_TREE      /* the driver makes the directory OUT */
} layout;

enum {
    DRV_TILES = 1 << 0,      /* vector tiles: zoom levels, Web Mercator */
    DRV_LONLAT = 1 << 1,     /* lon and lat fields beside the geometry */
    /* The driver writes its layers one after the other and refuses a
     * feature for a layer once another has received some (KML): features
     * go to a staging GeoPackage in the temporary directory first, copied
     * into the output layer by layer when it is closed. */
    DRV_STAGED = 1 << 2,
    DRV_QML = 1 << 3,          /* a QGIS style beside each layer's file */
    DRV_GPKG_STYLES = 1 << 4,  /* QGIS styles in the layer_styles table */
    /* Written by exports/geojsonseq.c, GDAL's bytes without GDAL's cost
     * (OGR's GeoJSONSeq driver spent some 59,000 instructions a feature,
     * a third of a whole run's), unless the output needs the driver: see
     * use_direct(). */
    DRV_DIRECT = 1 << 5,
};

/* Which coordinate systems a driver writes. */
typedef enum crs_rule {
    CRS_ANY,     /* whatever -t_srs says; the writer transforms points */
    CRS_RFC7946, /* WGS 84 lon/lat (GeoJSON's RFC 7946) */
    CRS_WGS84,   /* WGS 84 lon/lat, always (the driver reprojects) */
    CRS_TILES    /* Web Mercator tiles (the driver projects WGS 84) */
} crs_rule;

typedef struct driver {
    const char *name;             /* OGR short name */
    const char *ext;              /* extension of the layer files */
    const char *const *file_exts; /* extensions that make OUT one file */
    layout layout;
    crs_rule crs;
    unsigned flags;               /* DRV_* */
    const char *const *dsco;      /* dataset creation options */
    const char *const *lco;       /* layer creation options */
    const char *const *sidecars;  /* files that go with OUT (file mode) */
    const char *layouts;          /* for --formats */
    plan_fn plan;
    verify_fn verify;             /* may be NULL */
} driver;

static void plan_strings(const gm_layer_def *layer, gm_field_plan *plans)
{
    gm_fields_plan(layer, false, plans);
}

static void plan_dates(const gm_layer_def *layer, gm_field_plan *plans)
{
    gm_fields_plan(layer, true, plans);
}

static size_t trim_end(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
                     s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return n;
}

/* The last bytes of a file, trailing white space dropped: *n of them in
 * tail. False when the file cannot be read. */
static bool read_tail(const char *path, char *tail, size_t size, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    if (fseek(f, -(long)size, SEEK_END) != 0)
        rewind(f); /* shorter than the tail */
    size_t got = fread(tail, 1, size, f);
    fclose(f);
    *n = trim_end(tail, got);
    return true;
}

static gm_status incomplete(gm_error *err, const char *path)
{
    return gm_err_set(err, GM_E_IO, path, 0,
                      "the file was not written completely (disk full or "
                      "file size limit?)");
}

/* GDAL's text writers (GeoJSON, GeoJSONSeq, CSV, KML) ignore failed writes:
 * a full disk gives a truncated file and no error. Each checks that the
 * file ends as the writer ends it. */

/* GeoJSON: the collection's closing "]}" is the last thing written. */
static gm_status verify_geojson(const char *tmp_path, const char *path,
                                gm_error *err)
{
    char tail[16];
    size_t n = 0;
    if (read_tail(tmp_path, tail, sizeof tail, &n) && n > 0 &&
        tail[n - 1] == '}') {
        n = trim_end(tail, n - 1);
        if (n > 0 && tail[n - 1] == ']')
            return GM_OK;
    }
    return incomplete(err, path);
}

/* GeoJSONSeq: empty, or every record ends with "}\n". */
static gm_status verify_geojsonseq(const char *tmp_path, const char *path,
                                   gm_error *err)
{
    char tail[4];
    size_t n = 0;
    struct stat st;
    if (stat(tmp_path, &st) == 0 && st.st_size == 0)
        return GM_OK;
    FILE *f = fopen(tmp_path, "rb");
    if (f) {
        if (fseek(f, -2, SEEK_END) == 0)
            n = fread(tail, 1, 2, f);
        fclose(f);
    }
    if (n == 2 && tail[0] == '}' && tail[1] == '\n')
        return GM_OK;
    return incomplete(err, path);
}

/* CSV: every line, the last one too, ends with a newline. */
static gm_status verify_csv(const char *tmp_path, const char *path,
                            gm_error *err)
{
    char tail[1];
    size_t n = 0;
    FILE *f = fopen(tmp_path, "rb");
    if (f) {
        if (fseek(f, -1, SEEK_END) == 0)
            n = fread(tail, 1, 1, f);
        fclose(f);
    }
    if (n == 1 && tail[0] == '\n')
        return GM_OK;
    return incomplete(err, path);
}

/* KML: the document ends with </kml>. */
static gm_status verify_kml(const char *tmp_path, const char *path,
                            gm_error *err)
{
    char tail[16];
    size_t n = 0;
    if (read_tail(tmp_path, tail, sizeof tail, &n) && n >= 6 &&
        !memcmp(tail + n - 6, "</kml>", 6))
        return GM_OK;
    return incomplete(err, path);
}

static const char *const geojson_exts[] = { "geojson", "json", NULL };
/* RFC 7946: WGS 84 lon/lat, no crs member; 6 decimals are 0.11 m. No
 * WRITE_BBOX: it also writes a bbox per feature, which for points repeats
 * the coordinates. */
static const char *const geojson_lco[] = { "RFC7946=YES",
                                           "COORDINATE_PRECISION=6", NULL };
static const char *const geojsonseq_exts[] = { "geojsonl", "geojsons",
                                               NULL };
static const char *const geojsonseq_lco[] = { "COORDINATE_PRECISION=6",
                                              NULL };
static const char *const shp_exts[] = { "shp", NULL };
static const char *const gpkg_exts[] = { "gpkg", NULL };
/* SQLite's files of an earlier GeoPackage that was not closed. */
static const char *const gpkg_sidecars[] = { "gpkg-wal", "gpkg-shm",
                                             "gpkg-journal", NULL };
static const char *const fgb_exts[] = { "fgb", NULL };
static const char *const fgb_lco[] = { "SPATIAL_INDEX=YES", NULL };
static const char *const csv_exts[] = { "csv", NULL };
/* The geometry as WKT in the first column (in the output's SRS), the
 * types in a .csvt so that readers need not guess. */
static const char *const csv_lco[] = { "GEOMETRY=AS_WKT", "CREATE_CSVT=YES",
                                       NULL };
static const char *const csv_sidecars[] = { "csvt", "prj", "qml", NULL };
/* The QGIS style beside a layer's file. */
static const char *const qml_sidecars[] = { "qml", NULL };
static const char *const kml_exts[] = { "kml", NULL };
/* A place's name is its placemark's <name> (what Google Earth labels). */
static const char *const kml_dsco[] = { "NameField=name", NULL };
static const char *const mbtiles_exts[] = { "mbtiles", NULL };

static const driver drivers[] = {
    { "GeoJSON", "geojson", geojson_exts, LAYOUT_FILES, CRS_RFC7946, DRV_QML,
      NULL, geojson_lco, qml_sidecars, "one file per layer, RFC 7946 (WGS 84)",
      plan_strings, verify_geojson },
    { "GeoJSONSeq", "geojsonl", geojsonseq_exts, LAYOUT_FILES, CRS_WGS84,
      DRV_QML | DRV_DIRECT, NULL, geojsonseq_lco, qml_sidecars, "one file per layer, a feature a line (WGS 84)",
      plan_strings, verify_geojsonseq },
    /* Shapefile write failures come back from OGR_L_CreateFeature. */
    { "ESRI Shapefile", "shp", shp_exts, LAYOUT_FILES, CRS_ANY, DRV_QML, NULL,
      gm_shp_layer_options, gm_shp_sidecars,
      "one file set per layer, UTF-8 .cpg, .prj", gm_shp_plan, NULL },
    { "GPKG", "gpkg", gpkg_exts, LAYOUT_ONE_FILE, CRS_ANY, DRV_GPKG_STYLES,
      NULL, NULL,
      gpkg_sidecars, "every layer in one file", plan_dates, NULL },
    { "FlatGeobuf", "fgb", fgb_exts, LAYOUT_FILES, CRS_ANY, DRV_QML, NULL,
      fgb_lco, qml_sidecars,
      "one file per layer, with a spatial index", plan_dates, NULL },
    { "CSV", "csv", csv_exts, LAYOUT_FILES, CRS_ANY, DRV_LONLAT | DRV_QML,
      NULL, csv_lco,
      csv_sidecars, "one file per layer: WKT geometry, the fields, lon, lat",
      plan_strings, verify_csv },
    { "KML", "kml", kml_exts, LAYOUT_ONE_FILE, CRS_WGS84, DRV_STAGED,
      kml_dsco, NULL, NULL,
      "every layer a folder of one file (WGS 84)", gm_fields_plan_kml,
      verify_kml },
    { "MVT", NULL, NULL, LAYOUT_TREE, CRS_TILES, DRV_TILES, NULL, NULL,
      NULL,
      "a directory of tiles OUT/Z/X/Y.pbf (Web Mercator)", plan_strings,
      NULL },
    { "MBTiles", "mbtiles", mbtiles_exts, LAYOUT_ONE_FILE, CRS_TILES,
      DRV_TILES, NULL, NULL, NULL, "vector tiles in one file (Web Mercator)", plan_strings,
      NULL },
};

#define N_DRIVERS (sizeof drivers / sizeof drivers[0])

typedef struct out_field {
    gm_field_plan plan;
    int index;        /* OGR field index */
    long truncated;   /* strings cut to plan.max_bytes */
    long too_wide;    /* integers over plan.max_digits */
    long bad_dates;   /* not ISO dates, written as null */
} out_field;

typedef struct out_dataset {
    GDALDatasetH ds;  /* the output, or its staging copy (DRV_STAGED);
                         NULL when seq writes it */
    gm_geojsonseq *seq; /* DRV_DIRECT: the direct writer, else NULL */
    char *stage_path; /* DRV_STAGED: the staging GeoPackage, else NULL */
    char *tmp_path;   /* where it is written */
    char *path;       /* final path, for messages */
    bool in_tx;
    long pending;     /* features in the open transaction */
} out_dataset;

typedef struct out_layer {
    const gm_layer_def *def;
    const char *name;    /* the layer's name: def->name or -nln */
    out_dataset *dataset;
    OGRLayerH layer;
    OGRFeatureH feature; /* reused for every record */
    out_field fields[MAX_FIELDS];
    int lon_index, lat_index; /* DRV_LONLAT fields, else -1 */
} out_layer;

struct gm_export {
    const driver *drv;
    gm_atomic *atomic;        /* NULL when to_stdout */
    bool to_stdout;
    bool direct;              /* DRV_DIRECT and use_direct() */
    /* GDAL is called: not direct, or -append (the earlier output is read
     * through OGR). A direct output calls no GDAL function at all, so
     * that the geomap executable never loads it (gdal_lazy.h). */
    bool gdal;
    int direct_rs;            /* -lco RS: -1 not given, 0, 1 */
    out_dataset datasets[MAX_LAYERS];
    size_t n_datasets;
    out_layer layers[MAX_LAYERS];
    size_t n_layers;
    int min_zoom, max_zoom;   /* DRV_TILES */
    OGRSpatialReferenceH srs; /* of the layers; NULL when direct */
    OGRCoordinateTransformationH ct; /* WGS 84 to srs, NULL when equal */
    char **lco, **dsco;       /* the user's, over the driver's: NULL or
                                 NULL-terminated, owned (free_list) */
    char *layer_name;         /* -nln, or NULL */
    const char *stems[8];     /* of an output directory's files */
    gm_place_table *places;   /* -append: places merged, written at the
                                 end; NULL when written as they come */
    gm_style_stats stats;     /* of what was written, for the styles */
    gm_diag_fn diag;
    void *diag_ctx;
    gm_buf scratch;   /* truncated strings */
};

static pthread_once_t gdal_once = PTHREAD_ONCE_INIT;

/* OUT as messages name it. */
static const char *output_name(const gm_export *ex)
{
    return ex->atomic ? gm_atomic_path(ex->atomic) : STDOUT_NAME;
}

static void register_gdal(void)
{
    GDALAllRegister();
}

/* GDAL reports through a per-thread handler stack: silence it around our
 * calls and read CPLGetLastErrorMsg instead. Nothing to do for an output
 * that calls no GDAL function. */
static void quiet(const gm_export *ex)
{
    if (!ex->gdal)
        return;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

static void unquiet(const gm_export *ex)
{
    if (ex->gdal)
        CPLPopErrorHandler();
}

/* A copy of a NULL-terminated list of strings (NULL for NULL), made
 * without GDAL's CSLDuplicate so that a direct output needs no GDAL; GDAL
 * reads it as a CSL list. Owned: free_list. */
static char **dup_list(const char *const *list)
{
    if (!list)
        return NULL;
    size_t n = 0;
    while (list[n])
        n++;
    char **copy = gm_xmalloc((n + 1) * sizeof *copy);
    for (size_t i = 0; i < n; i++)
        copy[i] = gm_xstrdup(list[i]);
    copy[n] = NULL;
    return copy;
}

static void free_list(char **list)
{
    for (size_t i = 0; list && list[i]; i++)
        free(list[i]);
    free(list);
}

static gm_status gdal_fail(gm_error *err, const char *path, const char *what)
{
    const char *msg = CPLGetLastErrorMsg();
    return gm_err_set(err, GM_E_GDAL, path, 0, "%s: %s", what,
                      msg && *msg ? msg : "GDAL gave no reason");
}

static const driver *find_driver(const char *name)
{
    for (size_t i = 0; i < N_DRIVERS; i++)
        if (gm_ascii_eq(name, drivers[i].name))
            return &drivers[i];
    return NULL;
}

static bool ends_with_slash(const char *path)
{
    size_t len = strlen(path);
    return len > 0 && path[len - 1] == '/';
}

/* The extension of path's last component (after its last '.', not a
 * leading one), or NULL. */
static const char *extension(const char *path)
{
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    const char *dot = strrchr(name, '.');
    return dot && dot != name && dot[1] ? dot + 1 : NULL;
}

static bool has_ext(const char *path, const char *const *exts)
{
    const char *ext = extension(path);
    for (size_t i = 0; ext && exts && exts[i]; i++)
        if (gm_ascii_eq(ext, exts[i]))
            return true;
    return false;
}

const char *gm_export_guess_driver(const char *path, const char *format)
{
    if (format) {
        const driver *drv = find_driver(format);
        return drv ? drv->name : NULL;
    }
    if (!path || !*path)
        return NULL;
    if (ends_with_slash(path))
        return "GeoJSON";
    for (size_t i = 0; i < N_DRIVERS; i++)
        if (has_ext(path, drivers[i].file_exts))
            return drivers[i].name;
    struct stat st;
    if (!extension(path) || (stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return "GeoJSON";
    return NULL;
}

void gm_export_print_formats(FILE *out)
{
    fprintf(out, "Output formats (-f, OGR driver names, any case):\n");
    for (size_t i = 0; i < N_DRIVERS; i++) {
        const driver *d = &drivers[i];
        gm_buf exts = GM_BUF_INIT;
        gm_buf_append_str(&exts, "");
        for (size_t j = 0; d->file_exts && d->file_exts[j]; j++)
            gm_buf_printf(&exts, "%s.%s", j ? " " : "", d->file_exts[j]);
        if (!d->file_exts)
            gm_buf_append_str(&exts, "(-f only)");
        fprintf(out, "  %-16s %-20s %s\n", d->name, exts.data, d->layouts);
        gm_buf_free(&exts);
    }
}

/* Frees the memory; the datasets are closed already. */
static void free_export(gm_export *ex)
{
    for (size_t i = 0; i < ex->n_datasets; i++) {
        free(ex->datasets[i].stage_path);
        free(ex->datasets[i].tmp_path);
        free(ex->datasets[i].path);
    }
    gm_buf_free(&ex->scratch);
    free_list(ex->lco);
    free_list(ex->dsco);
    free(ex->layer_name);
    gm_append_places_free(ex->places);
    if (ex->ct)
        OCTDestroyCoordinateTransformation(ex->ct);
    if (ex->srs)
        OSRRelease(ex->srs);
    free(ex);
}

static gm_status begin_tx(out_dataset *d, gm_error *err)
{
    d->pending = 0;
    if (!d->ds || !GDALDatasetTestCapability(d->ds, ODsCTransactions))
        return GM_OK;
    if (GDALDatasetStartTransaction(d->ds, FALSE) != OGRERR_NONE)
        return gdal_fail(err, d->path, "cannot start a transaction");
    d->in_tx = true;
    return GM_OK;
}

static gm_status end_tx(out_dataset *d, gm_error *err)
{
    if (!d->in_tx)
        return GM_OK;
    d->in_tx = false;
    if (GDALDatasetCommitTransaction(d->ds) != OGRERR_NONE)
        return gdal_fail(err, d->path, "cannot commit a transaction");
    return GM_OK;
}

/* Appends NAME=VALUE options to a CSL list, replacing an earlier value of
 * the same name (case-insensitive). */
static char **set_options(char **list, const char *const *options)
{
    for (size_t i = 0; options && options[i]; i++) {
        char *key = NULL;
        const char *value = CPLParseNameValue(options[i], &key);
        if (key && value)
            list = CSLSetNameValue(list, key, value);
        CPLFree(key);
    }
    return list;
}

static char **set_int_option(char **list, const char *key, int value)
{
    char text[16];
    snprintf(text, sizeof text, "%d", value);
    return CSLSetNameValue(list, key, text);
}

/* The dataset creation options: the driver's, the zoom levels. Owned:
 * CSLDestroy. */
static char **dataset_options(const gm_export *ex)
{
    char **options = set_options(NULL, ex->drv->dsco);
    if (ex->drv->flags & DRV_TILES) {
        options = set_int_option(options, "MINZOOM", ex->min_zoom);
        options = set_int_option(options, "MAXZOOM", ex->max_zoom);
    }
    return set_options(options, (const char *const *)ex->dsco);
}

static gm_status create_dataset(gm_export *ex, GDALDriverH gdrv,
                                const char *tmp_path, const char *path,
                                out_dataset **out, gm_error *err)
{
    out_dataset *d = &ex->datasets[ex->n_datasets];
    d->tmp_path = gm_xstrdup(tmp_path);
    d->path = gm_xstrdup(path);
    if (ex->drv->flags & DRV_STAGED) {
        /* Hidden: a file-mode commit leaves names starting with '.'. */
        gm_buf stage = GM_BUF_INIT;
        gm_buf_printf(&stage, "%s/.stage-%zu.gpkg",
                      gm_atomic_dir(ex->atomic), ex->n_datasets);
        d->stage_path = stage.data;
        d->ds = GDALCreate(GDALGetDriverByName("GPKG"), d->stage_path, 0, 0,
                           0, GDT_Unknown, NULL);
    } else {
        char **options = dataset_options(ex);
        d->ds = GDALCreate(gdrv, tmp_path, 0, 0, 0, GDT_Unknown, options);
        CSLDestroy(options);
    }
    ex->n_datasets++;
    if (!d->ds)
        return gdal_fail(err, path, "cannot create the dataset");
    *out = d;
    return GM_OK;
}

static gm_status field_fail(gm_error *err, const out_dataset *d,
                            const char *name)
{
    gm_buf what = GM_BUF_INIT;
    gm_buf_printf(&what, "cannot create the field %s", name);
    gdal_fail(err, d->path, what.data);
    gm_buf_free(&what);
    return GM_E_GDAL;
}

/* The layer creation options of def's layer: the driver's, the zoom
 * levels. Owned: CSLDestroy. */
static char **layer_options(const gm_export *ex, const gm_layer_def *def);

/* Creates a field; its index in *index. */
static gm_status add_field(OGRLayerH layer, const out_dataset *d,
                           const char *name, OGRFieldType type, int width,
                           int *index, gm_error *err)
{
    OGRFieldDefnH fd = OGR_Fld_Create(name, type);
    if (width > 0)
        OGR_Fld_SetWidth(fd, width);
    OGRErr rc = OGR_L_CreateField(layer, fd, TRUE);
    OGR_Fld_Destroy(fd);
    if (rc != OGRERR_NONE)
        return field_fail(err, d, name);
    *index = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(layer)) - 1;
    return GM_OK;
}

/* The zoom range of a layer's tiles: places over the whole range, the
 * detail layers from GM_EXPORT_DETAIL_MINZOOM. */
static void layer_zooms(const gm_export *ex, const gm_layer_def *def,
                        int *min_zoom, int *max_zoom)
{
    *max_zoom = ex->max_zoom;
    *min_zoom = ex->min_zoom;
    if (def->bit != GM_LAYER_PLACES && *min_zoom < GM_EXPORT_DETAIL_MINZOOM)
        *min_zoom = GM_EXPORT_DETAIL_MINZOOM;
    if (*min_zoom > *max_zoom)
        *min_zoom = *max_zoom;
}

static char **layer_options(const gm_export *ex, const gm_layer_def *def)
{
    char **options = set_options(NULL, ex->drv->lco);
    if (ex->drv->flags & DRV_TILES) {
        int lo, hi;
        layer_zooms(ex, def, &lo, &hi);
        options = set_int_option(options, "MINZOOM", lo);
        options = set_int_option(options, "MAXZOOM", hi);
    }
    return set_options(options, (const char *const *)ex->lco);
}

static gm_status create_layer(gm_export *ex, const gm_layer_def *def,
                              out_dataset *d, OGRSpatialReferenceH srs,
                              gm_error *err)
{
    out_layer *l = &ex->layers[ex->n_layers++];
    l->def = def;
    l->name = ex->layer_name ? ex->layer_name : def->name;
    l->dataset = d;
    l->lon_index = l->lat_index = -1;
    char **options = d->stage_path ? NULL : layer_options(ex, def);
    l->layer = GDALDatasetCreateLayer(d->ds, l->name, srs, wkbPoint,
                                      options);
    CSLDestroy(options);
    if (!l->layer)
        return gdal_fail(err, d->path, "cannot create the layer");

    gm_field_plan plans[MAX_FIELDS];
    assert(def->n_fields <= MAX_FIELDS);
    ex->drv->plan(def, plans);
    gm_status status = GM_OK;
    for (size_t i = 0; status == GM_OK && i < def->n_fields; i++) {
        out_field *f = &l->fields[i];
        f->plan = plans[i];
        status = add_field(l->layer, d, f->plan.name, f->plan.type,
                           f->plan.width, &f->index, err);
    }
    if (status == GM_OK && (ex->drv->flags & DRV_LONLAT))
        status = add_field(l->layer, d, "lon", OFTReal, 0, &l->lon_index,
                           err);
    if (status == GM_OK && (ex->drv->flags & DRV_LONLAT))
        status = add_field(l->layer, d, "lat", OFTReal, 0, &l->lat_index,
                           err);
    if (status != GM_OK)
        return status;
    l->feature = OGR_F_Create(OGR_L_GetLayerDefn(l->layer));
    OGR_F_SetGeometryDirectly(l->feature, OGR_G_CreateGeometry(wkbPoint));
    return GM_OK;
}

/* DRV_DIRECT: def's file and layer, written by geojsonseq.c with the
 * driver's field plan. Records start with RS as GDAL decides it: in a
 * .geojsons file, unless -lco RS says otherwise. */
static gm_status create_direct(gm_export *ex, const gm_layer_def *def,
                               const char *tmp_path, const char *path,
                               gm_error *err)
{
    out_dataset *d = &ex->datasets[ex->n_datasets++];
    d->tmp_path = gm_xstrdup(tmp_path);
    d->path = gm_xstrdup(path);
    out_layer *l = &ex->layers[ex->n_layers++];
    l->def = def;
    l->name = ex->layer_name ? ex->layer_name : def->name;
    l->dataset = d;
    l->lon_index = l->lat_index = -1;
    gm_field_plan plans[MAX_FIELDS];
    assert(def->n_fields <= MAX_FIELDS);
    ex->drv->plan(def, plans);
    for (size_t i = 0; i < def->n_fields; i++) {
        l->fields[i].plan = plans[i];
        l->fields[i].index = -1;
    }
    const char *ext = ex->to_stdout ? NULL : extension(tmp_path);
    bool rs = ex->direct_rs >= 0 ? ex->direct_rs == 1
                                 : ext && gm_ascii_eq(ext, "geojsons");
    gm_geojsonseq_options o = { ex->to_stdout ? NULL : tmp_path, path, def,
                                plans, rs };
    return gm_geojsonseq_open(&o, &d->seq, err);
}

/* Creates every dataset and layer; GDAL quiet, ex filled as far as it got
 * (free_export cleans up). */
static gm_status create_all(gm_export *ex, const gm_export_options *opts,
                            bool one_file, gm_error *err)
{
    GDALDriverH gdrv =
        ex->direct ? NULL : GDALGetDriverByName(ex->drv->name);
    if (!gdrv && !ex->direct)
        return gm_err_set(err, GM_E_GDAL, opts->path, 0,
                          "this GDAL has no %s driver", ex->drv->name);
    OGRSpatialReferenceH srs = ex->srs;
    const char *tmp = ex->atomic ? gm_atomic_dir(ex->atomic) : NULL;
    const char *out = ex->atomic ? gm_atomic_path(ex->atomic) : NULL;
    size_t n_defs;
    const gm_layer_def *defs = gm_fields_layers(&n_defs);
    gm_status status = GM_OK;
    out_dataset *shared = NULL;
    for (size_t i = 0; status == GM_OK && i < n_defs; i++) {
        if (!(opts->layers & defs[i].bit))
            continue;
        out_dataset *d = shared;
        if (!d) {
            gm_buf tmp_path = GM_BUF_INIT, path = GM_BUF_INIT;
            if (ex->to_stdout) {
                gm_buf_append_str(&tmp_path, "/vsistdout/");
                gm_buf_append_str(&path, STDOUT_NAME);
            } else if (one_file) {
                gm_buf_printf(&tmp_path, "%s/%s", tmp,
                              gm_atomic_name(ex->atomic));
                gm_buf_append_str(&path, out);
            } else {
                const char *stem = ex->layer_name ? ex->layer_name
                                                  : defs[i].name;
                gm_buf_printf(&tmp_path, "%s/%s.%s", tmp, stem,
                              ex->drv->ext);
                gm_buf_printf(&path, "%s/%s.%s", out, stem, ex->drv->ext);
            }
            if (ex->direct)
                status = create_direct(ex, &defs[i], tmp_path.data,
                                       path.data, err);
            else
                status = create_dataset(ex, gdrv, tmp_path.data, path.data,
                                        &d, err);
            gm_buf_free(&tmp_path);
            gm_buf_free(&path);
            if (ex->drv->layout != LAYOUT_FILES)
                shared = d;
        }
        if (status == GM_OK && !ex->direct)
            status = create_layer(ex, &defs[i], d, srs, err);
    }
    for (size_t i = 0; status == GM_OK && i < ex->n_datasets; i++)
        status = begin_tx(&ex->datasets[i], err);
    return status;
}

/* An entry of an earlier tile directory: metadata.json and the zoom
 * levels. */
static bool tiles_own(const char *name, bool is_dir)
{
    if (!is_dir)
        return !strcmp(name, "metadata.json");
    if (!*name)
        return false;
    for (const char *c = name; *c; c++)
        if (*c < '0' || *c > '9')
            return false;
    return true;
}

/* Why drv does not write in the SRS that what names. */
static gm_status refuse_srs(const driver *drv, const gm_export_options *opts,
                            const char *what, gm_error *err)
{
    if (drv->crs == CRS_TILES)
        return gm_err_set(err, GM_E_USAGE, opts->path, 0,
                          "vector tiles (%s) are always in Web Mercator "
                          "(EPSG:3857): -t_srs %s does not apply",
                          drv->name, what);
    if (drv->crs == CRS_RFC7946)
        return gm_err_set(err, GM_E_USAGE, opts->path, 0,
                          "GeoJSON is WGS 84 longitude/latitude (RFC 7946): "
                          "-t_srs %s is refused (GPKG, ESRI Shapefile, "
                          "FlatGeobuf and CSV take any SRS; -lco "
                          "RFC7946=NO writes a legacy GeoJSON that does)",
                          what);
    return gm_err_set(err, GM_E_USAGE, opts->path, 0,
                      "%s is always WGS 84 longitude/latitude: -t_srs %s "
                      "does not apply (GPKG, ESRI Shapefile, FlatGeobuf and "
                      "CSV take any SRS)",
                      drv->name, what);
}

/* What the driver does with SRSs under the user's options: GeoJSON with
 * -lco RFC7946=NO takes any. */
static crs_rule crs_of(const gm_export *ex)
{
    if (ex->drv->crs == CRS_RFC7946) {
        const char *v = CSLFetchNameValue(ex->lco, "RFC7946");
        if (v && !CPLTestBool(v))
            return CRS_ANY;
    }
    return ex->drv->crs;
}

/* The SRS of the layers and the transformation to it: WGS 84 unless -t_srs
 * names another, which the driver must accept, or an earlier output being
 * appended to is in another. Tiles get WGS 84 layers, which the driver
 * projects to Web Mercator itself. */
static gm_status choose_srs(gm_export *ex, const gm_export_options *opts,
                            OGRSpatialReferenceH earlier, gm_error *err)
{
    OGRSpatialReferenceH wanted = NULL;
    const char *what = opts->dst_srs;
    if (opts->dst_srs) {
        gm_status status = gm_srs_parse(opts->dst_srs, &wanted, err);
        if (status != GM_OK)
            return status;
        if (earlier && !gm_srs_same(wanted, earlier)) {
            OSRRelease(wanted);
            return gm_err_set(err, GM_E_USAGE, opts->path, 0,
                              "cannot append in -t_srs %s to an output in "
                              "%s (leave -t_srs out to keep its SRS)",
                              opts->dst_srs, gm_srs_name(earlier));
        }
    } else if (earlier) {
        wanted = OSRClone(earlier);
        OSRSetAxisMappingStrategy(wanted, OAMS_TRADITIONAL_GIS_ORDER);
        what = gm_srs_name(earlier);
    }
    if (wanted) {
        crs_rule rule = crs_of(ex);
        bool wgs84 = gm_srs_is_wgs84(wanted);
        bool ok = rule == CRS_ANY ||
                  (rule == CRS_TILES ? gm_srs_is_web_mercator(wanted)
                                     : wgs84);
        if (!ok) {
            gm_status st = refuse_srs(ex->drv, opts, what, err);
            OSRRelease(wanted);
            return st;
        }
        if (wgs84 || rule == CRS_TILES) {
            OSRRelease(wanted); /* the default, as EPSG:4326 says it */
            wanted = NULL;
        }
    }
    /* geojsonseq.c writes WGS 84 with no SRS object: building EPSG:4326
     * opens PROJ's database, some 29 million instructions. */
    if (!wanted && ex->direct)
        return GM_OK;
    if (!wanted)
        return gm_srs_epsg(4326, opts->path, &ex->srs, err);
    ex->srs = wanted;
    return gm_srs_from_wgs84(wanted, opts->path, &ex->ct, err);
}

/* Whether a DRV_DIRECT driver's output is written by geojsonseq.c: not
 * when the caller forces OGR (tests), nor when something asks for what
 * only GDAL's driver does or says: -t_srs (the driver transforms, and
 * warns), -dsco (which it ignores with a warning), a -lco other than
 * COORDINATE_PRECISION=6 and RS (SIGNIFICANT_FIGURES, ID_FIELD, ID_TYPE,
 * another precision, a name GDAL warns about). *rs: -lco RS, -1 when not
 * given. */
static bool use_direct(const gm_export *ex, const gm_export_options *opts,
                       int *rs)
{
    *rs = -1;
    if (!(ex->drv->flags & DRV_DIRECT) || opts->force_ogr ||
        opts->dst_srs || (opts->dsco && opts->dsco[0]))
        return false;
    /* The driver's options, then the user's, which the direct writer reads
     * as layer_options() would merge them (a later value of a name over an
     * earlier one), without GDAL's CSL functions. A DRV_DIRECT driver has
     * no zoom levels. */
    assert(!(ex->drv->flags & DRV_TILES));
    size_t n_drv = 0, n_user = 0;
    while (ex->drv->lco && ex->drv->lco[n_drv])
        n_drv++;
    while (ex->lco && ex->lco[n_user])
        n_user++;
    const char **lco = gm_xmalloc((n_drv + n_user + 1) * sizeof *lco);
    for (size_t i = 0; i < n_drv; i++)
        lco[i] = ex->drv->lco[i];
    for (size_t i = 0; i < n_user; i++)
        lco[n_drv + i] = ex->lco[i];
    lco[n_drv + n_user] = NULL;
    bool direct = gm_geojsonseq_accepts(lco, rs);
    free(lco);
    return direct;
}

/* -lco and -dsco values: NAME=VALUE each. */
static gm_status check_options(const char *const *list, const char *flag,
                               gm_error *err)
{
    for (size_t i = 0; list && list[i]; i++) {
        const char *eq = strchr(list[i], '=');
        if (!eq || eq == list[i])
            return gm_err_set(err, GM_E_USAGE, NULL, 0,
                              "%s takes NAME=VALUE, not \"%s\"", flag,
                              list[i]);
    }
    return GM_OK;
}

/* GDAL's warnings while the output is made (an option the driver does not
 * know...) go to the diagnostic callback; errors stay quiet, for
 * CPLGetLastErrorMsg. */
static void CPL_STDCALL forward_warnings(CPLErr cls, CPLErrorNum num,
                                         const char *msg)
{
    (void)num;
    gm_export *ex = CPLGetErrorHandlerUserData();
    if (cls != CE_Warning || !ex || !ex->diag)
        return;
    gm_error problem;
    gm_err_set(&problem, GM_OK,
               output_name(ex), 0, "GDAL: %s", msg);
    ex->diag(ex->diag_ctx, &problem);
}

/* --- -append: the earlier output --------------------------------------- */

typedef struct earlier {
    GDALDatasetH ds[MAX_LAYERS];  /* opened read-only */
    size_t n_ds;
    OGRLayerH layer[MAX_LAYERS];  /* by gm_fields_layers index, or NULL */
    GDALDatasetH whole;           /* LAYOUT_ONE_FILE: OUT */
    OGRSpatialReferenceH srs;     /* of the first layer found, borrowed */
} earlier;

static void close_earlier(earlier *e)
{
    for (size_t i = 0; i < e->n_ds; i++)
        GDALClose(e->ds[i]);
    memset(e, 0, sizeof *e);
}

static gm_status open_one(gm_export *ex, const char *path, earlier *e,
                          GDALDatasetH *out, gm_error *err)
{
    const char *const allowed[] = { ex->drv->name, NULL };
    *out = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed, NULL,
                      NULL);
    if (!*out)
        return gdal_fail(err, path, "cannot append: cannot read the "
                                    "earlier output");
    e->ds[e->n_ds++] = *out;
    return GM_OK;
}

/* Opens what OUT holds of the layers asked, when it exists. GDAL quiet. */
static gm_status open_earlier(gm_export *ex, const gm_export_options *opts,
                              bool one_file, earlier *e, gm_error *err)
{
    memset(e, 0, sizeof *e);
    struct stat st;
    if (stat(opts->path, &st) != 0)
        return GM_OK; /* nothing to append to */
    size_t n_defs;
    const gm_layer_def *defs = gm_fields_layers(&n_defs);
    gm_status status = GM_OK;
    if (ex->drv->layout == LAYOUT_ONE_FILE) {
        status = open_one(ex, opts->path, e, &e->whole, err);
        for (size_t i = 0; status == GM_OK && i < n_defs; i++)
            if (opts->layers & defs[i].bit)
                e->layer[i] = GDALDatasetGetLayerByName(
                    e->whole, ex->layer_name ? ex->layer_name
                                             : defs[i].name);
    } else {
        for (size_t i = 0; status == GM_OK && i < n_defs; i++) {
            if (!(opts->layers & defs[i].bit))
                continue;
            gm_buf path = GM_BUF_INIT;
            if (one_file)
                gm_buf_append_str(&path, opts->path);
            else
                gm_buf_printf(&path, "%s/%s.%s", opts->path,
                              ex->layer_name ? ex->layer_name : defs[i].name,
                              ex->drv->ext);
            GDALDatasetH ds;
            if (stat(path.data, &st) == 0 && S_ISREG(st.st_mode)) {
                status = open_one(ex, path.data, e, &ds, err);
                if (status == GM_OK)
                    e->layer[i] = GDALDatasetGetLayer(ds, 0);
            }
            gm_buf_free(&path);
        }
    }
    for (size_t i = 0; status == GM_OK && !e->srs && i < n_defs; i++)
        if (e->layer[i])
            e->srs = OGR_L_GetSpatialRef(e->layer[i]);
    return status;
}

/* Copies a file (the layer files a directory output keeps). */
static gm_status copy_file(const char *from, const char *to, gm_error *err)
{
    FILE *in = fopen(from, "rb");
    FILE *out = in ? fopen(to, "wb") : NULL;
    char buf[65536];
    size_t n;
    bool ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    ok = ok && !ferror(in);
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = false;
    if (!ok)
        return gm_err_set(err, GM_E_IO, from, 0,
                          "cannot append: cannot copy this file of the "
                          "earlier output");
    return GM_OK;
}

static bool is_written_stem(const gm_export *ex, const char *name)
{
    for (size_t i = 0; i < ex->n_layers; i++) {
        size_t len = strlen(ex->layers[i].name);
        if (!strncmp(name, ex->layers[i].name, len) && name[len] == '.')
            return true;
    }
    return false;
}

/* Directory layout: the earlier output's files of layers not written now
 * go into the new output unchanged. */
static gm_status keep_other_files(gm_export *ex, const char *out,
                                  gm_error *err)
{
    DIR *dir = opendir(out);
    if (!dir)
        return GM_OK;
    gm_status status = GM_OK;
    struct dirent *d;
    while (status == GM_OK && (d = readdir(dir)) != NULL) {
        if (d->d_name[0] == '.' || is_written_stem(ex, d->d_name))
            continue;
        gm_buf from = GM_BUF_INIT, to = GM_BUF_INIT;
        gm_buf_printf(&from, "%s/%s", out, d->d_name);
        gm_buf_printf(&to, "%s/%s", gm_atomic_dir(ex->atomic), d->d_name);
        struct stat st;
        if (stat(from.data, &st) == 0 && S_ISREG(st.st_mode))
            status = copy_file(from.data, to.data, err);
        gm_buf_free(&from);
        gm_buf_free(&to);
    }
    closedir(dir);
    return status;
}

static gm_status put_feature(gm_export *ex, out_layer *l, const void *rec,
                             double x, double y, gm_error *err);

typedef struct copy_ctx {
    gm_export *ex;
    out_layer *layer;
} copy_ctx;

static gm_status copy_record(void *ctx, const void *rec, double x, double y,
                             gm_error *err)
{
    copy_ctx *c = ctx;
    if (c->ex->places && c->layer->def->bit == GM_LAYER_PLACES) {
        gm_append_places_merge(c->ex->places, rec, x, y);
        return GM_OK;
    }
    return put_feature(c->ex, c->layer, rec, x, y, err);
}

/* Writes the earlier output's content into the new one: the layers asked
 * (places into the merge table), and what else the output holds. */
static gm_status copy_earlier(gm_export *ex, earlier *e, bool dir_mode,
                              gm_error *err)
{
    size_t n_defs;
    const gm_layer_def *defs = gm_fields_layers(&n_defs);
    gm_status status = GM_OK;
    for (size_t i = 0; status == GM_OK && i < n_defs; i++) {
        if (!e->layer[i])
            continue;
        out_layer *l = NULL;
        for (size_t k = 0; k < ex->n_layers; k++)
            if (ex->layers[k].def == &defs[i])
                l = &ex->layers[k];
        assert(l);
        gm_field_plan plans[MAX_FIELDS];
        for (size_t k = 0; k < defs[i].n_fields; k++)
            plans[k] = l->fields[k].plan;
        if (defs[i].bit == GM_LAYER_PLACES)
            ex->places = gm_append_places_new();
        copy_ctx ctx = { ex, l };
        status = gm_append_read_layer(e->layer[i], &defs[i], plans,
                                      l->dataset->path, copy_record, &ctx,
                                      err);
    }
    if (status != GM_OK)
        return status;
    if (e->whole) {
        /* Other layers of a GeoPackage: copied as they are, outside our
         * transaction (CopyLayer makes its own). */
        out_dataset *d = &ex->datasets[0];
        GDALDatasetH out = d->ds;
        status = end_tx(d, err);
        for (int i = 0; status == GM_OK &&
                        i < GDALDatasetGetLayerCount(e->whole);
             i++) {
            OGRLayerH layer = GDALDatasetGetLayer(e->whole, i);
            bool ours = false;
            for (size_t k = 0; k < n_defs; k++)
                ours = ours || e->layer[k] == layer;
            if (ours)
                continue;
            const char *fid = OGR_L_GetFIDColumn(layer);
            char **options = fid && *fid
                                 ? CSLSetNameValue(NULL, "FID", fid)
                                 : NULL;
            OGRLayerH copy = GDALDatasetCopyLayer(out, layer,
                                                  OGR_L_GetName(layer),
                                                  options);
            CSLDestroy(options);
            if (!copy)
                status = gdal_fail(err, d->path,
                                   "cannot append: cannot copy a layer of "
                                   "the earlier output");
        }
        if (status == GM_OK)
            status = begin_tx(d, err);
    } else if (dir_mode) {
        status = keep_other_files(ex, gm_atomic_path(ex->atomic), err);
    }
    return status;
}

gm_status gm_export_open(const gm_export_options *opts, gm_export **out,
                         gm_error *err)
{
    assert(opts && out);
    *out = NULL;
    if (!opts->path || !*opts->path)
        return gm_err_set(err, GM_E_USAGE, NULL, 0, "no output given");

    unsigned known = 0;
    size_t n_defs, n_asked = 0;
    const gm_layer_def *defs = gm_fields_layers(&n_defs);
    for (size_t i = 0; i < n_defs; i++) {
        known |= defs[i].bit;
        n_asked += (opts->layers & defs[i].bit) != 0;
    }
    if (!opts->layers || (opts->layers & ~known))
        return gm_err_set(err, GM_E_USAGE, opts->path, 0,
                          "no known layer asked (layer mask 0x%x)",
                          opts->layers);
    gm_status status = check_options(opts->lco, "-lco", err);
    if (status == GM_OK)
        status = check_options(opts->dsco, "-dsco", err);
    if (status != GM_OK)
        return status;
    if (opts->layer_name && (!*opts->layer_name || n_asked > 1))
        return gm_err_set(err, GM_E_USAGE, opts->path, 0,
                          !*opts->layer_name
                              ? "-nln needs a name"
                              : "-nln names one layer and %zu are asked: "
                                "choose one with --layers",
                          n_asked);

    const char *name = gm_export_guess_driver(opts->path, opts->format);
    if (!name) {
        gm_buf names = GM_BUF_INIT;
        for (size_t i = 0; i < N_DRIVERS; i++)
            gm_buf_printf(&names, "%s%s", i ? ", " : "", drivers[i].name);
        if (opts->format)
            gm_err_set(err, GM_E_USAGE, NULL, 0,
                       "unknown output format \"%s\": supported: %s",
                       opts->format, names.data);
        else
            gm_err_set(err, GM_E_USAGE, opts->path, 0,
                       "cannot guess the format from the name: give -f "
                       "with one of: %s",
                       names.data);
        gm_buf_free(&names);
        return GM_E_USAGE;
    }
    const driver *drv = find_driver(name);
    int min_zoom = GM_EXPORT_MINZOOM_DEFAULT;
    int max_zoom = GM_EXPORT_MAXZOOM_DEFAULT;
    if (opts->zoom_set) {
        if (!(drv->flags & DRV_TILES))
            return gm_err_set(err, GM_E_USAGE, opts->path, 0,
                              "zoom levels apply to vector tiles (MVT, "
                              "MBTiles), not to %s",
                              drv->name);
        if (opts->min_zoom < 0 || opts->max_zoom > GM_EXPORT_ZOOM_MAX ||
            opts->min_zoom > opts->max_zoom)
            return gm_err_set(err, GM_E_USAGE, opts->path, 0,
                              "bad zoom range %d to %d: zoom levels go "
                              "from 0 to %d, the smallest first",
                              opts->min_zoom, opts->max_zoom,
                              GM_EXPORT_ZOOM_MAX);
        min_zoom = opts->min_zoom;
        max_zoom = opts->max_zoom;
    }
    if (opts->to_stdout &&
        (strcmp(drv->name, "GeoJSONSeq") != 0 || n_asked != 1 ||
         opts->mode == GM_EXPORT_APPEND))
        return gm_err_set(err, GM_E_USAGE, STDOUT_NAME, 0,
                          "standard output takes one layer of GeoJSONSeq, "
                          "not appended to (asked: %s, %zu layer%s%s)",
                          drv->name, n_asked, n_asked == 1 ? "" : "s",
                          opts->mode == GM_EXPORT_APPEND ? ", -append" : "");
    if (opts->mode == GM_EXPORT_APPEND &&
        (drv->flags & (DRV_TILES | DRV_STAGED)))
        return gm_err_set(err, GM_E_USAGE, opts->path, 0,
                          "cannot append to %s: its layers cannot be read "
                          "back as written (append to a GPKG, then convert "
                          "it)",
                          drv->name);
    bool one_file = drv->layout != LAYOUT_FILES ||
                    (!ends_with_slash(opts->path) &&
                     has_ext(opts->path, drv->file_exts));
    if (one_file && drv->layout == LAYOUT_FILES && n_asked > 1)
        return gm_err_set(err, GM_E_USAGE, opts->path, 0,
                          "%s holds one layer per file and %zu layers are "
                          "asked: give a directory (a name without .%s)",
                          drv->name, n_asked, extension(opts->path));

    gm_export *ex = gm_xcalloc(1, sizeof *ex);
    ex->drv = drv;
    ex->to_stdout = opts->to_stdout;
    ex->diag = opts->diag;
    ex->diag_ctx = opts->diag_ctx;
    ex->min_zoom = min_zoom;
    ex->max_zoom = max_zoom;
    ex->lco = dup_list(opts->lco);
    ex->dsco = dup_list(opts->dsco);
    ex->layer_name = opts->layer_name ? gm_xstrdup(opts->layer_name) : NULL;
    ex->direct = use_direct(ex, opts, &ex->direct_rs);
    /* geojsonseq.c needs no GDAL driver (registering them all is some 8
     * million instructions a run), nor GDAL at all; -append reads the
     * earlier output through OGR. */
    ex->gdal = !ex->direct || opts->mode == GM_EXPORT_APPEND;
    if (ex->gdal)
        pthread_once(&gdal_once, register_gdal);
    const char *const *names = gm_fields_layer_names();
    size_t n_stems = 0;
    while (names[n_stems] && n_stems + 2 < sizeof ex->stems / sizeof *ex->stems) {
        ex->stems[n_stems] = names[n_stems];
        n_stems++;
    }
    if (ex->layer_name)
        ex->stems[n_stems++] = ex->layer_name;

    earlier before;
    memset(&before, 0, sizeof before);
    quiet(ex);
    if (opts->mode == GM_EXPORT_APPEND)
        status = open_earlier(ex, opts, one_file, &before, err);
    if (status == GM_OK)
        status = choose_srs(ex, opts, before.srs, err);
    unquiet(ex);
    if (status != GM_OK) {
        close_earlier(&before);
        free_export(ex);
        return status;
    }

    gm_atomic_options aopts = {
        .path = opts->path,
        .mode = drv->layout == LAYOUT_TREE ? GM_ATOMIC_TREE
                : one_file                 ? GM_ATOMIC_FILE
                                           : GM_ATOMIC_DIR,
        .stems = ex->stems,
        .sidecars = drv->sidecars,
        .owns = tiles_own,
        .diag = opts->diag,
        .diag_ctx = opts->diag_ctx,
    };
    if (!ex->to_stdout)
        status = gm_atomic_begin(&aopts, &ex->atomic, err);
    if (status != GM_OK) {
        close_earlier(&before);
        free_export(ex);
        return status;
    }
    if (ex->gdal) {
        CPLPushErrorHandlerEx(forward_warnings, ex);
        CPLErrorReset();
    }
    status = create_all(ex, opts, one_file, err);
    if (status == GM_OK && opts->mode == GM_EXPORT_APPEND)
        status = copy_earlier(ex, &before,
                              drv->layout == LAYOUT_FILES && !one_file, err);
    close_earlier(&before);
    unquiet(ex);
    if (status != GM_OK) {
        gm_export_abort(ex);
        return status;
    }
    *out = ex;
    return GM_OK;
}

static out_layer *find_layer(gm_export *ex, unsigned bit)
{
    for (size_t i = 0; i < ex->n_layers; i++)
        if (ex->layers[i].def->bit == bit)
            return &ex->layers[i];
    return NULL;
}

static const void *member(const void *rec, size_t offset)
{
    return (const char *)rec + offset;
}

static void set_string(gm_export *ex, out_field *f, OGRFeatureH feat,
                       const char *s)
{
    size_t len = strlen(s);
    if (f->plan.max_bytes && len > f->plan.max_bytes) {
        size_t keep = gm_fields_utf8_fit(s, len, f->plan.max_bytes);
        gm_buf_clear(&ex->scratch);
        gm_buf_append(&ex->scratch, s, keep);
        s = gm_buf_str(&ex->scratch);
        f->truncated++;
    }
    OGR_F_SetFieldString(feat, f->index, s);
}

static void set_fields(gm_export *ex, out_layer *l, const void *rec)
{
    OGRFeatureH feat = l->feature;
    for (size_t i = 0; i < l->def->n_fields; i++) {
        const gm_field_def *def = &l->def->fields[i];
        out_field *f = &l->fields[i];
        const void *p = member(rec, def->offset);
        switch (def->kind) {
        case GM_FIELD_INT64: {
            int64_t v = *(const int64_t *)p;
            if (f->plan.max_digits) {
                char digits[32];
                if (snprintf(digits, sizeof digits, "%" PRId64, v) >
                    f->plan.max_digits)
                    f->too_wide++;
            }
            OGR_F_SetFieldInteger64(feat, f->index, v);
            break;
        }
        case GM_FIELD_REAL: {
            double v = *(const double *)p;
            if (isfinite(v))
                OGR_F_SetFieldDouble(feat, f->index, v);
            else
                OGR_F_SetFieldNull(feat, f->index);
            break;
        }
        case GM_FIELD_STRING:
        case GM_FIELD_DATE: {
            const char *s = *(const char *const *)p;
            int y, m, d;
            if (!s)
                OGR_F_SetFieldNull(feat, f->index);
            else if (f->plan.type == OFTString)
                set_string(ex, f, feat, s);
            else if (gm_fields_parse_date(s, &y, &m, &d))
                OGR_F_SetFieldDateTime(feat, f->index, y, m, d, 0, 0, 0, 0);
            else {
                f->bad_dates++;
                OGR_F_SetFieldNull(feat, f->index);
            }
            break;
        }
        }
    }
}

/* Writes one feature at (x, y), in the layer's SRS. */
static gm_status put_feature(gm_export *ex, out_layer *l, const void *rec,
                             double x, double y, gm_error *err)
{
    if (l->def->bit == GM_LAYER_PLACES) {
        const gm_place_rec *p = rec;
        if (p->mentions > ex->stats.max_mentions)
            ex->stats.max_mentions = p->mentions;
    }
    if (l->dataset->seq) /* NaN x: no geometry, as below */
        return gm_geojsonseq_write(l->dataset->seq, rec, x, y, err);
    quiet(ex);
    set_fields(ex, l, rec);
    bool placed = !isnan(x);
    if (l->lon_index >= 0) {
        if (placed) {
            OGR_F_SetFieldDouble(l->feature, l->lon_index,
                                 *(const double *)member(rec,
                                                         l->def->lon_offset));
            OGR_F_SetFieldDouble(l->feature, l->lat_index,
                                 *(const double *)member(rec,
                                                         l->def->lat_offset));
        } else {
            OGR_F_SetFieldNull(l->feature, l->lon_index);
            OGR_F_SetFieldNull(l->feature, l->lat_index);
        }
    }
    /* The feature's point is reused; an unplaced record borrows it away
     * for the write. */
    OGRGeometryH point = NULL;
    if (placed)
        OGR_G_SetPoint_2D(OGR_F_GetGeometryRef(l->feature), 0, x, y);
    else
        point = OGR_F_StealGeometry(l->feature);
    OGR_F_SetFID(l->feature, OGRNullFID);
    gm_status status = GM_OK;
    if (OGR_L_CreateFeature(l->layer, l->feature) != OGRERR_NONE)
        status = gdal_fail(err, l->dataset->path, "cannot write a feature");
    if (point)
        OGR_F_SetGeometryDirectly(l->feature, point);
    out_dataset *d = l->dataset;
    if (status == GM_OK && d->in_tx && ++d->pending >= TX_BATCH) {
        status = end_tx(d, err);
        if (status == GM_OK)
            status = begin_tx(d, err);
    }
    unquiet(ex);
    return status;
}

static gm_status write_record(gm_export *ex, unsigned bit, const void *rec,
                              gm_error *err)
{
    assert(ex && rec);
    out_layer *l = find_layer(ex, bit);
    if (!l) {
        const gm_layer_def *def = gm_fields_layer(bit);
        return gm_err_set(err, GM_E_USAGE, output_name(ex), 0,
                          "the %s layer was not asked when the output was "
                          "opened",
                          def ? def->name : "?");
    }
    double lon = *(const double *)member(rec, l->def->lon_offset);
    double lat = *(const double *)member(rec, l->def->lat_offset);
    /* An event the text gives no place: a feature without geometry, so it
     * is not lost (its reason says why). */
    if (bit == GM_LAYER_EVENTS && isnan(lon) && isnan(lat))
        return put_feature(ex, l, rec, NAN, NAN, err);
    if (!(lon >= -180.0 && lon <= 180.0 && lat >= -90.0 && lat <= 90.0))
        return gm_err_set(err, GM_E_INPUT, l->dataset->path, 0,
                          "%s record skipped: coordinates (%g, %g) are not "
                          "WGS 84 degrees (lon, lat)",
                          l->def->name, lon, lat);

    double x = lon, y = lat;
    if (ex->ct && !gm_srs_transform(ex->ct, &x, &y))
        return gm_err_set(err, GM_E_INPUT, l->dataset->path, 0,
                          "%s record skipped: (%g, %g) has no coordinates "
                          "in %s",
                          l->def->name, lon, lat, gm_srs_name(ex->srs));
    if (ex->places && bit == GM_LAYER_PLACES) {
        gm_append_places_merge(ex->places, rec, x, y);
        return GM_OK;
    }
    return put_feature(ex, l, rec, x, y, err);
}

/* -append: the merged places, written before the datasets close. */
static gm_status flush_places(gm_export *ex, gm_error *err)
{
    out_layer *l = find_layer(ex, GM_LAYER_PLACES);
    gm_status status = GM_OK;
    size_t n = ex->places ? gm_append_places_count(ex->places) : 0;
    for (size_t i = 0; status == GM_OK && i < n; i++) {
        double x, y;
        const gm_place_rec *rec = gm_append_places_get(ex->places, i, &x,
                                                       &y);
        status = put_feature(ex, l, rec, x, y, err);
    }
    return status;
}

gm_status gm_export_place(gm_export *ex, const gm_place_rec *rec,
                          gm_error *err)
{
    return write_record(ex, GM_LAYER_PLACES, rec, err);
}

gm_status gm_export_mention(gm_export *ex, const gm_mention_rec *rec,
                            gm_error *err)
{
    return write_record(ex, GM_LAYER_MENTIONS, rec, err);
}

gm_status gm_export_event(gm_export *ex, const gm_event_rec *rec,
                          gm_error *err)
{
    return write_record(ex, GM_LAYER_EVENTS, rec, err);
}

/* DRV_STAGED: writes the output from the staging dataset, one layer after
 * the other. The staging dataset stays open (the caller closes it). */
static gm_status unstage(gm_export *ex, out_dataset *d, gm_error *err)
{
    char **options = dataset_options(ex);
    GDALDatasetH out = GDALCreate(GDALGetDriverByName(ex->drv->name),
                                  d->tmp_path, 0, 0, 0, GDT_Unknown,
                                  options);
    CSLDestroy(options);
    if (!out)
        return gdal_fail(err, d->path, "cannot create the dataset");
    gm_status status = GM_OK;
    for (size_t i = 0; status == GM_OK && i < ex->n_layers; i++) {
        out_layer *l = &ex->layers[i];
        if (l->dataset != d)
            continue;
        options = layer_options(ex, l->def);
        if (!GDALDatasetCopyLayer(out, l->layer, l->name, options))
            status = gdal_fail(err, d->path, "cannot write the layer");
        CSLDestroy(options);
    }
    CPLErrorReset();
    GDALClose(out);
    if (status == GM_OK && CPLGetLastErrorType() >= CE_Failure)
        status = gdal_fail(err, d->path, "cannot finish writing");
    return status;
}

/* The QML of a layer. Owned: gm_buf_free. */
static gm_buf layer_qml(const gm_export *ex, const out_layer *l)
{
    gm_field_plan plans[MAX_FIELDS];
    for (size_t k = 0; k < l->def->n_fields; k++)
        plans[k] = l->fields[k].plan;
    gm_buf qml = GM_BUF_INIT;
    gm_styles_qml(l->def, plans, &ex->stats, &qml);
    return qml;
}

/* DRV_GPKG_STYLES: a layer_styles row per layer, QGIS's default style. */
static gm_status store_styles(gm_export *ex, out_dataset *d, gm_error *err)
{
    gm_style_row rows[MAX_LAYERS];
    gm_buf qml[MAX_LAYERS];
    for (size_t i = 0; i < ex->n_layers; i++) {
        const out_layer *l = &ex->layers[i];
        qml[i] = layer_qml(ex, l);
        const char *geom = OGR_L_GetGeometryColumn(l->layer);
        rows[i] = (gm_style_row){ l->name, geom && *geom ? geom : "geom",
                                  qml[i].data };
    }
    gm_status status = gm_styles_gpkg(d->ds, d->path, rows, ex->n_layers,
                                      err);
    for (size_t i = 0; i < ex->n_layers; i++)
        gm_buf_free(&qml[i]);
    return status;
}

/* DRV_QML: <layer file's stem>.qml beside each layer's file. */
static gm_status write_qml_files(gm_export *ex, gm_error *err)
{
    gm_status status = GM_OK;
    for (size_t i = 0; status == GM_OK && i < ex->n_layers; i++) {
        const out_layer *l = &ex->layers[i];
        /* tmp_path minus its extension: TMP/places.shp, TMP/x.geojson */
        const char *tmp_path = l->dataset->tmp_path;
        const char *slash = strrchr(tmp_path, '/');
        const char *dot = strrchr(tmp_path, '.');
        size_t stem = dot && (!slash || dot > slash + 1)
                          ? (size_t)(dot - tmp_path)
                          : strlen(tmp_path);
        gm_buf path = GM_BUF_INIT;
        gm_buf_printf(&path, "%.*s.qml", (int)stem, tmp_path);
        gm_buf qml = layer_qml(ex, l);
        status = gm_styles_write_file(path.data, qml.data, err);
        gm_buf_free(&qml);
        gm_buf_free(&path);
    }
    return status;
}

/* Commits transactions and closes every dataset, so that the files are
 * complete. GDAL quiet. */
static gm_status close_all(gm_export *ex, gm_error *err)
{
    gm_status status = flush_places(ex, err);
    for (size_t i = 0; status == GM_OK && i < ex->n_datasets; i++)
        status = end_tx(&ex->datasets[i], err);
    for (size_t i = 0; i < ex->n_layers; i++) {
        out_layer *l = &ex->layers[i];
        if (l->feature)
            OGR_F_Destroy(l->feature);
        l->feature = NULL;
        for (size_t k = 0; l->dataset->seq && k < l->def->n_fields; k++)
            l->fields[k].truncated =
                gm_geojsonseq_truncated(l->dataset->seq, k);
    }
    if (status == GM_OK && (ex->drv->flags & DRV_GPKG_STYLES))
        status = store_styles(ex, &ex->datasets[0], err);
    for (size_t i = 0; i < ex->n_datasets; i++) {
        out_dataset *d = &ex->datasets[i];
        if (status == GM_OK && d->stage_path)
            status = unstage(ex, d, err);
        if (d->seq) {
            gm_error later;
            gm_status closed = gm_geojsonseq_close(
                d->seq, status == GM_OK ? err : &later);
            d->seq = NULL;
            if (status == GM_OK)
                status = closed;
        } else {
            CPLErrorReset();
            GDALClose(d->ds); /* void before GDAL 3.7: read the error */
            d->ds = NULL;
            if (status == GM_OK && CPLGetLastErrorType() >= CE_Failure)
                status = gdal_fail(err, d->path, "cannot finish writing");
        }
        if (d->stage_path)
            unlink(d->stage_path);
        if (status == GM_OK && ex->drv->verify && !ex->to_stdout)
            status = ex->drv->verify(d->tmp_path, d->path, err);
    }
    return status;
}

static void report(const gm_export *ex, const out_layer *l,
                   const out_field *f, long count, const char *what)
{
    gm_error problem;
    gm_err_set(&problem, GM_OK, l->dataset->path, 0, "%s.%s: %ld value%s %s",
               l->def->name, l->def->fields[f - l->fields].name, count,
               count == 1 ? "" : "s", what);
    ex->diag(ex->diag_ctx, &problem);
}

/* One warning per field and kind of change, with the count. */
static void report_all(const gm_export *ex)
{
    if (!ex->diag)
        return;
    for (size_t i = 0; i < ex->n_layers; i++) {
        const out_layer *l = &ex->layers[i];
        for (size_t j = 0; j < l->def->n_fields; j++) {
            const out_field *f = &l->fields[j];
            char what[128];
            if (f->truncated) {
                snprintf(what, sizeof what, "truncated to %zu bytes",
                         f->plan.max_bytes);
                report(ex, l, f, f->truncated, what);
            }
            if (f->too_wide) {
                snprintf(what, sizeof what,
                         "wider than %d characters: the field was widened "
                         "and readers may take it for Real",
                         f->plan.max_digits);
                report(ex, l, f, f->too_wide, what);
            }
            if (f->bad_dates)
                report(ex, l, f, f->bad_dates,
                       "written as null: no ISO date (YYYY-MM-DD)");
        }
    }
}

gm_status gm_export_commit(gm_export *ex, gm_error *err)
{
    assert(ex);
    quiet(ex);
    gm_status status = close_all(ex, err);
    unquiet(ex);
    if (status == GM_OK && (ex->drv->flags & DRV_QML) && !ex->to_stdout)
        status = write_qml_files(ex, err);
    if (status == GM_OK && ex->to_stdout && fflush(stdout) != 0)
        status = gm_err_set(err, GM_E_IO, STDOUT_NAME, 0,
                            "cannot write the features: %s", strerror(errno));
    if (status != GM_OK) {
        gm_export_abort(ex);
        return status;
    }
    if (!ex->to_stdout)
        status = gm_atomic_commit(ex->atomic, err);
    ex->atomic = NULL;
    if (status == GM_OK)
        report_all(ex);
    free_export(ex);
    return status;
}

void gm_export_abort(gm_export *ex)
{
    if (!ex)
        return;
    quiet(ex);
    for (size_t i = 0; i < ex->n_datasets; i++)
        if (ex->datasets[i].in_tx)
            GDALDatasetRollbackTransaction(ex->datasets[i].ds);
    for (size_t i = 0; i < ex->n_layers; i++) {
        if (ex->layers[i].feature)
            OGR_F_Destroy(ex->layers[i].feature);
        ex->layers[i].feature = NULL;
    }
    for (size_t i = 0; i < ex->n_datasets; i++) {
        if (ex->datasets[i].ds)
            GDALClose(ex->datasets[i].ds);
        ex->datasets[i].ds = NULL;
        gm_geojsonseq_abort(ex->datasets[i].seq);
        ex->datasets[i].seq = NULL;
    }
    unquiet(ex);
    gm_atomic_abort(ex->atomic);
    ex->atomic = NULL;
    free_export(ex);
}
