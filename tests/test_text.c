/* The text module: UTF-8 checking (utf8.c), the fold (fold.c), tokens
 * (tokens.c) and sentences (sentences.c). Tables of commented rows; tokens and
 * sentences are compared as rendered strings so that a failure shows the
 * whole split. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "harness.h"
#include "text/fold.h"
#include "text/sentences.h"
#include "text/tokens.h"
#include "text/utf8.h"

/* ---- UTF-8 validation ---------------------------------------------------- */

typedef struct validate_row {
    const char *s;
    size_t len;
    int valid;
    size_t bad_offset; /* when not valid */
} validate_row;

#define V(lit, valid, off) { lit, sizeof(lit) - 1, valid, off }

static const validate_row validate_rows[] = {
    V("", 1, 0),                           /* empty text */
    V("Paris", 1, 0),                      /* ASCII */
    V("Xankəndi", 1, 0),                   /* 2-byte schwa */
    V("東京", 1, 0),                       /* 3-byte CJK */
    V("\xF0\x9F\x98\x80", 1, 0),           /* 4-byte emoji U+1F600 */
    V("\xF4\x8F\xBF\xBF", 1, 0),           /* U+10FFFF, the last code point */
    V("\xED\x9F\xBF", 1, 0),               /* U+D7FF, just below surrogates */
    V("\xEE\x80\x80", 1, 0),               /* U+E000, just above surrogates */
    V("a\0b", 1, 0),                       /* NUL is valid UTF-8 */
    V("0123456789abcdefg\xFF", 0, 17),     /* bad byte after the 8-byte path */
    V("0123456789abc\xFF" "defghijklmnopqrstuv", 0, 13), /* inside a 16-byte step */
    V("0123456789abcdef0123456789abcdef01234567\xFF", 0, 40), /* after a 32-byte one */
    V("0123456789abcdef0123456789\xC3\xA9" "abcdef0123\xC3\x28" "0123456789abcdef",
      0, 38),                              /* after a sequence, steps again */
    V("a\x80", 0, 1),                      /* lone continuation byte */
    V("\xC0\xAF", 0, 0),                   /* overlong '/' (2 bytes) */
    V("\xC1\xBF", 0, 0),                   /* overlong U+007F */
    V("\xE0\x80\xAF", 0, 0),               /* overlong '/' (3 bytes) */
    V("\xE0\x9F\xBF", 0, 0),               /* overlong U+07FF */
    V("\xF0\x80\x80\xAF", 0, 0),           /* overlong '/' (4 bytes) */
    V("\xF0\x8F\xBF\xBF", 0, 0),           /* overlong U+FFFF */
    V("ok \xED\xA0\x80", 0, 3),            /* high surrogate U+D800 */
    V("\xED\xBF\xBF", 0, 0),               /* low surrogate U+DFFF */
    V("\xF4\x90\x80\x80", 0, 0),           /* U+110000, beyond Unicode */
    V("\xF5\x80\x80\x80", 0, 0),           /* lead byte F5 never occurs */
    V("x\xFF", 0, 1),                      /* byte FF never occurs */
    V("ab\xE2\x82", 0, 2),                 /* truncated euro sign at the end */
    V("\xF0\x9F\x98", 0, 0),               /* truncated 4-byte sequence */
    V("é\xC3", 0, 2),                      /* truncated 2-byte sequence */
    V("\xE2\x28\xA1", 0, 0),               /* bad second byte */
    V("Zürich \xC3\x28", 0, 8),            /* first bad sequence after text */
    V("€uro \xF0\x9F\x98\x80 \xE2\x82\xAC\xE2", 0, 15), /* valid mix, then cut */
};

START_TEST(test_utf8_validate)
{
    const validate_row *r = &validate_rows[_i];
    size_t bad = SIZE_MAX;
    int valid = gm_utf8_validate(r->s, r->len, &bad);
    ck_assert_int_eq(valid, r->valid);
    if (!r->valid)
        ck_assert_uint_eq(bad, r->bad_offset);
    else
        ck_assert_uint_eq(bad, SIZE_MAX); /* untouched when valid */
    /* NULL bad_offset is allowed */
    ck_assert_int_eq(gm_utf8_validate(r->s, r->len, NULL), r->valid);
}
END_TEST

/* A piece of UTF-8, good or bad, at every offset of ASCII texts of every
 * length up to 48: the sixteen-byte steps, the run of sequences after
 * them and the tail all find the first bad sequence where it is. */
START_TEST(test_utf8_validate_offsets)
{
    static const struct {
        const char *s;
        int bad; /* offset in the piece of its first bad sequence, or -1 */
    } pieces[] = {
        { "\xFF", 0 },
        { "\xC3\xA9", -1 },
        { "\xC3\xA9\xC3\xA9\xFF", 4 },
        { "\xE6\x9D\xB1\xC3\x28", 3 },
        { "\xF0\x9F\x98\x80", -1 },
        { "\xE2\x82", 0 },
        { "\xC3\xA9z\xED\xA0\x80", 3 },
    };
    char text[64];
    for (size_t p = 0; p < sizeof pieces / sizeof *pieces; p++) {
        size_t plen = strlen(pieces[p].s);
        for (size_t len = plen; len <= 48; len++) {
            for (size_t at = 0; at + plen <= len; at++) {
                memset(text, 'a', len);
                memcpy(text + at, pieces[p].s, plen);
                size_t bad = SIZE_MAX;
                bool valid = gm_utf8_validate(text, len, &bad);
                ck_assert_int_eq(valid, pieces[p].bad < 0);
                if (!valid)
                    ck_assert_uint_eq(bad, at + (size_t)pieces[p].bad);
            }
        }
    }
}
END_TEST

/* ---- decode, encode, count ---------------------------------------------- */

typedef struct decode_row {
    const char *s;
    size_t len;
    int32_t cp;
    size_t n;
} decode_row;

#define D(lit, cp, n) { lit, sizeof(lit) - 1, cp, n }

static const decode_row decode_rows[] = {
    D("A", 0x41, 1),                   /* ASCII */
    D("\x7F", 0x7F, 1),                /* last 1-byte code point */
    D("é", 0xE9, 2),                   /* 2 bytes */
    D("\xDF\xBF", 0x7FF, 2),           /* last 2-byte code point */
    D("€", 0x20AC, 3),                 /* 3 bytes */
    D("\xEF\xBF\xBF", 0xFFFF, 3),      /* last 3-byte code point */
    D("😀x", 0x1F600, 4),              /* 4 bytes; stops at the sequence */
    D("\xF4\x8F\xBF\xBF", 0x10FFFF, 4), /* last code point */
    D("\xC0\xAF", 0xFFFD, 1),          /* overlong: U+FFFD, advance 1 */
    D("\xE2\x82", 0xFFFD, 1),          /* truncated */
    D("\xED\xA0\x80", 0xFFFD, 1),      /* surrogate */
    D("\x80", 0xFFFD, 1),              /* continuation byte */
    D("\xF4\x90\x80\x80", 0xFFFD, 1),  /* beyond U+10FFFF */
};

