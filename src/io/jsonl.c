/* JSON Lines: one JSON object a line, read with getline (no limit on the
 * line length but max_article_bytes on the text), read by the one-pass
 * scanner of json_scan.c when it can (an object of the known fields, as
 * strings or integers: most lines), else parsed with json-c's strict
 * tokener, which alone judges malformed lines. Each line is an article or
 * a rejection; blank lines are skipped. Field names come from the options;
 * "url" is fixed; every other field is kept as a JSON object text in
 * gm_article.extra. A line of invalid UTF-8 is rejected, named by the id
 * found in a repaired copy of it, or, with --lossy, repaired (each bad
 * byte becomes U+FFFD) and read.
 * The dispatcher (reader.c) decides which files are JSON Lines. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <json-c/json.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "io/formats.h"
#include "io/json_article.h"
#include "io/json_scan.h"
#include "text/utf8.h"

typedef struct jsonl_src {
    gm_io_src base;
    const gm_io_cfg *cfg;
    FILE *fp;
    char *path;
    char *err_path;
    char *line;          /* getline's buffer, reused */
    size_t line_cap;
    size_t line_len;     /* the current line, without its line end */
    gm_buf fixed;        /* the line with bad bytes replaced (--lossy, and
                            to find the id of a line rejected for them) */
    long lineno;
    json_tokener *tok;
    json_object *obj;    /* the current line's object: the article's strings
                            point into it until the next call */
    json_object *extra;  /* likewise for the extra text */
    gm_buf id;           /* "<path>:<line>" when the line has no id */
    gm_buf dec;          /* the scanner's decoded strings: the article's
                            strings point into it until the next call */
    gm_article art;
    bool done;
} jsonl_src;

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* A rejection of the current line for reason; id may be NULL. Evaluates
 * to GM_E_INPUT. */
#define REJECT(src, why, id, err, ...)                                     \
    ((src)->base.reason = (why), (src)->base.raw = (src)->line,           \
     (src)->base.raw_len = (src)->line_len,                                \
     gm_err_set((err), GM_E_INPUT, (src)->err_path, (src)->lineno,        \
                __VA_ARGS__),                                              \
     gm_io_err_article((err), (id)), GM_E_INPUT)

static void release(jsonl_src *src)
{
    json_object_put(src->obj);
    json_object_put(src->extra);
    src->obj = NULL;
    src->extra = NULL;
}

/* Turns the parsed object of the current line into src->art. */
static gm_status build(jsonl_src *src, gm_error *err)
{
    const gm_io_cfg *cfg = src->cfg;
    json_object *obj = src->obj;
    gm_json_article a;
    gm_json_problem problem =
        gm_json_article_read(obj, cfg->id_field, cfg->text_field, &a);
    if (problem == GM_JSON_NOT_OBJECT)
        return REJECT(src, "not a JSON object", NULL, err,
                      "line is not a JSON object");
    if (problem == GM_JSON_BAD_ID)
        return REJECT(src, "bad id", NULL, err,
                      "\"%s\" is %s, not a string or a number",
                      cfg->id_field, gm_json_type_name(a.culprit));
    const char *id = a.id;
    if (!id) {
        gm_buf_clear(&src->id);
        gm_buf_printf(&src->id, "%s:%ld", src->err_path, src->lineno);
        id = src->id.data;
    }
    if (problem == GM_JSON_NO_TEXT)
        return REJECT(src, "no text field", id, err, "no \"%s\" field",
                      cfg->text_field);
    if (problem == GM_JSON_TEXT_NOT_STRING)
        return REJECT(src, "text not a string", id, err,
                      "\"%s\" is %s, not a string",
                      cfg->text_field, gm_json_type_name(a.culprit));
    if (problem == GM_JSON_TEXT_NUL)
        return REJECT(src, "NUL byte", id, err,
                      "text contains a NUL character");
    if (a.text_len > cfg->max_bytes)
        return REJECT(src, "too long", id, err,
                      "article is %zu bytes, more than the limit of %zu",
                      a.text_len, cfg->max_bytes);

    /* Everything else goes to extra, sharing the values. */
    const char *known[5] = { cfg->id_field, cfg->text_field, cfg->title_field,
                             cfg->date_field, "url" };
    json_object_object_foreach(obj, key, value) {
        bool used = false;
        for (int i = 0; i < 5 && !used; i++)
            used = strcmp(key, known[i]) == 0;
        if (used)
            continue;
        if (!src->extra)
            src->extra = json_object_new_object();
        json_object_object_add(src->extra, key, json_object_get(value));
    }

    gm_article *art = &src->art;
    art->id = id;
    art->text = a.text;
    art->text_len = a.text_len;
    art->title = gm_json_field_text(obj, cfg->title_field);
    art->date = gm_json_field_text(obj, cfg->date_field);
    art->url = gm_json_field_text(obj, "url");
    art->extra = src->extra ? json_object_to_json_string_ext(
                                  src->extra, GM_JSON_TEXT_FLAGS)
                            : NULL;
    art->path = src->path;
    art->line = src->lineno;
    return GM_OK;
}

