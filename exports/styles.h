/* QGIS styles for geomap's layers, so that they open styled: a QML
 * document per layer (QGIS 3), written beside the file-based layers as
 * <layer>.qml (QGIS loads it with the layer), and stored in a GeoPackage's
 * layer_styles table (QGIS's own table for styles in a database).
 *
 * Each layer kind has its style, found by its GM_LAYER_* bit:
 * - places: red circles sized by `mentions` (area about proportional,
 *   Flannery's exponent 0.57, from 2 to 12 mm), the biggest drawn first;
 *   QGIS's temporal controller gets first_date..last_date;
 * - mentions: small points coloured by `score` in five classes (viridis);
 * - events: points coloured by `root_code` (CAMEO's 20 root codes in four
 *   families: verbal and material cooperation, verbal and material
 *   conflict) once the events layer exists;
 * - any other layer, or one lacking the field its style needs: one plain
 *   marker.
 * Field names in the QML are the names in the file (the field plans), so
 * a Shapefile's mapped names are used. Pure functions apart from the
 * writers: thread-safe. */
#ifndef GM_EXPORTS_STYLES_H
#define GM_EXPORTS_STYLES_H

#include <stddef.h>
#include <stdint.h>

#include <gdal.h>

#include "collect/records.h"
#include "core/buf.h"
#include "core/error.h"
#include "exports/fields.h"

/* What the data says that a style needs. */
typedef struct gm_style_stats {
    int64_t max_mentions; /* largest `mentions` among places (0: none) */
} gm_style_stats;

/* Appends to out the QML of def's layer, whose fields are named as in
 * plans[0..def->n_fields). */
void gm_styles_qml(const gm_layer_def *def, const gm_field_plan *plans,
                   const gm_style_stats *stats, gm_buf *out);

/* Writes text to path (a new file). GM_E_IO naming path on failure. */
gm_status gm_styles_write_file(const char *path, const char *text,
                               gm_error *err);

/* One layer's row of a GeoPackage's layer_styles. */
typedef struct gm_style_row {
    const char *table;       /* the layer's name */
    const char *geom_column; /* its geometry column ("geom") */
    const char *qml;
} gm_style_row;

#define GM_STYLES_TABLE "layer_styles"

/* Makes ds's layer_styles hold rows[0..n) as the default styles of their
 * tables: the table is created (with QGIS's columns: id, f_table_catalog,
 * f_table_schema, f_table_name, f_geometry_column, styleName, styleQML,
 * styleSLD, useAsDefault, description, owner, ui, update_time) when
 * missing; earlier rows for the same tables are deleted, rows for other
 * tables kept. ds must not be in a transaction. GM_E_GDAL naming path on
 * failure. */
gm_status gm_styles_gpkg(GDALDatasetH ds, const char *path,
                         const gm_style_row *rows, size_t n, gm_error *err);

#endif
