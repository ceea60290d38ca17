/* The direct GeoJSONSeq writer (exports/geojsonseq.c) against GDAL's
 * GeoJSONSeq driver: every output is written twice, once directly and
 * once through OGR (gm_export_options.force_ogr), and the two are compared
 * byte for byte: records of each layer covering every field kind and edge
 * case, thousands of pseudo-random records (fixed seed), the coordinate
 * formatter against OGR_G_ExportToJsonEx, RS, -nln, -append, standard
 * output, the fallback to OGR for options only GDAL implements, write
 * failures, and `geomap extract` on the examples by both routes. A
 * difference is a bug of the direct writer: GDAL's bytes are the
 * reference. Outputs go to gm_test_tmpdir(). */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>

#include "core/buf.h"
#include "exports/export.h"
#include "exports/fields.h"
#include "exports/geojsonseq.h"
#include "harness.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define ALL_LAYERS (GM_LAYER_PLACES | GM_LAYER_MENTIONS | GM_LAYER_EVENTS)

static char *tmpdir;

static void setup(void)
{
    tmpdir = gm_test_tmpdir();
    GDALAllRegister();
}

static void teardown(void)
{
    gm_test_rmtree(tmpdir);
    free(tmpdir);
    tmpdir = NULL;
}

/* --- records ------------------------------------------------------------ */

/* A sentence longer than any buffer the writer starts with, with every
 * kind of byte that needs escaping along the way. */
static char *long_sentence(void)
{
    gm_buf b = GM_BUF_INIT;
    for (int i = 0; i < 20000; i++)
        gm_buf_append_str(&b, i % 97 ? "word \"q\" a/b \\ é 😀 " : "\n\t\x01");
    return b.data;
}

/* Strings that a writer can get wrong: empty, quotes, backslashes,
 * slashes, control characters (named escapes and \u00xx), DEL, non-ASCII
 * of 2, 3 and 4 bytes, and strings GDAL 3.6 takes for JSON when they start
 * with { or [ and end with } or ] (valid, invalid, with trailing text, in
 * json-c's lenient syntax). */
static const char *const strings[] = {
    "",
    "plain",
    "say \"hi\"",
    "back\\slash",
    "a/b//c",
    "tab\there",
    "new\nline\r\n",
    "\b\f",
    "\x01\x02\x1f\x7f",
    "Xankəndi",
    "Київ",
    "北京市",
    "emoji 😀 𝄞",
    "[Reuters]",
    "[1] and [2]",
    "{\"a\": 1.50, \"b\": [1, 2, {\"c\": null}], \"d\": \"x/y\"}",
    "[]",
    "{}",
    "[ ]",
    "{not json}",
    "['single', 'quotes']",
    "[1, 2.0, -0.0, 1e400, true, false, null, \"é\\u00e9\"]",
    "{\"nested\": {\"deep\": [[[[]]]]}}",
    "[\"unterminated]",
    "{",
    "]",
    "[1,]",
    "{\"a\":1}{\"b\":2}",
    "2024-01-05",
    "2024-01-05T10:00:00",
    "not a date",
};

/* Coordinates: the range's ends, both zeros, values rounding at the sixth
 * decimal (up, down, exact binary ties, to zero), OGR's intelliround
 * patterns (-1xx.00000x, -1xx.99999x), subnormals. */
static const double lons[] = {
    0.0, -0.0, 180.0, -180.0, 179.9999996, -179.9999996, 2.3522,
    -99.25, 0.0000005, 0.0000015, -0.0000005, 1e-14, -1e-14, 12.3456785,
    0.0078125, -0.0078125, 1.0 / 3, -2.0 / 3, -123.000001, -123.999995,
    -100.0000049, -199.9999996, -120.100001, 179.000001, 5e-324,
    -5e-324, 45.123456500000001, 100.999999, -100.999999,
};
static const double lats[] = {
    0.0, -0.0, 90.0, -90.0, 89.9999995, -89.9999995, 48.8566, 31.25,
    -0.0000015, 1e-7, -1e-7, 39.8153, -33.868820, 0.1, 0.3, -45.5,
    89.999999, -89.12345649, 0.0000004999, 1e-300,
};

/* Reals: 17 significant digits and GDAL's retries for runs of 0s and
 * 9s, integral values, exponents, zeros, NaN and infinities (null). */
static const double reals[] = {
    0.1, 1e-7, 0.23017580807209015, 0.0, -0.0, 1.0, 0.5, 0.875, 0.93,
    1.0 / 3, 2.0 / 3, 0.3, 0.7, 0.85, 100.0, 1e17, 123456789012345678.0,
    1e300, -1e300, 5e-324, 2.2250738585072014e-308, 1e-5, 0.000001,
    0.9999999999999999, 0.30000000000000004, 1234567.0000001, 1e16,
    9007199254740993.0, -2.5, NAN, INFINITY, -INFINITY,
    /* the ends of the fast %g (1e-5 to 1e12) and past them */
    1e21, -1e21, 1e12, 999999999999.0, 999999999999.99988, 1e11,
    9.9999999999999991e-6, 123456789012.5, 42.0, -7.0, 1e-7,
};

/* ... with each count of digits' ends, 8 and 16 digits (where the
 * digits are made in groups of eight) among them, and the ends of bit
 * lengths around them (the writer counts digits from the bit length). */
static const int64_t ints[] = {
    0, 1, -1, 42, -42, 2147483647, 2147483648LL, -2147483649LL,
    5000000001LL, INT64_MAX, INT64_MIN, 9, 10, -10, 99, 100, 99999999,
    100000000, -100000000, 999999999, 1000000000, 9999999999999999LL,
    10000000000000000LL, 999999999999999999LL, 1000000000000000000LL,
    -1000000000000000000LL, 7, 8, 15, 16, 63, 64, 127, 128, 999, 1000,
    1023, 1024, 8191, 8192, 9999, 10000, 16383, 16384, 99999, 100000,
    131071, 131072, 999999, 1000000, 1048575, 1048576, 9999999,
    10000000, 16777215, 16777216, 134217727, 134217728, 1073741823,
    1073741824, 9999999999LL, 10000000000LL, 17179869183LL,
    17179869184LL, 99999999999LL, 100000000000LL, 999999999999LL,
    1000000000000LL, 1099511627775LL, 1099511627776LL, 9999999999999LL,
    10000000000000LL, 99999999999999LL, 100000000000000LL,
    140737488355327LL, 140737488355328LL, 999999999999999LL,
    1000000000000000LL, 9007199254740991LL, 9007199254740992LL,
    99999999999999999LL, 100000000000000000LL, 1152921504606846975LL,
    1152921504606846976LL, -9223372036854775807LL,
};

