/* Collector: code-point offsets of mentions and events (in text order or
 * not), places aggregated over
 * articles (mention and article counts, first and last dates, order of
 * first mention). Runs on the mini gazetteer. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect.h"
#include "collect/worker.h"
#include "harness.h"
#include "text/utf8.h"

static char *tmpdir;
static gm_gaz *gaz;

static void setup(void)
{
    gm_test_engine_open(&tmpdir, &gaz, NULL);
}

static void teardown(void)
{
    gm_test_engine_close(tmpdir, gaz, NULL);
}

typedef struct seen {
    gm_mention_rec recs[16];
    char surfaces[16][64];
    char articles[16][32];
    size_t n;
    gm_place_rec places[16];
    char dates[16][2][11];
    char countries[16][3];
    size_t n_places;
} seen;

static gm_status take_mention(void *ctx, const gm_mention_rec *rec,
                              gm_error *err)
{
    (void)err;
    seen *s = ctx;
    ck_assert_uint_lt(s->n, 16);
    s->recs[s->n] = *rec;
    snprintf(s->surfaces[s->n], 64, "%s", rec->surface);
    snprintf(s->articles[s->n], 32, "%s", rec->article);
    s->n++;
    return GM_OK;
}

static gm_status take_place(void *ctx, const gm_place_rec *rec, gm_error *err)
{
    (void)err;
    seen *s = ctx;
    s->places[s->n_places] = *rec; /* strings borrowed: copy them */
    snprintf(s->countries[s->n_places], 3, "%s", rec->country);
    snprintf(s->dates[s->n_places][0], 11, "%s",
             rec->first_date ? rec->first_date : "");
    snprintf(s->dates[s->n_places][1], 11, "%s",
             rec->last_date ? rec->last_date : "");
    s->n_places++;
    return GM_OK;
}

static void feed(gm_collector *c, gm_worker *w, seen *s, const char *id,
                 const char *date, const char *text)
{
    gm_article a = { .id = id, .text = text, .text_len = strlen(text),
                     .date = date, .path = "test", .line = 1 };
    gm_worker_run(w, text, a.text_len);
    gm_error err;
    ck_assert_int_eq(gm_collect_article(c, &a, &w->mentions, take_mention, s,
                                        &err),
                     GM_OK);
}

START_TEST(test_offsets_in_code_points)
{
    gm_worker w;
    gm_worker_init(&w, gaz);
    gm_collector *c = gm_collect_new(gaz);
    seen *s = calloc(1, sizeof *s);
    /* "Ж" and "ə" are two bytes each: byte and code-point offsets differ */
    feed(c, &w, s, "a1", NULL, "Ж ə Baku, then Xankəndi.");
    ck_assert_uint_eq(s->n, 2);
    ck_assert_str_eq(s->surfaces[0], "Baku");
    ck_assert_int_eq(s->recs[0].start, 4);
    ck_assert_int_eq(s->recs[0].end, 8);
    ck_assert_str_eq(s->surfaces[1], "Xankəndi");
    ck_assert_int_eq(s->recs[1].start, 15);
    ck_assert_int_eq(s->recs[1].end, 23);
    ck_assert_int_eq(s->recs[1].place_id, 146970);
    ck_assert_str_eq(s->articles[1], "a1");
    ck_assert_double_eq_tol(s->recs[1].lon, 46.7528, 1e-6);
    gm_collect_free(c);
    gm_worker_free(&w);
    free(s);
}
END_TEST

typedef struct seen_events {
    int64_t trigger[8][2], loc[8][2];
    char triggers[8][32];
    int64_t place_id[8];
    char places[8][32];
    char countries[8][3];
    double lon[8];
    size_t n;
} seen_events;

static gm_status take_event(void *ctx, const gm_event_rec *rec,
                            gm_error *err)
{
    (void)err;
    seen_events *s = ctx;
    ck_assert_uint_lt(s->n, 8);
    s->trigger[s->n][0] = rec->trigger_start;
    s->trigger[s->n][1] = rec->trigger_end;
    s->loc[s->n][0] = rec->loc_start;
    s->loc[s->n][1] = rec->loc_end;
    snprintf(s->triggers[s->n], 32, "%s", rec->trigger);
    s->place_id[s->n] = rec->place_id;
    snprintf(s->places[s->n], 32, "%s", rec->place);
    snprintf(s->countries[s->n], 3, "%s", rec->country);
    s->lon[s->n] = rec->lon;
    s->n++;
    return GM_OK;
}

