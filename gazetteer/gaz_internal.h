/* The gm_gaz handle, shared by gaz.c (open, validate) and lookup.c.
 * Everything points into the mapped or embedded bytes, validated at open. */
#ifndef GM_GAZETTEER_GAZ_INTERNAL_H
#define GM_GAZETTEER_GAZ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gazetteer/format.h"

struct gm_gaz {
    const unsigned char *base;
    size_t size;
    bool mapped;          /* munmap at close */
    char *label;          /* path or label, owned */
    const gm_gaz_header *header;
    const gm_gaz_place_disk *places;
    const gm_gaz_slot *slots;
    uint64_t slot_count;  /* power of two */
    const gm_gaz_posting *postings;
    uint64_t posting_count;
    const char *strings;
    uint64_t strings_size;
    const char *langs;
    uint64_t lang_count;
    const char *meta;
    uint64_t meta_size;
    const uint32_t *sources;  /* STRINGS offsets */
    uint64_t source_count;
    const uint64_t *key_filter; /* NULL in files built without one */
    uint64_t key_filter_blocks;
};

/* The hash of a folded key, as builder and reader compute it. */
uint64_t gm_gaz_key_hash(const char *key, size_t len);

#endif
