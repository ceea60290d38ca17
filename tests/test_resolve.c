/* Resolver: one place per span, from priors, "X, Y" pairs, the article's
 * focus and one sense per name. Runs on the mini gazetteer. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/worker.h"
#include "gazetteer/build.h"
#include "harness.h"

static char *tmpdir;
static gm_gaz *gaz;
static gm_worker worker;

static void setup(void)
{
    gm_test_engine_open(&tmpdir, &gaz, &worker);
}

static void teardown(void)
{
    gm_test_engine_close(tmpdir, gaz, &worker);
}

/* "surface=id" for every mention, joined by " ". */
static const char *resolve(const char *text)
{
    static char out[2048];
    gm_worker_run(&worker, text, strlen(text));
    out[0] = '\0';
    for (size_t i = 0; i < worker.mentions.n; i++) {
        const gm_mention *m = &worker.mentions.v[i];
        gm_place p;
        gm_gaz_place(gaz, m->place, &p);
        char one[256];
        snprintf(one, sizeof one, "%s%.*s=%u", i ? " " : "", (int)m->len,
                 text + m->off, p.id);
        strcat(out, one);
    }
    return out;
}

static const struct {
    const char *text;
    const char *expected;
} resolve_table[] = {
    /* exonyms of one city */
    { "Khankendi, which Armenians call Stepanakert, lies between Baku and "
      "Yerevan.",
      "Khankendi=146970 Stepanakert=146970 Baku=587084 Yerevan=616052" },
    { "Flights from Kiev to Peking resumed.", "Kiev=703448 Peking=1816670" },
    /* "X, Y": the city inside the division wins over a bigger namesake */
    { "The fair in Paris, Texas drew crowds.", "Paris=4717560 Texas=4736286" },
    { "Springfield, Ill. and Springfield, Missouri are both capitals of "
      "sorts.",
      "Springfield=4250542 Ill.=4896861 Springfield=4409896 "
      "Missouri=4398678" },
    /* the prior: the capital of France */
    { "Ministers met in Paris on Tuesday, France said.",
      "Paris=2988507 France=3017382" },
    /* the article's focus: Texas and Dallas make "Paris" the Texas city */
    { "Storms hit Dallas. In Texas, Paris lost power.",
      "Dallas=4684888 Texas=4736286 Paris=4717560" },
    /* one sense per name: the pair decides every "Paris" of the article */
    { "Paris, Texas is small. Paris has one museum.",
      "Paris=4717560 Texas=4736286 Paris=4717560" },
    /* ... whatever follows the name (the key once read past it) */
    { "Paris, Texas is small. The museum of Paris opened.",
      "Paris=4717560 Texas=4736286 Paris=4717560" },
    /* a city over the division of the same name around it */
    { "Protests in Kyiv grew.", "Kyiv=703448" },
    /* ... but not over a division officially so named */
    { "Storms crossed Oklahoma.", "Oklahoma=4544379" },
    /* a town named after a country needs more than a US focus */
    { "Storms hit Dallas and Texas. Talks in Lebanon stalled.",
      "Dallas=4684888 Texas=4736286 Lebanon=272103" },
    /* a place called by its own name beats a bigger one that has the name
     * only among its variants */
    { "Flights to Dallas resumed.", "Dallas=4684888" },
    /* demonyms point to their country */
    { "Georgian wine is famous.", "Georgian=614540" },
};

START_TEST(test_resolutions)
{
    const char *got = resolve(resolve_table[_i].text);
    ck_assert_str_eq(got, resolve_table[_i].expected);
}
END_TEST

START_TEST(test_scores_in_range)
{
    resolve("Paris and Springfield and Georgia.");
    ck_assert_uint_eq(worker.mentions.n, 3);
    for (size_t i = 0; i < worker.mentions.n; i++) {
        ck_assert_float_ge(worker.mentions.v[i].score, 0.0f);
        ck_assert_float_le(worker.mentions.v[i].score, 1.0f);
    }
    /* Springfield is a coin toss between two similar cities: lower score
     * than Paris, where the capital dominates. */
    ck_assert_float_lt(worker.mentions.v[1].score, worker.mentions.v[0].score);
}
END_TEST

START_TEST(test_no_places)
{
    ck_assert_str_eq(resolve("Win money trading on Amazon"), "");
    ck_assert_str_eq(resolve(""), "");
}
END_TEST

/* Regression: the focus tables once held two entries per span, while a
 * span can point to far more countries and divisions than that; with many
 * namesakes they overflowed into other arena memory. */