/* Record i of each layer from the tables above, the tables walked at
 * different strides so that values meet in many combinations. */
static const char *str_at(size_t i)
{
    return i % 11 == 5 ? NULL : strings[i % COUNT(strings)];
}

static gm_place_rec place_at(size_t i)
{
    gm_place_rec r = {
        ints[i % COUNT(ints)], str_at(i), str_at(i + 1), str_at(i + 2),
        str_at(i + 3), ints[(i + 3) % COUNT(ints)],
        ints[(i + 5) % COUNT(ints)], str_at(i + 4), str_at(i * 7 + 1),
        lons[i % COUNT(lons)], lats[(i * 3) % COUNT(lats)],
    };
    return r;
}

static gm_mention_rec mention_at(size_t i)
{
    gm_mention_rec r = {
        str_at(i + 7), ints[(i + 1) % COUNT(ints)],
        ints[(i + 2) % COUNT(ints)], str_at(i * 3), ints[i % COUNT(ints)],
        str_at(i + 9), str_at(i * 5), reals[i % COUNT(reals)],
        lons[(i * 5) % COUNT(lons)], lats[i % COUNT(lats)],
    };
    return r;
}

/* Every third event is unplaced (NaN, NaN: no geometry); the long
 * sentence comes with the first few. */
static gm_event_rec event_at(size_t i, const char *sentence)
{
    bool placed = i % 3 != 2;
    gm_event_rec r = {
        str_at(i), str_at(i + 28), str_at(i + 1), str_at(i + 2),
        str_at(i + 3), ints[i % COUNT(ints)], str_at(i + 4), str_at(i + 5),
        ints[(i + 1) % COUNT(ints)], ints[(i + 2) % COUNT(ints)],
        i < 4 ? sentence : str_at(i + 6), ints[(i + 3) % COUNT(ints)],
        str_at(i + 7), str_at(i + 8), ints[(i + 4) % COUNT(ints)],
        ints[(i + 5) % COUNT(ints)], str_at(i + 9), str_at(i + 10),
        reals[(i * 7) % COUNT(reals)], ints[(i + 6) % COUNT(ints)],
        placed ? lons[i % COUNT(lons)] : NAN,
        placed ? lats[(i + 1) % COUNT(lats)] : NAN,
    };
    return r;
}

/* --- pseudo-random records ---------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* xorshift64*, fixed seed per test */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static double rnd_unit(void)
{
    return (double)(rnd() >> 11) / 9007199254740992.0;
}

/* A finite double of any magnitude, or a common kind of score. */
static double rnd_real(void)
{
    switch (rnd() % 6) {
    case 0: {
        uint64_t bits = rnd();
        double v;
        memcpy(&v, &bits, sizeof v);
        return isfinite(v) ? v : 0.5;
    }
    case 1: return (double)(rnd() % 1001) / 1000.0;
    case 2: return rnd_unit();
    case 3: return (double)(rnd() % 100000) / (double)(1u << (rnd() % 20));
    case 4: return (rnd() & 1 ? -1 : 1) * pow(10.0, (double)(rnd() % 60) - 30);
    default: return reals[rnd() % COUNT(reals)];
    }
}

/* A coordinate in [-limit, limit]: uniform, on the 6-decimal grid or off
 * it by a hair, an exact binary tie at the 7th decimal, an intelliround
 * pattern, or a table value. */
static double rnd_coord(double limit)
{
    double v;
    switch (rnd() % 6) {
    case 0: v = (rnd_unit() * 2 - 1) * limit; break;
    case 1:
        v = (double)((int64_t)(rnd() % (uint64_t)(2e6 * limit)) -
                     (int64_t)(1e6 * limit)) / 1e6;
        v += (double)((int)(rnd() % 3) - 1) * 1e-13;
        break;
    case 2: v = (double)((int64_t)(rnd() % 46080) - 23040) / 128.0; break;
    case 3: {
        /* -1xx.00000d and -1xx.99999d */
        double whole = (double)(100 + rnd() % 80);
        double tail = (double)(rnd() % 10) * 1e-6;
        v = -(whole + (rnd() & 1 ? tail : 1 - tail - 1e-5));
        break;
    }
    case 4: v = (double)((int64_t)(rnd() % 2000001) - 1000000) * 1e-7; break;
    default: v = lons[rnd() % COUNT(lons)]; break;
    }
    return v < -limit ? -limit : v > limit ? limit : v;
}

static const char *const pieces[] = {
    "a", "Z", " ", "\"", "\\", "/", "\t", "\n", "\r", "\b", "\f", "\x01",
    "\x1f", "\x7f", "é", "ə", "Київ", "北京", "😀", "{", "}", "[", "]",
    ":", ",", "0", "9", ".", "-", "e", "null", "'",
};

/* A random string into b: pieces, sometimes framed as JSON (a valid array
 * or object, or brackets around anything). */
static void rnd_string(gm_buf *b)
{
    gm_buf_clear(b);
    unsigned frame = (unsigned)(rnd() % 8);
    if (frame == 0)
        gm_buf_printf(b, "[%d, %.3f, \"s/t\"]", (int)(rnd() % 100),
                      rnd_unit());
    else if (frame == 1)
        gm_buf_printf(b, "{\"k\": %d}", (int)(rnd() % 100));
    else {
        size_t n = (size_t)(rnd() % 24);
        if (frame == 2)
            gm_buf_append_char(b, '[');
        for (size_t i = 0; i < n; i++)
            gm_buf_append_str(b, pieces[rnd() % COUNT(pieces)]);
        if (frame == 2)
            gm_buf_append_char(b, ']');
        gm_buf_append_str(b, "");
    }
}

#define N_STR 12

/* Strings for one random record; NULL now and then. */
typedef struct rnd_strings {
    gm_buf b[N_STR];
    const char *s[N_STR];
} rnd_strings;

static void rnd_fill(rnd_strings *r)
{
    for (size_t i = 0; i < N_STR; i++) {
        rnd_string(&r->b[i]);
        r->s[i] = rnd() % 13 == 0 ? NULL : gm_buf_str(&r->b[i]);
    }
}

static void rnd_free(rnd_strings *r)
{
    for (size_t i = 0; i < N_STR; i++)
        gm_buf_free(&r->b[i]);
}

