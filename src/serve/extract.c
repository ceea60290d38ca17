/* POST /extract: the articles of the body through the same engine as
 * `geomap extract` (a worker, src/collect/worker.h, then the collector that
 * turns its result into the records the exporter writes), answered as one
 * GeoJSON FeatureCollection: every mention, then every event. Each request
 * has its own worker and collector; the gazetteer is the shared read-only
 * one, so requests run in parallel without locks. */
#include "serve/internal.h"

#include "collect/collect.h"
#include "collect/records.h"
#include "collect/worker.h"

typedef struct extract_out {
    json_object *mentions;
    json_object *events;
} extract_out;

static gm_status add_mention(void *ctx, const gm_mention_rec *rec,
                             gm_error *err)
{
    (void)err;
    extract_out *out = ctx;
    json_object_array_add(out->mentions, gm_srv_feature(GM_LAYER_MENTIONS, rec));
    return GM_OK;
}

static gm_status add_event(void *ctx, const gm_event_rec *rec, gm_error *err)
{
    (void)err;
    extract_out *out = ctx;
    json_object_array_add(out->events, gm_srv_feature(GM_LAYER_EVENTS, rec));
    return GM_OK;
}

void gm_srv_extract(const gm_srv *srv, const gm_srv_request *req,
                    gm_srv_reply *r)
{
    gm_error err;
    gm_err_clear(&err);
    gm_srv_articles list;
    if (gm_srv_body_parse(req, &list, &err) != GM_OK)
        return gm_srv_reply_error(r, 400, "%s", err.msg);

    extract_out out = { json_object_new_array(), json_object_new_array() };
    gm_worker worker;
    gm_worker_init(&worker, srv->gaz);
    gm_collector *collector = gm_collect_new(srv->gaz);
    gm_status st = GM_OK;
    for (size_t i = 0; st == GM_OK && i < list.n; i++) {
        const gm_srv_article *a = &list.items[i];
        gm_article article = { .id = a->id, .text = a->text,
                               .text_len = a->text_len, .title = a->title,
                               .date = a->date, .url = a->url, .extra = NULL,
                               .path = "request", .line = (long)(i + 1) };
        gm_worker_run(&worker, a->text, a->text_len);
        st = gm_collect_article(collector, &article, &worker.mentions,
                                add_mention, &out, &err);
        if (st == GM_OK)
            st = gm_collect_events(collector, &article, &worker.events,
                                   add_event, &out, &err);
    }
    gm_collect_free(collector);
    gm_worker_free(&worker);
    gm_srv_articles_free(&list);
    if (st != GM_OK) {
        json_object_put(out.mentions);
        json_object_put(out.events);
        return gm_srv_reply_error(r, st == GM_E_INPUT ? 400 : 500, "%s",
                                  err.msg);
    }

    size_t n = json_object_array_length(out.events);
    for (size_t i = 0; i < n; i++)
        json_object_array_add(out.mentions,
                              json_object_get(json_object_array_get_idx(out.events, i)));
    json_object_put(out.events);
    json_object *fc = json_object_new_object();
    json_object_object_add(fc, "type", json_object_new_string("FeatureCollection"));
    json_object_object_add(fc, "features", out.mentions);
    gm_srv_reply_json(r, 200, GM_SRV_GEOJSON, fc);
}
