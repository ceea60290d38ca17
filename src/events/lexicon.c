/* The trigger lexicon, written for geomap (src/events/README.md lists it by
 * CAMEO code, with the reasons for the choices that the codebook leaves
 * open), and the matcher that reads it. The rows are sorted by their first
 * word without "+" (strcmp order), so that the rows of one first word are
 * one run, which gm_event_lex_match's index needs and test_events checks. */
#include "events/lexicon.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"

/* A trigger that is not an event when an object or a clause follows it:
 * "demonstrated that", "demonstrated its resolve". */
#define LEX_NO_OBJECT (1u << 8)

/* Words a "..." lets pass. */
#define GAP_WORDS 3

typedef struct lex_row {
    const char *pattern;
    const char *code;
    unsigned flags;
} lex_row;

static const lex_row rows[] = {
    { "abduct+", "181", 0 },
    { "abduction", "181", GM_LEX_NOUN },
    { "accuse+", "112", GM_LEX_SPEECH },
    { "agree+ to ... cease fire", "0871", 0 },
    { "agree+ to ... ceasefire", "0871", 0 },
    { "agree+ to ... talks", "036", 0 },
    { "agree+ to ... truce", "0871", 0 },
    { "agree+ to meet", "036", 0 },
    { "agree+ to negotiate", "036", 0 },
    { "aid convoy", "073", GM_LEX_NOUN },
    { "air attack", "195", GM_LEX_NOUN },
    { "air raid", "195", GM_LEX_NOUN },
    { "air strike+", "195", GM_LEX_NOUN },
    { "airstrike+", "195", GM_LEX_NOUN },
    { "ambush+", "190", 0 },
    { "arrest+", "173", 0 },
    { "artillery fire", "194", GM_LEX_NOUN },
    { "assassinate+", "186", 0 },
    { "assassination", "186", GM_LEX_NOUN },
    { "assassination attempt", "185", GM_LEX_NOUN },
    { "attack+", "190", 0 },
    { "battle+", "190", GM_LEX_WEAK },
    { "beat+ to death", "1823", 0 },
    { "behead+", "1823", 0 },
    { "besiege+", "191", 0 },
    { "blast", "183", GM_LEX_NOUN },
    { "blockade+", "191", 0 },
    { "blow+ herself up", "1831", 0 },
    { "blow+ himself up", "1831", 0 },
    { "blow+ themselves up", "1831", 0 },
    { "blow+ up", "183", 0 },
    { "bomb+", "183", GM_LEX_WEAK },
    { "bombard+", "194", 0 },
    { "bombardment", "194", GM_LEX_NOUN },
    { "boycott+", "143", 0 },
    { "break+ ... ceasefire", "196", 0 },
    { "break+ ... truce", "196", 0 },
    { "break+ off ... relations", "161", 0 },
    { "break+ off ... talks", "164", 0 },
    { "burn+", "1712", GM_LEX_WEAK },
    { "call+ for ... ceasefire", "0256", GM_LEX_SPEECH },
    { "call+ for ... talks", "026", GM_LEX_SPEECH },
    { "call+ for ... truce", "0256", GM_LEX_SPEECH },
    { "capture+", "192", GM_LEX_WEAK },
    { "car bomb+", "1832", GM_LEX_NOUN },
    { "cease fire", "0871", GM_LEX_NOUN },
    { "ceasefire", "0871", GM_LEX_NOUN },
    { "ceasefire violation+", "196", GM_LEX_NOUN },
    { "clash+", "190", 0 },
    { "clash+ with ... police", "145", 0 },
    { "condemn+", "111", GM_LEX_SPEECH },
    { "confiscate+", "1711", 0 },
    { "crack+ down", "175", 0 },
    { "crackdown", "175", GM_LEX_NOUN },
    { "criticise+", "111", GM_LEX_SPEECH },
    { "criticize+", "111", GM_LEX_SPEECH },
    { "curfew", "1723", GM_LEX_NOUN | GM_LEX_WEAK },
    { "declare+ ... ceasefire", "0871", 0 },
    { "declare+ ... martial law", "1724", 0 },
    { "declare+ ... state of emergency", "1724", 0 },
    { "declare+ ... truce", "0871", 0 },
    { "deliver+ ... aid", "073", 0 },
    { "deliver+ ... assistance", "073", 0 },
    { "deliver+ ... food", "073", 0 },
    { "deliver+ ... supplies", "073", 0 },
    { "demolish+", "1712", 0 },
    { "demonstrate+", "141", LEX_NO_OBJECT },
    { "demonstration", "141", GM_LEX_NOUN },
    { "demonstrator+", "141", GM_LEX_NOUN | GM_LEX_WEAK },
    { "denounce+", "111", GM_LEX_SPEECH },
    { "deploy+ ... peacekeepers", "074", 0 },
    { "deploy+ ... troops", "154", 0 },
    { "deport+", "174", 0 },
    { "destroy+", "1712", GM_LEX_WEAK },
    { "detain+", "173", 0 },
    { "detonate+", "183", 0 },
    { "distribute+ ... aid", "073", 0 },
    { "drone attack", "1952", GM_LEX_NOUN },
    { "drone strike+", "1952", GM_LEX_NOUN },
    { "ease+ ... blockade", "0872", 0 },
    { "embargo", "163", GM_LEX_NOUN | GM_LEX_WEAK },
    { "execute+", "1823", GM_LEX_WEAK },
    { "expel+", "174", 0 },
    { "explode+", "183", 0 },
    { "explosion", "183", GM_LEX_NOUN },
    { "fight+", "190", GM_LEX_WEAK },
    { "fire+ ... missiles", "195", 0 },
    { "fire+ ... mortars", "194", 0 },
    { "fire+ ... rocket", "194", 0 },
    { "fire+ ... rockets", "194", 0 },
    { "fire+ ... shells", "194", 0 },
    { "fire+ at", "193", 0 },
    { "fire+ on", "193", 0 },
    { "fire+ tear gas", "175", 0 },
    { "firefight", "193", GM_LEX_NOUN },
    { "free+ ... hostages", "0841", 0 },
    { "free+ ... prisoners", "0841", 0 },
    { "general strike", "143", GM_LEX_NOUN },
    { "go+ on strike", "143", 0 },
    { "grant+ ... asylum", "075", 0 },
    { "gun battle", "193", GM_LEX_NOUN },
    { "gun+ down", "193", 0 },
    { "gunbattle", "193", GM_LEX_NOUN },
    { "gunfight", "193", GM_LEX_NOUN },
    { "gunfire", "193", GM_LEX_NOUN },
    { "halt+ ... fighting", "087", 0 },
    { "halt+ ... military action", "087", 0 },
    { "halt+ ... military operations", "087", 0 },
    { "halt+ ... offensive", "087", 0 },
    { "halt+ ... talks", "164", 0 },
    { "hijack+", "181", 0 },
    { "hold+ ... talks", "046", 0 },
    { "hunger strike", "142", GM_LEX_NOUN },
    { "impose+ ... blockade", "191", 0 },
    { "impose+ ... curfew", "1723", 0 },
    { "impose+ ... martial law", "1724", 0 },
    { "impose+ ... sanctions", "163", 0 },
    { "invade+", "192", 0 },
    { "invasion", "192", GM_LEX_NOUN },
    { "investigate+", "090", GM_LEX_WEAK },
    { "kidnap+", "181", 0 },
    { "kill+", "190", GM_LEX_CASUALTY },
    { "lay+ siege", "191", 0 },
    { "lift+ ... blockade", "0872", 0 },
    { "lift+ ... curfew", "0813", 0 },
    { "lift+ ... siege", "0872", 0 },
    { "loot+", "1711", GM_LEX_WEAK },
    { "march+", "141", 0 },
    { "martial law", "1724", GM_LEX_NOUN },
    { "mass killing+", "202", GM_LEX_NOUN },
    { "massacre+", "202", 0 },
    { "mediate+", "045", 0 },
    { "mediation", "045", GM_LEX_NOUN },
    { "meet+ with", "040", GM_LEX_WEAK },
    { "military drill+", "150", GM_LEX_NOUN },
    { "military exercise+", "150", GM_LEX_NOUN },
    { "mobilise+", "154", GM_LEX_WEAK },
    { "mobilize+", "154", GM_LEX_WEAK },
    { "mortar attack", "194", GM_LEX_NOUN },
    { "mortar fire", "194", GM_LEX_NOUN },
    { "murder+", "1823", 0 },
    { "negotiate+", "046", 0 },
    { "negotiation+", "046", GM_LEX_NOUN },
    { "occupy+", "192", 0 },
    { "offensive", "190", GM_LEX_NOUN | GM_LEX_WEAK },
    { "open+ fire", "193", 0 },
    { "overrun+", "192", 0 },
    { "patrol+", "150", 0 },
    { "peace accord", "057", GM_LEX_NOUN },
    { "peace agreement", "057", GM_LEX_NOUN },
    { "peace deal", "057", GM_LEX_NOUN },
    { "peace talks", "046", GM_LEX_NOUN },
    { "protest+", "141", 0 },
    { "protester+", "141", GM_LEX_NOUN | GM_LEX_WEAK },
    { "protestor+", "141", GM_LEX_NOUN | GM_LEX_WEAK },
    { "raid+", "170", 0 },
    { "rally+", "141", GM_LEX_NOUN | GM_LEX_WEAK },
    { "rape+", "1821", 0 },
    { "reject+", "120", GM_LEX_SPEECH | GM_LEX_WEAK },
    { "release+ ... detainees", "0841", 0 },
    { "release+ ... hostages", "0841", 0 },
    { "release+ ... prisoners", "0841", 0 },
    { "retreat+", "0874", GM_LEX_WEAK },
    { "riot+", "145", 0 },
    { "rioter+", "145", GM_LEX_NOUN },
    { "roadside bomb+", "1833", GM_LEX_NOUN },
    { "rocket attack", "194", GM_LEX_NOUN },
    { "rocket fire", "194", GM_LEX_NOUN },
    { "seize+", "192", GM_LEX_WEAK },
    { "sever+ ... relations", "161", 0 },
    { "sever+ ... ties", "161", 0 },
    { "shell+", "194", 0 },
    { "shoot+", "193", 0 },
    { "siege", "191", GM_LEX_NOUN },
    { "sign+ ... accord", "057", 0 },
    { "sign+ ... agreement", "057", 0 },
    { "sign+ ... ceasefire", "0871", 0 },
    { "sign+ ... deal", "057", 0 },
    { "sign+ ... treaty", "057", 0 },
    { "sign+ ... truce", "0871", 0 },
    { "sit in", "141", GM_LEX_NOUN },
    { "slay+", "1823", 0 },
    { "sniper fire", "193", GM_LEX_NOUN },
    { "stab+", "182", 0 },
    { "state of emergency", "1724", GM_LEX_NOUN },
    { "stormed", "190", 0 },
    { "storming", "190", GM_LEX_NOUN },
    { "struck", "190", GM_LEX_WEAK },
    { "suicide attack", "1831", GM_LEX_NOUN },
    { "suicide bomb+", "1831", GM_LEX_NOUN },
    { "suicide bomber+", "1831", GM_LEX_NOUN },
    { "surrender+", "0874", 0 },
    { "take+ ... hostage", "181", 0 },
    { "take+ ... hostages", "181", 0 },
    { "take+ control", "192", 0 },
    { "take+ into custody", "173", 0 },
    { "take+ over", "192", GM_LEX_WEAK },
    { "take+ to the streets", "141", 0 },
    { "talks", "046", GM_LEX_NOUN },
    { "tear gas", "175", GM_LEX_NOUN },
    { "threaten+", "130", GM_LEX_SPEECH | GM_LEX_WEAK },
    { "torch+", "1712", 0 },
    { "torture+", "1822", 0 },
    { "truce", "0871", GM_LEX_NOUN },
    { "unrest", "145", GM_LEX_NOUN | GM_LEX_WEAK },
    { "violate+ ... ceasefire", "196", 0 },
    { "violate+ ... truce", "196", 0 },
    { "visit+", "042", GM_LEX_WEAK },
    { "walk+ out", "143", GM_LEX_WEAK },
    { "walkout", "143", GM_LEX_NOUN },
    { "withdraw+ ... forces", "0874", 0 },
    { "withdraw+ ... troops", "0874", 0 },
    { "wound+", "190", GM_LEX_CASUALTY | GM_LEX_WEAK },
};

