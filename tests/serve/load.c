/* The load client of tests/serve/load.sh: N requests at 127.0.0.1:PORT,
 * C of them in flight at once (one connection each, non-blocking, epoll),
 * a mix of POST /extract, GET /health, GET /lookup and GET /layers, and a
 * deadline for the whole run. Counts the answers by status and exits 0 only
 * when every request got a complete 2xx answer (status line read and the
 * whole Content-Length received) before the deadline.
 *   serve-load PORT N C DEADLINE_SECONDS */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define READ_MAX 65536

static const char article[] =
    "{\"id\": \"load\", \"date\": \"2024-03-07\", \"text\": \"Forces shelled "
    "Kyiv on Tuesday. Protesters marched in Paris and Dallas; talks in Baku "
    "ended.\"}";

typedef struct conn {
    int fd;
    char req[1024];
    size_t req_len, sent;
    char resp[READ_MAX];
    size_t got;
} conn;

/* memmem is a GNU extension. */
static const char *find(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void make_request(conn *c, long i)
{
    switch (i % 4) {
    case 0:
        c->req_len = (size_t)snprintf(
            c->req, sizeof c->req,
            "POST /extract HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
            strlen(article), article);
        break;
    case 1:
        c->req_len = (size_t)snprintf(c->req, sizeof c->req,
            "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        break;
    case 2:
        c->req_len = (size_t)snprintf(c->req, sizeof c->req,
            "GET /lookup?name=Paris&limit=5 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Connection: close\r\n\r\n");
        break;
    default:
        c->req_len = (size_t)snprintf(c->req, sizeof c->req,
            "GET /layers HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        break;
    }
    c->sent = c->got = 0;
}

/* The status of a complete answer, 0 while incomplete, -1 if malformed. */
static int complete_status(const conn *c, int eof)
{
    const char *end = find(c->resp, c->got, "\r\n\r\n");
    if (!end)
        return eof ? -1 : 0;
    int status = 0;
    if (sscanf(c->resp, "HTTP/1.%*d %d", &status) != 1)
        return -1;
    const char *cl = find(c->resp, (size_t)(end - c->resp), "Content-Length:");
    size_t body = c->got - (size_t)(end + 4 - c->resp);
    if (cl) {
        size_t want = strtoul(cl + 15, NULL, 10);
        if (body >= want)
            return status;
        return eof ? -1 : 0;
    }
    return eof ? status : 0;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: serve-load PORT N C DEADLINE_SECONDS\n");
        return 2;
    }
    int port = atoi(argv[1]);
    long total = atol(argv[2]), concurrency = atol(argv[3]);
    double deadline = now_s() + atof(argv[4]);
    if (port <= 0 || total <= 0 || concurrency <= 0)
        return 2;
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    conn *conns = calloc((size_t)concurrency, sizeof *conns);
    int ep = epoll_create1(0);
    long started = 0, ok = 0, other = 0, failed = 0, in_flight = 0;
    long by_class[6] = { 0 };
    while ((ok + other + failed) < total) {
        /* fill the free slots */
        for (long s = 0; s < concurrency && started < total; s++) {
            conn *c = &conns[s];
            if (c->fd > 0)
                continue;
            int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            if (fd < 0) {
                perror("serve-load: socket");
                return 1;
            }
            make_request(c, started++);
            if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0 &&
                errno != EINPROGRESS) {
                close(fd);
                failed++;
                continue;
            }
            c->fd = fd;
            struct epoll_event ev = { .events = EPOLLOUT | EPOLLIN,
                                      .data.u64 = (uint64_t)s };
            epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
            in_flight++;
        }
        if (now_s() > deadline) {
            fprintf(stderr, "serve-load: deadline passed with %ld requests "
                            "unanswered\n", total - ok - other - failed);
            return 1;
        }
        struct epoll_event events[256];
        int n = epoll_wait(ep, events, 256, 1000);
        for (int e = 0; e < n; e++) {
            conn *c = &conns[events[e].data.u64];
            int done = 0, status = 0;
            if (c->sent < c->req_len && (events[e].events & EPOLLOUT)) {
                ssize_t w = send(c->fd, c->req + c->sent, c->req_len - c->sent,
                                 MSG_NOSIGNAL);
                if (w > 0)
                    c->sent += (size_t)w;
                else if (w < 0 && errno != EAGAIN)
                    done = 1, status = -1;
                if (!done && c->sent == c->req_len) {
                    struct epoll_event ev = { .events = EPOLLIN,
                                              .data.u64 = events[e].data.u64 };
                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                }
            }
            if (!done && (events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) {
                ssize_t r = recv(c->fd, c->resp + c->got, sizeof c->resp - c->got, 0);
                if (r > 0) {
                    c->got += (size_t)r;
                    status = complete_status(c, c->got == sizeof c->resp);
                    done = status != 0;
                } else if (r == 0) {
                    status = complete_status(c, 1);
                    done = 1;
                } else if (errno != EAGAIN) {
                    status = -1;
                    done = 1;
                }
            }
            if (done) {
                epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                close(c->fd);
                c->fd = 0;
                in_flight--;
                if (status >= 200 && status < 300)
                    ok++;
                else if (status > 0)
                    other++;
                else
                    failed++;
                if (status > 0 && status < 600)
                    by_class[status / 100]++;
            }
        }
    }
    printf("serve-load: %ld requests, %ld concurrent: %ld 2xx, %ld other "
           "statuses (4xx %ld, 5xx %ld), %ld without an answer\n",
           total, concurrency, ok, other, by_class[4], by_class[5], failed);
    free(conns);
    close(ep);
    return ok == total ? 0 : 1;
}
