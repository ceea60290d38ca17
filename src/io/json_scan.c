/* The JSON Lines fast path (json_scan.h): one pass over the line, each run
 * of a string up to the next quote or backslash copied and looked at
 * sixteen bytes a step where SSE2 is, its last bytes (and all of it
 * elsewhere) found by strcspn (which the C library vectorises) and copied
 * whole. Every write goes to dec,
 * which is sized once for the whole line: decoding never lengthens a
 * string (an escape is at least as long as what it stands for) and each
 * string's NUL takes the place of its closing quote, so the output of
 * bytes line[0..i) always fits in i bytes. */
#include "io/json_scan.h"

#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "text/utf8.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define GM_JSON_SCAN_SSE2 1
#else
#define GM_JSON_SCAN_SSE2 0
#endif

static inline const unsigned char *skip_space(const unsigned char *p,
                                              const unsigned char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

static inline int hex_digit(unsigned c)
{
    if (c - '0' < 10u)
        return (int)(c - '0');
    c |= 0x20;
    if (c - 'a' < 6u)
        return (int)(c - 'a' + 10);
    return -1;
}

/* The four hex digits at p (end permitting), or -1. */
static long hex4(const unsigned char *p, const unsigned char *end)
{
    if (end - p < 4)
        return -1;
    long v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hex_digit(p[k]);
        if (h < 0)
            return -1;
        v = v << 4 | h;
    }
    return v;
}

/* Decodes the string whose opening quote was just passed at *pp into *dp,
 * NUL-terminated; advances both past it. False to decline. */
static bool string_value(const unsigned char **pp, const unsigned char *end,
                         char **dp)
{
    const unsigned char *p = *pp;
    char *d = *dp;
    for (;;) {
#if GM_JSON_SCAN_SSE2
        /* Sixteen bytes at a time while sixteen are left, copied before
         * they are looked at (dec has room: d is never past p's offset in
         * the line, and dec holds the line and sixteen bytes more), the
         * run's end found in the same pass, not by strcspn and then a
         * memcpy each reading the run again. */
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        while (end - p >= 16) {
            __m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);
            _mm_storeu_si128((__m128i *)(void *)d, b);
            unsigned stops = (unsigned)_mm_movemask_epi8(_mm_or_si128(
                _mm_cmpeq_epi8(b, quote), _mm_cmpeq_epi8(b, backslash)));
            if (stops) {
                unsigned k = (unsigned)__builtin_ctz(stops);
                p += k;
                d += k;
                goto run_end;
            }
            p += 16;
            d += 16;
        }
#endif
        {
            /* The line has no NUL before its end and one at it: the C
             * library's vectorised strcspn finds the run. */
            size_t run = strcspn((const char *)p, "\"\\");
            memcpy(d, p, run);
            p += run;
            d += run;
        }
#if GM_JSON_SCAN_SSE2
    run_end:
#endif
        if (p == end)
            return false; /* unterminated */
        if (*p == '"') {
            *d = '\0';
            *pp = p + 1;
            *dp = d;
            return true;
        }
        if (end - p < 2)
            return false;
        unsigned c = p[1];
        p += 2;
        switch (c) {
        case '"': case '\\': case '/': *d++ = (char)c; break;
        case 'b': *d++ = '\b'; break;
        case 'f': *d++ = '\f'; break;
        case 'n': *d++ = '\n'; break;
        case 'r': *d++ = '\r'; break;
        case 't': *d++ = '\t'; break;
        case 'u': {
            long cp = hex4(p, end);
            if (cp <= 0)
                return false; /* malformed, or \u0000: json-c's call */
            p += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return false; /* a lone low surrogate */
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (end - p < 2 || p[0] != '\\' || p[1] != 'u')
                    return false;
                long lo = hex4(p + 2, end);
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return false;
                p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            d += gm_utf8_encode((int32_t)cp, d);
            break;
        }
        default:
            return false;
        }
    }
}

/* A plain integer at *pp, copied to *dp as it is, NUL-terminated: 0, or
 * an optional minus and 1 to 18 digits without a leading zero, which
 * json-c reads as an int64 and writes back unchanged. False to decline
 * anything else (-0, 01, fractions, exponents, longer numbers). */
static bool integer_value(const unsigned char **pp, const unsigned char *end,
                          char **dp)
{
    const unsigned char *p = *pp, *start = p;
    if (p < end && *p == '-')
        p++;
    const unsigned char *digits = p;
    while (p < end && (unsigned)(*p - '0') < 10u)
        p++;
    size_t n = (size_t)(p - digits);
    if (n == 0 || n > 18 || p == end)
        return false;
    if (digits[0] == '0' && (n > 1 || digits != start))
        return false;
    if (*p != ' ' && *p != '\t' && *p != ',' && *p != '}')
        return false;
    size_t len = (size_t)(p - start);
    memcpy(*dp, start, len);
    (*dp)[len] = '\0';
    *dp += len;
    *pp = p;
    return true;
}

bool gm_json_scan_object(const char *line, size_t len,
                         const char *const *keys, size_t nkeys, gm_buf *dec,
                         gm_json_scan_value *out)
{
    if (nkeys > GM_JSON_SCAN_MAX_KEYS)
        return false;
    for (size_t k = 0; k < nkeys; k++)
        out[k] = (gm_json_scan_value){ GM_JSON_SCAN_MISSING, NULL, 0 };
    if (dec->cap < len + 16) {
        void *data = dec->data;
        gm_xgrow(&data, &dec->cap, len + 16, 1);
        dec->data = data;
    }
    const unsigned char *p = (const unsigned char *)line;
    const unsigned char *end = p + len;
    char *base = dec->data, *d = base;
    dec->len = 0;
    dec->data[0] = '\0';

    p = skip_space(p, end);
    if (p == end || *p != '{')
        return false;
    p = skip_space(p + 1, end);
    for (;;) {
        if (p == end || *p != '"')
            return false; /* {} (no text) or a key json-c may still take */
        p++;
        char *key = d;
        if (!string_value(&p, end, &d))
            return false;
        size_t which[GM_JSON_SCAN_MAX_KEYS], nwhich = 0;
        for (size_t k = 0; k < nkeys; k++)
            if (strcmp(key, keys[k]) == 0)
                which[nwhich++] = k;
        if (nwhich == 0)
            return false; /* a field for extra: json-c writes those */
        d = key; /* the key's bytes are done with */
        p = skip_space(p, end);
        if (p == end || *p != ':')
            return false;
        p = skip_space(p + 1, end);
        if (p == end)
            return false;
        gm_json_scan_value v;
        v.s = d;
        if (*p == '"') {
            p++;
            if (!string_value(&p, end, &d))
                return false;
            v.kind = GM_JSON_SCAN_STRING;
        } else {
            if (!integer_value(&p, end, &d))
                return false;
            v.kind = GM_JSON_SCAN_INTEGER;
        }
        v.len = (size_t)(d - v.s);
        d++; /* past the value's NUL */
        for (size_t k = 0; k < nwhich; k++)
            out[which[k]] = v; /* a later duplicate replaces it */
        p = skip_space(p, end);
        if (p == end)
            return false;
        if (*p == '}')
            break;
        if (*p != ',')
            return false;
        p = skip_space(p + 1, end);
    }
    if (skip_space(p + 1, end) != end)
        return false;
    dec->len = (size_t)(d - base);
    return true;
}
