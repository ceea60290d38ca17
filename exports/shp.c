/* ESRI Shapefile quirks: DBF field names and widths, the .cpg option, the
 * list of sidecar files. The writer (export.c) applies the plan made here;
 * the layer schemas are in fields.c. */
#include "exports/shp.h"

#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/ascii.h"

const char *const gm_shp_layer_options[] = { "ENCODING=UTF-8", NULL };

const char *const gm_shp_sidecars[] = {
    "shp", "shx", "dbf", "prj", "cpg", "qml", /* what geomap writes */
    "qix", "sbn", "sbx", "fbn", "fbx",       /* spatial indexes */
    "ain", "aih", "atx", "ixs", "mxs", "qpj", "shp.xml", NULL
};

static bool taken(char (*out)[GM_SHP_NAME_MAX + 1], size_t n,
                  const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (gm_ascii_eq(out[i], name))
            return true;
    return false;
}

void gm_shp_field_names(const char *const *names, size_t n,
                        char (*out)[GM_SHP_NAME_MAX + 1])
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        assert(len > 0);
        size_t keep = gm_fields_utf8_fit(names[i], len, GM_SHP_NAME_MAX);
        memcpy(out[i], names[i], keep);
        out[i][keep] = '\0';
        /* At most i earlier names can collide, so some k <= i + 1 is free
         * and the loop ends. */
        for (size_t k = 1; taken(out, i, out[i]); k++) {
            char suffix[24];
            int slen = snprintf(suffix, sizeof suffix, "_%zu", k);
            size_t stem = gm_fields_utf8_fit(
                names[i], keep, GM_SHP_NAME_MAX - (size_t)slen);
            memcpy(out[i], names[i], stem);
            memcpy(out[i] + stem, suffix, (size_t)slen + 1);
        }
    }
}

void gm_shp_plan(const gm_layer_def *layer, gm_field_plan *plans)
{
    gm_fields_plan(layer, true, plans);

    const char *names[64];
    char mapped[64][GM_SHP_NAME_MAX + 1];
    assert(layer->n_fields <= sizeof names / sizeof names[0]);
    for (size_t i = 0; i < layer->n_fields; i++)
        names[i] = layer->fields[i].name;
    gm_shp_field_names(names, layer->n_fields, mapped);

    for (size_t i = 0; i < layer->n_fields; i++) {
        const gm_field_def *f = &layer->fields[i];
        gm_field_plan *p = &plans[i];
        memcpy(p->name, mapped[i], strlen(mapped[i]) + 1);
        switch (f->kind) {
        case GM_FIELD_STRING:
            p->width = f->width > 0 && f->width < GM_SHP_STRING_MAX
                           ? f->width
                           : GM_SHP_STRING_MAX;
            p->max_bytes = (size_t)p->width;
            break;
        case GM_FIELD_INT64:
            /* OGR gives a wider numeric field back as Real; values that do
             * not fit make OGR widen the field: the writer counts them. */
            p->width = GM_SHP_INT64_WIDTH;
            p->max_digits = GM_SHP_INT64_WIDTH;
            break;
        case GM_FIELD_REAL:
        case GM_FIELD_DATE:
            break; /* OGR's defaults: 24.15 and 8 (YYYYMMDD) */
        }
    }
}
