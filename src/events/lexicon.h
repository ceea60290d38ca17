/* The trigger lexicon: the words and expressions that report an event,
 * each with its CAMEO code (the codebook's, as GDELT uses it), and the
 * table of those codes with their root code, quad class and label. The
 * lexicon was written for geomap; src/events/README.md lists it by code.
 *
 * A pattern is a sequence of folded words (text/fold.h). A word written
 * "shell+" matches its inflections too ("shells", "shelled", "shelling"),
 * found by undoing English suffixes on the text's word and by a table of
 * irregular forms ("shot" → "shoot"); "..." lets up to three words pass
 * ("agreed to a 48-hour ceasefire"). Hyphens and apostrophes between words
 * are skipped, so "cease-fire" is "cease fire". Pure data and pure
 * functions, thread-safe. */
#ifndef GM_EVENTS_LEXICON_H
#define GM_EVENTS_LEXICON_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text/tokens.h"

/* What a trigger is, for the stage's rules. */
enum {
    GM_LEX_NOUN = 1 << 0,      /* a nominalisation: negated by "no" */
    GM_LEX_WEAK = 1 << 1,      /* often not an event ("strike", "visit"):
                                  lower confidence */
    GM_LEX_CASUALTY = 1 << 2,  /* "killed", "wounded": folded into another
                                  conflict event of its sentence */
    GM_LEX_SPEECH = 1 << 3     /* a verbal act (condemn, accuse): reported
                                  speech is its content, not its source */
};

/* One CAMEO code the lexicon uses. */
typedef struct gm_event_code {
    const char *code;          /* "190", "0871" */
    const char *label;         /* the codebook's label, lower case */
} gm_event_code;

/* A match of the lexicon at some token. */
typedef struct gm_event_lex_hit {
    uint32_t tok_begin, tok_end;   /* tokens [begin, end) of the expression */
    const char *code;              /* static */
    const gm_event_code *entry;    /* gm_event_code_find(code), static */
    unsigned flags;                /* GM_LEX_* */
} gm_event_lex_hit;

/* The longest trigger that starts at token i and ends before token limit,
 * if any. Words are compared by their folded form; a word capitalised in
 * the middle of a sentence is a name, not a trigger ("March", "Strike
 * Force"), unless the whole sentence is capitalised (a headline). */
bool gm_event_lex_match(const char *text, const gm_tok_list *tokens,
                        uint32_t i, uint32_t limit, bool headline,
                        gm_event_lex_hit *hit);

/* Whether the sentence of tokens [begin, end) is a Title Case headline,
 * which capitalises every word, so that a capital says nothing there about
 * names: at least four words, seven in ten of them capitalised. */
bool gm_event_lex_headline(const gm_tok_list *tokens, uint32_t begin,
                           uint32_t end);

/* The first trigger of tokens [*i, limit) of the sentence that starts at
 * token begin: what gm_event_lex_match finds at the first token from *i
 * where it finds one, with *i set to that token; false, with *i = limit,
 * when there is none. A scan of a sentence in one call. *headline is
 * gm_event_lex_headline(tokens, begin, limit), or -1 when not known yet:
 * it is then told, and kept there, only when a capitalised word in the
 * middle of the sentence could start a trigger (most sentences have
 * none). */
bool gm_event_lex_next(const char *text, const gm_tok_list *tokens,
                       uint32_t begin, uint32_t *i, uint32_t limit,
                       int *headline, gm_event_lex_hit *hit);

/* The code's entry; NULL for a code the lexicon does not use. */
const gm_event_code *gm_event_code_find(const char *code);

/* The root code: the first two digits ("19" for "193"). */
void gm_event_code_root(const char *code, char root[3]);

/* GDELT's quad class of a root code: 1 verbal cooperation (01-05), 2
 * material cooperation (06-08), 3 verbal conflict (09-13), 4 material
 * conflict (14-20); 0 for anything else. */
int gm_event_quad_class(const char *root);

/* Number of lexicon rows and codes, and row i (for tests and the README):
 * the pattern, its code and flags. */
size_t gm_event_lex_count(void);
void gm_event_lex_row(size_t i, const char **pattern, const char **code,
                      unsigned *flags);
size_t gm_event_code_count(void);
const gm_event_code *gm_event_code_at(size_t i);

/* The lemmas a folded word may be an inflection of (itself first), at most
 * GM_LEX_MAX_LEMMAS, written into buf (NUL-separated); returns how many.
 * Exposed for tests. */
#define GM_LEX_MAX_LEMMAS 6
#define GM_LEX_LEMMA_BUF 160
size_t gm_event_lemmas(const char *word, size_t len,
                       char buf[GM_LEX_LEMMA_BUF],
                       const char *out[GM_LEX_MAX_LEMMAS]);

/* Whether every lemma of the folded word w[0..len) starts with its first
 * byte, as every lemma made by undoing a suffix does: false only for an
 * irregular form whose lemma does not ("went" → "go"). Lets a caller that
 * looks for lemmas in a list skip a word no entry of which starts like it,
 * without making its lemmas. */