START_TEST(test_utf8_decode)
{
    const decode_row *r = &decode_rows[_i];
    int32_t cp = -1;
    ck_assert_uint_eq(gm_utf8_decode(r->s, r->len, &cp), r->n);
    ck_assert_int_eq(cp, r->cp);
}
END_TEST

START_TEST(test_utf8_decode_respects_len)
{
    /* "é" with only its first byte available is a truncated sequence */
    int32_t cp = 0;
    ck_assert_uint_eq(gm_utf8_decode("\xC3\xA9", 1, &cp), 1);
    ck_assert_int_eq(cp, 0xFFFD);
}
END_TEST

typedef struct encode_row {
    int32_t cp;
    const char *bytes;
    size_t len; /* 0 when cp is not a scalar value */
} encode_row;

#define E(cp, lit) { cp, lit, sizeof(lit) - 1 }

static const encode_row encode_rows[] = {
    E(0x00, "\0"),                  /* NUL is one zero byte */
    E(0x41, "A"),                   /* ASCII */
    E(0x80, "\xC2\x80"),            /* first 2-byte */
    E(0x7FF, "\xDF\xBF"),           /* last 2-byte */
    E(0x800, "\xE0\xA0\x80"),       /* first 3-byte */
    E(0x259, "ə"),                  /* schwa */
    E(0xFFFF, "\xEF\xBF\xBF"),      /* last 3-byte */
    E(0x10000, "\xF0\x90\x80\x80"), /* first 4-byte */
    E(0x10FFFF, "\xF4\x8F\xBF\xBF"), /* last code point */
    E(-1, ""),                      /* negative: invalid */
    E(0xD800, ""),                  /* surrogate: invalid */
    E(0xDFFF, ""),                  /* surrogate: invalid */
    E(0x110000, ""),                /* beyond Unicode: invalid */
};

START_TEST(test_utf8_encode)
{
    const encode_row *r = &encode_rows[_i];
    char out[4] = {'?', '?', '?', '?'};
    size_t n = gm_utf8_encode(r->cp, out);
    ck_assert_uint_eq(n, r->len);
    ck_assert_mem_eq(out, r->bytes, n);
}
END_TEST

START_TEST(test_utf8_round_trip)
{
    /* Every scalar value encodes to valid UTF-8 that decodes back to it and
     * counts as one. Check's assertions are too slow for a million rounds:
     * the first code point that fails is reported. */
    int32_t first_bad = -1;
    for (int32_t cp = 0; cp <= 0x10FFFF && first_bad < 0; cp++) {
        if (cp == 0xD800)
            cp = 0xE000;
        char buf[4];
        size_t n = gm_utf8_encode(cp, buf);
        int32_t back = -1;
        if (n == 0 || !gm_utf8_validate(buf, n, NULL) ||
            gm_utf8_decode(buf, n, &back) != n || back != cp ||
            gm_utf8_count(buf, n) != 1)
            first_bad = cp;
    }
    ck_assert_int_eq(first_bad, -1);
}
END_TEST

typedef struct count_row {
    const char *s;
    size_t len;
    size_t count;
} count_row;

#define C(lit, count) { lit, sizeof(lit) - 1, count }

static const count_row count_rows[] = {
    C("", 0),                          /* empty */
    C("abc", 3),                       /* ASCII */
    C("Zürich", 6),                    /* one 2-byte letter */
    C("東京", 2),                      /* CJK */
    C("😀", 1),                        /* one 4-byte code point */
    C("0123456789abcdefé", 17),        /* 8-byte path then multi-byte */
    C("\xFF\xFE", 2),                  /* bad bytes count one each */
    C("a\xE2\x82", 3),                 /* truncated: each byte one, as decode */
    C("\xC3\xA9\xA9", 2),              /* é then a stray continuation byte */
};

START_TEST(test_utf8_count)
{
    const count_row *r = &count_rows[_i];
    ck_assert_uint_eq(gm_utf8_count(r->s, r->len), r->count);
    /* consistent with a decoding loop */
    size_t steps = 0;
    for (size_t i = 0; i < r->len; steps++) {
        int32_t cp;
        i += gm_utf8_decode(r->s + i, r->len - i, &cp);
    }
    ck_assert_uint_eq(steps, r->count);
}
END_TEST

/* ---- fold ----------------------------------------------------------------- */

typedef struct fold_row {
    const char *in;
    const char *out;
} fold_row;

static const fold_row fold_rows[] = {
    {"Xankəndi", "xankendi"},         /* schwa transliterated */
    {"XANKƏNDI", "xankendi"},         /* capital schwa folds the same */
    {"Xankendi", "xankendi"},         /* ASCII spelling */
    {"XANKENDI", "xankendi"},         /* ASCII capitals */
    {"München", "munchen"},           /* umlaut stripped */
    {"MÜNCHEN", "munchen"},           /* capital umlaut */
    {"MUNCHEN", "munchen"},           /* ASCII spelling */
    {"Zürich", "zurich"},             /* umlaut */
    {"Łódź", "lodz"},                 /* ł transliterated, acutes stripped */
    {"İstanbul", "istanbul"},         /* İ: case fold gives i + dot, dot dropped */
    {"ISTANBUL", "istanbul"},         /* plain I */
    {"Diyarbakır", "diyarbakir"},     /* dotless ı */
    {"Αθήνα", "αθηνα"},               /* Greek: tonos stripped, stays Greek */
    {"ΑΘΗΝΑ", "αθηνα"},               /* Greek capitals */
    {"Степанакерт", "степанакерт"},   /* Cyrillic lower-cased */
    {"СТЕПАНАКЕРТ", "степанакерт"},   /* Cyrillic capitals */
    {"東京", "東京"},                 /* CJK unchanged */
    {"서울", "서울"},                 /* Hangul syllables kept whole */
    {"ガザ", "ガザ"},                 /* kana keep their voicing marks */
    {"दिल्ली", "दिल्ली"},               /* Devanagari vowel signs are spelling */
    {"กรุงเทพ", "กรุงเทพ"},           /* so are Thai ones */
    {"Київ", "киів"},                 /* Cyrillic diaeresis stripped too */
    {"القاهرة", "القاهرة"},           /* Arabic unchanged */
    {"أربيل", "اربيل"},               /* hamza above is a mark: stripped */
    {"Ｐａｒｉｓ", "paris"},          /* fullwidth to ASCII (COMPAT) */
    {"ＮＹ１２", "ny12"},             /* fullwidth letters and digits */
    {"Straße", "strasse"},            /* ß */
    {"STRASSE", "strasse"},           /* ASCII spelling of ß */
    {"Øresund", "oresund"},           /* ø */
    {"Æbeltoft", "aebeltoft"},        /* æ */
    {"Œuvre", "oeuvre"},              /* œ */
    {"Þórshöfn", "thorshofn"},        /* þ and accents */
    {"Hafnarfjörður", "hafnarfjordur"}, /* ð */
    {"Đà Nẵng", "danang"},            /* đ; the space is not a word char */
    {"Ħamrun", "hamrun"},             /* ħ */
    {"Ŧ", "t"},                       /* ŧ */
    {"Ŋ", "ng"},                      /* ŋ */
    {"ǝ", "e"},                       /* turned e */
    {"São", "sao"},                   /* tilde */
    {"Reykjavík", "reykjavik"},       /* acute */
    {"Oʻzbekiston", "ozbekiston"},    /* okina-like modifier letter dropped */
    {"ﬁnland", "finland"},            /* ligature (COMPAT) */
    {"ǅ", "dz"},                      /* title-case digraph (COMPAT) */
    {"Ⅻ", "xii"},                     /* roman numeral (COMPAT) */
    {"Mün\xC2\xAD" "chen", "munchen"}, /* soft hyphen inside a word dropped */
    {"Route66", "route66"},           /* letters and digits */
    {"66", "66"},                     /* a number */
    {"e\xCC\x81", "e"},               /* decomposed é */
    {"\xCC\x81", ""},                 /* a mark alone folds to nothing */
    {"", ""},                         /* empty */
};

