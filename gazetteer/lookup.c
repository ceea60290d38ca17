/* Name lookup: one probe sequence in the open-addressing key table.
 * The builder also stores every proper prefix of a multi-token name as a
 * key, so the spotter can stop extending a token sequence as soon as
 * is_prefix is false. */
#include "gazetteer/gaz.h"

#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "gazetteer/gaz_internal.h"

uint64_t gm_gaz_key_hash(const char *key, size_t len)
{
    return XXH3_64bits(key, len);
}

gm_gaz_match gm_gaz_lookup(const gm_gaz *gaz, const char *key, size_t len)
{
    gm_gaz_match match = { NULL, 0, false };
    if (len == 0)
        return match;
    uint64_t hash = gm_gaz_key_hash(key, len);
    uint64_t mask = gaz->slot_count - 1;
    /* The table is at most 3/4 full, so an empty slot ends every probe; the
     * bound only guards a corrupt file. */
    for (uint64_t i = 0, pos = hash & mask; i < gaz->slot_count;
         i++, pos = (pos + 1) & mask) {
        const gm_gaz_slot *slot = &gaz->slots[pos];
        if (slot->key_off == 0)
            return match;
        if (slot->hash != hash || slot->key_off >= gaz->strings_size)
            continue;
        const char *stored = gaz->strings + slot->key_off;
        if (strncmp(stored, key, len) != 0 || stored[len] != '\0')
            continue;
        if ((uint64_t)slot->first + slot->count <= gaz->posting_count) {
            match.hits = gaz->postings + slot->first;
            match.count = slot->count;
        }
        match.is_prefix = (slot->flags & GM_GAZ_KEY_PREFIX) != 0;
        return match;
    }
    return match;
}

gm_gaz_hit gm_gaz_match_hit(const gm_gaz *gaz, const gm_gaz_match *match,
                            uint32_t i)
{
    const gm_gaz_posting *p = (const gm_gaz_posting *)match->hits + i;
    gm_gaz_hit hit = { p->place, p->flags, p->lang, p->name_off };
    if (hit.place >= gaz->header->place_count)
        hit.place = 0; /* corrupt file: never index out of bounds */
    return hit;
}
