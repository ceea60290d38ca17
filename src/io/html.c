/* HTML: a page is one article. A small tag stripper (no DOM, no libxml2)
 * reduces it to text: script, style, noscript, template, iframe, svg and
 * math are dropped with their content, comments and declarations too; block
 * elements become line breaks (a blank line between paragraphs, one newline
 * for br, li, tr...), table cells a space; entities are decoded (numeric
 * ones and about 130 common names); runs of white space collapse to one.
 * <title> becomes the title; the date comes from
 * <meta property="article:published_time"> (or a similar meta) or else the
 * first <time datetime>. Input must be UTF-8: invalid bytes are rejected
 * with their offset in the file, and the declared charset is named to help.
 * The article id is chosen by reader.c. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "io/formats.h"
#include "text/utf8.h"

/* How much markup a page may carry: the raw file may be this many times
 * the article limit. */
#define RAW_FACTOR 4

#define MAX_ATTRS 16
#define MAX_NAME 16

typedef struct html_src {
    gm_io_src base;
    const gm_io_cfg *cfg;
    FILE *fp;
    char *path;
    char *err_path;
    char *id;
    gm_buf raw;
    gm_buf fixed;        /* --lossy: raw with bad bytes replaced */
    gm_buf text;
    gm_buf title;
    gm_buf date;
    gm_article art;
    bool done;
} html_src;

/* ---- text with collapsed white space ---- */

/* Breaks waiting to be written before the next visible character. */
enum { BREAK_NONE, BREAK_SPACE, BREAK_LINE, BREAK_PARA };

typedef struct sink {
    gm_buf *buf;
    int pending; /* BREAK_*; dropped at the start and the end */
} sink;

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static void sink_break(sink *k, int level)
{
    if (level > k->pending)
        k->pending = level;
}

/* Appends bytes taken literally (no entities). */
static void sink_put(sink *k, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (is_space(p[i])) {
            sink_break(k, BREAK_SPACE);
            i++;
            continue;
        }
        size_t run = i;
        while (run < n && !is_space(p[run]))
            run++;
        if (k->pending && k->buf->len > 0) {
            static const char *const seps[] = { "", " ", "\n", "\n\n" };
            gm_buf_append_str(k->buf, seps[k->pending]);
        }
        k->pending = BREAK_NONE;
        gm_buf_append(k->buf, p + i, run - i);
        i = run;
    }
}

/* ---- entities ---- */

typedef struct entity_name {
    const char *name;
    int32_t cp;
} entity_name;

/* Common named entities; 0x20 marks the spaces (collapsed like spaces),
 * -1 the soft hyphen (dropped: it would split words). */
