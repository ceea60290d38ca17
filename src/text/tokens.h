/* Tokens: spans over the article text, in bytes, with their kind, case
 * shape and folded form. A word token is a maximal run of letters, digits
 * and combining marks (Unicode categories L*, N*, M*); apostrophes, hyphens,
 * periods and every other character end it, except invisible formatting
 * characters (soft hyphen, zero-width joiners, bidi marks), which stay
 * inside a word and are dropped by the fold (U+200B zero-width space does
 * end a word). Unspaced scripts (Chinese, Japanese, Thai) give one token per
 * run. Non-space characters outside
 * words are one-character punctuation tokens, so "Paris, Texas" is
 * WORD PUNCT WORD and "U.S." is WORD PUNCT WORD PUNCT. Each word is folded
 * once (gm_fold_word) into the list's folded buffer, and its fold hashed
 * once (gm_tok_hash), so that the stages after look words up in their
 * tables without hashing them again. The list also keeps where its first
 * lines start, the tokens a sentence splitter stops at and the capitalised
 * words. One gm_tok_list per worker, reused across articles. */
#ifndef GM_TEXT_TOKENS_H
#define GM_TEXT_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

typedef enum gm_tok_kind {
    GM_TOK_WORD = 1,   /* contains at least one letter */
    GM_TOK_NUMBER = 2, /* digits only (with marks) */
    GM_TOK_PUNCT = 3   /* one non-space, non-word character */
} gm_tok_kind;

/* Case shape and position flags of a token. */
enum {
    GM_TOKF_UPPER_INITIAL = 1 << 0, /* first letter is upper or title case */
    GM_TOKF_ALL_UPPER = 1 << 1,     /* every cased letter upper, >= 2 letters */
    GM_TOKF_UNCASED = 1 << 2,       /* no cased letter (CJK, Arabic, Hebrew...) */
    GM_TOKF_SPACE_BEFORE = 1 << 3,  /* white space right before the token */
    GM_TOKF_NEWLINE_BEFORE = 1 << 4,/* a line break in the space before it */
    GM_TOKF_SENT_START = 1 << 5     /* first word of a sentence (gm_sent_split sets it) */
};

typedef struct gm_token {
    uint32_t off;      /* byte offset in the text */
    uint32_t len;      /* bytes */
    uint32_t fold_off; /* folded form: list->folded.data + fold_off */
    uint32_t fold_len; /* 0 for punctuation */
    uint32_t hash;     /* gm_tok_hash of the folded form (of "" for
                          punctuation) */
    uint16_t kind;     /* gm_tok_kind */
    uint16_t flags;    /* GM_TOKF_* */
} gm_token;

#define GM_TOK_LINES 8

typedef struct gm_tok_list {
    gm_token *v;
    size_t n;
    size_t cap;
    gm_buf folded; /* folded words, back to back, no separators */
    /* The first GM_TOK_LINES tokens after a line break (those with
     * GM_TOKF_NEWLINE_BEFORE, the first token excluded), in order; n_lines
     * of them, GM_TOK_LINES when there may be more. A break after the last
     * token is toks->n. */
    uint32_t line_start[GM_TOK_LINES];
    uint32_t n_lines;
    /* The tokens a sentence splitter stops at: every punctuation token and
     * every token after a line break (GM_TOKF_NEWLINE_BEFORE, the first
     * token included), in order; n_stops of them. The other tokens are
     * words and numbers inside a line. */
    uint32_t *stops;
    size_t n_stops;
    size_t stops_cap;
    /* The capitalised words, those a name may start with: the word tokens
     * (GM_TOK_WORD) with GM_TOKF_UPPER_INITIAL or GM_TOKF_UNCASED, in
     * order; n_caps of them. */
    uint32_t *caps;
    size_t n_caps;
    size_t caps_cap;
} gm_tok_list;

#define GM_TOK_LIST_INIT                                                    \
    { NULL, 0, 0, GM_BUF_INIT, { 0 }, 0, NULL, 0, 0, NULL, 0, 0 }

/* Replaces the list's content with the tokens of text[0..len). text must be
 * valid UTF-8 (see gm_utf8_validate). Texts are limited to 4 GiB - 1. */
void gm_tok_split(const char *text, size_t len, gm_tok_list *list);

/* The folded form of token i (i < list->n, so after a split, which always
 * leaves the folded buffer allocated): borrowed from the list until the
 * next split. */
static inline const char *gm_tok_folded(const gm_tok_list *list, size_t i)
{
    return list->folded.data + list->v[i].fold_off;
}

/* The first token after token k (k < list->n) that starts a line
 * (GM_TOKF_NEWLINE_BEFORE), list->n when none: from line_start, walking
 * the tokens only past its last entry when it is full. */
uint32_t gm_tok_line_after(const gm_tok_list *list, uint32_t k);

void gm_tok_list_free(gm_tok_list *list);

/* The hash of a folded word w[0..len): its bytes taken eight at a time in
 * little-endian order, then the 0 to 7 left as one more chunk padded with
 * zero bytes (an empty one when none are left), each xored
 * into a 64-bit state that is then multiplied by an odd constant, the
 * length xored in at the end and the state mixed to 32 bits. Cheaper than
 * a byte-at-a-time hash, and the tokeniser makes it from the chunks it
 * already holds. The key of the events' word tables. */
#define GM_TOK_HASH_MUL UINT64_C(0x9E3779B97F4A7C15)

static inline uint32_t gm_tok_hash_end(uint64_t h, size_t len)
{
    h ^= (uint64_t)len;
    h ^= h >> 29;
    h *= GM_TOK_HASH_MUL;
    return (uint32_t)(h >> 32);
}

static inline uint32_t gm_tok_hash(const char *w, size_t len)
{
    const unsigned char *s = (const unsigned char *)w;
    uint64_t h = 0;
    size_t i = 0;
    for (; len - i >= 8; i += 8) {
        uint64_t c = 0;
        for (unsigned b = 0; b < 8; b++)
            c |= (uint64_t)s[i + b] << (8 * b);
        h = (h ^ c) * GM_TOK_HASH_MUL;
    }
    uint64_t c = 0;
    for (unsigned b = 0; i + b < len; b++)
        c |= (uint64_t)s[i + b] << (8 * b);
    h = (h ^ c) * GM_TOK_HASH_MUL;
    return gm_tok_hash_end(h, len);
}

#endif
