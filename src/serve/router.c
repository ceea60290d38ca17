/* Routing: which handler a method and a path go to, and the 404 and 405
 * answers of everything else. The table of routes is README.md's. */
#include "serve/internal.h"

#include <string.h>

static bool is_get(const char *method)
{
    return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

#define ALLOW_GET "GET, HEAD"
#define ALLOW_POST "POST"

static void not_allowed(const gm_srv_request *req, const char *allow,
                        gm_srv_reply *r)
{
    gm_srv_reply_error(r, 405, "method %s not allowed on %s (allowed: %s)",
                       req->method, req->path, allow);
    r->allow = allow;
}

void gm_srv_route(const gm_srv *srv, const gm_srv_request *req,
                  gm_srv_reply *r)
{
    const char *path = req->path;
    bool get = is_get(req->method);
    if (strcmp(req->method, "OPTIONS") == 0 && srv->cors) {
        /* a CORS preflight: the headers are http.c's */
        r->status = 204;
        return;
    }
    if (strcmp(path, "/extract") == 0) {
        if (strcmp(req->method, "POST") != 0)
            return not_allowed(req, ALLOW_POST, r);
        return gm_srv_extract(srv, req, r);
    }
    if (!get)
        return not_allowed(req, ALLOW_GET, r);
    if (strcmp(path, "/health") == 0)
        return gm_srv_health(srv, req, r);
    if (strcmp(path, "/lookup") == 0)
        return gm_srv_lookup(srv, req, r);
    if (strcmp(path, "/layers") == 0 || strcmp(path, "/layers/") == 0)
        return gm_srv_layers_list(srv->layers, r);
    if (starts_with(path, "/layers/")) {
        const char *name = path + strlen("/layers/");
        size_t len = strlen(name), ext = strlen(".geojson");
        char layer[256];
        if (len <= ext || len - ext >= sizeof layer ||
            strcmp(name + len - ext, ".geojson") != 0)
            return gm_srv_reply_error(r, 404, "no such layer file: %s "
                                      "(ask /layers/NAME.geojson)", path);
        memcpy(layer, name, len - ext);
        layer[len - ext] = '\0';
        return gm_srv_layers_get(srv->layers, layer, r);
    }
    if (starts_with(path, "/tiles/"))
        return gm_srv_tiles_get(srv, path + strlen("/tiles/"), r);
    gm_srv_static(srv, path, r);
}
