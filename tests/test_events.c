/* Events: the trigger lexicon (inflections, expressions, codes), and the
 * stage on the mini gazetteer: negation, hypotheses, reported speech,
 * placement by each rule, dates and the dead. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/worker.h"
#include "events/events.h"
#include "events/internal.h"
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
        bool headline = gm_event_lex_headline(&toks, sents.v[s].tok_begin,
                                              sents.v[s].tok_end);
        for (uint32_t i = sents.v[s].tok_begin; i < sents.v[s].tok_end;) {
            gm_event_lex_hit hit;
            if (!gm_event_lex_match(text, &toks, i, sents.v[s].tok_end,
                                    headline, &hit)) {
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
    /* a later word inflected, regularly or not */
    { "Two car bombs exploded.", "1832:car bombs|183:exploded" },
    { "Air strikes and an air struck depot.", "195:Air strikes|195:air struck" },
    { "The suicide bombers fled.", "1831:suicide bombers" },
    { "Ceasefire violations rose.", "196:Ceasefire violations" },
    /* the longest expression wins and covers its words */
    { "Both sides called for a ceasefire.", "0256:called for a ceasefire" },
    /* a capitalised word inside a sentence is a name */
    { "In March, talks began.", "046:talks" },
    { "The Strike Force arrived.", "" },
    /* unless the sentence is a Title Case headline; the sentence after
     * it is no headline */
    { "Rebels Shell Border Town\n\nThe Strike Force arrived.",
      "194:Shell" },
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

/* gm_event_lex_next finds, sentence by sentence, what gm_event_lex_match
 * finds token by token, telling whether the sentence is a headline only
 * when a capitalised word could start a trigger, and then rightly. */
START_TEST(test_lex_next)
{
    const char *text = trigger_table[_i].text;
    char expected[1024];
    snprintf(expected, sizeof expected, "%s", triggers(text));
    char out[1024] = "";
    for (size_t s = 0; s < sents.n; s++) {
        uint32_t i = sents.v[s].tok_begin;
        int headline = -1;
        gm_event_lex_hit hit;
        while (gm_event_lex_next(text, &toks, sents.v[s].tok_begin, &i,
                                 sents.v[s].tok_end, &headline, &hit)) {
            ck_assert_uint_eq(i, hit.tok_begin);
            ck_assert_ptr_eq(hit.entry, gm_event_code_find(hit.code));
            const gm_token *a = &toks.v[hit.tok_begin];
            const gm_token *b = &toks.v[hit.tok_end - 1];
            char one[256];
            snprintf(one, sizeof one, "%s%s:%.*s", out[0] ? "|" : "", hit.code,
                     (int)(b->off + b->len - a->off), text + a->off);
            strncat(out, one, sizeof out - strlen(out) - 1);
            i = hit.tok_end;
        }
        ck_assert_uint_eq(i, sents.v[s].tok_end);
        if (headline >= 0)
            ck_assert_int_eq(headline,
                             gm_event_lex_headline(&toks, sents.v[s].tok_begin,
                                                   sents.v[s].tok_end));
    }
    ck_assert_str_eq(out, expected);
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

/* Every lemma starts like its word, but for irregular forms that do not. */
START_TEST(test_lemma_initials)
{
    ck_assert(!gm_event_lemmas_keep_initial("went", 4));
    ck_assert(has_lemma("went", "go"));
    ck_assert(gm_event_lemmas_keep_initial("said", 4));
    ck_assert(gm_event_lemmas_keep_initial("shelled", 7));
    ck_assert(gm_event_lemmas_keep_initial("wen", 3));
    static const char *const words[] = {
        "shelled", "rallies", "patrolling", "took", "told", "fought", "held",
        "said", "went", "firing", "occupied", "blew", NULL
    };
    for (size_t i = 0; words[i]; i++) {
        char buf[GM_LEX_LEMMA_BUF];
        const char *out[GM_LEX_MAX_LEMMAS];
        size_t n = gm_event_lemmas(words[i], strlen(words[i]), buf, out);
        bool same = true;
        for (size_t l = 0; l < n; l++)
            same = same && out[l][0] == words[i][0];
        ck_assert_msg(same == gm_event_lemmas_keep_initial(words[i],
                                                           strlen(words[i])),
                      "%s", words[i]);
    }
}
END_TEST

/* The index needs the rows sorted by their first word (one run of rows per
 * word); every code a row uses has its label. */
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

/* The code of the one-word row that the word alone matches, by reading
 * every row: what the index of the rows and its filter on the first bytes
 * must answer. "" when none. */
static const char *one_word_code(const char *word)
{
    char buf[GM_LEX_LEMMA_BUF];
    const char *lemmas[GM_LEX_MAX_LEMMAS];
    size_t n = gm_event_lemmas(word, strlen(word), buf, lemmas);
    for (size_t l = 0; l < n; l++)
        for (size_t r = 0; r < gm_event_lex_count(); r++) {
            const char *pattern, *code;
            unsigned flags;
            gm_event_lex_row(r, &pattern, &code, &flags);
            size_t len = strcspn(pattern, " +");
            bool inflect = pattern[len] == '+';
            if (strchr(pattern, ' ') || (l > 0 && !inflect) ||
                strlen(lemmas[l]) != len || memcmp(lemmas[l], pattern, len))
                continue;
            return code;
        }
    return "";
}

/* Every first word of a row, its inflections, irregular forms and near
 * misses: the matcher finds a trigger exactly when reading the rows does. */
START_TEST(test_index_against_rows)
{
    static const char *const suffixes[] = {
        "", "s", "es", "d", "ed", "ing", "er", "ment", "x"
    };
    static const char *const irregular[] = {
        "shot", "took", "taken", "fought", "held", "struck", "met", "laid",
        "withdrew", "withdrawn", "blew", "blown", "broke", "broken", "went",
        "gone", "slain", "slew", "beaten", "overran", "burnt", "said", NULL
    };
    size_t checked = 0, found = 0;
    for (size_t r = 0; r < gm_event_lex_count(); r++) {
        const char *pattern, *code;
        unsigned flags;
        gm_event_lex_row(r, &pattern, &code, &flags);
        size_t len = strcspn(pattern, " +");
        char head[64];
        memcpy(head, pattern, len);
        head[len] = '\0';
        char forms[16][80];
        size_t n_forms = 0;
        for (size_t s = 0; s < sizeof suffixes / sizeof suffixes[0]; s++)
            snprintf(forms[n_forms++], sizeof forms[0], "%s%s", head,
                     suffixes[s]);
        /* "fire" → "firing", "rally" → "rallies", "patrol" →
         * "patrolling", a changed first letter, a shorter word */
        snprintf(forms[n_forms++], sizeof forms[0], "%.*sing",
                 (int)len - 1, head);
        snprintf(forms[n_forms++], sizeof forms[0], "%.*sies",
                 (int)len - 1, head);
        snprintf(forms[n_forms++], sizeof forms[0], "%s%cing", head,
                 head[len - 1]);
        snprintf(forms[n_forms++], sizeof forms[0], "%s%ced", head,
                 head[len - 1]);
        snprintf(forms[n_forms++], sizeof forms[0], "%.*sied",
                 (int)len - 1, head);
        snprintf(forms[n_forms++], sizeof forms[0], "q%s", head + 1);
        for (size_t f = 0; f < n_forms; f++) {
            const char *text = triggers(forms[f]);
            const char *want = one_word_code(forms[f]);
            char expected[128] = "";
            if (want[0])
                snprintf(expected, sizeof expected, "%.8s:%.79s", want, forms[f]);
            ck_assert_msg(strcmp(text, expected) == 0,
                          "\"%s\": matched \"%s\", the rows say \"%s\"",
                          forms[f], text, expected);
            checked++;
            found += want[0] != '\0';
        }
    }
    for (size_t i = 0; irregular[i]; i++) {
        const char *want = one_word_code(irregular[i]);
        char expected[128] = "";
        if (want[0])
            snprintf(expected, sizeof expected, "%.8s:%.79s", want, irregular[i]);
        ck_assert_str_eq(triggers(irregular[i]), expected);
    }
    ck_assert_uint_gt(checked, 1000);
    ck_assert_uint_gt(found, 300);
}
END_TEST

/* Row r's pattern written out: "+" as written or with "s", a gap as
 * gap_words words ("the old big"), each word after a space, so that the
 * words after the first are read as the compiled rows read them. */
static void row_text(const char *pattern, bool inflect, int gap_words,
                     char *out, size_t size)
{
    static const char *const fillers[] = { "the", "old", "big" };
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = pattern; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        if (strncmp(p, "...", 3) == 0) {
            for (int g = 0; g < gap_words; g++)
                n += (size_t)snprintf(out + n, size - n, "%s%s", n ? " " : "",
                                      fillers[g]);
            p += 3;
            continue;
        }
        size_t len = strcspn(p, " +");
        n += (size_t)snprintf(out + n, size - n, "%s%.*s%s", n ? " " : "",
                              (int)len, p, p[len] == '+' && inflect ? "s" : "");
        p += len + (p[len] == '+');
    }
}

/* Every row matches its own pattern written out, whole, its inflected
 * words and its gaps of up to three words included (the words after the
 * first as compiled when the index is built; debug builds check each match
 * against the pattern's text too). */
START_TEST(test_rows_as_text)
{
    size_t multi = 0;
    for (size_t r = 0; r < gm_event_lex_count(); r++) {
        const char *pattern, *code;
        unsigned flags;
        gm_event_lex_row(r, &pattern, &code, &flags);
        bool gap = strstr(pattern, "...") != NULL;
        multi += strchr(pattern, ' ') != NULL;
        for (int inflect = 0; inflect < 2; inflect++)
            for (int g = 0; g <= (gap ? 3 : 0); g++) {
                char text[256];
                row_text(pattern, inflect, g, text, sizeof text);
                gm_tok_split(text, strlen(text), &toks);
                gm_event_lex_hit hit;
                ck_assert_msg(gm_event_lex_match(text, &toks, 0, (uint32_t)toks.n,
                                                 false, &hit),
                              "\"%s\" (row \"%s\") matched nothing", text,
                              pattern);
                ck_assert_msg(hit.tok_end == toks.n,
                              "\"%s\" (row \"%s\") matched %u of %zu tokens",
                              text, pattern, hit.tok_end, toks.n);
            }
    }
    ck_assert_uint_gt(multi, 50);
}
END_TEST

