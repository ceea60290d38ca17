/* Collector: mention records out as they come, places aggregated. */
#include "collect/collect.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "text/utf8.h"

/* What a mention's or an event's record takes of its place. */
typedef struct place_info {
    int64_t id;
    const char *name;      /* in the gazetteer's string pool */
    double lon, lat;
    char country[3];
} place_info;

typedef struct place_agg {
    uint32_t place;        /* gazetteer index */
    int64_t mentions;
    int64_t articles;
    uint64_t last_article; /* serial of the last article counted */
    place_info info;       /* decoded once, when the place is first met */
    char first_date[11];   /* YYYY-MM-DD or "" */
    char last_date[11];
} place_agg;

struct gm_collector {
    const gm_gaz *gaz;
    place_agg *aggs;       /* in order of first mention */
    size_t n_aggs, cap_aggs;
    uint32_t *table;       /* open addressing: aggs index + 1, 0 = empty */
    size_t table_cap;      /* power of two */
    uint64_t article_serial;
    size_t mention_count;
    size_t event_count;
    uint64_t *ids;         /* hashes of the article ids seen, 0 = empty */
    size_t ids_cap, ids_n; /* power of two; at most half full */
    size_t duplicates;     /* articles whose id was seen before */
    char *first_duplicate; /* "ID (FILE:LINE)" of the first of them */
    gm_buf surface;
    gm_buf trigger, sentence; /* an event's texts */
};

gm_collector *gm_collect_new(const gm_gaz *gaz)
{
    gm_collector *c = gm_xcalloc(1, sizeof *c);
    c->gaz = gaz;
    c->table_cap = 1024;
    c->table = gm_xcalloc(c->table_cap, sizeof *c->table);
    return c;
}

void gm_collect_free(gm_collector *c)
{
    if (!c)
        return;
    free(c->aggs);
    free(c->table);
    gm_buf_free(&c->surface);
    gm_buf_free(&c->trigger);
    gm_buf_free(&c->sentence);
    free(c->ids);
    free(c->first_duplicate);
    free(c);
}

static size_t slot_of(const gm_collector *c, uint32_t place)
{
    size_t pos = (size_t)(place * 2654435761u) & (c->table_cap - 1);
    while (c->table[pos] && c->aggs[c->table[pos] - 1].place != place)
        pos = (pos + 1) & (c->table_cap - 1);
    return pos;
}

static void grow_table(gm_collector *c)
{
    free(c->table);
    c->table_cap *= 2;
    c->table = gm_xcalloc(c->table_cap, sizeof *c->table);
    for (size_t i = 0; i < c->n_aggs; i++)
        c->table[slot_of(c, c->aggs[i].place)] = (uint32_t)i + 1;
}

static void place_info_of(const gm_gaz *gaz, uint32_t place,
                          place_info *info)
{
    gm_place p;
    gm_gaz_place(gaz, place, &p);
    info->id = p.id;
    info->name = p.name;
    info->lon = p.lon;
    info->lat = p.lat;
    memcpy(info->country, p.country, sizeof info->country);
}

static place_agg *agg_for(gm_collector *c, uint32_t place)
{
    size_t pos = slot_of(c, place);
    if (c->table[pos])
        return &c->aggs[c->table[pos] - 1];
    if ((c->n_aggs + 1) * 4 > c->table_cap * 3) {
        grow_table(c);
        pos = slot_of(c, place);
    }
    gm_xgrow((void **)&c->aggs, &c->cap_aggs, c->n_aggs + 1, sizeof *c->aggs);
    place_agg *a = &c->aggs[c->n_aggs++];
    memset(a, 0, sizeof *a);
    a->place = place;
    place_info_of(c->gaz, place, &a->info);
    c->table[pos] = (uint32_t)c->n_aggs;
    return a;
}

/* Asks the processor to fetch the line at p: only a hint. */
static void prefetch(const void *p)
{
#if defined(__GNUC__)
    __builtin_prefetch(p);
#else
    (void)p;
#endif
}

/* The calendar date of an ISO 8601 date or date-time, or "" . */
static void date_part(const char *iso, char out[11])
{
    out[0] = '\0';
    if (!iso)
        return;
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? iso[i] != '-' : !isdigit((unsigned char)iso[i]))
            return;
    }
    memcpy(out, iso, 10);
    out[10] = '\0';
}

static void note_date(place_agg *a, const char *date)
{
    if (!date[0])
        return;
    if (!a->first_date[0] || strcmp(date, a->first_date) < 0)
        memcpy(a->first_date, date, 11);
    if (!a->last_date[0] || strcmp(date, a->last_date) > 0)
        memcpy(a->last_date, date, 11);
}

