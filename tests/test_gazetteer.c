/* Gazetteer: building a mini index from GeoNames-format fixtures, lookups
 * (exonyms, other scripts, abbreviations, demonyms, prefixes), and the
 * refusal of corrupt files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "gazetteer/build.h"
#include "gazetteer/custom_csv.h"
#include "gazetteer/format.h"
#include "gazetteer/gaz.h"
#include "gazetteer/geonames.h"
#include "harness.h"
#include "text/fold.h"

#define TOL_DEG 1e-6

static char *tmpdir;
static char *index_path;
static gm_gaz *gaz;

static void build_index(void)
{
    tmpdir = gm_test_tmpdir();
    index_path = gm_test_build_mini_gazetteer(tmpdir);
}

static void remove_index(void)
{
    gm_test_rmtree(tmpdir);
    free(tmpdir);
    free(index_path);
}

static void open_index(void)
{
    gm_error err;
    ck_assert_int_eq(gm_gaz_open(index_path, &gaz, &err), GM_OK);
}

static void close_index(void)
{
    gm_gaz_close(gaz);
    gaz = NULL;
}

/* Looks up a name as the spotter would fold it. */
static gm_gaz_match lookup(const char *name)
{
    gm_buf key = GM_BUF_INIT;
    gm_fold_name(name, strlen(name), &key);
    gm_gaz_match m = gm_gaz_lookup(gaz, gm_buf_str(&key), key.len);
    gm_buf_free(&key);
    return m;
}

/* True when some candidate of name is place id, with all of want_flags. */
static bool resolves_to(const char *name, uint32_t id, uint16_t want_flags)
{
    gm_gaz_match m = lookup(name);
    for (uint32_t i = 0; i < m.count; i++) {
        gm_gaz_hit hit = gm_gaz_match_hit(gaz, &m, i);
        gm_place p;
        gm_gaz_place(gaz, hit.place, &p);
        if (p.id == id && (hit.flags & want_flags) == want_flags)
            return true;
    }
    return false;
}

static const struct {
    const char *name;
    uint32_t id;
    uint16_t flags;
} name_table[] = {
    { "Khankendi", 146970, GM_NAME_ALT },     /* exonym, inline alternate */
    { "Stepanakert", 146970, GM_NAME_ALT },   /* other name */
    { "XANKENDI", 146970, 0 },                /* capitals, ə folded to e */
    { "Xankəndi", 146970, 0 },                /* schwa spelling */
    { "Степанакерт", 146970, 0 },             /* Cyrillic */
    { "Kiev", 703448, GM_NAME_ALT },          /* exonym of Kyiv */
    { "kiew", 703448, 0 },                    /* German, alternate file */
    { "Peking", 1816670, 0 },                 /* historic exonym */
    { "北京", 1816670, 0 },                   /* Chinese script */
    { "U.S.", 6252001, GM_NAME_ABBR },        /* abbreviation with periods */
    { "USA", 6252001, GM_NAME_ABBR | GM_NAME_UPPER }, /* spelled in capitals */
    { "American", 6252001, GM_NAME_DEMONYM }, /* demonym */
    { "Armenian", 174982, GM_NAME_DEMONYM },  /* demonym */
    { "Nagorno Karabakh", 910000001, 0 },     /* hyphen or space: one key */
    { "Reading", 2639577, GM_NAME_COMMON },   /* common word flagged */
    { "Texas", 4736286, GM_NAME_PRIMARY },    /* first-level division */
};

START_TEST(test_lookup_names)
{
    ck_assert_msg(resolves_to(name_table[_i].name, name_table[_i].id,
                              name_table[_i].flags),
                  "%s should give %u", name_table[_i].name,
                  name_table[_i].id);
}
END_TEST

START_TEST(test_georgia_is_country_and_state)
{
    gm_gaz_match m = lookup("Georgia");
    ck_assert_uint_eq(m.count, 2);
    ck_assert(resolves_to("Georgia", 614540, GM_NAME_PRIMARY));
    ck_assert(resolves_to("Georgia", 4197000, GM_NAME_PRIMARY));
    ck_assert(resolves_to("Georgian", 614540, GM_NAME_DEMONYM));
}
END_TEST

START_TEST(test_lowercase_romanisation_dropped)
{
    /* "ji fu" and "khankandy" are lower-case romanisations in the inline
     * alternates: not indexed. */
    ck_assert_uint_eq(lookup("ji fu").count, 0);
    ck_assert_uint_eq(lookup("khankandy").count, 0);
}
END_TEST

START_TEST(test_link_language_skipped)
{
    ck_assert_uint_eq(lookup("https://example.org/paris").count, 0);
    ck_assert_uint_eq(lookup("Nowhere Land").count, 0); /* unknown id */
}
END_TEST

START_TEST(test_prefixes)
{
    gm_gaz_match m = lookup("New");
    ck_assert_uint_eq(m.count, 0);
    ck_assert(m.is_prefix);
    m = lookup("New York");
    ck_assert_uint_eq(m.count, 2); /* the city's alternate, the state */
    ck_assert(m.is_prefix);        /* "New York City" continues */
    m = lookup("New York City");
    ck_assert_uint_eq(m.count, 1);
    ck_assert(!m.is_prefix);
    ck_assert_uint_eq(lookup("Atlantis").count, 0);
}
END_TEST

