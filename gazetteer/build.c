/* The gazetteer builder: places and names in, one index file out.
 * Memory: places and names are kept in flat arrays with their strings in
 * interning pools, so the full GeoNames dump (12 M places, 15 M alternate
 * names) fits in a few GB. Folded keys get dense ids from their own pool;
 * the (key, place) entries are grouped by a counting sort on the key id,
 * which costs two passes whatever their number, and the key table is open
 * addressing at most 3/4 full. bench/gazetteer.sh measures it. */
#include "gazetteer/build.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "gazetteer/format.h"
#include "gazetteer/gaz.h"
#include "gazetteer/gaz_internal.h"
#include "gazetteer/key_filter.h"
#include "text/fold.h"
#include "text/tokens.h"
#include "text/utf8.h"

/* ---- a string pool with interning --------------------------------------- */

/* Strings back to back, each NUL-terminated, offset 0 being "". The table
 * maps a string to its index (dense, in order of arrival); each slot keeps
 * the low 32 bits of the string's hash beside index + 1, so a probe
 * compares bytes only when the hashes agree and growing the table never
 * reads the strings again. */
typedef struct pool {
    gm_buf bytes;
    uint64_t *table;   /* (hash32 << 32) | (index + 1); 0 = empty */
    size_t table_cap;  /* power of two */
    uint32_t *offs;    /* offset of string i */
    size_t count, offs_cap;
} pool;

static void pool_init(pool *p)
{
    memset(p, 0, sizeof *p);
    gm_buf_append(&p->bytes, "", 1); /* offset 0 is "" */
}

static void pool_free(pool *p)
{
    gm_buf_free(&p->bytes);
    free(p->table);
    free(p->offs);
}

static void pool_rehash(pool *p)
{
    size_t cap = p->table_cap ? p->table_cap * 2 : 1024;
    uint64_t *table = gm_xcalloc(cap, sizeof *table);
    for (size_t i = 0; i < p->table_cap; i++) {
        uint64_t slot = p->table[i];
        if (!slot)
            continue;
        size_t pos = (size_t)(slot >> 32) & (cap - 1);
        while (table[pos])
            pos = (pos + 1) & (cap - 1);
        table[pos] = slot;
    }
    free(p->table);
    p->table = table;
    p->table_cap = cap;
}

/* Index of s[0..len) in the pool, or -1 (with *pos_out the free slot where
 * it would go). */
static int64_t pool_find_at(const pool *p, const char *s, size_t len,
                            uint32_t hash, size_t *pos_out)
{
    size_t mask = p->table_cap - 1, pos = hash & mask;
    for (;; pos = (pos + 1) & mask) {
        uint64_t slot = p->table[pos];
        if (!slot)
            break;
        if ((uint32_t)(slot >> 32) != hash)
            continue;
        uint32_t index = (uint32_t)slot - 1;
        const char *have = p->bytes.data + p->offs[index];
        if (memcmp(have, s, len) == 0 && have[len] == '\0')
            return index;
    }
    if (pos_out)
        *pos_out = pos;
    return -1;
}

/* Index of s[0..len) (len > 0), adding it once. */
static uint32_t pool_intern_index(pool *p, const char *s, size_t len)
{
    if ((p->count + 1) * 4 > p->table_cap * 3)
        pool_rehash(p);
    uint32_t hash = (uint32_t)XXH3_64bits(s, len);
    size_t pos;
    int64_t found = pool_find_at(p, s, len, hash, &pos);
    if (found >= 0)
        return (uint32_t)found;
    if (p->bytes.len + len + 1 > UINT32_MAX - 1) {
        fprintf(stderr, "geomap: gazetteer string pool exceeds 4 GiB\n");
        abort();
    }
    uint32_t off = (uint32_t)p->bytes.len;
    gm_buf_append(&p->bytes, s, len);
    gm_buf_append(&p->bytes, "", 1);
    gm_xgrow((void **)&p->offs, &p->offs_cap, p->count + 1, sizeof *p->offs);
    p->offs[p->count] = off;
    p->table[pos] = ((uint64_t)hash << 32) | (p->count + 1);
    return (uint32_t)p->count++;
}

/* Offset of s[0..len) in the pool, adding it once. */
static uint32_t pool_intern(pool *p, const char *s, size_t len)
{
    if (len == 0)
        return 0;
    uint32_t index = pool_intern_index(p, s, len); /* may move p->offs */
    return p->offs[index];
}

/* Offset of s[0..len) when it is in the pool, else UINT32_MAX. */
static uint32_t pool_find(const pool *p, const char *s, size_t len)
{
    if (len == 0 || p->table_cap == 0)
        return UINT32_MAX;
    int64_t found = pool_find_at(p, s, len, (uint32_t)XXH3_64bits(s, len),
                                 NULL);
    return found >= 0 ? p->offs[found] : UINT32_MAX;
}

static bool pool_contains(const pool *p, const char *s, size_t len)
{
    return pool_find(p, s, len) != UINT32_MAX;
}

static uint32_t pool_intern_str(pool *p, const char *s)
{
    return s ? pool_intern(p, s, strlen(s)) : 0;
}

static const char *pool_str(const pool *p, uint32_t off)
{
    return p->bytes.data + off;
}

/* ---- the builder's records ---------------------------------------------- */

