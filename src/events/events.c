/* The events stage: the article as the stage reads it (boilerplate, which
 * mention covers each token, dateline, focus), the detection of triggers
 * with their negation, hypotheses and reported speech, and the API. Where
 * an event happened is attach.c's, when when.c's, how many died
 * fatalities.c's. */
#include "events/events.h"

#include <stdlib.h>
#include <string.h>

#include "events/internal.h"
#include "events/lexicon.h"
#include "spot/cues.h"

/* How far back a negation or a modal reaches, in words. */
#define NEGATION_WORDS 4
#define HYPOTHESIS_WORDS 5
/* A condition ("if") reaches further. */
#define CONDITION_WORDS 12
/* A dateline starts one of the first lines and ends with a dash within
 * this many tokens of its name. */
#define DATELINE_LINES 3
#define DATELINE_TOKENS 14
/* The division becomes the focus when it holds this share of its
 * country's mentions (and at least two). */
#define FOCUS_DIVISION_SHARE 0.66
/* A first line this short, without final punctuation, is a headline. */
#define HEADLINE_TOKENS 24
/* A "sentence" longer than this is no prose (a list, a table, a run of
 * text without punctuation): its events are not read, since placing each
 * one rescans its sentence and the cost would grow with the square of its
 * length. */
#define MAX_EVENT_SENTENCE_TOKENS 1000

/* ---- words ---------------------------------------------------------- */

bool gm_event_word_listed(const char *w, size_t len, const char *const *words)
{
    for (; *words; words++)
        if ((*words)[0] == w[0] && strlen(*words) == len &&
            memcmp(*words, w, len) == 0)
            return true;
    return false;
}

bool gm_event_lemma_listed(const char *w, size_t len,
                           const char *const *words)
{
    char buf[GM_LEX_LEMMA_BUF];
    const char *lemmas[GM_LEX_MAX_LEMMAS];
    size_t n = gm_event_lemmas(w, len, buf, lemmas);
    for (size_t l = 0; l < n; l++)
        for (const char *const *e = words; *e; e++)
            if (strcmp(lemmas[l], *e) == 0)
                return true;
    return false;
}

const gm_event_word_set *gm_event_words_resolve(gm_event_words *w)
{
    const gm_event_word_set *set = gm_event_word_set_of(w->words);
    if (set)
        atomic_store_explicit(&w->set, set, memory_order_release);
    return set;
}

uint32_t gm_event_sentence_of(const gm_event_doc *doc, uint32_t k)
{
    size_t lo = 0, hi = doc->sents->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k < doc->sents->v[mid].tok_begin)
            hi = mid;
        else if (k >= doc->sents->v[mid].tok_end)
            lo = mid + 1;
        else
            return (uint32_t)mid;
    }
    return doc->sents->n ? (uint32_t)(doc->sents->n - 1) : 0;
}

/* ---- the article ---------------------------------------------------- */

/* The mention covering token k, -1: what tok_mention holds once set. */
static int32_t mention_at(const gm_event_doc *doc, uint32_t k)
{
    if (doc->tok_mention_all)
        return doc->tok_mention[k];
    int32_t found = -1;
    for (size_t m = 0; m < doc->mentions->n; m++) {
        const gm_span *sp = &doc->spans->v[doc->mentions->v[m].span];
        if (sp->tok_begin > k)
            break;
        if (k < sp->tok_end)
            found = (int32_t)m;
    }
    return found;
}

static bool is_dash(const gm_event_doc *doc, uint32_t k)
{
    const gm_token *t = &doc->toks->v[k];
    if (t->kind != GM_TOK_PUNCT)
        return false;
    const unsigned char *c = (const unsigned char *)doc->text + t->off;
    /* "-", U+2013 en dash, U+2014 em dash */
    return (t->len == 1 && *c == '-') ||
           (t->len == 3 && c[0] == 0xE2 && c[1] == 0x80 &&
            (c[2] == 0x93 || c[2] == 0x94));
}

/* The best-known place a name can be, for a dateline no mention covers:
 * the most populous city, else the first candidate. */
static uint32_t lookup_dateline(const gm_event_doc *doc, uint32_t b,
                                uint32_t e)
{
    char key[256];
    size_t len = 0;
    for (uint32_t k = b; k < e; k++) {
        const gm_token *t = &doc->toks->v[k];
        if (t->kind == GM_TOK_PUNCT)
            continue;
        if (len + t->fold_len + 1 >= sizeof key)
            return GM_EVENT_NO_PLACE;
        if (len)
            key[len++] = ' ';
        memcpy(key + len, gm_tok_folded(doc->toks, k), t->fold_len);
        len += t->fold_len;
    }
    gm_gaz_match m = gm_gaz_lookup(doc->gaz, key, len);
    uint32_t best = GM_EVENT_NO_PLACE, best_pop = 0;
    for (uint32_t h = 0; h < m.count; h++) {
        gm_gaz_hit hit = gm_gaz_match_hit(doc->gaz, &m, h);
        gm_place_brief p;
        gm_gaz_place_brief(doc->gaz, hit.place, &p);
        if (best == GM_EVENT_NO_PLACE ||
            (p.kind == GM_KIND_CITY && p.population > best_pop)) {
            best = hit.place;
            best_pop = p.kind == GM_KIND_CITY ? p.population : 0;
        }
    }
    return best;
}

/* "BAKU, Sept 20 -", "KYIV (Reuters) -", "Baku, Azerbaijan (AP) —" at the
 * start of one of the first lines. */