/* The spotter's way in: a hash computed once, the candidates copied in
 * one call; both give what gm_gaz_lookup and gm_gaz_match_hit give, for
 * names, prefixes, misses, and a key longer than the pool's last string
 * (the compare must stay inside the pool). */
START_TEST(test_lookup_hashed_agrees)
{
    static const char *const keys[] = { "new", "new york", "new york city",
                                        "georgia", "usa", "atlantis",
                                        "stepanakert", "" };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        size_t len = strlen(keys[k]);
        gm_gaz_match a = gm_gaz_lookup(gaz, keys[k], len);
        gm_gaz_match b =
            gm_gaz_lookup_hashed(gaz, keys[k], len, gm_gaz_hash(keys[k], len));
        ck_assert_uint_eq(a.count, b.count);
        ck_assert_int_eq(a.is_prefix, b.is_prefix);
        ck_assert_ptr_eq(a.hits, b.hits);
        gm_gaz_hit hits[16];
        ck_assert_uint_le(b.count, 16);
        gm_gaz_match_hits(gaz, &b, hits);
        for (uint32_t i = 0; i < b.count; i++) {
            gm_gaz_hit one = gm_gaz_match_hit(gaz, &a, i);
            ck_assert_uint_eq(hits[i].place, one.place);
            ck_assert_uint_eq(hits[i].flags, one.flags);
            ck_assert_uint_eq(hits[i].lang, one.lang);
            ck_assert_uint_eq(hits[i].name_off, one.name_off);
        }
    }
    ck_assert_uint_eq(lookup("New York").count, 2);
    char long_key[4096];
    memset(long_key, 'a', sizeof long_key);
    ck_assert_uint_eq(gm_gaz_lookup(gaz, long_key, sizeof long_key).count, 0);
}
END_TEST

START_TEST(test_place_fields)
{
    gm_gaz_match m = lookup("Xankandi");
    ck_assert_uint_eq(m.count, 1);
    gm_place p;
    gm_gaz_place(gaz, gm_gaz_match_hit(gaz, &m, 0).place, &p);
    ck_assert_uint_eq(p.id, 146970);
    ck_assert_str_eq(p.name, "Xankandi");
    ck_assert_str_eq(p.country, "AZ");
    ck_assert_str_eq(p.feature_code, "PPL");
    ck_assert_int_eq(p.kind, GM_KIND_CITY);
    ck_assert_double_eq_tol(p.lat, 39.8177, TOL_DEG);
    ck_assert_double_eq_tol(p.lon, 46.7528, TOL_DEG);
    ck_assert_uint_eq(p.population, 53100);
    /* No ADM1 place for AZ.61: the name comes from admin1CodesASCII. */
    ck_assert_str_eq(p.admin1_name, "Xankandi Sahari");
    gm_place country;
    gm_gaz_place(gaz, p.country_place, &country);
    ck_assert_uint_eq(country.id, 587116);

    m = lookup("Dallas");
    gm_gaz_place(gaz, gm_gaz_match_hit(gaz, &m, 0).place, &p);
    ck_assert_str_eq(p.admin1_name, "Texas");
    gm_place texas;
    gm_gaz_place(gaz, p.admin1_place, &texas);
    ck_assert_uint_eq(texas.id, 4736286);
    ck_assert_int_eq(texas.kind, GM_KIND_ADMIN1);
}
END_TEST

/* The brief and the kind say what gm_gaz_place says, for every place and
 * for an index out of range. */
START_TEST(test_place_brief_agrees)
{
    uint32_t n = gm_gaz_place_count(gaz);
    for (uint32_t i = 0; i <= n + 1; i++) {
        uint32_t index = i <= n ? i : UINT32_MAX;
        gm_place p;
        gm_place_brief b;
        gm_gaz_place(gaz, index, &p);
        gm_gaz_place_brief(gaz, index, &b);
        ck_assert_int_eq(b.kind, p.kind);
        ck_assert_int_eq(gm_gaz_place_kind(gaz, index), p.kind);
        ck_assert_uint_eq(b.population, p.population);
        ck_assert_uint_eq(b.admin1_place, p.admin1_place);
        ck_assert_uint_eq(b.country_place, p.country_place);
        ck_assert_double_eq(b.lat, p.lat);
        ck_assert_double_eq(b.lon, p.lon);
        ck_assert_str_eq(b.feature_code, p.feature_code);
    }
    gm_gaz_match m = lookup("Dallas");
    gm_place_brief b;
    gm_gaz_place_brief(gaz, gm_gaz_match_hit(gaz, &m, 0).place, &b);
    ck_assert_int_eq(b.kind, GM_KIND_CITY);
    ck_assert_str_eq(b.feature_code, "PPLA2");
}
END_TEST

START_TEST(test_check_passes)
{
    gm_error err;
    ck_assert_int_eq(gm_gaz_check(gaz, &err), GM_OK);
    ck_assert_uint_eq(gm_gaz_place_count(gaz), 42);
}
END_TEST

/* The index's bytes with the key filter's entry in the section table
 * given id (an unknown id: as a file built before the filter), or its
 * element size, when elem_size is not 0; *len its length. */
