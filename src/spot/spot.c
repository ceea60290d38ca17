/* Spotting: longest-match lookup of token sequences in the gazetteer, and
 * the cues that keep words which only look like places out. */
#include "spot/spot.h"

#include "spot/cues.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "spot/same_bytes.h"

/* Longest folded key the spotter builds; longer sequences are not names. */
#define KEY_MAX_BYTES 512
/* How many capitalised words ahead the spotter asks for a word's block of
 * the key filter, and then (as many words later) for its slot of the key
 * table: enough to cover a memory access, few enough that the fetched
 * lines are still in cache when their turn comes. */
#define PREFETCH_AHEAD 8

/* Punctuation that may sit inside a name: "Nagorno-Karabakh", "St. Louis",
 * "Côte d'Ivoire". Commas and sentence ends may not. */
static bool name_joiner(const char *text, const gm_token *t)
{
    if (t->kind != GM_TOK_PUNCT)
        return false;
    const unsigned char *c = (const unsigned char *)text + t->off;
    if (t->len == 1)
        return *c == '-' || *c == '.' || *c == '\'';
    /* U+2019 right single quote, U+02BC modifier apostrophe, U+2010/2011
     * hyphens */
    return (t->len == 3 && c[0] == 0xE2 && c[1] == 0x80 &&
            (c[2] == 0x99 || c[2] == 0x90 || c[2] == 0x91)) ||
           (t->len == 2 && c[0] == 0xCA && c[1] == 0xBC);
}

static bool capitalised(const gm_token *t)
{
    return t->kind == GM_TOK_WORD &&
           (t->flags & (GM_TOKF_UPPER_INITIAL | GM_TOKF_UNCASED));
}

/* Every word of the span is in capitals (or a single capital letter:
 * "U.S."). */
static bool span_in_capitals(const gm_tok_list *toks, uint32_t begin,
                             uint32_t end)
{
    for (uint32_t k = begin; k < end; k++) {
        const gm_token *t = &toks->v[k];
        if (t->kind != GM_TOK_WORD)
            continue;
        bool single_capital =
            t->len == 1 && (t->flags & GM_TOKF_UPPER_INITIAL);
        if (!(t->flags & GM_TOKF_ALL_UPPER) && !single_capital)
            return false;
    }
    return true;
}

/* The word token before token i in the same sentence, or NULL. */
static const gm_token *previous_word(const gm_tok_list *toks, uint32_t i,
                                     uint32_t sentence_begin)
{
    while (i > sentence_begin) {
        const gm_token *t = &toks->v[--i];
        if (t->kind == GM_TOK_WORD)
            return t;
        /* "Mr." and "Dr." : skip the period of a title, nothing else */
        if (!(t->len == 1 && toks->v[i].kind == GM_TOK_PUNCT))
            return NULL;
    }
    return NULL;
}

/* The cue classes of token t, looked up once per article: cues holds one
 * entry per token, CUES_UNKNOWN until asked (the same words are asked
 * about again and again: before and after every candidate). */
#define CUES_UNKNOWN UINT16_MAX

static unsigned cues_of(uint16_t *cues, const gm_tok_list *toks,
                        const gm_token *t)
{
    size_t i = (size_t)(t - toks->v);
    if (cues[i] == CUES_UNKNOWN) {
        unsigned c = gm_cue_classes_hashed(gm_tok_folded(toks, i),
                                           t->fold_len, t->hash);
        assert(c < CUES_UNKNOWN);
        cues[i] = (uint16_t)c;
    }
    return cues[i];
}

/* The word right before token i, with only white space between, or NULL. */
static const gm_token *adjacent_word_before(const gm_tok_list *toks,
                                            uint32_t i, uint32_t begin)
{
    if (i == begin || !(toks->v[i].flags & GM_TOKF_SPACE_BEFORE) ||
        (toks->v[i].flags & GM_TOKF_NEWLINE_BEFORE))
        return NULL;
    const gm_token *t = &toks->v[i - 1];
    return t->kind == GM_TOK_WORD ? t : NULL;
}

/* A headline in Title Case capitalises every word, so capitals there say
 * nothing about names. */