/* Every code a row uses, with the codebook's label. */
static const gm_event_code codes[] = {
    { "026", "appeal to others to meet or negotiate" },
    { "0256", "appeal for de-escalation of military engagement" },
    { "036", "express intent to meet or negotiate" },
    { "040", "consult" },
    { "042", "make a visit" },
    { "045", "mediate" },
    { "046", "engage in negotiation" },
    { "057", "sign formal agreement" },
    { "073", "provide humanitarian aid" },
    { "074", "provide military protection or peacekeeping" },
    { "075", "grant asylum" },
    { "0813", "ease curfew" },
    { "0841", "return, release persons" },
    { "087", "de-escalate military engagement" },
    { "0871", "declare truce, ceasefire" },
    { "0872", "ease military blockade" },
    { "0874", "retreat or surrender militarily" },
    { "090", "investigate" },
    { "111", "criticize or denounce" },
    { "112", "accuse" },
    { "120", "reject" },
    { "130", "threaten" },
    { "141", "demonstrate or rally" },
    { "142", "conduct hunger strike" },
    { "143", "conduct strike or boycott" },
    { "145", "protest violently, riot" },
    { "150", "demonstrate military or police power" },
    { "154", "mobilize or increase armed forces" },
    { "161", "reduce or break diplomatic relations" },
    { "163", "impose embargo, boycott, or sanctions" },
    { "164", "halt negotiations" },
    { "170", "coerce" },
    { "1711", "confiscate property" },
    { "1712", "destroy property" },
    { "1723", "impose curfew" },
    { "1724", "impose state of emergency or martial law" },
    { "173", "arrest, detain, or charge with legal action" },
    { "174", "expel or deport individuals" },
    { "175", "use tactics of violent repression" },
    { "181", "abduct, hijack, or take hostage" },
    { "182", "physically assault" },
    { "1821", "sexually assault" },
    { "1822", "torture" },
    { "1823", "kill by physical assault" },
    { "183", "conduct suicide, car, or other non-military bombing" },
    { "1831", "carry out suicide bombing" },
    { "1832", "carry out car bombing" },
    { "1833", "carry out roadside bombing" },
    { "185", "attempt to assassinate" },
    { "186", "assassinate" },
    { "190", "use conventional military force" },
    { "191", "impose blockade, restrict movement" },
    { "192", "occupy territory" },
    { "193", "fight with small arms and light weapons" },
    { "194", "fight with artillery and tanks" },
    { "195", "employ aerial weapons" },
    { "1952", "employ remotely piloted aerial munitions" },
    { "196", "violate ceasefire" },
    { "202", "engage in mass killings" },
};

