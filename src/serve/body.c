/* The body of POST /extract as articles: plain text, one JSON object, a
 * JSON array of objects, or objects one after the other (JSON Lines, with
 * or without the newlines, which `curl -d @file` drops). Each object is
 * read by the rules geomap extract reads a JSON Lines line by
 * (io/json_article.h): an id is a string or a number, the text a string
 * without NUL; date, title and url are kept as text. An article without an
 * id is named "request:N". Nothing here touches a file. */
#include "serve/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "io/json_article.h"
#include "text/utf8.h"


void gm_srv_articles_free(gm_srv_articles *list)
{
    for (size_t i = 0; i < list->n; i++) {
        gm_srv_article *a = &list->items[i];
        free(a->id);
        free(a->text);
        free(a->date);
        free(a->title);
        free(a->url);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

static gm_srv_article *add_article(gm_srv_articles *list)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? 2 * list->cap : 4;
        list->items = gm_xrealloc(list->items, list->cap * sizeof *list->items);
    }
    gm_srv_article *a = &list->items[list->n++];
    memset(a, 0, sizeof *a);
    return a;
}

static char *dup_or_null(const char *s)
{
    return s ? gm_xstrdup(s) : NULL;
}

static gm_status reject(gm_error *err, size_t index, const char *id,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static gm_status reject(gm_error *err, size_t index, const char *id,
                        const char *fmt, ...)
{
    char what[GM_ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (id)
        return gm_err_set(err, GM_E_INPUT, "", 0, "article %zu (id \"%.100s\"): %s",
                          index, id, what);
    return gm_err_set(err, GM_E_INPUT, "", 0, "article %zu: %s", index, what);
}

/* One JSON value that should be an article; index is 1-based. */
static gm_status add_json_article(json_object *obj, size_t index,
                                  gm_srv_articles *out, gm_error *err)
{
    gm_json_article in;
    gm_json_problem problem = gm_json_article_read(obj, "id", "text", &in);
    if (problem == GM_JSON_NOT_OBJECT)
        return reject(err, index, NULL, "not a JSON object but %s",
                      gm_json_type_name(in.culprit));
    if (problem == GM_JSON_BAD_ID)
        return reject(err, index, NULL,
                      "\"id\" is %s, not a string or a number",
                      gm_json_type_name(in.culprit));
    char *id;
    if (in.id) {
        id = gm_xstrdup(in.id);
    } else {
        gm_buf b = GM_BUF_INIT;
        gm_buf_printf(&b, "request:%zu", index);
        id = gm_xstrdup(gm_buf_str(&b));
        gm_buf_free(&b);
    }
    gm_status st = GM_OK;
    if (problem == GM_JSON_NO_TEXT)
        st = reject(err, index, id, "no \"text\" field");
    else if (problem == GM_JSON_TEXT_NOT_STRING)
        st = reject(err, index, id, "\"text\" is %s, not a string",
                    gm_json_type_name(in.culprit));
    else if (problem == GM_JSON_TEXT_NUL)
        st = reject(err, index, id, "text contains a NUL character");
    if (st != GM_OK) {
        free(id);
        return st;
    }
    gm_srv_article *a = add_article(out);
    a->id = id;
    a->text_len = in.text_len;
    a->text = gm_xmalloc(a->text_len + 1);
    memcpy(a->text, in.text, a->text_len + 1);
    a->date = dup_or_null(gm_json_field_text(obj, "date"));
    a->title = dup_or_null(gm_json_field_text(obj, "title"));
    a->url = dup_or_null(gm_json_field_text(obj, "url"));
    return GM_OK;
}

static size_t skip_blank(const char *s, size_t len, size_t at)
{
    while (at < len && (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' ||
                        s[at] == '\r'))
        at++;
    return at;
}

static gm_status parse_json(const char *body, size_t len, gm_srv_articles *out,
                            gm_error *err)
{
    json_tokener *tok = json_tokener_new();
    /* one value after the other: stop after each */
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
                                    JSON_TOKENER_ALLOW_TRAILING_CHARS);
    gm_status st = GM_OK;
    size_t at = skip_blank(body, len, 0), values = 0;
    while (st == GM_OK && at < len) {
        json_tokener_reset(tok);
        /* with the body's terminating NUL, so that a last value like "null"
         * or "12" is known to end there (the body holds no other NUL) */
        size_t chunk = len - at + 1;
        if (chunk > (size_t)INT32_MAX)
            chunk = (size_t)INT32_MAX;
        json_object *v = json_tokener_parse_ex(tok, body + at, (int)chunk);
        enum json_tokener_error jerr = json_tokener_get_error(tok);
        if (jerr == json_tokener_continue) {
            st = gm_err_set(err, GM_E_INPUT, "", 0,
                            "malformed JSON at byte %zu: unexpected end of data",
                            len);
            break;
        }
        if (jerr != json_tokener_success) {
            st = gm_err_set(err, GM_E_INPUT, "", 0,
                            "malformed JSON at byte %zu: %s",
                            at + json_tokener_get_parse_end(tok),
                            json_tokener_error_desc(jerr));
            break;
        }
        values++;
        if (v && json_object_is_type(v, json_type_array)) {
            size_t n = json_object_array_length(v);
            if (n == 0)
                st = gm_err_set(err, GM_E_INPUT, "", 0, "an empty array: no "
                                                        "article");
            for (size_t i = 0; st == GM_OK && i < n; i++)
                st = add_json_article(json_object_array_get_idx(v, i),
                                      out->n + 1, out, err);
        } else {
            st = add_json_article(v, out->n + 1, out, err);
        }
        json_object_put(v);
        at = skip_blank(body, len, at + json_tokener_get_parse_end(tok));
    }
    json_tokener_free(tok);
    if (st == GM_OK && values == 0)
        st = gm_err_set(err, GM_E_INPUT, "", 0, "empty body: no article");
    return st;
}

/* "text/plain; charset=utf-8" -> is it text/plain? */
static bool type_is(const char *content_type, const char *type)
{
    if (!content_type)
        return false;
    while (*content_type == ' ')
        content_type++;
    size_t n = strlen(type);
    return strncasecmp(content_type, type, n) == 0 &&
           (content_type[n] == '\0' || content_type[n] == ';' ||
            content_type[n] == ' ');
}

gm_status gm_srv_body_parse(const gm_srv_request *req, gm_srv_articles *out,
                            gm_error *err)
{
    memset(out, 0, sizeof *out);
    const char *body = req->body;
    size_t len = req->body_len, bad = 0;
    if (skip_blank(body, len, 0) == len)
        return gm_err_set(err, GM_E_INPUT, "", 0, "empty body: no article");
    if (!gm_utf8_validate(body, len, &bad))
        return gm_err_set(err, GM_E_INPUT, "", 0, "invalid UTF-8 at byte %zu",
                          bad);
    const char *nul = memchr(body, '\0', len);

    bool json;
    if (type_is(req->content_type, "text/plain"))
        json = false;
    else if (type_is(req->content_type, "application/json") ||
             type_is(req->content_type, "application/x-ndjson") ||
             type_is(req->content_type, "application/ndjson") ||
             type_is(req->content_type, "application/jsonl"))
        json = true;
    else {
        size_t first = skip_blank(body, len, 0);
        json = body[first] == '{' || body[first] == '[';
    }

    if (nul)
        return gm_err_set(err, GM_E_INPUT, "", 0, "%s NUL byte at byte %zu",
                          json ? "malformed JSON:" : "text contains a",
                          (size_t)(nul - body));
    gm_status st;
    if (json) {
        st = parse_json(body, len, out, err);
    } else {
        const char *id = gm_srv_query(req, "id");
        const char *params[] = { "id", "date", "title" };
        for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
            const char *v = gm_srv_query(req, params[i]);
            if (v && !gm_utf8_validate(v, strlen(v), &bad))
                return gm_err_set(err, GM_E_INPUT, "", 0,
                                  "?%s=: invalid UTF-8 at byte %zu",
                                  params[i], bad);
        }
        gm_srv_article *a = add_article(out);
        a->id = gm_xstrdup(id && *id ? id : "request");
        a->text = gm_xmalloc(len + 1);
        memcpy(a->text, body, len);
        a->text[len] = '\0';
        a->text_len = len;
        a->date = dup_or_null(gm_srv_query(req, "date"));
        a->title = dup_or_null(gm_srv_query(req, "title"));
        st = GM_OK;
    }
    if (st != GM_OK)
        gm_srv_articles_free(out);
    return st;
}