/* An event at trigger (byte offsets) placed by the mention at loc, or by
 * none when loc_len is 0. */
static gm_event event_at(uint32_t trigger_off, uint32_t trigger_len,
                         uint32_t loc_off, uint32_t loc_len)
{
    gm_event e;
    memset(&e, 0, sizeof e);
    e.type = "";
    e.trigger_off = trigger_off;
    e.trigger_len = trigger_len;
    e.sentence_len = trigger_len;
    e.sentence_off = trigger_off;
    e.place = GM_EVENT_NO_PLACE;
    e.mention = -1;
    e.loc_off = loc_off;
    e.loc_len = loc_len;
    return e;
}

/* Each event's offsets are counted right whether events and the places
 * they name come in text order or not (the collector counts on from the
 * offset asked before, or from the start). */
START_TEST(test_event_offsets_in_code_points)
{
    /* "Ж" and "ə" are two bytes each. Bytes: shelled at 6, Xankəndi at
       14 (9 bytes), attacked at 31, Baku at 40; code points 4, 12, 27, 36 */
    const char *text = "Ж ə shelled Xankəndi and Ж attacked Baku.";
    gm_article a = { .id = "e1", .text = text, .text_len = strlen(text),
                     .path = "test", .line = 1 };
    gm_event v[4] = {
        event_at(6, 7, 14, 9),  /* shelled, Xankəndi */
        event_at(31, 8, 40, 4), /* attacked, Baku */
        event_at(6, 7, 40, 4),  /* shelled again, Baku: trigger goes back */
        event_at(31, 8, 14, 9), /* attacked, Xankəndi: the place goes back */
    };
    gm_event_list events = { .v = v, .n = 4 };
    gm_collector *c = gm_collect_new(gaz);
    seen_events s;
    memset(&s, 0, sizeof s);
    gm_error err;
    ck_assert_int_eq(gm_collect_events(c, &a, &events, take_event, &s, &err),
                     GM_OK);
    ck_assert_uint_eq(s.n, 4);
    static const int64_t want_trigger[4][2] = {
        { 4, 11 }, { 27, 35 }, { 4, 11 }, { 27, 35 }
    };
    static const int64_t want_loc[4][2] = {
        { 12, 20 }, { 36, 40 }, { 36, 40 }, { 12, 20 }
    };
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(s.trigger[i][0], want_trigger[i][0]);
        ck_assert_int_eq(s.trigger[i][1], want_trigger[i][1]);
        ck_assert_int_eq(s.loc[i][0], want_loc[i][0]);
        ck_assert_int_eq(s.loc[i][1], want_loc[i][1]);
    }
    ck_assert_str_eq(s.triggers[1], "attacked");
    ck_assert_uint_eq(gm_collect_event_count(c), 4);
    gm_collect_free(c);
}
END_TEST

START_TEST(test_places_aggregated)
{
    gm_worker w;
    gm_worker_init(&w, gaz);
    gm_collector *c = gm_collect_new(gaz);
    seen *s = calloc(1, sizeof *s);
    feed(c, &w, s, "a1", "2024-03-05T10:00:00Z", "Baku and Baku and Yerevan.");
    feed(c, &w, s, "a2", "2024-01-02", "Yerevan again.");
    feed(c, &w, s, "a3", "not a date", "Baku once more.");
    ck_assert_uint_eq(gm_collect_mention_count(c), 5);
    ck_assert_uint_eq(gm_collect_place_count(c), 2);
    gm_error err;
    ck_assert_int_eq(gm_collect_places(c, take_place, s, &err), GM_OK);
    ck_assert_uint_eq(s->n_places, 2);
    /* order of first mention: Baku, then Yerevan */
    ck_assert_int_eq(s->places[0].place_id, 587084);
    ck_assert_int_eq(s->places[0].mentions, 3);
    ck_assert_int_eq(s->places[0].articles, 2);
    ck_assert_str_eq(s->dates[0][0], "2024-03-05");
    ck_assert_str_eq(s->dates[0][1], "2024-03-05");
    ck_assert_int_eq(s->places[1].place_id, 616052);
    ck_assert_int_eq(s->places[1].mentions, 2);
    ck_assert_int_eq(s->places[1].articles, 2);
    ck_assert_str_eq(s->dates[1][0], "2024-01-02");
    ck_assert_str_eq(s->dates[1][1], "2024-03-05");
    ck_assert_str_eq(s->countries[1], "AM");
    gm_collect_free(c);
    gm_worker_free(&w);
    free(s);
}
END_TEST