static const char *const set_words[] = {
    "in", "at", "near", "outside", "the", "a", "\xc3\xa9t\xc3\xa9",
    "shelling", "in", NULL
};
static const char *const other_words[] = { "north", "south", NULL };
static const char *const no_words[] = { NULL };

/* Whether word is in the list, by reading it. */
static bool in_list(const char *const *list, const char *word, size_t len)
{
    for (; *list; list++)
        if (strlen(*list) == len && memcmp(*list, word, len) == 0)
            return true;
    return false;
}

static void check_set(const char *const *list)
{
    const gm_event_word_set *set = gm_event_word_set_of(list);
    ck_assert_ptr_nonnull(set);
    ck_assert_ptr_eq(gm_event_word_set_of(list), set); /* made once */
    static const char *const probes[] = {
        "", "i", "inn", "an", "ne", "nea", "nearer", "outsid", "outsidE",
        "th", "thee", "b", "\xc3\xa9t\xc3", "shellin", "shellings", "north",
        "nort", "southh", NULL
    };
    size_t yes = 0;
    for (const char *const *w = list; *w; w++) {
        ck_assert_msg(gm_event_word_set_has(set, *w, strlen(*w),
                                            gm_event_word_hash(*w, strlen(*w))),
                      "\"%s\" not found", *w);
        /* every prefix and every one-letter extension */
        char near[80];
        size_t len = strlen(*w);
        for (size_t k = 0; k <= len + 1 && len + 2 < sizeof near; k++) {
            memcpy(near, *w, len);
            near[len] = 'e';
            size_t nl = k <= len ? k : len + 1;
            ck_assert_int_eq(gm_event_word_set_has(set, near, nl,
                                                   gm_event_word_hash(near, nl)),
                             in_list(list, near, nl));
            yes += in_list(list, near, nl);
        }
    }
    for (const char *const *p = probes; *p; p++)
        ck_assert_msg(gm_event_word_set_has(set, *p, strlen(*p),
                                            gm_event_word_hash(*p, strlen(*p))) ==
                          in_list(list, *p, strlen(*p)),
                      "\"%s\"", *p);
    ck_assert_uint_ge(yes, (size_t)(list[0] != NULL));
}

/* A hashed word set answers as reading its list does, on every word of the
 * list, its prefixes and extensions, and other words. */
START_TEST(test_word_sets)
{
    check_set(set_words);
    check_set(other_words);
    check_set(no_words);
    ck_assert_ptr_ne(gm_event_word_set_of(set_words),
                     gm_event_word_set_of(other_words));
}
END_TEST

/* A list's handle gives the registry's set of its list, asked once and
 * kept: the same set on every later call, and a handle of another list
 * another set. */
START_TEST(test_word_handles)
{
    static gm_event_words set_w = { set_words, NULL };
    static gm_event_words other_w = { other_words, NULL };
    ck_assert_ptr_null(atomic_load(&set_w.set));
    const gm_event_word_set *set = gm_event_words_set(&set_w);
    ck_assert_ptr_eq(set, gm_event_word_set_of(set_words));
    ck_assert_ptr_eq(atomic_load(&set_w.set), set);
    ck_assert_ptr_eq(gm_event_words_set(&set_w), set);
    ck_assert_ptr_eq(gm_event_words_set(&other_w),
                     gm_event_word_set_of(other_words));
    ck_assert_ptr_ne(gm_event_words_set(&other_w), set);
}
END_TEST

/* Whether one of word's lemmas is in the list, by making them. */
static bool lemma_listed(const char *const *list, const char *word,
                         size_t len)
{
    char buf[GM_LEX_LEMMA_BUF];
    const char *lemmas[GM_LEX_MAX_LEMMAS];
    size_t n = gm_event_lemmas(word, len, buf, lemmas);
    for (size_t l = 0; l < n; l++)
        if (in_list(list, lemmas[l], strlen(lemmas[l])))
            return true;
    return false;
}

static const char *const lemma_words[] = {
    "say", "tell", "report", "patrol", "fire", "rally", "occupy", "shoot",
    "go", "kill", "strike", "hit", "plan", NULL
};

/* A lemma set holds exactly the words one of whose lemmas is listed: every
 * inflection, regular or not, of the listed words and of near misses. */
START_TEST(test_lemma_sets)
{
    const gm_event_word_set *set = gm_event_lemma_set_of(lemma_words);
    ck_assert_ptr_nonnull(set);
    ck_assert_ptr_eq(gm_event_lemma_set_of(lemma_words), set);
    ck_assert_ptr_ne(set, gm_event_word_set_of(lemma_words));
    static const char *const suffixes[] = {
        "", "s", "es", "d", "ed", "ing", "ies", "ied", "ss", "er", "e", NULL
    };
    static const char *const others[] = {
        "said", "told", "shot", "went", "gone", "struck", "stricken",
        "planned", "planning", "rallies", "rallied", "occupied", "firing",
        "patrolled", "hitting", "sai", "", "s", "ing", NULL
    };
    size_t yes = 0, checked = 0;
    for (const char *const *w = lemma_words; *w; w++) {
        size_t len = strlen(*w);
        /* the word, less up to two letters, with each suffix, and with
         * its last letter doubled */
        for (size_t cut = 0; cut <= 2 && cut < len; cut++)
            for (const char *const *x = suffixes; *x; x++)
                for (int twice = 0; twice < 2; twice++) {
                    char form[80];
                    snprintf(form, sizeof form, "%.*s%.*s%s",
                             (int)(len - cut), *w, twice,
                             *w + len - cut - 1, *x);
                    size_t fl = strlen(form);
                    bool want = lemma_listed(lemma_words, form, fl);
                    ck_assert_msg(gm_event_word_set_has(
                                      set, form, fl,
                                      gm_event_word_hash(form, fl)) == want,
                                  "\"%s\"", form);
                    yes += want;
                    checked++;
                }
    }
    for (const char *const *w = others; *w; w++) {
        size_t len = strlen(*w);
        ck_assert_msg(gm_event_word_set_has(set, *w, len,
                                            gm_event_word_hash(*w, len)) ==
                          lemma_listed(lemma_words, *w, len),
                      "\"%s\"", *w);
    }
    ck_assert_uint_gt(checked, 800);
    ck_assert_uint_gt(yes, 60);
}
END_TEST

/* ---- the stage ------------------------------------------------------ */

/* A NUL-terminated copy of text[0..len) in a static buffer. */
static const char *strndup_for_test(const char *text, size_t len)
{
    static char buf[256];
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    return buf;
}

static char *tmpdir;
static gm_gaz *gaz;
static gm_worker worker;

static void stage_setup(void)
{
    gm_test_engine_open(&tmpdir, &gaz, &worker);
}

static void stage_teardown(void)
{
    gm_test_engine_close(tmpdir, gaz, &worker);
}

/* The events of the text with options, each as "code trigger @place
 * (reason, precision)", joined by "|". */
static const char *events_of(const char *text, unsigned options)
{
    static char out[2048];
    gm_worker_run(&worker, text, strlen(text));
    gm_event_list list;
    gm_event_article(gaz, text, &worker.tokens, &worker.sentences,
                     &worker.spans, &worker.mentions, options, &worker.arena,
                     &list);
    out[0] = '\0';
    for (size_t i = 0; i < list.n; i++) {
        const gm_event *e = &list.v[i];
        gm_place p = { 0 };
        if (e->place != GM_EVENT_NO_PLACE)
            gm_gaz_place(gaz, e->place, &p);
        char one[256];
        snprintf(one, sizeof one, "%s%s %.*s @%s (%s, %s)", i ? "|" : "",
                 e->code, (int)e->trigger_len, text + e->trigger_off,
                 e->place != GM_EVENT_NO_PLACE ? p.name : "-",
                 gm_event_reason_name(e->reason),
                 gm_event_precision_name(e->precision));
        strncat(out, one, sizeof out - strlen(out) - 1);
    }
    return out;
}

static const struct {
    const char *text;
    const char *expected;
} placement_table[] = {
    /* a locative phrase governed by the trigger */
    { "Thousands protested in Yerevan on Tuesday.",
      "141 protested @Yerevan (locative, city)" },
    /* the trigger's object */
    { "Artillery shelled Stepanakert overnight.",
      "194 shelled @Xankandi (object, city)" },
    /* a region */
    { "A ceasefire took hold in Nagorno-Karabakh.",
      "0871 ceasefire @Nagorno-Karabakh (locative, region)" },
    /* "X, Y": the city, not its country */
    { "Troops shelled Stepanakert, Azerbaijan, at dawn.",
      "194 shelled @Xankandi (object, city)" },
    /* "X in Y": the city, not its country */
    { "Protesters marched in Baku in Azerbaijan.",
      "141 marched @Baku (locative, city)" },
    /* the subject of a passive trigger is where it happened */
    { "Stepanakert was heavily shelled overnight.",
      "194 shelled @Xankandi (object, city)" },
    { "Yerevan, which lies near the border, was shelled at dawn.",
      "194 shelled @Yerevan (object, city)" },
    /* the nearest mention of the clause when no phrase governs one */
    { "Shelling reached Stepanakert.", "194 Shelling @Xankandi (clause, city)" },
    /* the object of the verb whose subject the trigger is */
    { "Shelling hit Stepanakert.", "194 Shelling @Xankandi (object, city)" },
    { "Protesters marched in Yerevan on Tuesday, while shelling hit "
      "Stepanakert.",
      "141 marched @Yerevan (locative, city)|"
      "194 shelling @Xankandi (object, city)" },
    /* demonyms are not locations */
    { "Armenian troops attacked at dawn.", "190 attacked @Armenia (focus, "
                                            "country)" },
    /* the dateline when the sentence has no place */
    { "BAKU, Sept 20 - Police arrested twelve activists.",
      "173 arrested @Baku (dateline, city)" },
    /* the focus of the article */
    { "Armenia closed its border. Yerevan called it a provocation. Talks "
      "stalled.",
      "046 Talks @Armenia (focus, country)" },
    /* no place at all */
    { "Talks stalled.", "046 Talks @- (no location, )" },
    /* casualties join the violence of their sentence */
    { "Gunmen opened fire in Baku, killing 12 people.",
      "193 opened fire @Baku (locative, city)" },
    /* negated and hypothetical triggers make no event */
    { "Troops did not shell Stepanakert.", "" },
    { "Troops didn't attack Baku.", "" },
    { "No protest was held in Yerevan.", "" },
    { "The army could attack Baku.", "" },
    { "If talks fail, the army will attack Baku.", "" },
    /* words that mean no event here */
    { "Fuel prices shot up in Baku.", "" },
    { "The film was shot in Yerevan.", "" },
    { "She captured her first title in Paris.", "" },
    /* the noun its premodifiers lead to decides */
    { "She captured her seventh national figure skating title in Paris.",
      "" },
    { "He captured the IBF and WBO belts in Paris.", "" },
    /* a number word and a capitalised word lead on to the noun */
    { "The club captured a top four place in Paris.", "" },
    { "She captured Italy's first All-Europe junior crown in Paris.", "" },
    /* a golf score after "shot" */
    { "He shot a 4-under-par 68 on Friday in Paris.", "" },
    { "A hunter shot a 300-pound bear in Armenia.",
      "193 shot @Armenia (locative, country)" },
    { "Rebels captured the final rebel stronghold near Paris.",
      "192 captured @Paris (locative, city)" },
    { "The senate killed the bill in Paris.", "" },
    { "Gunmen shot two guards in Baku.", "193 shot @Baku (locative, city)" },
    { "Rebels threatened to shell Stepanakert.",
      "130 threatened @Xankandi (clause, city)" },
    /* premodifiers the word lists do not hold stay inside the phrase */
    { "Three guards were shot in tense southern Armenia on Monday.",
      "193 shot @Armenia (locative, country)" },
    { "A bomb exploded on a crowded Baku street.",
      "183 exploded @Baku (locative, city)" },
    { "Troops patrolled towns in central and northern Armenia.",
      "150 patrolled @Armenia (locative, country)" },
    /* "the Y suburb of X": X is the suburb, Y the city around it */
    { "Police arrested 20 people in the Dallas suburb of Springfield.",
      "173 arrested @Springfield (locative, city)" },
    /* an apposition renames the place noun that the phrase governs */
    { "Two guards were arrested near the capital, Baku.",
      "173 arrested @Baku (locative, city)" },
    { "Police arrested 20 people in Azerbaijan's largest city, Baku.",
      "173 arrested @Baku (locative, city)" },
    /* "X-led", "X-backed" name an actor, not a place */
    { "Two guards were killed in an Armenia-backed operation in Baku.",
      "190 killed @Baku (locative, city)" },
};

