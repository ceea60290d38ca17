/* An article's fields in a JSON object, by the one set of rules of
 * geomap's JSON input: the JSON Lines reader (jsonl.c) and geomap serve's
 * request bodies (src/serve/body.c) both read objects through it, so that
 * both take and refuse the same articles. Each caller words its own
 * messages (a line of a file, an article of a request). */
#ifndef GM_IO_JSON_ARTICLE_H
#define GM_IO_JSON_ARTICLE_H

#include <stddef.h>

#include <json-c/json.h>

/* How json_object_to_json_string_ext writes a field that is not a string. */
#define GM_JSON_TEXT_FLAGS \
    (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

/* Why an object is no article, in the order they are checked. */
typedef enum gm_json_problem {
    GM_JSON_ARTICLE = 0,     /* none: it is one */
    GM_JSON_NOT_OBJECT,
    GM_JSON_BAD_ID,          /* the id is not a string, a number or null */
    GM_JSON_NO_TEXT,         /* missing or null */
    GM_JSON_TEXT_NOT_STRING,
    GM_JSON_TEXT_NUL         /* the text holds a NUL character */
} gm_json_problem;

typedef struct gm_json_article {
    /* A string or a number as text; NULL when missing, null or "" (the
     * caller names the article then). Set for every problem after
     * GM_JSON_BAD_ID, so that those messages can name the article. */
    const char *id;
    const char *text;      /* with GM_JSON_ARTICLE */
    size_t text_len;
    /* The value the problem is about (the object itself, the id, the
     * text), for gm_json_type_name; NULL for a missing text. */
    json_object *culprit;
} gm_json_article;

/* Reads obj (may be NULL: JSON null) with the id and text under the given
 * keys. Strings point into obj. */
gm_json_problem gm_json_article_read(json_object *obj, const char *id_key,
                                     const char *text_key,
                                     gm_json_article *out);

/* "an array", "a number", "null"...: what a value is, for messages. */
const char *gm_json_type_name(json_object *value);

/* A field as text: a string as it is, another value as its JSON text
 * (2024 → "2024"), missing or null → NULL. The text lives as long as obj
 * (json-c keeps a value's text with the value). */
const char *gm_json_field_text(json_object *obj, const char *key);

#endif
