/* Evaluation figures: exact-span matching, ungeocoded spans neither
 * credited nor counted, accuracy within 161 km, AUC, mean and median. */
#include <check.h>
#include <math.h>

#include "eval/score.h"
#include "gazetteer/gaz.h"
#include "harness.h"

#define TOL 1e-9

START_TEST(test_distance)
{
    /* one degree of latitude is about 111.2 km */
    ck_assert_double_eq_tol(gm_gaz_distance_km(0, 0, 1, 0), 111.195, 1e-3);
    ck_assert_double_eq_tol(gm_gaz_distance_km(10, 20, 10, 20), 0, TOL);
    /* antipodes: half the circumference */
    ck_assert_double_eq_tol(gm_gaz_distance_km(0, 0, 0, 180), 20015.1, 0.1);
}
END_TEST

static int outcomes[5];

static void count(void *ctx, gm_eval_outcome outcome, size_t index, double km)
{
    (void)ctx;
    (void)index;
    (void)km;
    outcomes[outcome]++;
}

START_TEST(test_figures)
{
    gm_eval *ev = gm_eval_new();
    const gm_eval_gold gold[] = {
        { 0, 4, 40.0, 49.0 },   /* matched exactly, 0 km */
        { 10, 15, 40.0, 49.0 }, /* matched, 2 degrees off: far */
        { 20, 25, 40.0, 49.0 }, /* missed */
        { 30, 35, NAN, NAN },   /* ungeocoded: a prediction here is ignored */
    };
    const gm_eval_pred pred[] = {
        { 0, 4, 40.0, 49.0 },
        { 10, 15, 42.0, 49.0 },
        { 30, 35, 1.0, 1.0 },
        { 50, 55, 0.0, 0.0 },  /* spurious */
        { 20, 24, 40.0, 49.0 },/* wrong span: spurious, not a match */
    };
    gm_eval_article(ev, gold, 4, pred, 5, count, NULL);
    gm_eval_figures f;
    gm_eval_figures_get(ev, &f);
    ck_assert_uint_eq(f.gold, 3);
    ck_assert_uint_eq(f.predicted, 4);
    ck_assert_uint_eq(f.matched, 2);
    ck_assert_double_eq_tol(f.precision, 0.5, TOL);
    ck_assert_double_eq_tol(f.recall, 2.0 / 3, TOL);
    ck_assert_double_eq_tol(f.f1, 2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3), TOL);
    ck_assert_double_eq_tol(f.acc161, 0.5, TOL);
    double far = gm_gaz_distance_km(40, 49, 42, 49);
    ck_assert_double_eq_tol(f.mean_km, far / 2, 1e-6);
    ck_assert_double_eq_tol(f.median_km, far / 2, 1e-6);
    ck_assert_double_eq_tol(f.auc, (log(1 + far) / log(20039)) / 2, 1e-9);
    ck_assert_int_eq(outcomes[GM_EVAL_CORRECT], 1);
    ck_assert_int_eq(outcomes[GM_EVAL_FAR], 1);
    ck_assert_int_eq(outcomes[GM_EVAL_MISSED], 1);
    ck_assert_int_eq(outcomes[GM_EVAL_SPURIOUS], 2);
    ck_assert_int_eq(outcomes[GM_EVAL_UNGEOCODED], 1);
    gm_eval_free(ev);
}
END_TEST

START_TEST(test_empty)
{
    gm_eval *ev = gm_eval_new();
    gm_eval_figures f;
    gm_eval_figures_get(ev, &f);
    ck_assert_double_eq_tol(f.f1, 0, TOL);
    ck_assert_double_eq_tol(f.median_km, 0, TOL);
    gm_eval_free(ev);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("eval");
    TCase *tc = tcase_create("score");
    tcase_add_test(tc, test_distance);
    tcase_add_test(tc, test_figures);
    tcase_add_test(tc, test_empty);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
