/* Boilerplate lines: a line is the run of tokens from one that follows a
 * line break to the next such token. Each line is compared by its folded
 * words with the phrases below: a marker line is boilerplate, and so are
 * the short lines right after a list marker ("Next Post", "Related
 * articles", "Leave a Reply"), which are the other articles' headlines, their
 * dates and the form's fields, until a line that reads like article text.
 * The phrases are English; the tokens and the fold are text/'s. */
#include "text/boilerplate.h"

#include <pthread.h>
#include <string.h>

/* Words of a line compared with the phrases: the first LINE_WORDS. */
#define LINE_WORDS 24
/* A line after a list marker is a listed headline when it has at most this
 * many words, or at most HEADLINE_SHORT_WORDS when it ends like a
 * sentence. */
#define HEADLINE_MAX_WORDS 20
#define HEADLINE_SHORT_WORDS 12
/* How many lines a list marker covers at most. */
#define LIST_MAX_LINES 12
/* A line that starts with a marker phrase and goes on is boilerplate up to
 * this many words ("Previous Post: Ceasefire holds in the north"). */
#define MARKED_LINE_MAX_WORDS 24

typedef struct line {
    uint32_t tok_begin, tok_end;
    const char *word[LINE_WORDS];   /* folded words (not NUL-terminated) */
    uint32_t word_len[LINE_WORDS];
    uint32_t n_words;               /* words of the line, counted up to
                                       LINE_WORDS + 1 (no test reads
                                       further) */
    char last_punct;                /* ASCII of the final punctuation, or 0 */
} line;

/* How a phrase acts when a line starts with it. */
enum {
    P_WHOLE = 1 << 0,  /* only when it is the whole line */
    P_LIST = 1 << 1,   /* the short lines after it are listed headlines */
    P_PREFIX = 1 << 2  /* also when the line goes on ("Tags: a, b") */
};

typedef struct phrase {
    const char *words;             /* folded words, one space between */
    gm_boilerplate_kind kind;
    unsigned how;
} phrase;