static int64_t rnd_int(void)
{
    switch (rnd() % 3) {
    case 0: return (int64_t)rnd();
    case 1: return (int64_t)(rnd() % 2000) - 1000;
    default: return ints[rnd() % COUNT(ints)];
    }
}

/* --- writing ------------------------------------------------------------ */

typedef struct batch {
    size_t n_places, n_mentions, n_events; /* table records */
    size_t n_random;                        /* random ones per layer */
    uint64_t seed;
    /* places' mentions and articles below a million: -append adds them
     * (exports/append.c), and counts near INT64_MAX would overflow */
    bool small_counts;
} batch;

/* Mentions with these surfaces, written after a batch's table mentions
 * (escapes_at_every_place sets them for its writes). */
static char *const *extra_surfaces;
static size_t n_extra_surfaces;

static gm_status check_write(gm_status st)
{
    /* a record outside WGS 84 is skipped by both routes alike */
    ck_assert_msg(st == GM_OK || st == GM_E_INPUT, "write failed: %d", st);
    return st;
}

static void feed(gm_export *ex, unsigned layers, const batch *b)
{
    gm_error err;
    char *sentence = long_sentence();
    for (size_t i = 0; (layers & GM_LAYER_PLACES) && i < b->n_places; i++) {
        gm_place_rec r = place_at(i);
        if (b->small_counts) {
            r.mentions = (int64_t)(i % 1000);
            r.articles = (int64_t)(i % 100);
        }
        check_write(gm_export_place(ex, &r, &err));
    }
    for (size_t i = 0; (layers & GM_LAYER_MENTIONS) && i < b->n_mentions;
         i++) {
        gm_mention_rec r = mention_at(i);
        check_write(gm_export_mention(ex, &r, &err));
    }
    for (size_t i = 0; (layers & GM_LAYER_EVENTS) && i < b->n_events; i++) {
        gm_event_rec r = event_at(i, sentence);
        check_write(gm_export_event(ex, &r, &err));
    }
    free(sentence);
    for (size_t i = 0;
         (layers & GM_LAYER_MENTIONS) && i < n_extra_surfaces; i++) {
        gm_mention_rec r = mention_at(i);
        r.surface = extra_surfaces[i];
        check_write(gm_export_mention(ex, &r, &err));
    }

    rng_state = b->seed;
    rnd_strings s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < b->n_random; i++) {
        rnd_fill(&s);
        if (layers & GM_LAYER_PLACES) {
            gm_place_rec p = { rnd_int(), s.s[0], s.s[1], s.s[2], s.s[3],
                               rnd_int(), rnd_int(), s.s[4], s.s[5],
                               rnd_coord(180), rnd_coord(90) };
            if (b->small_counts) {
                p.mentions = (int64_t)(rnd() % 1000000);
                p.articles = (int64_t)(rnd() % 1000000);
            }
            check_write(gm_export_place(ex, &p, &err));
        }
        if (layers & GM_LAYER_MENTIONS) {
            double score = rnd() % 9 == 0 ? NAN : rnd_real();
            gm_mention_rec m = { s.s[6], rnd_int(), rnd_int(), s.s[7],
                                 rnd_int(), s.s[8], s.s[9], score,
                                 rnd_coord(180), rnd_coord(90) };
            check_write(gm_export_mention(ex, &m, &err));
        }
        if (layers & GM_LAYER_EVENTS) {
            bool placed = rnd() % 4 != 0;
            gm_event_rec e = { s.s[0], s.s[1], s.s[2], s.s[3], s.s[4],
                               rnd_int(), s.s[5], s.s[6], rnd_int(),
                               rnd_int(), s.s[7], rnd_int(), s.s[8],
                               s.s[9], rnd_int(), rnd_int(), s.s[10],
                               s.s[11], rnd_real(), rnd_int(),
                               placed ? rnd_coord(180) : NAN,
                               placed ? rnd_coord(90) : NAN };
            check_write(gm_export_event(ex, &e, &err));
        }
    }
    rnd_free(&s);
}

typedef struct route {
    const char *const *lco;
    const char *layer_name;
    gm_export_mode mode;
    bool to_stdout;
} route;

/* Writes b's records of layers to out by one route. */
static void write_one(const char *out, unsigned layers, const batch *b,
                      const route *r, bool ogr)
{
    gm_export_options o = {
        .path = out, .format = "GeoJSONSeq", .layers = layers,
        .lco = r ? r->lco : NULL, .layer_name = r ? r->layer_name : NULL,
        .mode = r ? r->mode : GM_EXPORT_REPLACE,
        .to_stdout = r && r->to_stdout, .force_ogr = ogr,
    };
    gm_export *ex = NULL;
    gm_error err;
    gm_status st = gm_export_open(&o, &ex, &err);
    ck_assert_msg(st == GM_OK, "open %s: %s", out, err.msg);
    feed(ex, layers, b);
    st = gm_export_commit(ex, &err);
    ck_assert_msg(st == GM_OK, "commit %s: %s", out, err.msg);
}

/* Fails with the first line where a and b differ. */
static void assert_same_bytes(const char *what, const char *a, size_t alen,
                              const char *b, size_t blen)
{
    size_t i = 0;
    while (i < alen && i < blen && a[i] == b[i])
        i++;
    if (i == alen && i == blen)
        return;
    size_t start = i;
    size_t line = 1;
    for (size_t k = 0; k < i; k++)
        line += a[k] == '\n';
    while (start > 0 && a[start - 1] != '\n')
        start--;
    size_t aend = start, bend = start;
    while (aend < alen && a[aend] != '\n')
        aend++;
    while (bend < blen && b[bend] != '\n')
        bend++;
    ck_abort_msg("%s differs at byte %zu (line %zu; %zu vs %zu bytes):\n"
                 "direct: %.*s\nOGR:    %.*s",
                 what, i, line, alen, blen, (int)(aend - start > 600 ? 600
                 : aend - start), a + start, (int)(bend - start > 600 ? 600
                 : bend - start), b + start);
}

static void assert_same_files(const char *direct, const char *ogr)
{
    size_t alen = 0, blen = 0;
    char *a = gm_test_read_file(direct, &alen);
    char *b = gm_test_read_file(ogr, &blen);
    ck_assert_msg(a != NULL, "%s missing", direct);
    ck_assert_msg(b != NULL, "%s missing", ogr);
    assert_same_bytes(direct, a, alen, b, blen);
    free(a);
    free(b);
}

/* The same listing and the same bytes in every file of two directories
 * (names from the listing, one a line). */
