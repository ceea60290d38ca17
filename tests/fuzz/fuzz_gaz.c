/* gm_gaz_open_mem over arbitrary bytes (copied into an 8-byte aligned
 * buffer): a corrupt index must be refused with GM_E_FORMAT or, when it
 * opens, every lookup, rank and place decode must stay inside it.
 *
 * The first byte of an input chooses the mode, the rest is the file:
 *   even: the bytes as they are (the header checks, the checksum first);
 *   odd:  the header's file_size, every section's checksum and the header
 *         checksum are set to match the bytes before opening, so that a
 *         mutation of the body is not stopped at the header checksum and
 *         reaches the bounds checks and the readers of the sections.
 * run.sh seeds both modes with the mini gazetteer. */
#include "fuzz_common.h"

#include <stdbool.h>
#include <xxhash.h>

#include "gazetteer/gaz.h"

#define HEADER_BYTES 64
#define SECTION_BYTES 32
#define MAX_SECTIONS 64

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t get_u64(const unsigned char *p)
{
    return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put_u64(unsigned char *p, uint64_t v)
{
    put_u32(p, (uint32_t)v);
    put_u32(p + 4, (uint32_t)(v >> 32));
}

/* Makes the size and checksums of the file in b[0..size) true (little
 * endian, as gazetteer/FORMAT.md lays them out). */
static void fix_up(unsigned char *b, size_t size)
{
    if (size < HEADER_BYTES)
        return;
    put_u64(b + 24, size);
    uint32_t sections = get_u32(b + 20);
    if (sections > MAX_SECTIONS)
        sections = MAX_SECTIONS;
    for (uint32_t i = 0; i < sections; i++) {
        size_t at = HEADER_BYTES + (size_t)i * SECTION_BYTES;
        if (at + SECTION_BYTES > size)
            break;
        uint64_t off = get_u64(b + at + 8), len = get_u64(b + at + 16);
        if (off <= size && len <= size - off)
            put_u64(b + at + 24, XXH3_64bits(b + off, (size_t)len));
    }
    put_u32(b + 52, XXH32(b, 52, 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void probe(const gm_gaz *gaz, const char *key)
{
    gm_gaz_match m = gm_gaz_lookup(gaz, key, strlen(key));
    uint32_t n = m.count < 64 ? m.count : 64;
    for (uint32_t i = 0; i < n; i++) {
        gm_gaz_hit h = gm_gaz_match_hit(gaz, &m, i);
        (void)strlen(gm_gaz_string(gaz, h.name_off));
        (void)strlen(gm_gaz_lang(gaz, h.lang));
        if (h.place < gm_gaz_place_count(gaz)) {
            gm_place p;
            gm_gaz_place(gaz, h.place, &p);
        }
    }
    if (m.count && m.count <= 256) {
        gm_gaz_candidate out[256];
        gm_gaz_rank(gaz, &m, out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    bool fix = data[0] & 1;
    data++;
    size--;
    uint64_t *buf = malloc((size / 8 + 1) * 8);
    if (!buf)
        return 0;
    if (size)
        memcpy(buf, data, size);
    if (fix)
        fix_up((unsigned char *)buf, size);
    gm_gaz *gaz = NULL;
    gm_error err;
    if (gm_gaz_open_mem(buf, size, "fuzz", &gaz, &err) == GM_OK) {
        (void)gm_gaz_check(gaz, &err);
        size_t meta_len;
        (void)gm_gaz_meta(gaz, &meta_len);
        (void)gm_gaz_key_count(gaz);
        (void)gm_gaz_max_name_tokens(gaz);
        uint16_t sources = gm_gaz_source_count(gaz);
        for (uint16_t i = 0; i <= sources && i < 8; i++)
            (void)strlen(gm_gaz_source(gaz, i));
        uint32_t places = gm_gaz_place_count(gaz);
        for (uint32_t i = 0; i < places && i < 16; i++) {
            gm_place p;
            gm_gaz_place(gaz, i, &p);
            (void)strlen(p.name);
            (void)strlen(p.admin1_name);
            (void)strlen(p.admin2_name);
        }
        if (places) {
            gm_place p;
            gm_gaz_place(gaz, places - 1, &p);
            (void)strlen(p.name);
        }
        static const char *const keys[] = { "paris", "new york", "texas",
            "u s", "springfield", "", "a", "stepanakert" };
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            probe(gaz, keys[i]);
        gm_gaz_close(gaz);
    } else if (gaz) {
        abort(); /* *out must be NULL on failure */
    }
    free(buf);
    return 0;
}