/* The keys the scanner looks for, in this order. */
enum { K_ID, K_TEXT, K_TITLE, K_DATE, K_URL, K_COUNT };

/* Reads text[0..len) (text[len] is NUL) with the scanner into src->art: true when it could
 * (st is then the line's outcome: GM_OK or a rejection), false when the
 * line is json-c's to parse. */
static bool scan(jsonl_src *src, const char *text, size_t len,
                 gm_status *st, gm_error *err)
{
    const gm_io_cfg *cfg = src->cfg;
    const char *keys[K_COUNT] = { cfg->id_field, cfg->text_field,
                                  cfg->title_field, cfg->date_field, "url" };
    gm_json_scan_value v[K_COUNT];
    if (len >= (size_t)INT_MAX || memchr(text, '\0', len))
        return false; /* parse() says why */
    if (!gm_json_scan_object(text, len, keys, K_COUNT, &src->dec, v))
        return false;
    if (v[K_TEXT].kind != GM_JSON_SCAN_STRING)
        return false; /* a rejection: json-c's object names the type */
    /* As gm_json_article_read and build() below make of the same line. */
    const char *id = v[K_ID].len ? v[K_ID].s : NULL;
    if (!id) {
        gm_buf_clear(&src->id);
        gm_buf_printf(&src->id, "%s:%ld", src->err_path, src->lineno);
        id = src->id.data;
    }
    if (v[K_TEXT].len > cfg->max_bytes) {
        *st = REJECT(src, "too long", id, err,
                     "article is %zu bytes, more than the limit of %zu",
                     v[K_TEXT].len, cfg->max_bytes);
        return true;
    }
    gm_article *art = &src->art;
    art->id = id;
    art->text = v[K_TEXT].s;
    art->text_len = v[K_TEXT].len;
    art->title = v[K_TITLE].s;
    art->date = v[K_DATE].s;
    art->url = v[K_URL].s;
    art->extra = NULL;
    art->path = src->path;
    art->line = src->lineno;
    *st = GM_OK;
    return true;
}

/* A tokener for the source, and a fresh one after a line json-c could not
 * parse: json-c 0.16's json_tokener_reset keeps a \u high surrogate
 * pending at the error, and the next line would begin its first surrogate
 * pair with a U+FFFD. */
static void new_tokener(jsonl_src *src)
{
    if (src->tok)
        json_tokener_free(src->tok);
    src->tok = json_tokener_new();
    if (!src->tok)
        gm_xmalloc(SIZE_MAX); /* json-c is out of memory: the OOM hook */
    json_tokener_set_flags(src->tok, JSON_TOKENER_STRICT);
}

/* Parses text[0..len) (text[len] is NUL) into src->obj. GM_OK, or a
 * rejection of the current line. */
static gm_status parse(jsonl_src *src, const char *text, size_t len,
                       gm_error *err)
{
    /* json-c stops at a NUL byte; say where it is instead. */
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        size_t at = (size_t)(nul - text);
        (void)REJECT(src, "NUL byte", NULL, err,
               "malformed JSON: NUL byte at byte %zu", at);
        if (err)
            err->offset = (long)at;
        return GM_E_INPUT;
    }
    if (len >= (size_t)INT_MAX)
        return REJECT(src, "too long", NULL, err,
                      "line is %zu bytes, too long to parse", len);

    /* The length includes the terminating NUL, so that a value with no
     * closing character (a bare number) ends at the end of the line. */
    json_tokener_reset(src->tok);
    src->obj = json_tokener_parse_ex(src->tok, text, (int)len + 1);
    enum json_tokener_error jerr = json_tokener_get_error(src->tok);
    if (jerr != json_tokener_success)
        new_tokener(src);
    if (!src->obj && jerr == json_tokener_success) {
        /* the line is "null": valid JSON, parsed to NULL */
        release(src);
        return REJECT(src, "not a JSON object", NULL, err,
                      "line is not a JSON object");
    }
    if (!src->obj || jerr != json_tokener_success) {
        release(src);
        if (jerr == json_tokener_success || jerr == json_tokener_continue)
            jerr = json_tokener_error_parse_eof;
        return REJECT(src, "malformed JSON", NULL, err, "malformed JSON: %s",
                      json_tokener_error_desc(jerr));
    }
    return GM_OK;
}

