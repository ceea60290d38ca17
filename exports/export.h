/* Layer writers over GDAL/OGR, driver-neutral: the caller opens an output,
 * streams records into it, and commits. Everything is written under a
 * temporary name in the destination directory and renamed into place by
 * gm_export_commit, so a failed or aborted run leaves no partial file and an
 * earlier output intact. GDAL is kept quiet: its messages come back in the
 * error record (GM_E_GDAL) or through the diagnostic callback.
 * Not thread-safe: one writer, fed by the collector in input order. */
#ifndef GM_EXPORTS_EXPORT_H
#define GM_EXPORTS_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "collect/records.h"
#include "core/error.h"

/* Zoom levels of vector tiles (MVT, MBTiles) when none are given. */
#define GM_EXPORT_MINZOOM_DEFAULT 0
#define GM_EXPORT_MAXZOOM_DEFAULT 8
/* mentions (and events) start at this zoom, or at min_zoom when higher,
 * and never above max_zoom: at smaller scales the places layer, which
 * carries their counts, stands for them. */
#define GM_EXPORT_DETAIL_MINZOOM 5
#define GM_EXPORT_ZOOM_MAX 22

/* What happens to an existing OUT. */
typedef enum gm_export_mode {
    /* An earlier geomap output at OUT is replaced as a whole; anything
     * else there is refused (GM_E_IO). -overwrite says so explicitly. */
    GM_EXPORT_REPLACE = 0,
    GM_EXPORT_OVERWRITE,
    /* The earlier output is read back and written again, with this batch
     * added: its mentions after the earlier ones, its places merged by
     * place_id (see exports/append.h), its other layers (and, in a
     * GeoPackage, other tables) kept. OUT missing: as REPLACE. Not for KML
     * or tiles (GM_E_USAGE). The earlier output's SRS is kept when -t_srs
     * is not given (another one is GM_E_USAGE). */
    GM_EXPORT_APPEND
} gm_export_mode;

typedef struct gm_export_options {
    const char *path;     /* OUT as given by the user */
    const char *format;   /* OGR driver short name (any case), or NULL to
                             guess from OUT's extension (see
                             gm_export_guess_driver) */
    unsigned layers;      /* GM_LAYER_* mask, at least one */
    gm_diag_fn diag;      /* warnings (truncations...), may be NULL */
    void *diag_ctx;
    /* -t_srs: the SRS of the output (an EPSG code "EPSG:3857", WKT, a PROJ
     * string; what OSRSetFromUserInput reads), NULL for WGS 84. Points are
     * transformed from WGS 84 (lon, lat) by the writer. GeoJSON and
     * GeoJSONSeq, KML are WGS 84 only, tiles Web Mercator only: another
     * SRS is GM_E_USAGE there. */
    const char *dst_srs;
    /* -lco, -dsco: NAME=VALUE strings (NULL-terminated lists, may be NULL)
     * passed to GDAL over geomap's defaults for the driver (a name given
     * replaces a default of the same name). GDAL's warnings about them
     * (an option the driver does not know) go to diag. -lco RFC7946=NO
     * makes GeoJSON a legacy GeoJSON, which takes -t_srs. */
    const char *const *lco;
    const char *const *dsco;
    /* -nln: the layer's name (and its file's stem where a directory holds
     * one file per layer) instead of "places"/"mentions"; only when one
     * layer is asked (else GM_E_USAGE). NULL for the default. A shapefile
     * named as OUT takes its layer name from the file. */
    const char *layer_name;
    gm_export_mode mode;
    /* Vector tiles only: the zoom range, 0..22, min <= max, when zoom_set;
     * else GM_EXPORT_MINZOOM_DEFAULT..GM_EXPORT_MAXZOOM_DEFAULT. places
     * get the whole range, mentions see GM_EXPORT_DETAIL_MINZOOM. */
    bool zoom_set;
    int min_zoom, max_zoom;
    /* -o -: features go to standard output as they are written, for
     * engines that pipe (Hadoop Streaming, Spark's RDD.pipe): GeoJSONSeq
     * and one layer only (else GM_E_USAGE), no -append. path only names
     * the output in messages. Nothing is staged or renamed, so a run that
     * fails leaves on stdout what it wrote before the failure; its exit
     * status tells the engine to discard the task's output. */
    bool to_stdout;
    /* Internal, for tests: GeoJSONSeq through OGR's driver even where
     * exports/geojsonseq.c writes the same bytes (see export.c,
     * use_direct). */
    bool force_ogr;
} gm_export_options;

typedef struct gm_export gm_export;

/* Layout of OUT: for formats with one layer per file (GeoJSON, GeoJSONSeq,
 * ESRI Shapefile, FlatGeobuf, CSV), OUT is a directory holding
 * OUT/<layer>.<ext>, unless exactly one layer is asked and OUT ends with one
 * of the format's extensions, in which case OUT is that file. GPKG, KML and
 * MBTiles hold every layer in the file OUT; MVT makes the directory OUT
 * (OUT/metadata.json, OUT/Z/X/Y.pbf). Fails with GM_E_USAGE (unknown
 * driver, several layers into one single-layer file, bad zoom range, an
 * SRS that OGR does not understand or the driver does not write), GM_E_IO
 * (destination directory missing or not writable), GM_E_PROJ (an SRS or a
 * transformation PROJ cannot build) or GM_E_GDAL; *out is NULL then.
 * Owned: commit or abort. */
gm_status gm_export_open(const gm_export_options *opts, gm_export **out,
                         gm_error *err);

/* Adds one feature. GM_E_GDAL on failure (the caller then aborts);
 * GM_E_INPUT when the record cannot be a feature (coordinates out of the
 * WGS 84 range, or without an image in the output's SRS): it is skipped and
 * the writer stays usable; GM_E_USAGE for a layer that was not opened. */
gm_status gm_export_place(gm_export *ex, const gm_place_rec *rec,
                          gm_error *err);
gm_status gm_export_mention(gm_export *ex, const gm_mention_rec *rec,
                            gm_error *err);
/* An event with lon and lat NaN (unplaced) is written without geometry. */
gm_status gm_export_event(gm_export *ex, const gm_event_rec *rec,
                          gm_error *err);

/* Closes the datasets and renames the temporary output into place
 * (replacing an earlier output). Frees ex whatever the result; on failure
 * nothing is left behind. */
gm_status gm_export_commit(gm_export *ex, gm_error *err);

/* Closes and removes the temporary output; frees ex. Accepts NULL. */
void gm_export_abort(gm_export *ex);

/* The driver short name chosen for opts (for messages), or NULL when it
 * cannot be guessed. format, when not NULL, is matched against the OGR
 * short names ignoring case; else OUT's extension decides (.geojson .json:
 * GeoJSON; .geojsonl .geojsons: GeoJSONSeq; .shp: ESRI Shapefile; .gpkg:
 * GPKG; .fgb: FlatGeobuf; .csv: CSV; .kml: KML; .mbtiles: MBTiles), and a
 * directory or a name without extension is a GeoJSON directory. Static
 * string. */
const char *gm_export_guess_driver(const char *path, const char *format);

/* Prints the supported formats, one a line (name, extensions, layout), as
 * `geomap --formats` shows them. */
void gm_export_print_formats(FILE *out);

#endif
