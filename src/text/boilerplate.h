/* Boilerplate: the lines of a web page's text that are not the article.
 * Navigation ("Previous Post", "Next Post", "Related articles", "Read
 * more") and the headlines of other articles listed after them, share
 * buttons ("Share this", "Facebook Twitter WhatsApp"), comment forms
 * ("Leave a Reply", "Your email address will not be published"),
 * advertisements ("Advertisement", "Sponsored"), and page furniture
 * ("Tags:", "Filed under", "All rights reserved"). Found line by line from
 * the tokens; the spans are byte ranges of whole lines. The events stage
 * takes no trigger from them; the mentions inside stay mentions (a page
 * does name those places), but they place no event.
 * Pure function of the tokens, thread-safe with one arena per thread. */
#ifndef GM_TEXT_BOILERPLATE_H
#define GM_TEXT_BOILERPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "text/tokens.h"

typedef enum gm_boilerplate_kind {
    GM_BOILER_NAV = 1,     /* navigation marker: "Next Post", "Related" */
    GM_BOILER_HEADLINE,    /* a linked headline listed after a marker */
    GM_BOILER_SHARE,       /* share and follow buttons */
    GM_BOILER_COMMENT,     /* comment form and its fields */
    GM_BOILER_AD,          /* "Advertisement", "Sponsored content" */
    GM_BOILER_FOOTER       /* tags, categories, copyright lines */
} gm_boilerplate_kind;

typedef struct gm_boilerplate_span {
    uint32_t off, len;     /* bytes: one or more whole lines */
    uint32_t tok_begin, tok_end; /* tokens [begin, end) */
    gm_boilerplate_kind kind;
} gm_boilerplate_span;

typedef struct gm_boilerplate_list {
    gm_boilerplate_span *v; /* in the arena, in text order, not overlapping */
    size_t n;
} gm_boilerplate_list;

/* Marks the boilerplate lines of a tokenised text. Everything returned
 * lives in arena. Never fails. */
void gm_boilerplate_mark(const char *text, const gm_tok_list *tokens,
                         gm_arena *arena, gm_boilerplate_list *out);

/* Whether byte offset off lies inside a marked span (binary search). */
bool gm_boilerplate_covers(const gm_boilerplate_list *list, uint32_t off);

/* "nav", "headline", "share", "comment", "ad", "footer". Static string. */
const char *gm_boilerplate_kind_name(gm_boilerplate_kind kind);

#endif