START_TEST(test_fold_word)
{
    const fold_row *r = &fold_rows[_i];
    gm_buf out = GM_BUF_INIT;
    size_t n = gm_fold_word(r->in, strlen(r->in), &out);
    ck_assert_str_eq(gm_buf_str(&out), r->out);
    ck_assert_uint_eq(n, strlen(r->out));
    ck_assert_uint_eq(out.len, strlen(r->out));
    gm_buf_free(&out);
}
END_TEST

START_TEST(test_fold_word_appends)
{
    /* Folding appends to what the buffer holds and returns only its part. */
    gm_buf out = GM_BUF_INIT;
    gm_buf_append_str(&out, "x|");
    ck_assert_uint_eq(gm_fold_word("PARIS", 5, &out), 5);
    ck_assert_uint_eq(gm_fold_word("Łódź", strlen("Łódź"), &out), 4);
    ck_assert_uint_eq(gm_fold_word("\xCC\x81", 2, &out), 0);
    ck_assert_str_eq(gm_buf_str(&out), "x|parislodz");
    gm_buf_free(&out);
}
END_TEST

START_TEST(test_fold_word_long)
{
    /* A non-ASCII word longer than the staging buffer. */
    gm_buf in = GM_BUF_INIT, out = GM_BUF_INIT, want = GM_BUF_INIT;
    for (int i = 0; i < 500; i++) {
        gm_buf_append_str(&in, "ÄßŁ");
        gm_buf_append_str(&want, "asslo");
        gm_buf_append_str(&in, "Ø");
    }
    ck_assert_uint_eq(gm_fold_word(in.data, in.len, &out), want.len);
    ck_assert_str_eq(gm_buf_str(&out), gm_buf_str(&want));
    gm_buf_free(&in);
    gm_buf_free(&out);
    gm_buf_free(&want);
}
END_TEST

START_TEST(test_fold_properties)
{
    /* Over every letter and number of Unicode: folding a folded word
     * changes nothing, and a letter folds like its lower-case form. The
     * first code point that breaks either is reported. */
    gm_buf once = GM_BUF_INIT, twice = GM_BUF_INIT, lower = GM_BUF_INIT;
    int32_t not_idempotent = -1, not_caseless = -1;
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        char s[4], l[4];
        size_t n = gm_utf8_encode(cp, s);
        int32_t low = utf8proc_tolower(cp);
        utf8proc_category_t c = utf8proc_category(cp);
        if (n == 0 || c < UTF8PROC_CATEGORY_LU || c > UTF8PROC_CATEGORY_NO)
            continue;
        gm_buf_clear(&once);
        gm_buf_clear(&twice);
        gm_fold_word(s, n, &once);
        gm_fold_word(gm_buf_str(&once), once.len, &twice);
        if (not_idempotent < 0 &&
            strcmp(gm_buf_str(&once), gm_buf_str(&twice)) != 0)
            not_idempotent = cp;
        if (low != cp && not_caseless < 0) {
            gm_buf_clear(&lower);
            gm_fold_word(l, gm_utf8_encode(low, l), &lower);
            if (strcmp(gm_buf_str(&once), gm_buf_str(&lower)) != 0)
                not_caseless = cp;
        }
    }
    ck_assert_int_eq(not_idempotent, -1);
    ck_assert_int_eq(not_caseless, -1);
    gm_buf_free(&once);
    gm_buf_free(&twice);
    gm_buf_free(&lower);
}
END_TEST

typedef struct name_row {
    const char *in;
    const char *out;
    size_t words;
} name_row;

static const name_row name_rows[] = {
    {"Nagorno-Karabakh", "nagorno karabakh", 2}, /* hyphen splits */
    {"Nagorno Karabakh", "nagorno karabakh", 2}, /* same as with a hyphen */
    {"U.S.", "u s", 2},                           /* periods split */
    {"Côte d’Ivoire", "cote d ivoire", 3},       /* curly apostrophe splits */
    {"Côte d'Ivoire", "cote d ivoire", 3},       /* straight one too */
    {"St. Louis", "st louis", 2},                 /* abbreviation */
    {"  Paris  ", "paris", 1},                    /* outer spaces */
    {"Route 66", "route 66", 2},                  /* numbers are tokens */
    {"Xankəndi", "xankendi", 1},                  /* one word */
    {"XANKƏNDI", "xankendi", 1},                  /* its capitals */
    {"Ｎｅｗ　Ｙｏｒｋ", "new york", 2},          /* fullwidth, ideographic space */
    {"Mün\xC2\xAD" "chen", "munchen", 1},        /* soft hyphen keeps one word */
    {"Washington,\tD.C.", "washington d c", 3},   /* tab and punctuation */
    {"东京", "东京", 1},                          /* CJK */
    {"...", "", 0},                               /* nothing to look up */
    {"", "", 0},                                  /* empty */
};

START_TEST(test_fold_name)
{
    const name_row *r = &name_rows[_i];
    gm_buf out = GM_BUF_INIT;
    ck_assert_uint_eq(gm_fold_name(r->in, strlen(r->in), &out), r->words);
    ck_assert_str_eq(gm_buf_str(&out), r->out);
    gm_buf_free(&out);
}
END_TEST

/* ---- tokens -------------------------------------------------------------- */

/* Renders tokens as "surface:KIND+FLAGS" joined by spaces. Kinds W N P;
 * flags I upper initial, A all upper, C uncased, s space before, n newline
 * before, S sentence start. */