static void assert_same_dirs(const char *direct, const char *ogr)
{
    char *la = gm_test_listing(direct);
    char *lb = gm_test_listing(ogr);
    ck_assert_str_eq(la, lb);
    for (char *name = strtok(la, "\n"); name; name = strtok(NULL, "\n")) {
        char *pa = gm_test_path_in(direct, name);
        char *pb = gm_test_path_in(ogr, name);
        struct stat st;
        if (stat(pa, &st) == 0 && S_ISREG(st.st_mode))
            assert_same_files(pa, pb);
        free(pa);
        free(pb);
    }
    free(la);
    free(lb);
}

/* Writes b by both routes into tmpdir/NAME-direct and tmpdir/NAME-ogr
 * (OUT_NAME inside them, "" for the directory itself) and compares. */
static void compare_routes(const char *name, const char *out_name,
                           unsigned layers, const batch *b, const route *r)
{
    gm_buf d = GM_BUF_INIT, g = GM_BUF_INIT;
    gm_buf_printf(&d, "%s/%s-direct", tmpdir, name);
    gm_buf_printf(&g, "%s/%s-ogr", tmpdir, name);
    ck_assert_int_eq(mkdir(d.data, 0755), 0);
    ck_assert_int_eq(mkdir(g.data, 0755), 0);
    gm_buf od = GM_BUF_INIT, og = GM_BUF_INIT;
    gm_buf_printf(&od, "%s/%s", d.data, *out_name ? out_name : "out");
    gm_buf_printf(&og, "%s/%s", g.data, *out_name ? out_name : "out");
    write_one(od.data, layers, b, r, false);
    write_one(og.data, layers, b, r, true);
    assert_same_dirs(d.data, g.data);
    struct stat st;
    if (stat(od.data, &st) == 0 && S_ISDIR(st.st_mode))
        assert_same_dirs(od.data, og.data);
    gm_buf_free(&d);
    gm_buf_free(&g);
    gm_buf_free(&od);
    gm_buf_free(&og);
}

/* --- edge cases, layer by layer ------------------------------------------ */

START_TEST(places_edge_cases)
{
    batch b = { COUNT(strings) * 3, 0, 0, 0, 0, false };
    compare_routes("places", "places.geojsonl", GM_LAYER_PLACES, &b, NULL);
}
END_TEST

START_TEST(mentions_edge_cases)
{
    batch b = { 0, COUNT(reals) * COUNT(strings) / 4, 0, 0, 0, false };
    compare_routes("mentions", "mentions.geojsonl", GM_LAYER_MENTIONS, &b,
                   NULL);
}
END_TEST

START_TEST(events_edge_cases)
{
    batch b = { 0, 0, COUNT(strings) * 3, 0, 0, false };
    compare_routes("events", "events.geojsonl", GM_LAYER_EVENTS, &b, NULL);
}
END_TEST

/* The three layers of a directory, with their styles. */
START_TEST(all_layers_in_a_directory)
{
    batch b = { 40, 40, 40, 0, 0, false };
    compare_routes("dir", "", ALL_LAYERS, &b, NULL);
}
END_TEST

/* Each byte that json-c escapes, and some it does not, at every place
 * of strings of 0 to 40 bytes: strings are searched for them eight bytes
 * at a time. */
START_TEST(escapes_at_every_place)
{
    static const char *const marks[] = { "\"", "\\", "/", "\n", "\x01",
                                         "\x1f", " ", "\x7f", "!", "0",
                                         "]", "\xc3\xa9", "\xe2\x80\x99" };
    size_t cap = 41 * 41 * COUNT(marks), n = 0;
    char **v = calloc(cap, sizeof *v);
    ck_assert_ptr_nonnull(v);
    for (size_t len = 0; len <= 40; len++)
        for (size_t at = 0; at <= len; at++)
            for (size_t m = 0; m < COUNT(marks); m++) {
                gm_buf b = GM_BUF_INIT;
                for (size_t k = 0; k < len; k++)
                    gm_buf_append_str(&b, k == at ? marks[m]
                                                  : k % 9 == 4 ? "\xc3\xa9"
                                                               : "x");
                gm_buf_append_str(&b, "");
                v[n++] = b.data;
            }
    batch b = { 0, 0, 0, 0, 0, false };
    extra_surfaces = v;
    n_extra_surfaces = n;
    compare_routes("escapes", "mentions.geojsonl", GM_LAYER_MENTIONS, &b,
                   NULL);
    extra_surfaces = NULL;
    n_extra_surfaces = 0;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}
END_TEST

/* The same points and reals again and again, in an order that fills the
 * writer's caches of their texts and makes points share a slot (reals
 * share them in random_batch, more of them than the cache's slots). */
START_TEST(values_again_from_the_caches)
{
    batch b = { 0, 3000, 3000, 0, 0, false };
    compare_routes("again", "", GM_LAYER_MENTIONS | GM_LAYER_EVENTS, &b,
                   NULL);
}
END_TEST

/* Thousands of random records per layer, fixed seed. */
START_TEST(random_batch)
{
    batch b = { 0, 0, 0, 4000, 0x9e3779b97f4a7c15ULL, false };
    compare_routes("random", "", ALL_LAYERS, &b, NULL);
}
END_TEST

/* --- numbers ------------------------------------------------------------- */

/* gm_geojsonseq_coord against OGR's own formatting of a point's
 * coordinates with COORDINATE_PRECISION=6 (the same json_object_new_coord
 * its GeoJSONSeq driver uses). */
START_TEST(coordinates_as_ogr_formats_them)
{
    char *const options[] = { "COORDINATE_PRECISION=6", NULL };
    OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
    rng_state = 0x2545f4914f6cdd1dULL;
    size_t checked = 0;
    for (size_t i = 0; i < 30000; i++) {
        double x, y;
        if (i < COUNT(lons) * COUNT(lats)) {
            x = lons[i % COUNT(lons)];
            y = lats[i / COUNT(lons)];
        } else {
            x = rnd_coord(180);
            y = i % 5 ? rnd_coord(90) : rnd_real();
            if (i % 7 == 0) /* any magnitude, as the formatter allows */
                x = rnd_real();
            if (!isfinite(x) || !isfinite(y)) /* no geometry: see events */
                continue;
        }
        OGR_G_SetPoint_2D(pt, 0, x, y);
        char *want = OGR_G_ExportToJsonEx(pt, (char **)options);
        ck_assert_msg(want != NULL, "OGR wrote nothing for (%.17g, %.17g)",
                      x, y);
        char cx[GM_GEOJSONSEQ_NUMBER_SIZE], cy[GM_GEOJSONSEQ_NUMBER_SIZE];
        gm_geojsonseq_coord(x, 6, cx);
        gm_geojsonseq_coord(y, 6, cy);
        char got[256];
        snprintf(got, sizeof got,
                 "{ \"type\": \"Point\", \"coordinates\": [ %s, %s ] }", cx,
                 cy);
        ck_assert_msg(!strcmp(got, want), "(%.17g, %.17g): %s, OGR: %s", x,
                      y, got, want);
        CPLFree(want);
        checked++;
    }
    OGR_G_DestroyGeometry(pt);
    ck_assert_uint_gt(checked, 25000);
}
END_TEST