START_TEST(test_placement)
{
    ck_assert_str_eq(events_of(placement_table[_i].text, 0),
                     placement_table[_i].expected);
}
END_TEST

START_TEST(test_kept_flags)
{
    ck_assert_str_eq(events_of("Troops did not shell Stepanakert.",
                               GM_EVENT_KEEP_NEGATED),
                     "194 shell @Xankandi (object, city)");
    ck_assert_str_eq(events_of("The army could attack Baku.",
                               GM_EVENT_KEEP_HYPOTHETICAL),
                     "190 attack @Baku (object, city)");
    gm_event_list list;
    const char *text = "The army could attack Baku.";
    gm_worker_run(&worker, text, strlen(text));
    gm_event_article(gaz, text, &worker.tokens, &worker.sentences,
                     &worker.spans, &worker.mentions,
                     GM_EVENT_KEEP_HYPOTHETICAL, &worker.arena, &list);
    ck_assert_uint_eq(list.n, 1);
    ck_assert(list.v[0].flags & GM_EVENT_HYPOTHETICAL);
    ck_assert(!(list.v[0].flags & GM_EVENT_NEGATED));
}
END_TEST

START_TEST(test_reported_speech)
{
    const char *text = "Troops shelled Stepanakert, the defence ministry said.";
    gm_worker_run(&worker, text, strlen(text));
    ck_assert_uint_eq(worker.events.n, 1);
    const gm_event *e = &worker.events.v[0];
    ck_assert(e->flags & GM_EVENT_REPORTED);
    ck_assert_str_eq(strndup_for_test(text + e->source_off, e->source_len),
                     "the defence ministry");
    text = "According to witnesses, police arrested twelve people in Baku.";
    gm_worker_run(&worker, text, strlen(text));
    ck_assert_uint_eq(worker.events.n, 1);
    e = &worker.events.v[0];
    ck_assert(e->flags & GM_EVENT_REPORTED);
    ck_assert_str_eq(strndup_for_test(text + e->source_off, e->source_len),
                     "witnesses");
}
END_TEST

/* The fields of the events layer, for one event. */
START_TEST(test_event_fields)
{
    const char *text = "Thousands marched in Paris, Baku and Yerevan.";
    gm_worker_run(&worker, text, strlen(text));
    ck_assert_uint_eq(worker.events.n, 1);
    const gm_event *e = &worker.events.v[0];
    ck_assert_str_eq(e->code, "141");
    ck_assert_str_eq(e->root_code, "14");
    ck_assert_int_eq(e->quad_class, 4);
    ck_assert_str_eq(e->type, "demonstrate or rally");
    ck_assert_uint_eq(e->trigger_off, 10);
    ck_assert_uint_eq(e->trigger_len, 7);
    ck_assert_uint_eq(e->sentence_off, 0);
    ck_assert_uint_eq(e->sentence_len, strlen(text));
    ck_assert_uint_eq(e->n_locs, 3);
    ck_assert_uint_eq(e->locs[0].off, 21);
    ck_assert_uint_eq(e->locs[0].len, 5);
    ck_assert_uint_eq(e->locs[1].off, 28);
    ck_assert_uint_eq(e->locs[2].off, 37);
    ck_assert_int_ge(e->mention, 0);
    ck_assert_uint_eq(e->loc_off, 21);
    ck_assert_uint_eq(e->loc_len, 5);
    ck_assert_float_gt(e->confidence, 0.5f);
    ck_assert_float_le(e->confidence, 1.0f);
    ck_assert_int_eq(e->fatalities, GM_EVENT_FATALITIES_UNKNOWN);
    ck_assert_int_eq(e->when.kind, GM_WHEN_NONE);
}
END_TEST

/* The worker's run of text, and doc over what it found. */
static void doc_of(const char *text, gm_event_doc *doc)
{
    gm_worker_run(&worker, text, strlen(text));
    gm_event_doc_init(doc, gaz, text, &worker.tokens, &worker.sentences,
                      &worker.spans, &worker.mentions, &worker.arena);
}

/* The time expressions a sentence's triggers share (gm_event_when_scan,
 * gm_event_when_pick) give each trigger what its own scan gives, wherever
 * the trigger is, one that starts or holds an expression too; and the
 * events of a sentence of several triggers have the date and the dead
 * that gm_event_attach, which reads alone, gives each. */
START_TEST(test_shared_sentence)
{
    static const char *const texts[] = {
        "BAKU, Sept 20 - Troops shelled the town on Tuesday and police "
        "arrested 20 people yesterday, killing 5, two days ago.",
        "Rebels attacked the base last week, and on March 3 clashes killed "
        "12 people, and a day later, on Friday, 3 more died in March.",
        "Yesterday one, two and three were seen; 20 September, Monday, "
        "this week, last month, a week ago, ten days ago, 5 May.",
        "Troops shelled the town on Tuesday.",
        "Rebels attacked on 20 September 2023, a week ago.",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *text = texts[i];
        gm_event_doc doc;
        doc_of(text, &doc);
        for (uint32_t s = 0; s < worker.sentences.n; s++) {
            gm_event_when_list list;
            gm_event_when_scan(&doc, s, &list);
            const gm_sentence *sent = &worker.sentences.v[s];
            for (uint32_t tb = sent->tok_begin; tb < sent->tok_end; tb++)
                for (uint32_t te = tb + 1; te <= sent->tok_end && te <= tb + 4;
                     te++) {
                    gm_event_when alone, shared;
                    gm_event_when_find_in(&doc, s, tb, te, &alone);
                    gm_event_when_pick(&doc, &list, tb, te, &shared);
                    ck_assert_msg(memcmp(&alone, &shared, sizeof alone) == 0,
                                  "text %zu, tokens %u-%u", i, tb, te);
                }
        }
        gm_event_list list;
        gm_event_article(gaz, text, &worker.tokens, &worker.sentences,
                         &worker.spans, &worker.mentions, 0, &worker.arena,
                         &list);
        ck_assert_uint_ge(list.n, i < 2 ? 2 : 0);
        for (size_t e = 0; e < list.n; e++) {
            gm_event alone;
            ck_assert(gm_event_attach(gaz, text, &worker.tokens,
                                      &worker.sentences, &worker.spans,
                                      &worker.mentions, list.v[e].trigger_off,
                                      list.v[e].trigger_len, &worker.arena,
                                      &alone));
            ck_assert(memcmp(&alone.when, &list.v[e].when,
                             sizeof alone.when) == 0);
            ck_assert_int_eq(alone.fatalities, list.v[e].fatalities);
        }
    }
}
END_TEST

/* The placement the events of a sentence share (gm_event_place_in with
 * the sentence's memo) gives each trigger what gm_event_place, which reads
 * the sentence alone, gives it, wherever the trigger is: on a name, a
 * particle, a demonym or a place noun too, which change the candidates. */
START_TEST(test_shared_placement)
{
    static const char *const texts[] = {
        "Armenian troops shelled the town of Goris near Stepanakert, and "
        "rebels attacked Baku's al-Tall district, killing 5 in Yerevan, "
        "Stepanakert and Baku.",
        "The Azerbaijan-led coalition struck Yerevan on Monday while "
        "Armenian forces stormed the village of Bab al-Nasr, north of "
        "Baku.",
        "Police in Yerevan arrested two men at the Blue Lantern bar in Baku "
        "after clashes in Eastern Zangezur and Nagorno-Karabakh.",
        "Fighting in Baku: troops shot down a plane over Stepanakert, and "
        "Azerbaijan's army raided Yerevan, Armenia.",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *text = texts[i];
        gm_event_doc doc;
        doc_of(text, &doc);
        ck_assert_uint_ge(worker.mentions.n, 3);
        for (uint32_t s = 0; s < worker.sentences.n; s++) {
            gm_event_place_memo memo;
            memo.built = false;
            const gm_sentence *sent = &worker.sentences.v[s];
            for (uint32_t tb = sent->tok_begin; tb < sent->tok_end; tb++)
                for (uint32_t te = tb + 1; te <= sent->tok_end && te <= tb + 3;
                     te++) {
                    gm_event alone, shared;
                    memset(&alone, 0, sizeof alone);
                    memset(&shared, 0, sizeof shared);
                    gm_event_place(&doc, tb, te, &alone);
                    gm_event_place_in(&doc, s, &memo, tb, te, &shared);
                    ck_assert_msg(alone.place == shared.place &&
                                      alone.mention == shared.mention &&
                                      alone.loc_off == shared.loc_off &&
                                      alone.loc_len == shared.loc_len &&
                                      alone.precision == shared.precision &&
                                      alone.reason == shared.reason &&
                                      alone.confidence == shared.confidence &&
                                      alone.n_locs == shared.n_locs,
                                  "text %zu, tokens %u-%u", i, tb, te);
                    for (uint32_t l = 0; l < alone.n_locs; l++)
                        ck_assert_msg(memcmp(&alone.locs[l], &shared.locs[l],
                                             sizeof alone.locs[l]) == 0,
                                      "text %zu, tokens %u-%u, span %u", i,
                                      tb, te, l);
                }
        }
    }
}
END_TEST

