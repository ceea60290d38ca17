/* Sharded runs: the shard of an id, shard manifests, and the merge of shard
 * outputs (read with OGR, sorted, places aggregated, written through the
 * exporter). See merge.h for the rules and the order. The whole set is
 * held in memory while it is sorted: records of every part, strings in a
 * chunked pool. */
#include "exports/merge.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "exports/append.h"
#include "exports/fields.h"
#include "exports/readback.h"

#define MANIFEST_MAGIC "geomap-shard 1"

unsigned gm_merge_shard_of(const char *id, size_t len, unsigned n)
{
    return n ? (unsigned)(XXH3_64bits(id, len) % n) : 0;
}

/* ---- manifests ---- */

char *gm_merge_manifest_path(const char *out)
{
    size_t len = strlen(out);
    while (len > 1 && out[len - 1] == '/')
        len--;
    size_t base = len;
    while (base > 0 && out[base - 1] != '/')
        base--;
    gm_buf path = GM_BUF_INIT;
    gm_buf_printf(&path, "%.*s.%.*s.geomap-shard", (int)base, out,
                  (int)(len - base), out + base);
    return path.data;
}

static void layer_list(unsigned layers, gm_buf *b)
{
    size_t n;
    const gm_layer_def *defs = gm_fields_layers(&n);
    bool first = true;
    for (size_t i = 0; i < n; i++)
        if (layers & defs[i].bit) {
            gm_buf_printf(b, "%s%s", first ? "" : ",", defs[i].name);
            first = false;
        }
}

gm_status gm_merge_manifest_write(const char *out, const gm_merge_manifest *m,
                                  gm_error *err)
{
    char *path = gm_merge_manifest_path(out);
    gm_buf tmp = GM_BUF_INIT, layers = GM_BUF_INIT;
    gm_buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
    layer_list(m->layers, &layers);
    gm_status st = GM_OK;
    FILE *f = fopen(tmp.data, "w");
    if (!f) {
        st = gm_err_set(err, GM_E_IO, tmp.data, 0,
                        "cannot write the shard manifest: %s",
                        strerror(errno));
    } else {
        fprintf(f, MANIFEST_MAGIC "\nshard %u/%u\nlayers %s\n"
                "read %" PRIu64 "\nmapped %" PRIu64 "\nrejected %" PRIu64
                "\nother_shards %" PRIu64 "\nmentions %" PRIu64
                "\nplaces %" PRIu64 "\nevents %" PRIu64 "\n",
                m->k, m->n, gm_buf_str(&layers), m->read, m->mapped,
                m->rejected, m->other_shards, m->mentions, m->places,
                m->events);
        bool ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
        ok = fclose(f) == 0 && ok;
        if (!ok || rename(tmp.data, path) != 0) {
            st = gm_err_set(err, GM_E_IO, path, 0,
                            "cannot write the shard manifest: %s",
                            strerror(errno));
            remove(tmp.data);
        }
    }
    gm_buf_free(&tmp);
    gm_buf_free(&layers);
    free(path);
    return st;
}

gm_status gm_merge_manifest_remove(const char *out, gm_error *err)
{
    char *path = gm_merge_manifest_path(out);
    gm_status st = GM_OK;
    if (remove(path) != 0 && errno != ENOENT)
        st = gm_err_set(err, GM_E_IO, path, 0,
                        "cannot remove the shard manifest: %s",
                        strerror(errno));
    free(path);
    return st;
}

static bool parse_layers(const char *list, unsigned *layers)
{
    size_t n;
    const gm_layer_def *defs = gm_fields_layers(&n);
    *layers = 0;
    while (*list) {
        size_t len = strcspn(list, ",");
        bool found = false;
        for (size_t i = 0; i < n; i++)
            if (strlen(defs[i].name) == len &&
                !strncmp(defs[i].name, list, len)) {
                *layers |= defs[i].bit;
                found = true;
            }
        if (!found)
            return false;
        list += len + (list[len] == ',');
    }
    return *layers != 0;
}

