/* Resolver: one place per span, from priors, "X, Y" pairs, the article's
 * focus and one sense per name. Runs on the mini gazetteer. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/worker.h"
#include "harness.h"

static char *tmpdir;
static gm_gaz *gaz;
static gm_worker worker;

static void setup(void)
{
    tmpdir = gm_test_tmpdir();
    char *path = gm_test_build_mini_gazetteer(tmpdir);
    gm_error err;
    ck_assert_int_eq(gm_gaz_open(path, &gaz, &err), GM_OK);
    free(path);
    gm_worker_init(&worker, gaz);
}

static void teardown(void)
{
    gm_worker_free(&worker);
    gm_gaz_close(gaz);
    gm_test_rmtree(tmpdir);
    free(tmpdir);
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

static Suite *suite(void)
{
    Suite *s = suite_create("resolve");
    TCase *tc = tcase_create("resolve");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_resolutions, 0,
                        sizeof resolve_table / sizeof resolve_table[0]);
    tcase_add_test(tc, test_scores_in_range);
    tcase_add_test(tc, test_no_places);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