static void render_tokens(const char *text, const gm_tok_list *l, gm_buf *out)
{
    gm_buf_clear(out);
    for (size_t i = 0; i < l->n; i++) {
        const gm_token *t = &l->v[i];
        if (i)
            gm_buf_append_char(out, ' ');
        gm_buf_append(out, text + t->off, t->len);
        gm_buf_append_char(out, ':');
        gm_buf_append_char(out, t->kind == GM_TOK_WORD     ? 'W'
                                : t->kind == GM_TOK_NUMBER ? 'N'
                                                           : 'P');
        static const struct {
            unsigned flag;
            char c;
        } names[] = {{GM_TOKF_UPPER_INITIAL, 'I'}, {GM_TOKF_ALL_UPPER, 'A'},
                     {GM_TOKF_UNCASED, 'C'},       {GM_TOKF_SPACE_BEFORE, 's'},
                     {GM_TOKF_NEWLINE_BEFORE, 'n'}, {GM_TOKF_SENT_START, 'S'}};
        for (size_t f = 0; f < sizeof names / sizeof *names; f++)
            if (t->flags & names[f].flag)
                gm_buf_append_char(out, names[f].c);
    }
}

typedef struct tok_row {
    const char *text;
    size_t len;
    const char *tokens;
} tok_row;

#define T(lit, toks) { lit, sizeof(lit) - 1, toks }

static const tok_row tok_rows[] = {
    T("Paris, Texas", "Paris:WI ,:P Texas:WIs"),          /* comma splits */
    T("U.S.-backed", "U:WI .:P S:WI .:P -:P backed:W"),   /* periods, hyphen */
    T("Xankəndi's", "Xankəndi:WI ':P s:W"),              /* apostrophe splits */
    T("NATO and the US", "NATO:WIA and:Ws the:Ws US:WIAs"), /* acronyms */
    T("A UN", "A:WI UN:WIAs"),                            /* one letter: not all upper */
    T("Route 66", "Route:WI 66:Ns"),                      /* number */
    T("3M 4x4", "3M:WI 4x4:Ws"),                          /* digits and letters: word */
    T("iPhone", "iPhone:W"),                              /* first letter lower */
    T("ǅungla", "ǅungla:WI"),                             /* title-case initial */
    T("ΑΘΗΝΑ Αθήνα", "ΑΘΗΝΑ:WIA Αθήνα:WIs"),              /* Greek case */
    T("Ｐａｒｉｓ", "Ｐａｒｉｓ:WI"),                     /* fullwidth letters */
    T("القاهرة، مصر", "القاهرة:WC ،:P مصر:WCs"),          /* Arabic: uncased */
    T("东京是日本的首都。", "东京是日本的首都:WC 。:P"), /* CJK run is one word */
    T("NHK新闻", "NHK新闻:WIA"),                          /* mixed: cased letters rule */
    T("line\nnext\r\n\r\nPara", "line:W next:Wsn Para:WIsn"), /* line breaks */
    T("a\tb\vc\fd", "a:W b:Ws c:Wsn d:Wsn"),              /* tab, VT, FF */
    T("10\xC2\xA0km", "10:N km:Ws"),                      /* no-break space */
    T("a\xE2\x80\xA8" "b", "a:W b:Wsn"),                  /* U+2028 line separator */
    T("a\xC2\x85" "b", "a:W b:Wsn"),                      /* U+0085 next line */
    T("東京\xE3\x80\x80大阪", "東京:WC 大阪:WCs"),        /* ideographic space */
    T("Mün\xC2\xAD" "chen", "Mün\xC2\xAD" "chen:WI"),     /* soft hyphen inside */
    T("end\xC2\xAD, x", "end:W ,:P x:Ws"),                /* soft hyphen at the end */
    T("\xE2\x80\x8FParis", "Paris:WI"),                   /* RLM skipped, no space */
    T("a\xE2\x80\x8B" "b", "a:W b:W"),                    /* zero width space splits */
    T("e\xCC\x81t\xC3\xA9", "e\xCC\x81t\xC3\xA9:W"),      /* combining acute inside */
    T("\xCC\x81", "\xCC\x81:WC"),                         /* a mark alone: a word */
    T("½ Ⅻ", "½:N Ⅻ:Ns"),                                 /* No and Nl are numbers */
    T("٣ ١٢", "٣:N ١٢:Ns"),                               /* Arabic-Indic digits */
    T("I ❤ NY", "I:WI ❤:Ps NY:WIAs"),                     /* a symbol is punctuation */
    T("x\x01y", "x:W \x01:P y:W"),                        /* control character */
    T("a\xFF" "b", "a:W \xFF:P b:W"),                     /* invalid byte: never stuck */
    T("“Yes”", "“:P Yes:WI ”:P"),                         /* curly quotes */
    T("   ", ""),                                         /* only space */
    T("", ""),                                            /* empty */
};

/* The list's stops are its punctuation tokens and those after a line
 * break, in order, as a walk over the tokens finds them; likewise its
 * capitalised words. */
static void check_stops(const gm_tok_list *l)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].kind != GM_TOK_PUNCT &&
            !(l->v[i].flags & GM_TOKF_NEWLINE_BEFORE))
            continue;
        ck_assert_uint_lt(k, l->n_stops);
        ck_assert_uint_eq(l->stops[k], i);
        k++;
    }
    ck_assert_uint_eq(k, l->n_stops);
    /* and its capitalised words those a walk finds: words with a capital
     * first letter or no cased one */
    k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].kind != GM_TOK_WORD ||
            !(l->v[i].flags & (GM_TOKF_UPPER_INITIAL | GM_TOKF_UNCASED)))
            continue;
        ck_assert_uint_lt(k, l->n_caps);
        ck_assert_uint_eq(l->caps[k], i);
        k++;
    }
    ck_assert_uint_eq(k, l->n_caps);
}

START_TEST(test_tokens)
{
    const tok_row *r = &tok_rows[_i];
    gm_tok_list l = GM_TOK_LIST_INIT;
    gm_buf got = GM_BUF_INIT;
    gm_tok_split(r->text, r->len, &l);
    render_tokens(r->text, &l, &got);
    ck_assert_str_eq(gm_buf_str(&got), r->tokens);
    check_stops(&l);
    gm_buf_free(&got);
    gm_tok_list_free(&l);
}
END_TEST

/* Stops against a walk on texts of line breaks in every form, blank
 * lines, breaks before and after punctuation, at the start and the end
 * of the text or not, and on long texts of them in random order (across
 * the tokeniser's 4 KiB blocks), with one list reused. */
START_TEST(test_tok_stops)
{
    static const char *const texts[] = {
        "", "\n", "\r\n", "\n\n\n", ".", ".\n", "\n.", "a\n", "\na",
        "a.\r\nB", "a\r\n\r\n.b", "a \n \n . \n b", "a\vb\fc",
        "a\xC2\x85" "b", "a\xE2\x80\xA8.\xE2\x80\xA9" "b",
        "Fire in Paris\nA fire.\n\n\"Yes,\" he said.\n",
        "\xC3\xA9t\xC3\xA9\n\xE3\x80\x82\xE3\x80\x82\n\xC2\xBFQu\xC3\xA9?",
        "x\xC2\xAD\ny\xE2\x80\x8B\nz",
    };
    gm_tok_list l = GM_TOK_LIST_INIT;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        gm_tok_split(texts[t], strlen(texts[t]), &l);
        check_stops(&l);
    }
    static const char *const pieces[] = {
        "word", " ", "\n", "\r\n", ".", ", ", "\xC3\xA9t\xC3\xA9",
        "\xE2\x80\x9C", "Paris", "12", "\n\n", "\t", "abcdefghijklmnopq",
        "\xC3\x89tat", "\xE6\x9D\xB1\xE4\xBA\xAC", "B2B", "x9", "9X",
        "NEW YORK", "Z\xC3\xBCrich",
    };
    char *text = malloc(40000);
    ck_assert_ptr_nonnull(text);
    unsigned seed = 7;
    for (int round = 0; round < 20; round++) {
        size_t len = 0;
        while (len < 30000) {
            seed = seed * 1103515245u + 12345u;
            const char *p =
                pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        gm_tok_split(text, len - (size_t)round, &l);
        check_stops(&l);
    }
    free(text);
    gm_tok_list_free(&l);
}
END_TEST