gm_status gm_merge_manifest_read(const char *out, gm_merge_manifest *m,
                                 gm_error *err)
{
    char *path = gm_merge_manifest_path(out);
    memset(m, 0, sizeof *m);
    FILE *f = fopen(path, "r");
    if (!f) {
        gm_status st = gm_err_set(err, GM_E_IO, out, 0,
                                  "no shard manifest (%s): not the complete "
                                  "output of geomap extract --shard",
                                  strrchr(path, '/') ? strrchr(path, '/') + 1
                                                     : path);
        free(path);
        return st;
    }
    char line[512], layers[256] = "";
    bool magic = false, shard = false;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!strcmp(line, MANIFEST_MAGIC))
            magic = true;
        else if (sscanf(line, "shard %u/%u", &m->k, &m->n) == 2)
            shard = true;
        else if (sscanf(line, "layers %255s", layers) == 1)
            continue;
        else if (sscanf(line, "read %" SCNu64, &m->read) == 1 ||
                 sscanf(line, "mapped %" SCNu64, &m->mapped) == 1 ||
                 sscanf(line, "rejected %" SCNu64, &m->rejected) == 1 ||
                 sscanf(line, "other_shards %" SCNu64, &m->other_shards) ==
                     1 ||
                 sscanf(line, "mentions %" SCNu64, &m->mentions) == 1 ||
                 sscanf(line, "places %" SCNu64, &m->places) == 1 ||
                 sscanf(line, "events %" SCNu64, &m->events) == 1)
            continue;
    }
    fclose(f);
    gm_status st = GM_OK;
    if (!magic || !shard || m->k < 1 || m->k > m->n ||
        m->n > GM_MERGE_MAX_SHARDS || !parse_layers(layers, &m->layers))
        st = gm_err_set(err, GM_E_FORMAT, path, 0,
                        "not a geomap shard manifest");
    free(path);
    return st;
}

/* ---- a pool for the strings of records read ---- */

typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    char data[];
} chunk;

typedef struct str_pool {
    chunk *head;
} str_pool;

#define CHUNK_SIZE (1u << 20)

static const char *pool_dup(str_pool *p, const char *s)
{
    if (!s)
        return NULL;
    size_t len = strlen(s) + 1;
    if (!p->head || p->head->size - p->head->used < len) {
        size_t size = len > CHUNK_SIZE ? len : CHUNK_SIZE;
        chunk *c = gm_xmalloc(sizeof *c + size);
        c->next = p->head;
        c->used = 0;
        c->size = size;
        p->head = c;
    }
    char *d = p->head->data + p->head->used;
    memcpy(d, s, len);
    p->head->used += len;
    return d;
}

static void pool_free(str_pool *p)
{
    while (p->head) {
        chunk *next = p->head->next;
        free(p->head);
        p->head = next;
    }
}

/* ---- reading the parts ---- */

/* One record of a layer, as read, with where it came from. */
typedef struct item {
    union {
        gm_mention_rec mention;
        gm_event_rec event;
        gm_place_rec place;
    } rec;
    size_t part, seq;
} item;

typedef struct item_list {
    item *items;
    size_t n, cap;
} item_list;

typedef struct merge_state {
    const gm_merge_options *opts;
    gm_merge_manifest *manifests;
    unsigned layers;
    str_pool strings;
    item_list lists[3]; /* by index of gm_fields_layers */
} merge_state;

static void *at_offset(void *rec, size_t offset)
{
    return (char *)rec + offset;
}

/* Keeps a string read back in the pool (ctx) for the whole merge. */
static const char *keep_in_pool(void *ctx, size_t field, const char *s)
{
    (void)field;
    return pool_dup(ctx, s);
}

/* Fills rec (of def's type) from f, strings copied into the pool. */
static void read_record(merge_state *s, OGRFeatureH f,
                        const gm_layer_def *def, const int *index, void *rec)
{
    gm_readback_record(f, def, index, keep_in_pool, &s->strings, rec);
    /* The point: the geometry's (WGS 84, checked); none: NaN. */
    double *lon = at_offset(rec, def->lon_offset);
    double *lat = at_offset(rec, def->lat_offset);
    *lon = *lat = NAN;
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (g && wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPoint &&
        !OGR_G_IsEmpty(g)) {
        *lon = OGR_G_GetX(g, 0);
        *lat = OGR_G_GetY(g, 0);
    }
}

