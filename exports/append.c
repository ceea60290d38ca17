/* Reading an earlier output back (gm_append_read_layer, its records by
 * readback.c) and merging places (the table), for -append. See append.h
 * for the rules. */
#include "exports/append.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "exports/readback.h"

#define RECORD_MAX 256 /* bytes; the largest record of records.h fits */

typedef struct place_entry {
    gm_place_rec rec; /* strings owned */
    double x, y;
} place_entry;

struct gm_place_table {
    place_entry *entries;
    size_t n, cap;
    size_t *slots;    /* open addressing: index + 1, 0 = free */
    size_t n_slots;   /* a power of two */
};

gm_place_table *gm_append_places_new(void)
{
    gm_place_table *t = gm_xcalloc(1, sizeof *t);
    t->n_slots = 64;
    t->slots = gm_xcalloc(t->n_slots, sizeof *t->slots);
    return t;
}

static void free_strings(gm_place_rec *r)
{
    free((char *)r->name);
    free((char *)r->country);
    free((char *)r->admin1);
    free((char *)r->feature);
    free((char *)r->first_date);
    free((char *)r->last_date);
}

void gm_append_places_free(gm_place_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        free_strings(&t->entries[i].rec);
    free(t->entries);
    free(t->slots);
    free(t);
}

static size_t hash_id(int64_t id)
{
    uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 32));
}

/* The slot holding id, or the free slot where it would go. */
static size_t *slot_of(const gm_place_table *t, int64_t id)
{
    size_t mask = t->n_slots - 1;
    for (size_t i = hash_id(id) & mask;; i = (i + 1) & mask) {
        size_t *s = &t->slots[i];
        if (!*s || t->entries[*s - 1].rec.place_id == id)
            return s;
    }
}

static void grow_slots(gm_place_table *t)
{
    free(t->slots);
    t->n_slots *= 2;
    t->slots = gm_xcalloc(t->n_slots, sizeof *t->slots);
    for (size_t i = 0; i < t->n; i++)
        *slot_of(t, t->entries[i].rec.place_id) = i + 1;
}

static char *dup_or_null(const char *s)
{
    return s ? gm_xstrdup(s) : NULL;
}

/* Replaces *dst by a copy of src when *dst is NULL or src sorts after it
 * (sign 1) or before it (sign -1); ISO dates sort as text. */
static void widen(const char **dst, const char *src, int sign)
{
    if (!src)
        return;
    if (!*dst || strcmp(src, *dst) * sign > 0) {
        free((char *)*dst);
        *dst = gm_xstrdup(src);
    }
}

static void replace(const char **dst, const char *src)
{
    free((char *)*dst);
    *dst = dup_or_null(src);
}

/* a + b, held at INT64_MAX and 0: the counts come from files read back
 * (an earlier output, shard parts), which may hold anything. */
static int64_t add_counts(int64_t a, int64_t b)
{
    if (a < 0)
        a = 0;
    if (b < 0)
        b = 0;
    return a > INT64_MAX - b ? INT64_MAX : a + b;
}

void gm_append_places_merge(gm_place_table *t, const gm_place_rec *rec,
                            double x, double y)
{
    size_t *s = slot_of(t, rec->place_id);
    if (*s) {
        place_entry *e = &t->entries[*s - 1];
        e->rec.mentions = add_counts(e->rec.mentions, rec->mentions);
        e->rec.articles = add_counts(e->rec.articles, rec->articles);
        widen(&e->rec.first_date, rec->first_date, -1);
        widen(&e->rec.last_date, rec->last_date, 1);
        replace(&e->rec.name, rec->name);
        replace(&e->rec.country, rec->country);
        replace(&e->rec.admin1, rec->admin1);
        replace(&e->rec.feature, rec->feature);
        e->rec.lon = rec->lon;
        e->rec.lat = rec->lat;
        e->x = x;
        e->y = y;
        return;
    }
    gm_xgrow((void **)&t->entries, &t->cap, t->n + 1, sizeof *t->entries);
    place_entry *e = &t->entries[t->n++];
    e->rec = *rec;
    e->rec.name = dup_or_null(rec->name);
    e->rec.country = dup_or_null(rec->country);
    e->rec.admin1 = dup_or_null(rec->admin1);
    e->rec.feature = dup_or_null(rec->feature);
    e->rec.first_date = dup_or_null(rec->first_date);
    e->rec.last_date = dup_or_null(rec->last_date);
    e->x = x;
    e->y = y;
    *s = t->n;
    if (t->n * 2 > t->n_slots)
        grow_slots(t);
}

