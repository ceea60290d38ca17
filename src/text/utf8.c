/* UTF-8 per RFC 3629: validation (with the offset of the first bad
 * sequence), strict decoding, encoding and code point counting. Knows nothing
 * of Unicode properties; folding and tokenising (fold.c, tokens.c) do. */
#include "text/utf8.h"

#include "text/bytes8.h"

#include <assert.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__SSE2__) && defined(__GNUC__)
#define GM_UTF8_SSE2 1
#else
#define GM_UTF8_SSE2 0
#endif

#define REPLACEMENT_CHAR 0xFFFD

/* How many of the 8 bytes at s, from the first, are ASCII (8: all). */
static inline size_t ascii_prefix8(const unsigned char *s)
{
    uint64_t high = gm_bytes8_load(s) & UINT64_C(0x8080808080808080);
    return high ? gm_bytes8_first(high) : 8;
}

/* Length of the well-formed sequence at s[0..len) (1-4), or 0 when it is
 * not one (bad lead byte, bad or missing continuation, overlong form,
 * surrogate, beyond U+10FFFF). The second-byte ranges are RFC 3629's
 * table: they exclude the overlongs and surrogates without decoding. */
static inline size_t sequence_length(const unsigned char *s, size_t len)
{
    unsigned b0 = s[0];
    if (b0 < 0x80)
        return 1;
    if (b0 < 0xC2)
        return 0; /* continuation byte, or overlong 2-byte lead C0/C1 */
    if (b0 < 0xE0)
        return len >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (b0 < 0xF0) {
        if (len < 3)
            return 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (b0 == 0xE0)
            lo = 0xA0; /* overlong below U+0800 */
        else if (b0 == 0xED)
            hi = 0x9F; /* surrogates U+D800..U+DFFF */
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (b0 < 0xF5) {
        if (len < 4)
            return 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (b0 == 0xF0)
            lo = 0x90; /* overlong below U+10000 */
        else if (b0 == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 &&
                       (s[3] & 0xC0) == 0x80
                   ? 4
                   : 0;
    }
    return 0; /* F5..FF never occur */
}

/* What gm_utf8_validate does past the last sixteen bytes, from s[i]. */
static bool validate_tail(const unsigned char *u, size_t len, size_t i,
                          size_t *bad_offset)
{
    while (i < len) {
        if (len - i >= 8) {
            size_t k = ascii_prefix8(u + i);
            i += k;
            if (k == 8)
                continue;
        }
        size_t n = sequence_length(u + i, len - i);
        if (n == 0) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

bool gm_utf8_validate(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *u = (const unsigned char *)s;
#if !GM_UTF8_SSE2
    const uint64_t high = UINT64_C(0x8080808080808080);
#endif
    size_t i = 0;
    for (;;) {
        /* ASCII, most of most texts, sixteen bytes at a time: one test
         * of both words, then where the first other byte is. */
        for (;;) {
            if (len - i < 16)
                return validate_tail(u, len, i, bad_offset);
#if GM_UTF8_SSE2
            /* Thirty-two bytes a step while they are ASCII; then one load
             * of sixteen, its bytes' high bits gathered in one step. */
            if (len - i >= 32) {
                __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
                __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 16));
                if (!_mm_movemask_epi8(_mm_or_si128(a, b))) {
                    i += 32;
                    continue;
                }
            }
            unsigned m = (unsigned)_mm_movemask_epi8(
                _mm_loadu_si128((const __m128i *)(const void *)(u + i)));
            if (m) {
                i += (unsigned)__builtin_ctz(m);
                break;
            }
#else
            uint64_t a = gm_bytes8_load(u + i) & high;
            uint64_t b = gm_bytes8_load(u + i + 8) & high;
            if (a | b) {
                i += a ? gm_bytes8_first(a) : 8 + gm_bytes8_first(b);
                break;
            }
#endif
            i += 16;
        }
        /* then the sequences that follow one another (a word of a
         * non-Latin script) */
        do {
            size_t n = sequence_length(u + i, len - i);
            if (n == 0) {
                if (bad_offset)
                    *bad_offset = i;
                return false;
            }
            i += n;
        } while (i < len && u[i] >= 0x80);
    }
}

size_t gm_utf8_decode(const char *s, size_t len, int32_t *cp)
{
    assert(len > 0);
    const unsigned char *u = (const unsigned char *)s;
    size_t n = sequence_length(u, len);
    switch (n) {
    case 1:
        *cp = u[0];
        return 1;
    case 2:
        *cp = (int32_t)(((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu));
        return 2;
    case 3:
        *cp = (int32_t)(((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
                        (u[2] & 0x3Fu));
        return 3;
    case 4:
        *cp = (int32_t)(((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
                        ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu));
        return 4;
    default:
        *cp = REPLACEMENT_CHAR;
        return 1;
    }
}

size_t gm_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    uint32_t c = (uint32_t)cp;
    if (c < 0x80) {
        o[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (unsigned char)(0xC0 | (c >> 6));
        o[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (c >> 12));
        o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (c >> 18));
    o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

size_t gm_utf8_count(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, count = 0;
    while (i < len) {
        if (len - i >= 8) {
            size_t k = ascii_prefix8(u + i);
            i += k;
            count += k;
            if (k == 8)
                continue;
        }
        /* Step exactly as gm_utf8_decode does, so that a bad byte counts
         * as the one U+FFFD a decoding loop would see. */
        size_t n = sequence_length(u + i, len - i);
        i += n ? n : 1;
        count++;
    }
    return count;
}

/* Bytes of s[0..len) that continue a UTF-8 sequence (10xxxxxx), eight
 * at a time: bit 7 set and bit 6 (shifted up into bit 7) clear marks one,
 * moved down to bit 0 of its byte and summed per byte; the byte sums are
 * added up every 63 blocks of 32 bytes, before one can pass 255. Fewer
 * than eight bytes at the end of a span of eight or more are counted in
 * the last eight, the bytes already counted masked off. */
static inline uint64_t continuations8(uint64_t w)
{
    return (w & ~(w << 1) & UINT64_C(0x8080808080808080)) >> 7;
}

static size_t continuation_bytes(const unsigned char *s, size_t len)
{
    const uint64_t lo8 = UINT64_C(0x00FF00FF00FF00FF);
    size_t count = 0, i = 0;
#if defined(__SSE2__)
    /* Where SSE2 is (every x86-64), sixteen bytes a step: a continuation
     * byte, taken as signed, is below (char)0xC0, and each such byte's
     * compare (-1) is subtracted from a byte counter; the counters are
     * summed (psadbw) every 255 steps, before one can pass 255. Three
     * instructions a step where the words below take about twelve. */
    const __m128i below = _mm_set1_epi8((char)0xC0);
    const unsigned char *p = s;
    for (size_t steps = len / 16; steps > 0;) {
        size_t k = steps < 255 ? steps : 255;
        steps -= k;
        const unsigned char *end = p + 16 * k;
        __m128i acc = _mm_setzero_si128();
        do {
            __m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);
            acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(b, below));
            p += 16;
        } while (p != end);
        __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
        count += (size_t)_mm_cvtsi128_si32(sums) +
                 (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
    }
    i = (size_t)(p - s);
#endif
    while (len - i >= 32) {
        uint64_t acc = 0;
        for (int block = 0; block < 63 && len - i >= 32; block++, i += 32)
            for (int k = 0; k < 4; k++)
                acc += continuations8(gm_bytes8_load(s + i + 8 * k));
        acc = (acc & lo8) + ((acc >> 8) & lo8);
        count += (size_t)((acc * UINT64_C(0x0001000100010001)) >> 48);
    }
    if (len < 8) {
        for (; i < len; i++)
            count += (s[i] & 0xC0) == 0x80;
        return count;
    }
    uint64_t acc = 0; /* at most 4 a byte */
    for (; len - i >= 8; i += 8)
        acc += continuations8(gm_bytes8_load(s + i));
    if (i < len) /* the last eight, less the 8 - (len - i) counted */
        acc += continuations8(gm_bytes8_load(s + len - 8)) >>
               (8 * (8 - (len - i))) << (8 * (8 - (len - i)));
    count += (size_t)((acc * UINT64_C(0x0101010101010101)) >> 56);
    return count;
}

size_t gm_utf8_count_valid(const char *s, size_t len)
{
    return len - continuation_bytes((const unsigned char *)s, len);
}