static const entity_name entities[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
    { "apos", '\'' }, { "nbsp", 0x20 }, { "ensp", 0x20 }, { "emsp", 0x20 },
    { "thinsp", 0x20 }, { "shy", -1 }, { "zwnj", 0x200C }, { "zwj", 0x200D },
    { "lrm", 0x200E }, { "rlm", 0x200F }, { "ndash", 0x2013 },
    { "mdash", 0x2014 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
    { "sbquo", 0x201A }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
    { "bdquo", 0x201E }, { "dagger", 0x2020 }, { "Dagger", 0x2021 },
    { "bull", 0x2022 }, { "hellip", 0x2026 }, { "permil", 0x2030 },
    { "prime", 0x2032 }, { "Prime", 0x2033 }, { "lsaquo", 0x2039 },
    { "rsaquo", 0x203A }, { "oline", 0x203E }, { "frasl", 0x2044 },
    { "euro", 0x20AC }, { "trade", 0x2122 }, { "larr", 0x2190 },
    { "uarr", 0x2191 }, { "rarr", 0x2192 }, { "darr", 0x2193 },
    { "harr", 0x2194 }, { "minus", 0x2212 }, { "infin", 0x221E },
    { "asymp", 0x2248 }, { "ne", 0x2260 }, { "le", 0x2264 }, { "ge", 0x2265 },
    { "iexcl", 0xA1 }, { "cent", 0xA2 }, { "pound", 0xA3 },
    { "curren", 0xA4 }, { "yen", 0xA5 }, { "brvbar", 0xA6 }, { "sect", 0xA7 },
    { "uml", 0xA8 }, { "copy", 0xA9 }, { "ordf", 0xAA }, { "laquo", 0xAB },
    { "not", 0xAC }, { "reg", 0xAE }, { "macr", 0xAF }, { "deg", 0xB0 },
    { "plusmn", 0xB1 }, { "sup2", 0xB2 }, { "sup3", 0xB3 },
    { "acute", 0xB4 }, { "micro", 0xB5 }, { "para", 0xB6 },
    { "middot", 0xB7 }, { "cedil", 0xB8 }, { "sup1", 0xB9 },
    { "ordm", 0xBA }, { "raquo", 0xBB }, { "frac14", 0xBC },
    { "frac12", 0xBD }, { "frac34", 0xBE }, { "iquest", 0xBF },
    { "Agrave", 0xC0 }, { "Aacute", 0xC1 }, { "Acirc", 0xC2 },
    { "Atilde", 0xC3 }, { "Auml", 0xC4 }, { "Aring", 0xC5 },
    { "AElig", 0xC6 }, { "Ccedil", 0xC7 }, { "Egrave", 0xC8 },
    { "Eacute", 0xC9 }, { "Ecirc", 0xCA }, { "Euml", 0xCB },
    { "Igrave", 0xCC }, { "Iacute", 0xCD }, { "Icirc", 0xCE },
    { "Iuml", 0xCF }, { "ETH", 0xD0 }, { "Ntilde", 0xD1 },
    { "Ograve", 0xD2 }, { "Oacute", 0xD3 }, { "Ocirc", 0xD4 },
    { "Otilde", 0xD5 }, { "Ouml", 0xD6 }, { "times", 0xD7 },
    { "Oslash", 0xD8 }, { "Ugrave", 0xD9 }, { "Uacute", 0xDA },
    { "Ucirc", 0xDB }, { "Uuml", 0xDC }, { "Yacute", 0xDD },
    { "THORN", 0xDE }, { "szlig", 0xDF }, { "agrave", 0xE0 },
    { "aacute", 0xE1 }, { "acirc", 0xE2 }, { "atilde", 0xE3 },
    { "auml", 0xE4 }, { "aring", 0xE5 }, { "aelig", 0xE6 },
    { "ccedil", 0xE7 }, { "egrave", 0xE8 }, { "eacute", 0xE9 },
    { "ecirc", 0xEA }, { "euml", 0xEB }, { "igrave", 0xEC },
    { "iacute", 0xED }, { "icirc", 0xEE }, { "iuml", 0xEF }, { "eth", 0xF0 },
    { "ntilde", 0xF1 }, { "ograve", 0xF2 }, { "oacute", 0xF3 },
    { "ocirc", 0xF4 }, { "otilde", 0xF5 }, { "ouml", 0xF6 },
    { "divide", 0xF7 }, { "oslash", 0xF8 }, { "ugrave", 0xF9 },
    { "uacute", 0xFA }, { "ucirc", 0xFB }, { "uuml", 0xFC },
    { "yacute", 0xFD }, { "thorn", 0xFE }, { "yuml", 0xFF },
    { "OElig", 0x152 }, { "oelig", 0x153 }, { "Scaron", 0x160 },
    { "scaron", 0x161 }, { "Yuml", 0x178 }, { "fnof", 0x192 },
    { "circ", 0x2C6 }, { "tilde", 0x2DC }, { "alpha", 0x3B1 },
    { "beta", 0x3B2 }, { "gamma", 0x3B3 }, { "delta", 0x3B4 },
    { "mu", 0x3BC }, { "pi", 0x3C0 }, { "sigma", 0x3C3 },
    { "Delta", 0x394 }, { "Omega", 0x3A9 },
};

/* Numeric references 0x80-0x9F mean windows-1252 to browsers. */
static const uint16_t cp1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* s[0] is '&'. Returns the bytes of the reference (0 when it is not one)
 * and its code point in *cp (0x20 for spaces, -1 for nothing). */
static size_t parse_entity(const char *s, size_t len, int32_t *cp)
{
    size_t i = 1;
    if (i < len && s[i] == '#') {
        i++;
        int base = 10;
        if (i < len && (s[i] == 'x' || s[i] == 'X')) {
            base = 16;
            i++;
        }
        size_t digits = 0;
        int32_t value = 0;
        while (i < len) {
            int d = base == 16 ? hex_value(s[i])
                               : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0'
                                                             : -1);
            if (d < 0)
                break;
            if (value <= 0x10FFFF)
                value = value * base + d;
            digits++;
            i++;
        }
        if (digits == 0)
            return 0;
        if (i < len && s[i] == ';')
            i++;
        if (value >= 0x80 && value <= 0x9F)
            value = cp1252[value - 0x80];
        else if (value == 0 || value > 0x10FFFF ||
                 (value >= 0xD800 && value <= 0xDFFF))
            value = 0xFFFD;
        *cp = value;
        return i;
    }
    size_t start = i;
    while (i < len && i - start < 8 && is_alnum(s[i]))
        i++;
    if (i == start || i >= len || s[i] != ';')
        return 0;
    size_t n = i - start;
    for (size_t e = 0; e < sizeof entities / sizeof entities[0]; e++) {
        if (strlen(entities[e].name) == n &&
            memcmp(entities[e].name, s + start, n) == 0) {
            *cp = entities[e].cp;
            return i + 1;
        }
    }
    return 0;
}

