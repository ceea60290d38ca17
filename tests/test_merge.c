/* Sharded runs end to end: runs the geomap binary (GEOMAP_BIN, set by
 * CTest) as extract --shard K/N and merge, and compares the merged layers
 * with one extract over the whole input: line by line after sorting (the
 * issue's acceptance), and byte for byte against one extract over the input
 * sorted by article id (the merge's documented order). Also: shards are
 * disjoint and cover the input, a missing or repeated shard or a stale
 * manifest is refused with nothing written, a rerun shard replaces its
 * output, -o - streams one layer to standard output while the input is
 * still coming (nothing when the run fails before the first feature), and
 * the usage errors of --shard, -o - and merge. */
#include <check.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

/* The batches' sizes: 2,000 articles, and the 10,000; a tenth of
 * each when GEOMAP_TEST_SLOW_RUNNER=1 says the suite runs under valgrind
 * (tests/valgrind/run.sh), where memory errors show on fewer articles just
 * as well and the full sizes would take most of an hour. Every check still
 * runs. */
static unsigned batch_articles = 2000, large_articles = 10000;
#define SHARDS 4

static char *tmpdir;
static char scrambled[4096], sorted_batch[4096];

static const char *const layer_names[] = { "places", "mentions", "events" };

/* Runs "geomap ARGS" with stdout and stderr captured in tmpdir; returns
 * the exit status. */
static int geomap(const char *args)
{
    const char *bin = getenv("GEOMAP_BIN");
    ck_assert_msg(bin != NULL, "GEOMAP_BIN is not set (run through ctest)");
    char cmd[16384];
    snprintf(cmd, sizeof cmd, "'%s' %s >'%s/stdout' 2>'%s/stderr' </dev/null",
             bin, args, tmpdir, tmpdir);
    int status = system(cmd);
    ck_assert_msg(status != -1 && WIFEXITED(status), "geomap did not exit");
    return WEXITSTATUS(status);
}

static void assert_stderr_has(const char *needle)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/stderr", tmpdir);
    char *err = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, needle) != NULL, "stderr lacks '%s':\n%s",
                  needle, err);
    free(err);
}

/* The merge's summary says it merged n articles of 4 shards. */
static void assert_merged_count(unsigned n)
{
    char needle[128];
    snprintf(needle, sizeof needle,
             "4 shards merged (%u articles mapped, 0 rejected)", n);
    assert_stderr_has(needle);
}

static bool exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* The article of number i: places of the embedded default gazetteer and
 * event triggers, varied by i, dates over a year. */
static void article_line(FILE *f, unsigned i)
{
    static const char *const cities[] = {
        "Baku", "Yerevan", "Kyiv", "Berlin", "Madrid", "Cairo", "Tehran",
        "Ankara", "Nairobi", "Lagos", "Lima", "Bogota", "Hanoi", "Manila",
        "Karachi", "Dhaka", "Warsaw", "Prague", "Vienna", "Athens" };
    static const char *const countries[] = {
        "France", "Germany", "Egypt", "Kenya", "Peru", "Japan", "Brazil",
        "Canada", "Poland", "Turkey", "Iran", "India" };
    /* Each happening: text before the place, text after it. */
    static const char *const happenings[][2] = {
        { "Protesters marched in ", " on Tuesday, police said." },
        { "Shelling hit the outskirts of ",
          " overnight, killing three people." },
        { "Officials from ", " arrived for talks on trade." },
        { "Aid convoys reached ", " yesterday." },
        { "Markets in ", " closed higher." } };
    unsigned n_cities = sizeof cities / sizeof cities[0];
    unsigned n_countries = sizeof countries / sizeof countries[0];
    unsigned n_happenings = sizeof happenings / sizeof happenings[0];
    char one[256], two[256];
    const char *const *h1 = happenings[i % n_happenings];
    const char *const *h2 = happenings[(i / 3) % n_happenings];
    snprintf(one, sizeof one, "%s%s%s", h1[0], cities[(i * 7) % n_cities],
             h1[1]);
    snprintf(two, sizeof two, "%s%s%s", h2[0],
             countries[(i * 5) % n_countries], h2[1]);
    fprintf(f, "{\"id\": \"art-%05u\", \"date\": \"2024-%02u-%02u\", "
            "\"text\": \"%s %s The ministry of %s said so.\"}\n", i,
            1 + i % 12, 1 + i % 28, one, two, countries[i % n_countries]);
}