typedef struct place_rec {
    uint32_t id;
    uint32_t name;        /* in strs */
    uint32_t asciiname;
    uint32_t alternates;  /* GeoNames comma list, in strs */
    int32_t lat_e7, lon_e7;
    uint32_t population;
    char country[2];
    char feature_class;
    char feature_code[8];
    uint32_t admin1;      /* code, in strs */
    uint32_t admin2;      /* code, in strs */
    uint16_t source;      /* index in sources */
} place_rec;

typedef struct name_rec {
    uint32_t id;          /* place id (not index) */
    uint32_t name;        /* in strs */
    uint16_t flags;
    uint16_t lang;
} name_rec;

typedef struct admin_name {
    uint32_t key;         /* "CC.CODE" or "CC.A1.A2" in strs */
    uint32_t name;
} admin_name;

typedef struct country_id {
    char cc[3];
    uint32_t id;
} country_id;

struct gm_gaz_builder {
    gm_diag_fn diag;
    void *diag_ctx;
    pool strs;
    place_rec *places;
    size_t n_places, cap_places;
    name_rec *names;
    size_t n_names, cap_names;
    admin_name *admin1s;
    size_t n_admin1s, cap_admin1s;
    admin_name *admin2s;
    size_t n_admin2s, cap_admin2s;
    country_id *countries;
    size_t n_countries, cap_countries;
    uint32_t *sources;    /* labels in strs; [0] = "" */
    size_t n_sources, cap_sources;
    uint16_t source;      /* of the places being added */
    char (*langs)[8];
    size_t n_langs, cap_langs;
    pool lang_set;        /* the codes of langs[1..] */
    gm_buf common;        /* folded common words, each followed by '\n' */
    pool common_set;
    gm_buf meta;
    uint32_t next_custom_id;
};