static char *index_with_filter_entry(uint32_t id, uint32_t elem_size,
                                     size_t *len)
{
    char *bytes = gm_test_read_file(index_path, len);
    ck_assert_ptr_nonnull(bytes);
    gm_gaz_header h;
    memcpy(&h, bytes, sizeof h);
    bool found = false;
    for (uint32_t i = 0; i < h.section_count; i++) {
        gm_gaz_section s;
        char *at = bytes + sizeof h + i * sizeof s;
        memcpy(&s, at, sizeof s);
        if (s.id != GM_GAZ_SEC_KEY_FILTER)
            continue;
        found = true;
        s.id = id;
        if (elem_size)
            s.elem_size = elem_size;
        memcpy(at, &s, sizeof s);
    }
    ck_assert(found);
    return bytes;
}

/* The filter only spares lookups: with it and without it (a file built
 * before it) every name, prefix and miss gives the same match. */
START_TEST(test_key_filter_same_answers)
{
    ck_assert_uint_gt(gm_gaz_key_filter_bytes(gaz), 0);
    size_t len;
    char *bytes = index_with_filter_entry(99, 0, &len);
    gm_gaz *plain;
    gm_error err;
    ck_assert_int_eq(gm_gaz_open_mem(bytes, len, "no filter", &plain, &err),
                     GM_OK);
    ck_assert_uint_eq(gm_gaz_key_filter_bytes(plain), 0);
    size_t n_names = sizeof name_table / sizeof name_table[0];
    static const char *const more[] = { "New", "New York", "New York City",
                                        "Atlantis", "Nowhere Land", "ji fu",
                                        "Georgian", "Paris Texas", "Yerevan",
                                        "York" };
    size_t n_more = sizeof more / sizeof more[0];
    for (size_t i = 0; i < n_names + n_more; i++) {
        const char *name = i < n_names ? name_table[i].name : more[i - n_names];
        gm_buf key = GM_BUF_INIT;
        gm_fold_name(name, strlen(name), &key);
        gm_gaz_match a = gm_gaz_lookup(gaz, gm_buf_str(&key), key.len);
        gm_gaz_match b = gm_gaz_lookup(plain, gm_buf_str(&key), key.len);
        ck_assert_msg(a.count == b.count && a.is_prefix == b.is_prefix,
                      "%s: %u%s with the filter, %u%s without", name, a.count,
                      a.is_prefix ? " prefix" : "", b.count,
                      b.is_prefix ? " prefix" : "");
        for (uint32_t k = 0; k < a.count; k++)
            ck_assert_uint_eq(gm_gaz_match_hit(gaz, &a, k).place,
                              gm_gaz_match_hit(plain, &b, k).place);
        gm_buf_free(&key);
    }
    gm_gaz_close(plain);
    free(bytes);
}
END_TEST

/* A filter section of the wrong shape is refused, not read past. */
START_TEST(test_key_filter_bad_shape_refused)
{
    size_t len;
    char *bytes = index_with_filter_entry(GM_GAZ_SEC_KEY_FILTER, 24, &len);
    gm_gaz *g = NULL;
    gm_error err;
    ck_assert_int_eq(gm_gaz_open_mem(bytes, len, "bad filter", &g, &err),
                     GM_E_FORMAT);
    ck_assert_ptr_null(g);
    ck_assert_msg(strstr(err.msg, "section 8") != NULL, "%s", err.msg);
    free(bytes);
}
END_TEST

START_TEST(test_open_mem_same_answers)
{
    size_t len;
    char *bytes = gm_test_read_file(index_path, &len);
    ck_assert_ptr_nonnull(bytes);
    /* malloc'ed memory is aligned for any type, so 8-byte aligned */
    gm_gaz *mem;
    gm_error err;
    ck_assert_int_eq(gm_gaz_open_mem(bytes, len, "bytes", &mem, &err), GM_OK);
    ck_assert_uint_eq(gm_gaz_place_count(mem), gm_gaz_place_count(gaz));
    gm_gaz_match m = gm_gaz_lookup(mem, "stepanakert", 11);
    ck_assert_uint_eq(m.count, 1);
    gm_gaz_close(mem);
    free(bytes);
}
END_TEST

/* ---- corrupt files ------------------------------------------------------- */

static gm_status open_modified(size_t keep, long flip_at, gm_error *err)
{
    size_t len;
    char *bytes = gm_test_read_file(index_path, &len);
    ck_assert_ptr_nonnull(bytes);
    if (keep < len)
        len = keep;
    if (flip_at >= 0 && (size_t)flip_at < len)
        bytes[flip_at] ^= 0x5a;
    char path[4096];
    snprintf(path, sizeof path, "%s/corrupt.gmz", tmpdir);
    gm_test_write_file(path, bytes, len);
    free(bytes);
    gm_gaz *g = NULL;
    gm_status st = gm_gaz_open(path, &g, err);
    if (st == GM_OK) {
        st = gm_gaz_check(g, err);
        gm_gaz_close(g);
    } else {
        ck_assert_ptr_null(g);
    }
    return st;
}