/* The mentions of a sentence's tokens, set for that sentence alone
 * (gm_event_doc_sentence), are those a fill of every token in the order
 * of the mentions gives: a name of several tokens, one in a longer one. */
START_TEST(test_sentence_mentions)
{
    static const char *const texts[] = {
        "Troops shelled Stepanakert. Protesters marched in Nagorno-Karabakh "
        "and Baku, Azerbaijan. Yerevan was calm.",
        "BAKU, Sept 20 - Armenian troops attacked Stepanakert and Yerevan.",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *text = texts[i];
        gm_event_doc doc;
        doc_of(text, &doc);
        ck_assert_uint_ge(worker.mentions.n, 3);
        ck_assert_uint_ge(worker.sentences.n, i == 0 ? 3 : 1);
        size_t n = worker.tokens.n;
        int32_t *want = calloc(n, sizeof *want);
        for (size_t k = 0; k < n; k++)
            want[k] = -1;
        for (size_t m = 0; m < worker.mentions.n; m++) {
            const gm_span *sp = &worker.spans.v[worker.mentions.v[m].span];
            for (uint32_t k = sp->tok_begin; k < sp->tok_end && k < n; k++)
                want[k] = (int32_t)m;
        }
        /* the last sentence first: each is set on its own */
        for (uint32_t s = worker.sentences.n; s-- > 0;) {
            gm_event_doc_sentence(&doc, s);
            const gm_sentence *sent = &worker.sentences.v[s];
            for (uint32_t k = sent->tok_begin; k < sent->tok_end; k++)
                ck_assert_msg(doc.tok_mention[k] == want[k],
                              "text %zu, token %u: %d, not %d", i, k,
                              doc.tok_mention[k], want[k]);
        }
        free(want);
    }
}
END_TEST

/* A trigger the lexicon does not know still gets its place. */
START_TEST(test_attach_given_span)
{
    const char *text = "Aid workers arrived in Yerevan yesterday.";
    gm_worker_run(&worker, text, strlen(text));
    ck_assert_uint_eq(worker.events.n, 0);
    gm_event e;
    const char *trigger = strstr(text, "arrived");
    ck_assert(gm_event_attach(gaz, text, &worker.tokens, &worker.sentences,
                              &worker.spans, &worker.mentions,
                              (uint32_t)(trigger - text), 7, &worker.arena,
                              &e));
    ck_assert_str_eq(e.code, "");
    ck_assert_uint_eq(e.n_locs, 1);
    ck_assert_uint_eq(e.locs[0].off, (uint32_t)(strstr(text, "Yerevan") -
                                                text));
    ck_assert_int_eq(e.reason, GM_WHERE_LOCATIVE);
    ck_assert_int_eq(e.when.kind, GM_WHEN_DAYS_AGO);
    ck_assert_int_eq(e.when.value, 1);
    /* a name the gazetteer does not hold, in a place slot: the span is
     * the village, the place the city that contains it */
    text = "Fighters captured the village of Kafr Nabl near Baku.";
    gm_worker_run(&worker, text, strlen(text));
    trigger = strstr(text, "captured");
    ck_assert(gm_event_attach(gaz, text, &worker.tokens, &worker.sentences,
                              &worker.spans, &worker.mentions,
                              (uint32_t)(trigger - text), 8, &worker.arena,
                              &e));
    ck_assert_uint_eq(e.n_locs, 1);
    ck_assert_str_eq(strndup_for_test(text + e.locs[0].off, e.locs[0].len),
                     "Kafr Nabl");
    ck_assert_uint_eq(e.locs[0].place, GM_EVENT_NO_PLACE);
    gm_place p;
    gm_gaz_place(gaz, e.place, &p);
    ck_assert_str_eq(p.name, "Baku");
    /* "the Y suburb of X" with X unknown: the span is the suburb, the
     * place the city the phrase names */
    text = "Gunmen shot two guards in the Baku suburb of Mardakan.";
    gm_worker_run(&worker, text, strlen(text));
    trigger = strstr(text, "shot");
    ck_assert(gm_event_attach(gaz, text, &worker.tokens, &worker.sentences,
                              &worker.spans, &worker.mentions,
                              (uint32_t)(trigger - text), 4, &worker.arena,
                              &e));
    ck_assert_uint_eq(e.n_locs, 1);
    ck_assert_str_eq(strndup_for_test(text + e.locs[0].off, e.locs[0].len),
                     "Mardakan");
    ck_assert_uint_eq(e.locs[0].place, GM_EVENT_NO_PLACE);
    gm_gaz_place(gaz, e.place, &p);
    ck_assert_str_eq(p.name, "Baku");
    /* an unknown name after "against" is whom a protest opposes */
    text = "Students marched against Sarkisian.";
    gm_worker_run(&worker, text, strlen(text));
    trigger = strstr(text, "marched");
    ck_assert(gm_event_attach(gaz, text, &worker.tokens, &worker.sentences,
                              &worker.spans, &worker.mentions,
                              (uint32_t)(trigger - text), 7, &worker.arena,
                              &e));
    ck_assert_uint_eq(e.n_locs, 0);
    ck_assert_int_eq(e.reason, GM_WHERE_NONE);
    /* a business's name is no place */
    text = "Gunmen walked into the Blue Lantern bar in Baku.";
    gm_worker_run(&worker, text, strlen(text));
    trigger = strstr(text, "walked");
    ck_assert(gm_event_attach(gaz, text, &worker.tokens, &worker.sentences,
                              &worker.spans, &worker.mentions,
                              (uint32_t)(trigger - text), 6, &worker.arena,
                              &e));
    ck_assert_uint_eq(e.n_locs, 1);
    ck_assert_str_eq(strndup_for_test(text + e.locs[0].off, e.locs[0].len),
                     "Baku");
    /* a trigger that means no event there is left unplaced */
    text = "Fuel prices shot up in Baku.";
    gm_worker_run(&worker, text, strlen(text));
    ck_assert(gm_event_attach(gaz, text, &worker.tokens, &worker.sentences,
                              &worker.spans, &worker.mentions,
                              (uint32_t)(strstr(text, "shot") - text), 4,
                              &worker.arena, &e));
    ck_assert(e.flags & GM_EVENT_OTHER_SENSE);
    ck_assert_uint_eq(e.n_locs, 0);
    ck_assert_int_eq(e.reason, GM_WHERE_NONE);
    ck_assert_uint_eq(e.place, GM_EVENT_NO_PLACE);
    /* a span over no word */
    ck_assert(!gm_event_attach(gaz, text, &worker.tokens, &worker.sentences,
                               &worker.spans, &worker.mentions, 0, 0,
                               &worker.arena, &e));
}
END_TEST

/* The location spans a given trigger gets, joined by "|" ("" for none). */
static const char *locs_of(const char *text, const char *trigger)
{
    static char out[512];
    gm_worker_run(&worker, text, strlen(text));
    const char *at = strstr(text, trigger);
    ck_assert_ptr_nonnull(at);
    gm_event e;
    ck_assert(gm_event_attach(gaz, text, &worker.tokens, &worker.sentences,
                              &worker.spans, &worker.mentions,
                              (uint32_t)(at - text), (uint32_t)strlen(trigger),
                              &worker.arena, &e));
    out[0] = '\0';
    for (uint32_t i = 0; i < e.n_locs; i++) {
        char one[128];
        snprintf(one, sizeof one, "%s%.*s", i ? "|" : "", (int)e.locs[i].len,
                 text + e.locs[i].off);
        strncat(out, one, sizeof out - strlen(out) - 1);
    }
    return out;
}

static const struct {
    const char *text;
    const char *trigger;
    const char *expected;
} attach_table[] = {
    /* a participle clause's own place comes before the clause's */
    { "Rebels launched an assault in the city of Yerevan on Sunday, "
      "targeting the army posts near Talbiseh.", "targeting", "Talbiseh" },
    { "Rebels launched an assault in Armenia on Sunday, killing 12.",
      "killing", "Armenia" },
    /* a possessive whose apostrophe the text lost */
    { "Hundreds were killed in Armenia s civil war.", "killed", "" },
    { "Gunmen shot two guards in Azerbaijan s capital, Baku.", "shot",
      "Baku" },
    /* "X's war" says where a state of things is; "X's history" does not */
    { "Hundreds were killed in Armenia's civil war.", "killed", "" },
    { "Twelve were shot in the worst attack in Armenia's history.", "shot",
      "Armenia" },
    /* a country before a strike or an actor's noun names who acts */
    { "Two guards were killed in a United States airstrike.", "killed",
      "" },
    { "Gunmen attacked Armenia ground troops near Yerevan.", "attacked",
      "Yerevan" },
    /* a name before a person's noun qualifies the trigger's object, the
     * person: no place */
    { "Gunmen killed a United States adviser on Sunday.", "killed", "" },
    { "Troops captured the Yerevan commander of the militia.", "captured",
      "" },
    { "Gunmen shot the Yerevan mayor near Baku.", "shot", "Baku" },
    /* "X Local Government Area" names a division, not a government; in
     * "Y, a village in X" it contains Y */
    { "Gunmen stormed Dzoraghbyur Local Government Area on Sunday.",
      "stormed", "Dzoraghbyur Local Government Area" },
    { "Karmir, a village in Dzoraghbyur Local Government Area, was "
      "attacked on Sunday.", "attacked", "Karmir" },
    { "Gunmen attacked Karmir, a community near Yerevan.", "attacked",
      "Karmir" },
    /* "shot down X": a particle before the object, no locative */
    { "Rebels shot down an Ararat Express jet.", "shot", "" },
    { "Rebels shot down a plane over Yerevan.", "shot", "Yerevan" },
    { "Pickets marched down Ararat Avenue.", "marched", "Ararat Avenue" },
    /* armed groups' names are no places */
    { "Jets struck Jaysh Al-Fateh near Yerevan.", "struck", "Yerevan" },
    /* the object of a verb that takes places ("stormed X"), but not of
     * one that takes persons ("captured X") */
    { "Troops stormed Talbiseh at dawn.", "stormed", "Talbiseh" },
    { "Police captured Sarkisian at dawn.", "captured", "" },
    /* the place of another predicate: "but", "and" before an auxiliary */
    { "One gunman was captured by police and is being treated in Yerevan.",
      "captured", "" },
    { "Police stopped one boat offshore, but another landed near Baku.",
      "stopped", "" },
    /* the commas around a name in apposition separate nothing */
    { "Police arrested her cousin, Ara Petrosyan, and two more students "
      "on Sunday during a search of the dormitories in the city of "
      "Yerevan.", "arrested", "Yerevan" },
    /* who holds a place, without a hyphen: "the X army controlled Y" */
    { "Rebels opened an offensive in Armenia on Sunday, targeting the "
      "Armenian Army (AA) controlled Dzoraghbyur District.", "targeting",
      "Dzoraghbyur District" },
    { "Rebels opened an offensive in Armenia on Sunday, targeting the "
      "Armenian government held Dzoraghbyur District.", "targeting",
      "Dzoraghbyur District" },
    /* a building in a place slot is where, after a town near it */
    { "Guards patrolled the Ararat Hotel all night.", "patrolled",
      "Ararat Hotel" },
    { "Pickets gathered at the Ararat Hotel in Yerevan.", "gathered",
      "Yerevan" },
    { "Pickets gathered inside Yerevan's Ararat hotel.", "gathered",
      "Yerevan" },
};