START_TEST(test_tokens_offsets_and_folds)
{
    const char *text = "Xankəndi's ZÜRICH, 66 ";
    gm_tok_list l = GM_TOK_LIST_INIT;
    gm_tok_split(text, strlen(text), &l);
    static const struct {
        uint32_t off, len;
        uint16_t kind;
        const char *fold;
    } want[] = {
        {0, 9, GM_TOK_WORD, "xankendi"}, /* ə is two bytes */
        {9, 1, GM_TOK_PUNCT, ""},
        {10, 1, GM_TOK_WORD, "s"},
        {12, 7, GM_TOK_WORD, "zurich"},
        {19, 1, GM_TOK_PUNCT, ""},
        {21, 2, GM_TOK_NUMBER, "66"},
    };
    ck_assert_uint_eq(l.n, sizeof want / sizeof *want);
    for (size_t i = 0; i < l.n; i++) {
        ck_assert_uint_eq(l.v[i].off, want[i].off);
        ck_assert_uint_eq(l.v[i].len, want[i].len);
        ck_assert_uint_eq(l.v[i].kind, want[i].kind);
        ck_assert_uint_eq(l.v[i].fold_len, strlen(want[i].fold));
        ck_assert_mem_eq(gm_tok_folded(&l, i), want[i].fold, l.v[i].fold_len);
        /* the hash of the fold, for words of the general path too */
        ck_assert_uint_eq(l.v[i].hash,
                          gm_tok_hash(want[i].fold, strlen(want[i].fold)));
    }
    /* folded words back to back */
    ck_assert_str_eq(gm_buf_str(&l.folded), "xankendiszurich66");

    /* The list is reused: a second split replaces the first. */
    gm_tok_split("Baku", 4, &l);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_str_eq(gm_buf_str(&l.folded), "baku");
    gm_tok_split("", 0, &l);
    ck_assert_uint_eq(l.n, 0);
    ck_assert_str_eq(gm_buf_str(&l.folded), "");
    gm_tok_list_free(&l);
    gm_tok_list_free(&l); /* a freed list can be freed again */
    gm_tok_list_free(NULL);
}
END_TEST

/* ASCII words of every length from 1 to 40 at every alignment, of mixed
 * case and digits, between separators: what tokens.c reads eight bytes at
 * a time must give the spans, kinds, flags and folds of the rules, here
 * worked out a byte at a time. */
START_TEST(test_tokens_ascii_words)
{
    static const char alphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static const char *const seps[] = { " ", ",", "-", "  ", "\n", ".\t" };
    uint32_t seed = 12345;
    gm_buf text = GM_BUF_INIT;
    gm_tok_list l = GM_TOK_LIST_INIT;
    for (int round = 0; round < 200; round++) {
        gm_buf_clear(&text);
        size_t starts[64], lens[64], n = 0;
        gm_buf_append(&text, "xx", (size_t)(round % 3)); /* alignment */
        if (round % 3)
            starts[n] = 0, lens[n] = (size_t)(round % 3), n++;
        while (n < 20) {
            gm_buf_append_str(&text, seps[(seed >> 8) % 6]);
            seed = seed * 1103515245u + 12345u;
            size_t wlen = 1 + (seed >> 8) % 40;
            /* a third of the words all digits, a third all upper case */
            int style = (int)((seed >> 20) % 3);
            starts[n] = text.len;
            lens[n] = wlen;
            for (size_t k = 0; k < wlen; k++) {
                seed = seed * 1103515245u + 12345u;
                size_t c = (seed >> 8) % 62;
                if (style == 0)
                    c = 52 + c % 10;
                else if (style == 1)
                    c = 26 + c % 36;
                gm_buf_append_char(&text, alphabet[c]);
            }
            n++;
        }
        gm_tok_split(text.data, text.len, &l);
        check_stops(&l);
        size_t w = 0;
        for (size_t i = 0; i < l.n; i++) {
            const gm_token *t = &l.v[i];
            if (t->kind == GM_TOK_PUNCT)
                continue;
            ck_assert_uint_lt(w, n);
            ck_assert_uint_eq(t->off, starts[w]);
            ck_assert_uint_eq(t->len, lens[w]);
            const char *s = text.data + t->off;
            bool letters = false, lower = false, upper_initial = false;
            size_t nletters = 0;
            for (size_t k = 0; k < t->len; k++) {
                bool up = s[k] >= 'A' && s[k] <= 'Z';
                bool low = s[k] >= 'a' && s[k] <= 'z';
                if ((up || low) && !letters)
                    upper_initial = up;
                letters |= up || low;
                lower |= low;
                nletters += up || low;
                ck_assert_int_eq(gm_tok_folded(&l, i)[k],
                                 up ? s[k] + ('a' - 'A') : s[k]);
            }
            ck_assert_uint_eq(t->fold_len, t->len);
            /* the hash made from the chunks, at every length and
             * alignment, is gm_tok_hash's of the fold */
            ck_assert_uint_eq(t->hash,
                              gm_tok_hash(gm_tok_folded(&l, i), t->fold_len));
            ck_assert_uint_eq(t->kind, letters ? GM_TOK_WORD : GM_TOK_NUMBER);
            unsigned want = 0;
            if (upper_initial)
                want |= GM_TOKF_UPPER_INITIAL;
            if (letters && !lower && nletters >= 2)
                want |= GM_TOKF_ALL_UPPER;
            ck_assert_uint_eq(t->flags & (GM_TOKF_UPPER_INITIAL |
                                          GM_TOKF_ALL_UPPER |
                                          GM_TOKF_UNCASED),
                              want);
            w++;
        }
        ck_assert_uint_eq(w, n);
    }
    gm_tok_list_free(&l);
    gm_buf_free(&text);
}
END_TEST

/* An ASCII word ends at every byte that is not an ASCII letter or digit,
 * the bytes next to those ranges and non-ASCII ones (whose sums carry when
 * tokens.c tests eight bytes at once) included, wherever it falls in the
 * eight (control characters whose bytes are digits' but for the case bit
 * 0x20 too), and whatever follows: a following letter of two bytes
 * continues the word, a dash of three does not. */
