/* The direct GeoJSONSeq writer: GDAL 3.6's bytes (see geojsonseq.h for
 * what they are and why), formatted straight into a large buffer that
 * leaves in one write(2). Choosing it, and everything around the file
 * (temporary name, styles, -append), is export.c's. */
#include "exports/geojsonseq.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "core/alloc.h"
#include "core/ascii.h"

__extension__ typedef unsigned __int128 u128;

/* What json-c writes around the members, with JSON_C_TO_STRING_SPACED
 * (json_object_to_json_string's default, which GDAL uses). */
static const char feature_head[] = "{ \"type\": \"Feature\", \"properties\": {";
static const char properties_end[] = " }, \"geometry\": ";
static const char point_head[] = "{ \"type\": \"Point\", \"coordinates\": [ ";
static const char point_end[] = " ] } }\n";
static const char no_point_end[] = "null }\n";

#define LIT(s) (s), (sizeof(s) - 1)

/* Keys are copied in chunks of this many bytes, their storage padded to
 * it (the buffer's room covers the padding). */
#define KEY_CHUNK 32

/* What writing one field takes, gathered at open. */
typedef struct field_op {
    size_t offset;       /* of the member in the record */
    gm_field_kind kind;
    size_t max_bytes;    /* the plan's */
    char *key;           /* [","] " \"name\": ", zeros up to a multiple of
                            KEY_CHUNK */
    size_t key_len;
} field_op;

/* Texts of recent points and reals, by their bits: a place's point comes
 * again with each of its mentions and events, and a place's score often
 * with them. Direct-mapped, CACHE_SLOTS a kind, indexed by the top
 * CACHE_BITS of a multiplicative hash: 2,048 slots keep the places of a
 * few thousand articles (256 missed two points in five). */
#define CACHE_BITS 11
#define CACHE_SLOTS (1 << CACHE_BITS)
#define POINT_TEXT 48 /* "x, y" that fits is kept */
#define REAL_TEXT 32

typedef struct point_text {
    uint64_t x, y;      /* bits; a slot never written has two NaN keys,
                           which no point written has */
    unsigned char len;
    char text[POINT_TEXT];
} point_text;

typedef struct real_text {
    uint64_t v;         /* bits; NaN (never written) when empty */
    unsigned char len;
    char text[REAL_TEXT];
} real_text;

struct gm_geojsonseq {
    int fd;              /* -1 for standard output */
    char *name;          /* for messages */
    const gm_layer_def *def;
    gm_field_plan *plans;
    field_op *ops;       /* per field */
    /* The most bytes a feature takes besides its strings (RS, the frame,
     * keys, numbers, nulls): reserved when a feature
     * starts and again after each string, so that keys and numbers go in
     * without a check each. */
    size_t room;
    point_text *points; /* CACHE_SLOTS each */
    real_text *reals;
    long *truncated;
    char *buf;
    size_t len, cap;
    size_t threshold;    /* write out once len reaches it */
    bool rs;
    bool failed;         /* a write failed: nothing more goes out */
};

/* NAME=VALUE (or NAME:VALUE) split as GDAL's CPLParseNameValue splits
 * it: the name before the first '=' or ':' less the spaces and tabs that
 * end it (*name_len bytes of s), the value after it less those that start
 * it. False when s has neither separator. GDAL is not called: a direct
 * output must not load it (gdal_lazy.h). */
static bool split_option(const char *s, size_t *name_len, const char **value)
{
    size_t n = strcspn(s, "=:");
    if (!s[n])
        return false;
    const char *v = s + n + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *name_len = n;
    *value = v;
    return true;
}

/* Whether the n bytes at s are name, ASCII case aside (GDAL's EQUAL). */
static bool option_is(const char *s, size_t n, const char *name)
{
    if (strlen(name) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char a = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
        if (a != name[i])
            return false;
    }
    return true;
}

/* lco is read as CSLSetNameValue would merge it, a later value of a name
 * (ASCII case aside) over an earlier one, so that export.c may pass the
 * driver's options followed by the user's, without GDAL. */
bool gm_geojsonseq_accepts(const char *const *lco, int *rs)
{
    static const char *const bools[] = { "YES", "NO", "TRUE", "FALSE",
                                         "ON", "OFF", "1", "0", NULL };
    static const char *const falses[] = { "NO", "FALSE", "OFF", "0", NULL };
    if (rs)
        *rs = -1;
    const char *precision = NULL, *rs_value = NULL;
    for (size_t i = 0; lco && lco[i]; i++) {
        size_t n;
        const char *value;
        if (!split_option(lco[i], &n, &value))
            return false;
        if (option_is(lco[i], n, "COORDINATE_PRECISION"))
            precision = value;
        else if (option_is(lco[i], n, "RS"))
            rs_value = value;
        else
            return false;
    }
    /* GDAL reads the precision with atoi and checks it is an integer: only
     * the plain spelling is taken here, the rest goes to GDAL. */
    if (precision && strcmp(precision, "6") != 0)
        return false;
    if (rs_value) {
        bool ok = false;
        for (size_t b = 0; bools[b] && !ok; b++)
            ok = gm_ascii_eq(rs_value, bools[b]);
        if (!ok)
            return false;
        if (rs) {
            /* CPLTestBool: true unless one of the false spellings. */
            *rs = 1;
            for (size_t b = 0; falses[b]; b++)
                if (gm_ascii_eq(rs_value, falses[b]))
                    *rs = 0;
        }
    }
    return true;
}