START_TEST(test_attach_table)
{
    ck_assert_str_eq(locs_of(attach_table[_i].text, attach_table[_i].trigger),
                     attach_table[_i].expected);
}
END_TEST

/* ---- attachment rules: names, lists and slots ----------------------- */

/* Each row: a sentence, its trigger, the location spans expected. */
static const struct {
    const char *text;
    const char *trigger;
    const char *expected;
} attach_rules_table[] = {
    /* names glued by a hyphen are one name, even when the gazetteer
     * knows a part of it */
    { "A bomb exploded in Hope-Springfield, a small town, on Sunday.",
      "exploded", "Hope-Springfield" },
    /* two names with nothing between them are one */
    { "Two men were shot in Karmir Kyiv City on Monday.", "shot",
      "Karmir Kyiv City" },
    /* a lower-case letter after an apostrophe ends a name ("Sana'a"), no
     * abbreviation as in "U.S." */
    { "Rebels shelled the village of Bira\u2019a on Monday.", "shelled",
      "Bira\u2019a" },
    /* "from" after a noun says where it came from or who held it, not
     * where the event was; after the trigger it does */
    { "Troops captured the hills from Armenia in 1992.", "captured", "" },
    { "Gunmen shot two fishermen from Armenia.", "shot", "" },
    { "Pickets marched from Yerevan to the border.", "marched", "Yerevan" },
    /* the bare object of a verb whose object is a person as often gives
     * way to a locative: the name is likely the person */
    { "Police captured Springfield on Monday in a suburb of Yerevan.",
      "captured", "Yerevan" },
    { "Rebels captured Springfield on Monday.", "captured", "Springfield" },
    /* after "against", a name that is not in a locative is what the
     * event opposes; a locative there still says where */
    { "Students protested against an attack on Armenia.", "protested", "" },
    { "Students protested against the plan in Yerevan.", "protested",
      "Yerevan" },
    /* a name before a title names an office, not a place */
    { "Lori County Commissioner Ann Smith said two people were killed.",
      "killed", "" },
    /* a verb of saying is not where what it reports happened, but its
     * own locative says where it was said */
    { "Police said the rebels were planning bombings in Yerevan.", "said",
      "" },
    { "The minister said at a news conference in Yerevan that two men "
      "were arrested.", "said", "Yerevan" },
    /* a relative clause about a person says where the person was; one
     * about the event says where it was */
    { "Ann Smith, who grew up in Yerevan, was arrested on Monday.",
      "arrested", "" },
    { "Ann Smith, who was a teacher in the town of Gyumri, was killed.",
      "killed", "" },
    { "The attack, which took place in Yerevan, killed two men.", "killed",
      "Yerevan" },
    /* "here" after the trigger is where the article was written: a name
     * past it is elsewhere, unless "here in X" names that place */
    { "Hundreds of students demonstrated here on Monday against policies "
      "in Armenia.", "demonstrated", "" },
    { "Hundreds of students demonstrated here in Yerevan on Monday.",
      "demonstrated", "Yerevan" },
    /* a clause with no comma before "who" qualifies the persons too,
     * and the landmark after a place in it is in it */
    { "Many students, including those who had settled in Gyumri, marched "
      "outside the court.", "marched", "" },
    { "Many students, including those who had settled in Vanadzor, north "
      "of Yerevan, marched outside the court.", "marched", "" },
    /* "X's four-year civil war": a number word glued to what it counts
     * is part of the war's phrase */
    { "Many were killed in Armenia's four-year civil war.", "killed", "" },
    /* a name inside the subject of a passive trigger names where the
     * thing befallen is: its owner, the noun it modifies */
    { "Armenia's mountain roads are patrolled by convoys.", "patrolled",
      "Armenia" },
    { "The Yerevan office of Brightwater, which opened last year, was "
      "raided on Monday.", "raided", "Yerevan" },
    /* the subject in apposition, after a dash, or a share of it, with a
     * long parenthesis before the verb */
    { "The capital, Yerevan, is patrolled by troops.", "patrolled",
      "Yerevan" },
    { "1920 - Yerevan is captured by the army.", "captured", "Yerevan" },
    { "Much of Springfield, a small town on the river in the north of the "
      "state near the border, was destroyed.", "destroyed", "Springfield" },
    /* a hyphenated premodifier of what befell a place: "X-infested",
     * "war-torn" */
    { "A bomb attack on a market in bandit-infested eastern Armenia killed "
      "9 people.", "killed", "Armenia" },
    /* a known place before a building's noun is the town it stands in,
     * which loses nothing for the building */
    { "A man drove a truck into a Yerevan cafe full of soldiers on Monday, "
      "killing 8 people.", "killing", "Yerevan" },
    /* the object of another verb where a blow fell: "struck X, killing" */
    { "Two rockets struck the western town of Springfield, killing 4 "
      "people.", "killing", "Springfield" },
    /* "inside of X": the locative, not "of" */
    { "Rebels launched an assault on the army posts inside of Springfield, "
      "killing 3 soldiers.", "killing", "Springfield" },
    /* a known place before a building's noun after "of": the locative
     * of the noun before "of" governs it */
    { "A judge was shot and killed early on Monday on the steps of his "
      "Yerevan home.", "shot", "Yerevan" },
    /* an adverb before a premodifier: "on heavily damaged X" */
    { "On heavily damaged Springfield, police were patrolling on Monday.",
      "patrolling", "Springfield" },
    /* a hyphen chain goes on past its lower-case particles, to the
     * capitalised word that ends it */
    { "A bus crashed in Yerevan-de-la-Rive on Sunday.", "crashed",
      "Yerevan-de-la-Rive" },
    /* ", a" or ", an" after a name opens an apposition that says what
     * it is, not the next name of a list */
    { "Two men were shot in Springfield, a community in Yerevan, on "
      "Monday.", "shot", "Springfield" },
    /* a name after a comma that a verb or an adverb follows is the
     * subject of what comes next, not the next name of a list */
    { "A guard was shot in Yerevan, Sarkisian said.", "shot", "Yerevan" },
    /* a name the same governor governs as the place it follows is in
     * its list ("X and Y were encircled": both the trigger's) */
    { "Yerevan and Halden were completely encircled on Sunday.",
      "encircled", "Yerevan|Halden" },
    /* going left from "the town of Y", its own phrase first: the name
     * before it is in its list */
    { "Pickets marched from Yerevan and the Georgian town of Springfield.",
      "marched", "Yerevan|Springfield" },
    /* "X village, Y county": a name before a lower-case division noun
     * says where the place before it lies */
    { "Two men were shot in Halden village, Springfield county, on "
      "Monday.", "shot", "Halden" },
    /* "in another Y suburb, X": the name before the settlement noun
     * that X renames contains X, as in "the Y suburb of X" */
    { "In another Yerevan suburb, Halden, police patrolled overnight.",
      "patrolled", "Halden" },
    /* going left past the place's own preposition, a name is in its list
     * only under a preposition of the same kind */
    { "Gunmen shot a guard outside his shop, Blue Lantern, in Yerevan.",
      "shot", "Yerevan" },
    { "Troops pulled out of Armenia, and into Georgia, where fighting "
      "flared.", "flared", "Georgia" },
    /* a name after a demonym goes on from it: a place when it ends in a
     * word for a kind of place, else no place of its own */
    { "Rebels shelled the Armenian Hills on Monday.", "shelled",
      "Armenian Hills" },
    { "Pickets marched at the Armenian Open on Sunday.", "marched", "" },
    /* a lone word of organisations' names, a faith or a people, or for a
     * kind of place or building, is no place name */
    { "Gunmen bombed a Sufi shrine just outside Yerevan.", "bombed",
      "Yerevan" },
    { "Workers marched near the Center on Monday.", "marched", "" },
    { "Police will patrol Yerevan and Olympic venues.", "patrol",
      "Yerevan" },
    /* a name after "against" is whom the event opposes, known or not */
    { "Thousands protested against Armenia on Sunday.", "protested", "" },
    /* a run spelt out before its initials names a thing or a body; a
     * plural acronym a thing */
    { "Two were wounded in a Rocket Propelled Grenade (RPG) attack.",
      "wounded", "" },
    { "Two soldiers were wounded near IEDs on the road.", "wounded", "" },
    /* a known name inside such a run is part of the body's name; an
     * all-capital word gives all its letters */
    { "Rebels shelled the offices of the UN Mission in Armenia (UNMA) on "
      "Monday.", "shelled", "" },
    /* a country's name before "$" is a currency */
    { "Two guards were killed and about US $5,000 was burned in the raid.",
      "killed", "" },
    /* "Y's Point": a name, its "'s" and a headland make one name */
    { "A bomb exploded near Rowan's Point on Sunday.", "exploded",
      "Rowan's Point" },
    /* "X said": who speaks, no place, nor one of a list */
    { "A guard was shot in Yerevan, Springfield said on Monday.",
      "shot", "Yerevan" },
    /* "north of X in Y": X only says where Y lies */
    { "Two guards were killed in raids north of Yerevan in "
      "Gyumri and Vanadzor.", "killed", "Gyumri|Vanadzor" },
    /* "the Y state of X" where Y holds X: Y is the container, whatever
     * the noun */
    { "Police captured two men in the midwestern United States state of "
      "Missouri on Monday.", "captured", "Missouri" },
    /* "X village of Y District": a settlement noun before a division's
     * name, which contains X */
    { "Two men were shot in Halden village of Lori District on Monday.",
      "shot", "Halden" },
    /* "X local government area in Y": the division's noun is passed
     * over, as a lower-case place noun is, so Y contains X */
    { "Raiders shot five farmers in three villages of Kelso local government "
      "area in Lori State soon after they opened fire.", "opened",
      "Kelso" },
    /* "captured the village of X": the article opens X's phrase, so
     * the walk left stops at the verb before it */
    { "Rebels attacked army posts in Armenia and later captured the "
      "village of Halden.", "attacked", "Armenia" },
    /* "at the perimeter of X": a part of X, under the locative before it */
    { "According to a source at the base in Yerevan, troops liberated the "
      "farms at the northern perimeter of Kelso.", "liberated", "Kelso" },
    /* "X refugee camp near Y": a noun before the place noun is passed
     * over, so Y only says where X lies */
    { "Two men were shot at the Springfield refugee camp near the town of "
      "Yerevan.", "shot", "Springfield" },
    /* "the entrance to X" says where, as "close to X" does */
    { "In Yerevan, a guard was shot at the entrance to Springfield.", "shot",
      "Springfield" },
    /* "X, 40 km east of Y": the direction's landmark only says where X
     * lies (X, a bare name four commas away, is too far to be chosen) */
    { "Springfield, 40 km east of the capital, Yerevan, two guards were "
      "shot.", "shot", "" },
    /* "went in to X": "into" written as two words */
    { "After a raid in Armenia, soldiers went in to the town of Springfield.",
      "went", "Springfield" },
    /* "to capture X" after the trigger: what the trigger aims at */
    { "After a raid in Armenia, rebels launched an assault on Sunday to "
      "capture the town of Springfield.", "launched", "Springfield" },
    /* "marched towards X": a place right after the trigger's "to" */
    { "In Yerevan, troops marched towards the town of Springfield.",
      "marched", "Springfield" },
    /* an apposition that says who a person is (", an officer ... in
     * X,") says where the person was, like a relative clause */
    { "Ann Smith, 44, an officer with a unit in Yerevan, was shot during an "
      "ambush north of Springfield.", "shot", "Springfield" },
    /* an unknown name that owns a part of a place ("X's outskirts") is
     * a place */
    { "In Armenia, rebels launched an assault at Kelso's eastern "
      "outskirts.", "launched", "Kelso" },
    /* "down" after "shot" is a particle, after any verb, not only the
     * trigger */
    { "A missile shot down the Kelso Express over Armenia, killing "
      "200 people.", "killing", "Armenia" },
    /* "the northern province X": a division noun names the place right
     * after it, as "the capital X" does */
    { "A bomb exploded at a bus stop in Armenia's troubled northern "
      "province Tavush.", "exploded", "Tavush" },
    /* "X in Y in Z": Z, too, only says where X lies */
    { "Gunmen killed 11 people during a raid on the town of Springfield in "
      "Lori District in Armenia, forcing residents to flee.", "flee",
      "Springfield" },
    /* "the Y states of X": X, a country, is the place; Y names their
     * group */
    { "Troops occupied the two Sevan states of Armenia and Georgia.",
      "occupied", "Armenia|Georgia" },
    /* "near the X Power Plant in Y": a large facility is a place of its
     * own, which Y contains; a business is not ("the X bar in Y": Y) */
    { "A bomb exploded near the Kelso Power Plant in Springfield.",
      "exploded", "Kelso Power Plant" },
    { "A bomb exploded near the Kelso Bar in Springfield.", "exploded",
      "Springfield" },
    /* the object of any verb when a large facility: "captured the X
     * Power Plant" */
    { "Rebels captured the Karvin Power Plant on Monday.", "captured",
      "Karvin Power Plant" },
    /* "two villages known as X and Y", "a village called X": the place
     * noun names them */
    { "Rebels captured two villages known as Kelso and Brindle.",
      "captured", "Kelso|Brindle" },
    /* the object of a verb of taking before "from" and its holder is
     * territory ("captured X from the rebels"), not a person taken from
     * where they hid */
    { "Troops captured Kelso and Brindle from the rebels.", "captured",
      "Kelso|Brindle" },
    { "Police captured Brindle from a house on Monday.", "captured", "" },
    /* "shot up" before an object is shooting ("prices shot up" is not) */
    { "Soldiers shot up a reporter's van in Baku.", "shot", "Baku" },
    /* "X, which lies near Y": Y only says where X lies */
    { "In Kelso, which lies near Yerevan, two guards were shot.", "shot",
      "Kelso" },
    /* "the strategic hilltop of X": a word for a height is a place noun */
    { "Rebels attempted to capture the strategic hilltop of Kelso near the "
      "village of Halden in northern Armenia.", "capture", "Kelso" },
    /* "his Kyiv-29": a known name glued to a number by a hyphen is a
     * model's designation, no place */
    { "Rebels executed a pilot after downing his Kyiv-29 in the Lori "
      "region.", "executed", "Lori" },
    /* "the Battle of X" names an event, not a place */
    { "Two officers were killed in the Battle of Springfield.", "killed",
      "Springfield" },
    /* a participle clause with no place of its own takes the clause
     * before's without a loss; one with its own place keeps it */
    { "Rebels launched fresh attacks on Yerevan for the fifth day in a "
      "row, killing 18 civilians.", "killing", "Yerevan" },
    { "Rebels launched fresh attacks on Yerevan for the fifth day in a "
      "row, killing 18 civilians in Springfield.", "killing", "Springfield" },
    /* a locative that opens the sentence, closed by a comma, sets the
     * scene for all of it: the commas after it cost nothing */
    { "In old Yerevan, where police have guarded the market for ten days "
      "to stop looters, a guard was shot and wounded.", "shot",
      "Yerevan" },
    { "On Monday in Yerevan, a bomber killed 12 people, among them three "
      "nurses, two drivers, and a student, as he detonated a vest on a "
      "bus.", "detonated", "Yerevan" },
    /* "and" before an auxiliary opens another predicate after the
     * trigger; before it, one that shares its subject and its place */
    { "The camp in Yerevan, which lies near the river and was raided by "
      "police in 2010, held 14 men.", "raided", "Yerevan" },
    /* "X airport", "X airbase": a place noun after the name */
    { "Armed police patrolled the terminals of Halden airport on Monday.",
      "patrolled", "Halden" },
    /* "captured all of X": a share of the trigger's object, which is a
     * place whatever the verb */
    { "Rebels captured all of Halden on Monday.", "captured", "Halden" },
    /* "a day after the attacks on X": another event's place, which only
     * dates this one; "killed after an attack in X": the attack killed */
    { "Police arrested two men a day after the bombings in Yerevan.",
      "arrested", "" },
    { "Two guards died after a bomb attack in Yerevan.", "died",
      "Yerevan" },
    /* a clause that opens the sentence with "after", "as"... and a comma
     * closes is another event, which only dates this one; "as a result
     * of" opens no clause */
    { "Six weeks after a bomb went off in Yerevan, police arrested two men.",
      "arrested", "" },
    { "As shells fell on Yerevan, the rebels regrouped and marched south.",
      "marched", "" },
    { "As a result of the fighting in Yerevan, the rebels marched south.",
      "marched", "Yerevan" },
    /* a participle clause after a name is the person's, as a relative
     * clause is; after a thing's noun it says where the thing was */
    { "Ann Smith, arrested in Yerevan in May, was convicted on Monday.",
      "convicted", "" },
    { "A car, parked on a road in Yerevan, exploded on Monday.",
      "exploded", "Yerevan" },
    /* a clause opened by "that" after the trigger is what it shows or
     * reports; "that" before a lower-case word is a determiner */
    { "The raid demonstrated that Yerevan was unsafe.", "demonstrated", "" },
    { "Rebels shelled that part of Yerevan on Monday.", "shelled",
      "Yerevan" },
    /* a verb of taking someone elsewhere after the trigger has its own
     * place, a later event's */
    { "Two men were captured and sent to a labour camp on the "
      "outskirts of Yerevan.", "captured", "" },
    { "Ten were killed and two taken captive in Yerevan.", "killed",
      "Yerevan" },
    { "Police captured the suspect and escorted him to a jail in Yerevan.",
      "captured", "" },
    /* "and" before another verb in the past, past the trigger's object,
     * opens a predicate with its own place; a verb of the same raid
     * shares the trigger's */
    { "Rebels captured a village on Monday and battled government troops "
      "near Yerevan.",
      "captured", "" },
    { "Gunmen killed five men and torched homes in Yerevan.", "killed",
      "Yerevan" },
    /* a verb of judging an event: past three words after it, the judged
     * event's place */
    { "The minister condemned the bombing carried out on Monday in "
      "Yerevan.", "condemned", "" },
    /* ", while" before no participle opens a clause of its own */
    { "Police patrolled on Monday, while many stayed at home in Yerevan.",
      "patrolled", "" },
    /* a comma sets off a phrase more often than it ends a clause: a
     * locative past three of them can still say where */
    { "Police shot a teacher, a nurse and a driver, on Monday night, "
      "outside a school in Yerevan.", "shot", "Yerevan" },
    /* a region names where only loosely: far from the trigger, a town
     * still places the event, a region no longer */
    { "Gunmen shot two young police officers at the main gate of a large "
      "oil depot near the road in Yerevan.", "shot", "Yerevan" },
    { "Gunmen shot two young police officers at the main gate of a large "
      "oil depot near the road in Artsakh.", "shot", "" },
    /* a verb of destroying is, like "struck", where a blow fell: its
     * object places the participle after it */
    { "A fire destroyed a crowded Yerevan bakery on Monday, killing 6 "
      "people.", "killing", "Yerevan" },
    /* "between" after a place noun in a locative says where, as the
     * locative does; alone it names parties as often */
    { "Two fishermen were seized on Monday in the waters between Armenia "
      "and Georgia.", "seized", "Armenia|Georgia" },
    { "Two fishermen were seized on Monday in a dispute between Armenia "
      "and Georgia.", "seized", "" },
    /* "the village" a few words after the trigger takes up the
     * settlement the sentence named before, past what contains it */
    { "Ten people from Springfield, a village in Lori Province, died when "
      "gunmen stormed the village on Monday.", "stormed", "Springfield" },
    { "Ten people from Armenia died when gunmen stormed the village on "
      "Monday.", "stormed", "" },
    /* an owner no candidate holds (a body, a person) is passed over as a
     * lower-case one is: the locative before it governs the place */
    { "Two guards were killed late on Monday night in a brief armed "
      "attack at the Mercy Corps's Springfield camp.", "killed",
      "Springfield" },
    /* a participle that says where ("surrounding", "overlooking") is a
     * locative */
    { "Police arrested two men on Monday night on the farms surrounding "
      "Springfield.", "arrested", "Springfield" },
    /* "by" after a verb of going past says beside, not who; after a
     * passive it is the agent */
    { "A bomb exploded on Monday when a police convoy passed by "
      "Springfield.", "exploded", "Springfield" },
    { "Crowds marched after the plan was passed by Springfield.",
      "marched", "" },
    /* a faith or a people before a name qualifies it: the name starts
     * after it */
    { "A bomb exploded on Monday in the mostly Druze Kerrowby district.",
      "exploded", "Kerrowby" },
    /* an unknown name that only qualifies the trigger's object is a
     * firm's: the locative after the object says where */
    { "Rebels bombed a Kora-Lin factory in the remote southern hill state "
      "of Kordelin.", "bombed", "Kordelin" },
    /* a run that calls itself a district or a city is the place; the
     * name after its "of" only contains it */
    { "Rebels fired shells towards the Kerrowby District of Yerevan City, "
      "killing 4.", "killing", "Kerrowby District" },
    /* a direction with no distance before it names the side of a place
     * near enough to place the event; with a distance it is elsewhere */
    { "The army pressed its drive in the countryside of Yerevan on "
      "Friday, targeting rebel posts south of Kerrowby.", "targeting",
      "Kerrowby" },
    /* "X, east of Y" without a distance: Y only says where X lies */
    { "A guard at the mill in Kerrowby, east of Yerevan, was shot at "
      "dawn.", "shot", "Kerrowby" },
    /* "in Y inside his X flat": the name that qualifies a home or a
     * building is inside Y, which only says where it lies */
    { "Police found a trader stabbed in Yerevan inside his Kerrowby flat.",
      "stabbed", "Kerrowby" },
    /* a short quoted aside between the trigger and its object is passed
     * over */
    { "Jets bombed \"in error\" the village of Kerrowby and later the "
      "army shelled the town of Springfield.", "bombed", "Kerrowby" },
    /* "X's capital" with no name after it: the city in X the sentence
     * names elsewhere */
    { "A bomb exploded in Armenia's capital on Monday, and police later "
      "sealed off the old centre of Yerevan.", "exploded", "Yerevan" },
    /* a road's name as the trigger's object: the locative right after
     * it says where along it */
    { "Troops patrolled the Kerrowby Road in the village of Springfield.",
      "patrolled", "Springfield" },
    /* "X's eastern outskirts" lifts X as "the eastern outskirts of X"
     * does */
    { "Rebels used the truce in the city of Yerevan to mass units around "
      "Springfield's outskirts.", "mass", "Springfield" },
    /* an unknown name before a building's lower-case noun is named for a
     * person or a body: the noun is part of its name, and the building
     * goes on a list of places */
    { "Rebels shelled the Hollowmere teaching hospital on Monday.",
      "shelled", "Hollowmere teaching hospital" },
    { "Rebels shelled the villages of Springfield, Lori and the "
      "Thistlebrook school on Monday.", "shelled",
      "Springfield|Lori|Thistlebrook school" },
    /* "X in Y province and Z": the locative only says where X lies, and
     * the list goes on past it */
    { "Rebels shelled the villages of Hollowmere (twice) in Armenia and "
      "Quillon in Georgia on Monday.", "shelled", "Hollowmere|Quillon" },
    { "Rebels shelled the villages of Hollowmere in Lori Province and "
      "Quillon on Monday.", "shelled", "Hollowmere|Quillon" },
    /* a relative clause after a name is about it: what it lists is no
     * part of the name's list */
    { "Jets struck the Hollowmere Plains that border the city and "
      "Yerevan on Monday.", "struck", "Hollowmere Plains" },
    /* a name after the trigger, ", and" and before an auxiliary is the
     * subject of a clause of its own, no part of the list */
    { "Two men were arrested during the unrest in Yerevan, and Lori is "
      "calm again.", "arrested", "Yerevan" },
    /* "X, Y and Z, W": the "and" closed the list */
    { "With troops patrolling the towns of Springfield, Hollowmere and "
      "Quillon, the Armenia-Georgia accord seemed void.", "patrolling",
      "Springfield|Hollowmere|Quillon" },
    /* "X, Y" where X contains Y: Y is the place in apposition to its
     * container, and a name the gazetteer does not hold no member */
    { "Rebels seized the biggest city of Armenia, Yerevan, on Monday.",
      "seized", "Yerevan" },
    { "Even if the talks fail in Armenia, Hollowmere could still be "
      "arrested.", "arrested", "Armenia" },
    /* a building's town after it only says where it stands: the list
     * goes on past it */
    { "Rebels shelled the villages of Springfield, the Hollowmere hospital "
      "in the town of Lori, the Quillon school and a farm.", "shelled",
      "Springfield|Hollowmere hospital|Quillon school" },
    /* a plural type after the last of a list is the list's */
    { "Gunmen raided farms in the Hollowmere and Quillon Districts on "
      "Monday.", "raided", "Hollowmere|Quillon" },
    /* "X, Y, Z" with no "and", Z holding Y: an address, no list */
    { "Troops clashed with rebels at Mount Hollowmere, Yerevan, Armenia, "
      "on Monday.", "clashed", "Mount Hollowmere" },
    { "Troops clashed with rebels near Mount Hollowmere, Springfield, "
      "Illinois, on Monday.", "clashed", "Mount Hollowmere" },
    /* "the villages near X, including Y and Z": the places the noun
     * counts; after no place noun, persons as often */
    { "Fighting erupted in four villages near Yerevan, including Gyumri "
      "and Lori.", "erupted", "Yerevan|Gyumri|Lori" },
    { "Fighting erupted in the battle for Yerevan, including Gyumri and "
      "Lori.", "erupted", "Yerevan" },
    /* an ayin's mark glued before a name does not end a list */
    { "Jets struck positions at Hollowmere, Lori, \u2018Gyumri and "
      "Yerevan.", "struck", "Hollowmere|Lori|Gyumri|Yerevan" },
    /* "X, and Y's districts of Z": Y only holds what follows, and the
     * list goes on past it */
    { "Rebels shelled the villages of Hollowmere and Quillon, and "
      "Yerevan's districts of Dunmarrow on Monday.", "shelled",
      "Hollowmere|Quillon|Dunmarrow" },
    /* "and the districts of Y, Z": a new head after the "and" opens a
     * list of its own */
    { "Rebels shelled the villages of Hollowmere and Quillon, and the "
      "districts of Dunmarrow, Vanholt, Brackenfold and Thistlebrook.",
      "shelled", "Hollowmere|Quillon|Dunmarrow|Vanholt|Brackenfold|"
      "Thistlebrook" },
    /* "Y, the wife of Z": an apposition that says who Y is makes Y a
     * person, no member of a list */
    { "In the city of Yerevan, Anna Hollowmere, the wife of a jailed "
      "leader, marched with 200 people.", "marched", "Yerevan" },
    /* ", a" opens an apposition right after a name, not after a
     * parenthesis that closes a list's member */
    { "Rebels shelled the villages of Hollowmere (twice), a Quillon "
      "school on Monday.", "shelled", "Hollowmere|Quillon school" },
    { "Rebels shelled Hollowmere, a village near Quillon and Dunmarrow.",
      "shelled", "Hollowmere" },
    /* the comma of a date ("March 3, 1998") sets off no phrase */
    { "A reporter was shot dead on March 3, 1998 while he read his weekly "
      "news on a small Yerevan radio station.", "shot", "Yerevan" },
    /* ", and" before a verb in the past shares the subject before: no
     * clause of its own */
    { "The blast went off just west of the town of Springfield, 30 km "
      "out of the capital, and then wounded two guards.", "wounded",
      "Springfield" },
    /* "the siege of X", "the fall of X": a fight for a place names one */
    { "The rebels withdrew after the siege of Kovarra.",
      "withdrew", "Kovarra" },
    /* a faith before a place qualifies it as an adjective does */
    { "A man detonated a bomb in the hills of Christian Artsakh.",
      "detonated", "Artsakh" },
    /* the commas around a noun phrase in apposition set off nothing */
    { "The thief was caught late at night by one of the waiters, an "
      "off-duty guard, outside a small bar on the main square of Yerevan.",
      "caught", "Yerevan" },
    /* "hometown" is a place noun: "his hometown of X" names X a place */
    { "Troops captured two men near the rebel leader's hometown of "
      "Kovarra.", "captured", "Kovarra" },
    /* "a road leading to X" says where, as "close to X" does */
    { "A guard was shot at dawn on a narrow track leading to Kovarra.",
      "shot", "Kovarra" },
    /* "the south of X" is a part of X, not a landmark outside it */
    { "Police patrolled, on Monday and on Tuesday, a network of dusty "
      "roads in the east and west of Armenia.", "patrolled", "Armenia" },
};

