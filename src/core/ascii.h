/* ASCII case folding for names the program compares itself (driver names,
 * extensions, field names): A-Z only, whatever the locale, unlike
 * strcasecmp. Pure functions: thread-safe. */
#ifndef GM_CORE_ASCII_H
#define GM_CORE_ASCII_H

#include <stdbool.h>

/* Whether a and b (NUL-terminated) are equal once ASCII capitals are made
 * small; other bytes, UTF-8 included, compare as they are. */
static inline bool gm_ascii_eq(const char *a, const char *b)
{
    for (;; a++, b++) {
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (ca != cb)
            return false;
        if (!ca)
            return true;
    }
}

#endif