/* Does the part hold what its manifest counted? A stale or cut output is
 * caught here rather than merged. */
static gm_status check_count(const merge_state *s, size_t part,
                             const gm_layer_def *def, size_t have,
                             const char *path, gm_error *err)
{
    const gm_merge_manifest *m = &s->manifests[part];
    uint64_t want = def->bit == GM_LAYER_PLACES     ? m->places
                    : def->bit == GM_LAYER_MENTIONS ? m->mentions
                                                    : m->events;
    if (have != want)
        return gm_err_set(err, GM_E_FORMAT, path, 0,
                          "holds %zu %s, its manifest says %" PRIu64
                          ": rerun shard %u/%u", have, def->name, want, m->k,
                          m->n);
    return GM_OK;
}

static gm_status read_layer(merge_state *s, size_t part, size_t li,
                            const gm_layer_def *def, OGRLayerH layer,
                            const char *path, gm_error *err)
{
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (srs) {
        OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(NULL);
        OSRSetWellKnownGeogCS(wgs84, "WGS84");
        bool same = OSRIsGeographic(srs) && OSRIsSameGeogCS(srs, wgs84);
        OSRDestroySpatialReference(wgs84);
        if (!same)
            return gm_err_set(err, GM_E_FORMAT, path, 0,
                              "layer %s is not in WGS 84: shards to merge "
                              "are written without -t_srs", def->name);
    }
    assert(def->n_fields <= GM_READBACK_MAX_FIELDS);
    gm_field_plan plans[GM_READBACK_MAX_FIELDS];
    gm_fields_plan(def, false, plans);
    int index[GM_READBACK_MAX_FIELDS];
    size_t missing = gm_readback_fields(layer, def, plans, index);
    if (missing < def->n_fields)
        return gm_err_set(err, GM_E_FORMAT, path, 0,
                          "layer %s has no field %s: not a geomap %s layer "
                          "(merge reads GeoJSONSeq, GeoJSON, FlatGeobuf and "
                          "GPKG shards)",
                          OGR_L_GetName(layer), plans[missing].name,
                          def->name);
    item_list *list = &s->lists[li];
    size_t seq = 0;
    OGRFeatureH f;
    OGR_L_ResetReading(layer);
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        gm_xgrow((void **)&list->items, &list->cap, list->n + 1,
                 sizeof *list->items);
        item *it = &list->items[list->n++];
        read_record(s, f, def, index, &it->rec);
        it->part = part;
        it->seq = seq++;
        OGR_F_Destroy(f);
    }
    return check_count(s, part, def, seq, path, err);
}

/* The file of layer name in the directory dir, NULL when none. Owned. */
static char *layer_file(const char *dir, const char *name)
{
    static const char *const exts[] = { "geojsonl", "geojsons", "fgb",
                                        "geojson", "json", "gpkg", NULL };
    for (size_t i = 0; exts[i]; i++) {
        gm_buf path = GM_BUF_INIT;
        gm_buf_printf(&path, "%s/%s.%s", dir, name, exts[i]);
        struct stat st;
        if (stat(path.data, &st) == 0 && S_ISREG(st.st_mode))
            return path.data;
        gm_buf_free(&path);
    }
    return NULL;
}

static gm_status open_fail(const char *path, gm_error *err)
{
    return gm_err_set(err, GM_E_GDAL, path, 0, "cannot read: %s",
                      CPLGetLastErrorMsg()[0] ? CPLGetLastErrorMsg()
                                              : "not a vector dataset");
}

static const unsigned open_flags = GDAL_OF_VECTOR | GDAL_OF_READONLY;