/* The id of a line rejected for invalid UTF-8, found in a repaired copy
 * of it, so that the message names the article; NULL when the line has
 * none (or is no JSON object). Lives until the next line. */
static const char *id_of_bad_line(jsonl_src *src)
{
    gm_buf_clear(&src->fixed);
    gm_io_repair_utf8(src->line, src->line_len, &src->fixed);
    if (parse(src, src->fixed.data, src->fixed.len, NULL) != GM_OK)
        return NULL;
    const char *id = NULL;
    gm_json_article a;
    gm_json_article_read(src->obj, src->cfg->id_field, src->cfg->text_field,
                         &a);
    if (a.id) {
        gm_buf_clear(&src->id);
        gm_buf_append_str(&src->id, a.id);
        id = src->id.data;
    }
    release(src);
    return id;
}

static gm_status jsonl_next(gm_io_src *base, const gm_article **article,
                            gm_error *err)
{
    jsonl_src *src = (jsonl_src *)base;
    *article = NULL;
    release(src);
    while (!src->done) {
        errno = 0;
        ssize_t got = getline(&src->line, &src->line_cap, src->fp);
        if (got < 0) {
            src->done = true;
            if (ferror(src->fp)) {
                int e = errno;
                base->reason = "unreadable file";
                base->raw = "";
                gm_err_set(err, GM_E_IO, src->err_path, src->lineno + 1,
                           "cannot read: %s", strerror(e));
                if (err)
                    err->sys_errno = e;
                return GM_E_IO;
            }
            break;
        }
        src->lineno++;
        size_t len = (size_t)got;
        if (len && src->line[len - 1] == '\n')
            src->line[--len] = '\0';
        if (len && src->line[len - 1] == '\r')
            src->line[--len] = '\0';
        src->line_len = len;
        if (is_blank(src->line, len))
            continue;

        const char *text = src->line;
        size_t repaired = 0, bad = 0;
        if (!gm_utf8_validate(src->line, len, &bad)) {
            if (!src->cfg->lossy) {
                const char *id = id_of_bad_line(src);
                (void)REJECT(src, "invalid UTF-8", id, err,
                       "invalid UTF-8 at byte %zu", bad);
                if (err)
                    err->offset = (long)bad;
                return GM_E_INPUT;
            }
            gm_buf_clear(&src->fixed);
            repaired = gm_io_repair_utf8(src->line, len, &src->fixed);
            text = src->fixed.data;
            len = src->fixed.len;
        }
        gm_status st;
        if (!scan(src, text, len, &st, err)) {
            st = parse(src, text, len, err);
            if (st == GM_OK)
                st = build(src, err);
        }
        if (st != GM_OK) {
            release(src);
            return st;
        }
        base->repaired = repaired;
        *article = &src->art;
        return GM_OK;
    }
    return GM_OK;
}

static void jsonl_close(gm_io_src *base)
{
    jsonl_src *src = (jsonl_src *)base;
    release(src);
    json_tokener_free(src->tok);
    gm_io_fclose(src->fp);
    free(src->line);
    gm_buf_free(&src->fixed);
    free(src->path);
    free(src->err_path);
    gm_buf_free(&src->id);
    gm_buf_free(&src->dec);
    free(src);
}

static const gm_io_src_ops jsonl_ops = { jsonl_next, jsonl_close };

gm_status gm_io_jsonl_open(const gm_io_file *file, const gm_io_cfg *cfg,
                           gm_io_src **out, gm_error *err)
{
    (void)err;
    jsonl_src *src = gm_xcalloc(1, sizeof *src);
    src->base.ops = &jsonl_ops;
    src->cfg = cfg;
    src->fp = file->fp;
    src->path = gm_xstrdup(file->path);
    src->err_path = gm_xstrdup(file->err_path);
    new_tokener(src);
    *out = &src->base;
    return GM_OK;
}
