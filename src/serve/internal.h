/* Internal to src/serve: what its files share. http.c turns each request
 * into a gm_srv_request, router.c picks the handler, the handlers fill a
 * gm_srv_reply, and http.c sends it. Handlers run on several threads at
 * once: everything in gm_srv is read-only after start-up. */
#ifndef GM_SERVE_INTERNAL_H
#define GM_SERVE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "core/error.h"
#include "gazetteer/gaz.h"
#include "serve/serve.h"

typedef struct gm_srv_layers gm_srv_layers; /* layers.c */
typedef struct gm_srv_tiles gm_srv_tiles;   /* tiles.c */

/* The server's state, immutable while it listens. */
typedef struct gm_srv {
    const gm_gaz *gaz;      /* borrowed */
    gm_srv_layers *layers;  /* --data, NULL without */
    gm_srv_tiles *tiles;    /* --data as MBTiles, NULL otherwise */
    char *web_root;         /* real path of the web root, NULL when none */
    size_t max_body;
    const char *cors;       /* NULL: no CORS headers */
} gm_srv;

/* One request, borrowed for the handler's call. */
typedef struct gm_srv_request {
    const char *method;       /* "GET", "HEAD", "POST"... */
    const char *path;         /* URL path, percent-decoded by MHD */
    const char *content_type; /* NULL when absent */
    const char *body;         /* NUL-terminated; "" when none */
    size_t body_len;
    void *conn;               /* the MHD connection, for gm_srv_query */
} gm_srv_request;

/* A query parameter of the URL (decoded), NULL when absent. */
const char *gm_srv_query(const gm_srv_request *req, const char *key);

/* What a handler answers. Exactly one of: body (owned, freed with free()
 * unless persistent), fd (a file, closed after sending), or nothing. */
typedef struct gm_srv_reply {
    unsigned status;
    const char *content_type; /* static string, NULL: none */
    char *body;
    size_t len;
    bool persistent;          /* body lives as long as the server */
    int fd;                   /* >= 0: send fd_size bytes of this file */
    uint64_t fd_size;
    const char *allow;        /* 405: the Allow header (static string) */
    const char *encoding;     /* Content-Encoding (static), NULL: none */
} gm_srv_reply;

#define GM_SRV_JSON "application/json; charset=utf-8"
#define GM_SRV_GEOJSON "application/geo+json"

/* response.c */
void gm_srv_reply_init(gm_srv_reply *r);
void gm_srv_reply_free(gm_srv_reply *r);
/* Serializes obj (and drops the caller's reference) as the body. */
void gm_srv_reply_json(gm_srv_reply *r, unsigned status,
                       const char *content_type, json_object *obj);
/* {"error": MESSAGE, "status": status}. */
void gm_srv_reply_error(gm_srv_reply *r, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A body the server keeps (the layers' GeoJSON). */
void gm_srv_reply_static(gm_srv_reply *r, unsigned status,
                         const char *content_type, const char *body,
                         size_t len);
/* A json-c double written with at most `digits` significant digits
 * (or decimals when fixed), as GDAL writes numbers, not json-c's %.17g. */
json_object *gm_srv_json_double(double v, int digits, bool fixed);

/* router.c: picks the handler of req and fills r. */
void gm_srv_route(const gm_srv *srv, const gm_srv_request *req,
                  gm_srv_reply *r);

/* handlers.c */
void gm_srv_health(const gm_srv *srv, const gm_srv_request *req,
                   gm_srv_reply *r);
void gm_srv_lookup(const gm_srv *srv, const gm_srv_request *req,
                   gm_srv_reply *r);

/* body.c: the articles of a POST /extract body (README.md says which
 * bodies are read how). Strings owned by the list. */
typedef struct gm_srv_article {
    char *id, *text, *date, *title, *url; /* date, title, url may be NULL */
    size_t text_len;
} gm_srv_article;

typedef struct gm_srv_articles {
    gm_srv_article *items;
    size_t n, cap;
} gm_srv_articles;

/* Fills out (empty first) with the articles of req's body, or fails with
 * GM_E_INPUT and a message for a 400 ("article 2: no \"text\" field");
 * out is empty then. */
gm_status gm_srv_body_parse(const gm_srv_request *req, gm_srv_articles *out,
                            gm_error *err);
void gm_srv_articles_free(gm_srv_articles *list);

/* extract.c: POST /extract. */
void gm_srv_extract(const gm_srv *srv, const gm_srv_request *req,
                    gm_srv_reply *r);

/* static.c: a file of the web root (path is the URL path). */
void gm_srv_static(const gm_srv *srv, const char *path, gm_srv_reply *r);
/* The Content-Type of a file name by its extension. Static string. */
const char *gm_srv_content_type(const char *name);

/* layers.c: --data read once, each layer as GeoJSON in memory. */
gm_status gm_srv_layers_load(const char *path, gm_srv_layers **out,
                             gm_error *err);
void gm_srv_layers_free(gm_srv_layers *layers);
size_t gm_srv_layers_count(const gm_srv_layers *layers); /* accepts NULL */
/* GET /layers and GET /layers/{name}.geojson. */
void gm_srv_layers_list(const gm_srv_layers *layers, gm_srv_reply *r);
void gm_srv_layers_get(const gm_srv_layers *layers, const char *name,
                       gm_srv_reply *r);
/* Is name a layer of the data? (Tiles check their layer against it.) */
bool gm_srv_layers_has(const gm_srv_layers *layers, const char *name);

/* tiles.c: MBTiles --data. *out stays NULL (GM_OK) when path is not an
 * MBTiles file. */
gm_status gm_srv_tiles_open(const char *path, gm_srv_tiles **out,
                            gm_error *err);
void gm_srv_tiles_close(gm_srv_tiles *tiles);
/* GET /tiles/{layer}/{z}/{x}/{y}.pbf; rest is what follows "/tiles/". */
void gm_srv_tiles_get(const gm_srv *srv, const char *rest, gm_srv_reply *r);

/* features.c: a record of collect/records.h as a GeoJSON Feature with the
 * properties the exporter writes, "layer" first. layer_bit: GM_LAYER_*. */
json_object *gm_srv_feature(unsigned layer_bit, const void *rec);

#endif
