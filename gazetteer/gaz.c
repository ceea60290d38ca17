/* Opening a compiled gazetteer: map it, validate the header and every
 * section's bounds before anything is read, and decode places. Lookups are
 * in lookup.c; writing the format is build.c's job. */
#include "gazetteer/gaz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/alloc.h"
#include "gazetteer/format.h"
#include "gazetteer/gaz_internal.h"
#include "gazetteer/key_filter.h"
#include "text/fold.h"

static gm_status bad(gm_error *err, const char *label, const char *what)
{
    return gm_err_set(err, GM_E_FORMAT, label, 0,
                      "not a usable geomap gazetteer: %s", what);
}

static const gm_gaz_section *find_section(const unsigned char *base,
                                          const gm_gaz_header *h, uint32_t id)
{
    const gm_gaz_section *table =
        (const gm_gaz_section *)(base + sizeof(gm_gaz_header));
    for (uint32_t i = 0; i < h->section_count; i++)
        if (table[i].id == id)
            return &table[i];
    return NULL;
}

/* Checks one section's bounds, alignment and element size; stores its
 * address and element count. */
static gm_status take_section(gm_gaz *gaz, uint32_t id, uint32_t elem_size,
                              const void **ptr, uint64_t *count,
                              gm_error *err)
{
    char what[160];
    const gm_gaz_section *s = find_section(gaz->base, gaz->header, id);
    if (!s) {
        snprintf(what, sizeof what, "section %u is missing", id);
        return bad(err, gaz->label, what);
    }
    if (s->elem_size != elem_size || s->offset % 8 != 0 ||
        s->offset > gaz->size || s->size > gaz->size - s->offset ||
        s->size % elem_size != 0) {
        snprintf(what, sizeof what,
                 "section %u is out of bounds or misaligned (truncated or "
                 "corrupt file)", id);
        return bad(err, gaz->label, what);
    }
    *ptr = gaz->base + s->offset;
    *count = s->size / elem_size;
    return GM_OK;
}

static gm_status validate(gm_gaz *gaz, gm_error *err)
{
    if (gaz->size < sizeof(gm_gaz_header))
        return bad(err, gaz->label, "file is too short to hold a header");
    if ((uintptr_t)gaz->base % 8 != 0)
        return gm_err_set(err, GM_E_INTERNAL, gaz->label, 0,
                          "gazetteer bytes are not 8-byte aligned");
    const gm_gaz_header *h = (const gm_gaz_header *)gaz->base;
    gaz->header = h;
    if (memcmp(h->magic, GM_GAZ_MAGIC, 8) != 0)
        return bad(err, gaz->label, "wrong magic bytes");
    if (h->endian_tag != GM_GAZ_ENDIAN_TAG)
        return bad(err, gaz->label, "byte order differs from this machine's");
    char what[200];
    if (h->format_version != GM_GAZ_FORMAT_VERSION) {
        snprintf(what, sizeof what,
                 "format version %u, this geomap reads version %u; rebuild "
                 "it with 'geomap gazetteer build'",
                 h->format_version, GM_GAZ_FORMAT_VERSION);
        return bad(err, gaz->label, what);
    }
    if (XXH32(h, offsetof(gm_gaz_header, header_checksum), 0) !=
        h->header_checksum)
        return bad(err, gaz->label, "header checksum mismatch");
    if (h->fold_version != GM_FOLD_VERSION) {
        snprintf(what, sizeof what,
                 "names folded with fold version %u, this geomap folds with "
                 "version %u; rebuild it", h->fold_version, GM_FOLD_VERSION);
        return bad(err, gaz->label, what);
    }
    if (h->file_size != gaz->size) {
        snprintf(what, sizeof what,
                 "file is %zu bytes, header says %llu (truncated?)", gaz->size,
                 (unsigned long long)h->file_size);
        return bad(err, gaz->label, what);
    }
    if (h->section_count == 0 || h->section_count > 64 ||
        sizeof(gm_gaz_header) + (uint64_t)h->section_count *
                                    sizeof(gm_gaz_section) > gaz->size)
        return bad(err, gaz->label, "section table out of bounds");

    const void *p;
    uint64_t n;
    gm_status st;
    if ((st = take_section(gaz, GM_GAZ_SEC_PLACES, sizeof(gm_gaz_place_disk),
                           &p, &n, err)))
        return st;
    gaz->places = p;
    if (n != h->place_count)
        return bad(err, gaz->label, "place count disagrees with the header");
    if ((st = take_section(gaz, GM_GAZ_SEC_KEYS, sizeof(gm_gaz_slot), &p, &n,
                           err)))
        return st;
    gaz->slots = p;
    gaz->slot_count = n;
    if (n == 0 || (n & (n - 1)) != 0 || n > UINT32_MAX)
        return bad(err, gaz->label, "key table size is not a power of two");
    if ((st = take_section(gaz, GM_GAZ_SEC_POSTINGS, sizeof(gm_gaz_posting),
                           &p, &n, err)))
        return st;
    gaz->postings = p;
    gaz->posting_count = n;
    if ((st = take_section(gaz, GM_GAZ_SEC_STRINGS, 1, &p, &n, err)))
        return st;
    gaz->strings = p;
    gaz->strings_size = n;
    if (n == 0 || gaz->strings[n - 1] != '\0' || gaz->strings[0] != '\0')
        return bad(err, gaz->label, "string pool is not NUL-terminated");
    if ((st = take_section(gaz, GM_GAZ_SEC_LANGS, 8, &p, &n, err)))
        return st;
    gaz->langs = p;
    gaz->lang_count = n;
    if ((st = take_section(gaz, GM_GAZ_SEC_META, 1, &p, &n, err)))
        return st;
    gaz->meta = p;
    gaz->meta_size = n;
    if ((st = take_section(gaz, GM_GAZ_SEC_SOURCES, sizeof(uint32_t), &p, &n,
                           err)))
        return st;
    gaz->sources = p;
    gaz->source_count = n;
    /* Optional: files built before it lack it, and lookups then read the
     * key table for every word. */
    if (find_section(gaz->base, gaz->header, GM_GAZ_SEC_KEY_FILTER)) {
        if ((st = take_section(gaz, GM_GAZ_SEC_KEY_FILTER,
                               8 * GM_KEY_FILTER_BLOCK_WORDS, &p, &n, err)))
            return st;
        if (n == 0 || n > UINT32_MAX)
            return bad(err, gaz->label, "key filter has no block or too many");
        gaz->key_filter = p;
        gaz->key_filter_blocks = n;
    }
    return GM_OK;
}

