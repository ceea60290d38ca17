/* Sentence spans over a token list, and the SENT_START flag on the first word
 * of each. Three rules, in order of strength:
 *   1. a blank line (two line breaks, white space between allowed) always
 *      ends a sentence;
 *   2. a terminal (. ! ? and their CJK, Arabic, Devanagari forms), with the
 *      closing quotes and brackets right after it, ends one when the next
 *      token can start a sentence: an upper-case or uncased word, a number, an
 *      opening quote or bracket. After ASCII terminals white space must come
 *      first ("U.S.-backed", "3.5" do not split); CJK text has none. A period
 *      right after an abbreviation ("Mr.", "St.", "Jan.") or a one-letter word
 *      ("J. Smith", "U.S. Army") ends nothing;
 *   3. a headline: a short line (< 20 tokens) that makes up the whole sentence
 *      so far, ends in a word or number, and is followed by a line that starts
 *      with an upper-case word ("Fire in Paris\nA fire broke out...").
 * Tokens are tokens.c's; this file only reads them and the white space
 * between them, and sets the flag. */
#include "text/sentences.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/alloc.h"
#include "text/utf8.h"

#define HEADLINE_MAX_TOKENS 20

/* The code point of a punctuation token (one code point long). */
static int32_t punct_cp(const char *text, const gm_token *t)
{
    unsigned char c = (unsigned char)text[t->off];
    if (c < 0x80)
        return c;
    int32_t cp;
    gm_utf8_decode(text + t->off, t->len, &cp);
    return cp;
}

/* Sentence-final punctuation. *needs_space: whether white space must follow
 * before the next sentence (scripts written with spaces between words). */
static bool is_terminal(int32_t cp, bool *needs_space)
{
    switch (cp) {
    case '.':
    case '!':
    case '?':
        *needs_space = true;
        return true;
    case 0x061F: /* ؟ Arabic question mark */
    case 0x06D4: /* ۔ Arabic full stop (Urdu) */
    case 0x0964: /* । Devanagari danda */
    case 0x0965: /* ॥ double danda */
    case 0x3002: /* 。 ideographic full stop */
    case 0xFF01: /* ！ fullwidth exclamation mark */
    case 0xFF0E: /* ． fullwidth full stop */
    case 0xFF1F: /* ？ fullwidth question mark */
    case 0xFF61: /* ｡ halfwidth ideographic full stop */
        *needs_space = false;
        return true;
    default:
        return false;
    }
}

/* Whether the punctuation token t may be a terminal, by its first byte:
 * '.', '!', '?' or the lead byte of one of is_terminal's other code points
 * (D8 and DB the Arabic marks, E0 the dandas, E3 the ideographic stop, EF
 * the fullwidth and halfwidth forms). The decoder refuses overlong forms,
 * so no other first byte decodes to a terminal: most marks (commas,
 * quotes, dashes) are told without decoding them. */
static inline bool may_be_terminal(const char *text, const gm_token *t)
{
    /* one bit a byte: of 0x00-0x3F for ASCII, of 0xC0-0xFF for leads */
    const uint64_t ascii = (1ull << '.') | (1ull << '!') | (1ull << '?');
    const uint64_t leads = (1ull << (0xD8 - 0xC0)) | (1ull << (0xDB - 0xC0)) |
                           (1ull << (0xE0 - 0xC0)) | (1ull << (0xE3 - 0xC0)) |
                           (1ull << (0xEF - 0xC0));
    unsigned c = (unsigned char)text[t->off];
    uint64_t bits = c < 0x40 ? ascii : c >= 0xC0 ? leads : 0;
    return (bits >> (c & 63)) & 1;
}

static bool is_ascii_quote(int32_t cp)
{
    return cp == '"' || cp == '\'';
}

/* Quotes and brackets that may close a sentence after its terminal. */
static bool is_closing(int32_t cp)
{
    if (is_ascii_quote(cp))
        return true;
    utf8proc_category_t c = utf8proc_category(cp);
    /* Pi too: German closes with “ (U+201C) */
    return c == UTF8PROC_CATEGORY_PE || c == UTF8PROC_CATEGORY_PF ||
           c == UTF8PROC_CATEGORY_PI;
}

/* Quotes and brackets that may open one (» opens in German and Danish). */
static bool is_opening(int32_t cp)
{
    if (is_ascii_quote(cp) || cp == 0xBF /* ¿ */ || cp == 0xA1 /* ¡ */)
        return true;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_PS || c == UTF8PROC_CATEGORY_PI ||
           c == UTF8PROC_CATEGORY_PF;
}

/* Line breaks in text[from..to), the white space between two tokens; a form
 * feed or U+2029 PARAGRAPH SEPARATOR counts as two (a paragraph). CR LF is
 * one break. */