/* gm_geojsonseq_g against printf's %.*g at the precisions GDAL uses for
 * reals (and a few more), on values of every magnitude and on the kinds of
 * values scores and confidences take. */
START_TEST(g_format_as_printf)
{
    static const int precisions[] = { 17, 16, 15, 14, 1, 2, 6, 10, 13 };
    rng_state = 0xda942042e4dd58b5ULL;
    char want[GM_GEOJSONSEQ_NUMBER_SIZE], got[GM_GEOJSONSEQ_NUMBER_SIZE];
    size_t checked = 0;
    for (size_t i = 0; i < 400000; i++) {
        double v;
        if (i < COUNT(reals))
            v = reals[i];
        else if (i % 3 == 0)
            v = (double)(rnd() % 100000001) / 1e8; /* scores */
        else if (i % 3 == 1)
            v = rnd_unit() * pow(10.0, (double)(rnd() % 24) - 8);
        else
            v = rnd_real();
        if (!isfinite(v))
            continue;
        int p = precisions[i % COUNT(precisions)];
        int n = snprintf(want, sizeof want, "%.*g", p, v);
        size_t len = gm_geojsonseq_g(v, p, got);
        ck_assert_msg(!strcmp(got, want) && len == (size_t)n,
                      "%%.%dg of %.17g: %s, printf: %s", p, v, got, want);
        checked++;
    }
    ck_assert_uint_gt(checked, 390000);
}
END_TEST

/* Real fields against OGR's own formatting of them: a coordinate with
 * SIGNIFICANT_FIGURES=17 goes through the same
 * json_object_new_double_with_significant_figures. */
START_TEST(reals_as_ogr_formats_them)
{
    char *const options[] = { "SIGNIFICANT_FIGURES=17", NULL };
    OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
    rng_state = 0x94d049bb133111ebULL;
    for (size_t i = 0; i < 20000; i++) {
        double x = i < COUNT(reals) ? reals[i] : rnd_real();
        double y = i % 2 ? (double)(rnd() % 1001) / 1000.0 : rnd_unit();
        if (!isfinite(x))
            continue;
        OGR_G_SetPoint_2D(pt, 0, x, y);
        char *want = OGR_G_ExportToJsonEx(pt, (char **)options);
        ck_assert_msg(want != NULL, "OGR wrote nothing for (%.17g, %.17g)",
                      x, y);
        char rx[GM_GEOJSONSEQ_NUMBER_SIZE], ry[GM_GEOJSONSEQ_NUMBER_SIZE];
        gm_geojsonseq_real(x, rx);
        gm_geojsonseq_real(y, ry);
        char got[256];
        snprintf(got, sizeof got,
                 "{ \"type\": \"Point\", \"coordinates\": [ %s, %s ] }", rx,
                 ry);
        ck_assert_msg(!strcmp(got, want), "(%.17g, %.17g): %s, OGR: %s", x,
                      y, got, want);
        CPLFree(want);
    }
    OGR_G_DestroyGeometry(pt);
}
END_TEST

/* Precisions other than 6 follow the same rules (the writer takes only 6
 * today; the formatter is general). */
START_TEST(coordinates_at_other_precisions)
{
    static const int precisions[] = { 0, 1, 3, 7, 9, 12, 15 };
    OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
    rng_state = 0x853c49e6748fea9bULL;
    for (size_t p = 0; p < COUNT(precisions); p++) {
        char option[64];
        snprintf(option, sizeof option, "COORDINATE_PRECISION=%d",
                 precisions[p]);
        char *const options[] = { option, NULL };
        for (size_t i = 0; i < 3000; i++) {
            double x = rnd_coord(180), y = rnd_coord(90);
            OGR_G_SetPoint_2D(pt, 0, x, y);
            char *want = OGR_G_ExportToJsonEx(pt, (char **)options);
            char cx[GM_GEOJSONSEQ_NUMBER_SIZE], cy[GM_GEOJSONSEQ_NUMBER_SIZE];
            gm_geojsonseq_coord(x, precisions[p], cx);
            gm_geojsonseq_coord(y, precisions[p], cy);
            char got[256];
            snprintf(got, sizeof got,
                     "{ \"type\": \"Point\", \"coordinates\": [ %s, %s ] }",
                     cx, cy);
            ck_assert_msg(!strcmp(got, want), "%s (%.17g, %.17g): %s, OGR: %s",
                          option, x, y, got, want);
            CPLFree(want);
        }
    }
    OGR_G_DestroyGeometry(pt);
}
END_TEST

/* --- options and modes --------------------------------------------------- */

/* RS before each record: a .geojsons file, -lco RS=YES in a directory,
 * and -lco RS=NO overriding the extension. */
START_TEST(record_separators)
{
    batch b = { 10, 10, 10, 50, 7, false };
    static const char *const rs_yes[] = { "RS=YES", NULL };
    static const char *const rs_no[] = { "RS=no", NULL };
    route yes = { rs_yes, NULL, GM_EXPORT_REPLACE, false };
    route no = { rs_no, NULL, GM_EXPORT_REPLACE, false };
    compare_routes("rs-ext", "m.geojsons", GM_LAYER_MENTIONS, &b, NULL);
    compare_routes("rs-lco", "", ALL_LAYERS, &b, &yes);
    compare_routes("rs-off", "e.GEOJSONS", GM_LAYER_EVENTS, &b, &no);

    char *path = gm_test_path_in(tmpdir, "rs-ext-direct/m.geojsons");
    char *text = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(text[0], 0x1e);
    free(text);
    free(path);
}
END_TEST

/* -lco COORDINATE_PRECISION=6 said again, and -nln naming the file. */
START_TEST(precision_option_and_layer_name)
{
    batch b = { 20, 20, 20, 100, 11, false };
    static const char *const six[] = { "COORDINATE_PRECISION=6", NULL };
    route r = { six, "mentions_2024", GM_EXPORT_REPLACE, false };
    compare_routes("nln", "", GM_LAYER_MENTIONS, &b, &r);
    char *path = gm_test_path_in(tmpdir, "nln-direct/out/mentions_2024.geojsonl");
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    free(path);
}
END_TEST