static const struct {
    size_t keep;     /* bytes kept */
    long flip;       /* byte flipped, -1 none */
    const char *msg; /* expected in the message */
} corrupt_table[] = {
    { 10, -1, "too short" },                  /* truncated inside the header */
    { 5000, -1, "truncated" },                /* truncated body */
    { (size_t)-1, 0, "magic" },               /* wrong magic */
    { (size_t)-1, 8, "format version" },      /* unknown version */
    { (size_t)-1, 40, "header checksum" },    /* header field changed */
    /* the places' first bytes, after the header and a table of 8 sections */
    { (size_t)-1, 64 + 32 * 8 + 3, "checksum mismatch" },
};

START_TEST(test_corrupt_refused)
{
    gm_error err;
    gm_status st = open_modified(corrupt_table[_i].keep, corrupt_table[_i].flip,
                                 &err);
    ck_assert_int_eq(st, GM_E_FORMAT);
    ck_assert_msg(strstr(err.msg, corrupt_table[_i].msg) != NULL,
                  "message '%s' should mention '%s'", err.msg,
                  corrupt_table[_i].msg);
    ck_assert_msg(strstr(err.path, "corrupt.gmz") != NULL,
                  "message names the file");
}
END_TEST

START_TEST(test_missing_file)
{
    gm_gaz *g = NULL;
    gm_error err;
    ck_assert_int_eq(gm_gaz_open("/nonexistent/x.gmz", &g, &err), GM_E_IO);
    ck_assert_ptr_null(g);
    ck_assert_str_eq(err.path, "/nonexistent/x.gmz");
    ck_assert(strstr(err.msg, "No such file") != NULL);
}
END_TEST

START_TEST(test_build_without_places_fails)
{
    char empty[4096], out[4096];
    snprintf(empty, sizeof empty, "%s/empty.txt", tmpdir);
    snprintf(out, sizeof out, "%s/empty.gmz", tmpdir);
    gm_test_write_file(empty, "", 0);
    const char *inputs[] = { empty };
    gm_error err;
    ck_assert_int_eq(gm_geonames_build(out, inputs, 1, NULL, NULL, NULL,
                                       NULL, &err),
                     GM_E_INPUT);
    ck_assert(strstr(err.msg, "no places") != NULL);
    FILE *f = fopen(out, "rb");
    ck_assert_ptr_null(f); /* nothing half-written */
}
END_TEST

/* ---- custom places in CSV ------------------------------------------------ */

static char *custom_dir;
static char *custom_index;
static gm_buf custom_warnings = GM_BUF_INIT;

/* Collects "PATH:LINE: message" lines of the build's warnings. */
static void collect_warning(void *ctx, const gm_error *problem)
{
    gm_buf *out = ctx;
    char buf[GM_ERR_PATH_MAX + GM_ERR_MSG_MAX + 64];
    gm_buf_printf(out, "%s\n", gm_err_format(problem, buf, sizeof buf));
}

static void build_custom_index(void)
{
    custom_dir = gm_test_tmpdir();
    custom_index = malloc(strlen(custom_dir) + 16);
    ck_assert_ptr_nonnull(custom_index);
    sprintf(custom_index, "%s/custom.gmz", custom_dir);
    char csv[4096];
    snprintf(csv, sizeof csv, "%s", gm_test_fixture("gaz-custom/places.csv"));
    const char *inputs[] = { csv };
    gm_error err;
    gm_buf_clear(&custom_warnings);
    ck_assert_int_eq(gm_geonames_build(custom_index, inputs, 1, NULL, NULL,
                                       collect_warning, &custom_warnings,
                                       &err),
                     GM_OK);
}

static void remove_custom_index(void)
{
    gm_test_rmtree(custom_dir);
    free(custom_dir);
    free(custom_index);
    gm_buf_free(&custom_warnings);
}

static void open_custom_index(void)
{
    gm_error err;
    ck_assert_int_eq(gm_gaz_open(custom_index, &gaz, &err), GM_OK);
}

static const struct {
    const char *name;
    uint32_t id;
    uint16_t flags;
    const char *lang;
} custom_names[] = {
    { "Camp Alpha", 990000000, GM_NAME_PRIMARY, "" },  /* no id: first custom id */
    { "Alpha Camp", 990000000, GM_NAME_ALT, "" },      /* untagged alternate */
    { "مخيم ألفا", 990000000, GM_NAME_ALT, "ar" },      /* language tag */
    { "CPA", 990000000, GM_NAME_ABBR | GM_NAME_UPPER, "abbr" },
    { "Camp Beta", 990000001, GM_NAME_PRIMARY, "" },   /* the next custom id */
    { "Beta Camp", 990000001, GM_NAME_ALT, "" },       /* spaces trimmed */
    { "Zaatari Camp", 990000500, GM_NAME_PRIMARY, "" },
    { "Za'atari Camp", 990000500, GM_NAME_ALT, "" },
    { "Lower Blackwater Valley", 990000501, GM_NAME_PRIMARY, "" }, /* quoted newline */
    { "Old Blackwater", 990000501, GM_NAME_HISTORIC, "" },
    { "Rivertowner", 990000502, GM_NAME_DEMONYM, "demonym" },
    { "Rivertowners", 990000502, GM_NAME_DEMONYM, "demonym" },
    { "Flussstadt", 990000502, GM_NAME_ALT, "de" },
    { "河鎮", 990000502, GM_NAME_ALT, "zh-Hant" },
    { "Side A", 990000506, GM_NAME_PRIMARY, "" },       /* "Side:" is no tag */
};

