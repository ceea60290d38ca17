/* geomap serve end to end: starts the geomap binary (GEOMAP_BIN, set by
 * CTest) as a child on port 0 with the mini gazetteer, talks HTTP to it over
 * a socket, and checks every endpoint and every error status of
 * src/serve/README.md: /extract against what `geomap extract` writes for
 * the same article, field by field; /lookup against `gazetteer lookup
 * --json`; /layers against OGR's counts of the --data file; tiles from an
 * MBTiles file; static files, traversal refused; 400, 404, 405, 413; CORS
 * only when asked; a clean stop on SIGTERM (exit 0, which under ASan also
 * means no leak). */
#include <check.h>
#include <gdal.h>
#include <json-c/json.h>
#include <math.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define MAX_BODY 4096
#define START_DEADLINE_S 120
#define TOL_COORD 1e-6
#define TOL_REAL 1e-9

/* An article of the mini gazetteer's places, with events. */
#define ARTICLE_TEXT                                                         \
    "Forces shelled Kyiv on Tuesday, killing 4 people. Protesters marched "   \
    "in Paris and in Dallas. Talks in Baku ended without a deal."
#define ARTICLE_JSON                                                         \
    "{\"id\": \"a1\", \"date\": \"2024-03-07\", \"title\": \"Wire\", "      \
    "\"text\": \"" ARTICLE_TEXT "\"}"

typedef struct server {
    pid_t pid;
    int port;
    char *log; /* its stderr */
} server;

static char *tmpdir;
static char *mini_gazetteer;
static char *web_root;
static server main_srv;  /* --data layers.gpkg --web ... --max-body 4096 */
static server tiles_srv; /* --data tiles.mbtiles --cors ... */

/* ---- the child ----------------------------------------------------------- */

static int run_geomap(const char *args)
{
    const char *bin = getenv("GEOMAP_BIN");
    ck_assert_msg(bin != NULL, "GEOMAP_BIN is not set (run through ctest)");
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' %s >'%s/stdout' 2>'%s/stderr' </dev/null",
             bin, args, tmpdir, tmpdir);
    int status = system(cmd);
    ck_assert_msg(status != -1 && WIFEXITED(status), "geomap did not exit");
    return WEXITSTATUS(status);
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* Starts "geomap serve ARGV... --listen 127.0.0.1:0 --gazetteer MINI" and
 * waits for its "serving" line. */