static void warn(gm_gaz_builder *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void warn(gm_gaz_builder *b, const char *fmt, ...)
{
    if (!b->diag)
        return;
    gm_error e;
    gm_err_clear(&e);
    e.code = GM_E_INPUT;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    b->diag(b->diag_ctx, &e);
}

void gm_gaz_builder_warn(gm_gaz_builder *b, const gm_error *problem)
{
    if (b->diag)
        b->diag(b->diag_ctx, problem);
}

gm_gaz_builder *gm_gaz_builder_new(gm_diag_fn diag, void *diag_ctx)
{
    gm_gaz_builder *b = gm_xcalloc(1, sizeof *b);
    b->diag = diag;
    b->diag_ctx = diag_ctx;
    pool_init(&b->strs);
    pool_init(&b->common_set);
    pool_init(&b->lang_set);
    gm_xgrow((void **)&b->langs, &b->cap_langs, 1, sizeof *b->langs);
    memset(b->langs[0], 0, 8);
    b->n_langs = 1;
    gm_xgrow((void **)&b->sources, &b->cap_sources, 1, sizeof *b->sources);
    b->sources[0] = 0;
    b->n_sources = 1;
    return b;
}

void gm_gaz_builder_free(gm_gaz_builder *b)
{
    if (!b)
        return;
    pool_free(&b->strs);
    pool_free(&b->common_set);
    pool_free(&b->lang_set);
    free(b->places);
    free(b->names);
    free(b->admin1s);
    free(b->admin2s);
    free(b->countries);
    free(b->sources);
    free(b->langs);
    gm_buf_free(&b->common);
    gm_buf_free(&b->meta);
    free(b);
}

uint32_t gm_gaz_builder_custom_id(gm_gaz_builder *b)
{
    return GM_GAZ_CUSTOM_ID_MIN + b->next_custom_id++;
}

uint32_t gm_gaz_builder_place_count(const gm_gaz_builder *b)
{
    return (uint32_t)b->n_places;
}

static void copy_code(char *dst, size_t size, const char *src)
{
    memset(dst, 0, size);
    if (src)
        for (size_t i = 0; i < size && src[i]; i++)
            dst[i] = src[i];
}

gm_status gm_gaz_builder_add_place(gm_gaz_builder *b,
                                   const gm_gaz_place_in *in, gm_error *err)
{
    if (!in->name || !in->name[0])
        return gm_err_set(err, GM_E_INPUT, NULL, 0, "place %u has no name",
                          in->id);
    if (!(in->lat >= -90 && in->lat <= 90 && in->lon >= -180 &&
          in->lon <= 180))
        return gm_err_set(err, GM_E_INPUT, NULL, 0,
                          "place %u has coordinates out of range (%g, %g)",
                          in->id, in->lat, in->lon);
    if (in->feature_code && strlen(in->feature_code) > GM_GAZ_FEATURE_CODE_MAX)
        return gm_err_set(err, GM_E_INPUT, NULL, 0,
                          "place %u has a feature code longer than %u bytes",
                          in->id, GM_GAZ_FEATURE_CODE_MAX);
    if (!gm_utf8_validate(in->name, strlen(in->name), NULL) ||
        (in->alternates &&
         !gm_utf8_validate(in->alternates, strlen(in->alternates), NULL)))
        return gm_err_set(err, GM_E_INPUT, NULL, 0,
                          "place %u has invalid UTF-8 in its names", in->id);
    gm_xgrow((void **)&b->places, &b->cap_places, b->n_places + 1,
             sizeof *b->places);
    place_rec *p = &b->places[b->n_places++];
    memset(p, 0, sizeof *p);
    p->id = in->id;
    p->name = pool_intern_str(&b->strs, in->name);
    p->asciiname = pool_intern_str(&b->strs, in->asciiname);
    p->alternates = pool_intern_str(&b->strs, in->alternates);
    p->lat_e7 = (int32_t)lround(in->lat * 1e7);
    p->lon_e7 = (int32_t)lround(in->lon * 1e7);
    p->population = in->population > UINT32_MAX ? UINT32_MAX
                                                : (uint32_t)in->population;
    copy_code(p->country, sizeof p->country, in->country);
    p->feature_class = in->feature_class;
    copy_code(p->feature_code, sizeof p->feature_code, in->feature_code);
    p->admin1 = pool_intern_str(&b->strs, in->admin1);
    p->admin2 = pool_intern_str(&b->strs, in->admin2);
    p->source = b->source;
    return GM_OK;
}

static uint16_t lang_index(gm_gaz_builder *b, const char *lang)
{
    if (!lang || !lang[0])
        return 0;
    char code[8] = { 0 };
    copy_code(code, 7, lang);
    /* GeoNames has some 600 language codes and 15 M names: a table, not a
     * scan. Index i of lang_set is language i + 1. */
    size_t i = (size_t)pool_intern_index(&b->lang_set, code, strlen(code)) + 1;
    if (i < b->n_langs)
        return (uint16_t)i;
    if (b->n_langs >= UINT16_MAX)
        return 0; /* i was added to lang_set: no index refers to it */
    gm_xgrow((void **)&b->langs, &b->cap_langs, b->n_langs + 1,
             sizeof *b->langs);
    memcpy(b->langs[b->n_langs], code, 8);
    return (uint16_t)b->n_langs++;
}

void gm_gaz_builder_add_name(gm_gaz_builder *b, uint32_t id, const char *name,
                             const char *lang, uint16_t flags)
{
    if (!name || !name[0] || !gm_utf8_validate(name, strlen(name), NULL))
        return;
    gm_xgrow((void **)&b->names, &b->cap_names, b->n_names + 1,
             sizeof *b->names);
    name_rec *n = &b->names[b->n_names++];
    n->id = id;
    n->name = pool_intern_str(&b->strs, name);
    n->flags = flags;
    n->lang = lang_index(b, lang);
}

void gm_gaz_builder_add_admin1_name(gm_gaz_builder *b, const char *key,
                                    const char *name)
{
    gm_xgrow((void **)&b->admin1s, &b->cap_admin1s, b->n_admin1s + 1,
             sizeof *b->admin1s);
    admin_name *a = &b->admin1s[b->n_admin1s++];
    a->key = pool_intern_str(&b->strs, key);
    a->name = pool_intern_str(&b->strs, name);
}

void gm_gaz_builder_add_admin2_name(gm_gaz_builder *b, const char *key,
                                    const char *name)
{
    gm_xgrow((void **)&b->admin2s, &b->cap_admin2s, b->n_admin2s + 1,
             sizeof *b->admin2s);
    admin_name *a = &b->admin2s[b->n_admin2s++];
    a->key = pool_intern_str(&b->strs, key);
    a->name = pool_intern_str(&b->strs, name);
}

void gm_gaz_builder_add_country(gm_gaz_builder *b, const char *cc,
                                uint32_t id)
{
    gm_xgrow((void **)&b->countries, &b->cap_countries, b->n_countries + 1,
             sizeof *b->countries);
    country_id *c = &b->countries[b->n_countries++];
    copy_code(c->cc, 2, cc);
    c->cc[2] = '\0';
    c->id = id;
}

void gm_gaz_builder_set_source(gm_gaz_builder *b, const char *label)
{
    uint32_t off = pool_intern_str(&b->strs, label);
    for (size_t i = 0; i < b->n_sources; i++)
        if (b->sources[i] == off) {
            b->source = (uint16_t)i;
            return;
        }
    if (b->n_sources > UINT16_MAX) {
        b->source = 0; /* more inputs than the format counts: "unknown" */
        return;
    }
    gm_xgrow((void **)&b->sources, &b->cap_sources, b->n_sources + 1,
             sizeof *b->sources);
    b->sources[b->n_sources] = off;
    b->source = (uint16_t)b->n_sources++;
}

void gm_gaz_builder_add_common_word(gm_gaz_builder *b, const char *word)
{
    gm_buf key = GM_BUF_INIT;
    if (gm_fold_name(word, strlen(word), &key) > 0)
        pool_intern(&b->common_set, key.data, key.len);
    gm_buf_free(&key);
}

void gm_gaz_builder_add_meta(gm_gaz_builder *b, const char *key,
                             const char *value)
{
    gm_buf_printf(&b->meta, "%s=%s\n", key, value);
}

/* ---- indexing ------------------------------------------------------------ */

/* id → place index, open addressing. */
typedef struct id_map {
    uint32_t *ids;
    uint32_t *index;
    size_t cap;
} id_map;

static size_t id_slot(const id_map *m, uint32_t id)
{
    size_t pos = (size_t)(id * 2654435761u) & (m->cap - 1);
    while (m->index[pos] != GM_GAZ_NO_PLACE && m->ids[pos] != id)
        pos = (pos + 1) & (m->cap - 1);
    return pos;
}

static uint32_t id_find(const id_map *m, uint32_t id)
{
    return m->index[id_slot(m, id)];
}

static gm_place_kind kind_of(char fclass, const char *code)
{
    switch (fclass) {
    case 'P':
        return GM_KIND_CITY;
    case 'A':
        /* PCLH: a historical political entity, not a country today. */
        if ((strncmp(code, "PCL", 3) == 0 && strcmp(code, "PCLH") != 0) ||
            strcmp(code, "TERR") == 0)
            return GM_KIND_COUNTRY;
        if (strncmp(code, "ADM1", 4) == 0)
            return GM_KIND_ADMIN1;
        if (strncmp(code, "ADM2", 4) == 0)
            return GM_KIND_ADMIN2;
        return GM_KIND_REGION;
    case 'L':
        if (strcmp(code, "CONT") == 0)
            return GM_KIND_CONTINENT;
        return GM_KIND_REGION;
    case 'H': case 'T': case 'U': case 'V':
        return GM_KIND_FEATURE;
    default:
        return GM_KIND_OTHER;
    }
}

/* One (key, place) pair before grouping: 16 bytes, and there are tens of
 * millions of them in a full build. */
typedef struct entry {
    uint32_t key;      /* key id in indexer.keys */
    uint32_t place;    /* index */
    uint32_t spelling; /* in the output pool */
    uint16_t flags;
    uint16_t lang;
} entry;

typedef struct entries {
    entry *v;
    size_t n, cap;
} entries;

/* True when s[0..len) has at least two letters and every cased letter is
 * upper. */
static bool spelled_upper(const char *s, size_t len)
{
    size_t letters = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z')
            return false;
        if (c >= 'A' && c <= 'Z')
            letters++;
        else if (c >= 0x80)
            return false; /* keep it simple: non-ASCII is never "upper" */
    }
    return letters >= 2;
}