/* Irregular forms of the verbs the rows use: form, lemma. */
static const char *const irregular[][2] = {
    { "began", "begin" },     { "begun", "begin" },
    { "beaten", "beat" },     { "blew", "blow" },
    { "blown", "blow" },      { "broke", "break" },
    { "broken", "break" },    { "brought", "bring" },
    { "burnt", "burn" },      { "caught", "catch" },
    { "fled", "flee" },       { "fought", "fight" },
    { "gone", "go" },         { "held", "hold" },
    { "laid", "lay" },        { "led", "lead" },
    { "met", "meet" },        { "overran", "overrun" },   { "said", "say" },
    { "sent", "send" },       { "shot", "shoot" },
    { "slain", "slay" },      { "slew", "slay" },
    { "struck", "strike" },   { "stricken", "strike" },
    { "taken", "take" },      { "took", "take" },
    { "told", "tell" },
    { "went", "go" },         { "withdrew", "withdraw" },
    { "withdrawn", "withdraw" },
};

/* Words that follow "demonstrated" when it means "showed". */
static const char *const object_words[] = {
    "that", "how", "its", "their", "his", "her", "the", "a", "an", "what",
    "our", "this", "these", "such", "no", "some", "great", "strong",
};

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* The lemmas being made: the caller's buffer and array, and their
 * lengths. */
typedef struct lemma_list {
    char *buf;
    size_t used;
    const char **out;
    size_t n;
    size_t len[GM_LEX_MAX_LEMMAS];
} lemma_list;

/* Appends w[0..len) + suffix (slen bytes) as a lemma when there is room and
 * it is new. */
static inline void add_lemma(lemma_list *l, const char *w, size_t len,
                             const char *suffix, size_t slen)
{
    if (len == 0 || l->n >= GM_LEX_MAX_LEMMAS ||
        l->used + len + slen + 1 > GM_LEX_LEMMA_BUF)
        return;
    char *d = l->buf + l->used;
    memcpy(d, w, len);
    memcpy(d + len, suffix, slen);
    d[len + slen] = '\0';
    for (size_t k = 0; k < l->n; k++)
        if (l->len[k] == len + slen && memcmp(l->out[k], d, len + slen) == 0)
            return;
    l->len[l->n] = len + slen;
    l->out[l->n++] = d;
    l->used += len + slen + 1;
}

static bool ends_with(const char *w, size_t len, const char *suffix)
{
    size_t s = strlen(suffix);
    return len > s + 1 && memcmp(w + len - s, suffix, s) == 0;
}

static const char *irregular_lemma(const char *w, size_t len);

/* gm_event_lemmas once the index is built (build_index uses it too). */
static size_t make_lemmas(const char *w, size_t len,
                          char buf[GM_LEX_LEMMA_BUF],
                          const char *out[GM_LEX_MAX_LEMMAS])
{
    lemma_list l = { buf, 0, out, 0, { 0 } };
    add_lemma(&l, w, len, "", 0);
    const char *base = irregular_lemma(w, len);
    if (base)
        add_lemma(&l, base, strlen(base), "", 0);
    if (ends_with(w, len, "ies")) {
        add_lemma(&l, w, len - 3, "y", 1);
    } else if (ends_with(w, len, "es")) {
        add_lemma(&l, w, len - 2, "", 0);
        add_lemma(&l, w, len - 1, "", 0);
    } else if (ends_with(w, len, "s") && !ends_with(w, len, "ss")) {
        add_lemma(&l, w, len - 1, "", 0);
    } else if (ends_with(w, len, "ied")) {
        add_lemma(&l, w, len - 3, "y", 1);
    } else if (ends_with(w, len, "ed")) {
        size_t stem = len - 2;
        add_lemma(&l, w, stem, "", 0);
        add_lemma(&l, w, stem, "e", 1);
        /* "patrolled" → "patrol", "stopped" → "stop" */
        if (stem >= 3 && w[stem - 1] == w[stem - 2] && !is_vowel(w[stem - 1]))
            add_lemma(&l, w, stem - 1, "", 0);
    } else if (ends_with(w, len, "ing")) {
        size_t stem = len - 3;
        add_lemma(&l, w, stem, "", 0);
        add_lemma(&l, w, stem, "e", 1);
        if (stem >= 3 && w[stem - 1] == w[stem - 2] && !is_vowel(w[stem - 1]))
            add_lemma(&l, w, stem - 1, "", 0);
    }
    return l.n;
}