/* ---- numbers ------------------------------------------------------------ */

static const uint64_t pow10_u64[] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
    10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
    100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
    100000000000000000ULL, 1000000000000000000ULL,
    10000000000000000000ULL
};

/* The eight digits of v < 10^8, leading zeros included, as a word whose
 * lowest byte is the first digit: v split in halves by 10^4, the halves
 * into pairs, the pairs into digits, the lanes of each step side by side
 * in one word (x * 10486 >> 20 is x / 100 for every x < 10^4, and
 * x * 103 >> 10 is x / 10 for every x < 100; test_geojsonseq writes every
 * integer below 10^5). */
static inline uint64_t digits8(uint32_t v)
{
    uint64_t x = v / 10000 | (uint64_t)(v % 10000) << 32;
    uint64_t q = (x * 10486 >> 20) & UINT64_C(0x0000007f0000007f);
    x = q | (x - q * 100) << 16;
    q = (x * 103 >> 10) & UINT64_C(0x000f000f000f000f);
    x = q | (x - q * 10) << 8;
    return x | UINT64_C(0x3030303030303030);
}

/* The 8 bytes of x at o, lowest first. */
static inline void store8(char *o, uint64_t x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(o, &x, sizeof x);
#else
    for (int k = 0; k < 8; k++)
        o[k] = (char)(x >> (8 * k));
#endif
}

/* The n digits of v (1 <= n <= 20, v < 10^n; leading zeros written), into
 * out, which must have room for 8 bytes when n is less: eight digits a
 * store, the leading ones (1 to 8, shifted into place, zeros after them)
 * first, each later store over the zeros of the one before. */
static void put_digits(uint64_t v, size_t n, char *out)
{
    const uint32_t e8 = 100000000;
    if (n <= 8) {
        store8(out, digits8((uint32_t)v) >> (8 * (8 - n)));
    } else if (n <= 16) {
        store8(out, digits8((uint32_t)(v / e8)) >> (8 * (16 - n)));
        store8(out + n - 8, digits8((uint32_t)(v % e8)));
    } else {
        uint64_t high = v / e8;
        store8(out, digits8((uint32_t)(high / e8)) >> (8 * (24 - n)));
        store8(out + n - 16, digits8((uint32_t)(high % e8)));
        store8(out + n - 8, digits8((uint32_t)(v % e8)));
    }
}

/* Decimal digits of v (no sign), into out (room for 8 bytes at least, as
 * put_digits needs); returns the count: from v's bit length b,
 * t = floor(b * 1233 / 4096) (1233 / 4096 a little under log10(2)), the
 * digits of 10^t less one when v is below 10^t. */
static size_t put_u64(uint64_t v, char *out)
{
    unsigned bits = 64 - (unsigned)__builtin_clzll(v | 1);
    size_t t = (bits * 1233) >> 12;
    size_t n = t + 1 - ((v | 1) < pow10_u64[t]);
    put_digits(v, n, out);
    return n;
}

static size_t put_i64(int64_t v, char *out)
{
    if (v >= 0)
        return put_u64((uint64_t)v, out);
    out[0] = '-';
    return 1 + put_u64(0 - (uint64_t)v, out + 1);
}

/* printf("%.*f", precision, v), correctly rounded (ties to even, as glibc
 * rounds the exact binary value) with integer arithmetic: v = m * 2^e, and
 * m * 10^precision shifted right by -e with the bits shifted out deciding
 * the rounding. 0 when v is outside the range done this way (|v| >= 2^52
 * or a result of 18 digits or more; then snprintf does it). */
static size_t fixed_fast(double v, int precision, char *out)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int biased = (int)((bits >> 52) & 0x7ff);
    uint64_t m = bits & ((1ULL << 52) - 1);
    if (biased == 0x7ff)
        return 0;
    int e = biased ? biased - 1075 : -1074;
    if (biased)
        m |= 1ULL << 52;
    uint64_t q = 0;
    if (m) {
        if (e >= 0)
            return 0;
        unsigned s = (unsigned)-e;
        u128 n = (u128)m * pow10_u64[precision]; /* < 2^110 */
        if (s < 120) {
            u128 whole = n >> s;
            u128 rest = n & (((u128)1 << s) - 1);
            u128 half = (u128)1 << (s - 1);
            if (whole >= (u128)pow10_u64[18])
                return 0;
            q = (uint64_t)whole;
            if (rest > half || (rest == half && (q & 1)))
                q++;
        } /* else n < 2^110 < half: rounds to 0 */
    }
    size_t len = 0;
    if (bits >> 63)
        out[len++] = '-';
    uint64_t scale = pow10_u64[precision];
    len += put_u64(q / scale, out + len);
    if (precision > 0) {
        out[len++] = '.';
        put_digits(q % scale, (size_t)precision, out + len);
        len += (size_t)precision;
    }
    return len;
}