static void find_dateline(gm_event_doc *doc)
{
    _Static_assert(DATELINE_LINES <= GM_TOK_LINES,
                   "the tokeniser keeps where the dateline's lines start");
    const gm_tok_list *toks = doc->toks;
    unsigned lines = 0;
    for (uint32_t start = 0; start < toks->n && lines < DATELINE_LINES;
         start = lines < DATELINE_LINES ? gm_tok_line_after(toks, start)
                                        : toks->n) {
        lines++;
        if (gm_boilerplate_covers(&doc->boiler, toks->v[start].off))
            continue;
        /* the name: one to four capitalised words */
        uint32_t e = start;
        while (e < toks->n && e - start < 4 &&
               toks->v[e].kind == GM_TOK_WORD &&
               (toks->v[e].flags & GM_TOKF_UPPER_INITIAL) &&
               (e == start ||
                !(toks->v[e].flags & GM_TOKF_NEWLINE_BEFORE)))
            e++;
        if (e == start || e >= toks->n)
            continue;
        if (!gm_event_punct_is(doc, e, ',') && !gm_event_punct_is(doc, e, '('))
            continue;
        bool all_caps = true;
        for (uint32_t k = start; k < e; k++)
            if (!(toks->v[k].flags & GM_TOKF_ALL_UPPER) &&
                toks->v[k].len > 1)
                all_caps = false;
        uint32_t dash = 0;
        for (uint32_t k = e; k < toks->n && k < e + DATELINE_TOKENS; k++) {
            if (k > e && (toks->v[k].flags & GM_TOKF_NEWLINE_BEFORE))
                break;
            if (is_dash(doc, k)) {
                dash = k;
                break;
            }
        }
        /* Mixed case needs a date or an agency in between ("Baku, Sept.
         * 20 -"); capitals alone say dateline. */
        bool date_or_agency = false;
        for (uint32_t k = e; dash && k < dash; k++) {
            unsigned cues = gm_cue_classes_hashed(
                gm_tok_folded(toks, k), toks->v[k].fold_len, toks->v[k].hash);
            if ((cues & GM_CUE_CALENDAR) || gm_event_punct_is(doc, k, '('))
                date_or_agency = true;
        }
        if (!dash || (!all_caps && !date_or_agency))
            continue;
        doc->dateline_begin = start;
        doc->dateline_end = dash + 1;
        int32_t m = mention_at(doc, start);
        if (m >= 0) {
            doc->dateline_mention = m;
            doc->dateline_place = doc->mentions->v[m].place;
        } else {
            doc->dateline_place = lookup_dateline(doc, start, e);
        }
        return;
    }
}

/* A headline on the first line, before the body: a line without final
 * punctuation of at most HEADLINE_TOKENS tokens, followed by more text. It
 * repeats what the body reports, so it adds no event of its own. */
static void find_headline(gm_event_doc *doc)
{
    const gm_tok_list *toks = doc->toks;
    /* where the second line starts, which the tokeniser kept */
    uint32_t k = toks->n_lines ? toks->line_start[0] : (uint32_t)toks->n;
    if (k >= toks->n || k > HEADLINE_TOKENS)
        return;
    const gm_token *last = &toks->v[k - 1];
    if (last->kind == GM_TOK_PUNCT && last->len == 1 &&
        strchr(".:;,", doc->text[last->off]))
        return;
    doc->headline_end = k;
}

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Up to this many values are counted by reading them all, which costs
 * less than sorting them first. */
#define SMALL_COUNT 32

/* How many times v occurs in the sorted a[0..n). */
static size_t count_sorted(const uint32_t *a, size_t n, uint32_t v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t first = lo;
    hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] <= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - first;
}

/* The value that occurs most often in v[0..n) (n > 0), the earliest to
 * occur first on a tie, and its count in *count. Up to SMALL_COUNT values
 * are counted in a list of the distinct ones in the order they first
 * occur (an article names few countries); more by a sorted copy, which
 * keeps this O(n log n): an article can name places hundreds of thousands
 * of times (a few are only read). */
static uint32_t most_frequent(const uint32_t *v, size_t n, gm_arena *arena,
                              size_t *count)
{
    uint32_t best = v[0];
    size_t best_n = 0;
    if (n <= SMALL_COUNT) {
        uint32_t value[SMALL_COUNT];
        size_t times[SMALL_COUNT], distinct = 0;
        for (size_t i = 0; i < n; i++) {
            size_t d = 0;
            while (d < distinct && value[d] != v[i])
                d++;
            if (d == distinct) {
                value[distinct] = v[i];
                times[distinct++] = 0;
            }
            times[d]++;
        }
        for (size_t d = 0; d < distinct; d++)
            if (times[d] > best_n) {
                best_n = times[d];
                best = value[d];
            }
        *count = best_n;
        return best;
    }
    uint32_t *sorted = gm_arena_alloc(arena, n * sizeof *sorted);
    memcpy(sorted, v, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, compare_u32);
    for (size_t i = 0; i < n; i++) {
        size_t c = count_sorted(sorted, n, v[i]);
        if (c > best_n) {
            best_n = c;
            best = v[i];
        }
    }
    *count = best_n;
    return best;
}

/* The most mentioned country, or the division that holds most of that
 * country's mentions. */