/* Appends text with entity references decoded. */
static void sink_text(sink *k, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *amp = memchr(p + i, '&', n - i);
        size_t end = amp ? (size_t)(amp - p) : n;
        sink_put(k, p + i, end - i);
        i = end;
        if (i >= n)
            break;
        int32_t cp = 0;
        size_t used = parse_entity(p + i, n - i, &cp);
        if (used == 0) {
            sink_put(k, "&", 1);
            i++;
            continue;
        }
        i += used;
        if (cp == 0x20) {
            sink_break(k, BREAK_SPACE);
        } else if (cp > 0) {
            char utf8[4];
            size_t w = gm_utf8_encode(cp, utf8);
            sink_put(k, utf8, w);
        }
    }
}

/* ---- tags ---- */

typedef struct span {
    size_t off;
    size_t len;
} span;

typedef struct tag {
    char name[MAX_NAME]; /* lower case; "" when longer than fits */
    bool closing;
    bool self_closing;
    size_t nattrs;
    span attr_name[MAX_ATTRS];
    span attr_value[MAX_ATTRS];
} tag;

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_name_char(char c)
{
    return is_alnum(c) || c == '-' || c == '_' || c == ':';
}

/* True when s[0..n) equals the lower-case word, ignoring case. */
static bool equals_ci(const char *s, size_t n, const char *word)
{
    size_t i = 0;
    for (; i < n && word[i]; i++)
        if (lower(s[i]) != word[i])
            return false;
    return i == n && word[i] == '\0';
}

/* Parses the tag at s[pos] == '<'. Returns the position after its '>' (or
 * the end of input for a tag never closed), 0 when this '<' starts no
 * tag. */
