/* The HTTP plumbing on libmicrohttpd: the listening address, the daemon
 * and its limits (thread pool, connection limit and timeout), the request
 * bodies (bounded by --max-body), sending a gm_srv_reply with its headers,
 * and the run until SIGINT or SIGTERM. Routing and answers are the other
 * files'. */
/* realpath(3) is XSI: */
#define _XOPEN_SOURCE 700

#include "serve/internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "core/alloc.h"
#include "core/buf.h"

/* One request's state between MHD's calls: its body so far. */
typedef struct conn_state {
    gm_buf body;
    bool too_large;
    bool answered;
} conn_state;

const char *gm_srv_query(const gm_srv_request *req, const char *key)
{
    return MHD_lookup_connection_value((struct MHD_Connection *)req->conn,
                                       MHD_GET_ARGUMENT_KIND, key);
}

static enum MHD_Result send_reply(const gm_srv *srv, struct MHD_Connection *conn,
                                  gm_srv_reply *r)
{
    struct MHD_Response *resp;
    if (r->fd >= 0) {
        resp = MHD_create_response_from_fd64(r->fd_size, r->fd);
        if (!resp)
            close(r->fd);
        r->fd = -1;
    } else if (r->body && r->persistent) {
        resp = MHD_create_response_from_buffer(r->len, r->body,
                                               MHD_RESPMEM_PERSISTENT);
    } else if (r->body) {
        resp = MHD_create_response_from_buffer(r->len, r->body,
                                               MHD_RESPMEM_MUST_FREE);
        if (resp)
            r->body = NULL; /* MHD frees it */
    } else {
        resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    }
    if (!resp)
        return MHD_NO;
    if (r->content_type)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                r->content_type);
    if (r->allow)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
    if (r->encoding)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING,
                                r->encoding);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (srv->cors) {
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", srv->cors);
        MHD_add_response_header(resp, "Vary", "Origin");
        MHD_add_response_header(resp, "Access-Control-Allow-Methods",
                                "GET, HEAD, POST, OPTIONS");
        MHD_add_response_header(resp, "Access-Control-Allow-Headers",
                                "Content-Type");
    }
    enum MHD_Result ret = MHD_queue_response(conn, r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result answer_error(const gm_srv *srv,
                                   struct MHD_Connection *conn,
                                   unsigned status, const char *msg)
{
    gm_srv_reply r;
    gm_srv_reply_init(&r);
    gm_srv_reply_error(&r, status, "%s", msg);
    enum MHD_Result ret = send_reply(srv, conn, &r);
    gm_srv_reply_free(&r);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    const gm_srv *srv = cls;
    conn_state *cs = *con_cls;
    if (!cs) {
        cs = gm_xcalloc(1, sizeof *cs);
        *con_cls = cs;
        /* a declared length over the limit is refused before its body is
         * read (curl sends "Expect: 100-continue" and waits) */
        const char *cl = MHD_lookup_connection_value(
            conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > srv->max_body) {
            cs->answered = true;
            char msg[128];
            snprintf(msg, sizeof msg, "request body over the limit of %zu "
                                      "bytes (--max-body)", srv->max_body);
            return answer_error(srv, conn, 413, msg);
        }
        return MHD_YES;
    }
    if (cs->answered) { /* the rest of a refused body: dropped */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (*upload_data_size) { /* more of the body */
        if (!cs->too_large && cs->body.len + *upload_data_size <= srv->max_body)
            gm_buf_append(&cs->body, upload_data, *upload_data_size);
        else {
            cs->too_large = true; /* read on, keep nothing, answer 413 */
            gm_buf_free(&cs->body);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    cs->answered = true;
    if (cs->too_large) {
        char msg[128];
        snprintf(msg, sizeof msg, "request body over the limit of %zu bytes "
                                  "(--max-body)", srv->max_body);
        return answer_error(srv, conn, 413, msg);
    }
    gm_srv_request req = {
        .method = method,
        .path = url,
        .content_type = MHD_lookup_connection_value(
            conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        .body = cs->body.data ? cs->body.data : "",
        .body_len = cs->body.len,
        .conn = conn,
    };
    gm_srv_reply r;
    gm_srv_reply_init(&r);
    gm_srv_route(srv, &req, &r);
    if (r.status == 0)
        gm_srv_reply_error(&r, 500, "internal error: no answer for %s %s",
                           method, url);
    enum MHD_Result ret = send_reply(srv, conn, &r);
    gm_srv_reply_free(&r);
    if (r.fd >= 0)
        close(r.fd);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn,
                         void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn, (void)toe;
    conn_state *cs = *con_cls;
    if (cs) {
        gm_buf_free(&cs->body);
        free(cs);
        *con_cls = NULL;
    }
}

/* MHD's unescaping of the URL and its arguments, but for %00, which stays
 * as it is: a decoded NUL would cut the path short ("/index.html%00.png"
 * naming index.html). Decodes in place; returns the new length. */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
    (void)cls, (void)conn;
    static const char hex[] = "0123456789abcdef0123456789ABCDEF";
    char *out = s;
    for (const char *in = s; *in;) {
        const char *h1 = in[0] == '%' && in[1] ? strchr(hex, in[1]) : NULL;
        const char *h2 = h1 && in[2] ? strchr(hex, in[2]) : NULL;
        int v = h1 && h2 ? (int)((h1 - hex) % 16) * 16 + (int)((h2 - hex) % 16)
                         : -1;
        if (v > 0) {
            *out++ = (char)v;
            in += 3;
        } else {
            *out++ = *in++;
        }
    }
    *out = '\0';
    return (size_t)(out - s);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("geomap: http: ", stderr);
    vfprintf(stderr, fmt, ap);
}

/* "HOST:PORT" or "[V6]:PORT" -> a socket address. */
static gm_status parse_listen(const char *listen, struct sockaddr_storage *sa,
                              socklen_t *sa_len, gm_error *err)
{
    char host[256];
    const char *port;
    if (listen[0] == '[') {
        const char *close_b = strchr(listen, ']');
        if (!close_b || close_b[1] != ':' || (size_t)(close_b - listen) >= sizeof host)
            goto bad;
        memcpy(host, listen + 1, (size_t)(close_b - listen - 1));
        host[close_b - listen - 1] = '\0';
        port = close_b + 2;
    } else {
        const char *colon = strrchr(listen, ':');
        if (!colon || (size_t)(colon - listen) >= sizeof host)
            goto bad;
        memcpy(host, listen, (size_t)(colon - listen));
        host[colon - listen] = '\0';
        port = colon + 1;
    }
    char *end;
    errno = 0;
    long p = strtol(port, &end, 10);
    if (!*port || *end || errno || p < 0 || p > 65535 || !*host)
        goto bad;
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0 || !res)
        return gm_err_set(err, GM_E_USAGE, "", 0, "--listen %s: %s", listen,
                          gai_strerror(rc));
    memcpy(sa, res->ai_addr, res->ai_addrlen);
    *sa_len = res->ai_addrlen;
    freeaddrinfo(res);
    return GM_OK;
bad:
    return gm_err_set(err, GM_E_USAGE, "", 0,
                      "--listen takes HOST:PORT (127.0.0.1:8080, [::1]:8080, "
                      "port 0 for any free port), not '%s'", listen);
}

static unsigned online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

gm_status gm_serve_run(const gm_serve_options *opts, const gm_gaz *gaz,
                       gm_error *err)
{
    gm_srv srv = { .gaz = gaz,
                   .max_body = opts->max_body ? opts->max_body
                                              : GM_SERVE_DEFAULT_MAX_BODY,
                   .cors = opts->cors };
    const char *listen = opts->listen ? opts->listen : GM_SERVE_DEFAULT_LISTEN;
    struct sockaddr_storage sa;
    socklen_t sa_len = 0;
    gm_status st = parse_listen(listen, &sa, &sa_len, err);
    if (st == GM_OK && opts->web_root) {
        srv.web_root = realpath(opts->web_root, NULL);
        if (!srv.web_root)
            st = gm_err_set(err, GM_E_IO, opts->web_root, 0,
                            "--web: cannot use the directory: %s",
                            strerror(errno));
    }
    if (st == GM_OK && opts->data)
        st = gm_srv_layers_load(opts->data, &srv.layers, err);
    if (st == GM_OK && opts->data)
        st = gm_srv_tiles_open(opts->data, &srv.tiles, err);

    /* SIGINT and SIGTERM blocked here, before MHD starts its threads, which
     * inherit the mask: this thread alone takes them, in sigwait. */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = NULL;
    if (st == GM_OK) {
        unsigned threads = opts->threads ? opts->threads : online_cpus();
        unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
                         MHD_USE_ERROR_LOG;
        if (sa.ss_family == AF_INET6)
            flags |= MHD_USE_IPv6;
        d = MHD_start_daemon(
            flags, 0, NULL, NULL, on_request, &srv,
            MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
            MHD_OPTION_THREAD_POOL_SIZE, threads,
            MHD_OPTION_CONNECTION_LIMIT,
            opts->max_connections ? opts->max_connections
                                  : GM_SERVE_DEFAULT_MAX_CONNECTIONS,
            MHD_OPTION_PER_IP_CONNECTION_LIMIT, 0u,
            MHD_OPTION_CONNECTION_TIMEOUT,
            opts->timeout_s ? opts->timeout_s : GM_SERVE_DEFAULT_TIMEOUT_S,
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
            MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
            MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
            MHD_OPTION_END);
        if (!d)
            st = gm_err_set(err, GM_E_IO, "", 0, "cannot listen on %s (is the "
                                                 "port in use?)", listen);
    }
    if (st == GM_OK) {
        const union MHD_DaemonInfo *info =
            MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        char host[INET6_ADDRSTRLEN] = "";
        if (sa.ss_family == AF_INET6)
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&sa)->sin6_addr, host,
                      sizeof host);
        else
            inet_ntop(AF_INET, &((struct sockaddr_in *)&sa)->sin_addr, host,
                      sizeof host);
        fprintf(stderr, "geomap: serving http://%s%s%s:%u/\n",
                sa.ss_family == AF_INET6 ? "[" : "", host,
                sa.ss_family == AF_INET6 ? "]" : "",
                info ? (unsigned)info->port : 0u);
        fflush(stderr);
        int sig = 0;
        while (sigwait(&stop, &sig) != 0)
            ;
        fprintf(stderr, "geomap: %s: stopping\n",
                sig == SIGINT ? "interrupted" : "terminated");
        MHD_stop_daemon(d);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    gm_srv_tiles_close(srv.tiles);
    gm_srv_layers_free(srv.layers);
    free(srv.web_root);
    return st;
}
