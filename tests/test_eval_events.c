/* Event → location scoring: spans stripped of punctuation at both ends,
 * exact matching, pooled precision, recall and F1, the share of events
 * without a stated location left unplaced; and geomap eval --events end
 * to end on a fixture written for the tests. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "eval/events_score.h"
#include "harness.h"
#include "text/utf8.h"

#define TOL 1e-9

/* The code points of an ASCII or UTF-8 string. */
static size_t code_points(const char *s, int32_t *out, size_t cap)
{
    size_t n = 0, len = strlen(s);
    for (size_t b = 0; b < len && n < cap;)
        b += gm_utf8_decode(s + b, len - b, &out[n++]);
    return n;
}

START_TEST(test_strip)
{
    int32_t cp[64];
    /* "in Algiers, on" */
    size_t n = code_points("in Algiers, on", cp, 64);
    gm_eval_span s = { 3, 11 };
    gm_eval_span_strip(cp, n, &s);
    ck_assert_int_eq(s.start, 3);
    ck_assert_int_eq(s.end, 10);
    /* a leading quote: "near ‘Ayn ‘Issa." */
    n = code_points("near \xe2\x80\x98" "Ayn \xe2\x80\x98" "Issa.", cp, 64);
    s = (gm_eval_span){ 5, 16 };
    gm_eval_span_strip(cp, n, &s);
    ck_assert_int_eq(s.start, 6);
    ck_assert_int_eq(s.end, 15);
    /* nothing but punctuation: empty, and out-of-range ends clamped */
    n = code_points("a , b", cp, 64);
    s = (gm_eval_span){ 1, 4 };
    gm_eval_span_strip(cp, n, &s);
    ck_assert_int_eq(s.start, s.end);
    s = (gm_eval_span){ -2, 99 };
    gm_eval_span_strip(cp, n, &s);
    ck_assert_int_eq(s.start, 0);
    ck_assert_int_eq(s.end, 5);
}
END_TEST

START_TEST(test_figures)
{
    gm_eval_events *ev = gm_eval_events_new();
    /* all of two gold spans */
    const gm_eval_span g1[] = { { 0, 5 }, { 10, 15 } };
    ck_assert_uint_eq(gm_eval_events_example(ev, g1, 2, g1, 2), 2);
    /* one of two predicted is gold; the duplicate counts once */
    const gm_eval_span g2[] = { { 3, 8 } };
    const gm_eval_span p2[] = { { 3, 8 }, { 20, 25 }, { 3, 8 } };
    ck_assert_uint_eq(gm_eval_events_example(ev, g2, 1, p2, 3), 1);
    /* a gold span missed */
    const gm_eval_span g3[] = { { 1, 4 } };
    ck_assert_uint_eq(gm_eval_events_example(ev, g3, 1, NULL, 0), 0);
    /* no location stated: left unplaced, then placed */
    ck_assert_uint_eq(gm_eval_events_example(ev, NULL, 0, NULL, 0), 0);
    const gm_eval_span p5[] = { { 0, 2 } };
    ck_assert_uint_eq(gm_eval_events_example(ev, NULL, 0, p5, 1), 0);
    gm_eval_events_figures f;
    gm_eval_events_figures_get(ev, &f);
    ck_assert_uint_eq(f.examples, 5);
    ck_assert_uint_eq(f.gold, 4);
    ck_assert_uint_eq(f.predicted, 5);
    ck_assert_uint_eq(f.matched, 3);
    ck_assert_double_eq_tol(f.precision, 3.0 / 5, TOL);
    ck_assert_double_eq_tol(f.recall, 3.0 / 4, TOL);
    ck_assert_double_eq_tol(f.f1, 2 * 0.6 * 0.75 / 1.35, TOL);
    ck_assert_uint_eq(f.no_location, 2);
    ck_assert_uint_eq(f.left_unplaced, 1);
    ck_assert_double_eq_tol(f.unplaced_rate, 0.5, TOL);
    ck_assert_uint_eq(f.with_location, 3);
    ck_assert_uint_eq(f.any_correct, 2);
    gm_eval_events_free(ev);
    gm_eval_events_free(NULL);
}
END_TEST

START_TEST(test_empty)
{
    gm_eval_events *ev = gm_eval_events_new();
    gm_eval_events_figures f;
    gm_eval_events_figures_get(ev, &f);
    ck_assert_double_eq_tol(f.f1, 0, TOL);
    ck_assert_double_eq_tol(f.unplaced_rate, 0, TOL);
    gm_eval_events_free(ev);
}
END_TEST

/* geomap eval --events on tests/fixtures/events/dev.jsonl: six examples
 * (a list of three, a city with its country, a name in another script, no
 * location) and one line that is no example. */
START_TEST(test_cli)
{
    const char *bin = getenv("GEOMAP_BIN");
    ck_assert_msg(bin != NULL, "GEOMAP_BIN is not set (run through ctest)");
    char *dir = gm_test_tmpdir();
    char *gaz = gm_test_build_mini_gazetteer(dir);
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "'%s' eval --events '%s' --gazetteer '%s' --json >'%s/out' "
             "2>'%s/err'",
             bin, gm_test_fixture("events/dev.jsonl"), gaz, dir, dir);
    int status = system(cmd);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 1); /* one line rejected */
    char path[8300];
    snprintf(path, sizeof path, "%s/out", dir);
    char *out = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(out);
    ck_assert_msg(strstr(out, "\"all\": {\"examples\": 6, \"gold\": 7, "
                              "\"predicted\": 7, \"matched\": 7") != NULL,
                  "%s", out);
    ck_assert_msg(strstr(out, "\"no_location\": 1, \"left_unplaced\": 1") !=
                      NULL,
                  "%s", out);
    ck_assert_msg(strstr(out, "\"gold_standard\": {\"examples\": 1") != NULL,
                  "%s", out);
    snprintf(path, sizeof path, "%s/err", dir);
    char *err = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, "dev.jsonl:7: not an event example") != NULL,
                  "%s", err);
    free(out);
    free(err);
    free(gaz);
    gm_test_rmtree(dir);
    free(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("eval_events");
    TCase *tc = tcase_create("score");
    tcase_add_test(tc, test_strip);
    tcase_add_test(tc, test_figures);
    tcase_add_test(tc, test_empty);
    suite_add_tcase(s, tc);
    TCase *cli = tcase_create("cli");
    tcase_set_timeout(cli, 60);
    tcase_add_test(cli, test_cli);
    suite_add_tcase(s, cli);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