START_TEST(test_custom_names)
{
    gm_gaz_match m = lookup(custom_names[_i].name);
    bool found = false;
    for (uint32_t i = 0; i < m.count; i++) {
        gm_gaz_hit hit = gm_gaz_match_hit(gaz, &m, i);
        gm_place p;
        gm_gaz_place(gaz, hit.place, &p);
        if (p.id != custom_names[_i].id)
            continue;
        found = true;
        ck_assert_uint_eq(hit.flags & custom_names[_i].flags,
                          custom_names[_i].flags);
        ck_assert_str_eq(gm_gaz_lang(gaz, hit.lang), custom_names[_i].lang);
    }
    ck_assert_msg(found, "%s should give %u", custom_names[_i].name,
                  custom_names[_i].id);
}
END_TEST

START_TEST(test_custom_fields)
{
    gm_gaz_match m = lookup("Rivertown");
    ck_assert_uint_eq(m.count, 1);
    gm_place p;
    gm_gaz_place(gaz, gm_gaz_match_hit(gaz, &m, 0).place, &p);
    ck_assert_uint_eq(p.id, 990000502);
    ck_assert_str_eq(p.country, "IT");           /* upper-cased */
    ck_assert_int_eq(p.feature_class, 'P');      /* empty class: P */
    ck_assert_str_eq(p.feature_code, "PPL");     /* empty code: PPL */
    ck_assert_int_eq(p.kind, GM_KIND_CITY);
    ck_assert_str_eq(p.admin1_code, "09");
    ck_assert_uint_eq(p.population, 5000);
    ck_assert_double_eq_tol(p.lat, 45.0, TOL_DEG);
    ck_assert_double_eq_tol(p.lon, 10.0, TOL_DEG);

    m = lookup("Zaatari Camp");
    gm_gaz_place(gaz, gm_gaz_match_hit(gaz, &m, 0).place, &p);
    ck_assert_int_eq(p.feature_class, 'S');
    ck_assert_str_eq(p.feature_code, "CMP");
    ck_assert_uint_eq(p.population, 80000);
    ck_assert_double_eq_tol(p.lat, 32.2944, TOL_DEG);
    ck_assert_double_eq_tol(p.lon, 36.3233, TOL_DEG);
    /* 12 records: 6 good, 5 skipped with a warning, the header */
    ck_assert_uint_eq(gm_gaz_place_count(gaz), 6);
}
END_TEST

static const struct {
    long line;
    const char *msg;
} custom_warning_table[] = {
    { 7, "coordinates out of range" },
    { 8, "feature class 'X'" },
    { 9, "id 'bad'" },
    { 10, "4 fields, the header has 11" },
    { 13, "population '12x'" },
};

START_TEST(test_custom_warnings)
{
    char want[256];
    snprintf(want, sizeof want, "places.csv:%ld: ",
             custom_warning_table[_i].line);
    const char *at = strstr(gm_buf_str(&custom_warnings), want);
    ck_assert_msg(at != NULL, "no warning for line %ld in:\n%s",
                  custom_warning_table[_i].line,
                  gm_buf_str(&custom_warnings));
    const char *eol = strchr(at, '\n');
    ck_assert_ptr_nonnull(eol);
    char line[1024];
    snprintf(line, sizeof line, "%.*s", (int)(eol - at), at);
    ck_assert_msg(strstr(line, custom_warning_table[_i].msg) != NULL,
                  "warning '%s' should mention '%s'", line,
                  custom_warning_table[_i].msg);
    ck_assert_msg(strstr(line, "row skipped") != NULL, "%s", line);
}
END_TEST

static const struct {
    const char *text;  /* the CSV file */
    long line;         /* expected line of the error */
    const char *msg;   /* expected in the message */
} csv_error_table[] = {
    { "", 0, "header row" },                               /* empty file */
    { "id,name,lat\n1,A,2\n", 1, "name, lat and lon" },    /* no lon */
    { "1,Paris,48.85,2.35\n", 1, "name, lat and lon" },    /* no header */
    { "name,lat,lon,Lat\nA,1,2,3\n", 1, "appears twice" }, /* duplicate */
    { "name,lat,lon\nA,1,2\nB \"x\",1,2\n", 3, "malformed CSV" }, /* stray quote */
    { "name,lat,lon\nA,1,2\n\"B,1,2\nC,1,2\n", 3, "not closed" },  /* open quote */
};