START_TEST(test_tokens_ascii_word_ends)
{
    static const char *const after[] = { "\xc3\xa9", "\xe2\x80\x94",
                                         "\xf0\x9f\x98\x80", "\xc2\xa0" };
    const char *word = "Ab9zQaZ0yMn8Kp7Lw";
    char text[64];
    gm_tok_list l = GM_TOK_LIST_INIT;
    for (size_t wlen = 1; wlen <= 17; wlen++) {
        for (int b = 0; b < 128 + 4; b++) {
            size_t blen = 1;
            if (b < 128) {
                if ((b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') ||
                    (b >= 'a' && b <= 'z'))
                    continue;
                text[wlen] = (char)b;
            } else {
                blen = strlen(after[b - 128]);
                memcpy(text + wlen, after[b - 128], blen);
            }
            memcpy(text, word, wlen);
            /* non-ASCII bytes after, in the same eight, past a space
             * that would end a word run on too far */
            memcpy(text + wlen + blen, " \xc3\xa9\xc3\xa9 xyz", 9);
            size_t len = wlen + blen + 9;
            gm_tok_split(text, len, &l);
            check_stops(&l);
            ck_assert_uint_ge(l.n, 1);
            size_t want = b == 128 ? wlen + 2 : wlen;
            ck_assert_uint_eq(l.v[0].off, 0);
            ck_assert_uint_eq(l.v[0].len, want);
            if (b == 128)
                continue;
            ck_assert_uint_eq(l.v[0].kind, GM_TOK_WORD);
            ck_assert_uint_eq(l.v[0].flags & GM_TOKF_UPPER_INITIAL,
                              GM_TOKF_UPPER_INITIAL);
            ck_assert_uint_eq(l.v[0].fold_len, wlen);
            for (size_t k = 0; k < wlen; k++)
                ck_assert_int_eq(gm_tok_folded(&l, 0)[k],
                                 word[k] | 0x20);
            ck_assert_uint_eq(l.v[0].hash, gm_tok_hash(gm_tok_folded(&l, 0),
                                                       wlen));
        }
    }
    gm_tok_list_free(&l);
}
END_TEST

/* gm_tok_hash reads its chunks in little-endian order with zero padding,
 * whatever the address: the same bytes hash alike anywhere, and words that
 * differ in any byte (here at every position up to 17) hash apart. */
START_TEST(test_tok_hash)
{
    char a[40], b[40];
    const char *w = "abcdefghijklmnopq";
    for (size_t len = 0; len <= 17; len++) {
        for (size_t off = 0; off < 8; off++) {
            memcpy(a + off, w, len);
            ck_assert_uint_eq(gm_tok_hash(a + off, len), gm_tok_hash(w, len));
        }
        for (size_t k = 0; k < len; k++) {
            memcpy(b, w, len);
            b[k] = 'z';
            ck_assert_uint_ne(gm_tok_hash(b, len), gm_tok_hash(w, len));
        }
        if (len)
            ck_assert_uint_ne(gm_tok_hash(w, len), gm_tok_hash(w, len - 1));
    }
    ck_assert_uint_eq(gm_tok_hash("", 0), 0); /* a punctuation token's */
    gm_tok_list l = GM_TOK_LIST_INIT;
    gm_tok_split("a, b", 4, &l);
    ck_assert_uint_eq(l.v[1].kind, GM_TOK_PUNCT);
    ck_assert_uint_eq(l.v[1].hash, 0);
    gm_tok_list_free(&l);
}
END_TEST

/* The tokens that start lines, kept for the first GM_TOK_LINES lines, and
 * gm_tok_line_after against a walk over the tokens, at every token of
 * texts with blank lines, breaks before the first token and after the
 * last, CR LF, U+2028 and more lines than are kept. */
static uint32_t line_after_walk(const gm_tok_list *l, uint32_t k)
{
    for (k++; k < l->n; k++)
        if (l->v[k].flags & GM_TOKF_NEWLINE_BEFORE)
            return k;
    return (uint32_t)l->n;
}

START_TEST(test_tok_line_starts)
{
    gm_tok_list l = GM_TOK_LIST_INIT;
    const char *text = "\n\nA b.\n\nC\r\nd e\xE2\x80\xA8" "f\n";
    gm_tok_split(text, strlen(text), &l);
    /* A b . | C | d e | f | (end) */
    ck_assert_uint_eq(l.n, 7);
    ck_assert_uint_eq(l.n_lines, 4);
    ck_assert_uint_eq(l.line_start[0], 3);
    ck_assert_uint_eq(l.line_start[1], 4);
    ck_assert_uint_eq(l.line_start[2], 6);
    ck_assert_uint_eq(l.line_start[3], 7);
    ck_assert_uint_eq(gm_tok_line_after(&l, 0), 3);
    ck_assert_uint_eq(gm_tok_line_after(&l, 3), 4);
    ck_assert_uint_eq(gm_tok_line_after(&l, 4), 6);
    ck_assert_uint_eq(gm_tok_line_after(&l, 6), 7);

    static const char *const texts[] = {
        "one line only, no break",
        "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk l\n\nm n o\np",
        "\n\n\n\nx y\n\n\n",
        "a\n\n\n\n\n\n\n\n\n\n\n\nb c\nd\ne\nf\ng\nh\ni\nj\nk\nl",
        "",
    };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        gm_tok_split(texts[t], strlen(texts[t]), &l);
        ck_assert_uint_le(l.n_lines, GM_TOK_LINES);
        for (uint32_t k = 0; k < l.n; k++)
            ck_assert_uint_eq(gm_tok_line_after(&l, k), line_after_walk(&l, k));
    }
    gm_tok_list_free(&l);
}
END_TEST

START_TEST(test_tokens_no_words)
{
    /* Punctuation only: gm_tok_folded still gives a string. */
    gm_tok_list l = GM_TOK_LIST_INIT;
    gm_tok_split("?!", 2, &l);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_str_eq(gm_tok_folded(&l, 0), "");
    ck_assert_uint_eq(l.v[1].fold_len, 0);
    gm_tok_list_free(&l);
}
END_TEST

/* ---- sentences ----------------------------------------------------------- */

/* Sentences as their text joined by " | "; also checks that the sentences
 * cover the tokens in order and that SENT_START marks the first word or
 * number of each sentence and nothing else. */
static void split_sentences(const char *text, gm_buf *out)
{
    gm_tok_list l = GM_TOK_LIST_INIT;
    gm_sent_list s = GM_SENT_LIST_INIT;
    gm_tok_split(text, strlen(text), &l);
    gm_sent_split(text, &l, &s);
    gm_buf_clear(out);
    uint32_t next = 0;
    for (size_t i = 0; i < s.n; i++) {
        const gm_sentence *st = &s.v[i];
        ck_assert_uint_eq(st->tok_begin, next);
        ck_assert_uint_gt(st->tok_end, st->tok_begin);
        ck_assert_uint_eq(st->off, l.v[st->tok_begin].off);
        const gm_token *last = &l.v[st->tok_end - 1];
        ck_assert_uint_eq(st->off + st->len, last->off + last->len);
        int marked = 0;
        for (uint32_t k = st->tok_begin; k < st->tok_end; k++) {
            const gm_token *t = &l.v[k];
            int want = !marked && t->kind != GM_TOK_PUNCT;
            ck_assert_int_eq((t->flags & GM_TOKF_SENT_START) != 0, want);
            if (want)
                marked = 1;
        }
        next = st->tok_end;
        if (i)
            gm_buf_append_str(out, " | ");
        gm_buf_append(out, text + st->off, st->len);
    }
    ck_assert_uint_eq(next, l.n);
    gm_sent_list_free(&s);
    gm_tok_list_free(&l);
}