START_TEST(test_many_namesakes)
{
    gm_gaz_builder *b = gm_gaz_builder_new(NULL, NULL);
    gm_error err;
    char code[3];
    for (int i = 0; i < 40; i++) {
        snprintf(code, sizeof code, "%c%c", 'A' + i / 26, 'A' + i % 26);
        gm_gaz_place_in town = { .id = 100 + (uint32_t)i, .name = "Richmond",
                                 .lat = 10 + i, .lon = 10 + i,
                                 .feature_class = 'P', .feature_code = "PPL",
                                 .country = code, .admin1 = "01",
                                 .population = 200000 };
        ck_assert_int_eq(gm_gaz_builder_add_place(b, &town, &err), GM_OK);
        /* each town in its own country: one focus entry each */
        char country_name[16];
        snprintf(country_name, sizeof country_name, "Land %s", code);
        gm_gaz_place_in land = { .id = 200 + (uint32_t)i, .name = country_name,
                                 .lat = 10 + i, .lon = 11 + i,
                                 .feature_class = 'A', .feature_code = "PCLI",
                                 .country = code };
        ck_assert_int_eq(gm_gaz_builder_add_place(b, &land, &err), GM_OK);
    }
    gm_gaz_place_in local = { .id = 1, .name = "Richmond", .lat = 39.83,
                              .lon = -84.89, .feature_class = 'P',
                              .feature_code = "PPL", .country = "US",
                              .admin1 = "IN", .population = 30000 };
    gm_gaz_place_in state = { .id = 2, .name = "Indiana", .lat = 40.0,
                              .lon = -86.25, .feature_class = 'A',
                              .feature_code = "ADM1", .country = "US",
                              .admin1 = "IN" };
    ck_assert_int_eq(gm_gaz_builder_add_place(b, &local, &err), GM_OK);
    ck_assert_int_eq(gm_gaz_builder_add_place(b, &state, &err), GM_OK);
    char path[4096];
    snprintf(path, sizeof path, "%s/namesakes.gmz", tmpdir);
    ck_assert_int_eq(gm_gaz_builder_write(b, path, &err), GM_OK);
    gm_gaz_builder_free(b);
    gm_gaz *g;
    ck_assert_int_eq(gm_gaz_open(path, &g, &err), GM_OK);
    gm_worker w;
    gm_worker_init(&w, g);
    const char *text = "Police in Richmond called the Indiana State Police "
                       "to Richmond, and Richmond schools closed.";
    gm_worker_run(&w, text, strlen(text));
    ck_assert_uint_eq(w.mentions.n, 4);
    for (size_t i = 0; i < w.mentions.n; i++) {
        gm_place p;
        gm_gaz_place(g, w.mentions.v[i].place, &p);
        ck_assert_str_eq(p.country, "US"); /* the Indiana focus wins */
    }
    gm_worker_free(&w);
    gm_gaz_close(g);
}
END_TEST

/* Regression: one sense per name compared every pair of spans; an article
 * naming a place 100,000 times took minutes (the suite's timeout catches a
 * return of the quadratic loop). */
START_TEST(test_many_occurrences_linear)
{
    size_t n = 100000;
    char *text = malloc(n * 6 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * 6, "Baku. ", 6);
    text[n * 6] = '\0';
    gm_worker_run(&worker, text, n * 6);
    ck_assert_uint_eq(worker.mentions.n, n);
    gm_place p;
    gm_gaz_place(gaz, worker.mentions.v[n - 1].place, &p);
    ck_assert_uint_eq(p.id, 587084);
    free(text);
}
END_TEST

/* Texts whose names each point to several countries and divisions, so
 * that every weight of the focus moves the scores (see below). */
static const char *const mixed_texts[] = {
    "Paris and Springfield and Georgia.",
    "Storms hit Springfield, Paris and Georgia; Dallas was spared.",
    "Paris, Texas is small. Springfield and Paris are not.",
};

/* The cache of first scores (and of the first round of the focus) changes
 * no result: every text of the table and the texts above, twice over,
 * resolved through one cache of each size (the default; one set; few sets
 * and candidates, emptied again and again; too few candidates for any set)
 * gives what the resolver gives without it. */
static const struct {
    uint32_t sets, cells; /* 0: the default cache */
} cache_sizes[] = { { 0, 0 }, { 1, 1000 }, { 3, 6 }, { 4, 1 } };

START_TEST(test_cache_same_result)
{
    gm_resolve_cache *cache =
        cache_sizes[_i].sets
            ? gm_resolve_cache_new_sized(gaz, cache_sizes[_i].sets,
                                         cache_sizes[_i].cells)
            : gm_resolve_cache_new(gaz);
    size_t n_table = sizeof resolve_table / sizeof resolve_table[0];
    size_t n = n_table + sizeof mixed_texts / sizeof mixed_texts[0];
    for (size_t pass = 0; pass < 2 * n; pass++) {
        size_t k = pass % n;
        const char *text = k < n_table ? resolve_table[k].text
                                       : mixed_texts[k - n_table];
        gm_worker_run(&worker, text, strlen(text));
        gm_mention_list got;
        gm_resolve_article_cached(gaz, cache, &worker.tokens, &worker.spans,
                                  &worker.arena, &got);
        ck_assert_uint_eq(got.n, worker.mentions.n);
        for (size_t i = 0; i < got.n; i++) {
            const gm_mention *a = &got.v[i], *b = &worker.mentions.v[i];
            ck_assert_uint_eq(a->off, b->off);
            ck_assert_uint_eq(a->span, b->span);
            ck_assert_uint_eq(a->place, b->place);
            ck_assert_uint_eq(a->name_flags, b->name_flags);
            ck_assert_mem_eq(&a->score, &b->score, sizeof a->score);
        }
    }
    gm_resolve_cache_free(cache);
    gm_resolve_cache_free(NULL);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("resolve");
    TCase *tc = tcase_create("resolve");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_resolutions, 0,
                        sizeof resolve_table / sizeof resolve_table[0]);
    tcase_add_test(tc, test_scores_in_range);
    tcase_add_test(tc, test_no_places);
    tcase_add_test(tc, test_many_namesakes);
    tcase_add_test(tc, test_many_occurrences_linear);
    tcase_add_loop_test(tc, test_cache_same_result, 0,
                        sizeof cache_sizes / sizeof cache_sizes[0]);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