/* The batch twice: in a scrambled order (ids not sorted) and sorted. */
static void write_batches(void)
{
    snprintf(scrambled, sizeof scrambled, "%s/batch.jsonl", tmpdir);
    snprintf(sorted_batch, sizeof sorted_batch, "%s/sorted.jsonl", tmpdir);
    FILE *f = fopen(scrambled, "w");
    FILE *g = fopen(sorted_batch, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(g);
    for (unsigned i = 0; i < batch_articles; i++) {
        article_line(f, (i * 7919u) % batch_articles); /* 7919 is prime */
        article_line(g, i);
    }
    fclose(f);
    fclose(g);
}

static void setup(void)
{
    const char *slow = getenv("GEOMAP_TEST_SLOW_RUNNER");
    if (slow && strcmp(slow, "1") == 0) {
        batch_articles /= 10;
        large_articles /= 10;
    }
    tmpdir = gm_test_tmpdir();
    write_batches();
}

static void teardown(void)
{
    gm_test_rmtree(tmpdir);
    free(tmpdir);
}

static char *read_layer(const char *dir, const char *layer)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s.geojsonl", dir, layer);
    char *text = gm_test_read_file(path, NULL);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    return text;
}

static int cmp_lines(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* text's lines sorted, joined again by '\n'. Owned. */
static char *sorted_lines(const char *text)
{
    char *copy = strdup(text);
    size_t n = 0, cap = 1024;
    char **lines = malloc(cap * sizeof *lines);
    for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l;
         l = strtok_r(NULL, "\n", &save)) {
        if (n == cap)
            lines = realloc(lines, (cap *= 2) * sizeof *lines);
        lines[n++] = l;
    }
    qsort(lines, n, sizeof *lines, cmp_lines);
    char *out = calloc(1, strlen(text) + 2), *end = out;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(lines[i]);
        memcpy(end, lines[i], len);
        end[len] = '\n';
        end += len + 1;
    }
    free(lines);
    free(copy);
    return out;
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (; *text; text++)
        n += *text == '\n';
    return n;
}

/* Every layer of the GeoJSONSeq directories a and b: equal after sorting
 * their lines, or byte for byte. */
static void assert_same_layers(const char *a, const char *b, bool bytes)
{
    for (size_t i = 0; i < 3; i++) {
        char *x = read_layer(a, layer_names[i]);
        char *y = read_layer(b, layer_names[i]);
        if (!bytes) {
            char *sx = sorted_lines(x), *sy = sorted_lines(y);
            free(x);
            free(y);
            x = sx;
            y = sy;
        }
        ck_assert_msg(strcmp(x, y) == 0, "%s differs between %s and %s%s",
                      layer_names[i], a, b, bytes ? "" : " after sorting");
        free(x);
        free(y);
    }
}

/* extract --shard K/N of inputs into tmpdir/<stem>K (format -f fmt, ext
 * appended to the name when not NULL); returns the statuses' maximum. */
static int run_shards(const char *inputs, const char *stem, const char *fmt,
                      const char *ext, unsigned n)
{
    int worst = 0;
    for (unsigned k = 1; k <= n; k++) {
        char args[12288];
        snprintf(args, sizeof args,
                 "extract %s -o '%s/%s%u%s' -f %s --shard %u/%u -q", inputs,
                 tmpdir, stem, k, ext ? ext : "", fmt, k, n);
        int st = geomap(args);
        ck_assert_msg(st == 0 || st == 1, "shard %u/%u exited %d", k, n, st);
        if (st > worst)
            worst = st;
    }
    return worst;
}

