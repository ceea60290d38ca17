/* Events: the trigger lexicon (inflections, expressions, codes), and the
 * stage on the mini gazetteer. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/lexicon.h"
#include "harness.h"
#include "text/sentences.h"
#include "text/tokens.h"

/* ---- lexicon -------------------------------------------------------- */

static gm_tok_list toks = GM_TOK_LIST_INIT;
static gm_sent_list sents = GM_SENT_LIST_INIT;

/* Every trigger of the text as the stage scans them: "code:text|...". */
static const char *triggers(const char *text)
{
    static char out[1024];
    out[0] = '\0';
    gm_tok_split(text, strlen(text), &toks);
    gm_sent_split(text, &toks, &sents);
    for (size_t s = 0; s < sents.n; s++) {
        for (uint32_t i = sents.v[s].tok_begin; i < sents.v[s].tok_end;) {
            gm_event_lex_hit hit;
            if (!gm_event_lex_match(text, &toks, i, sents.v[s].tok_end, false,
                                    &hit)) {
                i++;
                continue;
            }
            const gm_token *a = &toks.v[hit.tok_begin];
            const gm_token *b = &toks.v[hit.tok_end - 1];
            char one[256];
            snprintf(one, sizeof one, "%s%s:%.*s", out[0] ? "|" : "", hit.code,
                     (int)(b->off + b->len - a->off), text + a->off);
            strncat(out, one, sizeof out - strlen(out) - 1);
            i = hit.tok_end;
        }
    }
    return out;
}

static const struct {
    const char *text;
    const char *expected;
} trigger_table[] = {
    /* inflections, regular and irregular */
    { "Troops shelled the town.", "194:shelled" },
    { "Artillery kept shelling the port.", "194:shelling" },
    { "Gunmen shot two guards.", "193:shot" },
    { "Police patrolled the market.", "150:patrolled" },
    { "Rallies were held.", "141:Rallies" },
    /* expressions, with words in between */
    { "The rebels agreed to a 48-hour ceasefire.",
      "0871:agreed to a 48-hour ceasefire" },
    { "The army halted all military action.",
      "087:halted all military action" },
    { "Thousands took to the streets.", "141:took to the streets" },
    { "Police opened fire on the crowd.", "193:opened fire" },
    { "An air strike hit the depot.", "195:air strike" },
    { "The cease-fire held.", "0871:cease-fire" },
    { "The navy imposed a blockade.", "191:imposed a blockade" },
    { "Convoys delivered food aid to the town.",
      "073:delivered food aid" },
    { "The two sides held talks.", "046:held talks" },
    { "The talks resumed.", "046:talks" },
    { "Twelve people were killed and 30 wounded.",
      "190:killed|190:wounded" },
    { "Police arrested 20 people.", "173:arrested" },
    /* the longest expression wins and covers its words */
    { "Both sides called for a ceasefire.", "0256:called for a ceasefire" },
    /* a capitalised word inside a sentence is a name */
    { "In March, talks began.", "046:talks" },
    { "The Strike Force arrived.", "" },
    /* "demonstrated that" shows, it does not protest */
    { "The test demonstrated that the plan works.", "" },
    { "Villagers demonstrated outside the mine.", "141:demonstrated" },
    { "", "" },
};

START_TEST(test_triggers)
{
    ck_assert_str_eq(triggers(trigger_table[_i].text),
                     trigger_table[_i].expected);
}
END_TEST

static bool has_lemma(const char *word, const char *lemma)
{
    char buf[GM_LEX_LEMMA_BUF];
    const char *out[GM_LEX_MAX_LEMMAS];
    size_t n = gm_event_lemmas(word, strlen(word), buf, out);
    for (size_t i = 0; i < n; i++)
        if (strcmp(out[i], lemma) == 0)
            return true;
    return false;
}

START_TEST(test_lemmas)
{
    ck_assert(has_lemma("shelled", "shell"));
    ck_assert(has_lemma("patrolling", "patrol"));
    ck_assert(has_lemma("captured", "capture"));
    ck_assert(has_lemma("occupied", "occupy"));
    ck_assert(has_lemma("rallies", "rally"));
    ck_assert(has_lemma("clashes", "clash"));
    ck_assert(has_lemma("shot", "shoot"));
    ck_assert(has_lemma("took", "take"));
    ck_assert(has_lemma("talks", "talks")); /* the word itself first */
    ck_assert(!has_lemma("shell", "shel"));
}
END_TEST

/* The binary search needs the rows sorted by their first word; every code
 * a row uses has its label. */
START_TEST(test_table_sorted_and_coded)
{
    size_t n = gm_event_lex_count();
    ck_assert_uint_gt(n, 150);
    char prev[64] = "";
    for (size_t i = 0; i < n; i++) {
        const char *pattern, *code;
        unsigned flags;
        gm_event_lex_row(i, &pattern, &code, &flags);
        char head[64];
        size_t len = strcspn(pattern, " +");
        ck_assert_uint_lt(len, sizeof head);
        memcpy(head, pattern, len);
        head[len] = '\0';
        ck_assert_msg(strcmp(prev, head) <= 0, "row %zu (%s) out of order", i,
                      pattern);
        strcpy(prev, head);
        ck_assert_msg(gm_event_code_find(code) != NULL, "row %s: code %s",
                      pattern, code);
    }
}
END_TEST

START_TEST(test_codes)
{
    char root[3];
    gm_event_code_root("0871", root);
    ck_assert_str_eq(root, "08");
    ck_assert_int_eq(gm_event_quad_class(root), 2);
    gm_event_code_root("194", root);
    ck_assert_str_eq(root, "19");
    ck_assert_int_eq(gm_event_quad_class(root), 4);
    ck_assert_int_eq(gm_event_quad_class("04"), 1);
    ck_assert_int_eq(gm_event_quad_class("11"), 3);
    ck_assert_int_eq(gm_event_quad_class("14"), 4);
    ck_assert_int_eq(gm_event_quad_class("21"), 0);
    ck_assert_int_eq(gm_event_quad_class(""), 0);
    ck_assert_str_eq(gm_event_code_find("0871")->label,
                     "declare truce, ceasefire");
    ck_assert_ptr_null(gm_event_code_find("999"));
    ck_assert_uint_gt(gm_event_code_count(), 40);
    ck_assert_str_eq(gm_event_code_at(0)->code, "026");
}
END_TEST

static void lexicon_teardown(void)
{
    gm_tok_list_free(&toks);
    gm_sent_list_free(&sents);
}

static Suite *suite(void)
{
    Suite *s = suite_create("events");
    TCase *lex = tcase_create("lexicon");
    tcase_add_unchecked_fixture(lex, NULL, lexicon_teardown);
    tcase_add_loop_test(lex, test_triggers, 0,
                        sizeof trigger_table / sizeof trigger_table[0]);
    tcase_add_test(lex, test_lemmas);
    tcase_add_test(lex, test_table_sorted_and_coded);
    tcase_add_test(lex, test_codes);
    suite_add_tcase(s, lex);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
