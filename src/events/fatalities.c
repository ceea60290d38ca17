/* How many died: the numbers of dead stated in the trigger's sentence,
 * with ACLED's rules for vague amounts ("tens" 10, "dozens" 12, "scores"
 * 20, "hundreds" 100, "thousands" 1000) and for differing reports (the
 * lowest wins). Qualifiers are read as the number they qualify: "at
 * least 5" is 5, "close to 100" and "more than 100" are 100. "No one was
 * killed" is 0; no number at all is GM_EVENT_FATALITIES_UNKNOWN. Also
 * the number reader that when.c shares. */
#include "events/internal.h"

#include <string.h>

/* Words between a number and the word of death: "5 people were killed",
 * "12 Syrian soldiers died". */
#define NOUN_WORDS 5
/* Words between a verb of killing and its number: "killing at least 18". */
#define QUALIFIER_WORDS 3
/* Words between "toll" and its number: "the toll from the shelling rose
 * to 31". */
#define TOLL_WORDS 7

/* Numbers written as words, and their values. */
static const char *const number_words[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "dozen", NULL
};
static const int number_values[] = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
    30, 40, 50, 60, 70, 80, 90, 12
};
_Static_assert(sizeof number_values / sizeof number_values[0] ==
                   sizeof number_words / sizeof number_words[0] - 1,
               "a value for every number word");

/* ACLED's values for vague amounts. */
static const char *const vague_words[] = {
    "tens", "dozens", "scores", "hundreds", "thousands", NULL
};
static const int vague_values[] = { 10, 12, 20, 100, 1000 };
_Static_assert(sizeof vague_values / sizeof vague_values[0] ==
                   sizeof vague_words / sizeof vague_words[0] - 1,
               "a value for every vague amount");

/* The value of the word at k in words (values alongside), or -1. Most
 * words are in no list: one probe of its hashed set says so. The sentence
 * of every event is read again for its date and its dead, so the answer is
 * kept in memo (the doc's, every other entry from the list's first). */
static int listed_value(const gm_event_doc *doc, uint32_t k,
                        const char *const *words, const int *values,
                        int16_t *memo)
{
    if (k >= doc->toks->n)
        return -1;
    int16_t *slot = &memo[2 * (size_t)k];
    if (*slot)
        return *slot - 2;
    int value = -1;
    if (gm_event_word_in(doc, k, words))
        for (size_t i = 0; words[i]; i++)
            if (gm_event_word_is(doc, k, words[i])) {
                value = values[i];
                break;
            }
    *slot = (int16_t)(value + 2);
    return value;
}

static int word_value(const gm_event_doc *doc, uint32_t k)
{
    return listed_value(doc, k, number_words, number_values, doc->memo);
}

int gm_event_number_word(const gm_event_doc *doc, uint32_t k)
{
    return word_value(doc, k);
}

static int64_t digits(const gm_event_doc *doc, uint32_t k)
{
    const gm_token *t = &doc->toks->v[k];
    if (t->kind != GM_TOK_NUMBER || t->fold_len > 12)
        return -1;
    const char *f = gm_tok_folded(doc->toks, k);
    int64_t v = 0;
    for (uint32_t i = 0; i < t->fold_len; i++) {
        if (f[i] < '0' || f[i] > '9')
            return -1;
        v = v * 10 + (f[i] - '0');
    }
    return v;
}

/* Right after token k, without white space. */
static bool glued(const gm_event_doc *doc, uint32_t k)
{
    return k < doc->toks->n && !(doc->toks->v[k].flags & GM_TOKF_SPACE_BEFORE);
}

