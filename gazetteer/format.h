/* The bytes of a compiled gazetteer (see FORMAT.md beside this file).
 * Shared by the builder (build.c) and the reader (gaz.c, lookup.c) and by
 * nobody else. All fields little-endian, fixed width, naturally aligned;
 * offsets, never pointers. */
#ifndef GM_GAZETTEER_FORMAT_H
#define GM_GAZETTEER_FORMAT_H

#include <stdint.h>

#define GM_GAZ_MAGIC "GMGAZ\0\r\n"       /* 8 bytes; \r\n catches text-mode mangling */
#define GM_GAZ_FORMAT_VERSION 2u
#define GM_GAZ_ENDIAN_TAG 0x01020304u
#define GM_GAZ_MAX_NAME_TOKENS 10u      /* longer names are not indexed */
#define GM_GAZ_NO_PLACE UINT32_MAX
#define GM_GAZ_FEATURE_CODE_MAX 6u      /* bytes of a feature code */

typedef struct gm_gaz_header {          /* 64 bytes at offset 0 */
    char magic[8];
    uint32_t format_version;
    uint32_t endian_tag;
    uint32_t fold_version;              /* GM_FOLD_VERSION of the builder */
    uint32_t section_count;
    uint64_t file_size;
    uint64_t build_time;                /* Unix seconds */
    uint32_t place_count;
    uint32_t key_count;                 /* distinct folded keys incl. prefixes */
    uint32_t max_name_tokens;
    uint32_t header_checksum;           /* XXH32 of bytes 0..51, seed 0 */
    uint32_t reserved[2];
} gm_gaz_header;

enum gm_gaz_section_id {
    GM_GAZ_SEC_PLACES = 1,   /* gm_gaz_place_disk[place_count] */
    GM_GAZ_SEC_KEYS = 2,     /* gm_gaz_slot[power of two], open addressing */
    GM_GAZ_SEC_POSTINGS = 3, /* gm_gaz_posting[] grouped by key */
    GM_GAZ_SEC_STRINGS = 4,  /* NUL-separated UTF-8 pool, ends with NUL */
    GM_GAZ_SEC_LANGS = 5,    /* char[8] language codes, index 0 = "" */
    GM_GAZ_SEC_META = 6,     /* provenance: "key=value\n" lines, UTF-8 */
    GM_GAZ_SEC_SOURCES = 7,  /* u32 STRINGS offsets: input of each place */
    GM_GAZ_SEC_KEY_FILTER = 8 /* optional: blocked Bloom filter of the key
                                 hashes, u64[8] per block (key_filter.h) */
};

typedef struct gm_gaz_section {         /* 32 bytes each, after the header */
    uint32_t id;
    uint32_t elem_size;                 /* bytes per element, 1 for pools */
    uint64_t offset;                    /* from the start of the file, 8-aligned */
    uint64_t size;                      /* bytes */
    uint64_t checksum;                  /* XXH3_64bits of the section bytes */
} gm_gaz_section;

typedef struct gm_gaz_place_disk {      /* 56 bytes */
    uint32_t id;                        /* GeoNames id or custom-range id */
    uint32_t name_off;                  /* STRINGS */
    int32_t lat_e7;                     /* degrees * 1e7 */
    int32_t lon_e7;
    uint32_t population;
    uint32_t admin1_code_off;           /* STRINGS, "" when none */
    uint32_t admin1_name_off;           /* STRINGS, "" when unknown */
    uint32_t admin1_place;              /* PLACES index or GM_GAZ_NO_PLACE */
    uint32_t country_place;             /* PLACES index or GM_GAZ_NO_PLACE */
    uint32_t admin2_code_off;           /* STRINGS, "" when none */
    uint32_t admin2_name_off;           /* STRINGS, "" when unknown */
    char country[2];                    /* ISO 3166-1 alpha-2, NUL-padded */
    char feature_class;                 /* GeoNames class letter or 0 */
    uint8_t kind;                       /* gm_place_kind */
    char feature_code[6];               /* NUL-padded */
    uint16_t source;                    /* SOURCES index; 0: unknown */
} gm_gaz_place_disk;

typedef struct gm_gaz_slot {            /* 24 bytes; empty slot: key_off == 0 */
    uint64_t hash;                      /* XXH3_64bits of the folded key */
    uint32_t key_off;                   /* STRINGS; offset 0 is "" (never a key) */
    uint32_t first;                     /* first POSTINGS index */
    uint32_t count;                     /* postings; 0 for a pure prefix */
    uint32_t flags;                     /* GM_GAZ_KEY_* */
} gm_gaz_slot;

enum { GM_GAZ_KEY_PREFIX = 1u };        /* a longer key starts with this one */

typedef struct gm_gaz_posting {         /* 12 bytes */
    uint32_t place;                     /* PLACES index */
    uint32_t name_off;                  /* STRINGS: the name as spelled */
    uint16_t flags;                     /* GM_NAME_* (gaz.h) */
    uint16_t lang;                      /* LANGS index */
} gm_gaz_posting;

_Static_assert(sizeof(gm_gaz_header) == 64, "header layout");
_Static_assert(sizeof(gm_gaz_section) == 32, "section layout");
_Static_assert(sizeof(gm_gaz_place_disk) == 56, "place layout");
_Static_assert(sizeof(gm_gaz_slot) == 24, "slot layout");
_Static_assert(sizeof(gm_gaz_posting) == 12, "posting layout");

#endif