static const phrase phrases[] = {
    /* navigation between articles, and the headline lists after it */
    { "previous post", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "next post", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "previous article", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "next article", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "previous story", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "next story", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "older post", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "newer post", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "older posts", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "newer posts", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "previous", GM_BOILER_NAV, P_WHOLE | P_LIST },
    { "next", GM_BOILER_NAV, P_WHOLE | P_LIST },
    { "prev", GM_BOILER_NAV, P_WHOLE | P_LIST },
    { "related", GM_BOILER_NAV, P_WHOLE | P_LIST },
    { "related articles", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "related posts", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "related stories", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "related news", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "related content", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "related coverage", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "read more", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "read also", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "also read", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "see also", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "more stories", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "more news", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "more from", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "more on this story", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "you may also like", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "you might also like", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "recommended", GM_BOILER_NAV, P_WHOLE | P_LIST },
    { "recommended for you", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "most read", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "most popular", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "trending", GM_BOILER_NAV, P_WHOLE | P_LIST },
    { "trending now", GM_BOILER_NAV, P_LIST | P_PREFIX },
    { "latest news", GM_BOILER_NAV, P_WHOLE | P_LIST },
    { "top stories", GM_BOILER_NAV, P_WHOLE | P_LIST },
    { "editor s picks", GM_BOILER_NAV, P_WHOLE | P_LIST },
    { "skip to content", GM_BOILER_NAV, P_WHOLE },
    { "back to top", GM_BOILER_NAV, P_WHOLE },
    { "home", GM_BOILER_NAV, P_WHOLE },
    { "menu", GM_BOILER_NAV, P_WHOLE },
    { "search", GM_BOILER_NAV, P_WHOLE },
    /* share and follow buttons */
    { "share", GM_BOILER_SHARE, P_PREFIX },
    { "share this", GM_BOILER_SHARE, P_PREFIX },
    { "share this article", GM_BOILER_SHARE, P_PREFIX },
    { "share this story", GM_BOILER_SHARE, P_PREFIX },
    { "share on", GM_BOILER_SHARE, P_PREFIX },
    { "click to share", GM_BOILER_SHARE, P_PREFIX },
    { "follow us", GM_BOILER_SHARE, P_PREFIX },
    { "tweet", GM_BOILER_SHARE, P_WHOLE },
    { "print", GM_BOILER_SHARE, P_WHOLE },
    { "email", GM_BOILER_SHARE, P_WHOLE },
    { "copy link", GM_BOILER_SHARE, P_WHOLE },
    /* comment forms */
    { "leave a reply", GM_BOILER_COMMENT, P_LIST | P_PREFIX },
    { "leave a comment", GM_BOILER_COMMENT, P_LIST | P_PREFIX },
    { "post a comment", GM_BOILER_COMMENT, P_LIST | P_PREFIX },
    { "add a comment", GM_BOILER_COMMENT, P_LIST | P_PREFIX },
    { "add comment", GM_BOILER_COMMENT, P_LIST | P_PREFIX },
    { "comments", GM_BOILER_COMMENT, P_WHOLE | P_LIST },
    { "cancel reply", GM_BOILER_COMMENT, P_PREFIX },
    { "your email address will not be published", GM_BOILER_COMMENT,
      P_PREFIX },
    { "required fields are marked", GM_BOILER_COMMENT, P_PREFIX },
    { "save my name", GM_BOILER_COMMENT, P_PREFIX },
    { "post comment", GM_BOILER_COMMENT, P_WHOLE },
    { "submit comment", GM_BOILER_COMMENT, P_WHOLE },
    { "comment", GM_BOILER_COMMENT, P_WHOLE },
    { "name", GM_BOILER_COMMENT, P_WHOLE },
    { "website", GM_BOILER_COMMENT, P_WHOLE },
    /* advertisements */
    { "advertisement", GM_BOILER_AD, P_WHOLE },
    { "advertisements", GM_BOILER_AD, P_WHOLE },
    { "advertising", GM_BOILER_AD, P_WHOLE },
    { "ad", GM_BOILER_AD, P_WHOLE },
    { "sponsored", GM_BOILER_AD, P_WHOLE | P_LIST },
    { "sponsored content", GM_BOILER_AD, P_PREFIX | P_LIST },
    { "promoted", GM_BOILER_AD, P_WHOLE | P_LIST },
    { "paid content", GM_BOILER_AD, P_PREFIX },
    { "story continues below", GM_BOILER_AD, P_PREFIX },
    { "continue reading below", GM_BOILER_AD, P_PREFIX },
    { "scroll to continue", GM_BOILER_AD, P_PREFIX },
    /* page furniture */
    { "tags", GM_BOILER_FOOTER, P_PREFIX },
    { "tagged", GM_BOILER_FOOTER, P_PREFIX },
    { "filed under", GM_BOILER_FOOTER, P_PREFIX },
    { "posted in", GM_BOILER_FOOTER, P_PREFIX },
    { "categories", GM_BOILER_FOOTER, P_PREFIX },
    { "category", GM_BOILER_FOOTER, P_PREFIX },
    { "copyright", GM_BOILER_FOOTER, P_PREFIX },
    { "subscribe to our newsletter", GM_BOILER_FOOTER, P_PREFIX },
    { "sign up for our newsletter", GM_BOILER_FOOTER, P_PREFIX },
};

/* Buttons that a share line lists. */
static const char *const share_words[] = {
    "share", "facebook", "twitter", "x", "whatsapp", "telegram", "email",
    "linkedin", "pinterest", "reddit", "print", "tweet", "messenger", "viber",
    "vk", "tumblr", "pocket", "flipboard", "copy", "link", "mail", "sms",
};

static bool word_is(const line *l, uint32_t i, const char *w, size_t len)
{
    /* word[i] is only set for the line's first min(n_words, LINE_WORDS)
     * words: beyond them it is stale or uninitialised */
    return i < LINE_WORDS && i < l->n_words && l->word_len[i] == len &&
           memcmp(l->word[i], w, len) == 0;
}

/* The number of words of phrase p when the line starts with it, else 0. */
static uint32_t starts_with(const line *l, const char *p)
{
    uint32_t i = 0;
    while (*p) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (!word_is(l, i, p, len))
            return 0;
        i++;
        p += len;
        if (*p == ' ')
            p++;
    }
    return i;
}

static bool is_share_word(const char *w, size_t len)
{
    for (size_t k = 0; k < sizeof share_words / sizeof share_words[0]; k++)
        if (strlen(share_words[k]) == len &&
            memcmp(share_words[k], w, len) == 0)
            return true;
    return false;
}