/* Adds one to the last digit of s[0..n) (a fixed-point number, sign and
 * point allowed), carrying; returns the new length. OGR's roundup(). */
static size_t roundup(char *s, size_t n)
{
    size_t start = s[0] == '-';
    for (size_t pos = n; pos-- > start;) {
        if (s[pos] == '.')
            continue;
        if (++s[pos] != ':')
            break;
        s[pos] = '0';
        if (pos == start) {
            memmove(s + start + 1, s + start, n - start);
            s[start] = '1';
            n++;
        }
    }
    return n;
}

/* OGR's intelliround(): a long fixed-point string ending in 00000x or
 * 99999x (and, with more than 8 decimals, two longer patterns) is taken
 * for a binary-to-decimal artefact and cut. s[0..n) has its point at
 * idot and no exponent. Returns the new length; s has room for one more
 * character. */
static size_t intelliround_at(char *s, size_t n, size_t idot)
{
    size_t before = idot - 1;
    if (s[0] == '-')
        before--;
    size_t i = n;
    if (i <= 10)
        return n;
    if (s[i - 2] == '0' && s[i - 3] == '0' && s[i - 4] == '0' &&
        s[i - 5] == '0' && s[i - 6] == '0')
        return n - 1;
    if (idot < i - 8 && (before >= 4 || s[i - 3] == '0') &&
        (before >= 5 || s[i - 4] == '0') &&
        (before >= 6 || s[i - 5] == '0') &&
        (before >= 7 || s[i - 6] == '0') &&
        (before >= 8 || s[i - 7] == '0') && s[i - 8] == '0' &&
        s[i - 9] == '0')
        return n - 8;
    if (s[i - 2] == '9' && s[i - 3] == '9' && s[i - 4] == '9' &&
        s[i - 5] == '9' && s[i - 6] == '9')
        return roundup(s, i - 6);
    if (idot < i - 9 && (before >= 4 || s[i - 3] == '9') &&
        (before >= 5 || s[i - 4] == '9') &&
        (before >= 6 || s[i - 5] == '9') &&
        (before >= 7 || s[i - 6] == '9') &&
        (before >= 8 || s[i - 7] == '9') && s[i - 8] == '9' &&
        s[i - 9] == '9')
        return roundup(s, i - 9);
    return n;
}

/* intelliround_at of any fixed-point string: nothing without a point, or
 * with an exponent. */
static size_t intelliround(char *s, size_t n)
{
    const char *dot = memchr(s, '.', n);
    if (!dot || memchr(s, 'e', n) || memchr(s, 'E', n))
        return n;
    return intelliround_at(s, n, (size_t)(dot - s));
}

/* CPLsnprintf's numbers have a '.' whatever the locale. */
static void c_locale_point(char *s)
{
    for (; *s; s++)
        if (*s == ',')
            *s = '.';
}

size_t gm_geojsonseq_coord(double v, int precision, char *out)
{
    if (precision < 0)
        precision = 0;
    if (precision > 17)
        precision = 17;
    /* OGR_json_double_with_precision_to_string: huge values as %.18g. */
    if (fabs(v) > 1e50 && !isinf(v)) {
        int n = snprintf(out, GM_GEOJSONSEQ_NUMBER_SIZE, "%.18g", v);
        c_locale_point(out);
        return (size_t)n;
    }
    if (isinf(v) || isnan(v)) { /* OGRFormatDouble's spellings */
        const char *t = isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
        size_t n = strlen(t);
        memcpy(out, t, n + 1);
        return n;
    }
    size_t n = fixed_fast(v, precision, out);
    if (n) {
        /* fixed_fast's layout: the point, when any, precision bytes from
         * the end; no exponent. */
        if (precision == 0) {
            out[n] = '\0';
            return n;
        }
        n = intelliround_at(out, n, n - (size_t)precision - 1);
        while (out[n - 1] == '0')
            n--;
        if (out[n - 1] == '.')
            out[n++] = '0';
        out[n] = '\0';
        return n;
    }
    /* |v| <= 1e50: at most 51 digits, the point and 17 decimals. */
    char wide[96];
    int w = snprintf(wide, sizeof wide, "%.*f", precision, v);
    c_locale_point(wide);
    n = (size_t)w < GM_GEOJSONSEQ_NUMBER_SIZE - 4
            ? (size_t)w
            : GM_GEOJSONSEQ_NUMBER_SIZE - 4;
    memcpy(out, wide, n);
    n = intelliround(out, n);
    /* removeTrailingZeros(): down to one zero after the point. */
    if (memchr(out, '.', n)) {
        while (out[n - 1] == '0')
            n--;
        if (out[n - 1] == '.')
            out[n++] = '0';
    }
    out[n] = '\0';
    return n;
}