static void find_focus(gm_event_doc *doc)
{
    const gm_mention_list *ms = doc->mentions;
    if (ms->n == 0)
        return;
    uint32_t *country = gm_arena_alloc(doc->arena, ms->n * sizeof *country);
    uint32_t *admin1 = gm_arena_alloc(doc->arena, ms->n * sizeof *admin1);
    /* the countries of the mentions counted, in their order */
    uint32_t *seq = gm_arena_alloc(doc->arena, ms->n * sizeof *seq);
    size_t n_seq = 0;
    for (size_t i = 0; i < ms->n; i++) {
        gm_place_brief p;
        gm_gaz_place_brief(doc->gaz, ms->v[i].place, &p);
        uint32_t place = ms->v[i].place;
        country[i] = p.kind == GM_KIND_COUNTRY ? place : p.country_place;
        admin1[i] = p.kind == GM_KIND_ADMIN1 ? place : p.admin1_place;
        if (!gm_boilerplate_covers(&doc->boiler, ms->v[i].off) &&
            country[i] != UINT32_MAX)
            seq[n_seq++] = country[i];
        else
            country[i] = UINT32_MAX; /* not counted */
    }
    if (n_seq == 0)
        return;
    size_t best_n;
    uint32_t best = most_frequent(seq, n_seq, doc->arena, &best_n);
    doc->focus_place = best;
    n_seq = 0;
    for (size_t i = 0; i < ms->n; i++)
        if (country[i] == best && admin1[i] != UINT32_MAX)
            seq[n_seq++] = admin1[i];
    if (n_seq == 0)
        return;
    size_t best_a_n;
    uint32_t best_a = most_frequent(seq, n_seq, doc->arena, &best_a_n);
    if (best_a_n >= 2 &&
        (double)best_a_n >= FOCUS_DIVISION_SHARE * (double)best_n)
        doc->focus_place = best_a;
}

void gm_event_doc_init(gm_event_doc *doc, const gm_gaz *gaz,
                       const char *text, const gm_tok_list *toks,
                       const gm_sent_list *sents, const gm_span_list *spans,
                       const gm_mention_list *mentions, gm_arena *arena)
{
    memset(doc, 0, sizeof *doc);
    doc->gaz = gaz;
    doc->text = text;
    doc->toks = toks;
    doc->sents = sents;
    doc->spans = spans;
    doc->mentions = mentions;
    doc->arena = arena;
    doc->dateline_mention = -1;
    doc->dateline_place = GM_EVENT_NO_PLACE;
    doc->focus_place = GM_EVENT_NO_PLACE;
    gm_boilerplate_mark(text, toks, arena, &doc->boiler);
    /* Set for the sentences of events only (gm_event_doc_sentence), when
     * the mentions are in text order, as the resolver gives them. */
    /* One block: tok_mention, then the memo of numbers, zeroed for the
     * sentences of events only (gm_event_doc_memo), then memo_sentence. */
    size_t n = toks->n ? toks->n : 1;
    char *block = gm_arena_alloc(arena, n * sizeof(int32_t) +
                                            2 * n * sizeof(int16_t) +
                                            sizeof(uint32_t));
    doc->tok_mention = (int32_t *)block;
    doc->memo = (int16_t *)(block + n * sizeof(int32_t));
    doc->memo_sentence =
        (uint32_t *)(block + n * sizeof(int32_t) + 2 * n * sizeof(int16_t));
    *doc->memo_sentence = UINT32_MAX;
    uint32_t last_begin = 0;
    for (size_t m = 0; m < mentions->n; m++) {
        const gm_span *s = &spans->v[mentions->v[m].span];
        if (s->tok_begin < last_begin)
            doc->tok_mention_all = true;
        last_begin = s->tok_begin;
        if (s->tok_end > s->tok_begin &&
            s->tok_end - s->tok_begin > doc->mention_reach)
            doc->mention_reach = s->tok_end - s->tok_begin;
    }
    if (doc->tok_mention_all) {
        for (size_t k = 0; k < toks->n; k++)
            doc->tok_mention[k] = -1;
        for (size_t m = 0; m < mentions->n; m++) {
            const gm_span *s = &spans->v[mentions->v[m].span];
            for (uint32_t k = s->tok_begin; k < s->tok_end && k < toks->n; k++)
                doc->tok_mention[k] = (int32_t)m;
        }
    }
    find_headline(doc);
    find_dateline(doc);
    find_focus(doc);
}

void gm_event_doc_sentence(const gm_event_doc *doc, uint32_t s)
{
    if (doc->tok_mention_all)
        return;
    const gm_sentence *sent = &doc->sents->v[s];
    uint32_t sb = sent->tok_begin, se = sent->tok_end;
    if (se > doc->toks->n)
        se = (uint32_t)doc->toks->n;
    for (uint32_t k = sb; k < se; k++)
        doc->tok_mention[k] = -1;
    /* the first mention that may reach the sentence: mentions in text
     * order, none longer than mention_reach */
    uint32_t from = sb > doc->mention_reach ? sb - doc->mention_reach : 0;
    const gm_mention_list *ms = doc->mentions;
    size_t lo = 0, hi = ms->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->spans->v[ms->v[mid].span].tok_begin < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* in the order of the mentions, as a fill of every token would */
    for (size_t m = lo; m < ms->n; m++) {
        const gm_span *sp = &doc->spans->v[ms->v[m].span];
        if (sp->tok_begin >= se)
            break;
        for (uint32_t k = sp->tok_begin > sb ? sp->tok_begin : sb;
             k < sp->tok_end && k < se; k++)
            doc->tok_mention[k] = (int32_t)m;
    }
}

