/* What the files of the events stage share: the article as they read it
 * (tokens, sentences, mentions, boilerplate, dateline and focus, built
 * once per article) and the word helpers. Not part of the stage's API. */
#ifndef GM_EVENTS_INTERNAL_H
#define GM_EVENTS_INTERNAL_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "events/events.h"
#include "events/lexicon.h"

typedef struct gm_event_doc {
    const gm_gaz *gaz;
    const char *text;
    const gm_tok_list *toks;
    const gm_sent_list *sents;
    const gm_span_list *spans;
    const gm_mention_list *mentions;
    gm_arena *arena;
    gm_boilerplate_list boiler;
    int32_t *tok_mention;     /* per token: the mention covering it, -1;
                                 set for a sentence by
                                 gm_event_doc_sentence (all of them when
                                 tok_mention_all) */
    bool tok_mention_all;
    uint32_t mention_reach;   /* the most tokens a mention covers */
    int16_t *memo;            /* per token k, read on demand (fatalities.c):
                                 [2k] its value as a number word + 2, 1
                                 when it is none, 0 when not read yet;
                                 [2k + 1] the same for vague amounts
                                 ("dozens"); valid only for the tokens of
                                 *memo_sentence (gm_event_doc_memo) */
    uint32_t *memo_sentence;  /* the sentence memo is zeroed for, UINT32_MAX */
    int32_t dateline_mention; /* the dateline's mention, -1 */
    uint32_t dateline_place;  /* GM_EVENT_NO_PLACE when no dateline */
    uint32_t dateline_begin, dateline_end; /* its tokens, up to the dash;
                                              equal when none */
    uint32_t headline_end;    /* tokens of a leading headline line, 0 when
                                 none */
    uint32_t focus_place;     /* GM_EVENT_NO_PLACE when no focus */
} gm_event_doc;

/* Reads the article: boilerplate, token → mention, dateline, focus. */
void gm_event_doc_init(gm_event_doc *doc, const gm_gaz *gaz,
                       const char *text, const gm_tok_list *toks,
                       const gm_sent_list *sents, const gm_span_list *spans,
                       const gm_mention_list *mentions, gm_arena *arena);

/* Sets tok_mention for the tokens of sentence s, which gm_event_place_in
 * and attach.c's helpers read: the mentions are looked for in the
 * sentences of events only. */
void gm_event_doc_sentence(const gm_event_doc *doc, uint32_t s);

/* Makes memo readable for the tokens of sentence s and the one after it
 * (as far as a number's reader looks, limit included): zeroed when it was
 * set for another sentence. The readers of numbers (gm_event_number,
 * gm_event_number_word) ask it only of the tokens of the sentence last
 * passed here, so the stage zeroes the tokens of the sentences that hold
 * an event, not those of the whole article. */
static inline void gm_event_doc_memo(const gm_event_doc *doc, uint32_t s)
{
    if (*doc->memo_sentence == s)
        return;
    *doc->memo_sentence = s;
    const gm_sentence *sent = &doc->sents->v[s];
    uint32_t end = sent->tok_end + 1;
    if (end > doc->toks->n)
        end = (uint32_t)doc->toks->n;
    if (end > sent->tok_begin)
        memset(doc->memo + 2 * (size_t)sent->tok_begin, 0,
               2 * sizeof *doc->memo * (end - sent->tok_begin));
}

/* The sentence that holds token k. */
uint32_t gm_event_sentence_of(const gm_event_doc *doc, uint32_t k);

/* Token k of the n tokens v when it is a word with a fold (what the word
 * tests below compare), else NULL. */
static inline const gm_token *gm_event_token_word(const gm_token *v,
                                                  size_t n, uint32_t k)
{
    if (k >= n)
        return NULL;
    const gm_token *t = &v[k];
    if (t->kind == GM_TOK_PUNCT || t->fold_len == 0)
        return NULL;
    return t;
}

/* Whether token k of the n tokens v, whose folded forms start at folded,
 * is the word w (folded): gm_event_word_is on pointers a caller keeps in
 * locals (attach.c). Inline: w is most often a literal, whose length the
 * compiler knows. */
static inline bool gm_event_token_word_is(const gm_token *v, size_t n,
                                          const char *folded, uint32_t k,
                                          const char *w)
{
    const gm_token *t = gm_event_token_word(v, n, k);
    if (!t)
        return false;
    /* The first byte settles most comparisons. */
    const char *f = folded + t->fold_off;
    if (f[0] != w[0])
        return false;
    size_t len = strlen(w);
    return t->fold_len == len && memcmp(f, w, len) == 0;
}

/* Whether token k is the word w (folded). */
static inline bool gm_event_word_is(const gm_event_doc *doc, uint32_t k,
                                    const char *w)
{
    return gm_event_token_word_is(doc->toks->v, doc->toks->n,
                                  doc->toks->folded.data, k, w);
}