/* "merge tmpdir/<stem>1<ext> ... -o tmpdir/<out> -f GeoJSONSeq", the
 * shards listed as in `only` (a string of digits) or all n. */
static int merge(const char *stem, const char *ext, unsigned n,
                 const char *only, const char *out, const char *extra)
{
    char args[16384];
    int len = snprintf(args, sizeof args, "merge");
    for (unsigned k = 1; k <= n; k++) {
        if (only && !strchr(only, (char)('0' + k)))
            continue;
        len += snprintf(args + len, sizeof args - (size_t)len, " '%s/%s%u%s'",
                        tmpdir, stem, k, ext ? ext : "");
    }
    snprintf(args + len, sizeof args - (size_t)len,
             " -o '%s/%s' -f GeoJSONSeq %s", tmpdir, out, extra ? extra : "");
    return geomap(args);
}

static void single_run(const char *inputs, const char *out, int expect)
{
    char args[12288];
    snprintf(args, sizeof args, "extract %s -o '%s/%s' -f GeoJSONSeq -q",
             inputs, tmpdir, out);
    ck_assert_int_eq(geomap(args), expect);
}

/* ---- the examples: 4 shards merged equal one run ----------------------- */

START_TEST(test_examples_four_shards)
{
    char inputs[8192];
    snprintf(inputs, sizeof inputs, "'%s/examples/batch.jsonl' "
             "'%s/examples/articles' '%s/examples/html' "
             "'%s/examples/articles.csv'", GM_TEST_SOURCE_DIR,
             GM_TEST_SOURCE_DIR, GM_TEST_SOURCE_DIR, GM_TEST_SOURCE_DIR);
    /* The broken line of batch.jsonl is reported by one shard only. */
    ck_assert_int_eq(run_shards(inputs, "ex", "GeoJSONSeq", NULL, SHARDS),
                     1);
    single_run(inputs, "ex-single", 1);
    ck_assert_int_eq(merge("ex", NULL, SHARDS, NULL, "ex-merged", NULL), 0);
    char a[4200], b[4200];
    snprintf(a, sizeof a, "%s/ex-merged", tmpdir);
    snprintf(b, sizeof b, "%s/ex-single", tmpdir);
    assert_same_layers(a, b, false);
    char *mentions = read_layer(a, "mentions");
    ck_assert_uint_gt(count_lines(mentions), 20);
    free(mentions);
}
END_TEST

/* ---- 2,000 articles, 4 shards, three shard formats --------------------- */