static server start_server(const char *name, const char *const *extra)
{
    const char *bin = getenv("GEOMAP_BIN");
    ck_assert_ptr_nonnull(bin);
    server s = { 0, 0, gm_test_path_in(tmpdir, name) };
    const char *argv[32] = { bin, "serve", "--listen", "127.0.0.1:0",
                             "--gazetteer", mini_gazetteer, "-j", "2" };
    size_t n = 8;
    for (size_t i = 0; extra[i]; i++)
        argv[n++] = extra[i];
    argv[n] = NULL;
    s.pid = fork();
    ck_assert_int_ge(s.pid, 0);
    if (s.pid == 0) {
        int fd = open(s.log, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        int null = open("/dev/null", O_RDWR);
        if (fd < 0 || null < 0)
            _exit(99);
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        execv(bin, (char *const *)argv);
        _exit(98);
    }
    for (int waited = 0; waited < START_DEADLINE_S * 10; waited++) {
        char *text = gm_test_read_file(s.log, NULL);
        const char *line = text ? strstr(text, "geomap: serving http://127.0.0.1:")
                                : NULL;
        if (line)
            s.port = atoi(line + strlen("geomap: serving http://127.0.0.1:"));
        free(text);
        if (s.port > 0)
            return s;
        int status;
        ck_assert_msg(waitpid(s.pid, &status, WNOHANG) == 0,
                      "geomap serve exited before it listened");
        sleep_ms(100);
    }
    kill(s.pid, SIGKILL);
    ck_abort_msg("geomap serve did not say it was serving");
    return s;
}

/* SIGTERM; the exit status. */
static int stop_server(server *s)
{
    if (s->pid <= 0)
        return -1;
    kill(s->pid, SIGTERM);
    int status = 0;
    waitpid(s->pid, &status, 0);
    s->pid = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* ---- a small HTTP client -------------------------------------------------- */

typedef struct reply {
    int status;
    char *head; /* status line and headers */
    char *body;
    size_t len;
} reply;

static void reply_free(reply *r)
{
    free(r->head);
    free(r->body);
}

/* Sends raw bytes, reads until the server closes; parses the answer. */
static reply http_raw(int port, const char *request, size_t len)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    struct timeval tv = { 60, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    for (size_t sent = 0; sent < len;) {
        ssize_t w = send(fd, request + sent, len - sent, MSG_NOSIGNAL);
        if (w <= 0)
            break; /* the server may answer (413) before reading it all */
        sent += (size_t)w;
    }
    size_t cap = 65536, got = 0;
    char *data = malloc(cap);
    ssize_t r;
    while ((r = recv(fd, data + got, cap - got - 1, 0)) > 0) {
        got += (size_t)r;
        if (cap - got < 4096)
            data = realloc(data, cap *= 2);
    }
    close(fd);
    data[got] = '\0';
    reply out = { 0 };
    char *end = strstr(data, "\r\n\r\n");
    ck_assert_msg(end != NULL, "no HTTP answer: '%s'", data);
    out.head = strndup(data, (size_t)(end - data));
    out.len = got - (size_t)(end + 4 - data);
    out.body = malloc(out.len + 1);
    memcpy(out.body, end + 4, out.len);
    out.body[out.len] = '\0';
    ck_assert_int_eq(sscanf(out.head, "HTTP/1.%*d %d", &out.status), 1);
    free(data);
    return out;
}

static reply http(int port, const char *method, const char *path,
                  const char *content_type, const char *body)
{
    char *req = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&req, &len);
    fprintf(f, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n",
            method, path);
    if (content_type)
        fprintf(f, "Content-Type: %s\r\n", content_type);
    if (body)
        fprintf(f, "Content-Length: %zu\r\n", strlen(body));
    fputs("\r\n", f);
    if (body)
        fputs(body, f);
    fclose(f);
    reply r = http_raw(port, req, len);
    free(req);
    return r;
}

/* The value of a header (case-insensitive name), malloc'ed; NULL if none. */
static char *header(const reply *r, const char *name)
{
    size_t n = strlen(name);
    for (const char *line = strstr(r->head, "\r\n"); line;
         line = strstr(line + 2, "\r\n")) {
        const char *h = line + 2;
        if (strncasecmp(h, name, n) == 0 && h[n] == ':') {
            h += n + 1;
            while (*h == ' ')
                h++;
            const char *e = strstr(h, "\r\n");
            return e ? strndup(h, (size_t)(e - h)) : strdup(h);
        }
    }
    return NULL;
}

static void assert_header(const reply *r, const char *name,
                          const char *expected)
{
    char *v = header(r, name);
    ck_assert_msg(v != NULL, "no %s header in:\n%s", name, r->head);
    ck_assert_str_eq(v, expected);
    free(v);
}

static json_object *json_of(const reply *r)
{
    json_object *o = json_tokener_parse(r->body);
    ck_assert_msg(o != NULL, "not JSON: %s", r->body);
    return o;
}

/* An error answer: status, JSON {"error": ..., "status": N} whose message
 * contains `says`. */
static void assert_error(reply r, int status, const char *says)
{
    ck_assert_msg(r.status == status, "status %d, not %d: %s", r.status,
                  status, r.body);
    assert_header(&r, "Content-Type", "application/json; charset=utf-8");
    json_object *o = json_of(&r), *v;
    ck_assert(json_object_object_get_ex(o, "status", &v));
    ck_assert_int_eq(json_object_get_int(v), status);
    ck_assert(json_object_object_get_ex(o, "error", &v));
    ck_assert_msg(strstr(json_object_get_string(v), says) != NULL,
                  "error '%s' does not say '%s'", json_object_get_string(v),
                  says);
    json_object_put(o);
    reply_free(&r);
}

/* ---- fixtures ------------------------------------------------------------ */

static void write_text(const char *name, const char *text)
{
    char *path = gm_test_path_in(tmpdir, name);
    gm_test_write_file(path, text, strlen(text));
    free(path);
}

static void setup(void)
{
    GDALAllRegister();
    signal(SIGPIPE, SIG_IGN);
    tmpdir = gm_test_tmpdir();
    mini_gazetteer = gm_test_build_mini_gazetteer(tmpdir);

    /* a web root, and things beside it that must stay out of reach */
    web_root = gm_test_path_in(tmpdir, "web");
    ck_assert_int_eq(mkdir(web_root, 0777), 0);
    write_text("web/index.html", "<!doctype html><title>map</title>\n");
    write_text("web/app.js", "console.log('map');\n");
    write_text("web/style.css", "body { margin: 0 }\n");
    write_text("web/.hidden", "hidden\n");
    write_text("secret.txt", "SECRET\n");
    char *sub = gm_test_path_in(tmpdir, "web/sub");
    ck_assert_int_eq(mkdir(sub, 0777), 0);
    free(sub);
    write_text("web/sub/index.html", "<p>sub</p>\n");
    char *link = gm_test_path_in(tmpdir, "web/link.txt");
    char *secret = gm_test_path_in(tmpdir, "secret.txt");
    ck_assert_int_eq(symlink(secret, link), 0);
    free(link);
    free(secret);

    /* --data: the article's layers as GeoPackage and as MBTiles */
    write_text("article.json", ARTICLE_JSON "\n");
    char args[8192];
    snprintf(args, sizeof args,
             "extract '%s/article.json' -o '%s/layers.gpkg' --gazetteer '%s' -q",
             tmpdir, tmpdir, mini_gazetteer);
    ck_assert_int_eq(run_geomap(args), 0);
    snprintf(args, sizeof args,
             "extract '%s/article.json' -o '%s/tiles.mbtiles' --maxzoom 4 "
             "--gazetteer '%s' -q", tmpdir, tmpdir, mini_gazetteer);
    ck_assert_int_eq(run_geomap(args), 0);

    char *gpkg = gm_test_path_in(tmpdir, "layers.gpkg");
    char *mbtiles = gm_test_path_in(tmpdir, "tiles.mbtiles");
    char max_body[32];
    snprintf(max_body, sizeof max_body, "%d", MAX_BODY);
    const char *main_args[] = { "--data", gpkg, "--web", web_root,
                                "--max-body", max_body, NULL };
    main_srv = start_server("main.log", main_args);
    const char *tiles_args[] = { "--data", mbtiles, "--cors",
                                 "http://example.org", NULL };
    tiles_srv = start_server("tiles.log", tiles_args);
    free(gpkg);
    free(mbtiles);
}

static void teardown(void)
{
    stop_server(&main_srv);
    stop_server(&tiles_srv);
    free(main_srv.log);
    free(tiles_srv.log);
    gm_test_rmtree(tmpdir);
    free(tmpdir);
    free(mini_gazetteer);
    free(web_root);
}

/* ---- /health --------------------------------------------------------------- */

START_TEST(test_health)
{
    reply r = http(main_srv.port, "GET", "/health", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    assert_header(&r, "Content-Type", "application/json; charset=utf-8");
    char *cors = header(&r, "Access-Control-Allow-Origin");
    ck_assert_msg(cors == NULL, "a CORS header without --cors: %s", cors);
    json_object *o = json_of(&r), *v;
    ck_assert(json_object_object_get_ex(o, "status", &v));
    ck_assert_str_eq(json_object_get_string(v), "ok");
    ck_assert(json_object_object_get_ex(o, "layers", &v));
    ck_assert_int_eq(json_object_get_int(v), 3);
    ck_assert(json_object_object_get_ex(o, "tiles", &v));
    ck_assert(!json_object_get_boolean(v));
    json_object_put(o);
    reply_free(&r);

    /* HEAD: the headers alone */
    r = http(main_srv.port, "HEAD", "/health", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_uint_eq(r.len, 0);
    reply_free(&r);
}
END_TEST

/* ---- /extract against geomap extract ---------------------------------------- */

/* The features of a GeoJSON file geomap wrote. */
static json_object *features_of_file(const char *dir, const char *layer)
{
    char path[8300];
    snprintf(path, sizeof path, "%s/%s.geojson", dir, layer);
    json_object *fc = json_object_from_file(path);
    ck_assert_msg(fc != NULL, "cannot read %s", path);
    return fc;
}

static void assert_same_value(json_object *want, json_object *got,
                              const char *what)
{
    if (!want || json_object_is_type(want, json_type_null)) {
        ck_assert_msg(!got || json_object_is_type(got, json_type_null),
                      "%s: %s, not null", what, json_object_to_json_string(got));
        return;
    }
    ck_assert_msg(got != NULL, "%s: missing", what);
    if (json_object_is_type(want, json_type_double) ||
        json_object_is_type(got, json_type_double)) {
        ck_assert_msg(fabs(json_object_get_double(want) -
                           json_object_get_double(got)) < TOL_REAL,
                      "%s: %.12g, not %.12g", what, json_object_get_double(got),
                      json_object_get_double(want));
        return;
    }
    ck_assert_msg(json_object_get_type(want) == json_object_get_type(got),
                  "%s: %s, not %s", what, json_object_to_json_string(got),
                  json_object_to_json_string(want));
    if (json_object_is_type(want, json_type_int))
        ck_assert_int_eq(json_object_get_int64(got), json_object_get_int64(want));
    else
        ck_assert_str_eq(json_object_get_string(got), json_object_get_string(want));
}

/* Each feature of the server's layer `layer` has the file's properties,
 * every one, same values, and the same point. */
static void assert_same_features(json_object *served, json_object *file_fc,
                                 const char *layer)
{
    json_object *file_features, *served_features;
    ck_assert(json_object_object_get_ex(file_fc, "features", &file_features));
    ck_assert(json_object_object_get_ex(served, "features", &served_features));
    size_t k = 0, n_file = json_object_array_length(file_features);
    for (size_t i = 0; i < json_object_array_length(served_features); i++) {
        json_object *sf = json_object_array_get_idx(served_features, i);
        json_object *sprops, *slayer, *fprops;
        ck_assert(json_object_object_get_ex(sf, "properties", &sprops));
        ck_assert(json_object_object_get_ex(sprops, "layer", &slayer));
        if (strcmp(json_object_get_string(slayer), layer) != 0)
            continue;
        ck_assert_msg(k < n_file, "the server gives more %s than the file", layer);
        json_object *ff = json_object_array_get_idx(file_features, k++);
        ck_assert(json_object_object_get_ex(ff, "properties", &fprops));
        /* every property of the file, and no other but "layer" */
        ck_assert_int_eq(json_object_object_length(sprops),
                         json_object_object_length(fprops) + 1);
        json_object_object_foreach(fprops, key, want) {
            json_object *got = NULL;
            char what[256];
            snprintf(what, sizeof what, "%s %zu, %s", layer, k, key);
            ck_assert_msg(json_object_object_get_ex(sprops, key, &got),
                          "%s: missing", what);
            assert_same_value(want, got, what);
        }
        json_object *sg, *fg, *sxy, *fxy;
        json_object_object_get_ex(sf, "geometry", &sg);
        json_object_object_get_ex(ff, "geometry", &fg);
        ck_assert_int_eq(sg == NULL, fg == NULL);
        if (fg) {
            ck_assert(json_object_object_get_ex(sg, "coordinates", &sxy));
            ck_assert(json_object_object_get_ex(fg, "coordinates", &fxy));
            for (size_t c = 0; c < 2; c++)
                ck_assert_double_eq_tol(
                    json_object_get_double(json_object_array_get_idx(sxy, c)),
                    json_object_get_double(json_object_array_get_idx(fxy, c)),
                    TOL_COORD);
        }
    }
    ck_assert_uint_eq(k, n_file);
}

START_TEST(test_extract_same_as_cli)
{
    char args[8192], out[4200];
    snprintf(out, sizeof out, "%s/extracted", tmpdir);
    snprintf(args, sizeof args,
             "extract '%s/article.json' -o '%s' --layers mentions,events "
             "--gazetteer '%s' -q", tmpdir, out, mini_gazetteer);
    ck_assert_int_eq(run_geomap(args), 0);
    json_object *mentions = features_of_file(out, "mentions");
    json_object *events = features_of_file(out, "events");
    json_object *fs;
    ck_assert(json_object_object_get_ex(mentions, "features", &fs));
    ck_assert_uint_ge(json_object_array_length(fs), 4); /* the test means something */
    ck_assert(json_object_object_get_ex(events, "features", &fs));
    ck_assert_uint_ge(json_object_array_length(fs), 1);

    /* as application/json, and as curl -d sends it */
    const char *types[] = { "application/json",
                            "application/x-www-form-urlencoded", NULL };
    for (size_t t = 0; t < 3; t++) {
        reply r = http(main_srv.port, "POST", "/extract", types[t], ARTICLE_JSON);
        ck_assert_msg(r.status == 200, "%d: %s", r.status, r.body);
        assert_header(&r, "Content-Type", "application/geo+json");
        json_object *served = json_of(&r), *type;
        ck_assert(json_object_object_get_ex(served, "type", &type));
        ck_assert_str_eq(json_object_get_string(type), "FeatureCollection");
        assert_same_features(served, mentions, "mentions");
        assert_same_features(served, events, "events");
        json_object_put(served);
        reply_free(&r);
    }
    json_object_put(mentions);
    json_object_put(events);
}
END_TEST

/* Several articles: JSON Lines (with and without the newlines), an array;
 * plain text with ?id=. */
START_TEST(test_extract_bodies)
{
    static const char *const bodies[] = {
        "{\"id\": \"x\", \"text\": \"Talks in Baku.\"}\n"
        "{\"id\": \"y\", \"text\": \"Storms in Dallas.\"}\n",
        "{\"id\": \"x\", \"text\": \"Talks in Baku.\"}"
        "{\"id\": \"y\", \"text\": \"Storms in Dallas.\"}",
        "[{\"id\": \"x\", \"text\": \"Talks in Baku.\"},"
        " {\"id\": \"y\", \"text\": \"Storms in Dallas.\"}]",
    };
    for (size_t b = 0; b < sizeof bodies / sizeof bodies[0]; b++) {
        reply r = http(main_srv.port, "POST", "/extract",
                       "application/x-ndjson", bodies[b]);
        ck_assert_msg(r.status == 200, "%d: %s", r.status, r.body);
        json_object *o = json_of(&r), *fs;
        ck_assert(json_object_object_get_ex(o, "features", &fs));
        char got[256] = "";
        for (size_t i = 0; i < json_object_array_length(fs); i++) {
            json_object *p, *layer, *article, *surface;
            json_object_object_get_ex(json_object_array_get_idx(fs, i),
                                      "properties", &p);
            json_object_object_get_ex(p, "layer", &layer);
            if (strcmp(json_object_get_string(layer), "mentions") != 0)
                continue;
            json_object_object_get_ex(p, "article", &article);
            json_object_object_get_ex(p, "surface", &surface);
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s:%s ",
                     json_object_get_string(article),
                     json_object_get_string(surface));
        }
        ck_assert_str_eq(got, "x:Baku y:Dallas ");
        json_object_put(o);
        reply_free(&r);
    }

    reply r = http(main_srv.port, "POST", "/extract?id=note&date=2024-01-02",
                   "text/plain; charset=utf-8", "Protests in Paris.");
    ck_assert_msg(r.status == 200, "%d: %s", r.status, r.body);
    json_object *o = json_of(&r), *fs, *p, *v;
    ck_assert(json_object_object_get_ex(o, "features", &fs));
    ck_assert_uint_ge(json_object_array_length(fs), 1);
    json_object_object_get_ex(json_object_array_get_idx(fs, 0), "properties", &p);
    ck_assert(json_object_object_get_ex(p, "article", &v));
    ck_assert_str_eq(json_object_get_string(v), "note");
    ck_assert(json_object_object_get_ex(p, "surface", &v));
    ck_assert_str_eq(json_object_get_string(v), "Paris");
    json_object_put(o);
    reply_free(&r);
}
END_TEST

/* ---- bad input: 400 ------------------------------------------------------------ */

static const struct {
    const char *content_type;
    const char *body;
    const char *says;
} bad_bodies[] = {
    { "application/json", "{\"id\": \"a\", \"text\": ", "malformed JSON" },
    { "application/json", "{\"id\": \"a\" \"text\": \"x\"}", "malformed JSON" },
    { "application/json", "{\"id\": \"a\"}", "article 1 (id \"a\"): no \"text\" field" },
    { "application/json", "{\"id\": \"a\", \"text\": 5}", "not a string" },
    { "application/json", "{\"text\": \"ok\"}\n[1]", "article 2: not a JSON object" },
    { "application/json", "null", "not a JSON object" },
    { "application/json", "{\"id\": [1], \"text\": \"x\"}", "\"id\" is an array" },
    { "application/json", "{\"id\": \"a\", \"text\": \"\\u0000\"}", "NUL" },
    { "application/json", "{\"text\": \"caf\xc3\"}", "invalid UTF-8 at byte 13" },
    { "text/plain", "caf\xff text", "invalid UTF-8 at byte 3" },
    { "text/plain", "", "empty body" },
    { "application/json", "   \n ", "empty body" },
    { "application/json", "[]", "empty array" },
};

START_TEST(test_extract_bad_input)
{
    reply r = http(main_srv.port, "POST", "/extract", bad_bodies[_i].content_type,
                   bad_bodies[_i].body);
    assert_error(r, 400, bad_bodies[_i].says);
}
END_TEST

START_TEST(test_lookup_bad_input)
{
    assert_error(http(main_srv.port, "GET", "/lookup", NULL, NULL), 400,
                 "needs ?name=");
    assert_error(http(main_srv.port, "GET", "/lookup?name=Paris&limit=0", NULL,
                      NULL), 400, "limit");
    assert_error(http(main_srv.port, "GET", "/lookup?name=%ff", NULL, NULL),
                 400, "invalid UTF-8");
}
END_TEST

/* ---- 413 --------------------------------------------------------------------- */

START_TEST(test_body_over_limit)
{
    /* declared too long: refused before the body, as curl waits for it */
    char req[512];
    int n = snprintf(req, sizeof req,
                     "POST /extract HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     "Content-Type: text/plain\r\nContent-Length: %d\r\n"
                     "Expect: 100-continue\r\n\r\n", MAX_BODY + 1);
    assert_error(http_raw(main_srv.port, req, (size_t)n), 413, "--max-body");

    /* chunked, without a length: read, dropped, refused at the end */
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    fputs("POST /extract HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n", f);
    for (int i = 0; i < 3; i++) {
        fprintf(f, "%x\r\n", MAX_BODY / 2);
        for (int k = 0; k < MAX_BODY / 2; k++)
            fputc('a', f);
        fputs("\r\n", f);
    }
    fputs("0\r\n\r\n", f);
    fclose(f);
    assert_error(http_raw(main_srv.port, body, len), 413, "--max-body");
    free(body);

    /* at the limit: accepted */
    char *text = malloc(MAX_BODY + 1);
    memset(text, 'a', MAX_BODY);
    text[MAX_BODY] = '\0';
    reply r = http(main_srv.port, "POST", "/extract", "text/plain", text);
    ck_assert_msg(r.status == 200, "%d: %s", r.status, r.body);
    reply_free(&r);
    free(text);
}
END_TEST

/* ---- 404 and 405 -------------------------------------------------------------- */

static const struct {
    const char *method, *path, *allow;
} not_allowed[] = {
    { "GET", "/extract", "POST" },
    { "PUT", "/extract", "POST" },
    { "POST", "/health", "GET, HEAD" },
    { "DELETE", "/", "GET, HEAD" },
    { "POST", "/layers", "GET, HEAD" },
};

START_TEST(test_method_not_allowed)
{
    reply r = http(main_srv.port, not_allowed[_i].method, not_allowed[_i].path,
                   NULL, NULL);
    assert_header(&r, "Allow", not_allowed[_i].allow);
    assert_error(r, 405, "not allowed");
}
END_TEST

/* Paths that must not reach anything outside the web root, or that do not
 * exist: 404, and never the secret. Sent raw, as a client could. */
static const char *const refused[] = {
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/sub/../../secret.txt",
    "/sub/%2e%2e/%2e%2e/secret.txt",
    "/./index.html",
    "//etc/passwd",
    "/link.txt",         /* a symlink out of the root */
    "/.hidden",
    "/sub/..%5c..%5csecret.txt",
    "/index.html%00.png",
    "/nothing-here.js",
    "/layers/nothing.geojson",
    "/layers/places.json",
    "/tiles/places/0/0/0.pbf", /* --data is no MBTiles */
};

START_TEST(test_not_found)
{
    reply r = http(main_srv.port, "GET", refused[_i], NULL, NULL);
    ck_assert_msg(strstr(r.body, "SECRET") == NULL, "%s gave the secret",
                  refused[_i]);
    assert_error(r, 404, "");
}
END_TEST

/* ---- static files ------------------------------------------------------------- */

static const struct {
    const char *path, *type, *starts;
} files[] = {
    { "/", "text/html; charset=utf-8", "<!doctype html>" },
    { "/index.html", "text/html; charset=utf-8", "<!doctype html>" },
    { "/app.js", "text/javascript; charset=utf-8", "console.log" },
    { "/style.css", "text/css; charset=utf-8", "body" },
    { "/sub/", "text/html; charset=utf-8", "<p>sub" },
    { "/sub", "text/html; charset=utf-8", "<p>sub" },
};

START_TEST(test_static_files)
{
    reply r = http(main_srv.port, "GET", files[_i].path, NULL, NULL);
    ck_assert_msg(r.status == 200, "%s: %d %s", files[_i].path, r.status, r.body);
    assert_header(&r, "Content-Type", files[_i].type);
    ck_assert_msg(strncmp(r.body, files[_i].starts, strlen(files[_i].starts)) == 0,
                  "%s: %s", files[_i].path, r.body);
    reply_free(&r);
}
END_TEST

/* ---- /lookup ----------------------------------------------------------------- */

START_TEST(test_lookup_same_as_cli)
{
    char args[8192];
    snprintf(args, sizeof args, "gazetteer lookup Paris --json --limit 20 "
             "--gazetteer '%s'", mini_gazetteer);
    ck_assert_int_eq(run_geomap(args), 0);
    char *path = gm_test_path_in(tmpdir, "stdout");
    json_object *want = json_object_from_file(path);
    free(path);
    ck_assert_ptr_nonnull(want);
    ck_assert_uint_ge(json_object_array_length(want), 2); /* an ambiguous name */

    reply r = http(main_srv.port, "GET", "/lookup?name=Paris", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    json_object *got = json_of(&r);
    ck_assert_uint_eq(json_object_array_length(got), json_object_array_length(want));
    for (size_t i = 0; i < json_object_array_length(want); i++) {
        json_object *w = json_object_array_get_idx(want, i);
        json_object *g = json_object_array_get_idx(got, i);
        static const char *const keys[] = { "id", "name", "country", "admin1",
                                            "feature_code", "lat", "lon",
                                            "population" };
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            json_object *wv = NULL, *gv = NULL;
            json_object_object_get_ex(w, keys[k], &wv);
            json_object_object_get_ex(g, keys[k], &gv);
            if (json_object_is_type(wv, json_type_double))
                ck_assert_double_eq_tol(json_object_get_double(gv),
                                        json_object_get_double(wv), TOL_COORD);
            else
                assert_same_value(wv, gv, keys[k]);
        }
    }
    json_object_put(got);
    json_object_put(want);
    reply_free(&r);

    r = http(main_srv.port, "GET", "/lookup?name=Paris&country=US&limit=1", NULL, NULL);
    got = json_of(&r);
    ck_assert_uint_eq(json_object_array_length(got), 1);
    json_object *v;
    json_object_object_get_ex(json_object_array_get_idx(got, 0), "country", &v);
    ck_assert_str_eq(json_object_get_string(v), "US");
    json_object_put(got);
    reply_free(&r);

    r = http(main_srv.port, "GET", "/lookup?name=Nowhereville", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(r.body, "[]\n");
    reply_free(&r);
}
END_TEST

/* ---- /layers -------------------------------------------------------------------- */

START_TEST(test_layers)
{
    char *gpkg = gm_test_path_in(tmpdir, "layers.gpkg");
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    free(gpkg);

    reply r = http(main_srv.port, "GET", "/layers", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    json_object *list = json_of(&r);
    ck_assert_uint_eq(json_object_array_length(list), 3);
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *l = json_object_array_get_idx(list, i), *name, *count, *extent;
        ck_assert(json_object_object_get_ex(l, "name", &name));
        ck_assert(json_object_object_get_ex(l, "features", &count));
        ck_assert(json_object_object_get_ex(l, "extent", &extent));
        OGRLayerH layer = GDALDatasetGetLayerByName(ds, json_object_get_string(name));
        ck_assert_msg(layer != NULL, "no layer %s", json_object_get_string(name));
        long long n = (long long)OGR_L_GetFeatureCount(layer, TRUE);
        ck_assert_int_gt(n, 0);
        ck_assert_int_eq(json_object_get_int64(count), n);
        ck_assert_uint_eq(json_object_array_length(extent), 4);

        /* the layer itself, every feature */
        char path[300];
        snprintf(path, sizeof path, "/layers/%s.geojson",
                 json_object_get_string(name));
        reply lr = http(main_srv.port, "GET", path, NULL, NULL);
        ck_assert_int_eq(lr.status, 200);
        assert_header(&lr, "Content-Type", "application/geo+json");
        json_object *fc = json_of(&lr), *fs;
        ck_assert(json_object_object_get_ex(fc, "features", &fs));
        ck_assert_int_eq((long long)json_object_array_length(fs), n);
        json_object_put(fc);
        reply_free(&lr);
    }
    json_object_put(list);
    reply_free(&r);
    GDALClose(ds);

    /* events keep their date for the time slider */
    r = http(main_srv.port, "GET", "/layers/events.geojson", NULL, NULL);
    ck_assert_msg(strstr(r.body, "\"date\": \"2024-03-0") != NULL ||
                      strstr(r.body, "\"date\":\"2024-03-0") != NULL,
                  "no event date in %s", r.body);
    reply_free(&r);
}
END_TEST

/* ---- tiles ------------------------------------------------------------------ */

START_TEST(test_tiles_from_mbtiles)
{
    reply r = http(tiles_srv.port, "GET", "/tiles/places/0/0/0.pbf", NULL, NULL);
    ck_assert_msg(r.status == 200, "%d: %s", r.status, r.body);
    assert_header(&r, "Content-Type", "application/vnd.mapbox-vector-tile");
    assert_header(&r, "Content-Encoding", "gzip");
    ck_assert_uint_gt(r.len, 2);
    ck_assert_int_eq((unsigned char)r.body[0], 0x1f);
    ck_assert_int_eq((unsigned char)r.body[1], 0x8b);
    /* --cors: the header, on every answer */
    assert_header(&r, "Access-Control-Allow-Origin", "http://example.org");
    reply_free(&r);

    /* Kyiv, zoom 4: x = 9, y = 5 in XYZ (TMS row 10): a tile with data; the
     * opposite corner of the world has none */
    r = http(tiles_srv.port, "GET", "/tiles/places/4/9/5.pbf", NULL, NULL);
    ck_assert_msg(r.status == 200, "%d: %s", r.status, r.body);
    reply_free(&r);
    r = http(tiles_srv.port, "GET", "/tiles/places/4/0/15.pbf", NULL, NULL);
    ck_assert_int_eq(r.status, 204);
    reply_free(&r);

    assert_error(http(tiles_srv.port, "GET", "/tiles/places/4/16/0.pbf", NULL,
                      NULL), 404, "2^z");
    assert_error(http(tiles_srv.port, "GET", "/tiles/rivers/0/0/0.pbf", NULL,
                      NULL), 404, "no layer");
    assert_error(http(tiles_srv.port, "GET", "/tiles/places/0/0/0.png", NULL,
                      NULL), 404, "/tiles/LAYER/Z/X/Y.pbf");
    assert_error(http(main_srv.port, "GET", "/tiles/places/0/0/0.pbf", NULL,
                      NULL), 404, "not an MBTiles");

    r = http(tiles_srv.port, "GET", "/health", NULL, NULL);
    ck_assert(strstr(r.body, "\"tiles\":true") != NULL);
    reply_free(&r);
}
END_TEST

/* ---- the CLI's refusals and the clean stop ------------------------------------- */

static const struct {
    const char *args;
    int status;
    const char *says;
} usage[] = {
    { "serve --listen nonsense", 2, "--listen takes HOST:PORT" },
    { "serve --listen 127.0.0.1:99999", 2, "--listen takes HOST:PORT" },
    { "serve --max-body 0", 2, "--max-body takes a number" },
    { "serve --timeout x", 2, "--timeout takes a number" },
    { "serve --web /nonexistent-web-root", 2, "not a directory" },
    { "serve extra", 2, "unexpected argument" },
    { "serve --data /nonexistent/layers.gpkg --listen 127.0.0.1:0", 3,
      "/nonexistent/layers.gpkg" },
};

START_TEST(test_usage)
{
    char args[512];
    snprintf(args, sizeof args, "%s --gazetteer '%s'", usage[_i].args,
             mini_gazetteer);
    ck_assert_int_eq(run_geomap(args), usage[_i].status);
    char *path = gm_test_path_in(tmpdir, "stderr");
    char *err = gm_test_read_file(path, NULL);
    ck_assert_msg(err && strstr(err, usage[_i].says), "stderr: %s", err);
    free(err);
    free(path);
}
END_TEST

/* The README's option list of geomap serve is --help's. */
START_TEST(test_readme_lists_serve_options)
{
    ck_assert_int_eq(run_geomap("serve --help"), 0);
    char *path = gm_test_path_in(tmpdir, "stdout");
    char *help = gm_test_read_file(path, NULL);
    free(path);
    const char *opts = help ? strstr(help, "Options:\n") : NULL;
    ck_assert_ptr_nonnull(opts);
    opts += strlen("Options:\n");

    char readme_path[8300];
    snprintf(readme_path, sizeof readme_path, "%s/README.md", GM_TEST_SOURCE_DIR);
    char *readme = gm_test_read_file(readme_path, NULL);
    ck_assert_ptr_nonnull(readme);
    const char *section = strstr(readme, "### `geomap serve`");
    ck_assert_msg(section != NULL, "README has no geomap serve section");
    const char *list = strstr(section, "```\n  --");
    ck_assert_ptr_nonnull(list);
    list += strlen("```\n");
    const char *fence = strstr(list, "```\n");
    ck_assert_ptr_nonnull(fence);
    ck_assert_msg(strlen(opts) == (size_t)(fence - list) &&
                      !strncmp(opts, list, strlen(opts)),
                  "README's option list differs from --help:\n%.*s\n---\n%s",
                  (int)(fence - list), list, opts);
    free(readme);
    free(help);
}
END_TEST

START_TEST(test_stops_cleanly_on_sigterm)
{
    const char *none[] = { NULL };
    server s = start_server("stop.log", none);
    reply r = http(s.port, "GET", "/health", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    reply_free(&r);
    ck_assert_int_eq(stop_server(&s), 0);
    char *log = gm_test_read_file(s.log, NULL);
    ck_assert_msg(strstr(log, "stopping") != NULL, "%s", log);
    free(log);
    free(s.log);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("serve");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 300);
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_health);
    tcase_add_test(tc, test_extract_same_as_cli);
    tcase_add_test(tc, test_extract_bodies);
    tcase_add_loop_test(tc, test_extract_bad_input, 0,
                        sizeof bad_bodies / sizeof bad_bodies[0]);
    tcase_add_test(tc, test_lookup_bad_input);
    tcase_add_test(tc, test_body_over_limit);
    tcase_add_loop_test(tc, test_method_not_allowed, 0,
                        sizeof not_allowed / sizeof not_allowed[0]);
    tcase_add_loop_test(tc, test_not_found, 0, sizeof refused / sizeof refused[0]);
    tcase_add_loop_test(tc, test_static_files, 0, sizeof files / sizeof files[0]);
    tcase_add_test(tc, test_lookup_same_as_cli);
    tcase_add_test(tc, test_layers);
    tcase_add_test(tc, test_tiles_from_mbtiles);
    tcase_add_loop_test(tc, test_usage, 0, sizeof usage / sizeof usage[0]);
    tcase_add_test(tc, test_readme_lists_serve_options);
    tcase_add_test(tc, test_stops_cleanly_on_sigterm);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
