/* GeoJSON Features of the engine's records, with the properties the
 * exporter writes to the mentions and events layers: the field list, the
 * names, their order and the null rules all come from exports/fields.h, the
 * exporter's own schema, so the API cannot drift from `geomap extract`.
 * Numbers as the GeoJSON driver writes them: coordinates with 6 decimals
 * (COORDINATE_PRECISION=6), reals with 15 significant digits. */
#include "serve/internal.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>

#include "collect/records.h"
#include "exports/fields.h"

static const void *member(const void *rec, size_t offset)
{
    return (const char *)rec + offset;
}

json_object *gm_srv_feature(unsigned layer_bit, const void *rec)
{
    const gm_layer_def *def = gm_fields_layer(layer_bit);
    assert(def && rec);
    json_object *props = json_object_new_object();
    json_object_object_add(props, "layer", json_object_new_string(def->name));
    for (size_t i = 0; i < def->n_fields; i++) {
        const gm_field_def *f = &def->fields[i];
        const void *p = member(rec, f->offset);
        json_object *v = NULL;
        switch (f->kind) {
        case GM_FIELD_INT64:
            v = json_object_new_int64(*(const int64_t *)p);
            break;
        case GM_FIELD_REAL:
            v = gm_srv_json_double(*(const double *)p, 15, false);
            break;
        case GM_FIELD_STRING:
        case GM_FIELD_DATE: {
            const char *s = *(const char *const *)p;
            v = s ? json_object_new_string(s) : NULL;
            break;
        }
        }
        json_object_object_add(props, f->name, v);
    }

    double lon = *(const double *)member(rec, def->lon_offset);
    double lat = *(const double *)member(rec, def->lat_offset);
    json_object *geometry = NULL;
    if (isfinite(lon) && isfinite(lat)) {
        geometry = json_object_new_object();
        json_object_object_add(geometry, "type", json_object_new_string("Point"));
        json_object *xy = json_object_new_array();
        json_object_array_add(xy, gm_srv_json_double(lon, 6, true));
        json_object_array_add(xy, gm_srv_json_double(lat, 6, true));
        json_object_object_add(geometry, "coordinates", xy);
    }
    json_object *feature = json_object_new_object();
    json_object_object_add(feature, "type", json_object_new_string("Feature"));
    json_object_object_add(feature, "properties", props);
    json_object_object_add(feature, "geometry", geometry);
    return feature;
}
