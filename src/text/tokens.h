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
 * once (gm_fold_word) into the list's folded buffer.
 * One gm_tok_list per worker, reused across articles. */
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
    uint16_t kind;     /* gm_tok_kind */
    uint16_t flags;    /* GM_TOKF_* */
} gm_token;

typedef struct gm_tok_list {
    gm_token *v;
    size_t n;
    size_t cap;
    gm_buf folded; /* folded words, back to back, no separators */
} gm_tok_list;

#define GM_TOK_LIST_INIT { NULL, 0, 0, GM_BUF_INIT }

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

void gm_tok_list_free(gm_tok_list *list);

#endif