START_TEST(test_custom_errors)
{
    char *dir = gm_test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/bad.csv", dir);
    gm_test_write_file(path, csv_error_table[_i].text,
                       strlen(csv_error_table[_i].text));
    gm_gaz_builder *b = gm_gaz_builder_new(NULL, NULL);
    gm_error err;
    ck_assert_int_eq(gm_custom_csv_read(b, path, &err), GM_E_FORMAT);
    ck_assert_str_eq(err.path, path);
    ck_assert_int_eq(err.line, csv_error_table[_i].line);
    ck_assert_msg(strstr(err.msg, csv_error_table[_i].msg) != NULL,
                  "message '%s' should mention '%s'", err.msg,
                  csv_error_table[_i].msg);
    gm_gaz_builder_free(b);
    gm_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_custom_header_aliases)
{
    /* Any order, other spellings, a BOM, CRLF, an unknown column. */
    static const char text[] =
        "\xEF\xBB\xBFLongitude,Latitude,Name,Feature Code,Note,Country Code\r\n"
        "44.5,40.2,Hilltop,PPLX,a note,am\r\n";
    char *dir = gm_test_tmpdir();
    char path[4096], out[4096];
    snprintf(path, sizeof path, "%s/aliases.csv", dir);
    snprintf(out, sizeof out, "%s/aliases.gmz", dir);
    gm_test_write_file(path, text, strlen(text));
    const char *inputs[] = { dir }; /* a directory: its *.csv are read */
    gm_buf warnings = GM_BUF_INIT;
    gm_error err;
    ck_assert_int_eq(gm_geonames_build(out, inputs, 1, NULL, NULL,
                                       collect_warning, &warnings, &err),
                     GM_OK);
    ck_assert_msg(strstr(gm_buf_str(&warnings),
                         "aliases.csv:1: unknown columns ignored: 'Note'"),
                  "%s", gm_buf_str(&warnings));
    gm_gaz *g;
    ck_assert_int_eq(gm_gaz_open(out, &g, &err), GM_OK);
    gm_gaz_match m = gm_gaz_lookup(g, "hilltop", 7);
    ck_assert_uint_eq(m.count, 1);
    gm_place p;
    gm_gaz_place(g, gm_gaz_match_hit(g, &m, 0).place, &p);
    ck_assert_uint_eq(p.id, GM_GAZ_CUSTOM_ID_MIN);
    ck_assert_str_eq(p.country, "AM");
    ck_assert_str_eq(p.feature_code, "PPLX");
    ck_assert_double_eq_tol(p.lat, 40.2, TOL_DEG);
    ck_assert_double_eq_tol(p.lon, 44.5, TOL_DEG);
    gm_gaz_close(g);
    gm_buf_free(&warnings);
    gm_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_custom_with_geonames)
{
    /* A GeoNames directory and a CSV file in one build. */
    char *dir = gm_test_tmpdir();
    char out[4096], fixtures[4096], csv[4096];
    snprintf(out, sizeof out, "%s/both.gmz", dir);
    snprintf(fixtures, sizeof fixtures, "%s", gm_test_fixture("gaz"));
    snprintf(csv, sizeof csv, "%s", gm_test_fixture("gaz-custom/places.csv"));
    const char *inputs[] = { fixtures, csv };
    gm_error err;
    ck_assert_int_eq(gm_geonames_build(out, inputs, 2, NULL, NULL, NULL, NULL,
                                       &err),
                     GM_OK);
    gm_gaz *g;
    ck_assert_int_eq(gm_gaz_open(out, &g, &err), GM_OK);
    ck_assert_uint_eq(gm_gaz_lookup(g, "zaatari camp", 12).count, 1);
    ck_assert_uint_eq(gm_gaz_lookup(g, "stepanakert", 11).count, 1);
    gm_gaz_close(g);
    gm_test_rmtree(dir);
    free(dir);
}
END_TEST

/* ---- admin2 names, countryInfo, sources ---------------------------------- */

static char *admin_dir;
static char *admin_index;
static gm_buf admin_warnings = GM_BUF_INIT;

static void build_admin_index(void)
{
    admin_dir = gm_test_tmpdir();
    admin_index = malloc(strlen(admin_dir) + 16);
    ck_assert_ptr_nonnull(admin_index);
    sprintf(admin_index, "%s/admin.gmz", admin_dir);
    char dir[4096], csv[4096];
    snprintf(dir, sizeof dir, "%s", gm_test_fixture("gaz-admin"));
    snprintf(csv, sizeof csv, "%s", gm_test_fixture("gaz-custom/places.csv"));
    const char *inputs[] = { dir, csv };
    gm_error err;
    gm_buf_clear(&admin_warnings);
    ck_assert_int_eq(gm_geonames_build(admin_index, inputs, 2, NULL, NULL,
                                       collect_warning, &admin_warnings,
                                       &err),
                     GM_OK);
}

static void remove_admin_index(void)
{
    gm_test_rmtree(admin_dir);
    free(admin_dir);
    free(admin_index);
    gm_buf_free(&admin_warnings);
}

static void open_admin_index(void)
{
    gm_error err;
    ck_assert_int_eq(gm_gaz_open(admin_index, &gaz, &err), GM_OK);
}

/* The place a name gives first (the fixtures have one per name). */
static gm_place first_place(const char *name)
{
    gm_gaz_match m = lookup(name);
    ck_assert_msg(m.count >= 1, "no place named %s", name);
    gm_place p;
    gm_gaz_place(gaz, gm_gaz_match_hit(gaz, &m, 0).place, &p);
    return p;
}

static const struct {
    const char *name;
    const char *code;
    const char *admin2;
} admin2_table[] = {
    { "Alexandria", "079", "Rapides Parish" },   /* the ADM2 place's name */
    { "Rapides Parish", "079", "Rapides Parish" }, /* itself */
    { "Lafayette", "055", "Lafayette Parish" },  /* from admin2Codes.txt */
    { "New Orleans", "071", "Orleans Parish" },
    { "Nowhere Bayou", "999", "" },              /* a code nobody names */
    { "Moscow", "", "" },                        /* no code */
};