/* -append: the earlier output read back through OGR, places merged,
 * mentions and events after the earlier ones, written again. */
START_TEST(append_to_an_earlier_output)
{
    for (int ogr = 0; ogr <= 1; ogr++) {
        gm_buf out = GM_BUF_INIT;
        gm_buf_printf(&out, "%s/append-%s", tmpdir, ogr ? "ogr" : "direct");
        batch first = { 30, 30, 30, 200, 101, true };
        batch second = { 25, 25, 25, 200, 202, true };
        route r = { NULL, NULL, GM_EXPORT_APPEND, false };
        write_one(out.data, ALL_LAYERS, &first, NULL, ogr);
        write_one(out.data, ALL_LAYERS, &second, &r, ogr);
        gm_buf_free(&out);
    }
    char *d = gm_test_path_in(tmpdir, "append-direct");
    char *g = gm_test_path_in(tmpdir, "append-ogr");
    assert_same_dirs(d, g);
    free(d);
    free(g);
}
END_TEST

/* -overwrite, then the default replace, of an earlier output: a directory
 * of layers and a single layer file. */
START_TEST(overwrite_an_earlier_output)
{
    static const char *const outs[] = { "dir", "one.geojsonl" };
    const batch first = { 30, 30, 30, 300, 404, false };
    const batch second = { 5, 5, 5, 100, 505, false };
    const route over = { NULL, NULL, GM_EXPORT_OVERWRITE, false };
    const batch *const batches[] = { &first, &second, &first };
    const route *const routes[] = { NULL, &over, NULL };
    for (size_t k = 0; k < COUNT(outs); k++) {
        unsigned layers = k ? GM_LAYER_EVENTS : ALL_LAYERS;
        gm_buf d = GM_BUF_INIT, g = GM_BUF_INIT;
        gm_buf_printf(&d, "%s/over-%zu-direct", tmpdir, k);
        gm_buf_printf(&g, "%s/over-%zu-ogr", tmpdir, k);
        ck_assert_int_eq(mkdir(d.data, 0755), 0);
        ck_assert_int_eq(mkdir(g.data, 0755), 0);
        char *od = gm_test_path_in(d.data, outs[k]);
        char *og = gm_test_path_in(g.data, outs[k]);
        for (size_t phase = 0; phase < COUNT(batches); phase++) {
            write_one(od, layers, batches[phase], routes[phase], false);
            write_one(og, layers, batches[phase], routes[phase], true);
            assert_same_dirs(d.data, g.data);
            if (!k)
                assert_same_dirs(od, og);
        }
        free(od);
        free(og);
        gm_buf_free(&d);
        gm_buf_free(&g);
    }
}
END_TEST

/* -o -: one layer to standard output, in a child whose stdout is a file. */
static void write_to_stdout(const char *file, unsigned layer, const batch *b,
                            bool ogr)
{
    fflush(stdout);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
            _exit(2);
        close(fd);
        route r = { NULL, NULL, GM_EXPORT_REPLACE, true };
        write_one("-", layer, b, &r, ogr);
        fflush(stdout);
        _exit(0);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
}

START_TEST(standard_output)
{
    static const unsigned layers[] = { GM_LAYER_PLACES, GM_LAYER_MENTIONS,
                                       GM_LAYER_EVENTS };
    batch b = { 30, 30, 30, 2000, 303, false };
    for (size_t i = 0; i < COUNT(layers); i++) {
        char *d = gm_test_path_in(tmpdir, "stdout-direct");
        char *g = gm_test_path_in(tmpdir, "stdout-ogr");
        write_to_stdout(d, layers[i], &b, false);
        write_to_stdout(g, layers[i], &b, true);
        assert_same_files(d, g);
        size_t len = 0;
        char *text = gm_test_read_file(d, &len);
        ck_assert_uint_gt(len, 4 * GM_GEOJSONSEQ_STDOUT_BUFFER);
        free(text);
        free(d);
        free(g);
    }
}
END_TEST

/* Which options the direct writer takes; the others go to GDAL's driver,
 * which honours them. */
typedef struct option_case {
    const char *lco[3];
    bool direct;
    int rs;
} option_case;

static const option_case option_cases[] = {
    { { NULL }, true, -1 },
    { { "COORDINATE_PRECISION=6", NULL }, true, -1 },
    { { "RS=YES", "COORDINATE_PRECISION=6", NULL }, true, 1 },
    { { "rs=off", NULL }, true, 0 },
    { { "RS=1", NULL }, true, 1 },
    { { "RS=maybe", NULL }, false, -1 },
    { { "COORDINATE_PRECISION=7", NULL }, false, -1 },
    { { "COORDINATE_PRECISION=06", NULL }, false, -1 },
    { { "SIGNIFICANT_FIGURES=17", NULL }, false, -1 },
    { { "ID_FIELD=place_id", NULL }, false, -1 },
    { { "ID_TYPE=String", NULL }, false, -1 },
    { { "WRITE_NON_FINITE_VALUES=YES", NULL }, false, -1 },
    { { "NO_SUCH_OPTION=1", NULL }, false, -1 },
    /* a name again: its later value replaces the earlier one */
    { { "RS=maybe", "RS=YES", NULL }, true, 1 },
    { { "RS=YES", "RS=maybe", NULL }, false, -1 },
    { { "RS=YES", "rs=off", NULL }, true, 0 },
    { { "rs=NO", "RS : on", NULL }, true, 1 },
    { { "COORDINATE_PRECISION=7", "coordinate_precision=6", NULL }, true,
      -1 },
    { { "COORDINATE_PRECISION=6", "COORDINATE_PRECISION=7", NULL }, false,
      -1 },
};

START_TEST(options_the_direct_writer_takes)
{
    const option_case *c = &option_cases[_i];
    int rs = 5;
    ck_assert_int_eq(gm_geojsonseq_accepts(c->lco, &rs), c->direct);
    if (c->direct)
        ck_assert_int_eq(rs, c->rs);
}
END_TEST

