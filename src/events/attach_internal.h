/* What the files that place an event share: the state of one placement
 * (ctx) and its candidates (cand), the word lists several of them read,
 * the small helpers on the sentence's tokens, inline because they are
 * asked of most tokens, and the functions one file calls in another.
 *
 * attach.c        the entry points: the trigger, the anaphor, the place
 * attach_names.c  the candidates: names taken whole, what is no place
 * attach_governor.c  each candidate's governor, and which are plausible
 * attach_score.c  the clauses, what the trigger is, the score
 * attach_list.c   the names coordinated with the best one, the list rules */
#ifndef GM_EVENTS_ATTACH_INTERNAL_H
#define GM_EVENTS_ATTACH_INTERNAL_H

#include "events/internal.h"

#include "spot/cues.h"

/* A governor is looked for this many tokens to the left at most. */
#define GOVERNOR_TOKENS 10
/* Coordinated names lie within this many tokens of each other. */
#define COORD_TOKENS 10

typedef enum gov_kind {
    GOV_NONE = 0,  /* nothing found (sentence start, a comma) */
    GOV_LOC,       /* in, at, near, outside, into, through, over... */
    GOV_ON,        /* on, upon, against: "an attack on X" */
    GOV_TO,        /* to, towards, via */
    GOV_FROM,      /* from */
    GOV_DIR,       /* north of, 10 km east of */
    GOV_BETWEEN,   /* between X and Y */
    GOV_OF,        /* of (not after a place noun): "the governor of X" */
    GOV_BY,        /* by: an agent ("captured by X forces") */
    GOV_TRIGGER,   /* the trigger: its object ("shelled X") */
    GOV_OTHER      /* another word: a subject, another verb's object */
} gov_kind;

typedef struct gm_event_cand {
    uint32_t tb, te;       /* tokens of the name (with a place-type word) */
    int32_t mention;       /* -1 for a name the gazetteer does not hold */
    uint32_t place;        /* GM_EVENT_NO_PLACE likewise */
    gm_place_kind kind;
    uint32_t country, admin1;  /* places that contain it, UINT32_MAX */
    gov_kind gov;
    uint32_t gov_tok;      /* the governing preposition, UINT32_MAX */
    bool place_noun;       /* "the town of X", "X district", "X Province" */
    bool modifier;         /* "a X market": names the noun after it */
    bool possessive;       /* "X's" */
    bool container;        /* only contains another candidate */
    bool org;              /* inside an organisation's name */
    bool actor;            /* names an actor: "US troops" */
    bool agent;            /* only names who leads or backs: "X-led" */
    bool named;            /* "the town of X": the text calls it a place */
    bool general;          /* "the war in X": where a state of things is */
    bool business;         /* "the X bar": a business's name */
    bool speaker;          /* "X said": a person or a body */
    bool siege;            /* "the siege of X": where a fight was */
    float score;
} cand;

typedef struct ctx {
    const gm_event_doc *doc;
    /* the doc's, read here without going through doc: its tokens, their
     * count and folded forms, the text, tok_mention */
    const gm_token *tv;
    size_t ntok;
    const char *folded;
    const char *text;
    const int32_t *tok_mention;
    bool place_object;     /* the trigger's object is a place: "patrolled
                              X", "stormed X" */
    bool speech;           /* the trigger is a verb of saying: "said" */
    bool own_place;        /* a participle trigger's clause names a place
                              of its own: ", targeting X" */
    bool judging;          /* a verb of judging an event: "condemned" */
    uint32_t here;         /* "here" after the trigger in its clause:
                              "demonstrated here"; UINT32_MAX if none */
    uint32_t sb, se;       /* the sentence's tokens */
    uint32_t tb, te;       /* the trigger's */
    uint8_t *clause;       /* per sentence token: its clause number */
    cand *v;
    size_t n, cap;
} ctx;

/* ---- word lists several files read (attach.c) ------------------------ */

extern gm_event_words gm_attach_loc_preps_w;
extern gm_event_words gm_attach_determiners_w;
extern gm_event_words gm_attach_adjectives_w;
extern gm_event_words gm_attach_place_nouns_w;
extern gm_event_words gm_attach_division_words_w;
extern gm_event_words gm_attach_business_nouns_w;
extern gm_event_words gm_attach_actor_nouns_w;
extern gm_event_words gm_attach_person_nouns_w;
extern gm_event_words gm_attach_place_types_w;
extern gm_event_words gm_attach_directions_w;
extern gm_event_words gm_attach_faith_words_w;
extern gm_event_words gm_attach_impact_verbs_w;
extern gm_event_words gm_attach_general_nouns_w;

