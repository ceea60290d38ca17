/* Word classes the spotter reads context with: the English words around a
 * name that say whether it is a place ("in", "near"), a person ("Mr.",
 * "said"), a date ("May"), or no name at all ("But", "She"). Looked up by
 * folded form. Pure functions, thread-safe. */
#ifndef GM_SPOT_CUES_H
#define GM_SPOT_CUES_H

#include <stddef.h>
#include <stdint.h>

enum {
    GM_CUE_LOCATIVE = 1 << 0,  /* introduces a location: in, at, near */
    GM_CUE_TITLE = 1 << 1,     /* precedes a person's name: Mr, Gov, Officer */
    GM_CUE_CALENDAR = 1 << 2,  /* months and weekdays */
    GM_CUE_FUNCTION = 1 << 3,  /* closed-class English word: pronouns,
                                  articles, conjunctions, prepositions,
                                  auxiliaries, quantifiers */
    GM_CUE_QUALIFIER = 1 << 4, /* may precede a place name: North, Greater */
    GM_CUE_SPEECH = 1 << 5,    /* verbs of saying, typical after a person */
    GM_CUE_GIVEN_NAME = 1 << 6,/* common English given names: David, Linda */
    GM_CUE_GENERIC = 1 << 7    /* words for kinds of places and buildings:
                                  street, college, port, county */
};

/* The classes of a folded word (0 when none): one hash probe. */
unsigned gm_cue_classes(const char *folded, size_t len);

/* The same with hash = gm_tok_hash(folded, len) already known, as a
 * token's hash field holds it: no byte of a word outside the table is
 * read. */
unsigned gm_cue_classes_hashed(const char *folded, size_t len,
                               uint32_t hash);

/* Number of words in the table, and row i: the word and its classes (for
 * tests). */
size_t gm_cue_count(void);
void gm_cue_row(size_t i, const char **word, unsigned *classes);

#endif