START_TEST(test_batch_four_shards)
{
    char inputs[4200];
    snprintf(inputs, sizeof inputs, "'%s'", scrambled);
    ck_assert_int_eq(run_shards(inputs, "b", "GeoJSONSeq", NULL, SHARDS), 0);
    single_run(inputs, "b-single", 0);
    snprintf(inputs, sizeof inputs, "'%s'", sorted_batch);
    single_run(inputs, "b-sorted", 0);
    ck_assert_int_eq(merge("b", NULL, SHARDS, NULL, "b-merged", NULL), 0);
    assert_merged_count(batch_articles);

    char merged[4200], single[4200], sorted_run[4200];
    snprintf(merged, sizeof merged, "%s/b-merged", tmpdir);
    snprintf(single, sizeof single, "%s/b-single", tmpdir);
    snprintf(sorted_run, sizeof sorted_run, "%s/b-sorted", tmpdir);
    assert_same_layers(merged, single, false);
    /* The merge's order is the order of one run over the input sorted by
     * id: byte for byte. */
    assert_same_layers(merged, sorted_run, true);
    char *mentions = read_layer(merged, "mentions");
    char *events = read_layer(merged, "events");
    ck_assert_uint_ge(count_lines(mentions), batch_articles * 2);
    ck_assert_uint_gt(count_lines(events), batch_articles / 2);
    free(mentions);
    free(events);

    /* GPKG and FlatGeobuf shards merge to the same bytes. */
    snprintf(inputs, sizeof inputs, "'%s'", scrambled);
    ck_assert_int_eq(run_shards(inputs, "g", "GPKG", ".gpkg", SHARDS), 0);
    ck_assert_int_eq(merge("g", ".gpkg", SHARDS, NULL, "g-merged", NULL), 0);
    char other[4200];
    snprintf(other, sizeof other, "%s/g-merged", tmpdir);
    assert_same_layers(other, merged, true);
    ck_assert_int_eq(run_shards(inputs, "f", "FlatGeobuf", NULL, SHARDS), 0);
    ck_assert_int_eq(merge("f", NULL, SHARDS, NULL, "f-merged", NULL), 0);
    snprintf(other, sizeof other, "%s/f-merged", tmpdir);
    assert_same_layers(other, merged, true);

    /* Into a GeoPackage: the exporter's every format. */
    char args[16384];
    snprintf(args, sizeof args, "merge '%s/b1' '%s/b2' '%s/b3' '%s/b4' "
             "-o '%s/all.gpkg' -q", tmpdir, tmpdir, tmpdir, tmpdir, tmpdir);
    ck_assert_int_eq(geomap(args), 0);
    snprintf(other, sizeof other, "%s/all.gpkg", tmpdir);
    ck_assert(exists(other));
}
END_TEST

/* ---- shards are disjoint and cover the input --------------------------- */

START_TEST(test_shards_partition)
{
    char inputs[4200];
    snprintf(inputs, sizeof inputs, "'%s'", scrambled);
    ck_assert_int_eq(run_shards(inputs, "p", "GeoJSONSeq", NULL, 3), 0);
    unsigned long mapped_sum = 0;
    for (unsigned k = 1; k <= 3; k++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/.p%u.geomap-shard", tmpdir, k);
        char *m = gm_test_read_file(path, NULL);
        ck_assert_msg(m != NULL, "no manifest %s", path);
        char want[64];
        snprintf(want, sizeof want, "shard %u/3\n", k);
        ck_assert_ptr_nonnull(strstr(m, want));
        unsigned long read = 0, mapped = 0, other = 0;
        ck_assert_ptr_nonnull(strstr(m, "\nread "));
        sscanf(strstr(m, "\nread ") + 6, "%lu", &read);
        sscanf(strstr(m, "\nmapped ") + 8, "%lu", &mapped);
        sscanf(strstr(m, "\nother_shards ") + 14, "%lu", &other);
        ck_assert_uint_eq(read, batch_articles);
        ck_assert_uint_eq(mapped + other, batch_articles);
        /* A fair hash: no shard is empty or holds most of the batch. */
        ck_assert_uint_gt(mapped, batch_articles / 6);
        ck_assert_uint_lt(mapped, batch_articles / 2);
        mapped_sum += mapped;
        free(m);
    }
    ck_assert_uint_eq(mapped_sum, batch_articles);
}
END_TEST

/* ---- an incomplete or wrong set: refused, nothing written -------------- */

