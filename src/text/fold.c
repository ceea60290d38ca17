/* The fold: what a word becomes before it is hashed, by the gazetteer builder
 * and by the spotter alike. ASCII is lower-cased straight into the output
 * without calling utf8proc (most words of most articles); other code points
 * go one at a time through utf8proc_decompose_char (compatibility
 * decomposition, full case folding, marks stripped) into stack buffers, then
 * a few letters that have no decomposition are transliterated and anything
 * that is not a letter or a digit is dropped. Two exceptions keep scripts
 * whole where stripping would lose spelling rather than accents: kana and
 * Hangul syllables are not decomposed, and the vowel signs of Brahmic scripts
 * are kept. Word boundaries are tokens.c's business: gm_fold_name calls
 * gm_tok_split so that names and article text are split alike.
 * Changing the output of anything here means bumping GM_FOLD_VERSION. */
#include "text/fold.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include <utf8proc.h>

#include "core/alloc.h"
#include "text/tokens.h"
#include "text/utf8.h"

/* STABLE and the recomposition flags of utf8proc_map do not apply to
 * utf8proc_decompose_char; IGNORE drops default-ignorable code points
 * (soft hyphen, joiners, bidi marks) that tokens.c lets inside a word. */
#define FOLD_OPTIONS                                                        \
    ((utf8proc_option_t)(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |             \
                         UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |           \
                         UTF8PROC_IGNORE))

/* The longest single-code-point expansion in Unicode 15 is 18 (U+FDFA);
 * longer results (a future Unicode) go to the heap. */
#define DECOMP_STACK 32

/* Folded bytes are staged here and appended to the gm_buf in blocks, so a
 * non-ASCII word costs one or two appends, not one per code point. */
typedef struct sink {
    gm_buf *out;
    size_t n;
    char buf[256];
} sink;

static void sink_flush(sink *k)
{
    if (k->n) {
        gm_buf_append(k->out, k->buf, k->n);
        k->n = 0;
    }
}

/* Room for one encoded code point or one transliteration. */
static inline void sink_reserve(sink *k)
{
    if (k->n > sizeof k->buf - 8)
        sink_flush(k);
}

/* ASCII letters lower-cased, digits kept, everything else dropped (0):
 * a word token holds only letters and digits, and keeping the rule here
 * makes the fast and slow paths agree on any input. */
static inline char ascii_fold(unsigned c)
{
    if (c - 'a' < 26u || c - '0' < 10u)
        return (char)c;
    if (c - 'A' < 26u)
        return (char)(c | 0x20);
    return 0;
}

#define TRANSLITERATED_MAX 0x02BC /* the highest code point below */

/* Letters that neither decompose nor case-fold to ASCII but that
 * romanisations (GeoNames' asciiname, news wires) write as ASCII. Applied
 * after case folding; upper-case forms are listed too in case a code point
 * has no case mapping in the Unicode version utf8proc carries. Returns NULL
 * when cp is not one of them; "" drops it. */
static const char *transliteration(int32_t cp)
{
    switch (cp) {
    case 0x00E6: case 0x00C6: return "ae";  /* æ Æ */
    case 0x00F0: case 0x00D0: return "d";   /* ð Ð */
    case 0x00F8: case 0x00D8: return "o";   /* ø Ø (ǿ decomposes to ø) */
    case 0x00FE: case 0x00DE: return "th";  /* þ Þ */
    case 0x00DF: return "ss";               /* ß (case folding does it too) */
    case 0x0111: case 0x0110: return "d";   /* đ Đ */
    case 0x0127: case 0x0126: return "h";   /* ħ Ħ */
    case 0x0131: return "i";                /* ı dotless i */
    case 0x0142: case 0x0141: return "l";   /* ł Ł */
    case 0x014B: case 0x014A: return "ng";  /* ŋ Ŋ */
    case 0x0153: case 0x0152: return "oe";  /* œ Œ */
    case 0x0167: case 0x0166: return "t";   /* ŧ Ŧ */
    case 0x01B6: case 0x01B5: return "z";   /* ƶ Ƶ */
    case 0x01DD: case 0x018E: return "e";   /* ǝ Ǝ turned e */
    case 0x0259: case 0x018F: return "e";   /* ə Ə schwa (Azerbaijani) */
    case 0x0253: case 0x0181: return "b";   /* ɓ Ɓ (Hausa) */
    case 0x0257: case 0x018A: return "d";   /* ɗ Ɗ (Hausa) */
    case 0x0199: case 0x0198: return "k";   /* ƙ Ƙ (Hausa) */
    case 0x01B4: case 0x01B3: return "y";   /* ƴ Ƴ (Hausa) */
    case 0x025B: case 0x0190: return "e";   /* ɛ Ɛ open e (Akan, Ewe) */
    case 0x0254: case 0x0186: return "o";   /* ɔ Ɔ open o (Akan, Ewe) */
    case 0x0268: case 0x0197: return "i";   /* ɨ Ɨ */
    case 0x02BB: case 0x02BC: return "";    /* ʻ ʼ okina, apostrophe letters */
    default: return NULL;
    }
}