/* GeoNames' inline alternate names mix real exonyms with lower-case
 * romanisations ("ji fu", "kiu") and codes; only names with an upper-case
 * letter or an uncased script are worth matching. */
static bool inline_alternate_usable(const char *s, size_t len)
{
    bool has_upper = false, has_lower = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            has_upper = true;
        else if (c >= 'a' && c <= 'z')
            has_lower = true;
        else if (c >= 0x80)
            return true; /* other scripts: keep */
    }
    return has_upper || !has_lower;
}

typedef struct indexer {
    gm_gaz_builder *b;
    pool out;          /* the output string pool: names, codes */
    pool keys;         /* folded keys; the index of a key is its id */
    uint8_t *key_flags;/* GM_GAZ_KEY_* by key id */
    size_t key_flags_cap;
    entries e;
    gm_buf key;
    gm_tok_list toks;  /* reused by every fold */
    uint32_t max_tokens;
    size_t dropped_long;
} indexer;

/* The folded key of a name into ix->key, exactly as gm_fold_name makes it
 * (the spotter's lookups depend on it), without its allocations: one token
 * list serves every name. Returns the number of words. */
static size_t fold_key(indexer *ix, const char *name, size_t len)
{
    gm_buf_clear(&ix->key);
    gm_tok_split(name, len, &ix->toks);
    size_t words = 0;
    for (size_t i = 0; i < ix->toks.n; i++) {
        const gm_token *t = &ix->toks.v[i];
        if (t->kind == GM_TOK_PUNCT || t->fold_len == 0)
            continue;
        if (words)
            gm_buf_append_char(&ix->key, ' ');
        gm_buf_append(&ix->key, gm_tok_folded(&ix->toks, i), t->fold_len);
        words++;
    }
    return words;
}

static uint32_t key_id(indexer *ix, const char *key, size_t len)
{
    uint32_t id = pool_intern_index(&ix->keys, key, len);
    if (id >= ix->key_flags_cap) {
        size_t old = ix->key_flags_cap;
        gm_xgrow((void **)&ix->key_flags, &ix->key_flags_cap, (size_t)id + 1,
                 1);
        memset(ix->key_flags + old, 0, ix->key_flags_cap - old);
    }
    return id;
}

/* spelling_off: the spelling's offset in the output pool when known, else
 * UINT32_MAX. */
static void add_entry(indexer *ix, uint32_t place, const char *spelling,
                      size_t len, uint32_t spelling_off, uint16_t flags,
                      uint16_t lang)
{
    size_t tokens = fold_key(ix, spelling, len);
    if (tokens == 0)
        return;
    if (tokens > GM_GAZ_MAX_NAME_TOKENS) {
        ix->dropped_long++;
        return;
    }
    if (tokens > ix->max_tokens)
        ix->max_tokens = (uint32_t)tokens;
    if (spelled_upper(spelling, len))
        flags |= GM_NAME_UPPER;
    if (ix->b->common_set.count &&
        pool_contains(&ix->b->common_set, ix->key.data, ix->key.len))
        flags |= GM_NAME_COMMON;
    gm_xgrow((void **)&ix->e.v, &ix->e.cap, ix->e.n + 1, sizeof *ix->e.v);
    entry *en = &ix->e.v[ix->e.n++];
    en->key = key_id(ix, ix->key.data, ix->key.len);
    en->place = place;
    en->spelling = spelling_off != UINT32_MAX
                       ? spelling_off
                       : pool_intern(&ix->out, spelling, len);
    en->flags = flags;
    en->lang = lang;
}

/* Adds the names of place i: main name, ASCII name, inline alternates.
 * Returns the main name's offset in the output pool. */
