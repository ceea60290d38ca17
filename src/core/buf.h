/* A growable byte string, always NUL-terminated. Owned by whoever holds it;
 * gm_buf_free releases it. Appends never fail (gm_x* underneath). */
#ifndef GM_CORE_BUF_H
#define GM_CORE_BUF_H

#include <stddef.h>

typedef struct gm_buf {
    char *data; /* NULL until the first append; then NUL-terminated */
    size_t len;
    size_t cap;
} gm_buf;

#define GM_BUF_INIT { NULL, 0, 0 }

void gm_buf_append(gm_buf *buf, const char *s, size_t len);
void gm_buf_append_str(gm_buf *buf, const char *s);
void gm_buf_append_char(gm_buf *buf, char c);
void gm_buf_printf(gm_buf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Empties the buffer, keeping its memory. */
void gm_buf_clear(gm_buf *buf);
/* A readable string even when nothing was appended. Borrowed. */
const char *gm_buf_str(const gm_buf *buf);
void gm_buf_free(gm_buf *buf);

#endif