START_TEST(test_missing_shard_refused)
{
    char inputs[4200];
    snprintf(inputs, sizeof inputs, "'%s'", scrambled);
    ck_assert_int_eq(run_shards(inputs, "m", "GeoJSONSeq", NULL, SHARDS), 0);
    char out[4200];
    snprintf(out, sizeof out, "%s/m-merged", tmpdir);

    ck_assert_int_eq(merge("m", NULL, SHARDS, "124", "m-merged", NULL), 3);
    assert_stderr_has("incomplete set of shards: missing 3/4");
    ck_assert(!exists(out));
    ck_assert_int_eq(merge("m", NULL, SHARDS, "1", "m-merged", NULL), 3);
    assert_stderr_has("missing 2/4, 3/4, 4/4 (3 of 4)");
    ck_assert(!exists(out));

    /* A shard given twice. */
    char args[16384];
    snprintf(args, sizeof args, "merge '%s/m1' '%s/m2' '%s/m2' '%s/m3' "
             "'%s/m4' -o '%s'", tmpdir, tmpdir, tmpdir, tmpdir, tmpdir, out);
    ck_assert_int_eq(geomap(args), 3);
    assert_stderr_has("is shard 2/4, as");
    ck_assert(!exists(out));

    /* --expect another N. */
    ck_assert_int_eq(merge("m", NULL, SHARDS, NULL, "m-merged",
                           "--expect 5"), 3);
    assert_stderr_has("is shard 1/4, not one of 5 shards (--expect)");
    ck_assert(!exists(out));

    /* A shard whose run failed before its manifest: it is missing. */
    char manifest[4200];
    snprintf(manifest, sizeof manifest, "%s/.m4.geomap-shard", tmpdir);
    char *saved = gm_test_read_file(manifest, NULL);
    ck_assert_ptr_nonnull(saved);
    ck_assert_int_eq(remove(manifest), 0);
    ck_assert_int_eq(merge("m", NULL, SHARDS, NULL, "m-merged", NULL), 3);
    assert_stderr_has("m4: no shard manifest (.m4.geomap-shard)");
    ck_assert(!exists(out));

    /* A manifest that does not match its output (a stale one). */
    char *stale = strdup(saved);
    char *at = strstr(stale, "\nmentions ");
    ck_assert_ptr_nonnull(at);
    at[10] = at[10] == '9' ? '1' : (char)(at[10] + 1);
    gm_test_write_file(manifest, stale, strlen(stale));
    ck_assert_int_eq(merge("m", NULL, SHARDS, NULL, "m-merged", NULL), 3);
    assert_stderr_has("its manifest says");
    assert_stderr_has("rerun shard 4/4");
    ck_assert(!exists(out));
    gm_test_write_file(manifest, saved, strlen(saved));
    free(stale);
    free(saved);

    ck_assert_int_eq(merge("m", NULL, SHARDS, NULL, "m-merged", NULL), 0);
    ck_assert(exists(out));
}
END_TEST

/* ---- rerunning a shard replaces it: no duplicates ---------------------- */

START_TEST(test_rerun_shard_replaces)
{
    char inputs[4200];
    snprintf(inputs, sizeof inputs, "'%s'", scrambled);
    ck_assert_int_eq(run_shards(inputs, "r", "GeoJSONSeq", NULL, SHARDS), 0);
    ck_assert_int_eq(merge("r", NULL, SHARDS, NULL, "r-first", NULL), 0);
    char args[12288];
    snprintf(args, sizeof args, "extract %s -o '%s/r2' -f GeoJSONSeq "
             "--shard 2/4 -q", inputs, tmpdir);
    ck_assert_int_eq(geomap(args), 0);
    ck_assert_int_eq(merge("r", NULL, SHARDS, NULL, "r-second", NULL), 0);
    char a[4200], b[4200];
    snprintf(a, sizeof a, "%s/r-first", tmpdir);
    snprintf(b, sizeof b, "%s/r-second", tmpdir);
    assert_same_layers(a, b, true);
}
END_TEST

/* ---- 10,000 articles, 4 shards: the acceptance batch ------------ */

