/* The error record: filling and formatting. Printing is the CLI's job. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void gm_err_clear(gm_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->offset = -1;
}

gm_status gm_err_set(gm_error *err, gm_status code, const char *path,
                     long line, const char *fmt, ...)
{
    if (!err)
        return code;
    gm_err_clear(err);
    err->code = code;
    if (path)
        snprintf(err->path, sizeof err->path, "%s", path);
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

char *gm_err_format(const gm_error *err, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    buf[0] = '\0';
    size_t used = 0;
#define APPEND(...)                                                        \
    do {                                                                   \
        int n_ = snprintf(buf + used, size - used, __VA_ARGS__);           \
        if (n_ > 0)                                                        \
            used += (size_t)n_ < size - used ? (size_t)n_ : size - used - 1; \
    } while (0)
    if (err->path[0]) {
        APPEND("%s:", err->path);
        if (err->line > 0)
            APPEND("%ld:", err->line);
        APPEND(" ");
    }
    if (err->article[0])
        APPEND("article %s: ", err->article);
    APPEND("%s", err->msg);
#undef APPEND
    return buf;
}

const char *gm_status_name(gm_status code)
{
    switch (code) {
    case GM_OK: return "ok";
    case GM_E_USAGE: return "usage error";
    case GM_E_IO: return "I/O error";
    case GM_E_FORMAT: return "bad format";
    case GM_E_INPUT: return "bad input";
    case GM_E_GDAL: return "GDAL error";
    case GM_E_PROJ: return "PROJ error";
    case GM_E_INTERNAL: return "internal error";
    }
    return "unknown status";
}