/* ---- tokens ---------------------------------------------------------- */

static inline const gm_token *tok(const ctx *c, uint32_t k)
{
    return &c->tv[k];
}

static inline const char *folded(const ctx *c, uint32_t k)
{
    return c->folded + c->tv[k].fold_off;
}

/* gm_event_word_is and gm_event_punct_is on ctx's copies of the doc's
 * pointers. */
static inline bool word_is(const ctx *c, uint32_t k, const char *w)
{
    return gm_event_token_word_is(c->tv, c->ntok, c->folded, k, w);
}

static inline bool punct_is(const ctx *c, uint32_t k, char ch)
{
    return gm_event_token_punct_is(c->tv, c->ntok, c->text, k, ch);
}

static inline bool is_word(const ctx *c, uint32_t k)
{
    return tok(c, k)->kind != GM_TOK_PUNCT;
}

/* Whether token k's fold is longer than `longer` bytes and ends in the
 * suffix ("-ed", "-ing", "-ly"): the length keeps short words such as
 * "red" or "ring" out, each caller saying how short. */
static inline bool ends_in(const ctx *c, uint32_t k, const char *suffix,
                           size_t longer)
{
    size_t n = tok(c, k)->fold_len, s = strlen(suffix);
    return n > longer && memcmp(folded(c, k) + n - s, suffix, s) == 0;
}

static inline bool capitalised(const ctx *c, uint32_t k)
{
    const gm_token *t = tok(c, k);
    return t->kind == GM_TOK_WORD &&
           (t->flags & (GM_TOKF_UPPER_INITIAL | GM_TOKF_UNCASED));
}

static inline bool joiner(const ctx *c, uint32_t k)
{
    const gm_token *t = tok(c, k);
    if (t->kind != GM_TOK_PUNCT)
        return false;
    const unsigned char *s = (const unsigned char *)c->text + t->off;
    if (t->len == 1)
        return *s == '-' || *s == '\'';
    /* U+2018/2019 quotes as apostrophes, U+2010/2011 hyphens */
    return t->len == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
           (s[2] == 0x98 || s[2] == 0x99 || s[2] == 0x90 || s[2] == 0x91);
}

/* joiners_at's walk from the punctuation token k. */
static inline uint32_t joiners_walk(const ctx *c, uint32_t k)
{
    uint32_t n = 0;
    while (n < 2 && k + n + 1 < c->se && joiner(c, k + n) &&
           !(tok(c, k + n)->flags & GM_TOKF_SPACE_BEFORE) &&
           !(tok(c, k + n + 1)->flags & GM_TOKF_SPACE_BEFORE)) {
        n++;
        if (is_word(c, k + n))
            return n;
    }
    return 0;
}

/* A joiner glued to the words on both sides ("Al-Sham", "Dara'a"), or two
 * ("Al-'Ali"): the number of joiner tokens, 0 when none. Asked of most
 * tokens of the sentence, which are words: inline, it tells them without
 * a call (a joiner is punctuation; past the sentence there is none). */
static inline uint32_t joiners_at(const ctx *c, uint32_t k)
{
    if (k >= c->se || tok(c, k)->kind != GM_TOK_PUNCT)
        return 0;
    return joiners_walk(c, k);
}

static inline bool inner_joiner(const ctx *c, uint32_t k)
{
    return joiners_at(c, k) > 0;
}

/* "'Issa": an opening apostrophe (an ayin) glued to a capitalised word,
 * after white space. */
static inline bool ayin_at(const ctx *c, uint32_t k)
{
    return k + 1 < c->se && joiner(c, k) &&
           !punct_is(c, k, '-') &&
           (tok(c, k)->flags & GM_TOKF_SPACE_BEFORE) &&
           !(tok(c, k + 1)->flags & GM_TOKF_SPACE_BEFORE) &&
           capitalised(c, k + 1);
}

