/* Eight bytes at a time in a uint64_t, shared by the UTF-8 checks and the
 * tokeniser: the load, and where the first marked byte is. Internal to
 * src/text. */
#ifndef GM_TEXT_BYTES8_H
#define GM_TEXT_BYTES8_H

#include <stdint.h>

/* The 8 bytes at s, s[0] lowest, whatever the byte order (compilers make
 * one load of it). */
static inline uint64_t gm_bytes8_load(const unsigned char *s)
{
    return (uint64_t)s[0] | (uint64_t)s[1] << 8 | (uint64_t)s[2] << 16 |
           (uint64_t)s[3] << 24 | (uint64_t)s[4] << 32 |
           (uint64_t)s[5] << 40 | (uint64_t)s[6] << 48 |
           (uint64_t)s[7] << 56;
}

/* The position in bytes of the lowest 0x80 bit of mask (not 0): the first
 * byte a test marked, for a word loaded by gm_bytes8_load. */
static inline unsigned gm_bytes8_first(uint64_t mask)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(mask) / 8;
#else
    unsigned k = 0;
    while (!(mask & 0x80)) {
        mask >>= 8;
        k++;
    }
    return k;
#endif
}

#endif
