/* The tokeniser: byte spans of words, numbers and punctuation over an
 * article, with case-shape flags and each word's fold. This is the hot loop
 * of the program, so ASCII bytes are classified by a table and never reach
 * utf8proc; other code points are classified by their Unicode category.
 * The token list and its folded buffer grow by doubling and are reused
 * across articles, so a split allocates nothing in the steady state.
 * Sentence boundaries are sentences.c's; what a word folds to is fold.c's,
 * with one shortcut: a word of ASCII letters and digits only, most words of
 * most articles, is found, shaped and lower-cased in one pass here, which
 * is what gm_fold_word would make of it (test_text checks the two agree).
 * Words with any other byte take the general path: scan_word, then
 * gm_fold_word.
 *
 * Beyond the header's rules, format characters (Unicode Cf: soft hyphen,
 * zero-width joiners, bidi marks, BOM) are not punctuation: inside a word
 * they are kept in it ("Mün<SHY>chen" stays one word, Persian words keep
 * their ZWNJ), elsewhere they are skipped; U+200B ZERO WIDTH SPACE ends a
 * word. U+0085 NEXT LINE counts as a line break. */
#include "text/tokens.h"

#include "text/bytes8.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>

#include <utf8proc.h>

#include "core/alloc.h"
#include "text/fold.h"
#include "text/utf8.h"

/* Classes of a code point, for ASCII from the table below. */
enum {
    C_PUNCT = 0, /* any other non-space character: a token of its own */
    C_SPACE,     /* white space that is not a line break */
    C_BREAK,     /* line break: \n \r \v \f, U+0085, U+2028, U+2029 */
    C_UPPER,     /* Lu, Lt */
    C_LOWER,     /* Ll */
    C_LETTER,    /* Lm, Lo: uncased letters */
    C_DIGIT,     /* N* */
    C_MARK,      /* M* */
    C_FORMAT,    /* Cf: transparent inside words, skipped elsewhere */
    C_WORDBREAK  /* U+200B: skipped, but ends a word */
};

