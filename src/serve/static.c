/* Files of the web root: GET / is index.html, any other path a file under
 * the root. Nothing outside the root is ever opened: a path with a ".."
 * or "." segment (MHD has decoded %2e%2e already), a segment starting with
 * "." (dotfiles), a backslash or an empty segment is refused before any
 * file system call, and the real path of what is found (symlinks resolved)
 * must lie inside the real path of the root. Refusals are 404s, the same
 * as a missing file, so they tell nothing about what exists. */
/* realpath(3) is XSI: */
#define _XOPEN_SOURCE 700

#include "serve/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"

static const struct {
    const char *ext;
    const char *type;
} types[] = {
    { ".html", "text/html; charset=utf-8" },
    { ".htm", "text/html; charset=utf-8" },
    { ".js", "text/javascript; charset=utf-8" },
    { ".mjs", "text/javascript; charset=utf-8" },
    { ".css", "text/css; charset=utf-8" },
    { ".json", "application/json; charset=utf-8" },
    { ".map", "application/json; charset=utf-8" },
    { ".geojson", "application/geo+json" },
    { ".svg", "image/svg+xml" },
    { ".png", "image/png" },
    { ".jpg", "image/jpeg" },
    { ".jpeg", "image/jpeg" },
    { ".webp", "image/webp" },
    { ".ico", "image/x-icon" },
    { ".woff", "font/woff" },
    { ".woff2", "font/woff2" },
    { ".pbf", "application/x-protobuf" },
    { ".wasm", "application/wasm" },
    { ".txt", "text/plain; charset=utf-8" },
};

const char *gm_srv_content_type(const char *name)
{
    const char *dot = strrchr(name, '.');
    const char *slash = strrchr(name, '/');
    if (dot && (!slash || dot > slash))
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcasecmp(dot, types[i].ext) == 0)
                return types[i].type;
    return "application/octet-stream";
}

/* Is the URL path one that can only name something inside the root? */
static bool safe_path(const char *path)
{
    if (path[0] != '/' || strchr(path, '\\'))
        return false;
    const char *seg = path + 1;
    for (;;) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (len == 0 && end) /* "//" */
            return false;
        if (len > 0 && seg[0] == '.') /* ".", "..", dotfiles */
            return false;
        if (!end)
            return true;
        seg = end + 1;
    }
}

static bool inside(const char *root, const char *real)
{
    size_t n = strlen(root);
    return strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

/* Opens root + rel when its real path is a regular file inside the root;
 * -1 otherwise. */
static int open_inside(const char *root, const char *rel, struct stat *st,
                       bool *is_index)
{
    *is_index = false;
    gm_buf path = GM_BUF_INIT;
    gm_buf_printf(&path, "%s/%s", root, rel);
    char *real = realpath(gm_buf_str(&path), NULL);
    gm_buf_free(&path);
    int fd = -1;
    if (real && inside(root, real)) {
        fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd >= 0 && (fstat(fd, st) != 0 || S_ISDIR(st->st_mode))) {
            if (S_ISDIR(st->st_mode)) { /* a directory: its index.html */
                close(fd);
                fd = -1;
                gm_buf index = GM_BUF_INIT;
                gm_buf_printf(&index, "%s/index.html", real);
                char *real_index = realpath(gm_buf_str(&index), NULL);
                gm_buf_free(&index);
                if (real_index && inside(root, real_index))
                    fd = open(real_index, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
                *is_index = true;
                if (fd >= 0 && fstat(fd, st) != 0) {
                    close(fd);
                    fd = -1;
                }
                free(real_index);
            } else {
                close(fd);
                fd = -1;
            }
        }
        if (fd >= 0 && !S_ISREG(st->st_mode)) {
            close(fd);
            fd = -1;
        }
    }
    free(real);
    return fd;
}

void gm_srv_static(const gm_srv *srv, const char *path, gm_srv_reply *r)
{
    if (!srv->web_root)
        return gm_srv_reply_error(r, 404, "no web root: start geomap serve "
                                          "with --web DIR to serve the map");
    if (!safe_path(path) || strlen(path) > PATH_MAX / 2)
        return gm_srv_reply_error(r, 404, "not found: %.200s", path);
    const char *rel = path + 1;
    bool dir_url = *rel == '\0' || rel[strlen(rel) - 1] == '/';
    struct stat st;
    int fd;
    bool index_of_dir = false;
    if (dir_url) {
        gm_buf index = GM_BUF_INIT;
        gm_buf_printf(&index, "%sindex.html", rel);
        fd = open_inside(srv->web_root, gm_buf_str(&index), &st,
                         &index_of_dir);
        gm_buf_free(&index);
    } else {
        fd = open_inside(srv->web_root, rel, &st, &index_of_dir);
    }
    if (fd < 0)
        return gm_srv_reply_error(r, 404, "not found: %.200s", path);
    r->status = 200;
    /* the type of what was asked; a directory's index is HTML */
    r->content_type = dir_url || index_of_dir
                          ? gm_srv_content_type("index.html")
                              : gm_srv_content_type(rel);
    r->fd = fd;
    r->fd_size = (uint64_t)st.st_size;
}