/* Adds the id's hash to the set; true when it was there already. Only a
 * hash is kept, so memory stays small on millions of articles (two ids
 * sharing a 64-bit hash would be taken for one: a chance of about one in
 * 10^7 at 10^6 articles). */
static bool id_seen_before(gm_collector *c, const char *id)
{
    uint64_t h = XXH3_64bits(id, strlen(id));
    if (h == 0)
        h = 1;
    if ((c->ids_n + 1) * 2 > c->ids_cap) {
        size_t cap = c->ids_cap ? c->ids_cap * 2 : 1024;
        uint64_t *ids = gm_xcalloc(cap, sizeof *ids);
        for (size_t i = 0; i < c->ids_cap; i++)
            if (c->ids[i]) {
                size_t pos = c->ids[i] & (cap - 1);
                while (ids[pos])
                    pos = (pos + 1) & (cap - 1);
                ids[pos] = c->ids[i];
            }
        free(c->ids);
        c->ids = ids;
        c->ids_cap = cap;
    }
    size_t pos = h & (c->ids_cap - 1);
    while (c->ids[pos]) {
        if (c->ids[pos] == h)
            return true;
        pos = (pos + 1) & (c->ids_cap - 1);
    }
    c->ids[pos] = h;
    c->ids_n++;
    return false;
}

/* The place of an event: its aggregate's when a mention named it, else
 * decoded into *scratch. Borrowed until the next call. */
static const place_info *event_place(const gm_collector *c, uint32_t place,
                                     place_info *scratch)
{
    size_t pos = slot_of(c, place);
    if (c->table[pos])
        return &c->aggs[c->table[pos] - 1].info;
    place_info_of(c->gaz, place, scratch);
    return scratch;
}

/* Code-point offsets in one article by a running count: each offset is
 * counted on from the one asked before, or from the start when it lies
 * before that one, so offsets asked in text order scan the text once. */
typedef struct cp_cursor {
    const char *text;
    size_t byte; /* the offset asked last */
    size_t cp;   /* code points before it */
} cp_cursor;

/* Code points before byte offset off. A step of a few bytes (a mention's
 * or a trigger's own, from its start to its end) is counted here, byte by
 * byte, without the call. */
static int64_t code_points_at(cp_cursor *at, size_t off)
{
    if (off < at->byte) {
        at->byte = 0;
        at->cp = 0;
    }
    size_t len = off - at->byte;
    const unsigned char *p = (const unsigned char *)at->text + at->byte;
    if (len < 16) {
        size_t cont = 0;
        for (size_t i = 0; i < len; i++)
            cont += (p[i] & 0xC0) == 0x80;
        at->cp += len - cont;
    } else {
        at->cp += gm_utf8_count_valid((const char *)p, len);
    }
    at->byte = off;
    return (int64_t)at->cp;
}

/* buf made a copy of the len bytes at s, as gm_buf_clear and gm_buf_append
 * make it, with its memory grown only when too small. */
static const char *copy_text(gm_buf *buf, const char *s, size_t len)
{
    if (len + 1 > buf->cap)
        gm_xgrow((void **)&buf->data, &buf->cap, len + 1, 1);
    memcpy(buf->data, s, len);
    buf->data[len] = '\0';
    buf->len = len;
    return buf->data;
}

gm_status gm_collect_article(gm_collector *c, const gm_article *article,
                             const gm_mention_list *mentions,
                             gm_mention_sink sink, void *ctx, gm_error *err)
{
    c->article_serial++;
    if (id_seen_before(c, article->id) && c->duplicates++ == 0) {
        gm_buf where = GM_BUF_INIT;
        gm_buf_printf(&where, "%s (%s:%ld)", article->id,
                      article->path ? article->path : "", article->line);
        c->first_duplicate = gm_xstrdup(gm_buf_str(&where));
        gm_buf_free(&where);
    }
    char date[11];
    date_part(article->date, date);
    /* Mentions come in text order: the article is scanned once. */
    cp_cursor at = { article->text, 0, 0 };
    for (size_t i = 0; i < mentions->n; i++) {
        const gm_mention *m = &mentions->v[i];
        place_agg *a = agg_for(c, m->place);
        /* The place's name, written into the record below, is in the
         * gazetteer's string pool, mostly out of the processor's cache
         * since the place was last named: asked for now, it comes while
         * the counts, offsets and the fields before it are done. */
        if (sink)
            prefetch(a->info.name);
        a->mentions++;
        if (a->last_article != c->article_serial) {
            a->articles++;
            a->last_article = c->article_serial;
        }
        note_date(a, date);
        c->mention_count++;
        if (!sink)
            continue;
        /* The cursor is left at the span's end, where the next one is
         * counted from. */
        int64_t start = code_points_at(&at, m->off);
        int64_t end = code_points_at(&at, m->off + m->len);
        const place_info *p = &a->info;
        gm_mention_rec rec = {
            .article = article->id,
            .start = start,
            .end = end,
            .surface = copy_text(&c->surface, article->text + m->off,
                                 m->len),
            .place_id = p->id,
            .place = p->name,
            .country = p->country,
            .score = m->score,
            .lon = p->lon,
            .lat = p->lat,
        };
        gm_status st = sink(ctx, &rec, err);
        if (st != GM_OK)
            return st;
    }
    return GM_OK;
}