/* Whether w[0..len) is one of the NULL-terminated words, by reading them
 * (what gm_event_word_in answers; for checks). */
bool gm_event_word_listed(const char *w, size_t len, const char *const *words);

/* Whether one of the lemmas of the folded word w[0..len) is one of the
 * NULL-terminated words, by making them (what gm_event_lemma_in answers;
 * for checks). */
bool gm_event_lemma_listed(const char *w, size_t len,
                           const char *const *words);

/* How a list is read when its set is not at hand: gm_event_word_listed
 * or gm_event_lemma_listed. */
typedef bool gm_event_list_reader(const char *w, size_t len,
                                  const char *const *words);

/* Whether the folded word w of token t is one of words: one probe of the
 * list's set by the token's hash, or a read of the list when set is NULL. */
static inline bool gm_event_list_answer(const gm_token *t, const char *w,
                                        const gm_event_word_set *set,
                                        const char *const *words,
                                        gm_event_list_reader *read)
{
    if (!set)
        return read(w, t->fold_len, words);
    bool in = gm_event_word_set_has(set, w, t->fold_len, t->hash);
    /* A list whose address came to hold other words (one not static)
     * would make the set lie: debug builds check every answer. */
    assert(in == read(w, t->fold_len, words));
    return in;
}

/* gm_event_list_answer for a list of words and for a list of lemmas,
 * whose set holds their inflections. */
static inline bool gm_event_word_answer(const gm_token *t, const char *w,
                                        const gm_event_word_set *set,
                                        const char *const *words)
{
    return gm_event_list_answer(t, w, set, words, gm_event_word_listed);
}

static inline bool gm_event_lemma_answer(const gm_token *t, const char *w,
                                         const gm_event_word_set *set,
                                         const char *const *words)
{
    return gm_event_list_answer(t, w, set, words, gm_event_lemma_listed);
}

/* gm_event_word_in with the list's set already asked for (set:
 * gm_event_word_set_of(words)), for a loop that asks it of many tokens. */
static inline bool gm_event_word_in_set(const gm_event_doc *doc, uint32_t k,
                                        const gm_event_word_set *set,
                                        const char *const *words)
{
    const gm_token *t = gm_event_token_word(doc->toks->v, doc->toks->n, k);
    if (!t)
        return false;
    return gm_event_word_answer(t, gm_tok_folded(doc->toks, k), set, words);
}

/* A static word list with its set (gm_event_word_set_of), asked for on
 * first use and kept, so that a call site that asks it of many tokens
 * spares the registry's probe: `static gm_event_words x_w = { x, NULL };`
 * beside the list x. */
typedef struct gm_event_words {
    const char *const *words;
    _Atomic(const gm_event_word_set *) set;  /* NULL until asked */
} gm_event_words;

/* gm_event_words_set's first call for w: asks the registry (events.c). */
const gm_event_word_set *gm_event_words_resolve(gm_event_words *w);

/* The list's set; NULL (the list is then read) when the registry holds
 * too many. */
static inline const gm_event_word_set *gm_event_words_set(gm_event_words *w)
{
    const gm_event_word_set *set =
        atomic_load_explicit(&w->set, memory_order_acquire);
    return set ? set : gm_event_words_resolve(w);
}

/* Whether token k is one of the NULL-terminated words: one probe of the
 * list's hashed set (lexicon.h: gm_event_word_set_of) by the token's hash,
 * so words must be a static array. */
static inline bool gm_event_word_in(const gm_event_doc *doc, uint32_t k,
                                    const char *const *words)
{
    const gm_token *t = gm_event_token_word(doc->toks->v, doc->toks->n, k);
    if (!t)
        return false;
    return gm_event_word_answer(t, gm_tok_folded(doc->toks, k),
                                gm_event_word_set_of(words), words);
}

/* gm_event_lemma_in with the list's lemma set already asked for (set:
 * gm_event_lemma_set_of(words)), for a loop that asks it of many tokens. */
static inline bool gm_event_lemma_in_set(const gm_event_doc *doc, uint32_t k,
                                         const gm_event_word_set *set,
                                         const char *const *words)
{
    if (k >= doc->toks->n)
        return false;
    const gm_token *t = &doc->toks->v[k];
    if (t->kind != GM_TOK_WORD || t->fold_len == 0)
        return false;
    return gm_event_lemma_answer(t, gm_tok_folded(doc->toks, k), set, words);
}

/* Whether token k is a word one of whose lemmas is one of the
 * NULL-terminated words ("said" for "say"): one probe of the list's lemma
 * set (lexicon.h: gm_event_lemma_set_of), so words must be a static array
 * as for gm_event_word_in. */
