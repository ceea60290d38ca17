/* Sentences: spans of tokens. A sentence ends at ".", "!", "?" (and their
 * CJK/Arabic forms) followed by space and an upper-case or uncased word, or
 * at a blank line; not after the abbreviations news uses ("Mr.", "Dr.",
 * "Gen.", "St.", "Jan.", "U.S.", single capitals "J."). Sets
 * GM_TOKF_SENT_START on the first word token of every sentence. */
#ifndef GM_TEXT_SENTENCES_H
#define GM_TEXT_SENTENCES_H

#include <stddef.h>
#include <stdint.h>

#include "text/tokens.h"

typedef struct gm_sentence {
    uint32_t tok_begin; /* first token index */
    uint32_t tok_end;   /* one past the last token */
    uint32_t off;       /* byte offset of the first token */
    uint32_t len;       /* bytes up to the end of the last token */
} gm_sentence;

typedef struct gm_sent_list {
    gm_sentence *v;
    size_t n;
    size_t cap;
} gm_sent_list;

#define GM_SENT_LIST_INIT { NULL, 0, 0 }

/* Replaces the list's content with the sentences of the tokenised text;
 * every token belongs to exactly one sentence, in order. tokens: as
 * gm_tok_split left them (only its stops are visited), or as an earlier
 * gm_sent_split of them left them (its SENT_START flags are cleared). */
void gm_sent_split(const char *text, gm_tok_list *tokens, gm_sent_list *list);

void gm_sent_list_free(gm_sent_list *list);

#endif
