/* Spotter: longest match over token sequences, and the cues that keep
 * words that only look like places out. Runs on the mini gazetteer. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/worker.h"
#include "harness.h"
#include "spot/cues.h"

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

/* The surfaces of the spans of text, joined by "|". */
static const char *spans_of(const char *text)
{
    static char out[1024];
    gm_worker_run(&worker, text, strlen(text));
    out[0] = '\0';
    for (size_t i = 0; i < worker.spans.n; i++) {
        const gm_span *s = &worker.spans.v[i];
        if (i)
            strcat(out, "|");
        strncat(out, text + s->off, s->len);
    }
    return out;
}

static const struct {
    const char *text;
    const char *spans;
} spot_table[] = {
    /* longest match first */
    { "Crowds gathered in New York City on Monday.", "New York City" },
    { "The New York City Council met.", "New York City" },
    /* hyphen and space spellings of one name */
    { "Talks on Nagorno-Karabakh resumed.", "Nagorno-Karabakh" },
    /* the closing period belongs to the abbreviation */
    { "He joined the U.S. Army in 1990.", "U.S." },
    /* names spelled in capitals need capitals in the text */
    { "Let us go. Us too.", "" },
    { "Sanctions by the US and the USA.", "US|USA" },
    /* lower-case words are never places */
    { "Such nice weather for reading in may.", "" },
    /* common words need a cue: a locative, or a following division */
    { "Reading is fun.", "" },
    { "She moved to Reading last year.", "Reading" },
    { "He lives in Nice, France.", "Nice|France" },
    /* months and weekdays */
    { "On May 5 the vote was held.", "" },
    /* a title makes it a person */
    { "Mr. Paris said the plan works.", "" },
    /* "Win money trading on Amazon": a company, not the town */
    { "Win money trading on Amazon", "" },
    /* closed-class words and titles are not names ("At" is also Ath) */
    { "At least three died.", "" },
    { "Officer Smith arrived.", "" },
    /* a capitalised word right before a one-word name: a person */
    { "David Baker arrived late.", "" },
    /* ... unless the line is a Title Case headline */
    { "Floods Hit Baker On Monday Night", "Baker" },
    /* ... but not a word capitalised only because it starts the sentence */
    { "Former Baker residents returned.", "Baker" },
    /* ... and countries and divisions keep their reading */
    { "The Movement for United Georgia met.", "Georgia" },
    { "Former US envoys met. US aid grew.", "US|US" },
    /* a verb of saying after a one-word city: a person */
    { "Baker said the road was closed.", "" },
    { "Snow fell in Baker overnight.", "Baker" },
    /* ... unless a locative puts it, or it is a capital */
    { "Officials in Baker said the road was closed.", "Baker" },
    { "Baku said the talks would resume.", "Baku" },
    /* ... but divisions and countries do "say" things */
    { "Texas said it would appeal.", "Texas" },
    /* a name the article gives a person is a person wherever it stands */
    { "David Baker spoke. Later, Baker left town.", "" },
    /* given names need a locative or a division after them */
    { "Linda arrived at noon.", "" },
    { "She moved to Linda in May.", "Linda" },
    /* a short word in capitals is an acronym, unless it is a dateline */
    { "KBR shares fell in KBR deals.", "" },
    { "BAKU, Sept. 20 - Talks resumed.", "BAKU" },
    /* a weekday before a comma is still a date; a word for a kind of
     * place alone is no name */
    { "In May, Baku hosted talks.", "Baku" },
    { "The Center opened in Baku.", "Baku" },
    /* an abbreviation of a division takes its period, not a sentence end */
    { "He lives in Springfield, Ill. Sanctions hit the USA.", "Springfield|Ill.|USA" },
    /* a small place's name alone needs a locative or a division */
    { "Hope remains for the talks.", "" },
    { "She grew up in Hope and left.", "Hope" },
    /* exonyms and other scripts */
    { "Shelling hit Stepanakert and Степанакерт.", "Stepanakert|Степанакерт" },
    /* possessive: the apostrophe ends the name */
    { "Kiev's mayor spoke.", "Kiev" },
    /* demonyms are spans too */
    { "An American and an Armenian met.", "American|Armenian" },
};

START_TEST(test_spans)
{
    ck_assert_str_eq(spans_of(spot_table[_i].text), spot_table[_i].spans);
}
END_TEST