static gm_status finish_open(gm_gaz *gaz, gm_gaz **out, gm_error *err)
{
    gm_status st = validate(gaz, err);
    if (st != GM_OK) {
        gm_gaz_close(gaz);
        return st;
    }
    *out = gaz;
    return GM_OK;
}

gm_status gm_gaz_open(const char *path, gm_gaz **out, gm_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        gm_status st = gm_err_set(err, GM_E_IO, path, 0, "cannot open: %s",
                                  strerror(errno));
        if (err)
            err->sys_errno = errno;
        return st;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return gm_err_set(err, GM_E_IO, path, 0, "not a regular file");
    }
    if (sb.st_size < (off_t)sizeof(gm_gaz_header)) {
        close(fd);
        return bad(err, path, "file is too short to hold a header");
    }
    void *map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return gm_err_set(err, GM_E_IO, path, 0, "cannot map: %s",
                          strerror(errno));
    /* Lookups jump around the key table: tell the kernel not to read ahead
     * megabytes for each probe. */
    posix_madvise(map, (size_t)sb.st_size, POSIX_MADV_RANDOM);
    gm_gaz *gaz = gm_xcalloc(1, sizeof *gaz);
    gaz->base = map;
    gaz->size = (size_t)sb.st_size;
    gaz->mapped = true;
    gaz->label = gm_xstrdup(path);
    return finish_open(gaz, out, err);
}

gm_status gm_gaz_open_mem(const void *data, size_t size, const char *label,
                          gm_gaz **out, gm_error *err)
{
    *out = NULL;
    gm_gaz *gaz = gm_xcalloc(1, sizeof *gaz);
    gaz->base = data;
    gaz->size = size;
    gaz->label = gm_xstrdup(label ? label : "(memory)");
    return finish_open(gaz, out, err);
}

void gm_gaz_close(gm_gaz *gaz)
{
    if (!gaz)
        return;
    if (gaz->mapped)
        munmap((void *)gaz->base, gaz->size);
    free(gaz->label);
    free(gaz);
}

gm_status gm_gaz_check(const gm_gaz *gaz, gm_error *err)
{
    const gm_gaz_section *table =
        (const gm_gaz_section *)(gaz->base + sizeof(gm_gaz_header));
    for (uint32_t i = 0; i < gaz->header->section_count; i++) {
        const gm_gaz_section *s = &table[i];
        if (s->offset > gaz->size || s->size > gaz->size - s->offset)
            return bad(err, gaz->label, "section out of bounds");
        if (XXH3_64bits(gaz->base + s->offset, s->size) != s->checksum) {
            char what[80];
            snprintf(what, sizeof what, "checksum mismatch in section %u",
                     s->id);
            return bad(err, gaz->label, what);
        }
    }
    return GM_OK;
}

uint32_t gm_gaz_place_count(const gm_gaz *gaz)
{
    return gaz->header->place_count;
}

uint32_t gm_gaz_max_name_tokens(const gm_gaz *gaz)
{
    uint32_t n = gaz->header->max_name_tokens;
    return n > GM_GAZ_MAX_NAME_TOKENS ? GM_GAZ_MAX_NAME_TOKENS : n;
}

uint32_t gm_gaz_key_count(const gm_gaz *gaz)
{
    return gaz->header->key_count;
}