static bool title_case_sentence(const gm_tok_list *toks,
                                const gm_sentence *sent)
{
    uint32_t words = 0, capitalised_words = 0;
    for (uint32_t k = sent->tok_begin; k < sent->tok_end; k++) {
        const gm_token *t = &toks->v[k];
        if (t->kind != GM_TOK_WORD)
            continue;
        words++;
        if (t->flags & (GM_TOKF_UPPER_INITIAL | GM_TOKF_UNCASED))
            capitalised_words++;
    }
    return words >= 4 && capitalised_words * 10 >= words * 7;
}

/* The lookups of the articles a worker runs, remembered: a capitalised
 * word comes back again and again in one article ("Henry ... Henry's
 * arrest") and from article to article ("The", "President", months), and
 * so do the longer keys tried after it ("President Obama"); in a key
 * table of tens of megabytes each lookup costs a cache miss or two. A
 * direct-mapped table on the gazetteer's hash of the folded key, each
 * entry one cache line holding the whole key (a hit compares it all, not
 * only a part of the hash kept apart as the entry's tag) and what
 * gm_gaz_lookup_hashed gave for it, so an entry only ever saves the
 * lookup and no result depends on what the table holds. Keys longer than
 * an entry holds are looked up every time. */
#define CACHE_ENTRIES 4096 /* a power of two: 256 KiB of entries */
#define CACHE_KEY_BYTES 50

typedef struct cache_entry {
    const void *hits;     /* gm_gaz_match */
    uint32_t count;
    uint8_t len;          /* 0: empty (no key is empty) */
    uint8_t is_prefix;
    char key[CACHE_KEY_BYTES];
} cache_entry;

_Static_assert(sizeof(cache_entry) == 64, "a cache entry is one line");

/* The candidates the spotter took for an entry's name in the current
 * article (with and without capitals in the text), so that the
 * occurrences of a name share one array of the arena. */
typedef struct cache_kept {
    uint64_t article;     /* the article they are of; 0: none */
    gm_gaz_hit *kept[2];  /* [text in capitals] NULL until asked */
    uint32_t n_kept[2];
    uint16_t all_flags[2];/* the name flags every one kept has */
} cache_kept;

struct gm_spot_cache {
    /* The low half of the hash of each entry's key, apart: 16 KiB that
     * stay in cache where the entries' 256 KiB do not, so the many words
     * that are no entry's (asked ahead of their lookup, and at it) cost
     * no read of an entry. */
    uint32_t *tag;        /* CACHE_ENTRIES; 0 with an empty entry */
    cache_entry *entry;   /* CACHE_ENTRIES, line-aligned inside mem */
    void *mem;
    cache_kept *kept;     /* CACHE_ENTRIES */
    const gm_gaz *gaz;    /* the gazetteer the entries are of */
    uint64_t article;     /* articles begun so far: the current one */
};

gm_spot_cache *gm_spot_cache_new(const gm_gaz *gaz)
{
    gm_spot_cache *c = gm_xcalloc(1, sizeof *c);
    c->mem = gm_xcalloc(CACHE_ENTRIES + 1, sizeof *c->entry);
    c->entry = (cache_entry *)(((uintptr_t)c->mem + sizeof *c->entry - 1) &
                               ~(uintptr_t)(sizeof *c->entry - 1));
    c->kept = gm_xcalloc(CACHE_ENTRIES, sizeof *c->kept);
    c->tag = gm_xcalloc(CACHE_ENTRIES, sizeof *c->tag);
    c->gaz = gaz;
    return c;
}

void gm_spot_cache_free(gm_spot_cache *cache)
{
    if (!cache)
        return;
    free(cache->mem);
    free(cache->kept);
    free(cache->tag);
    free(cache);
}

#define NO_ENTRY UINT32_MAX

static uint32_t cache_index(uint64_t hash)
{
    return (uint32_t)(hash >> 32) & (CACHE_ENTRIES - 1);
}

/* The two steps of fetching ahead what a lookup of hash reads (gaz.h),
 * each only when the entry holds some other key: a word seen before needs
 * no lookup. */
static void cache_prefetch(const gm_gaz *gaz, const gm_spot_cache *c,
                           uint64_t hash)
{
    if (c->tag[cache_index(hash)] != (uint32_t)hash)
        gm_gaz_prefetch(gaz, hash);
}

static void cache_prefetch_slot(const gm_gaz *gaz, const gm_spot_cache *c,
                                uint64_t hash)
{
    if (c->tag[cache_index(hash)] != (uint32_t)hash)
        gm_gaz_prefetch_slot(gaz, hash);
}

