/* geomap serve: options → gm_serve_options, the gazetteer opened once, and
 * the server run until SIGINT/SIGTERM (src/serve/, contract in
 * src/serve/README.md). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/diag.h"
#include "cli/opts.h"
#include "serve/serve.h"

#ifndef GEOMAP_DATADIR
#define GEOMAP_DATADIR "/usr/local/share/geomap"
#endif

enum {
    OPT_DATA = 1, OPT_LISTEN, OPT_WEB, OPT_MAX_BODY, OPT_MAX_CONNECTIONS,
    OPT_TIMEOUT, OPT_CORS, OPT_THREADS, OPT_GAZETTEER, OPT_QUIET, OPT_HELP
};

static const gm_cli_opt serve_options[] = {
    { OPT_DATA, NULL, "--data", "LAYERS",
      "layers to serve: a file or directory geomap wrote (GPKG, GeoJSON, MBTiles...)" },
    { OPT_LISTEN, NULL, "--listen", "HOST:PORT",
      "address to listen on (default 127.0.0.1:8080; port 0: any free port)" },
    { OPT_WEB, NULL, "--web", "DIR",
      "web root (default: web beside the binary, then the installed one)" },
    { OPT_MAX_BODY, NULL, "--max-body", "BYTES",
      "largest request body accepted (default 10485760)" },
    { OPT_MAX_CONNECTIONS, NULL, "--max-connections", "N",
      "connections served at once (default 512)" },
    { OPT_TIMEOUT, NULL, "--timeout", "SECONDS",
      "close a connection idle this long (default 30)" },
    { OPT_CORS, NULL, "--cors", "ORIGIN",
      "allow cross-origin requests from ORIGIN (default: none)" },
    { OPT_THREADS, "-j", "--jobs", "N",
      "request threads (default: the number of processors)" },
    { OPT_GAZETTEER, NULL, "--gazetteer", "FILE",
      "compiled gazetteer (default: $GEOMAP_GAZETTEER, installed, embedded)" },
    { OPT_QUIET, "-q", "--quiet", NULL, "print errors and the serving line only" },
    { OPT_HELP, "-h", "--help", NULL, "show this help" },
    { 0, NULL, NULL, NULL, NULL }
};

static bool parse_count(const char *command, const char *opt, const char *v,
                        unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || end == v || *end || v[0] == '-' || n == 0 || n > max) {
        gm_cli_usage_error(command, "%s takes a number from 1 to %llu, not '%s'",
                           opt, max, v);
        return false;
    }
    *out = n;
    return true;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The default web root: web/ beside the binary (a build tree puts the map
 * there), then the installed one; NULL when neither exists. */
static char *default_web_root(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char path[PATH_MAX + 8];
            snprintf(path, sizeof path, "%s/web", exe);
            if (is_dir(path))
                return strdup(path);
        }
    }
    if (is_dir(GEOMAP_DATADIR "/web"))
        return strdup(GEOMAP_DATADIR "/web");
    return NULL;
}

int gm_cli_serve(int argc, char **argv)
{
    gm_cli_parser p;
    gm_cli_parser_init(&p, "geomap serve", serve_options, argc, argv);
    gm_serve_options opts = { 0 };
    const char *gazetteer = NULL, *v;
    bool quiet = false;
    unsigned long long n;
    int opt;
    while ((opt = gm_cli_next(&p, &v)) != GM_CLI_END) {
        switch (opt) {
        case GM_CLI_ERROR: return GM_EXIT_USAGE;
        case GM_CLI_POSITIONAL:
            gm_cli_usage_error(p.command, "unexpected argument '%s' (layers "
                                          "are given with --data)", v);
            return GM_EXIT_USAGE;
        case OPT_DATA: opts.data = v; break;
        case OPT_LISTEN: opts.listen = v; break;
        case OPT_WEB: opts.web_root = v; break;
        case OPT_CORS: opts.cors = v; break;
        case OPT_GAZETTEER: gazetteer = v; break;
        case OPT_QUIET: quiet = true; break;
        case OPT_MAX_BODY:
            if (!parse_count(p.command, "--max-body", v, (1ULL << 32), &n))
                return GM_EXIT_USAGE;
            opts.max_body = (size_t)n;
            break;
        case OPT_MAX_CONNECTIONS:
            if (!parse_count(p.command, "--max-connections", v, 65536, &n))
                return GM_EXIT_USAGE;
            opts.max_connections = (unsigned)n;
            break;
        case OPT_TIMEOUT:
            if (!parse_count(p.command, "--timeout", v, 86400, &n))
                return GM_EXIT_USAGE;
            opts.timeout_s = (unsigned)n;
            break;
        case OPT_THREADS:
            if (!parse_count(p.command, "--jobs", v, 256, &n))
                return GM_EXIT_USAGE;
            opts.threads = (unsigned)n;
            break;
        case OPT_HELP:
            printf("Usage: geomap serve [options]\n\n"
                   "Serves the web map of the layers and the HTTP API "
                   "(/extract, /lookup, /layers,\n/tiles, /health) until "
                   "SIGINT or SIGTERM.\n\nOptions:\n");
            gm_cli_print_options(stdout, serve_options);
            return GM_EXIT_OK;
        }
    }
    if (opts.web_root && !is_dir(opts.web_root)) {
        gm_cli_usage_error(p.command, "--web %s is not a directory",
                           opts.web_root);
        return GM_EXIT_USAGE;
    }
    char *web_root = opts.web_root ? NULL : default_web_root();
    if (web_root)
        opts.web_root = web_root;
    else if (!opts.web_root && !quiet)
        fprintf(stderr, "geomap: no web root (--web DIR): serving the API "
                        "only\n");

    gm_gaz *gaz = gm_cli_open_gazetteer(gazetteer, quiet);
    if (!gaz) {
        free(web_root);
        return GM_EXIT_FAILED;
    }
    gm_error err;
    gm_err_clear(&err);
    gm_status st = gm_serve_run(&opts, gaz, &err);
    if (st != GM_OK)
        gm_diag_error(&err);
    gm_gaz_close(gaz);
    free(web_root);
    if (st == GM_OK)
        return GM_EXIT_OK;
    return st == GM_E_USAGE ? GM_EXIT_USAGE : GM_EXIT_FAILED;
}