static unsigned line_breaks(const char *text, size_t from, size_t to)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned breaks = 0;
    for (size_t i = from; i < to; i++) {
        switch (s[i]) {
        case '\n':
        case '\v':
            breaks++;
            break;
        case '\r':
            if (i + 1 >= to || s[i + 1] != '\n')
                breaks++;
            break;
        case '\f':
            breaks += 2;
            break;
        case 0xC2: /* U+0085 NEXT LINE */
            if (i + 1 < to && s[i + 1] == 0x85)
                breaks++;
            break;
        case 0xE2: /* U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR */
            if (i + 2 < to && s[i + 1] == 0x80 && s[i + 2] == 0xA8)
                breaks++;
            else if (i + 2 < to && s[i + 1] == 0x80 && s[i + 2] == 0xA9)
                breaks += 2;
            break;
        default:
            break;
        }
    }
    return breaks;
}

#define ABBREVIATION_MAX 4 /* longest folded abbreviation below */

/* Words that a period follows without ending the sentence, in folded form,
 * when written with a capital ("No." but "no."). "No" is one only before a
 * number ("No. 10 Downing Street"). */
static const char *const capital_abbreviations[] = {
    /* titles and ranks */
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt",
    "sgt", "cpl", "pvt", "adm", "brig", "cmdr", "rep", "sen", "gov", "pres",
    "rev", "hon", "jr", "sr",
    /* places: "St. Louis", "Mt. Everest", "Ft. Worth" */
    "st", "mt", "ft", "ave", "blvd",
    /* organisations and references */
    "inc", "corp", "co", "ltd", "bros", "dept", "vol", "no",
    /* months ("May" is a word) */
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
};

/* The same, written in any case. Most words before a period are in lower
 * case: they are compared with these two only. */
static const char *const any_case_abbreviations[] = { "vs", "etc" };

/* Whether the folded word f[0..len) is one of list[0..n). */
static bool listed(const char *const *list, size_t n, const char *f,
                   size_t len)
{
    for (size_t i = 0; i < n; i++) {
        /* f is not NUL-terminated: strncmp stops at the listed word's
         * NUL, which then must fall exactly at the end of f */
        if (list[i][0] == f[0] && strncmp(list[i], f, len) == 0 &&
            list[i][len] == '\0')
            return true;
    }
    return false;
}

/* True when the period at token p (p > 0) belongs to an abbreviation or
 * an initial, so it ends nothing. next: the token after the terminal run,
 * or NULL. */
static bool after_abbreviation(const char *text, const gm_tok_list *tokens,
                               size_t p, const gm_token *next)
{
    const gm_token *w = &tokens->v[p - 1];
    if (w->kind != GM_TOK_WORD || w->off + w->len != tokens->v[p].off)
        return false;
    /* one letter: "J. Smith", "U.S. Army", "e.g."; a word of more bytes
     * than one is one letter only when its first byte starts a sequence
     * that long */
    if (w->len == 1)
        return true;
    int32_t cp;
    if ((unsigned char)text[w->off] >= 0x80 &&
        gm_utf8_decode(text + w->off, w->len, &cp) == w->len)
        return true;
    if (w->fold_len > ABBREVIATION_MAX || w->fold_len == 0)
        return false;
    const char *f = gm_tok_folded(tokens, p - 1);
    size_t len = w->fold_len;
    if (listed(any_case_abbreviations,
               sizeof any_case_abbreviations / sizeof *any_case_abbreviations,
               f, len))
        return true;
    if (!(w->flags & GM_TOKF_UPPER_INITIAL) ||
        !listed(capital_abbreviations,
                sizeof capital_abbreviations / sizeof *capital_abbreviations,
                f, len))
        return false;
    if (len == 2 && f[0] == 'n' && f[1] == 'o')
        return next && next->kind == GM_TOK_NUMBER;
    return true;
}

static bool can_start_sentence(const char *text, const gm_token *t)
{
    switch (t->kind) {
    case GM_TOK_WORD:
        return (t->flags & (GM_TOKF_UPPER_INITIAL | GM_TOKF_UNCASED)) != 0;
    case GM_TOK_NUMBER:
        return true;
    default:
        return is_opening(punct_cp(text, t));
    }
}

/* True when the PUNCT token k closes what the terminal before it ended:
 * attached to it ("end." ”), or a closing mark standing alone before
 * white space (French « ... fin. » Puis). */
static bool closes_terminal(const char *text, const gm_tok_list *tokens,
                            size_t k)
{
    const gm_token *t = &tokens->v[k];
    if (t->kind != GM_TOK_PUNCT)
        return false;
    int32_t cp = punct_cp(text, t);
    if (!is_closing(cp))
        return false;
    if (!(t->flags & GM_TOKF_SPACE_BEFORE))
        return true;
    utf8proc_category_t c = utf8proc_category(cp);
    if (c != UTF8PROC_CATEGORY_PE && c != UTF8PROC_CATEGORY_PF)
        return false;
    return k + 1 >= tokens->n ||
           (tokens->v[k + 1].flags & GM_TOKF_SPACE_BEFORE);
}

static bool paragraph_break_before(const char *text, const gm_tok_list *tokens,
                                   size_t k)
{
    const gm_token *t = &tokens->v[k];
    if (k == 0 || !(t->flags & GM_TOKF_NEWLINE_BEFORE))
        return false;
    const gm_token *prev = &tokens->v[k - 1];
    return line_breaks(text, prev->off + prev->len, t->off) >= 2;
}