/* A place is decoded once, when a mention first names it, for all its
 * records: each mention and event gets its own place, whether the
 * article's mentions named it, or only an earlier article's did, or none
 * did (an event's place decoded for it alone). */
START_TEST(test_places_of_records)
{
    gm_worker w;
    gm_worker_init(&w, gaz);
    gm_collector *c = gm_collect_new(gaz);
    seen *s = calloc(1, sizeof *s);
    feed(c, &w, s, "a1", NULL, "Xankəndi and Baku.");
    ck_assert_uint_eq(s->n, 2);
    uint32_t xankendi = w.mentions.v[0].place, baku = w.mentions.v[1].place;
    feed(c, &w, s, "a2", NULL, "Yerevan, Baku and Yerevan.");
    ck_assert_uint_eq(s->n, 5);
    static const int64_t want_ids[5] = { 146970, 587084, 616052, 587084,
                                         616052 };
    for (size_t i = 0; i < 5; i++)
        ck_assert_int_eq(s->recs[i].place_id, want_ids[i]);
    uint32_t yerevan = w.mentions.v[0].place;

    /* events of a2: at its places, at a1's Xankəndi, unplaced */
    const char *text = "Yerevan, Baku and Yerevan.";
    gm_article a = { .id = "a2", .text = text, .text_len = strlen(text),
                     .path = "test", .line = 1 };
    gm_event v[5] = { event_at(0, 7, 0, 7), event_at(9, 4, 9, 4),
                      event_at(0, 7, 0, 0), event_at(18, 7, 0, 0),
                      event_at(9, 4, 0, 0) };
    v[0].place = yerevan;
    v[1].place = baku;
    v[2].place = xankendi;
    gm_place country;
    gm_gaz_place(gaz, baku, &country);
    char baku_country[3];
    memcpy(baku_country, country.country, 3);
    ck_assert_uint_ne(country.country_place, UINT32_MAX);
    gm_gaz_place(gaz, country.country_place, &country);
    v[4].place = country.index;
    gm_event_list events = { .v = v, .n = 5 };
    seen_events e;
    memset(&e, 0, sizeof e);
    gm_error err;
    ck_assert_int_eq(gm_collect_events(c, &a, &events, take_event, &e, &err),
                     GM_OK);
    ck_assert_uint_eq(e.n, 5);
    ck_assert_int_eq(e.place_id[0], 616052);
    ck_assert_str_eq(e.places[0], "Yerevan");
    ck_assert_int_eq(e.place_id[1], 587084);
    ck_assert_str_eq(e.places[1], "Baku");
    ck_assert_str_eq(e.countries[1], baku_country);
    ck_assert_str_eq(e.countries[1], "AZ");
    ck_assert_int_eq(e.place_id[2], 146970);
    ck_assert_double_eq_tol(e.lon[2], 46.7528, 1e-6);
    ck_assert_int_eq(e.place_id[3], 0);
    ck_assert_str_eq(e.places[3], "");
    ck_assert_int_eq(e.place_id[4], country.id);
    ck_assert_str_eq(e.places[4], country.name);
    ck_assert_str_eq(e.countries[4], "AZ");
    ck_assert_double_eq_tol(e.lon[4], country.lon, 1e-9);
    gm_collect_free(c);
    gm_worker_free(&w);
    free(s);
}
END_TEST

/* Mentions whose spans overlap or go back still get their own
 * code-point offsets (each count goes on from the end of the span before,
 * or from the start). */