bool gm_event_lemmas_keep_initial(const char *word, size_t len);

/* The hash of the folded word w[0..len): the key of the lexicon's index
 * and of the word sets. It is the tokeniser's (gm_tok_hash), so that a
 * token's own hash (gm_token.hash) is its key. */
static inline uint32_t gm_event_word_hash(const char *w, size_t len)
{
    return gm_tok_hash(w, len);
}

/* A NULL-terminated list of folded words as a hashed set, so that asking
 * whether a word is in it costs one probe instead of a pass over the list.
 * The set of a list is made on the first call for that list and kept for
 * the life of the process, keyed by the list's address: words must be an
 * array of static storage (a `static const char *const x[]`), never one
 * whose address could later hold other words. Returns NULL when too many
 * lists have been seen (GM_LEX_MAX_WORD_SETS): the caller then reads the
 * list. Borrowed, immutable, thread-safe. */
#define GM_LEX_MAX_WORD_SETS 512
typedef struct gm_event_word_slot {
    const char *word;           /* NULL: empty */
    uint32_t len, hash;
} gm_event_word_slot;
typedef struct gm_event_word_set {
    gm_event_word_slot *slots;  /* open addressing, at most half full */
    size_t mask;                /* slots - 1 (a power of two minus one) */
    uint64_t filter[4];         /* bit hash >> 24 of each word: a word
                                   whose bit is clear is not in the set */
} gm_event_word_set;
static inline const gm_event_word_set *
gm_event_word_set_of(const char *const *words);

/* The set of every folded word one of whose lemmas (gm_event_lemmas) is in
 * the NULL-terminated list lemmas ("said", "says" for "say"), so that
 * asking costs one probe instead of the making of the word's lemmas. Made
 * and kept like gm_event_word_set_of's sets, with the same conditions; NULL
 * when too many lists have been seen. */
static inline const gm_event_word_set *
gm_event_lemma_set_of(const char *const *lemmas);

/* The sets made so far, keyed by the address of their list and their kind:
 * an open-addressing table read without a lock (a key is published, with
 * release order, after its set is complete) and written under one. Its
 * first probe is inline, since a set is asked for on every question; the
 * rest, and the making of a set, is gm_event_set_of's. */
#define GM_LEX_REGISTRY_SLOTS (2 * GM_LEX_MAX_WORD_SETS)
typedef struct gm_event_registry_slot {
    _Atomic(const char *const *) list;  /* NULL: empty */
    bool lemmas;                        /* a lemma set */
    gm_event_word_set *set;
} gm_event_registry_slot;
extern gm_event_registry_slot gm_event_registry[GM_LEX_REGISTRY_SLOTS];

const gm_event_word_set *gm_event_set_of(const char *const *words,
                                         bool lemmas);

static inline size_t gm_event_registry_index(const char *const *words,
                                             bool lemmas)
{
    uint64_t key = (uint64_t)(uintptr_t)words + lemmas;
    return (size_t)((key * 0x9E3779B97F4A7C15u) >> 40) &
           (GM_LEX_REGISTRY_SLOTS - 1);
}

static inline const gm_event_word_set *
gm_event_registered(const char *const *words, bool lemmas)
{
    const gm_event_registry_slot *slot =
        &gm_event_registry[gm_event_registry_index(words, lemmas)];
    if (atomic_load_explicit(&slot->list, memory_order_acquire) == words &&
        slot->lemmas == lemmas)
        return slot->set;
    return gm_event_set_of(words, lemmas);
}

static inline const gm_event_word_set *
gm_event_word_set_of(const char *const *words)
{
    return gm_event_registered(words, false);
}

static inline const gm_event_word_set *
gm_event_lemma_set_of(const char *const *lemmas)
{
    return gm_event_registered(lemmas, true);
}

/* Whether set's filter lets a word hashed as hash through: false says the
 * word is not in the set, true that it may be. The filter's bit is the
 * hash's top byte, independent of the slot's low bits. */
static inline bool gm_event_word_set_may_have(const gm_event_word_set *set,
                                              uint32_t hash)
{
    return (set->filter[hash >> 30] >> ((hash >> 24) & 63)) & 1;
}

/* Whether w[0..len), hashed as gm_event_word_hash(w, len), is in set.
 * Inline: it is asked for many words of every article. */
static inline bool gm_event_word_set_has(const gm_event_word_set *set,
                                         const char *w, size_t len,
                                         uint32_t hash)
{
    /* Most words asked are not in the set: the filter says so for most of
     * them without a probe. */
    if (!gm_event_word_set_may_have(set, hash))
        return false;
    for (size_t i = hash & set->mask; set->slots[i].word;
         i = (i + 1) & set->mask) {
        const gm_event_word_slot *s = &set->slots[i];
        if (s->hash == hash && s->len == len && memcmp(s->word, w, len) == 0)
            return true;
    }
    return false;
}

#endif