/* The match of key (len bytes, hash gm_gaz_hash of it), and the index of
 * the entry that now holds it (NO_ENTRY for a key too long to hold). */
static uint32_t cache_lookup(const gm_gaz *gaz, gm_spot_cache *c,
                             const char *key, uint32_t len, uint64_t hash,
                             gm_gaz_match *out)
{
    if (len > CACHE_KEY_BYTES) {
        *out = gm_gaz_lookup_hashed(gaz, key, len, hash);
        return NO_ENTRY;
    }
    uint32_t i = cache_index(hash);
    cache_entry *e = &c->entry[i];
    if (c->tag[i] == (uint32_t)hash && e->len == len &&
        gm_same_bytes(e->key, key, len)) {
        *out = (gm_gaz_match){ e->hits, e->count, e->is_prefix != 0 };
        return i;
    }
    *out = gm_gaz_lookup_hashed(gaz, key, len, hash);
    c->tag[i] = (uint32_t)hash;
    e->hits = out->hits;
    e->count = out->count;
    e->len = (uint8_t)len;
    e->is_prefix = out->is_prefix;
    memcpy(e->key, key, len);
    c->kept[i].article = 0;
    return i;
}

typedef struct best_match {
    uint32_t end;         /* one past the last token */
    gm_gaz_match match;
    uint32_t entry;       /* the cache entry holding its key, or NO_ENTRY */
} best_match;

/* The longest name starting at token i, if any; hash is gm_gaz_hash of
 * its folded word. */
static bool longest_name(const gm_gaz *gaz, const char *text,
                         const gm_tok_list *toks, uint32_t i, uint64_t hash,
                         uint32_t max_tokens, gm_spot_cache *cache,
                         best_match *best)
{
    char key[KEY_MAX_BYTES];
    const char *first = NULL; /* the first word's folded form */
    size_t key_len = 0;
    uint32_t words = 0;
    bool found = false;
    for (uint32_t k = i; k < toks->n && words < max_tokens;) {
        const gm_token *t = &toks->v[k];
        if (t->fold_len == 0 || key_len + 1 + t->fold_len > sizeof key)
            break;
        const char *folded = gm_tok_folded(toks, k);
        /* The first word is looked up where the token list holds it, and
         * copied into the key only when a second one follows (most names
         * have one word). */
        if (words == 0) {
            first = folded;
        } else {
            if (t->flags & GM_TOKF_SENT_START)
                break;
            if (words == 1)
                memcpy(key, first, key_len);
            key[key_len++] = ' ';
            memcpy(key + key_len, folded, t->fold_len);
        }
        key_len += t->fold_len;
        words++;
        const char *probe = words == 1 ? folded : key;
        gm_gaz_match m;
        uint32_t e =
            cache_lookup(gaz, cache, probe, (uint32_t)key_len,
                         words == 1 ? hash : gm_gaz_hash(probe, key_len), &m);
        /* A longer key never equals a shorter one: taking the entry of the
         * best match so far means putting it out. */
        if (found && e == best->entry)
            best->entry = NO_ENTRY;
        /* A name must end on a capitalised word or a number
         * ("Rostov-on-Don", "Isle of Man"; not "Paris and"). */
        bool good_end = capitalised(t) || t->kind == GM_TOK_NUMBER;
        if (m.count > 0 && good_end) {
            best->end = k + 1;
            best->match = m;
            best->entry = e;
            found = true;
        }
        if (!m.is_prefix)
            break;
        /* Next word, across at most one joining punctuation mark. */
        uint32_t next = k + 1;
        if (next < toks->n && name_joiner(text, &toks->v[next]))
            next++;
        if (next >= toks->n || toks->v[next].kind == GM_TOK_PUNCT)
            break;
        k = next;
    }
    return found;
}

/* Keeps the candidates whose spelling fits the text: names spelled in
 * capitals ("US", "NSW") only where the text has capitals too. Returns the
 * number kept, in an array of the arena that every occurrence of the name
 * with the same capitals shares (read-only), and in *all_flags the name
 * flags that every one kept has. */