START_TEST(test_admin2_names)
{
    gm_place p = first_place(admin2_table[_i].name);
    ck_assert_str_eq(p.admin2_code, admin2_table[_i].code);
    ck_assert_str_eq(p.admin2_name, admin2_table[_i].admin2);
    if (strcmp(admin2_table[_i].name, "Moscow") != 0)
        ck_assert_str_eq(p.admin1_name, "Louisiana");
}
END_TEST

START_TEST(test_admin2_bad_line_reported)
{
    ck_assert_msg(strstr(gm_buf_str(&admin_warnings),
                         "admin2Codes.txt:4: expected CC.ADMIN1.ADMIN2") != NULL,
                  "%s", gm_buf_str(&admin_warnings));
}
END_TEST

START_TEST(test_country_info_links)
{
    gm_place p = first_place("Port Beta"), country;
    gm_gaz_place(gaz, p.country_place, &country);
    ck_assert_uint_eq(country.id, 900000902); /* countryInfo says so */
    p = first_place("Moscow");
    gm_gaz_place(gaz, p.country_place, &country);
    ck_assert_uint_eq(country.id, 2017370);
    ck_assert_int_eq(first_place("Russian Empire").kind, GM_KIND_REGION);
    ck_assert_int_eq(first_place("Russia").kind, GM_KIND_COUNTRY);
}
END_TEST

START_TEST(test_without_country_info)
{
    /* The same places alone: the first PCLD of XQ is taken. */
    char out[4096], places[4096];
    snprintf(out, sizeof out, "%s/plain.gmz", admin_dir);
    snprintf(places, sizeof places, "%s",
             gm_test_fixture("gaz-admin/places.txt"));
    const char *inputs[] = { places };
    gm_error err;
    ck_assert_int_eq(gm_geonames_build(out, inputs, 1, NULL, NULL, NULL, NULL,
                                       &err),
                     GM_OK);
    gm_gaz *saved = gaz;
    ck_assert_int_eq(gm_gaz_open(out, &gaz, &err), GM_OK);
    gm_place p = first_place("Port Beta"), country;
    gm_gaz_place(gaz, p.country_place, &country);
    ck_assert_uint_eq(country.id, 900000901);
    ck_assert_str_eq(first_place("Lafayette").admin2_name, ""); /* no admin2Codes */
    ck_assert_uint_eq(gm_gaz_source_count(gaz), 2);
    ck_assert_str_eq(gm_gaz_source(gaz, 1), "places.txt"); /* a file: its name */
    gm_gaz_close(gaz);
    gaz = saved;
}
END_TEST

START_TEST(test_sources)
{
    ck_assert_uint_eq(gm_gaz_source_count(gaz), 3);
    ck_assert_str_eq(gm_gaz_source(gaz, 0), "");
    ck_assert_str_eq(gm_gaz_source(gaz, 99), "");
    gm_place p = first_place("Alexandria");
    ck_assert_str_eq(gm_gaz_source(gaz, p.source), "gaz-admin/places.txt");
    p = first_place("Zaatari Camp");
    ck_assert_str_eq(gm_gaz_source(gaz, p.source), "places.csv");
    size_t len;
    const char *meta = gm_gaz_meta(gaz, &len);
    char *text = strndup(meta, len);
    ck_assert_ptr_nonnull(strstr(text, "package=example-package@1.2.3 sha512-AAAA\n"));
    ck_assert_ptr_nonnull(strstr(text, "count=places.txt rows: 13\ncount=countries: 3\n"));
    ck_assert_ptr_null(strstr(text, "Written for the tests"));
    ck_assert_ptr_nonnull(strstr(text, "source=gaz-admin\n"));
    ck_assert_ptr_nonnull(strstr(text, "source=places.csv\n"));
    free(text);
}
END_TEST

/* ---- ranking of a name's candidates ---------------------------------------- */

static char *rank_dir;
static char *rank_index;

static void build_rank_index(void)
{
    rank_dir = gm_test_tmpdir();
    rank_index = malloc(strlen(rank_dir) + 16);
    ck_assert_ptr_nonnull(rank_index);
    sprintf(rank_index, "%s/rank.gmz", rank_dir);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", gm_test_fixture("gaz-rank"));
    const char *inputs[] = { dir };
    gm_error err;
    ck_assert_int_eq(gm_geonames_build(rank_index, inputs, 1, NULL, NULL, NULL,
                                       NULL, &err),
                     GM_OK);
}

static void remove_rank_index(void)
{
    gm_test_rmtree(rank_dir);
    free(rank_dir);
    free(rank_index);
}

static void open_rank_index(void)
{
    gm_error err;
    ck_assert_int_eq(gm_gaz_open(rank_index, &gaz, &err), GM_OK);
}