/* A line of buttons: "Facebook Twitter WhatsApp Email". */
static bool share_line(const line *l)
{
    if (l->n_words < 2 || l->n_words > LINE_WORDS)
        return false;
    for (uint32_t i = 0; i < l->n_words; i++)
        if (!is_share_word(l->word[i], l->word_len[i]))
            return false;
    return true;
}

/* "All rights reserved" anywhere in a short line. */
static bool rights_line(const line *l)
{
    if (l->n_words > LINE_WORDS)
        return false;
    for (uint32_t i = 0; i + 2 < l->n_words; i++)
        if (word_is(l, i, "all", 3) && word_is(l, i + 1, "rights", 6) &&
            word_is(l, i + 2, "reserved", 8))
            return true;
    return false;
}

/* "12 Comments", "3 Responses": a comment count heading. */
static bool count_heading(const line *l, const gm_tok_list *toks)
{
    if (l->n_words != 2 || toks->v[l->tok_begin].kind != GM_TOK_NUMBER)
        return false;
    return word_is(l, 1, "comments", 8) || word_is(l, 1, "comment", 7) ||
           word_is(l, 1, "responses", 9) || word_is(l, 1, "replies", 7) ||
           word_is(l, 1, "thoughts", 8);
}

#define N_PHRASES (sizeof phrases / sizeof phrases[0])

/* The phrases by their first byte: those that start with byte c are
 * by_first[first_at[c] .. first_at[c + 1]), in the table's order. Made
 * once, on first use. */
static uint8_t by_first[N_PHRASES];
static uint8_t first_at[257];
static pthread_once_t by_first_once = PTHREAD_ONCE_INIT;

static void index_phrases(void)
{
    _Static_assert(N_PHRASES <= 255, "phrase indices are bytes");
    unsigned count[256] = { 0 };
    for (size_t k = 0; k < N_PHRASES; k++)
        count[(unsigned char)phrases[k].words[0]]++;
    unsigned at = 0;
    for (unsigned c = 0; c < 256; c++) {
        first_at[c] = (uint8_t)at;
        at += count[c];
    }
    first_at[256] = (uint8_t)at;
    unsigned fill[256];
    for (unsigned c = 0; c < 256; c++)
        fill[c] = first_at[c];
    for (size_t k = 0; k < N_PHRASES; k++)
        by_first[fill[(unsigned char)phrases[k].words[0]]++] = (uint8_t)k;
}

/* The phrase a line is, or starts with; NULL when none. */
static const phrase *classify(const line *l)
{
    const phrase *best = NULL;
    uint32_t best_words = 0;
    /* A phrase starts the line only if its first byte starts the line's
     * first word, which most phrases do not: only those are compared. */
    if (l->n_words == 0 || l->word_len[0] == 0)
        return NULL;
    unsigned char first = (unsigned char)l->word[0][0];
    for (unsigned f = first_at[first]; f < first_at[first + 1]; f++) {
        const phrase *p = &phrases[by_first[f]];
        uint32_t n = starts_with(l, p->words);
        if (n == 0 || n <= best_words)
            continue;
        bool whole = n == l->n_words;
        if (!whole && (!(p->how & P_PREFIX) ||
                       l->n_words > MARKED_LINE_MAX_WORDS))
            continue;
        best = p;
        best_words = n;
    }
    return best;
}

/* Reads the line that starts at token i; returns its end. Past its first
 * LINE_WORDS + 1 words only the line's end is looked for, from where the
 * tokeniser saw lines start (gm_tok_line_after): a one-line article is
 * hundreds of tokens. */
static uint32_t read_line(const char *text, const gm_tok_list *toks,
                          uint32_t i, line *l)
{
    l->tok_begin = i;
    l->n_words = 0;
    uint32_t k = i;
    for (; k < toks->n; k++) {
        const gm_token *t = &toks->v[k];
        if (k > i && (t->flags & GM_TOKF_NEWLINE_BEFORE))
            break;
        if (t->kind == GM_TOK_PUNCT)
            continue;
        if (l->n_words == LINE_WORDS) {
            l->n_words++;
            k = gm_tok_line_after(toks, k);
            break;
        }
        l->word[l->n_words] = gm_tok_folded(toks, k);
        l->word_len[l->n_words] = t->fold_len;
        l->n_words++;
    }
    const gm_token *last = &toks->v[k - 1];
    l->last_punct = last->kind != GM_TOK_PUNCT ? 0
                    : last->len == 1          ? text[last->off]
                                              : '?';
    l->tok_end = k;
    return k;
}

