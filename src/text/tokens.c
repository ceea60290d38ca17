/* The tokeniser: byte spans of words, numbers and punctuation over an
 * article, with case-shape flags and each word's fold. This is the hot loop
 * of the program, so ASCII bytes are classified by a table and never reach
 * utf8proc; other code points are classified by their Unicode category.
 * The token list and its folded buffer grow by doubling and are reused
 * across articles, so a split allocates nothing in the steady state.
 * Sentence boundaries are sentences.c's; what a word folds to is fold.c's.
 *
 * Beyond the header's rules, format characters (Unicode Cf: soft hyphen,
 * zero-width joiners, bidi marks, BOM) are not punctuation: inside a word
 * they are kept in it ("Mün<SHY>chen" stays one word, Persian words keep
 * their ZWNJ), elsewhere they are skipped; U+200B ZERO WIDTH SPACE ends a
 * word. U+0085 NEXT LINE counts as a line break. */
#include "text/tokens.h"

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

static inline gm_token *push(gm_tok_list *list)
{
    if (list->n == list->cap) {
        void *v = list->v;
        gm_xgrow(&v, &list->cap, list->n + 1, sizeof *list->v);
        list->v = v;
    }
    return &list->v[list->n++];
}

void gm_tok_split(const char *text, size_t len, gm_tok_list *list)
{
    assert(len <= UINT32_MAX);
    assert(text != NULL || len == 0);
    list->n = 0;
    gm_buf_clear(&list->folded);
    const unsigned char *s = (const unsigned char *)text;
    uint16_t space = 0; /* SPACE_BEFORE / NEWLINE_BEFORE for the next token */
    size_t i = 0;
    while (i < len) {
        size_t n;
        unsigned c = classify(s, len, i, &n);
        switch (c) {
        case C_SPACE:
            space |= GM_TOKF_SPACE_BEFORE;
            i += n;
            continue;
        case C_BREAK:
            space |= GM_TOKF_SPACE_BEFORE | GM_TOKF_NEWLINE_BEFORE;
            i += n;
            continue;
        case C_FORMAT:
        case C_WORDBREAK:
            i += n;
            continue;
        case C_PUNCT: {
            gm_token *t = push(list);
            t->off = (uint32_t)i;
            t->len = (uint32_t)n;
            t->fold_off = (uint32_t)list->folded.len;
            t->fold_len = 0;
            t->kind = GM_TOK_PUNCT;
            t->flags = space;
            space = 0;
            i += n;
            continue;
        }
        default:
            break;
        }

        shape sh = {0};
        size_t end = scan_word(s, len, i, &sh);
        uint16_t flags = space;
        uint16_t kind;
        if (sh.letters == 0 && sh.digits) {
            kind = GM_TOK_NUMBER;
        } else {
            /* Letters, or marks alone (a stray accent): a word. */
            kind = GM_TOK_WORD;
            if (sh.upper_initial)
                flags |= GM_TOKF_UPPER_INITIAL;
            if (sh.any_upper && !sh.any_lower && sh.letters >= 2)
                flags |= GM_TOKF_ALL_UPPER;
            if (!sh.any_upper && !sh.any_lower)
                flags |= GM_TOKF_UNCASED;
        }
        size_t fold_off = list->folded.len;
        size_t fold_len = gm_fold_word(text + i, end - i, &list->folded);
        if (fold_off + fold_len > UINT32_MAX) {
            /* Folded text past 4 GiB cannot be addressed: leave the rest
             * unfolded rather than wrap around. */
            list->folded.len = fold_off;
            list->folded.data[fold_off] = '\0';
            fold_len = 0;
        }
        gm_token *t = push(list);
        t->off = (uint32_t)i;
        t->len = (uint32_t)(end - i);
        t->fold_off = (uint32_t)fold_off;
        t->fold_len = (uint32_t)fold_len;
        t->kind = kind;
        t->flags = flags;
        space = 0;
        i = end;
    }
}

void gm_tok_list_free(gm_tok_list *list)
{
    if (!list)
        return;
    free(list->v);
    list->v = NULL;
    list->n = list->cap = 0;
    gm_buf_free(&list->folded);
}