static uint32_t keep_hits(const gm_gaz *gaz, gm_spot_cache *cache,
                          const best_match *best, bool text_upper,
                          gm_arena *arena, gm_gaz_hit **out,
                          uint16_t *all_flags)
{
    cache_kept *e = best->entry != NO_ENTRY ? &cache->kept[best->entry] : NULL;
    if (e && e->article != cache->article) {
        *e = (cache_kept){ cache->article, { NULL, NULL }, { 0, 0 }, { 0, 0 } };
    }
    if (e && e->kept[text_upper]) {
        *out = e->kept[text_upper];
        *all_flags = e->all_flags[text_upper];
        return e->n_kept[text_upper];
    }
    const gm_gaz_match *m = &best->match;
    gm_gaz_hit *hits = gm_arena_alloc(arena, m->count * sizeof *hits);
    uint32_t n = gm_gaz_match_hits_except(
        gaz, m, text_upper ? 0 : GM_NAME_UPPER, hits);
    uint16_t all = UINT16_MAX;
    for (uint32_t h = 0; h < n; h++)
        all &= hits[h].flags;
    if (e) {
        e->kept[text_upper] = hits;
        e->n_kept[text_upper] = n;
        e->all_flags[text_upper] = all;
    }
    *out = hits;
    *all_flags = all;
    return n;
}

/* Some candidate is an abbreviation spelled with a final period ("Tex."). */
static bool spelled_with_final_period(const gm_gaz *gaz, const gm_gaz_hit *hits,
                                      uint32_t n)
{
    for (uint32_t h = 0; h < n; h++) {
        const char *spelling = gm_gaz_string(gaz, hits[h].name_off);
        size_t len = strlen(spelling);
        if ((hits[h].flags & GM_NAME_ABBR) && len && spelling[len - 1] == '.')
            return true;
    }
    return false;
}

/* Every candidate is a local place: a town or a county, no country,
 * first-level division, region or continent (those are seldom a person's
 * or a firm's name)... */
static bool only_cities(const gm_gaz *gaz, const gm_gaz_hit *hits, uint32_t n)
{
    for (uint32_t h = 0; h < n; h++) {
        gm_place_kind kind = gm_gaz_place_kind(gaz, hits[h].place);
        bool large = kind == GM_KIND_COUNTRY || kind == GM_KIND_ADMIN1 ||
                     kind == GM_KIND_REGION || kind == GM_KIND_CONTINENT;
        /* ... named by their own name or an abbreviation, not by a
         * variant ("Baker" for Baker Island) */
        if (large && (hits[h].flags & (GM_NAME_PRIMARY | GM_NAME_ASCII |
                                       GM_NAME_ABBR | GM_NAME_DEMONYM |
                                       GM_NAME_PREFERRED)))
            return false;
    }
    return true;
}

/* Some candidate has this name as an abbreviation in capitals ("US",
 * "NSW"); codes among GeoNames' plain alternate names (airport codes like
 * "IEV") do not count. */
static bool any_abbreviation(const gm_gaz_hit *hits, uint32_t n)
{
    for (uint32_t h = 0; h < n; h++)
        if ((hits[h].flags & GM_NAME_UPPER) && (hits[h].flags & GM_NAME_ABBR))
            return true;
    return false;
}

/* Below this many people a town is "small": its name alone, without a
 * locative or a division after it, is more often something else. */
#define SMALL_PLACE_POPULATION 10000

static bool all_small(const gm_gaz *gaz, const gm_gaz_hit *hits, uint32_t n)
{
    for (uint32_t h = 0; h < n; h++) {
        gm_place_brief p;
        gm_gaz_place_brief(gaz, hits[h].place, &p);
        if (p.kind != GM_KIND_CITY || p.population >= SMALL_PLACE_POPULATION)
            return false;
    }
    return true;
}

/* "Kan.", "Va.": a short abbreviation of a country or division. */
static bool abbreviation_of_division(const gm_gaz *gaz, const gm_gaz_hit *hits,
                                     uint32_t n)
{
    for (uint32_t h = 0; h < n; h++) {
        if (!(hits[h].flags & GM_NAME_ABBR))
            continue;
        gm_place_kind kind = gm_gaz_place_kind(gaz, hits[h].place);
        if (kind == GM_KIND_ADMIN1 || kind == GM_KIND_COUNTRY)
            return true;
    }
    return false;
}

/* Some candidate is a country's capital. */
static bool any_capital(const gm_gaz *gaz, const gm_gaz_hit *hits, uint32_t n)
{
    for (uint32_t h = 0; h < n; h++) {
        gm_place_brief p;
        gm_gaz_place_brief(gaz, hits[h].place, &p);
        if (strcmp(p.feature_code, "PPLC") == 0)
            return true;
    }
    return false;
}