static u128 pow10_u128(int k)
{
    return k <= 18 ? (u128)pow10_u64[k]
                   : (u128)pow10_u64[18] * pow10_u64[k - 18];
}

/* Decimal exponents of the fast %g: below, snprintf does it. */
static const double g_fast_min = 1e-5, g_fast_max = 1e12;

/* snprintf(out, size, "%.*g", p, v) (p 1 to 17) for v zero or 1e-5 <=
 * |v| < 1e12, exactly: the p digits are |v| * 10^k rounded (ties to even,
 * as glibc rounds the binary value), computed as m * 10^k >> -e in 128
 * bits, the exponent estimate corrected until they are p digits; then
 * %g's layout (%e style below 1e-4 or from 10^p, %f style else, trailing
 * zeros and a bare point dropped). Returns the length, or 0 when v is
 * outside that range. */
static size_t g_fast(double v, int p, char *out)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    size_t len = 0;
    if (bits >> 63)
        out[len++] = '-';
    double a = fabs(v);
    if (a == 0) {
        out[len++] = '0';
        out[len] = '\0';
        return len;
    }
    if (!(a >= g_fast_min && a < g_fast_max))
        return 0;
    /* normal, and e < 0: 2^-17 < a < 2^40 */
    uint64_t m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
    unsigned s = (unsigned)(1075 - (int)((bits >> 52) & 0x7ff));
    /* floor(log10(a)), estimated as floor(log10(2^e2)), that or one
     * less, then corrected */
    int e2 = (int)((bits >> 52) & 0x7ff) - 1023;
    int x = e2 >= 0 ? (e2 * 1233) >> 12 : -((-e2 * 1233 + 4095) >> 12);
    uint64_t lo = pow10_u64[p - 1], hi = pow10_u64[p], q;
    for (;;) {
        if (p - 1 - x < 0)
            return 0; /* 10^-k: printf's */
        u128 n = (u128)m * pow10_u128(p - 1 - x); /* < 2^127 */
        u128 whole = n >> s;
        if (whole >= hi) {
            x++;
            continue;
        }
        if (whole < lo) {
            x--;
            continue;
        }
        u128 rest = n & (((u128)1 << s) - 1);
        u128 half = (u128)1 << (s - 1);
        q = (uint64_t)whole;
        if (rest > half || (rest == half && (q & 1)))
            q++;
        if (q == hi) { /* rounded up to the next power of ten */
            q = lo;
            x++;
        }
        break;
    }
    char d[17];
    put_digits(q, (size_t)p, d);
    int last = p - 1; /* the last digit kept: trailing zeros go */
    while (last > 0 && d[last] == '0')
        last--;
    if (x < -4 || x >= p) {
        out[len++] = d[0];
        if (last > 0) {
            out[len++] = '.';
            memcpy(out + len, d + 1, (size_t)last);
            len += (size_t)last;
        }
        out[len++] = 'e';
        out[len++] = x < 0 ? '-' : '+';
        int ax = x < 0 ? -x : x;
        if (ax >= 100)
            out[len++] = (char)('0' + ax / 100);
        out[len++] = (char)('0' + ax / 10 % 10);
        out[len++] = (char)('0' + ax % 10);
    } else if (x >= 0) {
        memcpy(out + len, d, (size_t)x + 1);
        len += (size_t)x + 1;
        if (last > x) {
            out[len++] = '.';
            memcpy(out + len, d + x + 1, (size_t)(last - x));
            len += (size_t)(last - x);
        }
    } else {
        out[len++] = '0';
        out[len++] = '.';
        for (int i = 0; i < -x - 1; i++)
            out[len++] = '0';
        memcpy(out + len, d, (size_t)last + 1);
        len += (size_t)last + 1;
    }
    out[len] = '\0';
    return len;
}

size_t gm_geojsonseq_g(double v, int p, char *out)
{
    size_t n = g_fast(v, p, out);
    if (!n) {
        n = (size_t)snprintf(out, GM_GEOJSONSEQ_NUMBER_SIZE, "%.*g", p, v);
        c_locale_point(out);
    }
    return n;
}

/* Whether s (from a number's point to its end) holds six 0s or six 9s in
 * a row. */
static bool has_run(const char *s)
{
    int run = 0;
    char prev = 0;
    for (; *s; s++) {
        if (*s != '0' && *s != '9')
            run = 0;
        else if (*s == prev)
            run++;
        else
            run = 1;
        if (run == 6)
            return true;
        prev = *s;
    }
    return false;
}

