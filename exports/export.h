/* Layer writers over GDAL/OGR, driver-neutral: the caller opens an output,
 * streams records into it, and commits. Everything is written under a
 * temporary name in the destination directory and renamed into place by
 * gm_export_commit, so a failed or aborted run leaves no partial file and an
 * earlier output intact. GDAL is kept quiet: its messages come back in the
 * error record (GM_E_GDAL) or through the diagnostic callback.
 * Not thread-safe: one writer, fed by the collector in input order. */
#ifndef GM_EXPORTS_EXPORT_H
#define GM_EXPORTS_EXPORT_H

#include "collect/records.h"
#include "core/error.h"

typedef struct gm_export_options {
    const char *path;     /* OUT as given by the user */
    const char *format;   /* OGR driver short name, or NULL to guess from
                             OUT's extension (.geojson .json → GeoJSON,
                             .shp → ESRI Shapefile; a directory or no
                             extension → GeoJSON) */
    unsigned layers;      /* GM_LAYER_* mask, at least one */
    gm_diag_fn diag;      /* warnings (truncations...), may be NULL */
    void *diag_ctx;
} gm_export_options;

typedef struct gm_export gm_export;

/* Layout of OUT: for formats with one layer per file (GeoJSON, ESRI
 * Shapefile), OUT is a directory holding OUT/<layer>.<ext>, unless exactly
 * one layer is asked and OUT ends with the format's extension, in which case
 * OUT is that file. Fails with GM_E_USAGE (unknown driver, several layers
 * into one single-layer file), GM_E_IO (destination directory missing or not
 * writable) or GM_E_GDAL (GM_E_PROJ when WGS 84 cannot be built); *out is
 * NULL then. Owned: commit or abort. */
gm_status gm_export_open(const gm_export_options *opts, gm_export **out,
                         gm_error *err);

/* Adds one feature. GM_E_GDAL on failure (the caller then aborts);
 * GM_E_INPUT when the record cannot be a feature (coordinates out of the
 * WGS 84 range): it is skipped and the writer stays usable; GM_E_USAGE for
 * a layer that was not opened. */
gm_status gm_export_place(gm_export *ex, const gm_place_rec *rec,
                          gm_error *err);
gm_status gm_export_mention(gm_export *ex, const gm_mention_rec *rec,
                            gm_error *err);

/* Closes the datasets and renames the temporary output into place
 * (replacing an earlier output). Frees ex whatever the result; on failure
 * nothing is left behind. */
gm_status gm_export_commit(gm_export *ex, gm_error *err);

/* Closes and removes the temporary output; frees ex. Accepts NULL. */
void gm_export_abort(gm_export *ex);

/* The driver short name chosen for opts (for messages), or NULL when it
 * cannot be guessed. Static string. */
const char *gm_export_guess_driver(const char *path, const char *format);

#endif