int64_t gm_event_number(const gm_event_doc *doc, uint32_t k, uint32_t limit,
                        uint32_t *end)
{
    if (k >= limit)
        return -1;
    int64_t v = digits(doc, k);
    if (v >= 0) {
        uint32_t e = k + 1;
        /* "1,200", "12,000,000" */
        while (e + 1 < limit && gm_event_punct_is(doc, e, ',') &&
               glued(doc, e) && glued(doc, e + 1) &&
               doc->toks->v[e + 1].kind == GM_TOK_NUMBER &&
               doc->toks->v[e + 1].fold_len == 3) {
            v = v * 1000 + digits(doc, e + 1);
            e += 2;
        }
        /* "1.5 million" */
        double scaled = (double)v;
        if (e + 1 < limit && gm_event_punct_is(doc, e, '.') && glued(doc, e) &&
            glued(doc, e + 1) && doc->toks->v[e + 1].kind == GM_TOK_NUMBER &&
            (gm_event_word_is(doc, e + 2, "million") ||
             gm_event_word_is(doc, e + 2, "thousand"))) {
            int64_t frac = digits(doc, e + 1);
            double div = 1;
            for (uint32_t i = 0; i < doc->toks->v[e + 1].fold_len; i++)
                div *= 10;
            scaled = (double)v + (double)frac / div;
            e += 2;
        }
        if (gm_event_word_is(doc, e, "million")) {
            v = (int64_t)(scaled * 1e6);
            e++;
        } else if (gm_event_word_is(doc, e, "thousand")) {
            v = (int64_t)(scaled * 1e3);
            e++;
        }
        *end = e;
        return v;
    }
    uint32_t e = k;
    bool article = gm_event_word_is(doc, k, "a") ||
                   gm_event_word_is(doc, k, "an");
    if (article)
        e++;
    int w = word_value(doc, e);
    if (w < 0) {
        /* "a hundred", "a thousand" */
        if (article && gm_event_word_is(doc, e, "hundred")) {
            *end = e + 1;
            return 100;
        }
        if (article && gm_event_word_is(doc, e, "thousand")) {
            *end = e + 1;
            return 1000;
        }
        return -1;
    }
    if (article && w != 12)
        return -1;
    v = w;
    e++;
    /* "twenty-five" */
    if (w >= 20 && w % 10 == 0 && e + 1 < limit &&
        gm_event_punct_is(doc, e, '-')) {
        int unit = word_value(doc, e + 1);
        if (unit >= 1 && unit <= 9) {
            v += unit;
            e += 2;
        }
    }
    if (gm_event_word_is(doc, e, "hundred")) {
        v *= 100;
        e++;
    } else if (gm_event_word_is(doc, e, "thousand")) {
        v *= 1000;
        e++;
    }
    *end = e;
    return v;
}

static int vague_value(const gm_event_doc *doc, uint32_t k)
{
    return listed_value(doc, k, vague_words, vague_values, doc->memo + 1);
}

/* A number of people at k: a number, a vague amount ("dozens of"), with
 * the token after it. */
static int64_t amount(const gm_event_doc *doc, uint32_t k, uint32_t limit,
                      uint32_t *end)
{
    int64_t v = gm_event_number(doc, k, limit, end);
    if (v >= 0) {
        /* a year or a time is no count of dead */
        if (*end < limit && (gm_event_word_is(doc, *end, "am") ||
                             gm_event_word_is(doc, *end, "pm") ||
                             gm_event_punct_is(doc, *end, ':') ||
                             gm_event_punct_is(doc, *end, '%')))
            return -1;
        return v;
    }
    int vv = vague_value(doc, k);
    if (vv < 0)
        return -1;
    *end = k + 1;
    if (gm_event_word_is(doc, *end, "of"))
        (*end)++;
    return vv;
}

static const char *const death_words[] = {
    "killed", "dead", "died", "slain", "murdered", "massacred", "executed",
    "perished", "deaths", "fatalities", "bodies", "lives", NULL
};

static const char *const killing_verbs[] = {
    "killed", "killing", "kills", "kill", "claimed", "claiming", "left",
    "leaving", "massacred", "executed", "murdered", NULL
};

/* What stops the words after a number: another count's words. */
static const char *const count_stops[] = {
    "wounded", "injured", "hurt", "missing", "arrested", "detained",
    "and", "or", "but", "captured", "kidnapped", "abducted", "displaced",
    NULL
};

static const char *const qualifiers[] = {
    "at", "least", "more", "than", "over", "nearly", "almost", "close",
    "to", "about", "around", "some", "up", "as", "many", "roughly",
    "approximately", "another", "the", "lives", "of", "a", "total", "estimated",
    "an", NULL
};

static bool death_phrase_after(const gm_event_doc *doc, uint32_t k,
                               uint32_t limit)
{
    /* the lists' sets asked for once, not for each word */
    const gm_event_word_set *death_set = gm_event_word_set_of(death_words);
    const gm_event_word_set *stop_set = gm_event_word_set_of(count_stops);
    for (uint32_t n = 0; k < limit && n < NOUN_WORDS + 3; k++) {
        const gm_token *t = &doc->toks->v[k];
        if (t->kind == GM_TOK_PUNCT) {
            if (!gm_event_punct_is(doc, k, '-'))
                return false;
            continue;
        }
        if (gm_event_word_in_set(doc, k, death_set, death_words))
            return true;
        /* another count, or another count's words */
        if (gm_event_word_in_set(doc, k, stop_set, count_stops) ||
            t->kind == GM_TOK_NUMBER || word_value(doc, k) >= 0)
            return false;
        n++;
    }
    return false;
}