START_TEST(test_attach_rules)
{
    ck_assert_str_eq(locs_of(attach_rules_table[_i].text,
                             attach_rules_table[_i].trigger),
                     attach_rules_table[_i].expected);
}
END_TEST

/* ---- the dead ------------------------------------------------------- */

static const struct {
    const char *text;
    int expected;
} fatality_table[] = {
    { "Gunmen opened fire on a bus, killing 12 people.", 12 },
    { "At least 5 people were killed in clashes.", 5 },
    { "Three soldiers were killed in the ambush.", 3 },
    { "The bombing killed twenty-five people.", 25 },
    { "Dozens died when artillery shelled the town.", 12 },
    { "Hundreds were killed in the air strikes.", 100 },
    { "Close to 100 people were killed in the attack.", 100 },
    { "More than 1,200 people were killed in the massacre.", 1200 },
    /* the lowest report wins */
    { "Police said 12 were killed in the attack; residents said 20 were "
      "killed.", 12 },
    { "In 2004, 5 people were killed in the blast.", 5 },
    { "The attack killed 5 and wounded 12.", 5 },
    { "Twelve were wounded and 5 killed in the attack.", 5 },
    { "The death toll from the shelling rose to 31.", 31 },
    { "No one was killed in the attack.", 0 },
    { "Troops shelled the town.", GM_EVENT_FATALITIES_UNKNOWN },
    /* a protest has no count of dead */
    { "Two hours later, 300 people protested.", GM_EVENT_FATALITIES_UNKNOWN },
};