static inline bool is_letter_or_number(utf8proc_category_t c)
{
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* One non-ASCII code point of the decomposition, of category c:
 * transliterated, or kept when it is a letter or a digit (or a mark, when
 * keep_marks), or dropped. */
static void emit_category(sink *k, int32_t cp, int c, bool keep_marks)
{
    sink_reserve(k);
    const char *t = cp <= TRANSLITERATED_MAX ? transliteration(cp) : NULL;
    if (t) {
        while (*t)
            k->buf[k->n++] = *t++;
        return;
    }
    if (is_letter_or_number(c) ||
        (keep_marks && c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME))
        k->n += gm_utf8_encode(cp, k->buf + k->n);
}

static void emit(sink *k, int32_t cp, bool keep_marks)
{
    if (cp < 0x80) {
        char f = ascii_fold((unsigned)cp);
        sink_reserve(k);
        if (f)
            k->buf[k->n++] = f;
        return;
    }
    emit_category(k, cp, utf8proc_category(cp), keep_marks);
}

/* Kana and Hangul syllables are kept whole: decomposing them would split
 * a syllable into jamo or strip the voicing mark from a kana (ガザ "Gaza"
 * would become カサ), which is not folding but loss. Their canonical form
 * is already the composed one. */
static inline bool keep_whole(int32_t cp)
{
    return (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) ||
           (cp >= 0xAC00 && cp <= 0xD7A3);
}

/* In the Brahmic scripts of South and South-East Asia (Devanagari to
 * Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer) the combining marks are vowel
 * signs and viramas, part of the spelling, not diacritics: stripping them
 * turns दिल्ली (Delhi) into दलल. They are kept; the fold still applies the
 * compatibility decomposition. */
static inline bool marks_are_letters(int32_t cp)
{
    return (cp >= 0x0900 && cp <= 0x0DFF) || (cp >= 0x0E00 && cp <= 0x0FFF) ||
           (cp >= 0x1000 && cp <= 0x109F) || (cp >= 0x1780 && cp <= 0x17FF);
}

static void fold_code_point(sink *k, int32_t cp)
{
    if (keep_whole(cp)) {
        sink_reserve(k);
        k->n += gm_utf8_encode(cp, k->buf + k->n);
        return;
    }
    bool keep_marks = marks_are_letters(cp);
    /* Most code points of a non-Latin text (Cyrillic, Greek or Arabic
     * lower case) neither decompose nor case-fold: one property lookup
     * instead of utf8proc_decompose_char plus a category lookup. */
    const utf8proc_property_t *prop = utf8proc_get_property(cp);
    if (prop->decomp_seqindex == UINT16_MAX &&
        prop->casefold_seqindex == UINT16_MAX && !prop->ignorable) {
        emit_category(k, cp, prop->category, keep_marks);
        return;
    }
    utf8proc_option_t options = FOLD_OPTIONS;
    if (keep_marks)
        options = (utf8proc_option_t)(options & ~UTF8PROC_STRIPMARK);
    utf8proc_int32_t stack[DECOMP_STACK];
    utf8proc_int32_t *dst = stack;
    utf8proc_ssize_t n =
        utf8proc_decompose_char(cp, dst, DECOMP_STACK, options, NULL);
    if (n > DECOMP_STACK) {
        dst = gm_xmalloc((size_t)n * sizeof *dst);
        n = utf8proc_decompose_char(cp, dst, n, options, NULL);
    }
    for (utf8proc_ssize_t i = 0; i < n; i++)
        emit(k, dst[i], keep_marks);
    if (dst != stack)
        free(dst);
}

static void fold_slow(const char *s, size_t len, gm_buf *out)
{
    sink k;
    k.out = out;
    k.n = 0;
    size_t i = 0;
    while (i < len) {
        unsigned c = (unsigned char)s[i];
        if (c < 0x80) {
            char f = ascii_fold(c);
            sink_reserve(&k);
            if (f)
                k.buf[k.n++] = f;
            i++;
            continue;
        }
        int32_t cp;
        i += gm_utf8_decode(s + i, len - i, &cp);
        fold_code_point(&k, cp);
    }
    sink_flush(&k);
}

/* Room for extra more bytes and the NUL at the end of out; returns where
 * they go. gm_buf's fields are public, and growing here saves the hot path a
 * gm_buf_append (and a copy) per word. */
static inline char *reserve(gm_buf *out, size_t extra)
{
    if (out->cap - out->len < extra + 1) {
        void *data = out->data;
        size_t cap = out->cap;
        gm_xgrow(&data, &cap, out->len + extra + 1, 1);
        out->data = data;
        out->cap = cap;
    }
    return out->data + out->len;
}

size_t gm_fold_word(const char *s, size_t len, gm_buf *out)
{
    size_t start = out->len;
    /* ASCII prefix: folded straight into the buffer, which it cannot
     * outgrow. */
    char *d = reserve(out, len);
    size_t i = 0, w = 0;
    for (; i < len; i++) {
        unsigned c = (unsigned char)s[i];
        if (c >= 0x80)
            break;
        char f = ascii_fold(c);
        if (f)
            d[w++] = f;
    }
    out->len = start + w;
    out->data[out->len] = '\0';
    if (i < len)
        fold_slow(s + i, len - i, out);
    return out->len - start;
}

size_t gm_fold_name(const char *name, size_t len, gm_buf *out)
{
    /* Names are folded by the builder (once per spelling) and by lookups,
     * not per article word, so one token list per call is affordable and
     * buys the guarantee that names split exactly as text does. */
    gm_tok_list toks = GM_TOK_LIST_INIT;
    gm_tok_split(name, len, &toks);
    size_t words = 0;
    for (size_t i = 0; i < toks.n; i++) {
        const gm_token *t = &toks.v[i];
        if (t->kind == GM_TOK_PUNCT || t->fold_len == 0)
            continue;
        if (words)
            gm_buf_append_char(out, ' ');
        gm_buf_append(out, gm_tok_folded(&toks, i), t->fold_len);
        words++;
    }
    gm_tok_list_free(&toks);
    return words;
}