/* "X, Y": a comma, then a capitalised word after the span. */
static bool comma_after(const char *text, const gm_tok_list *toks,
                        uint32_t end)
{
    return end < toks->n && toks->v[end].kind == GM_TOK_PUNCT &&
           text[toks->v[end].off] == ',';
}

/* Whether sentence sent is a Title Case headline, asked only by the rule
 * that needs it and remembered in *known (-1: not yet asked) for the
 * sentence: once per sentence, not per name, or a sentence that never
 * ends ("Paris Paris Paris ...") would make it quadratic. */
static bool is_headline(const gm_tok_list *toks, const gm_sentence *sent,
                        int *known)
{
    if (*known < 0)
        *known = title_case_sentence(toks, sent);
    return *known != 0;
}

typedef enum span_verdict { KEEP, REJECT, REJECT_PERSON } span_verdict;

/* Whether a found name is a place reference, from the words around it.
 * REJECT_PERSON: the cues say a person bears the name, so its other
 * occurrences in the article do too. */
static span_verdict judge_span(const gm_gaz *gaz, const gm_tok_list *toks,
                               uint16_t *cues, const gm_sentence *sent,
                               uint32_t begin, uint32_t end,
                               const gm_gaz_hit *hits, uint32_t n_hits,
                               uint32_t flags, bool pair, int *headline)
{
    const gm_token *t = &toks->v[begin];
    bool single = end - begin == 1;
    const gm_token *prev = previous_word(toks, begin, sent->tok_begin);
    unsigned prev_cues = prev ? cues_of(cues, toks, prev) : 0;
    unsigned own_cues = single && !(t->flags & GM_TOKF_ALL_UPPER)
                            ? cues_of(cues, toks, t)
                            : 0;
    const unsigned not_a_name_part = GM_CUE_FUNCTION | GM_CUE_QUALIFIER |
                                     GM_CUE_LOCATIVE | GM_CUE_CALENDAR;

    /* A title makes it a person ("Mr. Jordan", "Gov. Georgia"...). */
    if (prev && capitalised(prev) && (prev_cues & GM_CUE_TITLE))
        return only_cities(gaz, hits, n_hits) ? REJECT_PERSON : REJECT;
    /* "But", "She", "Officer": words that are not names, whatever town
     * bears them. */
    if ((own_cues & (GM_CUE_FUNCTION | GM_CUE_TITLE | GM_CUE_LOCATIVE |
                     GM_CUE_QUALIFIER)) && !pair)
        return REJECT;
    /* Months and weekdays ("Thursday, Sept. 20" is no "X, Y" pair). */
    if (own_cues & GM_CUE_CALENDAR)
        return REJECT;
    /* "Street", "College", "Port": the word for a kind of place, alone, is
     * the end of a longer name the gazetteer lacks. */
    if ((own_cues & GM_CUE_GENERIC) && !pair)
        return REJECT;
    /* "Baker said": a one-word name before a verb of saying is a person,
     * unless a locative puts it ("officials in Baku said") or it names a
     * country, a division or a capital (those "say" things in the news
     * too). */
    if (single && !(flags & GM_SPAN_LOCATIVE) && end < sent->tok_end &&
        toks->v[end].kind == GM_TOK_WORD &&
        (cues_of(cues, toks, &toks->v[end]) & GM_CUE_SPEECH) &&
        only_cities(gaz, hits, n_hits) && !any_capital(gaz, hits, n_hits))
        return REJECT_PERSON;
    /* "David Baker": a capitalised word right before a one-word city name
     * makes it part of a person's or an organisation's name, unless it
     * qualifies a place ("Southern", "Greater"), is capitalised only
     * because it starts the sentence ("Former"; a given name still
     * counts), or the line is a Title Case headline. Countries and
     * divisions keep their reading ("United Georgia" party). (Whether the
     * candidates are only cities is asked last: it reads every one.) */
    const gm_token *before = adjacent_word_before(toks, begin, sent->tok_begin);
    unsigned before_cues = before ? cues_of(cues, toks, before) : 0;
    if (single && before && capitalised(before) &&
        !(before_cues & not_a_name_part) &&
        (!(before->flags & GM_TOKF_SENT_START) ||
         (before_cues & GM_CUE_GIVEN_NAME)) &&
        !is_headline(toks, sent, headline) && only_cities(gaz, hits, n_hits))
        return REJECT_PERSON;
    /* Given names ("David", "Linda") are towns somewhere too; alone, without
     * a locative or a division after them, they are persons. */
    if ((own_cues & GM_CUE_GIVEN_NAME) && !(flags & GM_SPAN_LOCATIVE) &&
        !pair && only_cities(gaz, hits, n_hits))
        return REJECT_PERSON;
    /* "TIF", "KBR": a short word in capitals is an acronym; it names a
     * place only as one of its abbreviations, or as a dateline ("BAKU,"). */
    if (single && (t->flags & GM_TOKF_ALL_UPPER) && t->len <= 4 &&
        !(flags & GM_SPAN_COMMA_AFTER) && !any_abbreviation(hits, n_hits))
        return REJECT;
    /* The world holds a hamlet for most words; a one-word name whose every
     * candidate is a small place needs a cue that it is a place. */
    if (single && !(flags & GM_SPAN_LOCATIVE) && !pair &&
        all_small(gaz, hits, n_hits))
        return REJECT;
    /* Common words need a cue: a locative preposition or a following
     * division ("Reading, Pennsylvania"). */
    if ((flags & GM_SPAN_COMMON) && !(flags & GM_SPAN_LOCATIVE) && !pair)
        return REJECT;
    return KEEP;
}