/* Hyphens and apostrophes between the words of an expression. */
static bool joiner(const char *text, const gm_token *t)
{
    if (t->kind != GM_TOK_PUNCT)
        return false;
    const unsigned char *c = (const unsigned char *)text + t->off;
    if (t->len == 1)
        return *c == '-' || *c == '\'';
    /* U+2019 right single quote, U+2010/2011 hyphens */
    return t->len == 3 && c[0] == 0xE2 && c[1] == 0x80 &&
           (c[2] == 0x99 || c[2] == 0x90 || c[2] == 0x91);
}

/* The next word token after k (across joiners), or limit. */
static uint32_t next_word(const char *text, const gm_tok_list *toks,
                          uint32_t k, uint32_t limit)
{
    k++;
    while (k < limit && joiner(text, &toks->v[k]))
        k++;
    if (k < limit && toks->v[k].kind == GM_TOK_PUNCT)
        return limit;
    return k;
}

/* Length of the first word of a pattern, and whether it takes "+". */
static size_t word_len(const char *p, bool *inflect)
{
    size_t n = 0;
    while (p[n] && p[n] != ' ' && p[n] != '+')
        n++;
    *inflect = p[n] == '+';
    return n;
}

/* Whether token k matches the pattern word p[0..n) (inflect: through its
 * lemmas). */
static bool word_matches(const gm_tok_list *toks, uint32_t k, const char *p,
                         size_t n, bool inflect)
{
    const gm_token *t = &toks->v[k];
    const char *w = gm_tok_folded(toks, k);
    if (t->fold_len == n && memcmp(w, p, n) == 0)
        return true;
    if (!inflect)
        return false;
    /* A lemma other than the word is its irregular one, or a prefix of it
     * with at most one letter put back ("rallies" → "rally"): a word that
     * does not start with p less its last byte has no other. */
    if (n == 0 || t->fold_len < n - 1 || memcmp(w, p, n - 1) != 0) {
        const char *base = irregular_lemma(w, t->fold_len);
        return base && strlen(base) == n && memcmp(base, p, n) == 0;
    }
    char buf[GM_LEX_LEMMA_BUF];
    const char *lemmas[GM_LEX_MAX_LEMMAS];
    size_t count = make_lemmas(w, t->fold_len, buf, lemmas);
    for (size_t l = 1; l < count; l++)
        if (strlen(lemmas[l]) == n && memcmp(lemmas[l], p, n) == 0)
            return true;
    return false;
}

/* The words of the rows after their first, read once when the index is
 * built, so that a match neither measures a pattern's words again nor
 * compares a word whose hash differs. */
typedef struct rest_word {
    const char *w;              /* in the pattern; NULL for "..." */
    uint32_t hash;              /* gm_event_word_hash(w, len) */
    uint8_t len;
    bool inflect;               /* "+" */
} rest_word;
#define REST_WORDS 1024
static rest_word rest_words[REST_WORDS];

#ifndef NDEBUG
/* Matches the rest of a pattern (after its first word) from the word after
 * token k; returns the end token or 0. */
static uint32_t match_rest(const char *text, const gm_tok_list *toks,
                           uint32_t k, uint32_t limit, const char *p)
{
    while (*p == ' ')
        p++;
    if (!*p)
        return k + 1;
    if (strncmp(p, "...", 3) == 0) {
        const char *rest = p + 3;
        uint32_t at = k;
        for (int skipped = 0; skipped <= GAP_WORDS; skipped++) {
            uint32_t end = match_rest(text, toks, at, limit, rest);
            if (end)
                return end;
            at = next_word(text, toks, at, limit);
            if (at >= limit)
                return 0;
        }
        return 0;
    }
    uint32_t next = next_word(text, toks, k, limit);
    if (next >= limit)
        return 0;
    bool inflect;
    size_t n = word_len(p, &inflect);
    if (!word_matches(toks, next, p, n, inflect))
        return 0;
    return match_rest(text, toks, next, limit, p + n + (inflect ? 1 : 0));
}

#endif

/* The words from a trigger's first on, as next_word walks them: pos[0] the
 * first, pos[j + 1] next_word of pos[j] (limit once the words end), made
 * as far as a row asks and shared by the rows of the word, so that rows
 * with a gap ("sign+ ... accord", "sign+ ... treaty") do not walk the same
 * words again. A match reads at most CHAIN_WORDS words past the first
 * (compile_rest checks every row). */
#define CHAIN_WORDS 31
typedef struct word_chain {
    const char *text;
    const gm_tok_list *toks;
    uint32_t limit;
    uint32_t n;                 /* pos[0..n) made */
    uint32_t pos[CHAIN_WORDS + 1];
} word_chain;

static inline uint32_t chain_at(word_chain *c, uint32_t j)
{
    assert(j <= CHAIN_WORDS);
    while (c->n <= j) {
        uint32_t prev = c->pos[c->n - 1];
        c->pos[c->n++] = prev >= c->limit
                             ? c->limit
                             : next_word(c->text, c->toks, prev, c->limit);
    }
    return c->pos[j];
}

/* Whether the chain's word j is the pattern word w (not "..."). */
static inline bool chain_word_is(word_chain *c, uint32_t j,
                                 const rest_word *w)
{
    uint32_t k = c->pos[j];
    /* the token's hash tells most words that are not the pattern's */
    const gm_token *t = &c->toks->v[k];
    if (t->hash == w->hash && t->fold_len == w->len &&
        memcmp(gm_tok_folded(c->toks, k), w->w, w->len) == 0)
        return true;
    return w->inflect && word_matches(c->toks, k, w->w, w->len, true);
}

/* match_rest over a row's compiled words w[0..n), from the chain's word
 * j: the words in a loop, a gap by trying what follows it at each of its
 * words. */