typedef struct sent_row {
    const char *text;
    const char *sentences;
} sent_row;

static const sent_row sent_rows[] = {
    {"", ""},                                             /* nothing */
    {"Hello world.", "Hello world."},                     /* one sentence */
    {"He went to Paris. She stayed.",
     "He went to Paris. | She stayed."},                  /* plain split */
    {"Mr. Smith met Dr. Jones.", "Mr. Smith met Dr. Jones."}, /* titles */
    {"They flew to St. Louis on Monday.",
     "They flew to St. Louis on Monday."},                /* St. */
    {"Gen. Petraeus visited Mt. Everest with Prof. Li.",
     "Gen. Petraeus visited Mt. Everest with Prof. Li."}, /* more titles */
    {"It rained on Jan. 5 in Paris.", "It rained on Jan. 5 in Paris."}, /* month */
    {"He lives at No. 10 Downing Street.",
     "He lives at No. 10 Downing Street."},               /* No. before a number */
    {"No. The talks ended.", "No. | The talks ended."},  /* "No" the word */
    {"He said no. The talks ended.",
     "He said no. | The talks ended."},                   /* lower-case no */
    {"Germany vs. Brazil was close.", "Germany vs. Brazil was close."}, /* vs. */
    {"Apple Inc. Shares fell.", "Apple Inc. Shares fell."}, /* abbreviation wins */
    {"The U.S. Army arrived. Troops left.",
     "The U.S. Army arrived. | Troops left."},           /* single capitals */
    {"J. Smith spoke.", "J. Smith spoke."},               /* an initial */
    {"He arrived in the U.S. The next day he left.",
     "He arrived in the U.S. The next day he left."},    /* accepted limitation */
    {"The U.S.-backed forces won. Peace came.",
     "The U.S.-backed forces won. | Peace came."},       /* no space: no split */
    {"Prices rose 3.5 percent. Officials agreed.",
     "Prices rose 3.5 percent. | Officials agreed."},    /* decimal point */
    {"3 people died. 2 were hurt.", "3 people died. | 2 were hurt."}, /* numbers */
    {"Hello.World", "Hello.World"},                       /* no space after '.' */
    {"What? Nobody knew! Then silence.",
     "What? | Nobody knew! | Then silence."},            /* ? and ! */
    {"Really?! Yes.", "Really?! | Yes."},                 /* terminal run */
    {"Wait... What happened?", "Wait... | What happened?"}, /* ellipsis */
    {"The deal was done. but not signed.",
     "The deal was done. but not signed."},               /* lower-case next */
    {"He said \"Stop.\" Then he left.",
     "He said \"Stop.\" | Then he left."},               /* closing quote */
    {"He left. \"We won,\" she said.",
     "He left. | \"We won,\" she said."},                /* opening quote */
    {"(See above.) The end.", "(See above.) | The end."}, /* bracket */
    {"« Il est parti. » Puis il revint.",
     "« Il est parti. » | Puis il revint."},             /* French quotes */
    {"Er sagte: „Ja.“ Dann ging er.",
     "Er sagte: „Ja.“ | Dann ging er."},                 /* German quotes */
    {"Er ging. »Dann kam er.«", "Er ging. | »Dann kam er.«"}, /* » opening */
    {"東京に行った。大阪に行った。",
     "東京に行った。 | 大阪に行った。"},                 /* CJK, no spaces */
    {"他说：“好。”我们走了。", "他说：“好。” | 我们走了。"}, /* CJK quote */
    {"هل أنت هنا؟ نعم", "هل أنت هنا؟ | نعم"},          /* Arabic question mark */
    {"نعم، لا؟ نعم", "نعم، لا؟ | نعم"},                 /* Arabic comma: no end */
    {"یہ ہے۔ وہ", "یہ ہے۔ | وہ"},                        /* Urdu full stop */
    {"वह गया। फिर आया॥ अब", "वह गया। | फिर आया॥ | अब"},  /* dandas */
    {"東京、大阪。京都", "東京、大阪。 | 京都"},          /* ideographic comma */
    {"好！我们走了．他们，也走了？是", "好！ | 我们走了． | 他们，也走了？ | 是"},
                                                          /* fullwidth marks */
    {"ｱｲ｡ｳｴ", "ｱｲ｡ | ｳｴ"},                              /* halfwidth stop */
    {"Il a vu É. Zola hier.", "Il a vu É. Zola hier."},   /* a two-byte initial */
    {"Wir kauften Öl. Dann fuhren wir.",
     "Wir kauften Öl. | Dann fuhren wir."},              /* two letters, not one */
    {"First paragraph without a stop\n\nsecond one",
     "First paragraph without a stop | second one"},     /* blank line */
    {"one\n \t\nlower case", "one | lower case"},         /* spaces in the blank line */
    {"one\r\n\r\ntwo", "one | two"},                      /* CR LF blank line */
    {"one\r\ntwo", "one\r\ntwo"},                         /* one CR LF is one break */
    {"Page one\fpage two", "Page one | page two"},        /* form feed */
    {"Fire in Paris suburb\nA fire broke out on Monday.",
     "Fire in Paris suburb | A fire broke out on Monday."}, /* headline */
    {"Fire in Paris\nThousands evacuated\nA fire broke out.",
     "Fire in Paris | Thousands evacuated | A fire broke out."}, /* headline, subhead */
    {"Fire in Paris\nfirefighters arrived.",
     "Fire in Paris\nfirefighters arrived."},            /* next line lower case */
    {"Breaking news:\nThe fire spread.",
     "Breaking news:\nThe fire spread."},                /* line ends in punctuation */
    {"Rain fell. It was raining in\nParis today.",
     "Rain fell. | It was raining in\nParis today."},    /* wrapped line mid-sentence */
    {"One two three four five six seven eight nine ten eleven twelve "
     "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty\n"
     "The end.",
     "One two three four five six seven eight nine ten eleven twelve "
     "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty\n"
     "The end."},                                         /* 20 tokens: not a headline */
    {"\"Fire,\" he said.\n\n... and then?",
     "\"Fire,\" he said. | ... and then?"},              /* punctuation-led sentence */
    {"?!", "?!"},                                         /* punctuation only */
};

START_TEST(test_sentences)
{
    const sent_row *r = &sent_rows[_i];
    gm_buf got = GM_BUF_INIT;
    split_sentences(r->text, &got);
    ck_assert_str_eq(gm_buf_str(&got), r->sentences);
    gm_buf_free(&got);
}
END_TEST