static size_t parse_tag(const char *s, size_t len, size_t pos, tag *t)
{
    size_t i = pos + 1;
    memset(t, 0, sizeof *t);
    if (i < len && s[i] == '/') {
        t->closing = true;
        i++;
    }
    if (i >= len || !is_alpha(s[i]))
        return 0;
    size_t name_start = i;
    while (i < len && is_name_char(s[i]))
        i++;
    if (i - name_start < MAX_NAME)
        for (size_t j = name_start; j < i; j++)
            t->name[j - name_start] = lower(s[j]);
    while (i < len) {
        while (i < len && (is_space(s[i]) || s[i] == '/')) {
            t->self_closing = s[i] == '/';
            i++;
        }
        if (i >= len)
            break;
        if (s[i] == '>')
            return i + 1;
        t->self_closing = false;
        span name = { i, 0 };
        while (i < len && !is_space(s[i]) && s[i] != '=' && s[i] != '>' &&
               s[i] != '/')
            i++;
        if (i == name.off)
            i++; /* a stray '=' */
        name.len = i - name.off;
        while (i < len && is_space(s[i]))
            i++;
        span value = { i, 0 };
        if (i < len && s[i] == '=') {
            i++;
            while (i < len && is_space(s[i]))
                i++;
            if (i < len && (s[i] == '"' || s[i] == '\'')) {
                char quote = s[i++];
                value.off = i;
                while (i < len && s[i] != quote)
                    i++;
                value.len = i - value.off;
                if (i < len)
                    i++;
            } else {
                value.off = i;
                while (i < len && !is_space(s[i]) && s[i] != '>')
                    i++;
                value.len = i - value.off;
            }
        }
        if (t->nattrs < MAX_ATTRS) {
            t->attr_name[t->nattrs] = name;
            t->attr_value[t->nattrs] = value;
            t->nattrs++;
        }
    }
    return len;
}

/* The value of an attribute (name in lower case), or NULL. */
static const span *attr(const char *s, const tag *t, const char *name)
{
    for (size_t i = 0; i < t->nattrs; i++)
        if (equals_ci(s + t->attr_name[i].off, t->attr_name[i].len, name))
            return &t->attr_value[i];
    return NULL;
}

static bool attr_is(const char *s, const tag *t, const char *name,
                    const char *value)
{
    const span *v = attr(s, t, name);
    return v && equals_ci(s + v->off, v->len, value);
}

/* Where the element `name` (dropped, or raw text) ends: the position after
 * its closing tag, or the end of input. */
static size_t skip_element(const char *s, size_t len, size_t pos,
                           const char *name, size_t *content_end)
{
    size_t n = strlen(name);
    for (size_t i = pos; i + 2 + n <= len; i++) {
        if (s[i] != '<' || s[i + 1] != '/' || !equals_ci(s + i + 2, n, name))
            continue;
        if (i + 2 + n < len && is_name_char(s[i + 2 + n]))
            continue;
        *content_end = i;
        const char *gt = memchr(s + i, '>', len - i);
        return gt ? (size_t)(gt - s) + 1 : len;
    }
    *content_end = len;
    return len;
}

/* ---- the stripper ---- */

typedef struct stripper {
    const char *s;
    size_t len;
    sink out;
    gm_buf *title;
    bool have_title;
    gm_buf *date;
    int date_rank;       /* 0 none, 1 <time>, 2 a date meta, 3 published */
    char charset[40];    /* declared charset, lower case, "" if none */
} stripper;

/* Element kinds by name. */
enum { EL_OTHER, EL_DROP, EL_TITLE, EL_META, EL_TIME, EL_PARA, EL_LINE,
       EL_CELL };

static int element_kind(const char *name, bool *self_closing_ok)
{
    static const char *const drop[] = { "script", "style", "noscript",
                                        "template", "iframe", "textarea",
                                        "svg", "math" };
    static const char *const para[] = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "article",
        "section", "header", "footer", "blockquote", "pre", "ul", "ol",
        "dl", "table", "main", "nav", "aside", "figure", "hr", "form",
        "fieldset", "address", "body"
    };
    static const char *const line[] = { "br", "li", "tr", "dt", "dd",
                                        "figcaption", "caption", "summary",
                                        "details", "thead", "tbody",
                                        "tfoot" };
    *self_closing_ok = false;
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        if (strcmp(name, drop[i]) == 0) {
            *self_closing_ok = i >= 6; /* svg and math are XML */
            return EL_DROP;
        }
    for (size_t i = 0; i < sizeof para / sizeof para[0]; i++)
        if (strcmp(name, para[i]) == 0)
            return EL_PARA;
    for (size_t i = 0; i < sizeof line / sizeof line[0]; i++)
        if (strcmp(name, line[i]) == 0)
            return EL_LINE;
    if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
        return EL_CELL;
    if (strcmp(name, "title") == 0)
        return EL_TITLE;
    if (strcmp(name, "meta") == 0)
        return EL_META;
    if (strcmp(name, "time") == 0)
        return EL_TIME;
    return EL_OTHER;
}

