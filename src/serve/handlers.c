/* The small GET handlers: /health and /lookup (the gazetteer's candidates
 * of a name, as `geomap gazetteer lookup` ranks them). */
#include "serve/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "text/fold.h"
#include "text/utf8.h"

#ifndef GEOMAP_VERSION
#define GEOMAP_VERSION "unknown"
#endif

#define LOOKUP_DEFAULT_LIMIT 20
#define LOOKUP_MAX_LIMIT 1000
#define LOOKUP_MAX_NAME_BYTES 1024

void gm_srv_health(const gm_srv *srv, const gm_srv_request *req,
                   gm_srv_reply *r)
{
    (void)req;
    json_object *o = json_object_new_object();
    json_object_object_add(o, "status", json_object_new_string("ok"));
    json_object_object_add(o, "version", json_object_new_string(GEOMAP_VERSION));
    json_object_object_add(o, "gazetteer",
                           json_object_new_string(gm_gaz_label(srv->gaz)));
    json_object_object_add(o, "places",
                           json_object_new_int64(gm_gaz_place_count(srv->gaz)));
    json_object_object_add(
        o, "layers",
        json_object_new_int64((int64_t)gm_srv_layers_count(srv->layers)));
    json_object_object_add(o, "tiles", json_object_new_boolean(srv->tiles != NULL));
    gm_srv_reply_json(r, 200, GM_SRV_JSON, o);
}

static const char *match_kind(const gm_gaz_hit *h)
{
    return (h->flags & GM_NAME_DEMONYM)   ? "demonym"
           : (h->flags & GM_NAME_ABBR)    ? "abbreviation"
           : (h->flags & GM_NAME_PRIMARY) ? "name"
                                          : "alternate";
}

static json_object *candidate(const gm_gaz *gaz, const gm_gaz_candidate *c)
{
    const gm_place *pl = &c->place;
    json_object *o = json_object_new_object();
    json_object_object_add(o, "id", json_object_new_int64(pl->id));
    json_object_object_add(o, "name", json_object_new_string(pl->name));
    json_object_object_add(o, "country", json_object_new_string(pl->country));
    json_object_object_add(o, "admin1", json_object_new_string(pl->admin1_name));
    json_object_object_add(o, "admin2", json_object_new_string(pl->admin2_name));
    json_object_object_add(o, "feature_code",
                           json_object_new_string(pl->feature_code));
    json_object_object_add(o, "lat", gm_srv_json_double(pl->lat, 6, true));
    json_object_object_add(o, "lon", gm_srv_json_double(pl->lon, 6, true));
    json_object_object_add(o, "population",
                           json_object_new_int64(pl->population));
    json_object_object_add(
        o, "matched",
        json_object_new_string(gm_gaz_string(gaz, c->hit.name_off)));
    json_object_object_add(o, "language",
                           json_object_new_string(gm_gaz_lang(gaz, c->hit.lang)));
    json_object_object_add(o, "match_kind",
                           json_object_new_string(match_kind(&c->hit)));
    json_object_object_add(
        o, "source", json_object_new_string(gm_gaz_source(gaz, pl->source)));
    return o;
}

void gm_srv_lookup(const gm_srv *srv, const gm_srv_request *req,
                   gm_srv_reply *r)
{
    const char *name = gm_srv_query(req, "name");
    const char *country = gm_srv_query(req, "country");
    const char *limit_s = gm_srv_query(req, "limit");
    if (!name || !*name)
        return gm_srv_reply_error(r, 400, "/lookup needs ?name=NAME");
    size_t name_len = strlen(name), bad = 0;
    if (name_len > LOOKUP_MAX_NAME_BYTES)
        return gm_srv_reply_error(r, 400, "name is %zu bytes, more than %d",
                                  name_len, LOOKUP_MAX_NAME_BYTES);
    if (!gm_utf8_validate(name, name_len, &bad))
        return gm_srv_reply_error(r, 400, "name: invalid UTF-8 at byte %zu",
                                  bad);
    long limit = LOOKUP_DEFAULT_LIMIT;
    if (limit_s) {
        char *end;
        errno = 0;
        limit = strtol(limit_s, &end, 10);
        if (errno || end == limit_s || *end || limit <= 0 ||
            limit > LOOKUP_MAX_LIMIT)
            return gm_srv_reply_error(r, 400, "limit must be 1 to %d, not "
                                      "'%.40s'", LOOKUP_MAX_LIMIT, limit_s);
    }

    gm_buf key = GM_BUF_INIT;
    gm_fold_name(name, name_len, &key);
    gm_gaz_match m = gm_gaz_lookup(srv->gaz, gm_buf_str(&key), key.len);
    gm_gaz_candidate *list = gm_xcalloc(m.count ? m.count : 1, sizeof *list);
    size_t all = gm_gaz_rank(srv->gaz, &m, list);
    json_object *array = json_object_new_array();
    for (size_t i = 0, n = 0; i < all && n < (size_t)limit; i++) {
        if (country && strcmp(list[i].place.country, country) != 0)
            continue;
        json_object_array_add(array, candidate(srv->gaz, &list[i]));
        n++;
    }
    free(list);
    gm_buf_free(&key);
    gm_srv_reply_json(r, 200, GM_SRV_JSON, array);
}