/* An option only GDAL implements reaches GDAL: 7 decimals are written. */
START_TEST(other_options_go_to_gdal)
{
    static const char *const seven[] = { "COORDINATE_PRECISION=7", NULL };
    gm_export_options o = { .path = NULL, .format = "GeoJSONSeq",
                            .layers = GM_LAYER_MENTIONS, .lco = seven };
    char *path = gm_test_path_in(tmpdir, "seven.geojsonl");
    o.path = path;
    gm_export *ex = NULL;
    gm_error err;
    ck_assert_int_eq(gm_export_open(&o, &ex, &err), GM_OK);
    gm_mention_rec m = { "a", 0, 1, "x", 1, "x", "", 0.5, 1.23456789,
                         -0.12345678 };
    ck_assert_int_eq(gm_export_mention(ex, &m, &err), GM_OK);
    ck_assert_int_eq(gm_export_commit(ex, &err), GM_OK);
    char *text = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_msg(strstr(text, "[ 1.2345679, -0.1234568 ]") != NULL, "%s",
                  text);
    free(text);
    free(path);
}
END_TEST

/* --- the writer alone ---------------------------------------------------- */

/* A plan's max_bytes cuts at a character boundary and is counted. */
START_TEST(truncation_is_counted)
{
    const gm_layer_def *def = gm_fields_layer(GM_LAYER_MENTIONS);
    gm_field_plan plans[16];
    gm_fields_plan(def, false, plans);
    plans[3].max_bytes = 5; /* surface */
    char *path = gm_test_path_in(tmpdir, "cut.geojsonl");
    gm_geojsonseq_options o = { path, "cut", def, plans, false };
    gm_geojsonseq *w = NULL;
    gm_error err;
    ck_assert_int_eq(gm_geojsonseq_open(&o, &w, &err), GM_OK);
    gm_mention_rec m = { "a", 0, 8, "Xankəndi", 1, "x", "AZ", 0.5, 1, 2 };
    ck_assert_int_eq(gm_geojsonseq_write(w, &m, 1, 2, &err), GM_OK);
    gm_mention_rec n = { "a", 0, 3, "Baku", 1, "x", "AZ", 0.5, 1, 2 };
    ck_assert_int_eq(gm_geojsonseq_write(w, &n, 1, 2, &err), GM_OK);
    ck_assert_int_eq(gm_geojsonseq_truncated(w, 3), 1);
    ck_assert_int_eq(gm_geojsonseq_truncated(w, 0), 0);
    ck_assert_int_eq(gm_geojsonseq_close(w, &err), GM_OK);
    char *text = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_msg(strstr(text, "\"surface\": \"Xank\",") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "\"surface\": \"Baku\",") != NULL, "%s", text);
    free(text);
    free(path);
}
END_TEST

/* Every integer below 10^5 and random ones of every length, as printf
 * writes them: the writer makes eight digits at once with multiplications
 * that are exact only below the bounds these reach. */
START_TEST(integers_as_printf_writes_them)
{
    const gm_layer_def *def = gm_fields_layer(GM_LAYER_MENTIONS);
    gm_field_plan plans[16];
    gm_fields_plan(def, false, plans);
    char *path = gm_test_path_in(tmpdir, "ints.geojsonl");
    gm_geojsonseq_options o = { path, "ints", def, plans, false };
    gm_geojsonseq *w = NULL;
    gm_error err;
    ck_assert_int_eq(gm_geojsonseq_open(&o, &w, &err), GM_OK);
    enum { N = 100000 };
    int64_t *v = malloc(3 * N * sizeof *v);
    ck_assert_ptr_nonnull(v);
    rng_state = 0x2545f4914f6cdd1dULL;
    for (int64_t k = 0; k < N; k++) {
        /* start: k; end: a random length of 1 to 19 digits, signed; the
         * place id: 64 random bits */
        uint64_t limit = 10;
        for (int64_t d = 0; d < k % 19; d++)
            limit *= 10;
        int64_t e = (int64_t)(rnd() % limit);
        v[3 * k] = k;
        v[3 * k + 1] = k % 2 ? -e : e;
        v[3 * k + 2] = (int64_t)rnd();
        gm_mention_rec m = { "a", v[3 * k], v[3 * k + 1], "s",
                             v[3 * k + 2], "p", "AZ", 0.5, 1, 2 };
        /* no passing check per record: each one costs Check a write */
        if (gm_geojsonseq_write(w, &m, 1, 2, &err) != GM_OK)
            ck_abort_msg("record %lld: %s", (long long)k, err.msg);
    }
    ck_assert_int_eq(gm_geojsonseq_close(w, &err), GM_OK);
    char *text = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    const char *line = text;
    for (size_t k = 0; k < N; k++) {
        char want[256];
        snprintf(want, sizeof want,
                 "\"start\": %lld, \"end\": %lld, \"surface\": \"s\", "
                 "\"place_id\": %lld,",
                 (long long)v[3 * k], (long long)v[3 * k + 1],
                 (long long)v[3 * k + 2]);
        const char *nl = strchr(line, '\n');
        if (!nl)
            ck_abort_msg("%zu lines, %d written", k, (int)N);
        /* the line alone: strstr on the rest of the file would read it all
         * under ASan, which measures its arguments */
        char got[512];
        size_t n = (size_t)(nl - line);
        if (n >= sizeof got)
            ck_abort_msg("%zu: a line of %zu bytes", k, n);
        memcpy(got, line, n);
        got[n] = '\0';
        if (!strstr(got, want))
            ck_abort_msg("%zu: %s not in %s", k, want, got);
        line = nl + 1;
    }
    ck_assert_str_eq(line, "");
    free(text);
    free(v);
    free(path);
}
END_TEST

/* A full disk is an error naming the output, at the write that fails or
 * at close. */
START_TEST(full_disk_is_an_error)
{
    if (access("/dev/full", W_OK) != 0) {
        fprintf(stderr, "test_geojsonseq: no /dev/full, case skipped\n");
        return;
    }
    const gm_layer_def *def = gm_fields_layer(GM_LAYER_MENTIONS);
    gm_field_plan plans[16];
    gm_fields_plan(def, false, plans);
    gm_geojsonseq_options o = { "/dev/full", "out/m.geojsonl", def, plans,
                                false };
    gm_geojsonseq *w = NULL;
    gm_error err;
    ck_assert_int_eq(gm_geojsonseq_open(&o, &w, &err), GM_OK);
    gm_mention_rec m = { "a", 0, 8, "Xankəndi", 1, "x", "AZ", 0.5, 1, 2 };
    gm_status st = GM_OK;
    for (int i = 0; i < 10 && st == GM_OK; i++)
        st = gm_geojsonseq_write(w, &m, 1, 2, &err);
    ck_assert_int_eq(st, GM_OK); /* still in the buffer */
    ck_assert_int_eq(gm_geojsonseq_close(w, &err), GM_E_IO);
    ck_assert_str_eq(err.path, "out/m.geojsonl");
    ck_assert_msg(strstr(err.msg, "the file was not written completely") &&
                      strstr(err.msg, strerror(ENOSPC)),
                  "%s", err.msg);

    ck_assert_int_eq(gm_geojsonseq_open(&o, &w, &err), GM_OK);
    for (int i = 0; i < 100000 && st == GM_OK; i++)
        st = gm_geojsonseq_write(w, &m, 1, 2, &err);
    ck_assert_int_eq(st, GM_E_IO); /* when the first buffer goes out */
    ck_assert_int_eq(gm_geojsonseq_write(w, &m, 1, 2, &err), GM_E_IO);
    gm_geojsonseq_abort(w);
}
END_TEST