/* Sets the date from an attribute value when rank beats the one held. */
static void offer_date(stripper *st, const span *v, int rank)
{
    if (!v || rank <= st->date_rank)
        return;
    gm_buf_clear(st->date);
    sink k = { st->date, BREAK_NONE };
    sink_text(&k, st->s + v->off, v->len);
    if (st->date->len > 0)
        st->date_rank = rank;
}

static void set_charset(stripper *st, const char *p, size_t n)
{
    if (st->charset[0])
        return;
    while (n && is_space(*p))
        p++, n--;
    while (n && (is_space(p[n - 1]) || p[n - 1] == '"' || p[n - 1] == '\''))
        n--;
    if (n >= sizeof st->charset)
        n = sizeof st->charset - 1;
    for (size_t i = 0; i < n; i++)
        st->charset[i] = lower(p[i]);
    st->charset[n] = '\0';
}

static void handle_meta(stripper *st, const tag *t)
{
    const char *s = st->s;
    const span *charset = attr(s, t, "charset");
    if (charset)
        set_charset(st, s + charset->off, charset->len);
    const span *content = attr(s, t, "content");
    if (!content)
        return;
    if (attr_is(s, t, "http-equiv", "content-type")) {
        /* content="text/html; charset=windows-1252" */
        for (size_t i = 0; i + 8 <= content->len; i++)
            if (equals_ci(s + content->off + i, 8, "charset=")) {
                set_charset(st, s + content->off + i + 8,
                            content->len - i - 8);
                break;
            }
        return;
    }
    static const char *const published[] = { "article:published_time",
                                             "datepublished" };
    static const char *const dated[] = { "pubdate", "publishdate", "date",
                                         "dc.date", "dc.date.issued",
                                         "og:published_time" };
    static const char *const keys[] = { "property", "name", "itemprop" };
    for (size_t k = 0; k < 3; k++) {
        const span *key = attr(s, t, keys[k]);
        if (!key)
            continue;
        for (size_t i = 0; i < 2; i++)
            if (equals_ci(s + key->off, key->len, published[i]))
                offer_date(st, content, 3);
        for (size_t i = 0; i < sizeof dated / sizeof dated[0]; i++)
            if (equals_ci(s + key->off, key->len, dated[i]))
                offer_date(st, content, 2);
    }
}

/* Acts on a tag that ended at *pos; may move *pos past the element. */
static void handle_tag(stripper *st, const tag *t, size_t *pos)
{
    bool self_closing_ok = false;
    int kind = element_kind(t->name, &self_closing_ok);
    if (t->closing) {
        if (kind == EL_PARA)
            sink_break(&st->out, BREAK_PARA);
        else if (kind == EL_LINE)
            sink_break(&st->out, BREAK_LINE);
        else if (kind == EL_CELL)
            sink_break(&st->out, BREAK_SPACE);
        return;
    }
    size_t content_end = 0;
    switch (kind) {
    case EL_DROP:
        if (!(t->self_closing && self_closing_ok))
            *pos = skip_element(st->s, st->len, *pos, t->name, &content_end);
        break;
    case EL_TITLE: {
        size_t start = *pos;
        *pos = skip_element(st->s, st->len, *pos, "title", &content_end);
        if (!st->have_title) {
            sink k = { st->title, BREAK_NONE };
            sink_text(&k, st->s + start, content_end - start);
            st->have_title = st->title->len > 0;
        }
        break;
    }
    case EL_META:
        handle_meta(st, t);
        break;
    case EL_TIME:
        if (attr_is(st->s, t, "itemprop", "datepublished"))
            offer_date(st, attr(st->s, t, "datetime"), 3);
        offer_date(st, attr(st->s, t, "datetime"), 1);
        break;
    case EL_PARA:
        sink_break(&st->out, BREAK_PARA);
        break;
    case EL_LINE:
        sink_break(&st->out, BREAK_LINE);
        break;
    case EL_CELL:
        sink_break(&st->out, BREAK_SPACE);
        break;
    default:
        break;
    }
}