START_TEST(test_mention_offsets_going_back)
{
    gm_worker w;
    gm_worker_init(&w, gaz);
    const char *text = "Ж ə Baku, then Xankəndi.";
    gm_worker_run(&w, text, strlen(text));
    ck_assert_uint_eq(w.mentions.n, 2);
    gm_mention v[3] = { w.mentions.v[1], w.mentions.v[1], w.mentions.v[0] };
    v[1].off += 4; /* "əndi", inside the span before */
    v[1].len -= 4;
    gm_mention_list list = { .v = v, .n = 3 };
    gm_article a = { .id = "a1", .text = text, .text_len = strlen(text),
                     .path = "test", .line = 1 };
    gm_collector *c = gm_collect_new(gaz);
    seen *s = calloc(1, sizeof *s);
    gm_error err;
    ck_assert_int_eq(gm_collect_article(c, &a, &list, take_mention, s, &err),
                     GM_OK);
    ck_assert_uint_eq(s->n, 3);
    ck_assert_int_eq(s->recs[0].start, 15);
    ck_assert_int_eq(s->recs[0].end, 23);
    ck_assert_str_eq(s->surfaces[1], "əndi");
    ck_assert_int_eq(s->recs[1].start, 19);
    ck_assert_int_eq(s->recs[1].end, 23);
    ck_assert_int_eq(s->recs[2].start, 4);
    ck_assert_int_eq(s->recs[2].end, 8);
    gm_collect_free(c);
    gm_worker_free(&w);
    free(s);
}
END_TEST

/* Code-point offsets of spans of every length from every character of a
 * text mixing 1- to 4-byte characters, in text order and going back: the
 * collector counts steps under sixteen bytes byte by byte and longer ones
 * eight and thirty-two bytes at a time, and a span shorter or longer than
 * a block, or ending inside one, must count as gm_utf8_count does. */
typedef struct offsets_seen {
    const int64_t *start, *end; /* expected, in record order */
    size_t n;
} offsets_seen;

static gm_status check_offsets(void *ctx, const gm_mention_rec *rec,
                               gm_error *err)
{
    (void)err;
    offsets_seen *o = ctx;
    ck_assert_int_eq(rec->start, o->start[o->n]);
    ck_assert_int_eq(rec->end, o->end[o->n]);
    o->n++;
    return GM_OK;
}

START_TEST(test_offsets_every_span)
{
    gm_worker w;
    gm_worker_init(&w, gaz);
    const char *name = "Baku";
    gm_worker_run(&w, name, strlen(name));
    ck_assert_uint_eq(w.mentions.n, 1);
    static const char *const pieces[] = { "a", "\xC3\xA9", "\xE2\x82\xAC",
                                          "\xF0\x9D\x84\x9E", "bc" };
    char text[400] = "";
    size_t bounds[200], n_bounds = 0;
    for (size_t i = 0; strlen(text) + 4 < sizeof text - 1; i++) {
        bounds[n_bounds++] = strlen(text);
        strcat(text, pieces[(i * 7 + i / 5) % 5]);
    }
    bounds[n_bounds++] = strlen(text);
    static const size_t spans[] = { 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89 };
    size_t n_spans = sizeof spans / sizeof spans[0];
    size_t cap = 2 * n_bounds * n_spans;
    gm_mention *v = calloc(cap, sizeof *v);
    int64_t *start = calloc(cap, sizeof *start);
    int64_t *end = calloc(cap, sizeof *end);
    size_t n = 0;
    for (int back = 0; back < 2; back++)
        for (size_t i = 0; i < n_bounds; i++)
            for (size_t k = 0; k < n_spans; k++) {
                size_t from = back ? n_bounds - 1 - i : i;
                size_t to = from + spans[k];
                if (to >= n_bounds)
                    continue;
                v[n] = w.mentions.v[0];
                v[n].off = (uint32_t)bounds[from];
                v[n].len = (uint32_t)(bounds[to] - bounds[from]);
                start[n] = (int64_t)gm_utf8_count(text, bounds[from]);
                end[n] = (int64_t)gm_utf8_count(text, bounds[to]);
                n++;
            }
    gm_mention_list list = { .v = v, .n = n };
    gm_article a = { .id = "a1", .text = text, .text_len = strlen(text),
                     .path = "test", .line = 1 };
    gm_collector *c = gm_collect_new(gaz);
    offsets_seen o = { start, end, 0 };
    gm_error err;
    ck_assert_int_eq(gm_collect_article(c, &a, &list, check_offsets, &o,
                                        &err),
                     GM_OK);
    ck_assert_uint_eq(o.n, n);
    gm_collect_free(c);
    gm_worker_free(&w);
    free(v);
    free(start);
    free(end);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("collect");
    TCase *tc = tcase_create("collect");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_offsets_in_code_points);
    tcase_add_test(tc, test_event_offsets_in_code_points);
    tcase_add_test(tc, test_places_aggregated);
    tcase_add_test(tc, test_places_of_records);
    tcase_add_test(tc, test_mention_offsets_going_back);
    tcase_add_test(tc, test_offsets_every_span);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
