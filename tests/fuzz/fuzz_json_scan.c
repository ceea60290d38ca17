/* The JSON Lines scanner (io/json_scan.c) against json-c, on one line as
 * the JSON Lines reader hands it on (up to the first line end, a '\r'
 * before it dropped, invalid UTF-8 repaired as --lossy does; a line with
 * a NUL byte never reaches the scanner). Whenever the scanner takes the
 * line, json-c must parse it (strict, as jsonl.c does) to an object of
 * the same keys with the same values: each string decoded to the same
 * bytes, each integer written back as the scanner copied it. A line the
 * scanner declines is json-c's to read or refuse, and is not checked.
 * The line is read twice: with the reader's default fields, and with a
 * key listed twice and a non-ASCII key (--title-field and --text-field
 * alike, --date-field déjà). */
#include "fuzz_common.h"

#include <limits.h>
#include <stdbool.h>

#include <json-c/json.h>

#include "core/buf.h"
#include "io/formats.h"
#include "io/json_article.h"
#include "io/json_scan.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NKEYS 5

static const char *const default_keys[NKEYS] = { "id", "text", "title",
                                                 "date", "url" };
static const char *const other_keys[NKEYS] = { "id", "body", "body",
                                               "d\xC3\xA9j\xC3\xA0", "url" };

/* Prints the disagreement and stops (a finding). */
static void disagree(const char *line, size_t len, const char *key,
                     const char *what)
{
    fprintf(stderr, "fuzz_json_scan: scanner and json-c disagree on \"%s\": "
            "%s\nline (%zu bytes): %.*s\n", key ? key : "", what, len,
            (int)(len > 4096 ? 4096 : len), line);
    abort();
}

static void check(const char *line, size_t len, const char *const *keys)
{
    gm_json_scan_value v[NKEYS];
    gm_buf dec = GM_BUF_INIT;
    bool taken = gm_json_scan_object(line, len, keys, NKEYS, &dec, v);
    if (!taken) {
        gm_buf_free(&dec);
        return;
    }

    json_tokener *tok = json_tokener_new();
    if (!tok)
        abort();
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    json_object *obj = json_tokener_parse_ex(tok, line, (int)len + 1);
    if (json_tokener_get_error(tok) != json_tokener_success || !obj)
        disagree(line, len, NULL, "the scanner takes a line json-c refuses");
    if (!json_object_is_type(obj, json_type_object))
        disagree(line, len, NULL, "the scanner takes a line that is no "
                 "JSON object");

    /* Every key json-c finds is one the scanner was asked for. */
    json_object_object_foreach(obj, key, value) {
        (void)value;
        bool known = false;
        for (size_t k = 0; k < NKEYS && !known; k++)
            known = strcmp(key, keys[k]) == 0;
        if (!known)
            disagree(line, len, key, "json-c finds a key the scanner "
                     "does not");
    }
    for (size_t k = 0; k < NKEYS; k++) {
        json_object *value = NULL;
        bool has = json_object_object_get_ex(obj, keys[k], &value);
        if (has != (v[k].kind != GM_JSON_SCAN_MISSING))
            disagree(line, len, keys[k], has ? "missed by the scanner"
                                             : "missing in json-c's object");
        if (!has) {
            if (v[k].s)
                disagree(line, len, keys[k], "missing with a value");
            continue;
        }
        if (!v[k].s || v[k].s[v[k].len] != '\0'
            || memchr(v[k].s, '\0', v[k].len))
            disagree(line, len, keys[k], "the scanner's value is not one "
                     "NUL-terminated string");
        size_t bad;
        if (!gm_utf8_validate(v[k].s, v[k].len, &bad))
            disagree(line, len, keys[k], "the scanner's value is not "
                     "valid UTF-8");
        const char *want;
        size_t want_len;
        if (v[k].kind == GM_JSON_SCAN_STRING) {
            if (!json_object_is_type(value, json_type_string))
                disagree(line, len, keys[k], "a string to the scanner, "
                         "not to json-c");
            want = json_object_get_string(value);
            want_len = (size_t)json_object_get_string_len(value);
        } else {
            if (!json_object_is_type(value, json_type_int))
                disagree(line, len, keys[k], "an integer to the scanner, "
                         "not to json-c");
            /* What the reader makes of it: json-c's text of the value. */
            want = gm_json_field_text(obj, keys[k]);
            want_len = want ? strlen(want) : 0;
        }
        if (!want || v[k].len != want_len
            || memcmp(v[k].s, want, want_len) != 0) {
            fprintf(stderr, "scanner (%zu bytes): %.*s\njson-c (%zu bytes): "
                    "%.*s\n", v[k].len, (int)v[k].len, v[k].s, want_len,
                    (int)want_len, want ? want : "");
            disagree(line, len, keys[k], "the values differ");
        }
    }
    json_object_put(obj);
    json_tokener_free(tok);
    gm_buf_free(&dec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* One line, as jsonl.c cuts it. */
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    size_t len = nl ? (size_t)(nl - s) : size;
    if (len && s[len - 1] == '\r')
        len--;
    if (memchr(s, '\0', len) || len >= (size_t)INT_MAX / 3)
        return 0; /* refused before the scanner (repairs triple at most) */
    gm_buf line = GM_BUF_INIT;
    size_t bad;
    if (gm_utf8_validate(s, len, &bad))
        gm_buf_append(&line, s, len);
    else
        gm_io_repair_utf8(s, len, &line);
    /* An exact copy, so that a read past the NUL is the sanitizer's. */
    char *text = malloc(line.len + 1);
    if (!text)
        abort();
    if (line.len)
        memcpy(text, line.data, line.len);
    text[line.len] = '\0';
    check(text, line.len, default_keys);
    check(text, line.len, other_keys);
    free(text);
    gm_buf_free(&line);
    return 0;
}