/* ---- negation, hypotheses, reported speech -------------------------- */

static const char *const negations[] = {
    "not", "never", "no", "nor", "neither", "without", "nobody", "none",
    "cannot", NULL
};

static const char *const modals[] = {
    "could", "would", "might", "should", "will", "shall", "can", "must",
    "may", NULL
};

/* Verbs whose "to" makes what follows an intention ("threatened to
 * attack", "plans to march"), by lemma. */
static const char *const intentions[] = {
    "threaten", "plan", "vow", "pledge", "promise", "intend", "want", "seek",
    "hope", "aim", "prepare", "expect", "warn", "urge", "demand", "call",
    "propose", "consider", "refuse", "fail", "attempt", "try", NULL
};

static const char *const conditions[] = {
    "if", "unless", "whether", NULL
};

/* Punctuation that ends a clause: , ; : ( ) " [ ] and the dashes and
 * double quotes of typography (apostrophes do not). */
static inline bool clause_punct(const gm_event_doc *doc, uint32_t k)
{
    const gm_token *t = &doc->toks->v[k];
    if (t->kind != GM_TOK_PUNCT)
        return false;
    const unsigned char *c = (const unsigned char *)doc->text + t->off;
    if (t->len == 1)
        switch (*c) {
        case ',': case ';': case ':': case '(': case ')': case '"':
        case '[': case ']':
            return true;
        default:
            return false;
        }
    return t->len == 3 && c[0] == 0xE2 && c[1] == 0x80 &&
           (c[2] == 0x93 || c[2] == 0x94 || c[2] == 0x9C || c[2] == 0x9D);
}

/* "didn't": the "t" after an apostrophe, after a word ending in "n". */
static bool contracted_not(const gm_event_doc *doc, uint32_t k)
{
    if (k < 2 || !gm_event_word_is(doc, k, "t"))
        return false;
    const gm_token *w = &doc->toks->v[k - 2];
    const char *f = gm_tok_folded(doc->toks, k - 2);
    return w->fold_len > 1 && f[w->fold_len - 1] == 'n';
}

static bool lemma_in(const gm_event_doc *doc, uint32_t k,
                     const char *const *words)
{
    return gm_event_lemma_in(doc, k, words);
}

/* GM_EVENT_NEGATED / GM_EVENT_HYPOTHETICAL from the words before the
 * trigger in its clause. */
static unsigned modality(const gm_event_doc *doc, uint32_t tb,
                         uint32_t sent_begin)
{
    unsigned flags = 0;
    uint32_t words = 0;
    /* the lists' sets asked for once, not for each word */
    const gm_event_word_set *negation_set = gm_event_word_set_of(negations);
    const gm_event_word_set *modal_set = gm_event_word_set_of(modals);
    const gm_event_word_set *condition_set = gm_event_word_set_of(conditions);
    const gm_event_word_set *intention_set = gm_event_lemma_set_of(intentions);
    for (uint32_t k = tb; k > sent_begin;) {
        k--;
        const gm_token *t = &doc->toks->v[k];
        if (t->kind == GM_TOK_PUNCT) {
            if (clause_punct(doc, k))
                break;
            continue;
        }
        if (++words > CONDITION_WORDS)
            break;
        if (words <= NEGATION_WORDS &&
            (gm_event_word_in_set(doc, k, negation_set, negations) ||
             contracted_not(doc, k)))
            flags |= GM_EVENT_NEGATED;
        /* a capitalised "May" is the month (the test last: most words are
         * no modal) */
        if (words <= HYPOTHESIS_WORDS &&
            (gm_event_word_in_set(doc, k, modal_set, modals) ||
             (gm_event_word_is(doc, k + 1, "to") &&
              gm_event_lemma_in_set(doc, k, intention_set, intentions))) &&
            !(gm_event_word_is(doc, k, "may") &&
              (t->flags & GM_TOKF_UPPER_INITIAL) &&
              !(t->flags & GM_TOKF_SENT_START)))
            flags |= GM_EVENT_HYPOTHETICAL;
        if (gm_event_word_in_set(doc, k, condition_set, conditions))
            flags |= GM_EVENT_HYPOTHETICAL;
    }
    /* "failed to attack", "refused to talk" deny the event itself. */
    static const char *const denials[] = { "fail", "refuse", NULL };
    if (tb >= sent_begin + 2 && gm_event_word_is(doc, tb - 1, "to") &&
        lemma_in(doc, tb - 2, denials))
        flags = (flags & ~GM_EVENT_HYPOTHETICAL) | GM_EVENT_NEGATED;
    return flags;
}

static const char *const speech_verbs[] = {
    "say", "tell", "report", "claim", "announce", "confirm", "add", "allege",
    NULL
};

/* The words from k back (or forward) to the nearest clause punctuation,
 * at most max words: who said it. */
static void source_span(const gm_event_doc *doc, uint32_t from, uint32_t to,
                        gm_event *ev)
{
    if (from >= to)
        return;
    const gm_token *a = &doc->toks->v[from];
    const gm_token *b = &doc->toks->v[to - 1];
    ev->source_off = a->off;
    ev->source_len = b->off + b->len - a->off;
}

/* "..., the army said", "according to witnesses", "police said that ...":
 * the source of the sentence's report, when there is one outside the
 * trigger. */