/* Reads every layer the manifests name from one part. */
static gm_status read_part(merge_state *s, size_t part, gm_error *err)
{
    const char *path = s->opts->parts[part];
    struct stat st;
    if (stat(path, &st) != 0)
        return gm_err_set(err, GM_E_IO, path, 0, "cannot read: %s",
                          strerror(errno));
    size_t n_defs;
    const gm_layer_def *defs = gm_fields_layers(&n_defs);
    gm_status status = GM_OK;
    GDALDatasetH file_ds = NULL;
    if (!S_ISDIR(st.st_mode)) {
        file_ds = GDALOpenEx(path, open_flags, NULL, NULL, NULL);
        if (!file_ds)
            return open_fail(path, err);
    }
    int n_wanted = 0;
    for (size_t i = 0; i < n_defs; i++)
        n_wanted += (s->layers & defs[i].bit) != 0;
    for (size_t i = 0; i < n_defs && status == GM_OK; i++) {
        if (!(s->layers & defs[i].bit))
            continue;
        if (file_ds) {
            OGRLayerH layer = GDALDatasetGetLayerByName(file_ds,
                                                        defs[i].name);
            /* A one-layer file (--layers mentions -o m.geojsonl) names its
             * layer after the file. */
            if (!layer && n_wanted == 1 && GDALDatasetGetLayerCount(file_ds)
                                               == 1)
                layer = GDALDatasetGetLayer(file_ds, 0);
            if (!layer)
                status = gm_err_set(err, GM_E_FORMAT, path, 0,
                                    "has no %s layer, which its manifest "
                                    "names", defs[i].name);
            else
                status = read_layer(s, part, i, &defs[i], layer, path, err);
            continue;
        }
        char *file = layer_file(path, defs[i].name);
        if (!file) {
            status = gm_err_set(err, GM_E_FORMAT, path, 0,
                                "holds no %s layer file (%s.geojsonl, .fgb, "
                                ".geojson...), which its manifest names",
                                defs[i].name, defs[i].name);
            break;
        }
        /* An empty layer of GeoJSONSeq is an empty file, which OGR does
         * not open. */
        struct stat fst;
        if (stat(file, &fst) == 0 && fst.st_size == 0) {
            status = check_count(s, part, &defs[i], 0, file, err);
            free(file);
            continue;
        }
        GDALDatasetH ds = GDALOpenEx(file, open_flags, NULL, NULL, NULL);
        if (!ds) {
            status = open_fail(file, err);
        } else {
            OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
            status = layer ? read_layer(s, part, i, &defs[i], layer, file,
                                        err)
                           : open_fail(file, err);
            GDALClose(ds);
        }
        free(file);
    }
    if (file_ds)
        GDALClose(file_ds);
    return status;
}

/* ---- checking the set ---- */

static gm_status check_set(merge_state *s, gm_error *err)
{
    const gm_merge_options *o = s->opts;
    s->manifests = gm_xcalloc(o->n_parts, sizeof *s->manifests);
    for (size_t i = 0; i < o->n_parts; i++) {
        gm_status st = gm_merge_manifest_read(o->parts[i], &s->manifests[i],
                                              err);
        if (st != GM_OK)
            return st;
    }
    unsigned n = o->expect ? o->expect : s->manifests[0].n;
    s->layers = s->manifests[0].layers;
    size_t *seen = gm_xcalloc((size_t)n + 1, sizeof *seen); /* part + 1 */
    gm_status st = GM_OK;
    for (size_t i = 0; i < o->n_parts && st == GM_OK; i++) {
        const gm_merge_manifest *m = &s->manifests[i];
        if (m->n != n)
            st = gm_err_set(err, GM_E_INPUT, o->parts[i], 0,
                            "is shard %u/%u, not one of %u shards%s", m->k,
                            m->n, n,
                            o->expect ? " (--expect)" : " as the first part");
        else if (m->layers != s->layers)
            st = gm_err_set(err, GM_E_INPUT, o->parts[i], 0,
                            "holds other layers than %s (every shard is "
                            "extracted with the same --layers)",
                            o->parts[0]);
        else if (seen[m->k])
            st = gm_err_set(err, GM_E_INPUT, o->parts[i], 0,
                            "is shard %u/%u, as %s is", m->k, n,
                            o->parts[seen[m->k] - 1]);
        else
            seen[m->k] = i + 1;
    }
    if (st == GM_OK) {
        gm_buf missing = GM_BUF_INIT;
        size_t n_missing = 0;
        for (unsigned k = 1; k <= n; k++)
            if (!seen[k]) {
                if (n_missing < 20)
                    gm_buf_printf(&missing, "%s%u/%u",
                                  n_missing ? ", " : "", k, n);
                n_missing++;
            }
        if (n_missing > 20)
            gm_buf_printf(&missing, " and %zu more", n_missing - 20);
        if (n_missing)
            st = gm_err_set(err, GM_E_INPUT, NULL, 0,
                            "incomplete set of shards: missing %s (%zu of "
                            "%u); rerun them, nothing was written",
                            gm_buf_str(&missing), n_missing, n);
        gm_buf_free(&missing);
    }
    free(seen);
    return st;
}