START_TEST(test_ten_thousand_four_shards)
{
    char large[4200], inputs[4300];
    snprintf(large, sizeof large, "%s/large.jsonl", tmpdir);
    FILE *f = fopen(large, "w");
    ck_assert_ptr_nonnull(f);
    for (unsigned i = 0; i < large_articles; i++)
        article_line(f, (i * 7919u) % large_articles); /* scrambled ids */
    ck_assert_int_eq(fclose(f), 0);
    snprintf(inputs, sizeof inputs, "'%s'", large);

    ck_assert_int_eq(run_shards(inputs, "t", "GeoJSONSeq", NULL, SHARDS), 0);
    single_run(inputs, "t-single", 0);
    ck_assert_int_eq(merge("t", NULL, SHARDS, NULL, "t-merged", NULL), 0);
    assert_merged_count(large_articles);
    char merged[4200], single[4200];
    snprintf(merged, sizeof merged, "%s/t-merged", tmpdir);
    snprintf(single, sizeof single, "%s/t-single", tmpdir);
    assert_same_layers(merged, single, false);
    char *mentions = read_layer(merged, "mentions");
    char *events = read_layer(merged, "events");
    ck_assert_uint_ge(count_lines(mentions), large_articles * 2);
    ck_assert_uint_gt(count_lines(events), large_articles / 2);
    free(mentions);
    free(events);
}
END_TEST

/* ---- -o -: one layer of GeoJSONSeq on standard output ------------------ */

/* Runs "geomap ARGS <in >out", stderr captured; returns the exit status. */
static int geomap_piped(const char *args, const char *in, const char *out)
{
    const char *bin = getenv("GEOMAP_BIN");
    ck_assert_msg(bin != NULL, "GEOMAP_BIN is not set (run through ctest)");
    char cmd[16384];
    snprintf(cmd, sizeof cmd, "'%s' %s <'%s' >'%s' 2>'%s/stderr'", bin, args,
             in, out, tmpdir);
    int status = system(cmd);
    ck_assert_msg(status != -1 && WIFEXITED(status), "geomap did not exit");
    return WEXITSTATUS(status);
}

START_TEST(test_stdout_stream)
{
    char out[4200], single[4200], args[12288];
    for (unsigned k = 1; k <= 2; k++) {
        snprintf(out, sizeof out, "%s/stream-%u.geojsonl", tmpdir, k);
        snprintf(args, sizeof args, "extract - -o - -f GeoJSONSeq --layers "
                 "mentions --shard %u/2 -q", k);
        ck_assert_int_eq(geomap_piped(args, scrambled, out), 0);
    }
    snprintf(single, sizeof single, "%s/stream-single", tmpdir);
    snprintf(args, sizeof args, "extract '%s' -o '%s' -f GeoJSONSeq "
             "--layers mentions -q", scrambled, single);
    ck_assert_int_eq(geomap(args), 0);

    /* The two streams together are the single run's mentions. */
    char path[4200];
    snprintf(path, sizeof path, "%s/stream-1.geojsonl", tmpdir);
    char *one = gm_test_read_file(path, NULL);
    snprintf(path, sizeof path, "%s/stream-2.geojsonl", tmpdir);
    char *two = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(one);
    ck_assert_ptr_nonnull(two);
    ck_assert_uint_gt(strlen(one), 0);
    ck_assert_uint_gt(strlen(two), 0);
    char *both = malloc(strlen(one) + strlen(two) + 1);
    strcpy(both, one);
    strcat(both, two);
    char *got = sorted_lines(both);
    char *want_text = read_layer(single, "mentions");
    char *want = sorted_lines(want_text);
    ck_assert_msg(strcmp(got, want) == 0,
                  "the streamed shards differ from the single run");
    free(one);
    free(two);
    free(both);
    free(got);
    free(want_text);
    free(want);

    /* A failed run writes nothing to standard output. */
    snprintf(out, sizeof out, "%s/stream-failed", tmpdir);
    ck_assert_int_eq(geomap_piped("extract - -o - --layers mentions -q "
                                  "--gazetteer /nonexistent.gmz",
                                  scrambled, out), 3);
    size_t len = 1;
    char *nothing = gm_test_read_file(out, &len);
    ck_assert_ptr_nonnull(nothing);
    ck_assert_uint_eq(len, 0);
    free(nothing);
}
END_TEST

