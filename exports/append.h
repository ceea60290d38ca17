/* -append: an earlier output read back into records, and the table that
 * merges a new batch's places into the earlier ones. The writer
 * (export.c) decides which layers are read and writes what comes out;
 * nothing here writes a dataset.
 *
 * Merging a place into an entry of the same place_id adds mentions and
 * articles (a batch is taken to hold other articles than the earlier
 * ones), widens first_date..last_date, and takes the later record's name,
 * country, admin1, feature and point (the newer gazetteer's). Entries keep
 * the order in which their ids first came. Not thread-safe per table. */
#ifndef GM_EXPORTS_APPEND_H
#define GM_EXPORTS_APPEND_H

#include <stddef.h>

#include <ogr_api.h>

#include "collect/records.h"
#include "core/error.h"
#include "exports/fields.h"

typedef struct gm_place_table gm_place_table;

/* Owned: gm_append_places_free (accepts NULL). */
gm_place_table *gm_append_places_new(void);
void gm_append_places_free(gm_place_table *t);

/* Adds rec, or merges it into the entry of its place_id (counts summed,
 * held at INT64_MAX; a negative count read back counts as 0). x, y: its
 * point in the output's SRS. Strings are copied. */
void gm_append_places_merge(gm_place_table *t, const gm_place_rec *rec,
                            double x, double y);

size_t gm_append_places_count(const gm_place_table *t);

/* Entry i (0 <= i < count), in order; *x, *y its point. Borrowed until the
 * next merge or free. */
const gm_place_rec *gm_append_places_get(const gm_place_table *t, size_t i,
                                         double *x, double *y);

/* Receives one record read back, borrowed for the call; x, y: its point as
 * stored (the output's SRS). A status other than GM_OK stops the reading. */
typedef gm_status (*gm_append_fn)(void *ctx, const void *rec, double x,
                                  double y, gm_error *err);

/* Reads every feature of layer (an earlier output of the layer def,
 * written with plans[0..def->n_fields)) as a record of def's type and hands
 * it to fn, in the layer's order. Fields are found by their planned names;
 * a missing or null value reads as 0, NaN or NULL; dates come back as
 * "YYYY-MM-DD" whether stored as dates or text. The record's lon and lat
 * are the "lon" and "lat" fields when the layer has them, else x and y.
 * Features without a point are skipped. GM_E_FORMAT naming path when the
 * layer lacks the schema's first field (not a geomap layer of that kind). */
gm_status gm_append_read_layer(OGRLayerH layer, const gm_layer_def *def,
                               const gm_field_plan *plans, const char *path,
                               gm_append_fn fn, void *ctx, gm_error *err);

#endif