static void add_sentence(gm_sent_list *list, gm_tok_list *tokens, size_t begin,
                         size_t end)
{
    if (list->n == list->cap) {
        void *v = list->v;
        gm_xgrow(&v, &list->cap, list->n + 1, sizeof *list->v);
        list->v = v;
    }
    const gm_token *first = &tokens->v[begin];
    const gm_token *last = &tokens->v[end - 1];
    gm_sentence *s = &list->v[list->n++];
    s->tok_begin = (uint32_t)begin;
    s->tok_end = (uint32_t)end;
    s->off = first->off;
    s->len = last->off + last->len - first->off;
    for (size_t i = begin; i < end; i++) {
        if (tokens->v[i].kind != GM_TOK_PUNCT) {
            tokens->v[i].flags |= GM_TOKF_SENT_START;
            break;
        }
    }
}

/* The first token from i on that the main loop must look at: the first of
 * the tokeniser's stops from i on (*stop moved up to it), or break_at when
 * it comes first; n when neither. */
static inline size_t next_stop(const uint32_t **stop, const uint32_t *end,
                               size_t i, size_t break_at, size_t n)
{
    const uint32_t *s = *stop;
    while (s < end && *s < i)
        s++;
    *stop = s;
    size_t next = s < end ? *s : n;
    return break_at >= i && break_at < next ? break_at : next;
}

/* Clears the SENT_START flags of an earlier split of the same tokens,
 * which then set it on the first word or number of the first sentence (a
 * split of the text sets none). */
static void clear_marks(gm_tok_list *tokens)
{
    gm_token *v = tokens->v;
    size_t n = tokens->n, k = 0;
    while (k < n && v[k].kind == GM_TOK_PUNCT)
        k++;
    if (k == n || !(v[k].flags & GM_TOKF_SENT_START))
        return;
    for (; k < n; k++)
        v[k].flags &= (uint16_t)~GM_TOKF_SENT_START;
}

void gm_sent_split(const char *text, gm_tok_list *tokens, gm_sent_list *list)
{
    list->n = 0;
    size_t n = tokens->n;
    if (n == 0)
        return;
    clear_marks(tokens);

    size_t begin = 0;          /* first token of the current sentence */
    size_t line_begin = 0;     /* first token of the current line */
    size_t break_at = SIZE_MAX; /* a terminal ends the sentence before this */
    size_t run_end = 0;        /* terminal runs already looked at end here */
    const uint32_t *stop = tokens->stops;
    const uint32_t *stop_end = stop + tokens->n_stops;
    for (size_t i = 0; i < n; i++) {
        /* Most tokens: a word or number inside a line, where no sentence
         * ends and no terminal run starts, not visited: only the
         * tokeniser's stops (punctuation, line starts) and break_at are. */
        i = next_stop(&stop, stop_end, i, break_at, n);
        if (i >= n)
            break;
        gm_token *t = &tokens->v[i];
        if (i > 0) {
            bool brk = i == break_at;
            if (t->flags & GM_TOKF_NEWLINE_BEFORE) {
                const gm_token *prev = &tokens->v[i - 1];
                if (paragraph_break_before(text, tokens, i))
                    brk = true;
                else if (!brk && begin == line_begin &&
                         i - line_begin < HEADLINE_MAX_TOKENS &&
                         prev->kind != GM_TOK_PUNCT &&
                         t->kind == GM_TOK_WORD &&
                         (t->flags & GM_TOKF_UPPER_INITIAL))
                    brk = true;
                line_begin = i;
            }
            if (brk) {
                add_sentence(list, tokens, begin, i);
                begin = i;
            }
        }

        bool needs_space;
        if (i < run_end || t->kind != GM_TOK_PUNCT ||
            !may_be_terminal(text, t) ||
            !is_terminal(punct_cp(text, t), &needs_space))
            continue;
        /* The run: more terminals ("?!", "...") and closing marks, up to a
         * paragraph break (which ends the sentence anyway). */
        size_t k = i + 1;
        while (k < n && !paragraph_break_before(text, tokens, k)) {
            const gm_token *r = &tokens->v[k];
            bool unused;
            if (r->kind == GM_TOK_PUNCT &&
                (is_terminal(punct_cp(text, r), &unused) ||
                 closes_terminal(text, tokens, k)))
                k++;
            else
                break;
        }
        run_end = k;
        if (k >= n)
            continue;
        const gm_token *next = &tokens->v[k];
        if (needs_space && !(next->flags & GM_TOKF_SPACE_BEFORE))
            continue;
        if (!can_start_sentence(text, next))
            continue;
        if (i > 0 && punct_cp(text, t) == '.' &&
            after_abbreviation(text, tokens, i, next))
            continue;
        break_at = k;
    }
    add_sentence(list, tokens, begin, n);
}

void gm_sent_list_free(gm_sent_list *list)
{
    if (!list)
        return;
    free(list->v);
    list->v = NULL;
    list->n = list->cap = 0;
}