static uint32_t index_place_names(indexer *ix, uint32_t i)
{
    const place_rec *p = &ix->b->places[i];
    const pool *strs = &ix->b->strs;
    const char *name = pool_str(strs, p->name);
    size_t name_len = strlen(name);
    uint32_t name_off = pool_intern(&ix->out, name, name_len);
    add_entry(ix, i, name, name_len, name_off, GM_NAME_PRIMARY, 0);
    if (p->asciiname != p->name && p->asciiname) {
        const char *ascii = pool_str(strs, p->asciiname);
        add_entry(ix, i, ascii, strlen(ascii), UINT32_MAX, GM_NAME_ASCII, 0);
    }
    const char *alts = pool_str(strs, p->alternates);
    while (*alts) {
        const char *comma = strchr(alts, ',');
        size_t len = comma ? (size_t)(comma - alts) : strlen(alts);
        if (len > 0 && len < 200 && inline_alternate_usable(alts, len))
            add_entry(ix, i, alts, len, UINT32_MAX, GM_NAME_ALT, 0);
        alts += len + (comma ? 1 : 0);
    }
    return name_off;
}

/* Every proper prefix of a multi-word key becomes a key too, flagged
 * GM_GAZ_KEY_PREFIX, so the spotter can stop extending a token sequence at
 * the first miss. Each distinct key is looked at once. */
static void add_prefixes(indexer *ix)
{
    size_t n = ix->keys.count;
    for (size_t k = 0; k < n; k++) {
        const char *stored = pool_str(&ix->keys, ix->keys.offs[k]);
        if (!strchr(stored, ' '))
            continue;
        /* A copy: interning may move the pool the key lives in. */
        gm_buf_clear(&ix->key);
        gm_buf_append_str(&ix->key, stored);
        const char *key = gm_buf_str(&ix->key);
        for (const char *sp = strchr(key, ' '); sp; sp = strchr(sp + 1, ' ')) {
            uint32_t id = key_id(ix, key, (size_t)(sp - key));
            ix->key_flags[id] |= GM_GAZ_KEY_PREFIX;
        }
    }
}

typedef struct output {
    gm_gaz_place_disk *places;
    gm_gaz_slot *slots;
    size_t slot_count;
    gm_gaz_posting *postings;
    size_t n_postings, cap_postings;
    size_t key_count;
} output;

/* Order of the entries of one key: by place, the primary spelling first so
 * that the merged posting keeps the main name, then by spelling. */
static int entry_cmp(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->place != y->place)
        return x->place < y->place ? -1 : 1;
    int px = (x->flags & GM_NAME_PRIMARY) != 0;
    int py = (y->flags & GM_NAME_PRIMARY) != 0;
    if (px != py)
        return py - px;
    return x->spelling < y->spelling ? -1 : x->spelling > y->spelling;
}