/* A listed headline (or date, or form field) rather than article text. */
static bool headline_like(const line *l)
{
    if (l->n_words > HEADLINE_MAX_WORDS)
        return false;
    bool sentence_end = l->last_punct == '.';
    return !sentence_end || l->n_words <= HEADLINE_SHORT_WORDS;
}

static void add(gm_arena *arena, gm_boilerplate_list *out, size_t *cap,
                const gm_tok_list *toks, const line *l,
                gm_boilerplate_kind kind)
{
    const gm_token *first = &toks->v[l->tok_begin];
    const gm_token *last = &toks->v[l->tok_end - 1];
    uint32_t end = last->off + last->len;
    /* Adjacent lines of one kind make one span. */
    if (out->n > 0) {
        gm_boilerplate_span *prev = &out->v[out->n - 1];
        if (prev->kind == kind && prev->tok_end == l->tok_begin) {
            prev->len = end - prev->off;
            prev->tok_end = l->tok_end;
            return;
        }
    }
    out->v = gm_arena_grow(arena, out->v, out->n, cap, sizeof *out->v, 8);
    out->v[out->n++] = (gm_boilerplate_span){ first->off, end - first->off,
                                              l->tok_begin, l->tok_end,
                                              kind };
}

void gm_boilerplate_mark(const char *text, const gm_tok_list *toks,
                         gm_arena *arena, gm_boilerplate_list *out)
{
    out->v = NULL;
    out->n = 0;
    size_t cap = 0;
    pthread_once(&by_first_once, index_phrases);
    /* Lines left in the current list, and its kind (headlines after
     * navigation, fields and comments after a comment form). */
    unsigned list_left = 0;
    gm_boilerplate_kind list_kind = GM_BOILER_HEADLINE;
    line l;
    for (uint32_t i = 0; i < toks->n;) {
        uint32_t next = read_line(text, toks, i, &l);
        const phrase *p = classify(&l);
        if (p) {
            /* a form's "Email" field is the form's, not a button */
            bool in_form = list_left > 0 && list_kind == GM_BOILER_COMMENT &&
                           !(p->how & P_LIST);
            add(arena, out, &cap, toks, &l,
                in_form ? GM_BOILER_COMMENT : p->kind);
            if (p->how & P_LIST) {
                list_left = LIST_MAX_LINES;
                list_kind = p->kind == GM_BOILER_NAV ? GM_BOILER_HEADLINE
                                                     : p->kind;
            }
        } else if (share_line(&l)) {
            add(arena, out, &cap, toks, &l, GM_BOILER_SHARE);
        } else if (rights_line(&l)) {
            add(arena, out, &cap, toks, &l, GM_BOILER_FOOTER);
        } else if (count_heading(&l, toks)) {
            add(arena, out, &cap, toks, &l, GM_BOILER_COMMENT);
            list_left = LIST_MAX_LINES;
            list_kind = GM_BOILER_COMMENT;
        } else if (list_left > 0 && headline_like(&l)) {
            add(arena, out, &cap, toks, &l, list_kind);
            list_left--;
        } else {
            list_left = 0;
        }
        i = next;
    }
}

bool gm_boilerplate_covers(const gm_boilerplate_list *list, uint32_t off)
{
    size_t lo = 0, hi = list->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const gm_boilerplate_span *s = &list->v[mid];
        if (off < s->off)
            hi = mid;
        else if (off >= s->off + s->len)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

const char *gm_boilerplate_kind_name(gm_boilerplate_kind kind)
{
    switch (kind) {
    case GM_BOILER_NAV: return "nav";
    case GM_BOILER_HEADLINE: return "headline";
    case GM_BOILER_SHARE: return "share";
    case GM_BOILER_COMMENT: return "comment";
    case GM_BOILER_AD: return "ad";
    case GM_BOILER_FOOTER: return "footer";
    }
    return "";
}