/* Features reach standard output while the input is still open (engines
 * that pipe feed a task's input as it comes): the test writes articles into
 * geomap's standard input, keeps it open, and waits for the first features
 * before it closes it. The wait is bounded only to turn a hang into a
 * failure. */
#define STREAM_ARTICLES 100
#define STREAM_WAIT_MS 120000

START_TEST(test_stdout_streams_before_input_ends)
{
    const char *bin = getenv("GEOMAP_BIN");
    ck_assert_msg(bin != NULL, "GEOMAP_BIN is not set (run through ctest)");
    signal(SIGPIPE, SIG_IGN); /* a dead child must fail the test, not kill it */
    int in[2], out[2];
    ck_assert_int_eq(pipe(in), 0);
    ck_assert_int_eq(pipe(out), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        execl(bin, bin, "extract", "-", "-o", "-", "--layers", "mentions",
              "-q", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    FILE *to_geomap = fdopen(in[1], "w");
    ck_assert_ptr_nonnull(to_geomap);
    for (unsigned i = 0; i < STREAM_ARTICLES; i++)
        article_line(to_geomap, i);
    ck_assert_int_eq(fflush(to_geomap), 0);

    struct pollfd ready = { out[0], POLLIN, 0 };
    ck_assert_msg(poll(&ready, 1, STREAM_WAIT_MS) == 1,
                  "no feature on standard output while the input was open");
    char first[64];
    ssize_t got = read(out[0], first, sizeof first - 1);
    ck_assert_int_gt(got, 0);
    first[got] = '\0';
    static const char feature[] = "{ \"type\": \"Feature\"";
    ck_assert_msg(strncmp(first, feature, sizeof feature - 1) == 0,
                  "standard output does not start with a feature: %s", first);

    ck_assert_int_eq(fclose(to_geomap), 0); /* the end of the input */
    size_t lines = 0;
    char buf[65536];
    while ((got = read(out[0], buf, sizeof buf)) > 0)
        for (ssize_t i = 0; i < got; i++)
            lines += buf[i] == '\n';
    close(out[0]);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    ck_assert_uint_ge(lines, STREAM_ARTICLES * 2);
}
END_TEST

/* ---- Slurm: a one-node cluster on this machine --------------------------- */

/* Opt-in (GEOMAP_SLURM_TEST=1): it starts munged, slurmctld and slurmd as
 * root, which a shared machine's every test run should not do. The script
 * skips (77) without root or the packages. */
START_TEST(test_slurm_local_cluster)
{
    const char *on = getenv("GEOMAP_SLURM_TEST");
    if (!on || strcmp(on, "1") != 0) {
        fprintf(stderr, "test_merge: Slurm test skipped (set "
                "GEOMAP_SLURM_TEST=1 to run it, as root, with slurm-wlm "
                "and munge installed)\n");
        return;
    }
    char cmd[12288];
    snprintf(cmd, sizeof cmd,
             "sh '%s/examples/slurm/local-cluster-test.sh' '%s' %d "
             ">'%s/slurm.out' 2>&1", GM_TEST_SOURCE_DIR, getenv("GEOMAP_BIN"),
             SHARDS, tmpdir);
    int status = system(cmd);
    ck_assert(status != -1 && WIFEXITED(status));
    char path[4200];
    snprintf(path, sizeof path, "%s/slurm.out", tmpdir);
    char *out = gm_test_read_file(path, NULL);
    if (WEXITSTATUS(status) == 77)
        fprintf(stderr, "test_merge: %s", out ? out : "Slurm test skipped\n");
    else
        ck_assert_msg(WEXITSTATUS(status) == 0, "Slurm test failed:\n%s",
                      out ? out : "");
    free(out);
}
END_TEST

/* ---- usage errors -------------------------------------------------------- */

static const struct {
    const char *args;
    const char *message;
} usage_table[] = {
    { "extract x.jsonl -o out --shard 0/4", "--shard takes K/N" },
    { "extract x.jsonl -o out --shard 5/4", "--shard takes K/N" },
    { "extract x.jsonl -o out --shard 2", "--shard takes K/N" },
    { "extract x.jsonl -o out --shard -1/4", "--shard takes K/N" },
    { "extract x.jsonl -o out --shard 1/4x", "--shard takes K/N" },
    { "extract x.jsonl -o out --shard 1/2 -append",
      "--shard and -append exclude each other" },
    { "extract x.jsonl -o -", "-o - writes one layer" },
    { "extract x.jsonl -o - --layers mentions -f GPKG",
      "-o - writes GeoJSONSeq only, not GPKG" },
    { "extract x.jsonl -o - --layers mentions -append", "-o - cannot" },
    { "merge -o out", "no PART given" },
    { "merge a b", "no output given (-o OUT)" },
    { "merge a -o out --expect 0", "--expect takes a number of shards" },
    { "merge a -o -", "merge writes files: -o - is not for it" },
    { "merge a -o out --bogus", "unknown option --bogus" },
};

START_TEST(test_usage)
{
    ck_assert_int_eq(geomap(usage_table[_i].args), 2);
    assert_stderr_has(usage_table[_i].message);
}
END_TEST

START_TEST(test_merge_help)
{
    ck_assert_int_eq(geomap("merge --help"), 0);
    char path[4200];
    snprintf(path, sizeof path, "%s/stdout", tmpdir);
    char *out = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(strstr(out, "Usage: geomap merge PART... -o OUT"));
    ck_assert_ptr_nonnull(strstr(out, "--expect N"));
    free(out);
}
END_TEST

/* The README's option list of geomap merge is what --help prints. */
START_TEST(test_readme_lists_merge_options)
{
    ck_assert_int_eq(geomap("merge --help"), 0);
    char path[4200];
    snprintf(path, sizeof path, "%s/stdout", tmpdir);
    char *help = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(help);
    const char *opts = strstr(help, "Options:\n");
    ck_assert_ptr_nonnull(opts);
    opts += strlen("Options:\n");
    snprintf(path, sizeof path, "%s/README.md", GM_TEST_SOURCE_DIR);
    char *readme = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(readme);
    const char *section = strstr(readme, "#### `geomap merge PART... -o OUT "
                                         "[options]`\n```\n");
    ck_assert_msg(section != NULL, "README has no geomap merge option list");
    section = strchr(strchr(section, '\n') + 1, '\n') + 1;
    const char *fence = strstr(section, "```\n");
    ck_assert_ptr_nonnull(fence);
    ck_assert_msg(strlen(opts) == (size_t)(fence - section) &&
                      !strncmp(opts, section, strlen(opts)),
                  "README's merge option list differs from --help:\n%.*s\n"
                  "---\n%s", (int)(fence - section), section, opts);
    free(readme);
    free(help);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("merge");
    TCase *tc = tcase_create("sharded runs");
    tcase_set_timeout(tc, 300);
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_examples_four_shards);
    tcase_add_test(tc, test_batch_four_shards);
    tcase_add_test(tc, test_ten_thousand_four_shards);
    tcase_add_test(tc, test_shards_partition);
    tcase_add_test(tc, test_missing_shard_refused);
    tcase_add_test(tc, test_rerun_shard_replaces);
    tcase_add_test(tc, test_stdout_stream);
    tcase_add_test(tc, test_stdout_streams_before_input_ends);
    tcase_add_test(tc, test_slurm_local_cluster);
    tcase_add_loop_test(tc, test_usage, 0,
                        sizeof usage_table / sizeof usage_table[0]);
    tcase_add_test(tc, test_merge_help);
    tcase_add_test(tc, test_readme_lists_merge_options);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
