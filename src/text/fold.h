/* The one fold shared by the gazetteer builder and the spotter, so that
 * "Xankəndi", "XANKENDI" and "Xankendi" meet: Unicode NFKC case folding
 * (utf8proc), combining marks stripped, a few letters that do not decompose
 * transliterated (ə→e, ı→i, ł→l, ø→o, đ→d, æ→ae, œ→oe, þ→th, ...).
 * Any change to what it produces must bump GM_FOLD_VERSION: compiled
 * gazetteers record the version they were folded with and are refused when
 * it differs. Pure functions, thread-safe. */
#ifndef GM_TEXT_FOLD_H
#define GM_TEXT_FOLD_H

#include <stddef.h>

#include "core/buf.h"

#define GM_FOLD_VERSION 1

/* Appends the folded form of one word token (a run of word characters as
 * gm_tok_split defines it) to out. Returns the number of bytes appended
 * (0 when the token folds to nothing, e.g. only marks). */
size_t gm_fold_word(const char *s, size_t len, gm_buf *out);

/* Folds a whole name as the spotter will see it in text: splits it into word
 * tokens with the same rules as gm_tok_split (so "Nagorno-Karabakh" and
 * "Nagorno Karabakh" both give "nagorno karabakh", "U.S." gives "u s"),
 * folds each and appends them joined by single spaces. Returns the number of
 * word tokens (0: nothing to look up). */
size_t gm_fold_name(const char *name, size_t len, gm_buf *out);

#endif