START_TEST(test_span_flags)
{
    const char *text = "She moved to Reading. Reading, Texas is not real.";
    gm_worker_run(&worker, text, strlen(text));
    ck_assert_uint_eq(worker.spans.n, 3);
    ck_assert(worker.spans.v[0].flags & GM_SPAN_LOCATIVE);
    ck_assert(worker.spans.v[0].flags & GM_SPAN_COMMON);
    ck_assert(worker.spans.v[1].flags & GM_SPAN_SENT_START);
    ck_assert(worker.spans.v[1].flags & GM_SPAN_COMMA_AFTER);
}
END_TEST

START_TEST(test_long_run_of_names_is_linear)
{
    /* 200,000 x "New " : every token starts a prefix; the spotter must stop
     * at the first token that continues no name. */
    size_t n = 200000;
    char *text = malloc(n * 4 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * 4, "New ", 4);
    text[n * 4] = '\0';
    gm_worker_run(&worker, text, n * 4);
    ck_assert_uint_eq(worker.tokens.n, n);
    ck_assert_uint_eq(worker.spans.n, 0);
    free(text);
}
END_TEST

/* Everything the spotter gave for the last run of w: each span's place in
 * the text, flags and candidates. */
static char *spot_signature(const gm_worker *w)
{
    size_t cap = 64, n = 0;
    for (size_t i = 0; i < w->spans.n; i++)
        cap += 64 + 24 * (size_t)w->spans.v[i].n_hits;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    out[0] = '\0';
    for (size_t i = 0; i < w->spans.n; i++) {
        const gm_span *s = &w->spans.v[i];
        n += (size_t)sprintf(out + n, "%u+%u/%u/%u:", s->off, s->len,
                             s->flags, s->n_hits);
        for (uint32_t h = 0; h < s->n_hits; h++)
            n += (size_t)sprintf(out + n, "%u.%u,", s->hits[h].place,
                                 (unsigned)s->hits[h].flags);
        out[n++] = ';';
        out[n] = '\0';
    }
    return out;
}

/* The spotter's cache keeps lookups from article to article: no result
 * may depend on what it holds. Each row spotted by a fresh worker equals
 * the row spotted after every other row (forwards and backwards, so that
 * names spelled in capitals and not, and keys of one and more words, meet
 * entries left by other articles), and by workers that share one cache as
 * the pool's threads lend theirs. */
START_TEST(test_cache_changes_no_result)
{
    size_t rows = sizeof spot_table / sizeof spot_table[0];
    char **cold = calloc(rows, sizeof *cold);
    ck_assert_ptr_nonnull(cold);
    for (size_t r = 0; r < rows; r++) {
        gm_worker fresh;
        gm_worker_init(&fresh, gaz);
        gm_worker_run(&fresh, spot_table[r].text, strlen(spot_table[r].text));
        cold[r] = spot_signature(&fresh);
        gm_worker_free(&fresh);
    }
    gm_worker warm, other;
    gm_worker_init(&warm, gaz);
    gm_worker_init(&other, gaz);
    gm_spot_cache *shared = gm_spot_cache_new(gaz);
    for (int pass = 0; pass < 4; pass++) {
        for (size_t k = 0; k < rows; k++) {
            size_t r = pass % 2 ? rows - 1 - k : k;
            const char *text = spot_table[r].text;
            gm_worker *w = pass < 2 ? &warm : (k % 2 ? &other : &warm);
            if (pass < 2)
                gm_worker_run(w, text, strlen(text));
            else
                gm_worker_run_cached(w, shared, text, strlen(text));
            char *sig = spot_signature(w);
            ck_assert_msg(strcmp(sig, cold[r]) == 0,
                          "pass %d, \"%s\": %s, fresh worker: %s", pass,
                          text, sig, cold[r]);
            free(sig);
        }
    }
    gm_spot_cache_free(shared);
    gm_worker_free(&other);
    gm_worker_free(&warm);
    for (size_t r = 0; r < rows; r++)
        free(cold[r]);
    free(cold);
}
END_TEST

/* The classes of w[0..len) by reading the table: what the hashed lookup
 * must answer. */
static unsigned classes_by_reading(const char *w, size_t len)
{
    for (size_t i = 0; i < gm_cue_count(); i++) {
        const char *word;
        unsigned classes;
        gm_cue_row(i, &word, &classes);
        if (strlen(word) == len && memcmp(word, w, len) == 0)
            return classes;
    }
    return 0;
}

/* The candidates kept without a flag equal those of gm_gaz_match_hits
 * without it, in order: for names with and without candidates spelled in
 * capitals, dropping those, every other single flag, or none. */