static void reported(const gm_event_doc *doc, uint32_t tb, uint32_t te,
                     const gm_sentence *sent, gm_event *ev)
{
    const uint32_t max_words = 8;
    const gm_event_word_set *speech = gm_event_lemma_set_of(speech_verbs);
    /* the hash first: it tells most tokens from "according" in one
     * comparison */
    const uint32_t according = gm_event_word_hash("according", 9);
    const gm_token *v = doc->toks->v;
    for (uint32_t k = sent->tok_begin; k < sent->tok_end; k++) {
        /* most tokens: neither "according" nor a word the speech set's
         * filter lets through, told from the hash alone */
        uint32_t hash = v[k].hash;
        if (hash != according && speech &&
            !gm_event_word_set_may_have(speech, hash))
            continue;
        if (k >= tb && k < te)
            continue;
        if (doc->toks->v[k].hash == according &&
            gm_event_word_is(doc, k, "according") &&
            gm_event_word_is(doc, k + 1, "to")) {
            uint32_t e = k + 2;
            while (e < sent->tok_end && e < k + 2 + max_words &&
                   !clause_punct(doc, e) && !gm_event_punct_is(doc, e, '.'))
                e++;
            source_span(doc, k + 2, e, ev);
            ev->flags |= GM_EVENT_REPORTED;
            return;
        }
        /* the flag first: it spares lemmatising every capitalised word */
        if ((doc->toks->v[k].flags & GM_TOKF_UPPER_INITIAL) ||
            !gm_event_lemma_in_set(doc, k, speech, speech_verbs))
            continue;
        /* ", said the official": the source follows */
        if (k > sent->tok_begin && clause_punct(doc, k - 1)) {
            uint32_t e = k + 1;
            while (e < sent->tok_end && e < k + 1 + max_words &&
                   !clause_punct(doc, e) && !gm_event_punct_is(doc, e, '.'))
                e++;
            if (e > k + 1) {
                source_span(doc, k + 1, e, ev);
                ev->flags |= GM_EVENT_REPORTED;
                return;
            }
            continue;
        }
        /* "the army said": the source is before, back to a clause mark */
        uint32_t b = k;
        while (b > sent->tok_begin && k - b < max_words &&
               !clause_punct(doc, b - 1) && !(b - 1 >= tb && b - 1 < te))
            b--;
        if (b < k) {
            source_span(doc, b, k, ev);
            ev->flags |= GM_EVENT_REPORTED;
            return;
        }
    }
}

/* Objects that make "capture", "seize", "kill" mean no violence:
 * "captured the mood", "captured his third title", "killed the bill". */
static const char *const other_sense_objects[] = {
    "title", "titles", "victory", "win", "round", "mood", "imagination",
    "attention", "image", "images", "picture", "pictures", "photo",
    "photos", "footage", "moment", "essence", "spirit", "heart", "hearts",
    "gold", "silver", "bronze", "medal", "medals", "crown", "championship",
    "prize", "award", "wicket", "wickets", "place", "lead", "record",
    "event", "tournament", "race", "stage", "trophy", "cup", "match",
    "game", "set", "points", "seat", "seats", "vote", "votes", "share",
    "headlines", "interest", "feeling", "atmosphere", "scene", "beauty",
    "bill", "proposal", "plan", "deal", "idea", "project", "motion",
    "legislation", "amendment", "pulitzer", "oscar", "grammy", "emmy",
    "semifinal", "final", "finals", "league", "pennant", "nomination",
    "time", "sound", "voice", "look", "feel", "belt", "belts",
    "downhill", "slalom", "coverage", "sprint", "marathon", "open", NULL
};

/* Subjects that make "shot" mean filmed: "the film was shot". */
static const char *const filmed_subjects[] = {
    "film", "films", "movie", "movies", "picture", "pictures", "photo",
    "photos", "photograph", "video", "videos", "footage", "scene", "scenes",
    "episode", "episodes", "documentary", "series", "clip", "commercial",
    NULL
};

/* The head noun of the phrase after token k (determiners, numbers,
 * adjectives and a possessive skipped), within a few words. */
static uint32_t object_head(const gm_event_doc *doc, uint32_t k,
                            uint32_t limit)
{
    static const char *const skip[] = {
        "the", "a", "an", "his", "her", "its", "their", "our", "my", "your",
        "first", "second", "third", "fourth", "fifth", "only", "new", "real",
        "final", "full", "whole", "same", "career", "another", "this", "that",
        NULL
    };
    for (int n = 0; k < limit && n < 5; k++, n++) {
        const gm_token *t = &doc->toks->v[k];
        if (t->kind == GM_TOK_NUMBER || gm_event_word_in(doc, k, skip))
            continue;
        if (t->kind == GM_TOK_PUNCT)
            return UINT32_MAX;
        return k;
    }
    return UINT32_MAX;
}

/* The last word of the noun phrase that starts at token k: the noun its
 * premodifiers lead to ("his seventh US figure skating title", "Sweden's
 * first singles crown", "a top six place"), before a preposition, a comma
 * or a date; k itself when the phrase is longer than a few words. Words
 * are counted, not the marks glued inside them; a capitalised word ("US",
 * "All-England") and a number word ("six", "first") are premodifiers,
 * not function words. */