/* Folded forms of one-word names that the article uses for persons. */
typedef struct person_names {
    const char **folded;
    uint32_t *len;
    size_t n, cap;
} person_names;

static void remember_person(gm_arena *arena, person_names *p,
                            const gm_token *t, const gm_tok_list *toks)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        const char **folded = gm_arena_alloc(arena, cap * sizeof *folded);
        uint32_t *len = gm_arena_alloc(arena, cap * sizeof *len);
        if (p->n) {
            memcpy(folded, p->folded, p->n * sizeof *folded);
            memcpy(len, p->len, p->n * sizeof *len);
        }
        p->folded = folded;
        p->len = len;
        p->cap = cap;
    }
    p->folded[p->n] = gm_tok_folded(toks, (size_t)(t - toks->v));
    p->len[p->n++] = t->fold_len;
}

static bool is_person(const person_names *p, const gm_tok_list *toks,
                      const gm_span *span)
{
    if (span->tok_end - span->tok_begin != 1)
        return false;
    const gm_token *t = &toks->v[span->tok_begin];
    for (size_t i = 0; i < p->n; i++)
        if (p->len[i] == t->fold_len &&
            memcmp(p->folded[i], gm_tok_folded(toks, span->tok_begin),
                   t->fold_len) == 0)
            return true;
    return false;
}

