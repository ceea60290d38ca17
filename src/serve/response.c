/* Replies: JSON bodies, JSON errors, bodies the server keeps, and the
 * number format of GeoJSON. Sending them is http.c's. */
#include "serve/internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "text/utf8.h"

void gm_srv_reply_init(gm_srv_reply *r)
{
    memset(r, 0, sizeof *r);
    r->fd = -1;
}

void gm_srv_reply_free(gm_srv_reply *r)
{
    if (!r->persistent)
        free(r->body);
    r->body = NULL;
}

void gm_srv_reply_json(gm_srv_reply *r, unsigned status,
                       const char *content_type, json_object *obj)
{
    size_t len = 0;
    const char *s = json_object_to_json_string_length(
        obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
    gm_srv_reply_free(r);
    r->status = status;
    r->content_type = content_type;
    r->body = gm_xmalloc(len + 2);
    memcpy(r->body, s, len);
    r->body[len] = '\n';
    r->body[len + 1] = '\0';
    r->len = len + 1;
    r->persistent = false;
    json_object_put(obj);
}

void gm_srv_reply_error(gm_srv_reply *r, unsigned status, const char *fmt, ...)
{
    char msg[GM_ERR_MSG_MAX + GM_ERR_PATH_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* messages quote request data: keep the JSON valid UTF-8 whatever it
     * held, or wherever %.Ns cut it */
    size_t len = strlen(msg), at = 0, bad;
    while (!gm_utf8_validate(msg + at, len - at, &bad)) {
        msg[at + bad] = '?';
        at += bad + 1;
    }
    json_object *o = json_object_new_object();
    json_object_object_add(o, "error", json_object_new_string(msg));
    json_object_object_add(o, "status", json_object_new_int((int)status));
    gm_srv_reply_json(r, status, GM_SRV_JSON, o);
}

void gm_srv_reply_static(gm_srv_reply *r, unsigned status,
                         const char *content_type, const char *body,
                         size_t len)
{
    gm_srv_reply_free(r);
    r->status = status;
    r->content_type = content_type;
    r->body = (char *)body; /* never freed: persistent */
    r->len = len;
    r->persistent = true;
}

json_object *gm_srv_json_double(double v, int digits, bool fixed)
{
    if (!isfinite(v))
        return NULL;
    char s[64];
    snprintf(s, sizeof s, fixed ? "%.*f" : "%.*g", digits, v);
    if (fixed && strchr(s, '.')) { /* 30.500000 -> 30.5, 2.000000 -> 2 */
        char *end = s + strlen(s) - 1;
        while (*end == '0')
            *end-- = '\0';
        if (*end == '.')
            *end = '\0';
    }
    if (strcmp(s, "-0") == 0)
        strcpy(s, "0");
    return json_object_new_double_s(v, s);
}