gm_status gm_collect_places(const gm_collector *c, gm_place_sink sink,
                            void *ctx, gm_error *err)
{
    for (size_t i = 0; i < c->n_aggs; i++) {
        const place_agg *a = &c->aggs[i];
        gm_place p;
        gm_gaz_place(c->gaz, a->place, &p);
        gm_place_rec rec = {
            .place_id = p.id,
            .name = p.name,
            .country = p.country,
            .admin1 = p.admin1_name,
            .feature = p.feature_code,
            .mentions = a->mentions,
            .articles = a->articles,
            .first_date = a->first_date[0] ? a->first_date : NULL,
            .last_date = a->last_date[0] ? a->last_date : NULL,
            .lon = p.lon,
            .lat = p.lat,
        };
        gm_status st = sink(ctx, &rec, err);
        if (st != GM_OK)
            return st;
    }
    return GM_OK;
}

size_t gm_collect_place_count(const gm_collector *c)
{
    return c->n_aggs;
}

size_t gm_collect_mention_count(const gm_collector *c)
{
    return c->mention_count;
}

size_t gm_collect_event_count(const gm_collector *c)
{
    return c->event_count;
}

size_t gm_collect_duplicate_ids(const gm_collector *c, const char **first)
{
    *first = c->first_duplicate ? c->first_duplicate : "";
    return c->duplicates;
}

gm_status gm_collect_events(gm_collector *c, const gm_article *article,
                            const gm_event_list *events, gm_event_sink sink,
                            void *ctx, gm_error *err)
{
    /* Events come in text order, and so do the places they name, mostly:
     * one running count for each. */
    cp_cursor trigger_at = { article->text, 0, 0 };
    cp_cursor loc_at = trigger_at;
    for (size_t i = 0; i < events->n; i++) {
        const gm_event *e = &events->v[i];
        c->event_count++;
        if (!sink)
            continue;
        char date[11];
        gm_event_date_precision dp =
            gm_event_date(&e->when, article->date, date);
        place_info scratch;
        bool placed = e->place != GM_EVENT_NO_PLACE;
        const place_info *p = placed ? event_place(c, e->place, &scratch)
                                     : NULL;
        /* The cursors are left at the spans' ends. */
        int64_t trigger_start = code_points_at(&trigger_at, e->trigger_off);
        int64_t trigger_end = code_points_at(&trigger_at, e->trigger_off +
                                                              e->trigger_len);
        bool has_loc = e->loc_len > 0;
        int64_t loc_start = has_loc ? code_points_at(&loc_at, e->loc_off)
                                    : -1;
        int64_t loc_end = has_loc ? code_points_at(&loc_at, e->loc_off +
                                                                e->loc_len)
                                  : -1;
        gm_event_rec rec = {
            .article = article->id,
            .date = date[0] ? date : NULL,
            .date_precision = gm_event_date_precision_name(dp),
            .code = e->code,
            .root_code = e->root_code,
            .quad_class = e->quad_class,
            .type = e->type ? e->type : "",
            .trigger = copy_text(&c->trigger, article->text + e->trigger_off,
                                 e->trigger_len),
            .trigger_start = trigger_start,
            .trigger_end = trigger_end,
            .sentence = copy_text(&c->sentence,
                                  article->text + e->sentence_off,
                                  e->sentence_len),
            .place_id = placed ? p->id : 0,
            .place = placed ? p->name : "",
            .country = placed ? p->country : "",
            .loc_start = loc_start,
            .loc_end = loc_end,
            .precision = gm_event_precision_name(e->precision),
            .reason = gm_event_reason_name(e->reason),
            .confidence = e->confidence,
            .fatalities = e->fatalities,
            .lon = placed ? p->lon : NAN,
            .lat = placed ? p->lat : NAN,
        };
        gm_status st = sink(ctx, &rec, err);
        if (st != GM_OK)
            return st;
    }
    return GM_OK;
}