static uint32_t phrase_end_noun(const gm_event_doc *doc, uint32_t k,
                                uint32_t limit)
{
    static const char *const number_words[] = {
        "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "twelve", "twenty", "first", "second", "third", "fourth",
        "fifth", "last", NULL
    };
    uint32_t last = k;
    for (uint32_t j = k + 1, words = 0; j < limit && words < 8; j++) {
        const gm_token *t = &doc->toks->v[j];
        if (t->kind == GM_TOK_PUNCT) {
            /* "women's", "All-England": glued marks inside the phrase */
            if (t->len == 1 && (doc->text[t->off] == '\'' ||
                                doc->text[t->off] == '-') &&
                !(t->flags & GM_TOKF_SPACE_BEFORE))
                continue;
            return last;
        }
        if (gm_event_word_is(doc, j, "s")) /* an 's, no word of its own */
            continue;
        words++;
        /* "the IBF and WBO belts" */
        if (gm_event_word_is(doc, j, "and") || gm_event_word_is(doc, j, "or"))
            continue;
        /* "a top six place": a number leads on to the noun, ends none */
        if (gm_event_word_in(doc, j, number_words))
            continue;
        if (!(t->flags & GM_TOKF_UPPER_INITIAL) &&
            (gm_cue_classes_hashed(gm_tok_folded(doc->toks, j), t->fold_len,
                                   t->hash) &
             (GM_CUE_FUNCTION | GM_CUE_LOCATIVE | GM_CUE_CALENDAR)))
            return last;
        last = j;
    }
    return k;
}

/* Whether "up" at token k has an object after it: "shot up the car" is
 * shooting, "prices shot up" is not. */
static bool shot_up_object(const gm_event_doc *doc, uint32_t k,
                           uint32_t limit)
{
    static const char *const owners[] = {
        "the", "a", "an", "his", "her", "their", "its", "several", NULL
    };
    return gm_event_word_is(doc, k, "up") && k + 1 < limit &&
           gm_event_word_in(doc, k + 1, owners);
}

/* Whether a golf score follows "shot" at token k: "a 65 Saturday", "a
 * 6-under-par 66 on": "a", a number or a word of par, and a number that
 * no noun follows ("a 400-kilogram crocodile" is shot). */
static bool golf_score(const gm_event_doc *doc, uint32_t k, uint32_t limit)
{
    static const char *const par[] = { "under", "over", "par", "even", NULL };
    if (k >= limit || !(gm_event_word_is(doc, k, "a") ||
                        gm_event_word_is(doc, k, "an")))
        return false;
    for (uint32_t j = k + 1; j < limit && j < k + 8; j++) {
        const gm_token *t = &doc->toks->v[j];
        bool glued_next = j + 1 < limit &&
                          !(doc->toks->v[j + 1].flags & GM_TOKF_SPACE_BEFORE);
        if (t->kind == GM_TOK_NUMBER && !glued_next) {
            if (j + 1 >= limit)
                return true;
            const gm_token *n = &doc->toks->v[j + 1];
            return n->kind == GM_TOK_PUNCT ||
                   (gm_cue_classes_hashed(gm_tok_folded(doc->toks, j + 1),
                                          n->fold_len, n->hash) &
                    (GM_CUE_FUNCTION | GM_CUE_LOCATIVE | GM_CUE_CALENDAR));
        }
        if (t->kind != GM_TOK_NUMBER && !gm_event_word_in(doc, j, par) &&
            !(t->kind == GM_TOK_PUNCT && t->len == 1 &&
              doc->text[t->off] == '-'))
            return false;
    }
    return false;
}

/* Whether the trigger's words mean no event here. */
static bool other_sense(const gm_event_doc *doc, uint32_t tb, uint32_t te,
                        const gm_sentence *sent)
{
    static const char *const capture[] = {
        "capture", "seize", "kill", "win", NULL
    };
    static const char *const shoot[] = { "shoot", NULL };
    static const char *const shot_away[] = {
        "up", "back", "past", "to", NULL
    };
    uint32_t last = te - 1;
    if (lemma_in(doc, last, capture)) {
        uint32_t head = object_head(doc, te, sent->tok_end);
        if (head != UINT32_MAX &&
            (gm_event_word_in(doc, head, other_sense_objects) ||
             gm_event_word_in(doc, phrase_end_noun(doc, head, sent->tok_end),
                              other_sense_objects)))
            return true;
    }
    if (lemma_in(doc, last, shoot)) {
        /* "prices shot up", "he shot back", "shot to fame" */
        if (te < sent->tok_end && gm_event_word_in(doc, te, shot_away) &&
            !(gm_event_word_is(doc, te, "to") &&
              (gm_event_word_is(doc, te + 1, "death") ||
               gm_event_word_is(doc, te + 1, "kill"))) &&
            !shot_up_object(doc, te, sent->tok_end))
            return true;
        /* "shot a 66 on Sunday": a round of golf */
        if (golf_score(doc, te, sent->tok_end))
            return true;
        /* "the film was shot", "the picture, which was shot" */
        for (uint32_t k = tb; k > sent->tok_begin && tb - k < 5;) {
            k--;
            if (gm_event_word_in(doc, k, filmed_subjects))
                return true;
        }
    }
    return false;
}

/* ---- events --------------------------------------------------------- */

static bool violent_root(const char *code)
{
    return strncmp(code, "18", 2) == 0 || strncmp(code, "19", 2) == 0 ||
           strncmp(code, "20", 2) == 0 || strcmp(code, "145") == 0;
}

/* The event's code, with c its entry (gm_event_code_find). */
static void set_code(gm_event *ev, const char *code, const gm_event_code *c)
{
    size_t len = strlen(code);
    if (len >= sizeof ev->code)
        len = sizeof ev->code - 1;
    memcpy(ev->code, code, len);
    ev->code[len] = '\0';
    gm_event_code_root(ev->code, ev->root_code);
    ev->quad_class = gm_event_quad_class(ev->root_code);
    ev->type = c ? c->label : "";
}

