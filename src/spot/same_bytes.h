/* Equality of two short byte strings of the same length by a few loads,
 * overlapping at the end, instead of a call to memcmp: the spotter's cache
 * keys and the cue words are a few bytes long and compared on every
 * lookup. Internal to src/spot. */
#ifndef GM_SPOT_SAME_BYTES_H
#define GM_SPOT_SAME_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* 8 and 4 bytes at p (memcpy is one load). */
static inline uint64_t gm_same_load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline uint32_t gm_same_load4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* Whether a[0..len) equals b[0..len), for len > 0; reads no byte past
 * either. */
static inline bool gm_same_bytes(const char *a, const char *b, size_t len)
{
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8)
            if (gm_same_load8(a + i) != gm_same_load8(b + i))
                return false;
        return gm_same_load8(a + len - 8) == gm_same_load8(b + len - 8);
    }
    if (len >= 4)
        return gm_same_load4(a) == gm_same_load4(b) &&
               gm_same_load4(a + len - 4) == gm_same_load4(b + len - 4);
    return a[0] == b[0] && a[len / 2] == b[len / 2] &&
           a[len - 1] == b[len - 1];
}

#endif