static inline bool gm_event_lemma_in(const gm_event_doc *doc, uint32_t k,
                                     const char *const *words)
{
    if (k >= doc->toks->n)
        return false;
    const gm_token *t = &doc->toks->v[k];
    if (t->kind != GM_TOK_WORD || t->fold_len == 0)
        return false;
    return gm_event_lemma_answer(t, gm_tok_folded(doc->toks, k),
                                 gm_event_lemma_set_of(words), words);
}

/* Whether token k of the n tokens v of text is the one-character
 * punctuation c: gm_event_punct_is on pointers a caller keeps in locals.
 * Inline: it is asked of most tokens of a sentence that holds an event. */
static inline bool gm_event_token_punct_is(const gm_token *v, size_t n,
                                           const char *text, uint32_t k,
                                           char c)
{
    if (k >= n)
        return false;
    const gm_token *t = &v[k];
    return t->kind == GM_TOK_PUNCT && t->len == 1 && text[t->off] == c;
}

/* Whether token k is the one-character punctuation c. */
static inline bool gm_event_punct_is(const gm_event_doc *doc, uint32_t k,
                                     char c)
{
    return gm_event_token_punct_is(doc->toks->v, doc->toks->n, doc->text, k,
                                   c);
}

/* A number written at token k: digits with thousands separators ("1,200"),
 * a decimal with "million"/"thousand", or words ("three", "twenty-five",
 * "a dozen"). Returns the value and sets *end to the token after it, or
 * returns -1. k and limit within the sentence last given to
 * gm_event_doc_memo (limit at most its end). */
int64_t gm_event_number(const gm_event_doc *doc, uint32_t k, uint32_t limit,
                        uint32_t *end);

/* The value of the number word at token k ("three" 3, "dozen" 12), or
 * -1; read once per token while its sentence is the one last given to
 * gm_event_doc_memo (fatalities.c). */
int gm_event_number_word(const gm_event_doc *doc, uint32_t k);

/* Places the event of the trigger tokens [tb, te) (attach.c), setting
 * tok_mention for its sentence. */
void gm_event_place(const gm_event_doc *doc, uint32_t tb, uint32_t te,
                    gm_event *ev);

/* What the events of one sentence share for their placement (attach.c):
 * the candidate locations and what follows each, found once with no
 * trigger passed over, the tokens where a trigger would have changed them,
 * and the clauses. In the arena; built = false before the sentence's first
 * event. */
typedef struct gm_event_place_memo {
    bool built;
    uint32_t n;                      /* candidates */
    struct gm_event_cand *cands;
    uint8_t *busy;                   /* per token of the sentence */
    uint8_t *clause;                 /* per token: its clause */
} gm_event_place_memo;

/* gm_event_place for a trigger of sentence s, whose tok_mention is set
 * (gm_event_doc_sentence); memo, when not NULL, is the sentence's (for a
 * sentence of more than one event): the same result. */
void gm_event_place_in(const gm_event_doc *doc, uint32_t s,
                       gm_event_place_memo *memo, uint32_t tb, uint32_t te,
                       gm_event *ev);

/* The time expression of the trigger's sentence s nearest to it (when.c). */
void gm_event_when_find_in(const gm_event_doc *doc, uint32_t s, uint32_t tb,
                           uint32_t te, gm_event_when *out);

/* The time expressions of one sentence, as gm_event_when_find_in's scan
 * meets them when no trigger's tokens are passed over (the dateline's
 * are), so that the events of a sentence share one scan. */
#define GM_EVENT_WHEN_LIST 8
typedef struct gm_event_when_list {
    uint32_t sentence;          /* the sentence scanned */
    uint32_t n;                 /* expressions */
    bool overflow;              /* more than GM_EVENT_WHEN_LIST */
    uint32_t begin[GM_EVENT_WHEN_LIST], end[GM_EVENT_WHEN_LIST];
    gm_event_when when[GM_EVENT_WHEN_LIST];
} gm_event_when_list;

/* Scans sentence s for its time expressions (when.c). */
void gm_event_when_scan(const gm_event_doc *doc, uint32_t s,
                        gm_event_when_list *list);

/* What gm_event_when_find_in gives for the trigger [tb, te) of the sentence
 * list was scanned from: read from the list, unless an expression starts
 * within the trigger (which the trigger's own scan passes over) or the
 * list overflowed, when the sentence is scanned again (when.c). */
void gm_event_when_pick(const gm_event_doc *doc,
                        const gm_event_when_list *list, uint32_t tb,
                        uint32_t te, gm_event_when *out);

/* The lowest number of dead stated in sentence s, a trigger's: the same
 * for every trigger of a sentence (fatalities.c). */
int32_t gm_event_fatalities_find(const gm_event_doc *doc, uint32_t s);

#endif