/* What the events of one sentence share, read for the first of them that
 * needs it: the time expressions and the dead of the sentence. */
typedef struct sentence_memo {
    bool when_read, dead_read;
    int32_t dead;
    gm_event_when_list when;
    gm_event_place_memo place;
} sentence_memo;

/* Placement, date and dead of an event whose trigger and flags are set;
 * memo, when not NULL, is its sentence's (for a sentence of more than one
 * trigger). */
static void complete(const gm_event_doc *doc, uint32_t tb, uint32_t te,
                     sentence_memo *memo, gm_event *ev)
{
    gm_event_place_in(doc, ev->sentence, memo ? &memo->place : NULL, tb, te,
                      ev);
    if (!memo) {
        gm_event_when_find_in(doc, ev->sentence, tb, te, &ev->when);
    } else {
        if (!memo->when_read) {
            gm_event_when_scan(doc, ev->sentence, &memo->when);
            memo->when_read = true;
        }
        gm_event_when_pick(doc, &memo->when, tb, te, &ev->when);
    }
    ev->fatalities = GM_EVENT_FATALITIES_UNKNOWN;
    if (ev->quad_class == 4 || ev->code[0] == '\0') {
        if (!memo) {
            ev->fatalities = gm_event_fatalities_find(doc, ev->sentence);
        } else {
            if (!memo->dead_read) {
                memo->dead = gm_event_fatalities_find(doc, ev->sentence);
                memo->dead_read = true;
            }
            ev->fatalities = memo->dead;
        }
    }
    if (ev->flags & GM_EVENT_WEAK)
        ev->confidence *= 0.7f;
    if (ev->flags & (GM_EVENT_HYPOTHETICAL | GM_EVENT_NEGATED))
        ev->confidence *= 0.5f;
}

static void init_event(const gm_event_doc *doc, uint32_t s, uint32_t tb,
                       uint32_t te, gm_event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->type = "";
    const gm_token *a = &doc->toks->v[tb];
    const gm_token *b = &doc->toks->v[te - 1];
    ev->trigger_off = a->off;
    ev->trigger_len = b->off + b->len - a->off;
    ev->sentence = s;
    const gm_sentence *sent = &doc->sents->v[s];
    ev->sentence_off = sent->off;
    ev->sentence_len = sent->len;
    ev->place = GM_EVENT_NO_PLACE;
    ev->mention = -1;
}

void gm_event_article(const gm_gaz *gaz, const char *text,
                      const gm_tok_list *tokens,
                      const gm_sent_list *sentences,
                      const gm_span_list *spans,
                      const gm_mention_list *mentions, unsigned options,
                      gm_arena *arena, gm_event_list *out)
{
    gm_event_doc doc;
    gm_event_doc_init(&doc, gaz, text, tokens, sentences, spans, mentions,
                      arena);
    out->v = NULL;
    out->n = 0;
    out->boilerplate = doc.boiler;
    size_t cap = 0;
    gm_event_lex_hit *hits = NULL;
    size_t hits_cap = 0;
    for (uint32_t s = 0; s < sentences->n; s++) {
        const gm_sentence *sent = &sentences->v[s];
        if (sent->tok_end - sent->tok_begin > MAX_EVENT_SENTENCE_TOKENS)
            continue;
        int headline = -1; /* told by gm_event_lex_next when needed */
        size_t n_hits = 0;
        uint32_t i = sent->tok_begin;
        gm_event_lex_hit found;
        while (gm_event_lex_next(text, tokens, sent->tok_begin, &i,
                                 sent->tok_end, &headline, &found)) {
            i = found.tok_end;
            if (found.tok_begin < doc.headline_end ||
                gm_boilerplate_covers(&doc.boiler,
                                      tokens->v[found.tok_begin].off))
                continue;
            hits = gm_arena_grow(arena, hits, n_hits, &hits_cap, sizeof *hits,
                                 8);
            hits[n_hits++] = found;
        }
        if (n_hits == 0)
            continue; /* most sentences */
        gm_event_doc_sentence(&doc, s);
        /* Does the sentence report violence other than its casualties?
         * Then "killed", "wounded" only count that violence's dead. */
        bool other_violence = false;
        unsigned *mods = gm_arena_alloc(arena, n_hits * sizeof *mods);
        for (size_t h = 0; h < n_hits; h++) {
            mods[h] = modality(&doc, hits[h].tok_begin, sent->tok_begin);
            if (!(hits[h].flags & GM_LEX_CASUALTY) &&
                violent_root(hits[h].code) && !mods[h])
                other_violence = true;
        }
        sentence_memo memo;
        memo.when_read = memo.dead_read = false;
        memo.place.built = false;
        for (size_t h = 0; h < n_hits; h++) {
            const gm_event_lex_hit *hit = &hits[h];
            if ((hit->flags & GM_LEX_CASUALTY) && other_violence)
                continue;
            /* "Protesters marched": a weak trigger that another of the
             * same code in its sentence reports */
            bool repeated = false;
            for (size_t o = 0; o < n_hits && (hit->flags & GM_LEX_WEAK); o++)
                if (o != h && !(hits[o].flags & GM_LEX_WEAK) &&
                    strcmp(hits[o].code, hit->code) == 0)
                    repeated = true;
            if (repeated)
                continue;
            if ((mods[h] & GM_EVENT_NEGATED) &&
                !(options & GM_EVENT_KEEP_NEGATED))
                continue;
            if ((mods[h] & GM_EVENT_HYPOTHETICAL) &&
                !(options & GM_EVENT_KEEP_HYPOTHETICAL))
                continue;
            if (other_sense(&doc, hit->tok_begin, hit->tok_end, sent))
                continue;
            out->v = gm_arena_grow(arena, out->v, out->n, &cap,
                                   sizeof *out->v, 8);
            gm_event *ev = &out->v[out->n++];
            init_event(&doc, s, hit->tok_begin, hit->tok_end, ev);
            set_code(ev, hit->code, hit->entry);
            ev->flags = mods[h];
            if (hit->flags & GM_LEX_WEAK)
                ev->flags |= GM_EVENT_WEAK;
            reported(&doc, hit->tok_begin, hit->tok_end, sent, ev);
            complete(&doc, hit->tok_begin, hit->tok_end,
                     n_hits > 1 ? &memo : NULL, ev);
        }
    }
}

