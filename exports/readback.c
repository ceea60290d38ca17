/* Reading a feature of an earlier output back into a record, for -append
 * and geomap merge. See readback.h. */
#include "exports/readback.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

size_t gm_readback_fields(OGRLayerH layer, const gm_layer_def *def,
                          const gm_field_plan *plans, int *index)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    size_t missing = def->n_fields;
    for (size_t i = 0; i < def->n_fields; i++) {
        index[i] = OGR_FD_GetFieldIndex(defn, plans[i].name);
        if (index[i] < 0 && missing == def->n_fields)
            missing = i;
    }
    return missing;
}

/* The text of field k of f as the record keeps it; NULL when unreadable
 * as a date. */
static const char *read_text(OGRFeatureH f, int k, gm_field_kind kind,
                             gm_readback_keep_fn keep, void *ctx,
                             size_t field)
{
    OGRFieldType type = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, k));
    if (kind != GM_FIELD_DATE || (type != OFTDate && type != OFTDateTime))
        return keep(ctx, field, OGR_F_GetFieldAsString(f, k));
    int y, m, d, h, mi, tz;
    float sec;
    if (!OGR_F_GetFieldAsDateTimeEx(f, k, &y, &m, &d, &h, &mi, &sec, &tz))
        return NULL;
    /* OGR holds the year in 16 bits, month and day in 8: it fits. */
    char date[32];
    snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
    return keep(ctx, field, date);
}

void gm_readback_record(OGRFeatureH f, const gm_layer_def *def,
                        const int *index, gm_readback_keep_fn keep,
                        void *ctx, void *rec)
{
    memset(rec, 0, def->rec_size);
    for (size_t i = 0; i < def->n_fields; i++) {
        const gm_field_def *fd = &def->fields[i];
        void *p = (char *)rec + fd->offset;
        int k = index[i];
        bool set = k >= 0 && OGR_F_IsFieldSetAndNotNull(f, k);
        switch (fd->kind) {
        case GM_FIELD_INT64:
            *(int64_t *)p = set ? OGR_F_GetFieldAsInteger64(f, k) : 0;
            break;
        case GM_FIELD_REAL:
            *(double *)p = set ? OGR_F_GetFieldAsDouble(f, k) : NAN;
            break;
        case GM_FIELD_STRING:
        case GM_FIELD_DATE:
            *(const char **)p =
                set ? read_text(f, k, fd->kind, keep, ctx, i) : NULL;
            break;
        }
    }
}