static bool starts_with(const char *s, size_t len, size_t pos,
                        const char *prefix)
{
    size_t n = strlen(prefix);
    return pos + n <= len && memcmp(s + pos, prefix, n) == 0;
}

/* Skips past the first `end` at or after pos; the end of input if none. */
static size_t skip_past(const char *s, size_t len, size_t pos,
                        const char *end, size_t *content_end)
{
    size_t n = strlen(end);
    for (size_t i = pos; i + n <= len; i++)
        if (memcmp(s + i, end, n) == 0) {
            *content_end = i;
            return i + n;
        }
    *content_end = len;
    return len;
}

static void strip(stripper *st)
{
    const char *s = st->s;
    size_t len = st->len;
    size_t pos = 0;
    while (pos < len) {
        const char *lt = memchr(s + pos, '<', len - pos);
        size_t end = lt ? (size_t)(lt - s) : len;
        sink_text(&st->out, s + pos, end - pos);
        pos = end;
        if (pos >= len)
            break;
        size_t content_end = 0;
        if (starts_with(s, len, pos, "<!--")) {
            pos = skip_past(s, len, pos + 4, "-->", &content_end);
        } else if (starts_with(s, len, pos, "<![CDATA[")) {
            size_t start = pos + 9;
            pos = skip_past(s, len, start, "]]>", &content_end);
            sink_put(&st->out, s + start, content_end - start);
        } else if (starts_with(s, len, pos, "<!") ||
                   starts_with(s, len, pos, "<?")) {
            pos = skip_past(s, len, pos + 2, ">", &content_end);
        } else {
            tag t;
            size_t after = parse_tag(s, len, pos, &t);
            if (after == 0) {
                sink_put(&st->out, "<", 1);
                pos++;
                continue;
            }
            pos = after;
            handle_tag(st, &t, &pos);
        }
    }
}

/* ---- the source ---- */

static bool charset_is_utf8(const char *charset)
{
    return !*charset || strcmp(charset, "utf-8") == 0 ||
           strcmp(charset, "utf8") == 0 || strcmp(charset, "us-ascii") == 0 ||
           strcmp(charset, "ascii") == 0;
}