static uint32_t match_words(word_chain *c, uint32_t j, const rest_word *w,
                            size_t n)
{
    for (; n; w++, n--) {
        if (!w->w) {
            uint32_t at = j;
            for (int skipped = 0; skipped <= GAP_WORDS; skipped++) {
                /* a word after the gap that the next word is not: no
                 * match from here, told without the call */
                bool may = n == 1 || !w[1].w ||
                           (chain_at(c, at + 1) < c->limit &&
                            chain_word_is(c, at + 1, &w[1]));
                uint32_t end = may ? match_words(c, at, w + 1, n - 1) : 0;
                if (end)
                    return end;
                if (chain_at(c, ++at) >= c->limit)
                    return 0;
            }
            return 0;
        }
        if (chain_at(c, j + 1) >= c->limit || !chain_word_is(c, j + 1, w))
            return 0;
        j++;
    }
    return c->pos[j] + 1;
}

static bool followed_by_object(const gm_tok_list *toks, uint32_t end,
                               uint32_t limit)
{
    if (end >= limit || toks->v[end].kind != GM_TOK_WORD)
        return false;
    const char *w = gm_tok_folded(toks, end);
    size_t len = toks->v[end].fold_len;
    for (size_t k = 0; k < sizeof object_words / sizeof object_words[0]; k++)
        if (strlen(object_words[k]) == len &&
            memcmp(object_words[k], w, len) == 0)
            return true;
    return false;
}

/* ---- the index over the rows ----------------------------------------- */

/* The rows by their first word: an open-addressing table of the distinct
 * first words, each with its run of rows [lo, hi) (the rows are sorted by
 * it). The words whose lemmas include one (surface_slots below), and a
 * filter that tells from the top bits of a word's hash (the token's own,
 * made by the tokeniser) that it is none of them, so that most words are
 * rejected by one bit of a small table before any probe of the larger
 * one. Built once, on first use, for all threads. */
#define HEAD_SLOTS 512          /* a power of two, over twice the heads */
#define FORM_BITS 65536         /* the filter's bits */

typedef struct head_slot {
    const char *word;           /* the row's pattern: its first word */
    uint16_t len, lo, hi;       /* the word's length, rows [lo, hi) */
} head_slot;

static head_slot head_slots[HEAD_SLOTS];

/* What a match needs of each row, read once: the length of its first
 * word, whether that takes "+", and its code's entry. */
typedef struct row_head {
    const gm_event_code *entry;
    uint8_t len;
    bool inflect;
    uint8_t n_rest;             /* words of rest */
    uint16_t rest;              /* its first in rest_words */
} row_head;

#define N_ROWS (sizeof rows / sizeof rows[0])
static row_head row_heads[N_ROWS];
static uint64_t form_filter[FORM_BITS / 64];
/* First bytes of the irregular forms whose lemma starts otherwise. */
static uint64_t initial_changers[256 / 64];
/* The irregular forms by a hash of the form: row + 1, 0 when empty. */
#define IRREGULAR_SLOTS 128
static uint8_t irregular_slots[IRREGULAR_SLOTS];
/* Every word some lemma of which heads a row ("shelled", "rallies",
 * "shot"), with those heads in the order of its lemmas, so that a word
 * costs one probe instead of the making of its lemmas and a probe for
 * each. Made from the heads and the irregular forms by putting back the
 * suffixes gm_event_lemmas undoes, each form checked by gm_event_lemmas
 * itself. */
#define SURFACE_SLOTS 4096      /* a power of two, over twice the forms */
#define SURFACE_POOL 65536
typedef struct surface_slot {
    uint32_t off, hash;         /* the form in surface_pool, its hash */
    uint16_t len;               /* 0: empty */
    uint8_t n;                  /* heads */
    bool itself;                /* head[0] is the form itself (lemma 0) */
    uint16_t head[GM_LEX_MAX_LEMMAS]; /* head_slots indices */
} surface_slot;
static surface_slot surface_slots[SURFACE_SLOTS];
static char surface_pool[SURFACE_POOL];
static size_t surface_used, surface_count;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;
/* Set, with release order, once build_index has run: the calls for every
 * article then test it instead of calling pthread_once. */
static atomic_bool index_built;

/* The filter's bit of a word hashed as hash (the slots take the low
 * bits). */
static inline size_t form_bit(uint32_t hash)
{
    _Static_assert(FORM_BITS == 65536, "the filter takes 16 bits");
    return hash >> 16;
}

/* The head_slots index of the head key[0..len), or -1. */
static int head_index(const char *key, size_t len)
{
    size_t i = gm_event_word_hash(key, len) & (HEAD_SLOTS - 1);
    for (; head_slots[i].word; i = (i + 1) & (HEAD_SLOTS - 1))
        if (head_slots[i].len == len &&
            memcmp(head_slots[i].word, key, len) == 0)
            return (int)i;
    return -1;
}

/* The form w[0..len), hashed as h, or NULL. */
static const surface_slot *surface_find(const char *w, size_t len, uint32_t h)
{
    for (size_t i = h & (SURFACE_SLOTS - 1); surface_slots[i].len;
         i = (i + 1) & (SURFACE_SLOTS - 1)) {
        const surface_slot *s = &surface_slots[i];
        if (s->hash == h && s->len == len &&
            memcmp(surface_pool + s->off, w, len) == 0)
            return s;
    }
    return NULL;
}

/* Enters the form w[0..len) with the heads among its lemmas, if any. */
static void add_surface(const char *w, size_t len)
{
    if (len == 0 || surface_find(w, len, gm_event_word_hash(w, len)))
        return;
    char buf[GM_LEX_LEMMA_BUF];
    const char *lemmas[GM_LEX_MAX_LEMMAS];
    size_t n = make_lemmas(w, len, buf, lemmas);
    surface_slot s = { 0 };
    for (size_t l = 0; l < n; l++) {
        int h = head_index(lemmas[l], strlen(lemmas[l]));
        if (h < 0)
            continue;
        if (l == 0)
            s.itself = true;
        s.head[s.n++] = (uint16_t)h;
    }
    if (s.n == 0)
        return;
    assert(surface_used + len <= SURFACE_POOL &&
           2 * (surface_count + 1) <= SURFACE_SLOTS);
    if (surface_used + len > SURFACE_POOL ||
        2 * (surface_count + 1) > SURFACE_SLOTS)
        abort(); /* the tables are sized for the rows: never at run time */
    memcpy(surface_pool + surface_used, w, len);
    s.off = (uint32_t)surface_used;
    s.len = (uint16_t)len;
    s.hash = gm_event_word_hash(w, len);
    surface_used += len;
    size_t bit = form_bit(s.hash);
    form_filter[bit / 64] |= (uint64_t)1 << (bit % 64);
    size_t i = s.hash & (SURFACE_SLOTS - 1);
    while (surface_slots[i].len)
        i = (i + 1) & (SURFACE_SLOTS - 1);
    surface_slots[i] = s;
    surface_count++;
}