static const struct {
    const char *name;
    uint32_t first, second; /* ids, best first */
} rank_table[] = {
    { "Wien", 2761369, 2761367 },     /* capital before its own state */
    { "Vienna", 2761369, 2761367 },   /* the same by the primary name */
    { "Quebec", 6115047, 6325494 },   /* a province before its city */
    { "Bombay", 1275339, 2193111 },   /* 12 M by an alternate over 740 */
    { "Red Sea", 910000306, 361468 }, /* the sea before the governorate */
    { "Danube", 910000398, 7581804 }, /* the river, then a district */
    { "Texas", 4736286, 3814142 },    /* the state before a village */
    { "Kiew", 703448, 703446 },       /* a nearby oblast by its German name */
    { "Georgia", 614540, 4197000 },   /* the country, the state, the town */
    { "Armenia", 174982, 3689560 },   /* countries first */
};

START_TEST(test_rank)
{
    gm_gaz_match m = lookup(rank_table[_i].name);
    ck_assert_uint_ge(m.count, 2);
    gm_gaz_candidate list[16];
    ck_assert_uint_le(m.count, 16);
    size_t n = gm_gaz_rank(gaz, &m, list);
    ck_assert_uint_eq(n, m.count);
    ck_assert_uint_eq(list[0].place.id, rank_table[_i].first);
    ck_assert_uint_eq(list[1].place.id, rank_table[_i].second);
    for (size_t i = 1; i < n; i++)
        ck_assert(list[i - 1].score >= list[i].score);
}
END_TEST

START_TEST(test_rank_demonym)
{
    gm_gaz_match m = lookup("Armenian");
    gm_gaz_candidate list[4];
    ck_assert_uint_eq(gm_gaz_rank(gaz, &m, list), 1);
    ck_assert_uint_eq(list[0].place.id, 174982);
    ck_assert(list[0].hit.flags & GM_NAME_DEMONYM);
    ck_assert_str_eq(gm_gaz_lang(gaz, list[0].hit.lang), "demonym");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("gazetteer");
    TCase *tc = tcase_create("lookup");
    tcase_add_unchecked_fixture(tc, build_index, remove_index);
    tcase_add_checked_fixture(tc, open_index, close_index);
    tcase_add_loop_test(tc, test_lookup_names, 0,
                        sizeof name_table / sizeof name_table[0]);
    tcase_add_test(tc, test_georgia_is_country_and_state);
    tcase_add_test(tc, test_lowercase_romanisation_dropped);
    tcase_add_test(tc, test_link_language_skipped);
    tcase_add_test(tc, test_prefixes);
    tcase_add_test(tc, test_lookup_hashed_agrees);
    tcase_add_test(tc, test_place_fields);
    tcase_add_test(tc, test_place_brief_agrees);
    tcase_add_test(tc, test_check_passes);
    tcase_add_test(tc, test_open_mem_same_answers);
    tcase_add_test(tc, test_key_filter_same_answers);
    tcase_add_test(tc, test_key_filter_bad_shape_refused);
    suite_add_tcase(s, tc);

    TCase *bad = tcase_create("corrupt");
    tcase_add_unchecked_fixture(bad, build_index, remove_index);
    tcase_add_loop_test(bad, test_corrupt_refused, 0,
                        sizeof corrupt_table / sizeof corrupt_table[0]);
    tcase_add_test(bad, test_missing_file);
    tcase_add_test(bad, test_build_without_places_fails);
    suite_add_tcase(s, bad);

    TCase *custom = tcase_create("custom csv");
    tcase_add_unchecked_fixture(custom, build_custom_index,
                                remove_custom_index);
    tcase_add_checked_fixture(custom, open_custom_index, close_index);
    tcase_add_loop_test(custom, test_custom_names, 0,
                        sizeof custom_names / sizeof custom_names[0]);
    tcase_add_test(custom, test_custom_fields);
    tcase_add_loop_test(custom, test_custom_warnings, 0,
                        sizeof custom_warning_table /
                            sizeof custom_warning_table[0]);
    suite_add_tcase(s, custom);

    TCase *custom_files = tcase_create("custom csv files");
    tcase_add_loop_test(custom_files, test_custom_errors, 0,
                        sizeof csv_error_table / sizeof csv_error_table[0]);
    tcase_add_test(custom_files, test_custom_header_aliases);
    tcase_add_test(custom_files, test_custom_with_geonames);
    suite_add_tcase(s, custom_files);

    TCase *admin = tcase_create("admin2 countries sources");
    tcase_add_unchecked_fixture(admin, build_admin_index, remove_admin_index);
    tcase_add_checked_fixture(admin, open_admin_index, close_index);
    tcase_add_loop_test(admin, test_admin2_names, 0,
                        sizeof admin2_table / sizeof admin2_table[0]);
    tcase_add_test(admin, test_admin2_bad_line_reported);
    tcase_add_test(admin, test_country_info_links);
    tcase_add_test(admin, test_without_country_info);
    tcase_add_test(admin, test_sources);
    suite_add_tcase(s, admin);

    TCase *rank = tcase_create("rank");
    tcase_add_unchecked_fixture(rank, build_rank_index, remove_rank_index);
    tcase_add_checked_fixture(rank, open_rank_index, close_index);
    tcase_add_loop_test(rank, test_rank, 0,
                        sizeof rank_table / sizeof rank_table[0]);
    tcase_add_test(rank, test_rank_demonym);
    suite_add_tcase(s, rank);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
