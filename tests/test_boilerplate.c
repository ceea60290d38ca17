/* Boilerplate lines: navigation and the headlines listed after it, share
 * buttons, comment forms, advertisements and page furniture are marked;
 * article text, including text that merely uses the same words, is not. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "harness.h"
#include "text/boilerplate.h"
#include "text/tokens.h"

static gm_tok_list toks = GM_TOK_LIST_INIT;
static gm_arena arena = GM_ARENA_INIT;

/* The kinds of the marked spans and their text, "kind:text|...". */
static const char *marked(const char *text)
{
    static char out[4096];
    gm_boilerplate_list list;
    gm_arena_reset(&arena);
    gm_tok_split(text, strlen(text), &toks);
    gm_boilerplate_mark(text, &toks, &arena, &list);
    out[0] = '\0';
    for (size_t i = 0; i < list.n; i++) {
        char one[512];
        snprintf(one, sizeof one, "%s%s:%.*s", i ? "|" : "",
                 gm_boilerplate_kind_name(list.v[i].kind),
                 (int)list.v[i].len, text + list.v[i].off);
        strncat(out, one, sizeof out - strlen(out) - 1);
    }
    return out;
}

static const struct {
    const char *text;
    const char *expected;
} table[] = {
    /* a navigation footer: the marker and the other article's headline */
    { "Shelling hit the town.\nPrevious Post\nProtesters rally in Baku over "
      "fuel prices\nNext Post\nFloods in Yerevan",
      "nav:Previous Post|headline:Protesters rally in Baku over fuel "
      "prices|nav:Next Post|headline:Floods in Yerevan" },
    /* the marker and the headline on one line */
    { "Talks resumed.\nNext Post: Army shells border village near Kyiv",
      "nav:Next Post: Army shells border village near Kyiv" },
    /* a related list goes on until a line that reads like the article */
    { "Related articles\nCeasefire holds in the north\nMarch 3, 2024\n"
      "The army said on Monday that it had withdrawn its artillery from "
      "the front line and that observers would arrive within the week.",
      "nav:Related articles|headline:Ceasefire holds in the north\nMarch 3, "
      "2024" },
    /* share buttons, alone or as a row */
    { "Share this article\nFacebook Twitter WhatsApp Email\nThe talks "
      "ended.",
      "share:Share this article\nFacebook Twitter WhatsApp Email" },
    /* a comment form and its fields */
    { "The march was peaceful.\nLeave a Reply\nYour email address will not "
      "be published. Required fields are marked *\nName\nEmail\nWebsite",
      "comment:Leave a Reply\nYour email address will not be published. "
      "Required fields are marked *\nName\nEmail\nWebsite" },
    /* advertisements and furniture */
    { "Advertisement\nTroops entered the city.\nTags: Syria, Aleppo\n"
      "Copyright 2024 The Daily. All rights reserved.",
      "ad:Advertisement|footer:Tags: Syria, Aleppo\nCopyright 2024 The "
      "Daily. All rights reserved." },
    /* the words inside article sentences are no boilerplate */
    { "Next, the army shelled the town. Share prices fell. Leave a comment "
      "was all he said.",
      "" },
    /* a long line after a marker is article text again */
    { "Read more\nThe government announced on Tuesday that a ceasefire "
      "would take effect at midnight along the whole of the contact line "
      "after weeks of negotiation.",
      "nav:Read more" },
    /* a line that starts with a phrase is marked up to 24 words, not
     * from 25 */
    { "Share this w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 "
      "w16 w17 w18 w19 w20 w21\nThe talks went on.",
      "share:Share this w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 "
      "w15 w16 w17 w18 w19 w20 w21" },
    { "Share this w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 "
      "w16 w17 w18 w19 w20 w21 w22\nThe talks went on.",
      "" },
    /* the end of a line of many words is found, and the next line read */
    { "One, two, three, four, five, six, seven, eight, nine, ten, eleven, "
      "twelve, thirteen, fourteen, fifteen, sixteen, seventeen, eighteen, "
      "nineteen, twenty, twenty-one, twenty-two, twenty-three, twenty-four, "
      "twenty-five, twenty-six and twenty-seven.\n"
      "Facebook Twitter WhatsApp",
      "share:Facebook Twitter WhatsApp" },
    /* phrases that share their first byte, from the table's start to its
     * end, each found */
    { "The talks ended.\nSearch\nSign up for our newsletter today\n"
      "The talks went on.\nScroll to continue\nThe army advanced.\n"
      "Most read\nSee also: floods in Yerevan",
      "nav:Search|footer:Sign up for our newsletter today|ad:Scroll to "
      "continue|nav:Most read\nSee also: floods in Yerevan" },
    { "The talks ended.\nMenu\nThe talks went on.\nPrevious Post\n"
      "Protesters rally in Baku",
      "nav:Menu|nav:Previous Post|headline:Protesters rally in Baku" },
    { "", "" },
};

START_TEST(test_marks)
{
    ck_assert_str_eq(marked(table[_i].text), table[_i].expected);
}
END_TEST

START_TEST(test_covers)
{
    const char *text = "Shelling hit the town.\nNext Post\nFloods in Yerevan";
    gm_boilerplate_list list;
    gm_arena_reset(&arena);
    gm_tok_split(text, strlen(text), &toks);
    gm_boilerplate_mark(text, &toks, &arena, &list);
    ck_assert_uint_eq(list.n, 2);
    ck_assert(!gm_boilerplate_covers(&list, 0));
    ck_assert(gm_boilerplate_covers(&list, (uint32_t)(strstr(text, "Next") -
                                                      text)));
    ck_assert(gm_boilerplate_covers(&list, (uint32_t)(strstr(text, "Yerevan") -
                                                      text)));
    ck_assert(!gm_boilerplate_covers(&list, (uint32_t)strlen(text)));
}
END_TEST

/* Lines of more than 24 words, more of them than the tokeniser keeps
 * line starts for (GM_TOK_LINES), then a marker and its headline: each
 * long line's end is found, past the kept starts too. */
START_TEST(test_after_long_lines)
{
    static char text[8192];
    text[0] = '\0';
    for (int line = 0; line < GM_TOK_LINES + 3; line++) {
        for (int w = 0; w < 30; w++) {
            char word[32];
            snprintf(word, sizeof word, "%sword%d", w ? " " : "", w);
            strcat(text, word);
        }
        strcat(text, ".\n");
        if (line == _i)
            strcat(text, "Next Post\nFloods in Yerevan\n");
    }
    ck_assert_str_eq(marked(text),
                     "nav:Next Post|headline:Floods in Yerevan");
}
END_TEST

START_TEST(test_kind_names)
{
    ck_assert_str_eq(gm_boilerplate_kind_name(GM_BOILER_NAV), "nav");
    ck_assert_str_eq(gm_boilerplate_kind_name(GM_BOILER_FOOTER), "footer");
}
END_TEST

static void teardown(void)
{
    gm_tok_list_free(&toks);
    gm_arena_free(&arena);
}

static Suite *suite(void)
{
    Suite *s = suite_create("boilerplate");
    TCase *tc = tcase_create("boilerplate");
    tcase_add_unchecked_fixture(tc, NULL, teardown);
    tcase_add_loop_test(tc, test_marks, 0, sizeof table / sizeof table[0]);
    tcase_add_test(tc, test_covers);
    tcase_add_loop_test(tc, test_after_long_lines, 0, GM_TOK_LINES + 3);
    tcase_add_test(tc, test_kind_names);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