START_TEST(test_sentence_start_flags)
{
    const char *text = "Fire in Paris\nA \"big\" fire, he said. 5 died.";
    gm_tok_list l = GM_TOK_LIST_INIT;
    gm_sent_list s = GM_SENT_LIST_INIT;
    gm_buf got = GM_BUF_INIT;
    gm_tok_split(text, strlen(text), &l);
    gm_sent_split(text, &l, &s);
    /* a stale flag, as from an earlier split: must be cleared */
    l.v[1].flags |= GM_TOKF_SENT_START;
    gm_sent_split(text, &l, &s);
    render_tokens(text, &l, &got);
    ck_assert_str_eq(gm_buf_str(&got),
                     "Fire:WIS in:Ws Paris:WIs A:WIsnS \":Ps big:W \":P "
                     "fire:Ws ,:P he:Ws said:Ws .:P 5:NsS died:Ws .:P");
    ck_assert_uint_eq(s.n, 3);
    /* splitting again gives the same */
    gm_sent_split(text, &l, &s);
    ck_assert_uint_eq(s.n, 3);
    gm_buf_free(&got);
    gm_sent_list_free(&s);
    gm_sent_list_free(&s);
    gm_sent_list_free(NULL);
    gm_tok_list_free(&l);
}
END_TEST

/* ---- long input: nothing quadratic --------------------------------------- */

#define MIB (1024u * 1024u)

START_TEST(test_long_input)
{
    /* 1 MiB of "New New ...": 262,144 words, one sentence. */
    size_t len = MIB;
    char *text = malloc(len);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < len; i += 4)
        memcpy(text + i, "New ", 4);
    gm_tok_list l = GM_TOK_LIST_INIT;
    gm_sent_list s = GM_SENT_LIST_INIT;
    gm_tok_split(text, len, &l);
    ck_assert_uint_eq(l.n, MIB / 4);
    ck_assert_uint_eq(l.folded.len, 3 * (MIB / 4));
    ck_assert_uint_eq(l.v[l.n - 1].off, MIB - 4);
    ck_assert_uint_eq(l.v[l.n - 1].flags,
                      GM_TOKF_UPPER_INITIAL | GM_TOKF_SPACE_BEFORE);
    ck_assert_mem_eq(gm_tok_folded(&l, l.n - 1), "new", 3);
    gm_sent_split(text, &l, &s);
    ck_assert_uint_eq(s.n, 1);

    /* 1 MiB of "Yes. ": 209,715 sentences. */
    size_t reps = MIB / 5;
    for (size_t i = 0; i < reps; i++)
        memcpy(text + 5 * i, "Yes. ", 5);
    gm_tok_split(text, reps * 5, &l);
    ck_assert_uint_eq(l.n, 2 * reps);
    gm_sent_split(text, &l, &s);
    ck_assert_uint_eq(s.n, reps);

    /* 1 MiB of periods: one terminal run, one sentence. */
    memset(text, '.', len);
    gm_tok_split(text, len, &l);
    ck_assert_uint_eq(l.n, MIB);
    gm_sent_split(text, &l, &s);
    ck_assert_uint_eq(s.n, 1);

    /* 1 MiB of one word with soft hyphens: one token. */
    for (size_t i = 0; i + 4 <= len; i += 4)
        memcpy(text + i, "a\xC2\xAD" "b", 4);
    gm_tok_split(text, len, &l);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_uint_eq(l.v[0].fold_len, MIB / 2);

    gm_sent_list_free(&s);
    gm_tok_list_free(&l);
    free(text);
}
END_TEST

#define ROWS(table) ((int)(sizeof(table) / sizeof *(table)))

/* gm_utf8_count_valid agrees with gm_utf8_count on valid UTF-8 cut
 * between characters: every span of a text of 1- to 4-byte characters long
 * enough to pass the 16-byte steps and their 255-step flush (SSE2), the
 * 32- and 8-byte steps and the 63-block flush. */
START_TEST(test_utf8_count_valid)
{
    static const char *const chars[] = { "a", "\xC3\xA9", "\xE6\x9D\xB1",
                                         "\xF0\x9F\x98\x80", " " };
    char *text = malloc(40000);
    ck_assert_ptr_nonnull(text);
    size_t len = 0, starts[12000], n = 0;
    for (unsigned k = 0; len + 4 < 40000 && n < 12000; k = k * 7 + 3) {
        const char *c = chars[k % 5];
        starts[n++] = len;
        memcpy(text + len, c, strlen(c));
        len += strlen(c);
    }
    ck_assert_uint_eq(gm_utf8_count_valid(text, len), gm_utf8_count(text, len));
    for (size_t a = 0; a < n; a += 37)
        for (size_t b = a; b < n && b < a + 90; b++)
            ck_assert_uint_eq(gm_utf8_count_valid(text + starts[a], starts[b] - starts[a]),
                              b - a);
    free(text);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("text");

    TCase *tc = tcase_create("utf8");
    tcase_add_loop_test(tc, test_utf8_validate, 0, ROWS(validate_rows));
    tcase_add_loop_test(tc, test_utf8_decode, 0, ROWS(decode_rows));
    tcase_add_test(tc, test_utf8_decode_respects_len);
    tcase_add_loop_test(tc, test_utf8_encode, 0, ROWS(encode_rows));
    tcase_add_test(tc, test_utf8_round_trip);
    tcase_add_loop_test(tc, test_utf8_count, 0, ROWS(count_rows));
    tcase_add_test(tc, test_utf8_count_valid);
    tcase_add_test(tc, test_utf8_validate_offsets);
    suite_add_tcase(s, tc);

    tc = tcase_create("fold");
    tcase_set_timeout(tc, 120); /* test_fold_properties under valgrind */
    tcase_add_loop_test(tc, test_fold_word, 0, ROWS(fold_rows));
    tcase_add_test(tc, test_fold_word_appends);
    tcase_add_test(tc, test_fold_word_long);
    tcase_add_test(tc, test_fold_properties);
    tcase_add_loop_test(tc, test_fold_name, 0, ROWS(name_rows));
    suite_add_tcase(s, tc);

    tc = tcase_create("tokens");
    tcase_add_loop_test(tc, test_tokens, 0, ROWS(tok_rows));
    tcase_add_test(tc, test_tokens_offsets_and_folds);
    tcase_add_test(tc, test_tokens_no_words);
    tcase_add_test(tc, test_tokens_ascii_words);
    tcase_add_test(tc, test_tokens_ascii_word_ends);
    tcase_add_test(tc, test_tok_hash);
    tcase_add_test(tc, test_tok_line_starts);
    tcase_add_test(tc, test_tok_stops);
    suite_add_tcase(s, tc);

    tc = tcase_create("sentences");
    tcase_add_loop_test(tc, test_sentences, 0, ROWS(sent_rows));
    tcase_add_test(tc, test_sentence_start_flags);
    suite_add_tcase(s, tc);

    tc = tcase_create("long");
    tcase_set_timeout(tc, 120); /* valgrind */
    tcase_add_test(tc, test_long_input);
    suite_add_tcase(s, tc);

    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
