/* The KEY_FILTER section's blocked Bloom filter (FORMAT.md): which block a
 * key hash falls in and which six of its 512 bits it sets. Shared by the
 * builder, which sets them, and the reader, which tests them before it
 * reads the key table: a filter of about a megabyte stays in cache where
 * the tens of megabytes of the key table do not, and most words looked up
 * are no key at all. */
#ifndef GM_GAZETTEER_KEY_FILTER_H
#define GM_GAZETTEER_KEY_FILTER_H

#include <stdbool.h>
#include <stdint.h>

#define GM_KEY_FILTER_BLOCK_WORDS 8u  /* u64 words: 512 bits, one cache line */
#define GM_KEY_FILTER_BITS_PER_KEY 10u
#define GM_KEY_FILTER_PROBES 6u

/* Blocks for key_count keys (at least one). */
static inline uint64_t gm_key_filter_blocks(uint64_t key_count)
{
    return key_count * GM_KEY_FILTER_BITS_PER_KEY /
               (64 * GM_KEY_FILTER_BLOCK_WORDS) + 1;
}

/* The block of hash, in [0, blocks) for blocks < 2^32: the hash's high
 * half scaled, so that the key table's slot (its low bits) and the block
 * are independent. */
static inline uint64_t gm_key_filter_block(uint64_t hash, uint64_t blocks)
{
    return ((hash >> 32) * blocks) >> 32;
}

/* Bit i (< GM_KEY_FILTER_PROBES) of hash inside its block: nine bits each
 * from the top of the hash remixed by a multiplication. */
static inline unsigned gm_key_filter_bit(uint64_t hash, unsigned i)
{
    uint64_t mixed = hash * 0x9E3779B97F4A7C15u;
    return (unsigned)(mixed >> (64 - 9 * (i + 1))) & 511u;
}

static inline void gm_key_filter_add(uint64_t *filter, uint64_t blocks,
                                     uint64_t hash)
{
    uint64_t *b = filter + GM_KEY_FILTER_BLOCK_WORDS *
                               gm_key_filter_block(hash, blocks);
    for (unsigned i = 0; i < GM_KEY_FILTER_PROBES; i++) {
        unsigned bit = gm_key_filter_bit(hash, i);
        b[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
}

/* False: no key has this hash. True: some key may. */
static inline bool gm_key_filter_may_hold(const uint64_t *filter,
                                          uint64_t blocks, uint64_t hash)
{
    const uint64_t *b = filter + GM_KEY_FILTER_BLOCK_WORDS *
                                     gm_key_filter_block(hash, blocks);
    for (unsigned i = 0; i < GM_KEY_FILTER_PROBES; i++) {
        unsigned bit = gm_key_filter_bit(hash, i);
        if (!((b[bit >> 6] >> (bit & 63)) & 1))
            return false;
    }
    return true;
}

#endif
