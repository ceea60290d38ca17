/* CLI messages. The library never prints; this file does. It also keeps
 * the rejections: counted by reason for the summary, and written with
 * --rejects FILE as JSON Lines, one rejected record a line:
 *   {"source": PATH, "line": N|null, "id": ID|null, "reason": SHORT,
 *    "message": DETAILS, "record": TEXT}
 * with "record_base64" instead of "record" when the record is not valid
 * UTF-8, so that its bytes come back exactly. */
#include "cli/diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "text/utf8.h"

/* Beyond this many, rejections are only counted (the summary has them). */
#define MAX_REJECTS_SHOWN 50

void gm_diag_error(const gm_error *err)
{
    char buf[GM_ERR_PATH_MAX + GM_ERR_MSG_MAX + GM_ERR_ID_MAX + 32];
    fprintf(stderr, "geomap: %s\n", gm_err_format(err, buf, sizeof buf));
}

/* ---- the rejects file ---- */

/* s[0..len) as a JSON string; bytes that are not UTF-8 become U+FFFD. */
static void put_json_string(FILE *f, const char *s, size_t len)
{
    putc('"', f);
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int32_t cp;
            size_t n = gm_utf8_decode(s + i, len - i, &cp);
            size_t bad;
            if (gm_utf8_validate(s + i, n, &bad))
                fwrite(s + i, 1, n, f);
            else
                fputs("\xEF\xBF\xBD", f);
            i += n;
            continue;
        }
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (c < 0x20 || c == 0x7F)
                fprintf(f, "\\u%04x", c);
            else
                putc(c, f);
        }
        i++;
    }
    putc('"', f);
}

static void put_base64(FILE *f, const unsigned char *s, size_t len)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    putc('"', f);
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned)s[i] << 16;
        if (i + 1 < len)
            v |= (unsigned)s[i + 1] << 8;
        if (i + 2 < len)
            v |= s[i + 2];
        putc(digits[(v >> 18) & 63], f);
        putc(digits[(v >> 12) & 63], f);
        putc(i + 1 < len ? digits[(v >> 6) & 63] : '=', f);
        putc(i + 2 < len ? digits[v & 63] : '=', f);
    }
    putc('"', f);
}

static void write_reject(gm_diag *d, const gm_error *err, const char *reason,
                         const char *record, size_t record_len)
{
    FILE *f = d->rejects;
    fputs("{\"source\":", f);
    put_json_string(f, err->path, strlen(err->path));
    if (err->line > 0)
        fprintf(f, ",\"line\":%ld", err->line);
    else
        fputs(",\"line\":null", f);
    fputs(",\"id\":", f);
    if (err->article[0])
        put_json_string(f, err->article, strlen(err->article));
    else
        fputs("null", f);
    fputs(",\"reason\":", f);
    put_json_string(f, reason, strlen(reason));
    fputs(",\"message\":", f);
    put_json_string(f, err->msg, strlen(err->msg));
    if (!record)
        record = "";
    size_t bad;
    if (gm_utf8_validate(record, record_len, &bad)) {
        fputs(",\"record\":", f);
        put_json_string(f, record, record_len);
    } else {
        fputs(",\"record_base64\":", f);
        put_base64(f, (const unsigned char *)record, record_len);
    }
    fputs("}\n", f);
    if (ferror(f) && !d->rejects_errno)
        d->rejects_errno = errno ? errno : EIO;
}

/* The rejects file could not be written (errno e): GM_E_IO in err. */
static gm_status rejects_failed(const char *path, int e, gm_error *err)
{
    gm_err_set(err, GM_E_IO, path, 0, "cannot write the rejects file: %s",
               strerror(e));
    if (err)
        err->sys_errno = e;
    return GM_E_IO;
}

gm_status gm_diag_rejects_open(gm_diag *d, const char *path, gm_error *err)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dir_len;
    size_t size = strlen(path) + 48;
    char *tmp = gm_xmalloc(size);
    snprintf(tmp, size, "%.*s.%s.tmp-%ld", (int)dir_len, path, base,
             (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        int e = errno;
        free(tmp);
        return rejects_failed(path, e, err);
    }
    d->rejects = f;
    d->rejects_tmp = tmp;
    d->rejects_path = gm_xstrdup(path);
    d->rejects_errno = 0;
    return GM_OK;
}