/* The words a count of the dead or its cue starts with, besides digits:
 * number_words, vague_words, killing_verbs, the articles of "a dozen", "a
 * hundred", "no" and "nobody" of nobody_died, and "toll". The loop of
 * gm_event_fatalities_find reads no other word, so one probe spares it the
 * others (debug builds check that it reads nothing there). */
static const char *const count_starters[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "dozen",
    "tens", "dozens", "scores", "hundreds", "thousands",
    "killed", "killing", "kills", "kill", "claimed", "claiming", "left",
    "leaving", "massacred", "executed", "murdered",
    "a", "an", "no", "nobody", "toll", NULL
};

static bool may_start_count(const gm_event_doc *doc, uint32_t k,
                            const gm_event_word_set *starter_set)
{
    const gm_token *t = &doc->toks->v[k];
    if (t->kind == GM_TOK_NUMBER)
        return true;
    return t->kind == GM_TOK_WORD &&
           gm_event_word_in_set(doc, k, starter_set, count_starters);
}

/* "no one was killed", "no casualties", "nobody died" */
static bool nobody_died(const gm_event_doc *doc, uint32_t k, uint32_t limit)
{
    bool no = gm_event_word_is(doc, k, "no");
    if (gm_event_word_is(doc, k, "nobody") ||
        (no && gm_event_word_is(doc, k + 1, "one")))
        return death_phrase_after(doc, k + (no ? 2 : 1), limit);
    return no && (gm_event_word_is(doc, k + 1, "casualties") ||
                  gm_event_word_is(doc, k + 1, "deaths") ||
                  gm_event_word_is(doc, k + 1, "fatalities"));
}

int32_t gm_event_fatalities_find(const gm_event_doc *doc, uint32_t s)
{
    gm_event_doc_memo(doc, s);
    const gm_sentence *sent = &doc->sents->v[s];
    uint32_t b = sent->tok_begin, e = sent->tok_end;
    int64_t best = -1;
    bool none = false;
    const gm_event_word_set *starter_set = gm_event_word_set_of(count_starters);
    for (uint32_t k = b; k < e; k++) {
        uint32_t end;
        if (!may_start_count(doc, k, starter_set)) {
            assert(!nobody_died(doc, k, e) && amount(doc, k, e, &end) < 0 &&
                   !gm_event_word_in(doc, k, killing_verbs) &&
                   !gm_event_word_is(doc, k, "toll"));
            continue;
        }
        if (nobody_died(doc, k, e))
            none = true;
        int64_t v = -1;
        /* "5 people were killed", "dozens dead", "a death toll of 12";
         * not "no one was killed" */
        int64_t n = k > b && gm_event_word_is(doc, k - 1, "no")
                        ? -1
                        : amount(doc, k, e, &end);
        if (n >= 0 && death_phrase_after(doc, end, e))
            v = n;
        uint32_t number_end = n >= 0 ? end : k + 1;
        /* "killed 12", "killing at least 18 people", "left 5 dead" */
        if (v < 0 && gm_event_word_in(doc, k, killing_verbs)) {
            uint32_t q = k + 1;
            for (int skipped = 0; q < e && skipped < QUALIFIER_WORDS &&
                                  gm_event_word_in(doc, q, qualifiers);
                 skipped++)
                q++;
            n = amount(doc, q, e, &end);
            bool left = gm_event_word_is(doc, k, "left") ||
                        gm_event_word_is(doc, k, "leaving") ||
                        gm_event_word_is(doc, k, "claimed") ||
                        gm_event_word_is(doc, k, "claiming");
            /* "left 5 dead", "claimed 12 lives": the death word must
             * follow */
            if (n >= 0 && (!left || death_phrase_after(doc, end, e)))
                v = n;
        }
        /* "the death toll rose to 12" */
        if (v < 0 && gm_event_word_is(doc, k, "toll")) {
            uint32_t q = k + 1;
            for (int skipped = 0; q < e && skipped < TOLL_WORDS &&
                                  amount(doc, q, e, &end) < 0;
                 skipped++)
                q++;
            n = amount(doc, q, e, &end);
            if (n >= 0)
                v = n;
        }
        if (v >= 0 && v < INT32_MAX && (best < 0 || v < best))
            best = v;
        /* "1,200": not "200" again */
        k = number_end - 1;
    }
    if (best >= 0)
        return (int32_t)best;
    return none ? 0 : GM_EVENT_FATALITIES_UNKNOWN;
}