START_TEST(test_fatalities)
{
    const char *text = fatality_table[_i].text;
    gm_worker_run(&worker, text, strlen(text));
    ck_assert_uint_ge(worker.events.n, 1);
    ck_assert_int_eq(worker.events.v[0].fatalities,
                     fatality_table[_i].expected);
}
END_TEST

/* ---- dates ---------------------------------------------------------- */

static const struct {
    const char *text;          /* the trigger is "attacked" */
    const char *article_date;
    const char *expected;
    gm_event_date_precision precision;
} date_table[] = {
    /* 2023-09-20 was a Wednesday */
    { "Rebels attacked the post.", "2023-09-20", "2023-09-20",
      GM_DATE_ARTICLE },
    { "Rebels attacked the post yesterday.", "2023-09-20T08:00:00Z",
      "2023-09-19", GM_DATE_DAY },
    { "Rebels attacked the post on Tuesday.", "2023-09-20", "2023-09-19",
      GM_DATE_DAY },
    { "On Wednesday rebels attacked the post.", "2023-09-20", "2023-09-20",
      GM_DATE_DAY },
    { "Rebels attacked the post on Thursday.", "2023-09-20", "2023-09-14",
      GM_DATE_DAY },
    { "Rebels attacked the post on Sept. 12.", "2023-09-20", "2023-09-12",
      GM_DATE_DAY },
    { "Rebels attacked the post on 30 December.", "2024-01-02",
      "2023-12-30", GM_DATE_DAY },
    { "Rebels attacked the post on March 3, 2021.", NULL, "2021-03-03",
      GM_DATE_DAY },
    { "Rebels attacked the post two days ago.", "2024-03-01", "2024-02-28",
      GM_DATE_DAY },
    { "Rebels attacked the post last week.", "2023-09-20", "2023-09-13",
      GM_DATE_WEEK },
    { "Rebels attacked the post last month.", "2023-01-10", "2022-12-15",
      GM_DATE_MONTH },
    { "Rebels attacked the post in October.", "2023-09-20", "2022-10-15",
      GM_DATE_MONTH },
    /* no article date: no date */
    { "Rebels attacked the post yesterday.", NULL, "", GM_DATE_NONE },
    { "Rebels attacked the post.", "September 2023", "", GM_DATE_NONE },
};