uint64_t gm_gaz_key_filter_bytes(const gm_gaz *gaz)
{
    return gaz->key_filter_blocks * 8 * GM_KEY_FILTER_BLOCK_WORDS;
}

const char *gm_gaz_label(const gm_gaz *gaz)
{
    return gaz->label;
}

const char *gm_gaz_meta(const gm_gaz *gaz, size_t *len)
{
    *len = gaz->meta_size;
    return gaz->meta;
}

uint64_t gm_gaz_build_time(const gm_gaz *gaz)
{
    return gaz->header->build_time;
}

uint16_t gm_gaz_source_count(const gm_gaz *gaz)
{
    return gaz->source_count > UINT16_MAX ? UINT16_MAX
                                          : (uint16_t)gaz->source_count;
}

const char *gm_gaz_source(const gm_gaz *gaz, uint16_t i)
{
    return i < gaz->source_count ? gm_gaz_string(gaz, gaz->sources[i]) : "";
}

const char *gm_gaz_string(const gm_gaz *gaz, uint32_t off)
{
    return off < gaz->strings_size ? gaz->strings + off : "";
}

const char *gm_gaz_lang(const gm_gaz *gaz, uint16_t lang)
{
    if (lang >= gaz->lang_count)
        return "";
    const char *code = gaz->langs + (size_t)lang * 8;
    return code[7] == '\0' ? code : ""; /* must be NUL-terminated */
}

static void copy_fixed(char *dst, size_t dst_size, const char *src,
                       size_t src_size)
{
    size_t n = 0;
    while (n < src_size && n + 1 < dst_size && src[n])
        n++;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void gm_gaz_place(const gm_gaz *gaz, uint32_t index, gm_place *out)
{
    memset(out, 0, sizeof *out);
    if (index >= gaz->header->place_count) {
        out->name = "";
        out->admin1_code = out->admin1_name = "";
        out->admin2_code = out->admin2_name = "";
        out->admin1_place = out->country_place = GM_GAZ_NO_PLACE;
        return;
    }
    const gm_gaz_place_disk *d = &gaz->places[index];
    out->index = index;
    out->id = d->id;
    out->name = gm_gaz_string(gaz, d->name_off);
    out->lat = d->lat_e7 / 1e7;
    out->lon = d->lon_e7 / 1e7;
    out->population = d->population;
    copy_fixed(out->country, sizeof out->country, d->country,
               sizeof d->country);
    out->feature_class = d->feature_class;
    copy_fixed(out->feature_code, sizeof out->feature_code, d->feature_code,
               sizeof d->feature_code);
    out->kind = d->kind <= GM_KIND_FEATURE ? (gm_place_kind)d->kind
                                           : GM_KIND_OTHER;
    out->admin1_code = gm_gaz_string(gaz, d->admin1_code_off);
    out->admin1_name = gm_gaz_string(gaz, d->admin1_name_off);
    out->admin2_code = gm_gaz_string(gaz, d->admin2_code_off);
    out->admin2_name = gm_gaz_string(gaz, d->admin2_name_off);
    out->source = d->source;
    uint32_t n = gaz->header->place_count;
    out->admin1_place = d->admin1_place < n ? d->admin1_place : GM_GAZ_NO_PLACE;
    out->country_place =
        d->country_place < n ? d->country_place : GM_GAZ_NO_PLACE;
}

gm_place_kind gm_gaz_place_kind(const gm_gaz *gaz, uint32_t index)
{
    if (index >= gaz->header->place_count)
        return GM_KIND_OTHER;
    uint8_t kind = gaz->places[index].kind;
    return kind <= GM_KIND_FEATURE ? (gm_place_kind)kind : GM_KIND_OTHER;
}

void gm_gaz_place_brief(const gm_gaz *gaz, uint32_t index,
                        gm_place_brief *out)
{
    uint32_t n = gaz->header->place_count;
    if (index >= n) {
        memset(out, 0, sizeof *out);
        out->admin1_place = out->country_place = GM_GAZ_NO_PLACE;
        return;
    }
    const gm_gaz_place_disk *d = &gaz->places[index];
    out->kind = d->kind <= GM_KIND_FEATURE ? (gm_place_kind)d->kind
                                           : GM_KIND_OTHER;
    out->population = d->population;
    out->admin1_place = d->admin1_place < n ? d->admin1_place : GM_GAZ_NO_PLACE;
    out->country_place =
        d->country_place < n ? d->country_place : GM_GAZ_NO_PLACE;
    out->lat = d->lat_e7 / 1e7;
    out->lon = d->lon_e7 / 1e7;
    /* NUL-padded on disk: the bytes up to the first NUL are the code, as
     * copy_fixed reads them */
    _Static_assert(sizeof d->feature_code < sizeof out->feature_code,
                   "feature code and its NUL fit");
    memcpy(out->feature_code, d->feature_code, sizeof d->feature_code);
    memset(out->feature_code + sizeof d->feature_code, 0,
           sizeof out->feature_code - sizeof d->feature_code);
}
