/* Gazetteer: building a mini index from GeoNames-format fixtures, lookups
 * (exonyms, other scripts, abbreviations, demonyms, prefixes), and the
 * refusal of corrupt files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
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

START_TEST(test_check_passes)
{
    gm_error err;
    ck_assert_int_eq(gm_gaz_check(gaz, &err), GM_OK);
    ck_assert_uint_eq(gm_gaz_place_count(gaz), 38);
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
    { (size_t)-1, 64 + 32 * 6 + 3, "checksum mismatch" }, /* places bytes */
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
    tcase_add_test(tc, test_place_fields);
    tcase_add_test(tc, test_check_passes);
    tcase_add_test(tc, test_open_mem_same_answers);
    suite_add_tcase(s, tc);

    TCase *bad = tcase_create("corrupt");
    tcase_add_unchecked_fixture(bad, build_index, remove_index);
    tcase_add_loop_test(bad, test_corrupt_refused, 0,
                        sizeof corrupt_table / sizeof corrupt_table[0]);
    tcase_add_test(bad, test_missing_file);
    tcase_add_test(bad, test_build_without_places_fails);
    suite_add_tcase(s, bad);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