void gm_spot_article(const gm_gaz *gaz, gm_spot_cache *cache,
                     const char *text,
                     const gm_tok_list *toks, const gm_sent_list *sents,
                     gm_arena *arena, gm_span_list *out)
{
    out->v = NULL;
    out->n = 0;
    size_t cap = 0;
    uint32_t max_tokens = gm_gaz_max_name_tokens(gaz);
    person_names persons = { NULL, NULL, 0, 0 };
    uint16_t *cues = gm_arena_alloc(arena, toks->n * sizeof *cues);
    memset(cues, 0xFF, toks->n * sizeof *cues);
    assert(cache && cache->gaz == gaz);
    cache->article++;
    /* Only capitalised words start a name: the tokeniser lists them
     * (toks->caps); their hash of the folded form taken once. The key
     * table is far bigger than any cache, so each lookup of a new word
     * waits for memory; fetching the key filter's block of the word
     * 2 * PREFETCH_AHEAD capitalised words ahead, and its slot
     * PREFETCH_AHEAD words ahead if the filter lets it through, overlaps
     * those waits. */
    const uint32_t *caps = toks->caps;
    size_t n_caps = toks->n_caps;
    uint64_t *caps_hash =
        gm_arena_alloc(arena, (n_caps + 1) * sizeof *caps_hash);
    for (size_t c = 0; c < n_caps; c++)
        caps_hash[c] = gm_gaz_hash(gm_tok_folded(toks, caps[c]),
                                   toks->v[caps[c]].fold_len);
    for (size_t c = 0; c < n_caps && c < 2 * PREFETCH_AHEAD; c++)
        cache_prefetch(gaz, cache, caps_hash[c]);
    for (size_t c = 0; c < n_caps && c < PREFETCH_AHEAD; c++)
        cache_prefetch_slot(gaz, cache, caps_hash[c]);
    uint32_t s = 0, resume = 0;
    int headline = -1; /* of sentence s; -1: not yet asked */
    for (size_t c = 0; c < n_caps; c++) {
        if (c + 2 * PREFETCH_AHEAD < n_caps)
            cache_prefetch(gaz, cache, caps_hash[c + 2 * PREFETCH_AHEAD]);
        if (c + PREFETCH_AHEAD < n_caps)
            cache_prefetch_slot(gaz, cache, caps_hash[c + PREFETCH_AHEAD]);
        uint32_t i = caps[c];
        if (i < resume)
            continue;
        while (s < sents->n && sents->v[s].tok_end <= i) {
            s++;
            headline = -1;
        }
        if (s == sents->n)
            break;
        const gm_sentence *sent = &sents->v[s];
        if (i < sent->tok_begin)
            continue; /* between sentences */
        const gm_token *t = &toks->v[i];
        best_match best;
        if (!longest_name(gaz, text, toks, i, caps_hash[c], max_tokens,
                          cache, &best) ||
            best.end > sent->tok_end)
            continue;
        const gm_token *last = &toks->v[best.end - 1];
        uint32_t off = t->off, len = last->off + last->len - t->off;
        bool upper = span_in_capitals(toks, i, best.end);
        gm_gaz_hit *hits;
        uint16_t all_flags;
        uint32_t n_hits =
            keep_hits(gaz, cache, &best, upper, arena, &hits, &all_flags);
        /* "U.S.", "Ill.": the closing period belongs to the
         * abbreviation. */
        bool period_next = best.end < sent->tok_end &&
                           toks->v[best.end].kind == GM_TOK_PUNCT &&
                           text[toks->v[best.end].off] == '.' &&
                           toks->v[best.end].off == last->off + last->len;
        if (period_next &&
            ((last->len == 1 && best.end - i > 1) ||
             spelled_with_final_period(gaz, hits, n_hits) ||
             (last->len <= 4 && !(last->flags & GM_TOKF_ALL_UPPER) &&
              abbreviation_of_division(gaz, hits, n_hits))))
            len++;
        if (n_hits == 0 || len < 2)
            continue;

        const gm_token *prev = previous_word(toks, i, sent->tok_begin);
        unsigned prev_cues = prev ? cues_of(cues, toks, prev) : 0;
        uint32_t flags = 0;
        if (prev_cues & GM_CUE_LOCATIVE)
            flags |= GM_SPAN_LOCATIVE;
        if (t->flags & GM_TOKF_SENT_START)
            flags |= GM_SPAN_SENT_START;
        if (upper)
            flags |= GM_SPAN_UPPER;
        /* (n_hits > 0 here) */
        if (all_flags & GM_NAME_COMMON)
            flags |= GM_SPAN_COMMON;
        if (all_flags & GM_NAME_DEMONYM)
            flags |= GM_SPAN_DEMONYM_ONLY;

        bool single = best.end - i == 1;
        bool comma = comma_after(text, toks, best.end);
        bool pair = comma && best.end + 1 < toks->n &&
                    capitalised(&toks->v[best.end + 1]);
        if (comma)
            flags |= GM_SPAN_COMMA_AFTER;
        span_verdict verdict =
            judge_span(gaz, toks, cues, sent, i, best.end, hits, n_hits,
                       flags, pair, &headline);
        if (verdict == REJECT_PERSON && single)
            remember_person(arena, &persons, t, toks);
        if (verdict != KEEP)
            continue;

        out->v = gm_arena_grow(arena, out->v, out->n, &cap, sizeof *out->v,
                               16);
        gm_span *span = &out->v[out->n++];
        span->tok_begin = i;
        span->tok_end = best.end;
        span->off = off;
        span->len = len;
        span->sentence = s;
        span->flags = flags;
        span->hits = hits;
        span->n_hits = n_hits;
        resume = best.end;
    }
    /* One sense per name: a name the article gives a person ("David
     * Baker ... Baker said") is a person wherever it stands alone. */
    size_t kept = 0;
    for (size_t k = 0; k < out->n; k++)
        if (!is_person(&persons, toks, &out->v[k]))
            out->v[kept++] = out->v[k];
    out->n = kept;
}