#define P C_PUNCT
#define S C_SPACE
#define B C_BREAK
#define U C_UPPER
#define L C_LOWER
#define D C_DIGIT
static const unsigned char ascii_class[128] = {
    P, P, P, P, P, P, P, P, P, S, B, B, B, B, P, P, /* \t \n \v \f \r */
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    S, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, /* space !"#$%&'()*+,-./ */
    D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P, /* 0-9 :;<=>? */
    P, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, /* @ A-O */
    U, U, U, U, U, U, U, U, U, U, U, P, P, P, P, P, /* P-Z [\]^_ */
    P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* ` a-o */
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, P  /* p-z {|}~ DEL */
};
#undef P
#undef S
#undef B
#undef U
#undef L
#undef D

/* ASCII word bytes for the fast path: what a word scan learns from each;
 * 0 for every other byte, non-ASCII ones included. */
enum { A_LOWER = 1, A_UPPER = 2, A_DIGIT = 4 };
static const unsigned char ascii_word[256] = {
    ['0'] = A_DIGIT, ['1'] = A_DIGIT, ['2'] = A_DIGIT, ['3'] = A_DIGIT,
    ['4'] = A_DIGIT, ['5'] = A_DIGIT, ['6'] = A_DIGIT, ['7'] = A_DIGIT,
    ['8'] = A_DIGIT, ['9'] = A_DIGIT,
    ['A'] = A_UPPER, ['B'] = A_UPPER, ['C'] = A_UPPER, ['D'] = A_UPPER,
    ['E'] = A_UPPER, ['F'] = A_UPPER, ['G'] = A_UPPER, ['H'] = A_UPPER,
    ['I'] = A_UPPER, ['J'] = A_UPPER, ['K'] = A_UPPER, ['L'] = A_UPPER,
    ['M'] = A_UPPER, ['N'] = A_UPPER, ['O'] = A_UPPER, ['P'] = A_UPPER,
    ['Q'] = A_UPPER, ['R'] = A_UPPER, ['S'] = A_UPPER, ['T'] = A_UPPER,
    ['U'] = A_UPPER, ['V'] = A_UPPER, ['W'] = A_UPPER, ['X'] = A_UPPER,
    ['Y'] = A_UPPER, ['Z'] = A_UPPER,
    ['a'] = A_LOWER, ['b'] = A_LOWER, ['c'] = A_LOWER, ['d'] = A_LOWER,
    ['e'] = A_LOWER, ['f'] = A_LOWER, ['g'] = A_LOWER, ['h'] = A_LOWER,
    ['i'] = A_LOWER, ['j'] = A_LOWER, ['k'] = A_LOWER, ['l'] = A_LOWER,
    ['m'] = A_LOWER, ['n'] = A_LOWER, ['o'] = A_LOWER, ['p'] = A_LOWER,
    ['q'] = A_LOWER, ['r'] = A_LOWER, ['s'] = A_LOWER, ['t'] = A_LOWER,
    ['u'] = A_LOWER, ['v'] = A_LOWER, ['w'] = A_LOWER, ['x'] = A_LOWER,
    ['y'] = A_LOWER, ['z'] = A_LOWER,
};

static unsigned unicode_class(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return C_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return C_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_LETTER;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ZS:
        return C_SPACE;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return C_BREAK;
    case UTF8PROC_CATEGORY_CF:
        return cp == 0x200B ? C_WORDBREAK : C_FORMAT;
    default:
        return cp == 0x85 ? C_BREAK : C_PUNCT;
    }
}

/* Class of the code point at s[i] (i < len) and its length in bytes. */
static inline unsigned classify(const unsigned char *s, size_t len, size_t i,
                                size_t *n)
{
    if (s[i] < 0x80) {
        *n = 1;
        return ascii_class[s[i]];
    }
    int32_t cp;
    *n = gm_utf8_decode((const char *)s + i, len - i, &cp);
    return unicode_class(cp);
}

static inline bool is_word_class(unsigned c)
{
    return c >= C_UPPER && c <= C_MARK;
}

/* What a word scan learns about the case shape of the word. */
typedef struct shape {
    uint32_t letters;   /* L* code points */
    bool digits;        /* any N* */
    bool first_seen;    /* the first letter has been seen */
    bool upper_initial; /* ... and it was Lu or Lt */
    bool any_upper;     /* any Lu or Lt */
    bool any_lower;     /* any Ll */
} shape;

static inline void shape_letter(shape *sh, unsigned c)
{
    sh->letters++;
    if (!sh->first_seen) {
        sh->first_seen = true;
        sh->upper_initial = c == C_UPPER;
    }
    if (c == C_UPPER)
        sh->any_upper = true;
    else if (c == C_LOWER)
        sh->any_lower = true;
}

/* End of the word that starts at s[start] (a word character). Format
 * characters continue the word only when a word character follows them. */
static size_t scan_word(const unsigned char *s, size_t len, size_t start,
                        shape *sh)
{
    size_t i = start;
    while (i < len) {
        /* Lower-case ASCII letters are most of every English text. */
        size_t run = i;
        while (i < len && (unsigned)(s[i] - 'a') < 26u)
            i++;
        if (i > run) {
            if (!sh->first_seen) {
                sh->first_seen = true;
                sh->upper_initial = false;
            }
            sh->any_lower = true;
            sh->letters += (uint32_t)(i - run);
        }
        if (i >= len)
            break;
        size_t n;
        unsigned c = classify(s, len, i, &n);
        if (c == C_FORMAT) {
            size_t j = i + n;
            unsigned next = C_PUNCT;
            while (j < len) {
                next = classify(s, len, j, &n);
                if (next != C_FORMAT)
                    break;
                j += n;
            }
            if (j >= len || !is_word_class(next))
                break;
            i = j;
            c = next;
        }
        if (c == C_UPPER || c == C_LOWER || c == C_LETTER)
            shape_letter(sh, c);
        else if (c == C_DIGIT)
            sh->digits = true;
        else if (c != C_MARK)
            break;
        i += n;
    }
    return i;
}

/* Case flags and kind of a word from its shape. */
static uint16_t word_flags(const shape *sh, uint16_t *kind)
{
    uint16_t flags = 0;
    if (sh->letters == 0 && sh->digits) {
        *kind = GM_TOK_NUMBER;
        return 0;
    }
    /* Letters, or marks alone (a stray accent): a word. */
    *kind = GM_TOK_WORD;
    if (sh->upper_initial)
        flags |= GM_TOKF_UPPER_INITIAL;
    if (sh->any_upper && !sh->any_lower && sh->letters >= 2)
        flags |= GM_TOKF_ALL_UPPER;
    if (!sh->any_upper && !sh->any_lower)
        flags |= GM_TOKF_UNCASED;
    return flags;
}

/* The shape of an ASCII word s[0..n) whose bytes, or'ed, gave seen. */
static void ascii_shape(const unsigned char *s, size_t n, unsigned seen,
                        shape *sh)
{
    sh->any_upper = (seen & A_UPPER) != 0;
    sh->any_lower = (seen & A_LOWER) != 0;
    sh->digits = (seen & A_DIGIT) != 0;
    if (!sh->digits) {
        sh->letters = (uint32_t)n;
        sh->first_seen = true;
        sh->upper_initial = ascii_word[s[0]] == A_UPPER;
        return;
    }
    for (size_t k = 0; k < n; k++) {
        unsigned b = ascii_word[s[k]];
        if (b == A_DIGIT)
            continue;
        if (!sh->first_seen) {
            sh->first_seen = true;
            sh->upper_initial = b == A_UPPER;
        }
        sh->letters++;
    }
}

/* Room in the folded buffer for extra more bytes and a NUL. */
static char *fold_room(gm_buf *folded, size_t extra)
{
    if (folded->cap - folded->len <= extra) {
        void *data = folded->data;
        size_t cap = folded->cap;
        gm_xgrow(&data, &cap, folded->len + extra + 1, 1);
        folded->data = data;
        folded->cap = cap;
    }
    return folded->data + folded->len;
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The converse of gm_bytes8_load: w's lowest byte at d[0]. */
static inline void store8(char *d, uint64_t w)
{
    d[0] = (char)w;
    d[1] = (char)(w >> 8);
    d[2] = (char)(w >> 16);
    d[3] = (char)(w >> 24);
    d[4] = (char)(w >> 32);
    d[5] = (char)(w >> 40);
    d[6] = (char)(w >> 48);
    d[7] = (char)(w >> 56);
}

/* 0x80 in each byte of w that is in lo..hi (ASCII bounds), 0 in the
 * others, at least up to the lowest byte that is in none of the ranges
 * asked: a byte of 0x80 or more is in no such range whether its sums carry
 * out of it or not, and a carry into the next byte comes only from such a
 * byte, so only the bytes above it may be told wrong. */
static inline uint64_t bytes_in(uint64_t w, unsigned lo, unsigned hi)
{
    return (w + ONES * (0x80 - lo)) & ~(w + ONES * (0x7F - hi)) & HIGHS;
}

/* Rare work kept out of the hot loop, so that its variables stay in
 * registers. */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* The end of the ASCII letters and digits at s[j..len), fewer than eight
 * bytes left, written lower-cased to d, and the hash state h with their
 * chunk (zero-padded) xored in and multiplied. */
typedef struct tail {
    size_t end;
    uint64_t h;
} tail;

static NOINLINE tail ascii_tail(const unsigned char *s, size_t len, size_t j,
                                char *d, uint64_t h)
{
    uint64_t c = 0;
    for (unsigned b = 0; j < len && ascii_word[s[j]]; j++, b++) {
        *d++ = (char)(s[j] | 0x20); /* digits have the bit already */
        c |= (uint64_t)(s[j] | 0x20) << (8 * b);
    }
    return (tail){ j, (h ^ c) * GM_TOK_HASH_MUL };
}

/* Whether the ASCII letters s[0..n) have a lower-case one (bit 0x20). */
static inline bool any_lower(const unsigned char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] & 0x20)
            return true;
    return false;
}

/* Kind (high 16 bits) and case flags of the ASCII word s[0..n) of letters
 * and digits: what word_flags makes of its shape. */
static NOINLINE uint32_t ascii_flags(const unsigned char *s, size_t n)
{
    unsigned seen = 0;
    for (size_t k = 0; k < n; k++)
        seen |= ascii_word[s[k]];
    if (!(seen & A_DIGIT)) {
        uint32_t flags = 0;
        if (ascii_word[s[0]] == A_UPPER)
            flags |= GM_TOKF_UPPER_INITIAL;
        if (!(seen & A_LOWER) && n >= 2)
            flags |= GM_TOKF_ALL_UPPER;
        return (uint32_t)GM_TOK_WORD << 16 | flags;
    }
    shape sh = {0};
    ascii_shape(s, n, seen, &sh);
    uint16_t kind;
    uint16_t flags = word_flags(&sh, &kind);
    return (uint32_t)kind << 16 | flags;
}

/* Tokens are pushed without a test of the list's capacity: each starts at
 * a different byte, so a stretch of BLOCK bytes starts at most BLOCK of
 * them, and room for that many is made before each stretch. */
#define BLOCK 4096

/* The general path: the word with a non-ASCII byte at text[i], folded at
 * the end of the folded buffer (whose length is the tokens' so far).
 * Returns its end. A fold past 4 GiB could not be addressed, and ASCII
 * words are pushed without a test: a word keeps its fold only when the
 * rest of the text, were it all ASCII words, would still fit below that
 * bound (so ASCII folds never can pass it), else its fold is empty; and
 * the buffer is left with room for the rest of the text folded as ASCII.
 * space: the token's SPACE_BEFORE / NEWLINE_BEFORE flags. */
static size_t general_word(const char *text, size_t len, size_t i,
                           gm_buf *folded, uint16_t space, gm_token *t)
{
    const unsigned char *s = (const unsigned char *)text;
    shape sh = {0};
    size_t end = scan_word(s, len, i, &sh);
    size_t fold_off = folded->len;
    size_t fold_len = gm_fold_word(text + i, end - i, folded);
    if (fold_off + fold_len + (len - end) > UINT32_MAX) {
        fold_len = 0;
        folded->len = fold_off;
    }
    fold_room(folded, len - end);
    t->off = (uint32_t)i;
    t->len = (uint32_t)(end - i);
    t->fold_off = (uint32_t)fold_off;
    t->fold_len = (uint32_t)fold_len;
    t->hash = gm_tok_hash(folded->data + fold_off, fold_len);
    t->flags = space | word_flags(&sh, &t->kind);
    return end;
}

void gm_tok_split(const char *text, size_t len, gm_tok_list *list)
{
    assert(len <= UINT32_MAX);
    assert(text != NULL || len == 0);
    list->n_lines = 0;
    gm_buf_clear(&list->folded);
    /* Room for the whole text folded as ASCII, so gm_tok_folded needs no
     * NULL test and the fast path no test of room. */
    fold_room(&list->folded, len);
    assert(gm_tok_hash("", 0) == 0); /* a punctuation token's */
    const unsigned char *s = (const unsigned char *)text;
    /* The list's pointers and lengths in locals: the folded bytes are
     * written through a char pointer, which could alias them. */
    gm_token *v = list->v;
    size_t n = 0;
    char *fold = list->folded.data;
    size_t fold_len = 0; /* list->folded.len */
    uint16_t space = 0; /* SPACE_BEFORE / NEWLINE_BEFORE for the next token */
    /* Stops, in increasing order: a token after a break is pushed at the
     * first break before it, a punctuation token unless it is one. */
    uint32_t *stops = list->stops;
    size_t n_stops = 0;
    /* The capitalised words, pushed as they are made. */
    uint32_t *caps = list->caps;
    size_t n_caps = 0;
    size_t i = 0;
    while (i < len) {
        size_t stop = len - i > BLOCK ? i + BLOCK : len;
        if (list->cap - n < stop - i) {
            void *p = v;
            gm_xgrow(&p, &list->cap, n + (stop - i), sizeof *v);
            v = list->v = p;
            /* a stop for each token, and one for a break after the last */
            if (list->stops_cap < list->cap + 1) {
                p = stops;
                gm_xgrow(&p, &list->stops_cap, list->cap + 1, sizeof *stops);
                stops = list->stops = p;
            }
            if (list->caps_cap < list->cap) {
                p = caps;
                gm_xgrow(&p, &list->caps_cap, list->cap, sizeof *caps);
                caps = list->caps = p;
            }
        }
        while (i < stop) {
            if (s[i] == ' ') { /* most of what is not a word */
                space |= GM_TOKF_SPACE_BEFORE;
                i++;
                continue;
            }
            if (ascii_word[s[i]]) {
                /* The fast path: a word of ASCII letters and digits
                 * that ends at an ASCII byte or at the end of the text
                 * is found, lower-cased into the folded buffer (which
                 * has room for the rest of the text: an ASCII fold is
                 * never longer than the word) and hashed in one pass,
                 * which is what gm_fold_word and gm_tok_hash would make
                 * of it. Eight bytes at a time while eight remain, with
                 * no branch per byte; the eight are written with the
                 * case bit 0x20 set (lower case for letters, already set
                 * in digits; what lands past the word is overwritten by
                 * the next word or lies beyond the folded length). The
                 * chunks written are those gm_tok_hash reads. A word
                 * followed by a non-ASCII byte takes the general path. */
                char *d = fold + fold_len;
                uint64_t h = 0; /* gm_tok_hash's state */
                uint64_t digit = 0; /* 0x80 in the bytes that are digits */
                size_t j = i;
                for (;;) {
                    if (len - j < 8) {
                        tail t = ascii_tail(s, len, j, d, h);
                        j = t.end;
                        h = t.h;
                        digit = 1; /* ascii_flags shapes it */
                        break;
                    }
                    uint64_t w = gm_bytes8_load(s + j);
                    uint64_t l = w | ONES * 0x20;
                    uint64_t letters = bytes_in(l, 'a', 'z');
                    uint64_t digits = bytes_in(w, '0', '9');
                    uint64_t ends = ~(letters | digits) & HIGHS;
                    store8(d, l);
                    if (ends) {
                        /* the bytes before the end: the last chunk */
                        uint64_t low = ends & (0 - ends);
                        uint64_t before = low - 1;
                        digit |= digits & before;
                        h = (h ^ (l & ((low >> 7) - 1))) * GM_TOK_HASH_MUL;
                        j += gm_bytes8_first(ends);
                        break;
                    }
                    digit |= digits;
                    h = (h ^ l) * GM_TOK_HASH_MUL;
                    j += 8;
                    d += 8;
                }
                unsigned after = j < len ? s[j] : 0; /* 0: the end */
                if (after < 0x80) {
                    uint32_t kf = (uint32_t)GM_TOK_WORD << 16;
                    /* A capitalised word listed in the branch its flag
                     * is set in (an ASCII word with letters has a cased
                     * one, and only a word has UPPER_INITIAL), which
                     * keeps the count out of registers the loop needs. */
                    if (!digit) {
                        /* Letters only: all upper case only when the
                         * first is, and looked for only then. */
                        if ((unsigned)(s[i] - 'A') < 26u) {
                            kf |= GM_TOKF_UPPER_INITIAL;
                            caps[n_caps++] = (uint32_t)n;
                            if (j - i >= 2 && !any_lower(s + i + 1, j - i - 1))
                                kf |= GM_TOKF_ALL_UPPER;
                        }
                    } else {
                        kf = ascii_flags(s + i, j - i);
                        if (kf & GM_TOKF_UPPER_INITIAL)
                            caps[n_caps++] = (uint32_t)n;
                    }
                    gm_token *t = &v[n];
                    uint32_t wl = (uint32_t)(j - i);
                    t->off = (uint32_t)i;
                    t->len = wl;
                    t->fold_off = (uint32_t)fold_len;
                    t->fold_len = wl;
                    t->hash = gm_tok_hash_end(h, wl);
                    t->kind = (uint16_t)(kf >> 16);
                    t->flags = (uint16_t)(kf | space);
                    assert(v[n].hash == gm_tok_hash(fold + fold_len, j - i));
                    fold_len += j - i;
                    n++;
                    /* The one space after most words taken here, not by
                     * another turn of the loop; by a branch, which lets
                     * the next word's loads start before this byte is
                     * read. */
                    space = 0;
                    i = j;
                    if (after == ' ') {
                        space = GM_TOKF_SPACE_BEFORE;
                        i++;
                    } else if (j < len && ascii_class[after] == C_PUNCT) {
                        /* the comma or period after a word, pushed here
                         * as the loop below would (no space before it,
                         * so a stop) */
                        stops[n_stops++] = (uint32_t)n;
                        v[n++] = (gm_token){
                            .off = (uint32_t)j,
                            .len = 1,
                            .fold_off = (uint32_t)fold_len,
                            .fold_len = 0,
                            .hash = 0, /* gm_tok_hash("", 0) */
                            .kind = GM_TOK_PUNCT,
                            .flags = 0,
                        };
                        i = j + 1;
                        if (i < len && s[i] == ' ') {
                            space = GM_TOKF_SPACE_BEFORE;
                            i++;
                        }
                    }
                    continue;
                }
                goto general;
            }
            size_t cn;
            unsigned c = classify(s, len, i, &cn);
            switch (c) {
            case C_SPACE:
                space |= GM_TOKF_SPACE_BEFORE;
                i += cn;
                continue;
            case C_BREAK:
                /* the next token starts a line (the first one not
                 * counted) */
                if (!(space & GM_TOKF_NEWLINE_BEFORE)) {
                    if (n && list->n_lines < GM_TOK_LINES)
                        list->line_start[list->n_lines++] = (uint32_t)n;
                    stops[n_stops++] = (uint32_t)n;
                }
                space |= GM_TOKF_SPACE_BEFORE | GM_TOKF_NEWLINE_BEFORE;
                i += cn;
                continue;
            case C_FORMAT:
            case C_WORDBREAK:
                i += cn;
                continue;
            case C_PUNCT:
                stops[n_stops] = (uint32_t)n; /* pushed at its break */
                n_stops += !(space & GM_TOKF_NEWLINE_BEFORE);
                v[n++] = (gm_token){
                    .off = (uint32_t)i,
                    .len = (uint32_t)cn,
                    .fold_off = (uint32_t)fold_len,
                    .fold_len = 0,
                    .hash = 0, /* gm_tok_hash("", 0) */
                    .kind = GM_TOK_PUNCT,
                    .flags = space,
                };
                space = 0;
                i += cn;
                if (i < len && s[i] == ' ') { /* as after a word */
                    space = GM_TOKF_SPACE_BEFORE;
                    i++;
                }
                continue;
            default:
                break;
            }
            /* Any word with a non-ASCII byte. */
        general:
            list->folded.len = fold_len;
            gm_token *t = &v[n++];
            i = general_word(text, len, i, &list->folded, space, t);
            caps[n_caps] = (uint32_t)(n - 1);
            n_caps += t->kind == GM_TOK_WORD &&
                      (t->flags & (GM_TOKF_UPPER_INITIAL | GM_TOKF_UNCASED));
            space = 0;
            fold = list->folded.data;
            fold_len = list->folded.len;
        }
    }
    if (n_stops && stops[n_stops - 1] == n)
        n_stops--; /* a break after the last token */
    list->n = n;
    list->n_stops = n_stops;
    list->n_caps = n_caps;
    list->folded.len = fold_len;
    fold[fold_len] = '\0';
}

/* gm_tok_line_after by reading the tokens after k. */
static uint32_t walk_to_line(const gm_tok_list *list, uint32_t k)
{
    for (k++; k < list->n; k++)
        if (list->v[k].flags & GM_TOKF_NEWLINE_BEFORE)
            return k;
    return (uint32_t)list->n;
}

uint32_t gm_tok_line_after(const gm_tok_list *list, uint32_t k)
{
    assert(k < list->n);
    uint32_t after = (uint32_t)list->n;
    uint32_t l = 0;
    while (l < list->n_lines && list->line_start[l] <= k)
        l++;
    if (l < list->n_lines)
        after = list->line_start[l];
    else if (list->n_lines == GM_TOK_LINES) /* past the lines kept */
        after = walk_to_line(list, k);
    assert(after == walk_to_line(list, k));
    return after;
}

void gm_tok_list_free(gm_tok_list *list)
{
    if (!list)
        return;
    free(list->v);
    list->v = NULL;
    list->n = list->cap = 0;
    gm_buf_free(&list->folded);
    free(list->stops);
    list->stops = NULL;
    list->n_stops = list->stops_cap = 0;
    free(list->caps);
    list->caps = NULL;
    list->n_caps = list->caps_cap = 0;
}