/* Enters head[0..cut) + suffix. */
static void add_form(const char *head, size_t cut, const char *suffix)
{
    char w[64];
    size_t slen = strlen(suffix);
    if (cut + slen > sizeof w)
        return;
    memcpy(w, head, cut);
    memcpy(w + cut, suffix, slen);
    add_surface(w, cut + slen);
}

/* Every word of which the head h[0..len) may be a lemma: the inverse of
 * each rule of gm_event_lemmas. */
static void add_forms(const char *h, size_t len)
{
    char last[2] = { h[len - 1], '\0' };
    add_form(h, len, "");
    add_form(h, len, "s");       /* "attacks"; "fires" (es → e) */
    add_form(h, len, "es");      /* "clashes" */
    add_form(h, len, "ed");
    add_form(h, len, "ing");
    char doubled[8];
    snprintf(doubled, sizeof doubled, "%sed", last);  /* "patrolled" */
    add_form(h, len, doubled);
    snprintf(doubled, sizeof doubled, "%sing", last);
    add_form(h, len, doubled);
    if (h[len - 1] == 'e') {     /* "fired", "firing" */
        add_form(h, len - 1, "ed");
        add_form(h, len - 1, "ing");
    }
    if (h[len - 1] == 'y') {     /* "rallies", "rallied" */
        add_form(h, len - 1, "ies");
        add_form(h, len - 1, "ied");
    }
}

/* Reads the rest of row r's pattern p into rest_words, as match_rest
 * would read it. */
static void compile_rest(size_t r, const char *p)
{
    static size_t used;
    row_heads[r].rest = (uint16_t)used;
    row_heads[r].n_rest = 0;
    size_t depth = 0; /* the chain's words a match of the row may read */
    for (;;) {
        while (*p == ' ')
            p++;
        if (!*p) {
            if (depth > CHAIN_WORDS)
                abort(); /* the chain is sized for the rows: never at run
                            time */
            return;
        }
        assert(used < REST_WORDS && row_heads[r].n_rest < UINT8_MAX);
        rest_word *rw = &rest_words[used++];
        row_heads[r].n_rest++;
        if (strncmp(p, "...", 3) == 0) {
            *rw = (rest_word){ NULL, 0, 0, false };
            p += 3;
            depth += GAP_WORDS + 1;
            continue;
        }
        depth++;
        bool inflect;
        size_t n = word_len(p, &inflect);
        assert(n <= UINT8_MAX);
        *rw = (rest_word){ p, gm_event_word_hash(p, n), (uint8_t)n, inflect };
        p += n + (inflect ? 1 : 0);
    }
}

static void build_index(void)
{
    size_t n_rows = N_ROWS;
    for (size_t r = 0; r < n_rows; r++) {
        size_t len = word_len(rows[r].pattern, &row_heads[r].inflect);
        assert(len <= UINT8_MAX);
        row_heads[r].len = (uint8_t)len;
        row_heads[r].entry = gm_event_code_find(rows[r].code);
        compile_rest(r, rows[r].pattern + len + row_heads[r].inflect);
    }
    for (size_t r = 0; r < n_rows;) {
        bool inflect;
        size_t len = word_len(rows[r].pattern, &inflect);
        size_t end = r + 1;
        while (end < n_rows) {
            size_t n = word_len(rows[end].pattern, &inflect);
            if (n != len || memcmp(rows[end].pattern, rows[r].pattern, n))
                break;
            end++;
        }
        size_t i = gm_event_word_hash(rows[r].pattern, len) & (HEAD_SLOTS - 1);
        while (head_slots[i].word)
            i = (i + 1) & (HEAD_SLOTS - 1);
        head_slots[i] = (head_slot){ rows[r].pattern, (uint16_t)len,
                                     (uint16_t)r, (uint16_t)end };
        r = end;
    }
    _Static_assert(sizeof irregular / sizeof irregular[0] < IRREGULAR_SLOTS / 2,
                   "the irregular forms fit their hash table");
    for (size_t k = 0; k < sizeof irregular / sizeof irregular[0]; k++) {
        size_t i = gm_event_word_hash(irregular[k][0],
                                      strlen(irregular[k][0])) &
                   (IRREGULAR_SLOTS - 1);
        while (irregular_slots[i])
            i = (i + 1) & (IRREGULAR_SLOTS - 1);
        irregular_slots[i] = (uint8_t)(k + 1);
        unsigned char c = (unsigned char)irregular[k][0][0];
        if (irregular[k][1][0] != irregular[k][0][0])
            initial_changers[c / 64] |= (uint64_t)1 << (c % 64);
    }
    /* the forms, checked by make_lemmas (which reads irregular_slots) */
    for (size_t i = 0; i < HEAD_SLOTS; i++)
        if (head_slots[i].word)
            add_forms(head_slots[i].word, head_slots[i].len);
    for (size_t k = 0; k < sizeof irregular / sizeof irregular[0]; k++)
        add_surface(irregular[k][0], strlen(irregular[k][0]));
}

static void build_index_and_say(void)
{
    build_index();
    atomic_store_explicit(&index_built, true, memory_order_release);
}

static inline void build_index_once(void)
{
    if (!atomic_load_explicit(&index_built, memory_order_acquire))
        pthread_once(&index_once, build_index_and_say);
}

/* Whether some lemma of the word hashed as hash may head a row (false:
 * none does). The index must be built. */
static inline bool may_head_a_row(uint32_t hash)
{
    size_t bit = form_bit(hash);
    return (form_filter[bit / 64] >> (bit % 64)) & 1;
}

/* The lemma of the irregular form w[0..len), or NULL when it is none (the
 * forms are distinct: one lemma at most). The index must be built. */
static const char *irregular_lemma(const char *w, size_t len)
{
    for (size_t i = gm_event_word_hash(w, len) & (IRREGULAR_SLOTS - 1);
         irregular_slots[i]; i = (i + 1) & (IRREGULAR_SLOTS - 1)) {
        const char *const *row = irregular[irregular_slots[i] - 1];
        if (strncmp(row[0], w, len) == 0 && row[0][len] == '\0')
            return row[1];
    }
    return NULL;
}