size_t gm_geojsonseq_real(double v, char *out)
{
    /* OGR_json_double_with_significant_figures_to_string, 17 figures. */
    const size_t size = GM_GEOJSONSEQ_NUMBER_SIZE;
    size_t n = gm_geojsonseq_g(v, 17, out);
    const char *dot = memchr(out, '.', n);
    if (dot && has_run(dot)) {
        bool ok = false;
        for (int i = 1; i <= 3 && !ok; i++) {
            n = gm_geojsonseq_g(v, 17 - i, out);
            dot = memchr(out, '.', n);
            ok = dot && !has_run(dot);
        }
        if (!ok) {
            n = gm_geojsonseq_g(v, 17, out);
            dot = memchr(out, '.', n);
        }
    }
    if (n + 2 < size && !dot && !memchr(out, 'e', n)) {
        out[n++] = '.';
        out[n++] = '0';
        out[n] = '\0';
    }
    return n;
}

/* ---- the buffer --------------------------------------------------------- */

static void reserve(gm_geojsonseq *w, size_t more)
{
    if (w->len + more > w->cap)
        gm_xgrow((void **)&w->buf, &w->cap, w->len + more, 1);
}

static void put(gm_geojsonseq *w, const char *s, size_t n)
{
    reserve(w, n);
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static gm_status write_fail(gm_geojsonseq *w, int errnum, gm_error *err)
{
    w->failed = true;
    /* Files say it as export.c's check of what GDAL's drivers wrote. */
    gm_status st = gm_err_set(err, GM_E_IO, w->name, 0, "%s: %s",
                              w->fd < 0 ? "cannot write the features"
                                        : "the file was not written "
                                          "completely",
                              strerror(errnum));
    if (err)
        err->sys_errno = errnum;
    return st;
}

/* Writes the buffer out and empties it. */
static gm_status flush(gm_geojsonseq *w, gm_error *err)
{
    if (w->failed)
        return gm_err_set(err, GM_E_IO, w->name, 0,
                          "cannot write the features: an earlier write "
                          "failed");
    if (w->fd < 0) {
        errno = 0;
        if ((w->len && fwrite(w->buf, 1, w->len, stdout) != w->len) ||
            fflush(stdout) != 0)
            return write_fail(w, errno ? errno : EIO, err);
        w->len = 0;
        return GM_OK;
    }
    size_t done = 0;
    while (done < w->len) {
        ssize_t n = write(w->fd, w->buf + done, w->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return write_fail(w, n < 0 ? errno : ENOSPC, err);
        done += (size_t)n;
    }
    w->len = 0;
    return GM_OK;
}

/* ---- values ------------------------------------------------------------- */

/* Bytes json-c's json_escape_str writes for each byte: 0 as is, 'u' for
 * \u00xx, else the letter after the backslash. */
static const char escape_as[256] = {
    ['\b'] = 'b', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't', ['\f'] = 'f',
    ['"'] = '"', ['\\'] = '\\', ['/'] = '/',
    [0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u',
    [0x05] = 'u', [0x06] = 'u', [0x07] = 'u', [0x0b] = 'u', [0x0e] = 'u',
    [0x0f] = 'u', [0x10] = 'u', [0x11] = 'u', [0x12] = 'u', [0x13] = 'u',
    [0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u', [0x18] = 'u',
    [0x19] = 'u', [0x1a] = 'u', [0x1b] = 'u', [0x1c] = 'u', [0x1d] = 'u',
    [0x1e] = 'u', [0x1f] = 'u',
};

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Whether one of the 8 bytes of x is one escape_as escapes: below 0x20,
 * '"', '\\' or '/' (a byte b < 0x80 is c when b ^ c minus 1 borrows, and
 * below 0x20 when b minus 0x20 does; b ^ c has b's high bit, ~x stands for
 * ~(x ^ c)). A byte's test may borrow from the byte below it, so the
 * flags past the first hit can be wrong, but the answer for the whole
 * word is exact. */
static bool word_needs_escape(uint64_t x)
{
    uint64_t quote = x ^ (ONES * '"');
    uint64_t backslash = x ^ (ONES * '\\');
    uint64_t slash = x ^ (ONES * '/');
    uint64_t hit = ((x - ONES * 0x20) | (quote - ONES) |
                    (backslash - ONES) | (slash - ONES)) &
                   ~x;
    return (hit & HIGHS) != 0;
}

/* Copies s[0..len) to o when none of its bytes needs an escape: true.
 * Else false, with *done bytes copied (a multiple of 8), none of which
 * needs one. Words of eight bytes, the last overlapping the one before;
 * a string of four to seven bytes as two overlapping words of four, a
 * shorter one as its first, middle and last byte. */
static bool copy_plain(char *o, const char *s, size_t len, size_t *done)
{
    *done = 0;
    if (len >= 8) {
        uint64_t x;
        size_t i = 0;
        for (; len - i > 8; i += 8) {
            memcpy(&x, s + i, sizeof x);
            if (word_needs_escape(x)) {
                *done = i;
                return false;
            }
            memcpy(o + i, &x, sizeof x);
        }
        *done = i;
        memcpy(&x, s + len - 8, sizeof x);
        if (word_needs_escape(x))
            return false;
        memcpy(o + len - 8, &x, sizeof x);
        return true;
    }
    if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, s, sizeof a);
        memcpy(&b, s + len - 4, sizeof b);
        if (word_needs_escape((uint64_t)a | (uint64_t)b << 32))
            return false;
        memcpy(o, &a, sizeof a);
        memcpy(o + len - 4, &b, sizeof b);
        return true;
    }
    if (len == 0)
        return true;
    char a = s[0], b = s[len / 2], c = s[len - 1];
    if (escape_as[(unsigned char)a] | escape_as[(unsigned char)b] |
        escape_as[(unsigned char)c])
        return false;
    o[0] = a;
    o[len / 2] = b;
    o[len - 1] = c;
    return true;
}

/* The rest of a JSON string literal of s[0..len) whose first done bytes
 * are in the buffer, with the opening quote before them: escaped as
 * json-c does, byte by byte. */
static void put_escaped_from(gm_geojsonseq *w, const char *s, size_t len,
                             size_t done)
{
    static const char hex[] = "0123456789abcdef";
    char *o = w->buf + w->len + 1 + done;
    for (size_t i = done; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char e = escape_as[c];
        if (!e) {
            *o++ = (char)c;
            continue;
        }
        *o++ = '\\';
        if (e == 'u') {
            memcpy(o, "u00", 3);
            o[3] = hex[c >> 4];
            o[4] = hex[c & 0xf];
            o += 5;
        } else {
            *o++ = e;
        }
    }
    *o++ = '"';
    w->len = (size_t)(o - w->buf);
}

/* A JSON string literal of s[0..len), escaped as json-c does: copied as
 * it is when no byte needs an escape (most strings). */
static void put_escaped(gm_geojsonseq *w, const char *s, size_t len)
{
    reserve(w, 6 * len + 2);
    char *o = w->buf + w->len;
    size_t done;
    o[0] = '"';
    if (!copy_plain(o + 1, s, len, &done)) {
        put_escaped_from(w, s, len, done);
        return;
    }
    o[len + 1] = '"';
    w->len += len + 2;
}

/* GDAL 3.6 writes a string that looks like a JSON object or array as the
 * value json-c parses from it (its first complete value, trailing text
 * ignored), when json-c parses it. True when written so. */
static bool put_json_string(gm_geojsonseq *w, const char *s, size_t len)
{
    if (len > INT_MAX)
        return false;
    json_tokener *tok = json_tokener_new();
    if (!tok)
        return false;
    json_object *obj = json_tokener_parse_ex(tok, s, (int)len);
    bool ok = json_tokener_get_error(tok) == json_tokener_success && obj;
    if (ok) {
        const char *text =
            json_object_to_json_string_ext(obj, JSON_C_TO_STRING_SPACED);
        ok = text != NULL;
        if (ok)
            put(w, text, strlen(text));
    }
    json_object_put(obj);
    json_tokener_free(tok);
    return ok;
}

/* Whether GDAL 3.6 would try the n bytes at s as JSON (see below). */
static bool looks_like_json(const char *s, size_t len)
{
    return len > 0 && ((s[0] == '{' && s[len - 1] == '}') ||
                       (s[0] == '[' && s[len - 1] == ']'));
}

/* Field field's string s[0..len): cut to the plan's max_bytes, written as
 * JSON when it looks like JSON and parses, else as a string literal. */
static void put_string_len(gm_geojsonseq *w, size_t field, const char *s,
                           size_t len)
{
    size_t max = w->ops[field].max_bytes;
    bool cut_here = false;
    if (max && len > max) {
        len = gm_fields_utf8_fit(s, len, max);
        w->truncated[field]++;
        cut_here = true;
    }
    if (looks_like_json(s, len)) {
        if (!cut_here) {
            if (put_json_string(w, s, len))
                return;
        } else {
            char *cut = gm_xstrndup(s, len);
            bool done = put_json_string(w, cut, len);
            free(cut);
            if (done)
                return;
        }
    }
    put_escaped(w, s, len);
}

/* Bytes of a string copied one at a time while its end is looked for:
 * most strings (codes, names, ids) end within them. The buffer has room
 * for them and the quotes (a field's allowance, GM_GEOJSONSEQ_NUMBER_SIZE,
 * is more). */
#define SHORT_SCAN 16
_Static_assert(SHORT_SCAN + 2 <= GM_GEOJSONSEQ_NUMBER_SIZE &&
                   SHORT_SCAN % 4 == 0,
               "a short string fits in a field's allowance");

/* Field field's string s. A string that ends within SHORT_SCAN bytes and
 * needs no escape is measured in the pass that copies it, its NUL being
 * a byte that escape_as flags, and no byte past the NUL is read; the rest
 * are measured from where that pass stopped and written as before. */
static void put_string(gm_geojsonseq *w, size_t field, const char *s)
{
    char *o = w->buf + w->len + 1;
    size_t i = 0;
    unsigned char c = 1;
    /* four bytes a round: one test of the count for four */
    for (; i < SHORT_SCAN; i += 4) {
#define SCAN_BYTE(k)                                                         \
        c = (unsigned char)s[i + k];                                         \
        if (escape_as[c]) {                                                  \
            i += k;                                                          \
            break;                                                           \
        }                                                                    \
        o[i + k] = (char)c;
        SCAN_BYTE(0)
        SCAN_BYTE(1)
        SCAN_BYTE(2)
        SCAN_BYTE(3)
#undef SCAN_BYTE
    }
    size_t max = w->ops[field].max_bytes;
    if (c == '\0' && (!max || i <= max) && !looks_like_json(s, i)) {
        o[-1] = '"';
        o[i] = '"';
        w->len += i + 2;
        return;
    }
    /* s[i] is no NUL here, unless the loop stopped at it. */
    put_string_len(w, field, s, i + strlen(s + i));
}

static size_t slot_of(uint64_t bits)
{
    bits *= UINT64_C(0x9e3779b97f4a7c15);
    return (size_t)(bits >> (64 - CACHE_BITS));
}

/* A finite real field's value, from the cache when it was written
 * lately. */
static void put_real(gm_geojsonseq *w, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    real_text *c = &w->reals[slot_of(bits)];
    char *o = w->buf + w->len;
    if (c->v != bits) {
        size_t n = gm_geojsonseq_real(v, o);
        w->len += n;
        if (n < REAL_TEXT) {
            c->v = bits;
            c->len = (unsigned char)n;
            memcpy(c->text, o, n);
        }
        return;
    }
    memcpy(o, c->text, REAL_TEXT);
    w->len += c->len;
}

/* The point's coordinates, "x, y", from the cache when it was written
 * lately. */
static void put_point(gm_geojsonseq *w, double x, double y)
{
    uint64_t bx, by;
    memcpy(&bx, &x, sizeof bx);
    memcpy(&by, &y, sizeof by);
    point_text *c = &w->points[slot_of(bx ^ (by * 31))];
    char *o = w->buf + w->len;
    if (c->x != bx || c->y != by) {
        size_t n = gm_geojsonseq_coord(x, GM_GEOJSONSEQ_PRECISION, o);
        memcpy(o + n, ", ", 2);
        n += 2;
        n += gm_geojsonseq_coord(y, GM_GEOJSONSEQ_PRECISION, o + n);
        w->len += n;
        if (n < POINT_TEXT) {
            c->x = bx;
            c->y = by;
            c->len = (unsigned char)n;
            memcpy(c->text, o, n);
        }
        return;
    }
    memcpy(o, c->text, POINT_TEXT);
    w->len += c->len;
}

/* Appends field i's key and value; the buffer has w->room bytes free
 * less what the feature's other non-string parts took. */
static void put_field(gm_geojsonseq *w, size_t i, const void *rec)
{
    const field_op *f = &w->ops[i];
    const char *p = (const char *)rec + f->offset;
    char *o = w->buf + w->len;
    for (size_t k = 0; k < f->key_len; k += KEY_CHUNK)
        memcpy(o + k, f->key + k, KEY_CHUNK);
    w->len += f->key_len;
    switch (f->kind) {
    case GM_FIELD_INT64: {
        int64_t v;
        memcpy(&v, p, sizeof v);
        w->len += put_i64(v, w->buf + w->len);
        break;
    }
    case GM_FIELD_REAL: {
        double v;
        memcpy(&v, p, sizeof v);
        if (!isfinite(v)) {
            memcpy(w->buf + w->len, "null", 4);
            w->len += 4;
            break;
        }
        put_real(w, v);
        break;
    }
    case GM_FIELD_STRING:
    case GM_FIELD_DATE: {
        const char *s;
        memcpy(&s, p, sizeof s);
        if (s) {
            put_string(w, i, s);
            reserve(w, w->room);
        } else {
            memcpy(w->buf + w->len, "null", 4);
            w->len += 4;
        }
        break;
    }
    }
}

gm_status gm_geojsonseq_write(gm_geojsonseq *w, const void *rec, double x,
                              double y, gm_error *err)
{
    if (w->failed)
        return flush(w, err);
    reserve(w, w->room);
    if (w->rs)
        put(w, "\x1e", 1);
    put(w, LIT(feature_head));
    for (size_t i = 0; i < w->def->n_fields; i++)
        put_field(w, i, rec);
    put(w, LIT(properties_end));
    if (isfinite(x) && isfinite(y)) {
        put(w, LIT(point_head));
        put_point(w, x, y);
        put(w, LIT(point_end));
    } else {
        put(w, LIT(no_point_end));
    }
    if (w->len >= w->threshold)
        return flush(w, err);
    return GM_OK;
}

long gm_geojsonseq_truncated(const gm_geojsonseq *w, size_t i)
{
    return i < w->def->n_fields ? w->truncated[i] : 0;
}

/* ---- life --------------------------------------------------------------- */

static void free_writer(gm_geojsonseq *w)
{
    for (size_t i = 0; w->ops && i < w->def->n_fields; i++)
        free(w->ops[i].key);
    free(w->ops);
    free(w->points);
    free(w->reals);
    free(w->truncated);
    free(w->plans);
    free(w->buf);
    free(w->name);
    free(w);
}

gm_status gm_geojsonseq_open(const gm_geojsonseq_options *opts,
                             gm_geojsonseq **out, gm_error *err)
{
    *out = NULL;
    const gm_layer_def *def = opts->def;
    const char *name = opts->name ? opts->name
                       : opts->path ? opts->path
                                    : "<stdout>";
    for (size_t i = 0; i < def->n_fields; i++) {
        const gm_field_plan *p = &opts->plans[i];
        gm_field_kind kind = def->fields[i].kind;
        bool ok = p->max_digits == 0 &&
                  ((kind == GM_FIELD_INT64 && p->type == OFTInteger64) ||
                   (kind == GM_FIELD_REAL && p->type == OFTReal) ||
                   ((kind == GM_FIELD_STRING || kind == GM_FIELD_DATE) &&
                    p->type == OFTString));
        if (!ok)
            return gm_err_set(err, GM_E_USAGE, name, 0,
                              "the GeoJSONSeq writer does not write the "
                              "field %s as planned",
                              p->name);
    }
    gm_geojsonseq *w = gm_xcalloc(1, sizeof *w);
    w->fd = -1;
    w->name = gm_xstrdup(name);
    w->def = def;
    w->rs = opts->rs;
    size_t n = def->n_fields;
    w->plans = gm_xmalloc((n ? n : 1) * sizeof *w->plans);
    memcpy(w->plans, opts->plans, n * sizeof *w->plans);
    w->ops = gm_xcalloc(n ? n : 1, sizeof *w->ops);
    w->truncated = gm_xcalloc(n ? n : 1, sizeof *w->truncated);
    w->points = gm_xcalloc(CACHE_SLOTS, sizeof *w->points);
    w->reals = gm_xcalloc(CACHE_SLOTS, sizeof *w->reals);
    const double nan = NAN;
    uint64_t nan_bits;
    memcpy(&nan_bits, &nan, sizeof nan_bits);
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        w->points[i].x = w->points[i].y = nan_bits;
        w->reals[i].v = nan_bits;
    }
    /* RS, the frame and a point: the literals' sizes count their NULs,
     * room to spare. */
    w->room = 1 + sizeof feature_head + sizeof properties_end +
              sizeof point_head + sizeof point_end + 2 +
              2 * GM_GEOJSONSEQ_NUMBER_SIZE;
    for (size_t i = 0; i < n; i++) {
        field_op *f = &w->ops[i];
        f->offset = def->fields[i].offset;
        f->kind = def->fields[i].kind;
        f->max_bytes = w->plans[i].max_bytes;
        /* json-c: "," between members, then " \"key\": " (keys escaped
         * like strings). */
        w->len = 0;
        if (i)
            put(w, ",", 1);
        put(w, " ", 1);
        put_escaped(w, w->plans[i].name, strlen(w->plans[i].name));
        put(w, ": ", 2);
        f->key_len = w->len;
        size_t padded = (w->len + KEY_CHUNK - 1) / KEY_CHUNK * KEY_CHUNK;
        f->key = gm_xcalloc(padded ? padded : KEY_CHUNK, 1);
        memcpy(f->key, w->buf, w->len);
        /* the key copied in whole chunks, a number or "null" (a string's
         * quotes are put_escaped's) */
        w->room += padded + GM_GEOJSONSEQ_NUMBER_SIZE;
    }
    w->len = 0;
    w->threshold = opts->path ? GM_GEOJSONSEQ_BUFFER
                              : GM_GEOJSONSEQ_STDOUT_BUFFER;
    reserve(w, w->threshold + 4096);
    if (opts->path) {
        w->fd = open(opts->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                     0666);
        if (w->fd < 0) {
            int e = errno;
            gm_err_set(err, GM_E_IO, name, 0, "cannot create: %s",
                       strerror(e));
            if (err)
                err->sys_errno = e;
            free_writer(w);
            return GM_E_IO;
        }
    }
    *out = w;
    return GM_OK;
}

gm_status gm_geojsonseq_close(gm_geojsonseq *w, gm_error *err)
{
    gm_status st = flush(w, err);
    if (w->fd >= 0 && close(w->fd) != 0 && st == GM_OK)
        st = write_fail(w, errno, err);
    free_writer(w);
    return st;
}

void gm_geojsonseq_abort(gm_geojsonseq *w)
{
    if (!w)
        return;
    if (w->fd < 0 && !w->failed)
        flush(w, NULL);
    if (w->fd >= 0)
        close(w->fd);
    free_writer(w);
}