size_t gm_append_places_count(const gm_place_table *t)
{
    return t->n;
}

const gm_place_rec *gm_append_places_get(const gm_place_table *t, size_t i,
                                         double *x, double *y)
{
    assert(i < t->n);
    *x = t->entries[i].x;
    *y = t->entries[i].y;
    return &t->entries[i].rec;
}

/* The point of a feature (the first of a multipoint); false when none. */
static bool feature_point(OGRFeatureH f, double *x, double *y)
{
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (g && wkbFlatten(OGR_G_GetGeometryType(g)) == wkbMultiPoint &&
        OGR_G_GetGeometryCount(g) > 0)
        g = OGR_G_GetGeometryRef(g, 0);
    if (!g || wkbFlatten(OGR_G_GetGeometryType(g)) != wkbPoint ||
        OGR_G_IsEmpty(g))
        return false;
    *x = OGR_G_GetX(g, 0);
    *y = OGR_G_GetY(g, 0);
    return true;
}

static void *field_at(void *rec, size_t offset)
{
    return (char *)rec + offset;
}

/* Keeps a string read back in the buffer of its field (ctx: gm_buf[]),
 * until the next feature. */
static const char *keep_in_buffer(void *ctx, size_t field, const char *s)
{
    gm_buf *texts = ctx;
    gm_buf_clear(&texts[field]);
    gm_buf_append_str(&texts[field], s);
    return gm_buf_str(&texts[field]);
}

gm_status gm_append_read_layer(OGRLayerH layer, const gm_layer_def *def,
                               const gm_field_plan *plans, const char *path,
                               gm_append_fn fn, void *ctx, gm_error *err)
{
    assert(def->n_fields <= GM_READBACK_MAX_FIELDS &&
           def->rec_size <= RECORD_MAX);
    int index[GM_READBACK_MAX_FIELDS];
    gm_readback_fields(layer, def, plans, index);
    if (index[0] < 0)
        return gm_err_set(err, GM_E_FORMAT, path, 0,
                          "cannot append: layer %s has no field %s, it is "
                          "not a geomap %s layer",
                          OGR_L_GetName(layer), plans[0].name, def->name);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int lon_index = OGR_FD_GetFieldIndex(defn, "lon");
    int lat_index = OGR_FD_GetFieldIndex(defn, "lat");

    gm_buf texts[GM_READBACK_MAX_FIELDS];
    for (size_t i = 0; i < def->n_fields; i++)
        texts[i] = (gm_buf)GM_BUF_INIT;
    /* Aligned for the doubles and pointers of a record. */
    union {
        double d;
        void *p;
        int64_t i;
        unsigned char bytes[RECORD_MAX];
    } rec;
    gm_status status = GM_OK;
    OGRFeatureH f;
    OGR_L_ResetReading(layer);
    while (status == GM_OK && (f = OGR_L_GetNextFeature(layer)) != NULL) {
        double x, y;
        if (feature_point(f, &x, &y)) {
            gm_readback_record(f, def, index, keep_in_buffer, texts,
                               rec.bytes);
            double *lon = field_at(rec.bytes, def->lon_offset);
            double *lat = field_at(rec.bytes, def->lat_offset);
            bool has_lonlat = lon_index >= 0 && lat_index >= 0 &&
                              OGR_F_IsFieldSetAndNotNull(f, lon_index) &&
                              OGR_F_IsFieldSetAndNotNull(f, lat_index);
            *lon = has_lonlat ? OGR_F_GetFieldAsDouble(f, lon_index) : x;
            *lat = has_lonlat ? OGR_F_GetFieldAsDouble(f, lat_index) : y;
            status = fn(ctx, rec.bytes, x, y, err);
        }
        OGR_F_Destroy(f);
    }
    for (size_t i = 0; i < def->n_fields; i++)
        gm_buf_free(&texts[i]);
    return status;
}