START_TEST(test_dates)
{
    const char *text = date_table[_i].text;
    gm_worker_run(&worker, text, strlen(text));
    ck_assert_uint_eq(worker.events.n, 1);
    char date[11];
    gm_event_date_precision precision =
        gm_event_date(&worker.events.v[0].when, date_table[_i].article_date,
                      date);
    ck_assert_str_eq(date, date_table[_i].expected);
    ck_assert_int_eq(precision, date_table[_i].precision);
}
END_TEST

START_TEST(test_names)
{
    ck_assert_str_eq(gm_event_reason_name(GM_WHERE_NONE), "no location");
    ck_assert_str_eq(gm_event_reason_name(GM_WHERE_DATELINE), "dateline");
    ck_assert_str_eq(gm_event_precision_name(GM_PREC_ADMIN2), "admin2");
    ck_assert_str_eq(gm_event_precision_name(GM_PREC_NONE), "");
    ck_assert_str_eq(gm_event_date_precision_name(GM_DATE_WEEK), "week");
    ck_assert_str_eq(gm_event_date_precision_name(GM_DATE_NONE), "");
}
END_TEST

/* ---- acceptance: a conflict report ---------------------------------- */

/* examples/articles/conflict-report.txt, dated 2023-09-20: a ceasefire in
 * a region, a town shelled with its dead, a protest in a capital, and a
 * footer of share buttons and navigation whose headlines name other
 * cities. */
START_TEST(test_conflict_report)
{
    char path[8300];
    snprintf(path, sizeof path, "%s/examples/articles/conflict-report.txt",
             GM_TEST_SOURCE_DIR);
    size_t len;
    char *text = gm_test_read_file(path, &len);
    ck_assert_ptr_nonnull(text);
    gm_worker_run(&worker, text, len);
    char got[4096] = "";
    for (size_t i = 0; i < worker.events.n; i++) {
        const gm_event *e = &worker.events.v[i];
        gm_place p = { 0 };
        if (e->place != GM_EVENT_NO_PLACE)
            gm_gaz_place(gaz, e->place, &p);
        char date[11];
        gm_event_date_precision dp = gm_event_date(&e->when, "2023-09-20",
                                                   date);
        char one[512];
        snprintf(one, sizeof one, "%s %.*s @%s (%s, %s) %s %s dead %d\n",
                 e->code, (int)e->trigger_len, text + e->trigger_off,
                 e->place != GM_EVENT_NO_PLACE ? p.name : "-",
                 gm_event_reason_name(e->reason),
                 gm_event_precision_name(e->precision), date,
                 gm_event_date_precision_name(dp), e->fatalities);
        strncat(got, one, sizeof got - strlen(got) - 1);
        /* every event has a place or says why it has none */
        ck_assert(e->place != GM_EVENT_NO_PLACE || e->reason == GM_WHERE_NONE);
        /* nothing from the footer */
        ck_assert_msg(e->trigger_off < (uint32_t)(strstr(text, "Share this") -
                                                  text),
                      "an event from the footer: %s", one);
    }
    ck_assert_str_eq(got,
                     "0871 agreed to a ceasefire @Nagorno-Karabakh (locative, "
                     "region) 2023-09-19 day dead -1\n"
                     "194 shelled @Xankandi (object, city) 2023-09-20 article "
                     "dead 5\n"
                     "141 took to the streets @Yerevan (locative, city) "
                     "2023-09-20 day dead -1\n");
    free(text);
}
END_TEST

static void lexicon_teardown(void)
{
    gm_tok_list_free(&toks);
    gm_sent_list_free(&sents);
}

/* Regression: placing each event rescans its sentence, so a "sentence" of
 * 100 KB full of triggers took minutes; such runs are no prose and give no
 * events now (the suite's timeout catches a return of the slowness). */
/* The focus: the most mentioned country, the first named on a tie, whether
 * the mentions are few (counted in a list) or many (counted in a sorted
 * copy, past 32 mentions). */
START_TEST(test_focus_ties)
{
    ck_assert_str_eq(events_of("Armenia and Azerbaijan met. Talks stalled.", 0),
                     "046 Talks @Armenia (focus, country)");
    ck_assert_str_eq(events_of("Azerbaijan and Armenia met. Talks stalled.", 0),
                     "046 Talks @Azerbaijan (focus, country)");
    ck_assert_str_eq(
        events_of("Azerbaijan and Armenia met. Yerevan and Armenia met. "
                  "Talks stalled.", 0),
        "046 Talks @Armenia (focus, country)");
    char text[2048] = "";
    for (int i = 0; i < 20; i++)
        strcat(text, "Azerbaijan and Armenia met. ");
    strcat(text, "Talks stalled.");
    ck_assert_str_eq(events_of(text, 0), "046 Talks @Azerbaijan (focus, "
                                         "country)");
    strcat(text, " Yerevan met.");
    ck_assert_str_eq(events_of(text, 0), "046 Talks @Armenia (focus, "
                                         "country)");
}
END_TEST

START_TEST(test_endless_sentence)
{
    const char *unit = "the talks went on and on ";
    size_t n = 4000, len = strlen(unit);
    char *text = malloc(n * len + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * len, unit, len);
    text[n * len] = '\0';
    gm_worker_run(&worker, text, n * len);
    ck_assert_uint_eq(worker.sentences.n, 1);
    ck_assert_uint_eq(worker.events.n, 0);
    free(text);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("events");
    TCase *lex = tcase_create("lexicon");
    tcase_add_unchecked_fixture(lex, NULL, lexicon_teardown);
    tcase_add_loop_test(lex, test_triggers, 0,
                        sizeof trigger_table / sizeof trigger_table[0]);
    tcase_add_loop_test(lex, test_lex_next, 0,
                        sizeof trigger_table / sizeof trigger_table[0]);
    tcase_add_test(lex, test_lemmas);
    tcase_add_test(lex, test_lemma_initials);
    tcase_add_test(lex, test_table_sorted_and_coded);
    tcase_add_test(lex, test_codes);
    tcase_add_test(lex, test_index_against_rows);
    tcase_add_test(lex, test_rows_as_text);
    tcase_add_test(lex, test_word_sets);
    tcase_add_test(lex, test_word_handles);
    tcase_add_test(lex, test_lemma_sets);
    suite_add_tcase(s, lex);

    TCase *stage = tcase_create("stage");
    tcase_add_unchecked_fixture(stage, stage_setup, stage_teardown);
    tcase_add_loop_test(stage, test_placement, 0,
                        sizeof placement_table / sizeof placement_table[0]);
    tcase_add_test(stage, test_kept_flags);
    tcase_add_test(stage, test_reported_speech);
    tcase_add_test(stage, test_event_fields);
    tcase_add_test(stage, test_attach_given_span);
    tcase_add_test(stage, test_shared_sentence);
    tcase_add_test(stage, test_shared_placement);
    tcase_add_test(stage, test_sentence_mentions);
    tcase_add_loop_test(stage, test_attach_table, 0,
                        sizeof attach_table / sizeof attach_table[0]);
    tcase_add_loop_test(stage, test_fatalities, 0,
                        sizeof fatality_table / sizeof fatality_table[0]);
    tcase_add_loop_test(stage, test_dates, 0,
                        sizeof date_table / sizeof date_table[0]);
    tcase_add_test(stage, test_names);
    tcase_add_test(stage, test_conflict_report);
    tcase_add_test(stage, test_focus_ties);
    tcase_add_test(stage, test_endless_sentence);
    suite_add_tcase(s, stage);

    TCase *rules = tcase_create("attach_rules");
    tcase_add_unchecked_fixture(rules, stage_setup, stage_teardown);
    tcase_add_loop_test(rules, test_attach_rules, 0,
                        sizeof attach_rules_table / sizeof *attach_rules_table);
    suite_add_tcase(s, rules);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