size_t gm_event_lemmas(const char *w, size_t len, char buf[GM_LEX_LEMMA_BUF],
                       const char *out[GM_LEX_MAX_LEMMAS])
{
    build_index_once();
    return make_lemmas(w, len, buf, out);
}

bool gm_event_lemmas_keep_initial(const char *w, size_t len)
{
    build_index_once();
    if (!((initial_changers[(unsigned char)w[0] / 64] >>
           ((unsigned char)w[0] % 64)) & 1))
        return true;
    const char *base = irregular_lemma(w, len);
    return !base || base[0] == w[0];
}

bool gm_event_lex_headline(const gm_tok_list *toks, uint32_t begin,
                           uint32_t end)
{
    uint32_t words = 0, capitalised = 0;
    for (uint32_t k = begin; k < end; k++) {
        const gm_token *t = &toks->v[k];
        if (t->kind != GM_TOK_WORD)
            continue;
        words++;
        if (t->flags & (GM_TOKF_UPPER_INITIAL | GM_TOKF_UNCASED))
            capitalised++;
        /* more lower-case words than 30% of all the words the sentence
         * can have: no headline, whatever follows */
        else if ((uint64_t)(words - capitalised) * 10 >
                 (uint64_t)(words + (end - k - 1)) * 3)
            return false;
    }
    return words >= 4 && capitalised * 10 >= words * 7;
}

/* Whether token i may start a trigger: a word, not a name, whose first
 * bytes some lemma of a row's first word can have. A capitalised word in
 * the middle of a sentence may only in a headline: *headline, told from
 * the sentence [begin, end) when it is -1 and needed. */
static inline bool may_start_trigger(const gm_tok_list *toks, uint32_t i,
                                     uint32_t begin, uint32_t end,
                                     int *headline)
{
    const gm_token *t = &toks->v[i];
    /* the filter first: it rejects most tokens, punctuation among them */
    if (!may_head_a_row(t->hash) || t->kind != GM_TOK_WORD ||
        t->fold_len == 0)
        return false;
    if ((t->flags & (GM_TOKF_UPPER_INITIAL | GM_TOKF_ALL_UPPER)) &&
        !(t->flags & GM_TOKF_SENT_START)) {
        if (*headline < 0)
            *headline = gm_event_lex_headline(toks, begin, end);
        return *headline;
    }
    return true;
}

/* gm_event_lex_match after may_start_trigger: the rows of each head among
 * the word's lemmas, in their order (an exact row takes the word as
 * written only). */
static bool match_at(const char *text, const gm_tok_list *toks, uint32_t i,
                     uint32_t limit, gm_event_lex_hit *hit)
{
    const gm_token *t = &toks->v[i];
    const surface_slot *form = surface_find(gm_tok_folded(toks, i),
                                            t->fold_len, t->hash);
    if (!form)
        return false;
    bool found = false;
    word_chain chain;
    chain.text = text;
    chain.toks = toks;
    chain.limit = limit;
    chain.n = 1;
    chain.pos[0] = i;
    for (size_t l = 0; l < form->n; l++) {
        const head_slot *head = &head_slots[form->head[l]];
        bool itself = l == 0 && form->itself;
        for (size_t r = head->lo; r < head->hi; r++) {
            const row_head *rh = &row_heads[r];
            if (!itself && !rh->inflect)
                continue;
            uint32_t end =
                match_words(&chain, 0, &rest_words[rh->rest], rh->n_rest);
            /* debug builds check every match against the pattern's text */
            assert(end == match_rest(text, toks, i, limit,
                                     rows[r].pattern + rh->len + rh->inflect));
            if (!end)
                continue;
            if ((rows[r].flags & LEX_NO_OBJECT) &&
                followed_by_object(toks, end, limit))
                continue;
            if (!found || end > hit->tok_end) {
                hit->tok_begin = i;
                hit->tok_end = end;
                hit->code = rows[r].code;
                hit->entry = rh->entry;
                hit->flags = rows[r].flags & ~LEX_NO_OBJECT;
                found = true;
            }
        }
    }
    return found;
}

bool gm_event_lex_match(const char *text, const gm_tok_list *toks, uint32_t i,
                        uint32_t limit, bool headline, gm_event_lex_hit *hit)
{
    build_index_once();
    int told = headline;
    return may_start_trigger(toks, i, i, limit, &told) &&
           match_at(text, toks, i, limit, hit);
}

bool gm_event_lex_next(const char *text, const gm_tok_list *toks,
                       uint32_t begin, uint32_t *i, uint32_t limit,
                       int *headline, gm_event_lex_hit *hit)
{
    build_index_once();
    /* the filter's test inline, on a pointer kept in a register: it is
     * all that most tokens cost */
    const gm_token *v = toks->v, *end = v + limit;
    for (const gm_token *t = v + *i; t < end; t++) {
        if (!may_head_a_row(t->hash))
            continue;
        uint32_t k = (uint32_t)(t - v);
        if (may_start_trigger(toks, k, begin, limit, headline) &&
            match_at(text, toks, k, limit, hit)) {
            *i = k;
            return true;
        }
    }
    *i = limit;
    return false;
}

/* ---- word sets ------------------------------------------------------- */

/* The registry of the sets (lexicon.h), and how many it holds. */
gm_event_registry_slot gm_event_registry[GM_LEX_REGISTRY_SLOTS];
static size_t registry_count;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

/* The words being put in a set: its slots, sized for their number. */
static gm_event_word_set *new_word_set(size_t n)
{
    size_t slots = 8;
    while (slots < 2 * n)
        slots *= 2;
    gm_event_word_set *set = gm_xcalloc(1, sizeof *set);
    set->slots = gm_xcalloc(slots, sizeof *set->slots);
    set->mask = slots - 1;
    return set;
}

/* Puts w[0..len) in set unless it is there; w must outlive the set. */
static void set_add(gm_event_word_set *set, const char *w, size_t len)
{
    uint32_t h = gm_event_word_hash(w, len);
    if (gm_event_word_set_has(set, w, len, h))
        return;
    size_t i = h & set->mask;
    while (set->slots[i].word)
        i = (i + 1) & set->mask;
    set->slots[i] = (gm_event_word_slot){ w, (uint32_t)len, h };
    set->filter[h >> 30] |= (uint64_t)1 << ((h >> 24) & 63);
}

