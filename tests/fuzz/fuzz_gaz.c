/* gm_gaz_open_mem over arbitrary bytes (copied into an 8-byte aligned
 * buffer): a corrupt index must be refused with GM_E_FORMAT or, when it
 * opens, every lookup, rank and place decode must stay inside it. */
#include "fuzz_common.h"

#include "gazetteer/gaz.h"

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
    uint64_t *buf = malloc((size / 8 + 1) * 8);
    if (!buf)
        return 0;
    if (size)
        memcpy(buf, data, size);
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
