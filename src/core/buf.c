/* gm_buf: append-only growable strings. */
#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

static void reserve(gm_buf *buf, size_t extra)
{
    size_t cap = buf->cap;
    gm_xgrow((void **)&buf->data, &cap, buf->len + extra + 1, 1);
    buf->cap = cap;
}

void gm_buf_append(gm_buf *buf, const char *s, size_t len)
{
    reserve(buf, len);
    if (len)
        memcpy(buf->data + buf->len, s, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void gm_buf_append_str(gm_buf *buf, const char *s)
{
    gm_buf_append(buf, s, strlen(s));
}

void gm_buf_append_char(gm_buf *buf, char c)
{
    gm_buf_append(buf, &c, 1);
}

void gm_buf_printf(gm_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0)
        return;
    reserve(buf, (size_t)need);
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)need + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)need;
}

void gm_buf_clear(gm_buf *buf)
{
    buf->len = 0;
    if (buf->data)
        buf->data[0] = '\0';
}

const char *gm_buf_str(const gm_buf *buf)
{
    return buf->data ? buf->data : "";
}

void gm_buf_free(gm_buf *buf)
{
    if (!buf)
        return;
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}