/* "'s" after token k - 1: an apostrophe and "s". */
static inline bool possessive_at(const ctx *c, uint32_t k)
{
    return k + 1 < c->se && joiner(c, k) &&
           word_is(c, k + 1, "s");
}

/* "Syria s war": a lone "s" after a capitalised word is a possessive whose
 * apostrophe the text lost (an encoding the source could not write). */
static inline bool bare_s_at(const ctx *c, uint32_t k)
{
    return k > c->sb && k < c->se && word_is(c, k, "s") &&
           (tok(c, k)->flags & GM_TOKF_SPACE_BEFORE) &&
           capitalised(c, k - 1);
}

static inline unsigned cues(const ctx *c, uint32_t k)
{
    const gm_token *t = tok(c, k);
    if (t->kind == GM_TOK_PUNCT)
        return 0;
    return gm_cue_classes_hashed(folded(c, k), t->fold_len,
                                 t->hash);
}

/* Whether token k is one of the list's words: its set kept in the list's
 * handle, so that the registry is asked once per list. */
static inline bool word_in(const ctx *c, uint32_t k, gm_event_words *words)
{
    const gm_token *t = gm_event_token_word(c->tv, c->ntok, k);
    if (!t)
        return false;
    return gm_event_word_answer(t, folded(c, k), gm_event_words_set(words),
                                words->words);
}

/* Punctuation that ends a clause (apostrophes and hyphens do not). */
static inline bool strong_punct(const ctx *c, uint32_t k)
{
    const gm_token *t = tok(c, k);
    if (t->kind != GM_TOK_PUNCT)
        return false;
    const unsigned char *s = (const unsigned char *)c->text + t->off;
    if (t->len == 1)
        return *s == ';' || *s == ':' || *s == '"' ||
               (*s == '-' && (t->flags & GM_TOKF_SPACE_BEFORE) &&
                k + 1 < c->se && (tok(c, k + 1)->flags & GM_TOKF_SPACE_BEFORE));
    return t->len == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
           (s[2] == 0x93 || s[2] == 0x94 || s[2] == 0x9C || s[2] == 0x9D);
}

static inline bool comma(const ctx *c, uint32_t k)
{
    return punct_is(c, k, ',');
}

/* Whether comma k sits inside a date, between its day and its year
 * ("on May 3, 1999"): no phrase nor clause ends there. */
static inline bool date_comma(const ctx *c, uint32_t k)
{
    if (k <= c->sb || k + 1 >= c->se)
        return false;
    const gm_token *d = tok(c, k - 1), *y = tok(c, k + 1);
    return d->kind == GM_TOK_NUMBER && d->len <= 2 &&
           y->kind == GM_TOK_NUMBER && y->len == 4;
}

/* ---- clauses and candidates ------------------------------------------ */

/* The clause of sentence token k (gm_attach_number_clauses). */
static inline uint8_t clause_of(const ctx *c, uint32_t k)
{
    return c->clause[k - c->sb];
}

/* "local government area" at token k, in any case: the division of
 * Nigeria named after its capitalised name ("X Local Government Area"),
 * not an organisation. */
static inline bool lga_at(const ctx *c, uint32_t k)
{
    return k + 2 < c->se && word_is(c, k, "local") &&
           word_is(c, k + 1, "government") &&
           (word_is(c, k + 2, "area") ||
            word_is(c, k + 2, "areas"));
}

/* The candidate whose tokens hold token k, NULL if none. */
static inline cand *cand_at(ctx *c, uint32_t k)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].tb <= k && k < c->v[i].te)
            return &c->v[i];
    return NULL;
}

/* ---- attach_names.c -------------------------------------------------- */

/* The end of the capitalised name that starts at b: capitalised words,
 * glued joiners, particles between capitalised words. */
uint32_t gm_attach_name_end(const ctx *c, uint32_t b);

/* The candidates of ctx's sentence with what follows each (look_after),
 * which no trigger changes; the clauses are numbered apart. */
void gm_attach_candidates(ctx *c, uint8_t *busy);

/* ---- attach_governor.c ----------------------------------------------- */

/* Whether y only contains x: x lies in y, or y is a bigger kind of
 * place, or an unknown name of a division ("Tuban District"). */
bool gm_attach_contains(const ctx *c, const cand *y, const cand *x);

/* Whether the possessive x owns a part of a place: "X's eastern
 * outskirts", "X's perimeter" (then X is a place). */
