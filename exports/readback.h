/* A feature of an earlier geomap output read back into a record of
 * collect/records.h: the one reader behind -append (append.c) and
 * geomap merge (merge.c). Which features are read, where a record's point
 * comes from and where its strings are kept are the caller's; nothing here
 * opens or writes a dataset. Thread-safe as far as the OGR handles are
 * used by one thread. */
#ifndef GM_EXPORTS_READBACK_H
#define GM_EXPORTS_READBACK_H

#include <stddef.h>

#include <ogr_api.h>

#include "exports/fields.h"

/* The most fields a layer of fields.h has, for callers' index arrays. */
#define GM_READBACK_MAX_FIELDS 64

/* Finds the field of each plans[i] (i < def->n_fields) by its planned name
 * in layer's schema: index[i] is its OGR index, -1 when missing. Returns
 * the first i missing, def->n_fields when none is. */
size_t gm_readback_fields(OGRLayerH layer, const gm_layer_def *def,
                          const gm_field_plan *plans, int *index);

/* Keeps the text s of field i of the record being read (s is borrowed for
 * the call) and returns what the record is to point to, which must live
 * as long as the caller uses the record. */
typedef const char *(*gm_readback_keep_fn)(void *ctx, size_t field,
                                           const char *s);

/* Fills rec (def->rec_size bytes, a record of def's type) from f: field i
 * from f's field index[i] (from gm_readback_fields). A missing (-1) or null
 * value reads as 0, NaN or NULL; strings and dates go through keep, dates
 * as "YYYY-MM-DD" whether stored as dates or as text. The record's lon
 * and lat, which are no schema fields, are left 0: the point is the
 * caller's to set. */
void gm_readback_record(OGRFeatureH f, const gm_layer_def *def,
                        const int *index, gm_readback_keep_fn keep,
                        void *ctx, void *rec);

#endif