static void sort_group(entry *v, size_t n)
{
    if (n > 16) {
        qsort(v, n, sizeof *v, entry_cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        entry t = v[i];
        size_t j = i;
        for (; j > 0 && entry_cmp(&v[j - 1], &t) > 0; j--)
            v[j] = v[j - 1];
        v[j] = t;
    }
}

/* Groups the entries by key with a counting sort on the key id, merges
 * the entries of one place and key into one posting, and fills the key
 * table. Key strings live in ix->keys; key_base is where that pool starts
 * inside STRINGS. */
static void group_entries(indexer *ix, output *out, uint64_t key_base)
{
    size_t nk = ix->keys.count;
    uint32_t *start = gm_xcalloc(nk + 1, sizeof *start);
    for (size_t i = 0; i < ix->e.n; i++)
        start[ix->e.v[i].key + 1]++;
    for (size_t k = 0; k < nk; k++)
        start[k + 1] += start[k];
    entry *sorted = gm_xmalloc((ix->e.n ? ix->e.n : 1) * sizeof *sorted);
    {
        uint32_t *next = gm_xmalloc((nk ? nk : 1) * sizeof *next);
        memcpy(next, start, nk * sizeof *next);
        for (size_t i = 0; i < ix->e.n; i++)
            sorted[next[ix->e.v[i].key]++] = ix->e.v[i];
        free(next);
    }
    free(ix->e.v);
    ix->e.v = NULL;
    ix->e.cap = 0;

    size_t cap = 1024;
    while (cap * 3 < nk * 4 + 4)
        cap *= 2;
    out->slot_count = cap;
    out->slots = gm_xcalloc(cap, sizeof *out->slots);
    out->key_count = nk;
    out->cap_postings = ix->e.n ? ix->e.n : 1; /* at most one per entry */
    out->postings = gm_xmalloc(out->cap_postings * sizeof *out->postings);

    for (size_t k = 0; k < nk; k++) {
        entry *group = sorted + start[k];
        size_t n = start[k + 1] - start[k];
        sort_group(group, n);
        uint32_t first = (uint32_t)out->n_postings;
        for (size_t j = 0; j < n; j++) {
            const entry *en = &group[j];
            gm_gaz_posting *last =
                out->n_postings > first ? &out->postings[out->n_postings - 1]
                                        : NULL;
            if (last && last->place == en->place) {
                /* One posting per place and key: a name in capitals only
                 * stays "upper" if every spelling was. */
                uint16_t upper = last->flags & en->flags & GM_NAME_UPPER;
                last->flags = (uint16_t)(((last->flags | en->flags) &
                                          ~GM_NAME_UPPER) | upper);
                /* A place's own name has no language: do not borrow one
                 * from an alternate spelled the same. */
                if (!last->lang && !(last->flags & GM_NAME_PRIMARY))
                    last->lang = en->lang;
                continue;
            }
            gm_gaz_posting *p = &out->postings[out->n_postings++];
            p->place = en->place;
            p->name_off = en->spelling;
            p->flags = en->flags;
            p->lang = en->lang;
        }
        const char *key = pool_str(&ix->keys, ix->keys.offs[k]);
        size_t len = strlen(key);
        uint64_t hash = gm_gaz_key_hash(key, len);
        size_t pos = hash & (cap - 1);
        while (out->slots[pos].key_off)
            pos = (pos + 1) & (cap - 1);
        gm_gaz_slot *slot = &out->slots[pos];
        slot->hash = hash;
        slot->key_off = (uint32_t)(key_base + ix->keys.offs[k]);
        slot->first = first;
        slot->count = (uint32_t)(out->n_postings - first);
        slot->flags = ix->key_flags[k];
    }
    free(sorted);
    free(start);
}

/* ---- linking and writing ------------------------------------------------- */

/* A small map from short string keys ("FR", "US.TX") to a value, built on
 * the interning pool: the pool offset of a key indexes the value array. */
typedef struct key_map {
    pool keys;
    uint32_t *values;
    size_t cap;
} key_map;

static void key_map_init(key_map *m)
{
    pool_init(&m->keys);
    m->values = NULL;
    m->cap = 0;
}

static void key_map_free(key_map *m)
{
    pool_free(&m->keys);
    free(m->values);
}

/* key must not be empty. */
static uint32_t *key_map_slot(key_map *m, const char *key)
{
    uint32_t index = pool_intern_index(&m->keys, key, strlen(key));
    if (index >= m->cap) {
        size_t old = m->cap;
        gm_xgrow((void **)&m->values, &m->cap, (size_t)index + 1,
                 sizeof *m->values);
        for (size_t k = old; k < m->cap; k++)
            m->values[k] = GM_GAZ_NO_PLACE;
    }
    return &m->values[index];
}

static uint32_t key_map_get(const key_map *m, const char *key)
{
    size_t len = strlen(key);
    if (len == 0 || m->keys.table_cap == 0)
        return GM_GAZ_NO_PLACE;
    int64_t index = pool_find_at(&m->keys, key, len,
                                 (uint32_t)XXH3_64bits(key, len), NULL);
    return index >= 0 && (size_t)index < m->cap ? m->values[index]
                                                 : GM_GAZ_NO_PLACE;
}

/* name_offs: each place's name in the output pool. */
static void link_places(gm_gaz_builder *b, const id_map *ids, indexer *ix,
                        const uint32_t *name_offs, output *out)
{
    size_t n = b->n_places;
    out->places = gm_xcalloc(n ? n : 1, sizeof *out->places);
    /* places: "CC" → country, "CC.A1" → ADM1, "CC.A1.A2" → ADM2 (index);
     * names: "CC.A1" and "CC.A1.A2" → name (strs offset) from the code
     * files, for divisions that are not places of the build. */
    key_map places, names;
    key_map_init(&places);
    key_map_init(&names);
    char key[96];
    for (size_t i = 0; i < n; i++) {
        const place_rec *p = &b->places[i];
        gm_place_kind kind = kind_of(p->feature_class, p->feature_code);
        if (kind == GM_KIND_COUNTRY)
            snprintf(key, sizeof key, "%.2s", p->country);
        else if (strcmp(p->feature_code, "ADM1") == 0)
            snprintf(key, sizeof key, "%.2s.%s", p->country,
                     pool_str(&b->strs, p->admin1));
        else if (strcmp(p->feature_code, "ADM2") == 0)
            snprintf(key, sizeof key, "%.2s.%s.%s", p->country,
                     pool_str(&b->strs, p->admin1),
                     pool_str(&b->strs, p->admin2));
        else
            continue;
        if (!key[0])
            continue;
        uint32_t *slot = key_map_slot(&places, key);
        /* Prefer the independent state (PCLI) over other PCL* of a code. */
        if (*slot == GM_GAZ_NO_PLACE || strcmp(p->feature_code, "PCLI") == 0)
            *slot = (uint32_t)i;
    }
    /* countryInfo.txt says which feature is the country. */
    for (size_t k = 0; k < b->n_countries; k++) {
        uint32_t index = id_find(ids, b->countries[k].id);
        if (index != GM_GAZ_NO_PLACE && b->countries[k].cc[0])
            *key_map_slot(&places, b->countries[k].cc) = index;
    }
    for (size_t k = 0; k < b->n_admin1s; k++)
        *key_map_slot(&names, pool_str(&b->strs, b->admin1s[k].key)) =
            b->admin1s[k].name;
    for (size_t k = 0; k < b->n_admin2s; k++)
        *key_map_slot(&names, pool_str(&b->strs, b->admin2s[k].key)) =
            b->admin2s[k].name;

    for (size_t i = 0; i < n; i++) {
        const place_rec *p = &b->places[i];
        gm_gaz_place_disk *d = &out->places[i];
        d->id = p->id;
        d->name_off = name_offs[i];
        d->lat_e7 = p->lat_e7;
        d->lon_e7 = p->lon_e7;
        d->population = p->population;
        memcpy(d->country, p->country, 2);
        d->feature_class = p->feature_class;
        memcpy(d->feature_code, p->feature_code, sizeof d->feature_code);
        d->kind = (uint8_t)kind_of(p->feature_class, p->feature_code);
        d->source = p->source;
        snprintf(key, sizeof key, "%.2s", p->country);
        d->country_place = key[0] ? key_map_get(&places, key) : GM_GAZ_NO_PLACE;
        d->admin1_place = GM_GAZ_NO_PLACE;
        const char *a1 = pool_str(&b->strs, p->admin1);
        const char *a2 = pool_str(&b->strs, p->admin2);
        d->admin1_code_off = pool_intern_str(&ix->out, a1);
        d->admin2_code_off = pool_intern_str(&ix->out, a2);
        if (!a1[0])
            continue;
        snprintf(key, sizeof key, "%.2s.%s", p->country, a1);
        d->admin1_place = key_map_get(&places, key);
        uint32_t name = GM_GAZ_NO_PLACE;
        if (d->admin1_place != GM_GAZ_NO_PLACE)
            name = b->places[d->admin1_place].name;
        else
            name = key_map_get(&names, key);
        if (name != GM_GAZ_NO_PLACE)
            d->admin1_name_off =
                pool_intern_str(&ix->out, pool_str(&b->strs, name));
        if (!a2[0])
            continue;
        snprintf(key, sizeof key, "%.2s.%s.%s", p->country, a1, a2);
        uint32_t adm2 = key_map_get(&places, key);
        name = adm2 != GM_GAZ_NO_PLACE ? b->places[adm2].name
                                       : key_map_get(&names, key);
        if (name != GM_GAZ_NO_PLACE)
            d->admin2_name_off =
                pool_intern_str(&ix->out, pool_str(&b->strs, name));
    }
    key_map_free(&places);
    key_map_free(&names);
}

static uint64_t align8(uint64_t x)
{
    return (x + 7) & ~(uint64_t)7;
}

static bool write_all(FILE *f, const void *data, size_t size)
{
    return size == 0 || fwrite(data, 1, size, f) == size;
}

static bool write_padding(FILE *f, uint64_t from, uint64_t to)
{
    static const char zeros[8];
    return write_all(f, zeros, (size_t)(to - from));
}

gm_status gm_gaz_builder_write(gm_gaz_builder *b, const char *path,
                               gm_error *err)
{
    if (b->n_places == 0)
        return gm_err_set(err, GM_E_INPUT, path, 0,
                          "no places to write: check the input files");
    if (b->n_places >= GM_GAZ_NO_PLACE)
        return gm_err_set(err, GM_E_INPUT, path, 0, "too many places");

    /* Duplicate ids: the first one wins. */
    id_map ids = { NULL, NULL, 1 };
    while (ids.cap < b->n_places * 2)
        ids.cap *= 2;
    ids.ids = gm_xcalloc(ids.cap, sizeof *ids.ids);
    ids.index = gm_xmalloc(ids.cap * sizeof *ids.index);
    memset(ids.index, 0xff, ids.cap * sizeof *ids.index);
    size_t kept = 0, duplicates = 0;
    for (size_t i = 0; i < b->n_places; i++) {
        size_t slot = id_slot(&ids, b->places[i].id);
        if (ids.index[slot] != GM_GAZ_NO_PLACE) {
            duplicates++;
            continue;
        }
        b->places[kept] = b->places[i];
        ids.ids[slot] = b->places[i].id;
        ids.index[slot] = (uint32_t)kept++;
    }
    b->n_places = kept;
    if (duplicates)
        warn(b, "%zu places with an id seen before were skipped", duplicates);

    indexer ix;
    memset(&ix, 0, sizeof ix);
    ix.b = b;
    pool_init(&ix.out);
    pool_init(&ix.keys);
    /* Most places bring one or two names, the alternate names file more:
     * reserve once rather than double through gigabytes. */
    ix.e.cap = b->n_places * 2 + b->n_names + 16;
    ix.e.v = gm_xmalloc(ix.e.cap * sizeof *ix.e.v);
    uint32_t *name_offs = gm_xmalloc(b->n_places * sizeof *name_offs);
    for (size_t i = 0; i < b->n_places; i++)
        name_offs[i] = index_place_names(&ix, (uint32_t)i);
    size_t orphans = 0;
    for (size_t i = 0; i < b->n_names; i++) {
        const name_rec *n = &b->names[i];
        uint32_t place = id_find(&ids, n->id);
        if (place == GM_GAZ_NO_PLACE) {
            orphans++;
            continue;
        }
        const char *s = pool_str(&b->strs, n->name);
        uint16_t flags = n->flags ? n->flags : GM_NAME_ALT;
        add_entry(&ix, place, s, strlen(s), UINT32_MAX, flags, n->lang);
    }
    if (ix.dropped_long)
        warn(b, "%zu names longer than %u words were not indexed",
             ix.dropped_long, GM_GAZ_MAX_NAME_TOKENS);
    (void)orphans; /* names of places outside this build: expected */
    add_prefixes(&ix);

    output out;
    memset(&out, 0, sizeof out);
    link_places(b, &ids, &ix, name_offs, &out);
    free(name_offs);
    free(ids.ids);
    free(ids.index);
    uint32_t *sources = gm_xcalloc(b->n_sources, sizeof *sources);
    for (size_t i = 0; i < b->n_sources; i++)
        sources[i] = pool_intern_str(&ix.out, pool_str(&b->strs, b->sources[i]));
    /* STRINGS: the output pool, then the keys pool (whose first byte, the
     * NUL of its "", ends the last string of the first). */
    uint64_t key_base = ix.out.bytes.len;
    if (key_base + ix.keys.bytes.len > UINT32_MAX) {
        fprintf(stderr, "geomap: gazetteer strings exceed 4 GiB\n");
        abort();
    }
    group_entries(&ix, &out, key_base);
    gm_buf_append(&ix.out.bytes, ix.keys.bytes.data, ix.keys.bytes.len);
    pool_free(&ix.keys);
    free(ix.key_flags);
    gm_tok_list_free(&ix.toks);

    char count[32];
    snprintf(count, sizeof count, "%zu", b->n_places);
    gm_gaz_builder_add_meta(b, "places", count);
    snprintf(count, sizeof count, "%zu", out.key_count);
    gm_gaz_builder_add_meta(b, "keys", count);
    snprintf(count, sizeof count, "%zu", out.n_postings);
    gm_gaz_builder_add_meta(b, "postings", count);

    uint64_t filter_blocks = gm_key_filter_blocks(out.key_count);
    uint64_t *filter = gm_xcalloc(filter_blocks * GM_KEY_FILTER_BLOCK_WORDS,
                                  sizeof *filter);
    for (size_t i = 0; i < out.slot_count; i++)
        if (out.slots[i].key_off != 0)
            gm_key_filter_add(filter, filter_blocks, out.slots[i].hash);

    struct {
        uint32_t id, elem;
        const void *data;
        uint64_t size;
    } secs[] = {
        { GM_GAZ_SEC_PLACES, sizeof(gm_gaz_place_disk), out.places,
          b->n_places * sizeof(gm_gaz_place_disk) },
        { GM_GAZ_SEC_KEYS, sizeof(gm_gaz_slot), out.slots,
          out.slot_count * sizeof(gm_gaz_slot) },
        { GM_GAZ_SEC_POSTINGS, sizeof(gm_gaz_posting), out.postings,
          out.n_postings * sizeof(gm_gaz_posting) },
        { GM_GAZ_SEC_STRINGS, 1, ix.out.bytes.data, ix.out.bytes.len },
        { GM_GAZ_SEC_LANGS, 8, b->langs, b->n_langs * 8 },
        { GM_GAZ_SEC_META, 1, gm_buf_str(&b->meta), b->meta.len },
        { GM_GAZ_SEC_SOURCES, sizeof(uint32_t), sources,
          b->n_sources * sizeof(uint32_t) },
        { GM_GAZ_SEC_KEY_FILTER, 8 * GM_KEY_FILTER_BLOCK_WORDS, filter,
          filter_blocks * 8 * GM_KEY_FILTER_BLOCK_WORDS },
    };
    enum { NSEC = sizeof secs / sizeof secs[0] };
    gm_gaz_section table[NSEC];
    uint64_t pos = sizeof(gm_gaz_header) + sizeof table;
    for (size_t i = 0; i < NSEC; i++) {
        pos = align8(pos);
        table[i].id = secs[i].id;
        table[i].elem_size = secs[i].elem;
        table[i].offset = pos;
        table[i].size = secs[i].size;
        table[i].checksum = XXH3_64bits(secs[i].data, (size_t)secs[i].size);
        pos += secs[i].size;
    }
    gm_gaz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GM_GAZ_MAGIC, 8);
    h.format_version = GM_GAZ_FORMAT_VERSION;
    h.endian_tag = GM_GAZ_ENDIAN_TAG;
    h.fold_version = GM_FOLD_VERSION;
    h.section_count = NSEC;
    h.file_size = pos;
    /* SOURCE_DATE_EPOCH makes builds reproducible. */
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    h.build_time = epoch ? strtoull(epoch, NULL, 10) : (uint64_t)time(NULL);
    h.place_count = (uint32_t)b->n_places;
    h.key_count = (uint32_t)out.key_count;
    h.max_name_tokens = ix.max_tokens;
    h.header_checksum = XXH32(&h, offsetof(gm_gaz_header, header_checksum), 0);

    gm_status st = GM_OK;
    gm_buf tmp = GM_BUF_INIT;
    gm_buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
    FILE *f = fopen(tmp.data, "wb");
    if (!f) {
        st = gm_err_set(err, GM_E_IO, path, 0, "cannot create: %s",
                        strerror(errno));
    } else {
        bool ok = write_all(f, &h, sizeof h) &&
                  write_all(f, table, sizeof table);
        uint64_t at = sizeof h + sizeof table;
        for (size_t i = 0; ok && i < NSEC; i++) {
            ok = write_padding(f, at, table[i].offset) &&
                 write_all(f, secs[i].data, (size_t)secs[i].size);
            at = table[i].offset + table[i].size;
        }
        int saved = errno;
        if (fclose(f) != 0 && ok) {
            ok = false;
            saved = errno;
        }
        if (!ok || rename(tmp.data, path) != 0) {
            if (ok)
                saved = errno;
            remove(tmp.data);
            st = gm_err_set(err, GM_E_IO, path, 0, "cannot write: %s",
                            strerror(saved));
        }
    }
    gm_buf_free(&tmp);
    free(out.places);
    free(out.slots);
    free(out.postings);
    free(filter);
    free(sources);
    free(ix.e.v);
    gm_buf_free(&ix.key);
    pool_free(&ix.out);
    return st;
}
