/* A one-pass reader of the common JSON Lines article, without json-c: an
 * object whose keys are all among a few the caller names (id, text,
 * title, date, url) and whose values are strings or plain integers. It
 * finds the values and decodes their escapes straight into one buffer, with
 * no object built. Anything else, malformed lines included, it declines,
 * and the caller parses the line with json-c as before, so that json-c
 * alone decides what is malformed and words every message. What it takes,
 * it reads as json-c does (the last of duplicate keys wins; \u escapes,
 * surrogate pairs included, to UTF-8); test_io checks the two agree. */
#ifndef GM_IO_JSON_SCAN_H
#define GM_IO_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

#define GM_JSON_SCAN_MAX_KEYS 8

typedef enum gm_json_scan_kind {
    GM_JSON_SCAN_MISSING = 0,
    GM_JSON_SCAN_STRING,
    GM_JSON_SCAN_INTEGER /* as written: json-c writes it back the same */
} gm_json_scan_kind;

typedef struct gm_json_scan_value {
    gm_json_scan_kind kind;
    const char *s; /* NUL-terminated, in the buffer; NULL when missing */
    size_t len;    /* bytes */
} gm_json_scan_value;

/* Reads line[0..len) (valid UTF-8 without NUL bytes, shorter than
 * INT_MAX, line[len] a NUL) as an object of the given keys (nkeys <=
 * GM_JSON_SCAN_MAX_KEYS; a key may be listed twice: both get the value).
 * True when it could: out[k] is then the value of keys[k], or MISSING.
 * Decoded strings go to dec (its content replaced); out's pointers are
 * borrowed from it until its next change. False when the line is anything
 * else: a key not listed, another type of value, an escape it leaves to
 * json-c (\u0000, a lone surrogate), white space other than spaces and
 * tabs, or malformed JSON; out and dec are then unspecified. */
bool gm_json_scan_object(const char *line, size_t len,
                         const char *const *keys, size_t nkeys, gm_buf *dec,
                         gm_json_scan_value *out);

#endif