bool gm_event_attach(const gm_gaz *gaz, const char *text,
                     const gm_tok_list *tokens, const gm_sent_list *sentences,
                     const gm_span_list *spans,
                     const gm_mention_list *mentions, uint32_t off,
                     uint32_t len, gm_arena *arena, gm_event *out)
{
    memset(out, 0, sizeof *out);
    uint32_t tb = UINT32_MAX, te = 0;
    for (uint32_t k = 0; k < tokens->n; k++) {
        const gm_token *t = &tokens->v[k];
        if (t->kind == GM_TOK_PUNCT || t->off + t->len <= off ||
            t->off >= off + len)
            continue;
        if (tb == UINT32_MAX)
            tb = k;
        te = k + 1;
    }
    if (tb == UINT32_MAX || sentences->n == 0)
        return false;
    gm_event_doc doc;
    gm_event_doc_init(&doc, gaz, text, tokens, sentences, spans, mentions,
                      arena);
    init_event(&doc, gm_event_sentence_of(&doc, tb), tb, te, out);
    gm_event_doc_sentence(&doc, out->sentence);
    const gm_sentence *sent = &sentences->v[out->sentence];
    gm_event_lex_hit hit;
    if (gm_event_lex_match(text, tokens, tb, sent->tok_end,
                           gm_event_lex_headline(tokens, sent->tok_begin,
                                                 sent->tok_end),
                           &hit)) {
        set_code(out, hit.code, hit.entry);
        if (hit.flags & GM_LEX_WEAK)
            out->flags |= GM_EVENT_WEAK;
    }
    out->flags |= modality(&doc, tb, sent->tok_begin);
    reported(&doc, tb, te, sent, out);
    if (other_sense(&doc, tb, te, sent)) {
        out->flags |= GM_EVENT_OTHER_SENSE;
        gm_event_when_find_in(&doc, out->sentence, tb, te, &out->when);
        out->fatalities = GM_EVENT_FATALITIES_UNKNOWN;
        return true;
    }
    complete(&doc, tb, te, NULL, out);
    return true;
}

/* ---- names ---------------------------------------------------------- */

gm_event_precision gm_event_precision_of(const gm_place *p)
{
    switch (p->kind) {
    case GM_KIND_CITY:
        return strcmp(p->feature_code, "PPLX") == 0 ? GM_PREC_POINT
                                                    : GM_PREC_CITY;
    case GM_KIND_COUNTRY: return GM_PREC_COUNTRY;
    case GM_KIND_ADMIN1: return GM_PREC_ADMIN1;
    case GM_KIND_ADMIN2: return GM_PREC_ADMIN2;
    case GM_KIND_REGION:
    case GM_KIND_CONTINENT:
    case GM_KIND_FEATURE: return GM_PREC_REGION;
    case GM_KIND_OTHER:
        break;
    }
    if (p->feature_class == 'S')
        return GM_PREC_POINT;
    if (p->feature_class == 'A')
        return GM_PREC_ADMIN2;
    return GM_PREC_REGION;
}

const char *gm_event_precision_name(gm_event_precision precision)
{
    switch (precision) {
    case GM_PREC_NONE: return "";
    case GM_PREC_POINT: return "point";
    case GM_PREC_CITY: return "city";
    case GM_PREC_ADMIN2: return "admin2";
    case GM_PREC_ADMIN1: return "admin1";
    case GM_PREC_REGION: return "region";
    case GM_PREC_COUNTRY: return "country";
    }
    return "";
}

const char *gm_event_reason_name(gm_event_reason reason)
{
    switch (reason) {
    case GM_WHERE_NONE: return "no location";
    case GM_WHERE_LOCATIVE: return "locative";
    case GM_WHERE_OBJECT: return "object";
    case GM_WHERE_CLAUSE: return "clause";
    case GM_WHERE_SENTENCE: return "sentence";
    case GM_WHERE_DATELINE: return "dateline";
    case GM_WHERE_FOCUS: return "focus";
    }
    return "";
}

const char *gm_event_date_precision_name(gm_event_date_precision precision)
{
    switch (precision) {
    case GM_DATE_NONE: return "";
    case GM_DATE_ARTICLE: return "article";
    case GM_DATE_DAY: return "day";
    case GM_DATE_WEEK: return "week";
    case GM_DATE_MONTH: return "month";
    }
    return "";
}