/* ---- ordering ---- */

static int cmp_part_seq(const item *a, const item *b)
{
    if (a->part != b->part)
        return a->part < b->part ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int cmp_int(int64_t a, int64_t b)
{
    return a < b ? -1 : a > b;
}

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* By article id, then offsets: the order of the writes of a shard is not
 * the order of its reading (FlatGeobuf's index sorts by space). */
static int cmp_mentions(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    const gm_mention_rec *x = &a->rec.mention, *y = &b->rec.mention;
    int c = cmp_str(x->article, y->article);
    if (!c)
        c = cmp_int(x->start, y->start);
    if (!c)
        c = cmp_int(x->end, y->end);
    return c ? c : cmp_part_seq(a, b);
}

static int cmp_events(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    const gm_event_rec *x = &a->rec.event, *y = &b->rec.event;
    int c = cmp_str(x->article, y->article);
    if (!c)
        c = cmp_int(x->trigger_start, y->trigger_start);
    if (!c)
        c = cmp_int(x->trigger_end, y->trigger_end);
    if (!c)
        c = cmp_int(x->loc_start, y->loc_start);
    if (!c)
        c = cmp_str(x->code, y->code);
    return c ? c : cmp_part_seq(a, b);
}

/* A place's rank: the index of its first mention in merged order. */
typedef struct ranked {
    size_t rank; /* SIZE_MAX: not mentioned */
    int64_t place_id;
    size_t entry;
} ranked;

static int cmp_ranked(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return a->place_id < b->place_id ? -1 : a->place_id > b->place_id;
}

/* place_id → first rank, open addressing (index + 1 in slots). */
typedef struct rank_map {
    int64_t *ids;
    size_t *ranks;
    size_t n_slots;
} rank_map;

static size_t rank_slot(const rank_map *m, int64_t id)
{
    uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;
    size_t mask = m->n_slots - 1;
    size_t i = (size_t)(h ^ (h >> 32)) & mask;
    while (m->ranks[i] != SIZE_MAX && m->ids[i] != id)
        i = (i + 1) & mask;
    return i;
}

/* ---- writing ---- */

typedef struct writer {
    gm_export *out;
    gm_diag_fn diag;
    void *diag_ctx;
} writer;

static gm_status written(writer *w, gm_status st, gm_error *err)
{
    if (st == GM_E_INPUT) {
        if (w->diag)
            w->diag(w->diag_ctx, err);
        return GM_OK;
    }
    return st;
}

static gm_status write_all(merge_state *s, gm_merge_stats *stats,
                           gm_error *err)
{
    size_t n_defs;
    const gm_layer_def *defs = gm_fields_layers(&n_defs);
    assert(n_defs == 3);
    item_list *mentions = NULL, *events = NULL, *places = NULL;
    for (size_t i = 0; i < n_defs; i++) {
        if (defs[i].bit == GM_LAYER_MENTIONS)
            mentions = &s->lists[i];
        else if (defs[i].bit == GM_LAYER_EVENTS)
            events = &s->lists[i];
        else if (defs[i].bit == GM_LAYER_PLACES)
            places = &s->lists[i];
    }
    /* A layer the shards did not write has no items: qsort takes no NULL
     * array, even of none. */
    if (mentions->n)
        qsort(mentions->items, mentions->n, sizeof(item), cmp_mentions);
    if (events->n)
        qsort(events->items, events->n, sizeof(item), cmp_events);

    /* Places: aggregated by place_id (the append table's rule: counts
     * summed, dates widened; names and point are the same in every part,
     * which come from one gazetteer), then ordered by first mention. */
    gm_place_table *table = gm_append_places_new();
    for (size_t i = 0; i < places->n; i++) {
        const gm_place_rec *r = &places->items[i].rec.place;
        gm_append_places_merge(table, r, r->lon, r->lat);
    }
    size_t n_places = gm_append_places_count(table);
    rank_map map = { NULL, NULL, 64 };
    while (map.n_slots < 2 * mentions->n + 2)
        map.n_slots *= 2;
    map.ids = gm_xcalloc(map.n_slots, sizeof *map.ids);
    map.ranks = gm_xmalloc(map.n_slots * sizeof *map.ranks);
    for (size_t i = 0; i < map.n_slots; i++)
        map.ranks[i] = SIZE_MAX;
    for (size_t i = 0; i < mentions->n; i++) {
        size_t slot = rank_slot(&map, mentions->items[i].rec.mention.place_id);
        if (map.ranks[slot] == SIZE_MAX) {
            map.ids[slot] = mentions->items[i].rec.mention.place_id;
            map.ranks[slot] = i;
        }
    }
    ranked *order = gm_xcalloc(n_places + 1, sizeof *order);
    for (size_t i = 0; i < n_places; i++) {
        double x, y;
        const gm_place_rec *r = gm_append_places_get(table, i, &x, &y);
        order[i].place_id = r->place_id;
        order[i].rank = map.ranks[rank_slot(&map, r->place_id)];
        order[i].entry = i;
    }
    qsort(order, n_places, sizeof *order, cmp_ranked);
    free(map.ids);
    free(map.ranks);

    gm_export_options eo = s->opts->out;
    eo.layers = s->layers;
    writer w = { NULL, eo.diag, eo.diag_ctx };
    gm_status st = gm_export_open(&eo, &w.out, err);
    if (st == GM_OK && (s->layers & GM_LAYER_MENTIONS))
        for (size_t i = 0; i < mentions->n && st == GM_OK; i++)
            st = written(&w, gm_export_mention(w.out,
                                               &mentions->items[i].rec.mention,
                                               err), err);
    if (st == GM_OK && (s->layers & GM_LAYER_EVENTS))
        for (size_t i = 0; i < events->n && st == GM_OK; i++)
            st = written(&w, gm_export_event(w.out,
                                             &events->items[i].rec.event,
                                             err), err);
    if (st == GM_OK && (s->layers & GM_LAYER_PLACES))
        for (size_t i = 0; i < n_places && st == GM_OK; i++) {
            double x, y;
            const gm_place_rec *r = gm_append_places_get(
                table, order[i].entry, &x, &y);
            st = written(&w, gm_export_place(w.out, r, err), err);
        }
    if (st == GM_OK)
        st = gm_export_commit(w.out, err);
    else
        gm_export_abort(w.out);
    if (stats) {
        stats->mentions = mentions->n;
        stats->events = events->n;
        stats->places = n_places;
    }
    free(order);
    gm_append_places_free(table);
    return st;
}

gm_status gm_merge_run(const gm_merge_options *opts, gm_merge_stats *stats,
                       gm_error *err)
{
    if (opts->n_parts == 0)
        return gm_err_set(err, GM_E_USAGE, NULL, 0, "no PART given");
    GDALAllRegister();
    merge_state s;
    memset(&s, 0, sizeof s);
    s.opts = opts;
    gm_status st = check_set(&s, err);
    CPLPushErrorHandler(CPLQuietErrorHandler);
    for (size_t p = 0; p < opts->n_parts && st == GM_OK; p++)
        st = read_part(&s, p, err);
    CPLPopErrorHandler();
    if (st == GM_OK) {
        if (stats) {
            memset(stats, 0, sizeof *stats);
            stats->n = s.manifests[0].n;
            stats->layers = s.layers;
            for (size_t p = 0; p < opts->n_parts; p++) {
                stats->read += s.manifests[p].mapped +
                               s.manifests[p].rejected;
                stats->mapped += s.manifests[p].mapped;
                stats->rejected += s.manifests[p].rejected;
            }
        }
        st = write_all(&s, stats, err);
    }
    for (size_t i = 0; i < 3; i++)
        free(s.lists[i].items);
    pool_free(&s.strings);
    free(s.manifests);
    return st;
}