bool gm_attach_owns_part(const ctx *c, const cand *x);

/* The governor of candidate x, walking left. */
void gm_attach_governor(ctx *c, cand *x);

/* A name that may be a location: known to the gazetteer, or in a place
 * slot (a business's name before its noun is not: "the Blue Lantern bar"). */
bool gm_attach_plausible(const ctx *c, const cand *x);

/* ---- attach_score.c -------------------------------------------------- */

/* Numbers the clauses of the sentence: a new one after strong punctuation
 * and at ", and" between clauses. (Relative and subordinate clauses may
 * end anywhere; commas count against them in the score.) */
void gm_attach_number_clauses(ctx *c);

/* Whether the trigger opens a participle clause (", killing 12"): it
 * belongs to the clause before. */
bool gm_attach_participle_trigger(const ctx *c);

/* Whether a plausible candidate follows the trigger in its clause: ",
 * killing 5 in X" names the participle's own place; ", killing 5" takes
 * the clause before's. */
bool gm_attach_own_place_after(const ctx *c);

/* Whether the trigger is a verb whose object is a place, not a person
 * ("stormed X", "patrolled X", "shelled X"; but "captured X", "shot X"). */
bool gm_attach_place_object_verb(const ctx *c);

/* Whether the trigger is a verb of saying ("said", "reported"), whose
 * place is where it was said, not where what it reports happened. */
bool gm_attach_speech_verb(const ctx *c);

/* Whether the trigger is a verb of judging what others did ("condemned",
 * "accused"), whose object is another event with its own place. */
bool gm_attach_judging_verb(const ctx *c);

/* The token of "here" after the trigger in its clause ("demonstrated
 * here on Monday against policies in X"), UINT32_MAX if none: the event
 * was where the article was written, and a name past it is elsewhere
 * (but "here in X" names that place). */
uint32_t gm_attach_here_after(const ctx *c);

/* The score of candidate x as the trigger's location (attach.c places the
 * event at MIN_SCORE). The weights were set on a development set of news
 * sentences (half of it, checked on the other half) and rounded: a
 * governing locative or the trigger's object first, a place noun for, a
 * container, an actor, a general noun ("the war in X") or a region
 * against. */
float gm_attach_score(const ctx *c, const cand *x);

/* ---- attach_list.c --------------------------------------------------- */

/* Where the span of x ends: an unknown name before a lower-case noun of
 * a building, at most two lower-case words apart, is named for a person
 * or a body, and the noun is part of its name ("the X maternity
 * hospital", "the Y school"); a known place before it is only the town it
 * stands in ("a Y hotel": Y). */
uint32_t gm_attach_span_end(const ctx *c, const cand *x);

/* Whether a lower-case division noun follows y ("Y county", "Y local
 * government area"): "X village, Y county" names where X lies. */
bool gm_attach_division_after(const ctx *c, const cand *y);

/* The candidate coordinated with x in direction dir (+1 right, -1 left):
 * "X, Y and Z", "X and Y", "2,000 in X and 500 in Y"; NULL when none. */
cand *gm_attach_coordinated(ctx *c, const cand *x, int dir);

/* Whether the run from x to y holds "and"/"or": a list, not a chain of
 * containers. */
bool gm_attach_list_between(const ctx *c, uint32_t a, uint32_t b);

/* Whether "of" lies between tokens a and b. */
bool gm_attach_of_between(const ctx *c, uint32_t a, uint32_t b);

/* Whether a list goes on after y with "and"/"or" ("X, Y and Z"). */
bool gm_attach_list_goes_on(ctx *c, cand *y);

/* Whether what follows y may go on with a list: not a verb or an adverb
 * ("in X, Y said", "in X, Y quickly marched"). */
bool gm_attach_list_next(const ctx *c, const cand *y);

/* Whether y, after the trigger and ", and", is the subject of a clause of
 * its own: an auxiliary follows it ("killed in X, and Y is still held";
 * but "the villages of X and Y are shelled"). */
bool gm_attach_opens_clause(const ctx *c, const cand *y);

/* Whether ", Z" after y names what contains y with no "and" between:
 * "X, Y, Z" is then an address, each name holding the one before. */
bool gm_attach_address_goes_on(ctx *c, cand *y);

#endif