START_TEST(cannot_create_names_the_output)
{
    const gm_layer_def *def = gm_fields_layer(GM_LAYER_PLACES);
    gm_field_plan plans[16];
    gm_fields_plan(def, false, plans);
    char *path = gm_test_path_in(tmpdir, "missing/places.geojsonl");
    gm_geojsonseq_options o = { path, "out/places.geojsonl", def, plans,
                                false };
    gm_geojsonseq *w = (gm_geojsonseq *)&o;
    gm_error err;
    ck_assert_int_eq(gm_geojsonseq_open(&o, &w, &err), GM_E_IO);
    ck_assert_ptr_null(w);
    ck_assert_str_eq(err.path, "out/places.geojsonl");
    ck_assert_int_eq(err.sys_errno, ENOENT);

    plans[0].type = OFTDate; /* not a plan of GeoJSONSeq */
    ck_assert_int_eq(gm_geojsonseq_open(&o, &w, &err), GM_E_USAGE);
    ck_assert_ptr_null(w);
    free(path);
}
END_TEST

/* --- geomap extract, both routes ----------------------------------------- */

/* Runs geomap with args (stderr to tmpdir/stderr); its exit status. */
static int geomap(const char *args)
{
    const char *bin = getenv("GEOMAP_BIN");
    ck_assert_msg(bin != NULL, "GEOMAP_BIN is not set (run through ctest)");
    gm_buf cmd = GM_BUF_INIT;
    gm_buf_printf(&cmd, "'%s' %s 2>'%s/stderr'", bin, args, tmpdir);
    int status = system(cmd.data);
    gm_buf_free(&cmd);
    ck_assert(status != -1 && WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* The examples to GeoJSONSeq, directly and through GDAL's driver, which
 * -lco SIGNIFICANT_FIGURES=17 (GDAL's default: the same bytes) selects: the
 * three layers and their styles, and each layer to standard output. */
START_TEST(extract_examples_both_routes)
{
    static const char *const gdal[] = { "SIGNIFICANT_FIGURES=17", NULL };
    ck_assert(!gm_geojsonseq_accepts(gdal, NULL));
    const char *inputs = GM_TEST_SOURCE_DIR "/examples/articles' '"
                         GM_TEST_SOURCE_DIR "/examples/batch.jsonl";
    gm_buf args = GM_BUF_INIT;
    gm_buf_printf(&args, "extract '%s' -o '%s/direct' -f GeoJSONSeq -q",
                  inputs, tmpdir);
    int direct = geomap(args.data);
    gm_buf_clear(&args);
    gm_buf_printf(&args, "extract '%s' -o '%s/gdal' -f GeoJSONSeq -q "
                  "-lco SIGNIFICANT_FIGURES=17", inputs, tmpdir);
    int through_gdal = geomap(args.data);
    ck_assert_int_eq(direct, through_gdal);
    ck_assert_int_eq(direct, 1); /* one line of batch.jsonl is broken */
    char *d = gm_test_path_in(tmpdir, "direct");
    char *g = gm_test_path_in(tmpdir, "gdal");
    gm_test_assert_listing(d, "events.geojsonl\nevents.qml\n"
                              "mentions.geojsonl\nmentions.qml\n"
                              "places.geojsonl\nplaces.qml\n");
    assert_same_dirs(d, g);
    free(d);
    free(g);

    static const char *const layers[] = { "places", "mentions", "events" };
    for (size_t i = 0; i < COUNT(layers); i++) {
        for (int via_gdal = 0; via_gdal <= 1; via_gdal++) {
            gm_buf_clear(&args);
            gm_buf_printf(&args, "extract '%s' -o - --layers %s -q %s "
                          ">'%s/%s-%d.out'", inputs, layers[i],
                          via_gdal ? "-lco SIGNIFICANT_FIGURES=17" : "", tmpdir,
                          layers[i], via_gdal);
            ck_assert_int_eq(geomap(args.data), 1);
        }
        gm_buf a = GM_BUF_INIT, b = GM_BUF_INIT;
        gm_buf_printf(&a, "%s/%s-0.out", tmpdir, layers[i]);
        gm_buf_printf(&b, "%s/%s-1.out", tmpdir, layers[i]);
        assert_same_files(a.data, b.data);
        gm_buf_free(&a);
        gm_buf_free(&b);
    }
    gm_buf_free(&args);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("geojsonseq");
    TCase *tc = tcase_create("geojsonseq");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, places_edge_cases);
    tcase_add_test(tc, mentions_edge_cases);
    tcase_add_test(tc, events_edge_cases);
    tcase_add_test(tc, all_layers_in_a_directory);
    tcase_add_test(tc, escapes_at_every_place);
    tcase_add_test(tc, values_again_from_the_caches);
    tcase_add_test(tc, random_batch);
    tcase_add_test(tc, coordinates_as_ogr_formats_them);
    tcase_add_test(tc, coordinates_at_other_precisions);
    tcase_add_test(tc, g_format_as_printf);
    tcase_add_test(tc, reals_as_ogr_formats_them);
    tcase_add_test(tc, record_separators);
    tcase_add_test(tc, precision_option_and_layer_name);
    tcase_add_test(tc, append_to_an_earlier_output);
    tcase_add_test(tc, overwrite_an_earlier_output);
    tcase_add_test(tc, standard_output);
    tcase_add_loop_test(tc, options_the_direct_writer_takes, 0,
                        COUNT(option_cases));
    tcase_add_test(tc, other_options_go_to_gdal);
    tcase_add_test(tc, truncation_is_counted);
    tcase_add_test(tc, integers_as_printf_writes_them);
    tcase_add_test(tc, full_disk_is_an_error);
    tcase_add_test(tc, cannot_create_names_the_output);
    tcase_add_test(tc, extract_examples_both_routes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
