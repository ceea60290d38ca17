/* geomap serve: the HTTP API and the web map's files, on libmicrohttpd.
 * The contract with the web page and with API users is README.md beside
 * this file. This header is what the CLI (cli/cmd_serve.c) sees: the
 * options and one run function. */
#ifndef GM_SERVE_SERVE_H
#define GM_SERVE_SERVE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "gazetteer/gaz.h"

typedef struct gm_serve_options {
    const char *listen;          /* "HOST:PORT", "[V6]:PORT"; NULL: 127.0.0.1:8080 */
    const char *data;            /* layers to serve (any OGR dataset), or NULL */
    const char *web_root;        /* directory of the web page, or NULL: none */
    size_t max_body;             /* bytes; 0: 10 MiB */
    unsigned max_connections;    /* 0: 512 */
    unsigned timeout_s;          /* idle seconds before a connection closes; 0: 30 */
    unsigned threads;            /* request threads; 0: the online processors */
    const char *cors;            /* Access-Control-Allow-Origin, or NULL: no CORS */
} gm_serve_options;

#define GM_SERVE_DEFAULT_LISTEN "127.0.0.1:8080"
#define GM_SERVE_DEFAULT_MAX_BODY ((size_t)10 * 1024 * 1024)
#define GM_SERVE_DEFAULT_MAX_CONNECTIONS 512u
#define GM_SERVE_DEFAULT_TIMEOUT_S 30u

/* Loads --data, listens, prints "geomap: serving http://HOST:PORT/" to
 * stderr, and answers requests until SIGINT or SIGTERM (which it blocks in
 * the calling thread and waits for); then stops cleanly and returns GM_OK.
 * gaz is borrowed, read-only, shared by every request thread. Fails before
 * listening with GM_E_USAGE (a bad --listen), GM_E_GDAL or GM_E_IO (--data
 * unreadable), GM_E_IO (cannot listen: address in use...), err saying why.
 * One server per process (it owns the process's SIGINT/SIGTERM). */
gm_status gm_serve_run(const gm_serve_options *opts, const gm_gaz *gaz,
                       gm_error *err);

#endif
