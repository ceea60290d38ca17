#include "io/json_article.h"

#include <string.h>

const char *gm_json_type_name(json_object *value)
{
    switch (json_object_get_type(value)) {
    case json_type_null: return "null";
    case json_type_boolean: return "a boolean";
    case json_type_double:
    case json_type_int: return "a number";
    case json_type_object: return "an object";
    case json_type_array: return "an array";
    case json_type_string: return "a string";
    }
    return "something else";
}

const char *gm_json_field_text(json_object *obj, const char *key)
{
    json_object *value = NULL;
    if (!json_object_object_get_ex(obj, key, &value) || !value)
        return NULL;
    if (json_object_is_type(value, json_type_string))
        return json_object_get_string(value);
    return json_object_to_json_string_ext(value, GM_JSON_TEXT_FLAGS);
}

gm_json_problem gm_json_article_read(json_object *obj, const char *id_key,
                                     const char *text_key,
                                     gm_json_article *out)
{
    memset(out, 0, sizeof *out);
    out->culprit = obj;
    if (!obj || !json_object_is_type(obj, json_type_object))
        return GM_JSON_NOT_OBJECT;

    json_object *id = NULL, *text = NULL;
    json_object_object_get_ex(obj, id_key, &id);
    json_object_object_get_ex(obj, text_key, &text);
    if (id && (json_object_is_type(id, json_type_string) ||
               json_object_is_type(id, json_type_int) ||
               json_object_is_type(id, json_type_double))) {
        out->id = gm_json_field_text(obj, id_key);
        if (!*out->id)
            out->id = NULL;
    } else if (id && !json_object_is_type(id, json_type_null)) {
        out->culprit = id;
        return GM_JSON_BAD_ID;
    }

    out->culprit = text;
    if (!text || json_object_is_type(text, json_type_null))
        return GM_JSON_NO_TEXT;
    if (!json_object_is_type(text, json_type_string))
        return GM_JSON_TEXT_NOT_STRING;
    out->text = json_object_get_string(text);
    out->text_len = (size_t)json_object_get_string_len(text);
    if (memchr(out->text, '\0', out->text_len))
        return GM_JSON_TEXT_NUL;
    return GM_JSON_ARTICLE;
}