static gm_event_word_set *make_word_set(const char *const *words)
{
    size_t n = 0;
    while (words[n])
        n++;
    gm_event_word_set *set = new_word_set(n);
    for (size_t k = 0; k < n; k++)
        set_add(set, words[k], strlen(words[k]));
    return set;
}

/* The forms being put in a lemma set, before the set is made. */
typedef struct form_list {
    const char *const *lemmas;  /* the list */
    char *pool;                 /* the forms, NUL-separated */
    size_t used, cap, n;
} form_list;

/* Keeps w[0..len) when one of its lemmas is in the list. */
static void keep_form(form_list *f, const char *w, size_t len)
{
    char buf[GM_LEX_LEMMA_BUF];
    const char *lemmas[GM_LEX_MAX_LEMMAS];
    size_t n = make_lemmas(w, len, buf, lemmas);
    bool listed = false;
    for (size_t l = 0; l < n && !listed; l++)
        for (const char *const *e = f->lemmas; *e && !listed; e++)
            listed = strcmp(lemmas[l], *e) == 0;
    if (!listed)
        return;
    if (f->used + len + 1 > f->cap) {
        f->cap = 2 * (f->used + len + 1);
        f->pool = gm_xrealloc(f->pool, f->cap);
    }
    memcpy(f->pool + f->used, w, len);
    f->pool[f->used + len] = '\0';
    f->used += len + 1;
    f->n++;
}

static void keep_form_of(form_list *f, const char *h, size_t cut,
                         const char *suffix)
{
    char w[64];
    size_t slen = strlen(suffix);
    if (cut == 0 || cut + slen > sizeof w)
        return;
    memcpy(w, h, cut);
    memcpy(w + cut, suffix, slen);
    keep_form(f, w, cut + slen);
}

/* The set of every word one of whose lemmas is in the list: the forms the
 * inverse of each rule of gm_event_lemmas makes of each listed word, and
 * the irregular forms, each kept when its lemmas include a listed word
 * (as for the heads of the rows: add_forms). */
static gm_event_word_set *make_lemma_set(const char *const *list)
{
    build_index_once();
    form_list f = { list, NULL, 0, 0, 0 };
    for (const char *const *e = list; *e; e++) {
        const char *h = *e;
        size_t len = strlen(h);
        if (len == 0)
            continue;
        char doubled[2][8];
        snprintf(doubled[0], sizeof doubled[0], "%ced", h[len - 1]);
        snprintf(doubled[1], sizeof doubled[1], "%cing", h[len - 1]);
        const char *const suffixes[] = { "", "s", "es", "ed", "ing",
                                         doubled[0], doubled[1] };
        for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++)
            keep_form_of(&f, h, len, suffixes[k]);
        if (h[len - 1] == 'e') {
            keep_form_of(&f, h, len - 1, "ed");
            keep_form_of(&f, h, len - 1, "ing");
        }
        if (h[len - 1] == 'y') {
            keep_form_of(&f, h, len - 1, "ies");
            keep_form_of(&f, h, len - 1, "ied");
        }
    }
    for (size_t k = 0; k < sizeof irregular / sizeof irregular[0]; k++)
        keep_form(&f, irregular[k][0], strlen(irregular[k][0]));
    gm_event_word_set *set = new_word_set(f.n);
    /* the pool is the set's for the life of the process, like the set */
    for (size_t at = 0; at < f.used;) {
        size_t len = strlen(f.pool + at);
        set_add(set, f.pool + at, len);
        at += len + 1;
    }
    return set;
}

const gm_event_word_set *gm_event_set_of(const char *const *words,
                                         bool lemmas)
{
    size_t i = gm_event_registry_index(words, lemmas);
    for (;; i = (i + 1) & (GM_LEX_REGISTRY_SLOTS - 1)) {
        const char *const *list = atomic_load_explicit(
            &gm_event_registry[i].list, memory_order_acquire);
        if (list == words && gm_event_registry[i].lemmas == lemmas)
            return gm_event_registry[i].set;
        if (!list)
            break;
    }
    gm_event_word_set *set = NULL;
    pthread_mutex_lock(&registry_lock);
    for (i = gm_event_registry_index(words, lemmas);;
         i = (i + 1) & (GM_LEX_REGISTRY_SLOTS - 1)) {
        const char *const *list = atomic_load_explicit(
            &gm_event_registry[i].list, memory_order_relaxed);
        if (list == words && gm_event_registry[i].lemmas == lemmas) {
            set = gm_event_registry[i].set;
            break;
        }
        if (!list) {
            if (registry_count < GM_LEX_MAX_WORD_SETS) {
                set = lemmas ? make_lemma_set(words) : make_word_set(words);
                gm_event_registry[i].set = set;
                gm_event_registry[i].lemmas = lemmas;
                registry_count++;
                atomic_store_explicit(&gm_event_registry[i].list, words,
                                      memory_order_release);
            }
            break;
        }
    }
    pthread_mutex_unlock(&registry_lock);
    return set;
}

/* ---- codes ------------------------------------------------------------ */

const gm_event_code *gm_event_code_find(const char *code)
{
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i].code[0] == code[0] && strcmp(codes[i].code, code) == 0)
            return &codes[i];
    return NULL;
}

void gm_event_code_root(const char *code, char root[3])
{
    root[0] = code[0];
    root[1] = code[0] ? code[1] : '\0';
    root[2] = '\0';
}

int gm_event_quad_class(const char *root)
{
    if (!root[0] || !root[1] || root[2])
        return 0;
    int r = (root[0] - '0') * 10 + (root[1] - '0');
    if (r >= 1 && r <= 5)
        return 1;
    if (r >= 6 && r <= 8)
        return 2;
    if (r >= 9 && r <= 13)
        return 3;
    if (r >= 14 && r <= 20)
        return 4;
    return 0;
}

size_t gm_event_lex_count(void)
{
    return sizeof rows / sizeof rows[0];
}

void gm_event_lex_row(size_t i, const char **pattern, const char **code,
                      unsigned *flags)
{
    *pattern = rows[i].pattern;
    *code = rows[i].code;
    *flags = rows[i].flags & ~LEX_NO_OBJECT;
}

size_t gm_event_code_count(void)
{
    return sizeof codes / sizeof codes[0];
}

const gm_event_code *gm_event_code_at(size_t i)
{
    return &codes[i];
}