gm_status gm_diag_rejects_close(gm_diag *d, gm_error *err)
{
    if (!d->rejects)
        return GM_OK;
    int e = d->rejects_errno;
    if (fflush(d->rejects) != 0 && !e)
        e = errno ? errno : EIO;
    if (fclose(d->rejects) != 0 && !e)
        e = errno ? errno : EIO;
    d->rejects = NULL;
    if (e) {
        gm_status st = rejects_failed(d->rejects_path, e, err);
        gm_diag_rejects_abort(d);
        return st;
    }
    return GM_OK;
}

gm_status gm_diag_rejects_commit(gm_diag *d, gm_error *err)
{
    if (!d->rejects_tmp)
        return GM_OK;
    if (rename(d->rejects_tmp, d->rejects_path) != 0) {
        gm_status st = rejects_failed(d->rejects_path, errno, err);
        gm_diag_rejects_abort(d);
        return st;
    }
    free(d->rejects_tmp);
    free(d->rejects_path);
    d->rejects_tmp = d->rejects_path = NULL;
    return GM_OK;
}

void gm_diag_rejects_abort(gm_diag *d)
{
    if (d->rejects) {
        fclose(d->rejects);
        d->rejects = NULL;
    }
    if (d->rejects_tmp)
        remove(d->rejects_tmp);
    free(d->rejects_tmp);
    free(d->rejects_path);
    d->rejects_tmp = d->rejects_path = NULL;
}

/* ---- counting ---- */

static void count_reason(gm_diag *d, const char *reason)
{
    for (size_t i = 0; i < d->n_reasons; i++)
        if (strcmp(d->reasons[i].reason, reason) == 0) {
            d->reasons[i].count++;
            return;
        }
    if (d->n_reasons == GM_DIAG_MAX_REASONS) {
        /* the last slot takes everything else */
        d->reasons[GM_DIAG_MAX_REASONS - 1].reason = "other";
        d->reasons[GM_DIAG_MAX_REASONS - 1].count++;
        return;
    }
    d->reasons[d->n_reasons].reason = reason;
    d->reasons[d->n_reasons].count = 1;
    d->n_reasons++;
}

void gm_diag_reject(gm_diag *d, const gm_error *err, const char *reason,
                    const char *record, size_t record_len)
{
    if (!reason)
        reason = "other";
    d->rejected++;
    count_reason(d, reason);
    if (d->rejects)
        write_reject(d, err, reason, record, record_len);
    if (d->printed++ < MAX_REJECTS_SHOWN)
        gm_diag_error(err);
}

char *gm_diag_reasons(const gm_diag *d, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    buf[0] = '\0';
    bool taken[GM_DIAG_MAX_REASONS] = { false };
    size_t used = 0;
    for (size_t k = 0; k < d->n_reasons; k++) {
        /* the most frequent left; the first seen among equals */
        size_t best = d->n_reasons;
        for (size_t i = 0; i < d->n_reasons; i++)
            if (!taken[i] &&
                (best == d->n_reasons ||
                 d->reasons[i].count > d->reasons[best].count))
                best = i;
        taken[best] = true;
        int n = snprintf(buf + used, size - used, "%s%zu %s",
                         k ? ", " : "", d->reasons[best].count,
                         d->reasons[best].reason);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
    return buf;
}

void gm_diag_warning(void *ctx, const gm_error *problem)
{
    gm_diag *d = ctx;
    d->warnings++;
    if (d->quiet)
        return;
    char buf[GM_ERR_PATH_MAX + GM_ERR_MSG_MAX + GM_ERR_ID_MAX + 32];
    fprintf(stderr, "geomap: warning: %s\n",
            gm_err_format(problem, buf, sizeof buf));
}

void gm_diag_finish(gm_diag *d)
{
    if (d->printed > MAX_REJECTS_SHOWN)
        fprintf(stderr, "geomap: ... and %zu more rejected records\n",
                d->printed - MAX_REJECTS_SHOWN);
}

static void cli_oom(size_t bytes)
{
    fprintf(stderr, "geomap: out of memory allocating %zu bytes\n", bytes);
    exit(GM_EXIT_FAILED);
}

void gm_diag_install_oom_handler(void)
{
    gm_set_oom_handler(cli_oom);
}