static gm_status html_next(gm_io_src *base, const gm_article **article,
                           gm_error *err)
{
    html_src *src = (html_src *)base;
    *article = NULL;
    if (src->done)
        return GM_OK;
    src->done = true;
    const char *path = src->err_path;
    size_t max = src->cfg->max_bytes;
    size_t raw_max = max > SIZE_MAX / RAW_FACTOR ? SIZE_MAX : max * RAW_FACTOR;

    struct stat sb;
    if (fstat(fileno(src->fp), &sb) == 0 && S_ISREG(sb.st_mode) &&
        (uintmax_t)sb.st_size > raw_max) {
        base->reason = "too long";
        return gm_err_set(err, GM_E_INPUT, path, 0,
                          "HTML file is %zu bytes, more than the limit of %zu",
                          (size_t)sb.st_size, raw_max);
    }
    size_t total = 0;
    gm_status status =
        gm_io_slurp(src->fp, raw_max, &src->raw, &total, path, err);
    if (status != GM_OK) {
        base->reason = "unreadable file";
        return status;
    }
    if (total > raw_max) {
        base->reason = "too long";
        return gm_err_set(err, GM_E_INPUT, path, 0,
                          "HTML file is %zu bytes, more than the limit of %zu",
                          total, raw_max);
    }
    const char *raw = src->raw.data;
    size_t len = src->raw.len;
    size_t bom = len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (len == bom) {
        base->reason = "empty file";
        return gm_err_set(err, GM_E_INPUT, path, 0, "empty file");
    }
    if (len >= 2 && (memcmp(raw, "\xFF\xFE", 2) == 0 ||
                     memcmp(raw, "\xFE\xFF", 2) == 0)) {
        base->reason = "UTF-16";
        return gm_err_set(err, GM_E_INPUT, path, 0,
                          "UTF-16 text is not supported; convert to UTF-8");
    }
    const char *nul = memchr(raw, '\0', len);
    if (nul) {
        size_t at = (size_t)(nul - raw);
        base->reason = "binary file";
        gm_err_set(err, GM_E_INPUT, path, 0,
                   "binary file (NUL byte at offset %zu)", at);
        if (err)
            err->offset = (long)at;
        return GM_E_INPUT;
    }

    /* --lossy: the page with its bad bytes replaced, before the markup is
     * read, so that the text and the title come out valid. */
    size_t bad = 0, repaired = 0;
    if (src->cfg->lossy && !gm_utf8_validate(raw + bom, len - bom, &bad)) {
        gm_buf_clear(&src->fixed);
        repaired = gm_io_repair_utf8(raw + bom, len - bom, &src->fixed);
        raw = src->fixed.data;
        len = src->fixed.len;
        bom = 0;
    }

    gm_buf_clear(&src->text);
    gm_buf_clear(&src->title);
    gm_buf_clear(&src->date);
    stripper st;
    memset(&st, 0, sizeof st);
    st.s = raw + bom;
    st.len = len - bom;
    st.out.buf = &src->text;
    st.title = &src->title;
    st.date = &src->date;
    strip(&st);

    if (!gm_utf8_validate(raw + bom, len - bom, &bad)) {
        base->reason = "invalid UTF-8";
        if (charset_is_utf8(st.charset))
            gm_err_set(err, GM_E_INPUT, path, 0, "invalid UTF-8 at byte %zu",
                       bom + bad);
        else
            gm_err_set(err, GM_E_INPUT, path, 0,
                       "invalid UTF-8 at byte %zu (the page declares charset "
                       "%s; convert it to UTF-8)",
                       bom + bad, st.charset);
        if (err)
            err->offset = (long)(bom + bad);
        return GM_E_INPUT;
    }
    if (src->text.len == 0) {
        base->reason = "no text";
        return gm_err_set(err, GM_E_INPUT, path, 0,
                          "no text left after removing the markup");
    }
    if (src->text.len > max) {
        base->reason = "too long";
        return gm_err_set(err, GM_E_INPUT, path, 0,
                          "article is %zu bytes, more than the limit of %zu",
                          src->text.len, max);
    }

    gm_article *art = &src->art;
    memset(art, 0, sizeof *art);
    art->id = src->id;
    art->text = src->text.data;
    art->text_len = src->text.len;
    art->title = src->title.len ? src->title.data : NULL;
    art->date = src->date.len ? src->date.data : NULL;
    art->path = src->path;
    base->repaired = repaired;
    *article = art;
    return GM_OK;
}

static void html_close(gm_io_src *base)
{
    html_src *src = (html_src *)base;
    gm_io_fclose(src->fp);
    free(src->path);
    free(src->err_path);
    free(src->id);
    gm_buf_free(&src->raw);
    gm_buf_free(&src->fixed);
    gm_buf_free(&src->text);
    gm_buf_free(&src->title);
    gm_buf_free(&src->date);
    free(src);
}

static const gm_io_src_ops html_ops = { html_next, html_close };

gm_status gm_io_html_open(const gm_io_file *file, const gm_io_cfg *cfg,
                          gm_io_src **out, gm_error *err)
{
    (void)err;
    html_src *src = gm_xcalloc(1, sizeof *src);
    src->base.ops = &html_ops;
    src->cfg = cfg;
    src->fp = file->fp;
    src->path = gm_xstrdup(file->path);
    src->err_path = gm_xstrdup(file->err_path);
    src->id = gm_xstrdup(file->id);
    *out = &src->base;
    return GM_OK;
}