START_TEST(test_match_hits_except)
{
    static const char *const keys[] = { "us", "usa", "paris", "reading",
                                        "georgia", "baker", "new york",
                                        "nowhere at all" };
    size_t dropped = 0;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        gm_gaz_match m = gm_gaz_lookup(gaz, keys[k], strlen(keys[k]));
        gm_gaz_hit all[64], kept[64];
        ck_assert_uint_le(m.count, 64);
        gm_gaz_match_hits(gaz, &m, all);
        for (unsigned bit = 0; bit <= 11; bit++) {
            uint16_t flag = bit < 11 ? (uint16_t)(1u << bit) : 0;
            uint32_t n = gm_gaz_match_hits_except(gaz, &m, flag, kept);
            uint32_t want = 0;
            for (uint32_t h = 0; h < m.count; h++) {
                if (all[h].flags & flag)
                    continue;
                ck_assert_uint_lt(want, n);
                ck_assert_uint_eq(kept[want].place, all[h].place);
                ck_assert_uint_eq(kept[want].flags, all[h].flags);
                ck_assert_uint_eq(kept[want].lang, all[h].lang);
                ck_assert_uint_eq(kept[want].name_off, all[h].name_off);
                want++;
            }
            ck_assert_uint_eq(n, want);
            if (flag == GM_NAME_UPPER)
                dropped += m.count - n;
        }
    }
    ck_assert_uint_gt(dropped, 0); /* "us" */
}
END_TEST

/* The lookup of a word with the hash its token carries. */
static unsigned cue_classes_by_token_hash(const char *w, size_t len)
{
    return gm_cue_classes_hashed(w, len, gm_tok_hash(w, len));
}

/* The cue table is sorted, one row per word, and the lookup answers as
 * reading it does for every word, its prefixes and one-letter extensions,
 * with the hash computed by the lookup or given as a token's. */
START_TEST(test_cue_lookup)
{
    ck_assert_uint_gt(gm_cue_count(), 100);
    const char *prev = "";
    size_t extensions_found = 0;
    for (size_t i = 0; i < gm_cue_count(); i++) {
        const char *word;
        unsigned classes;
        gm_cue_row(i, &word, &classes);
        ck_assert_msg(strcmp(prev, word) < 0, "%s after %s", word, prev);
        prev = word;
        ck_assert_uint_ne(classes, 0);
        size_t len = strlen(word);
        ck_assert_uint_eq(gm_cue_classes(word, len), classes);
        ck_assert_uint_eq(cue_classes_by_token_hash(word, len), classes);
        char near[64];
        ck_assert_uint_lt(len + 2, sizeof near);
        for (size_t k = 0; k < len; k++) {
            ck_assert_uint_eq(gm_cue_classes(word, k),
                              classes_by_reading(word, k));
            ck_assert_uint_eq(cue_classes_by_token_hash(word, k),
                              classes_by_reading(word, k));
        }
        memcpy(near, word, len);
        near[len] = 's';
        near[len + 1] = '\0';
        ck_assert_uint_eq(gm_cue_classes(near, len + 1),
                          classes_by_reading(near, len + 1));
        ck_assert_uint_eq(cue_classes_by_token_hash(near, len + 1),
                          classes_by_reading(near, len + 1));
        extensions_found += classes_by_reading(near, len + 1) != 0;
    }
    ck_assert_uint_gt(extensions_found, 0); /* "add" and "adds" */
    ck_assert_uint_eq(gm_cue_classes("in", 2), GM_CUE_LOCATIVE);
    ck_assert_uint_eq(gm_cue_classes("inq", 3), 0);
    ck_assert_uint_eq(gm_cue_classes("", 0), 0);
    ck_assert_uint_eq(cue_classes_by_token_hash("", 0), 0);
    /* words of 8 to 23 bytes take more than one chunk of the hash */
    ck_assert_uint_eq(gm_cue_classes("yesterday", 9), GM_CUE_FUNCTION);
    ck_assert_uint_eq(cue_classes_by_token_hash("yesterday", 9),
                      GM_CUE_FUNCTION);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("spot");
    TCase *tc = tcase_create("spans");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_spans, 0,
                        sizeof spot_table / sizeof spot_table[0]);
    tcase_add_test(tc, test_span_flags);
    tcase_add_test(tc, test_long_run_of_names_is_linear);
    tcase_add_test(tc, test_cache_changes_no_result);
    tcase_add_test(tc, test_cue_lookup);
    tcase_add_test(tc, test_match_hits_except);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
