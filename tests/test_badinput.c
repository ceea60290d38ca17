/* The bad-input catalogue (issue 8), end to end: each case runs the geomap
 * binary (GEOMAP_BIN, set by CTest; the embedded gazetteer) on input a
 * scraper could produce and checks the message on stderr, the exit status,
 * and that the good articles around the bad one are all in the output (a
 * GeoJSONSeq mentions layer, read back line by line). The small inputs are
 * under tests/fixtures/bad/; large ones are generated in the temporary
 * directory. The fuzz targets and their crash inputs are in tests/fuzz/. */
#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static char *tmpdir;

/* Strings made by fmt(), freed by teardown. */
static char *strings[256];
static size_t n_strings;

static void setup(void)
{
    tmpdir = gm_test_tmpdir();
}

static void teardown(void)
{
    gm_test_rmtree(tmpdir);
    free(tmpdir);
    for (size_t i = 0; i < n_strings; i++)
        free(strings[i]);
    n_strings = 0;
}

/* printf into a new string that lives until the end of the test. */
__attribute__((format(printf, 1, 2)))
static const char *fmt(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int len = vsnprintf(NULL, 0, format, ap);
    va_end(ap);
    ck_assert_int_ge(len, 0);
    ck_assert_uint_lt(n_strings, sizeof strings / sizeof strings[0]);
    char *s = malloc((size_t)len + 1);
    ck_assert_ptr_nonnull(s);
    va_start(ap, format);
    vsnprintf(s, (size_t)len + 1, format, ap);
    va_end(ap);
    strings[n_strings++] = s;
    return s;
}

/* A fixture of tests/fixtures/bad. */
static const char *bad(const char *name)
{
    const char *path;
    path = fmt("%s/bad/%s", GM_TEST_FIXTURES, name);
    return path;
}

static const char *in_tmp(const char *name)
{
    const char *path;
    path = fmt("%s/%s", tmpdir, name);
    return path;
}

/* Runs "[WRAPPER] sh -c '[PREFIX] exec geomap ARGS'" with stdout and
 * stderr captured in tmpdir; PREFIX (may be "") goes before the binary,
 * inside sh -c, so that "ulimit -f N;" applies to geomap alone; WRAPPER
 * (may be "") runs that shell ("unshare -m"). Returns the exit status. */
static int geomap_in(const char *wrapper, const char *prefix,
                     const char *args)
{
    const char *bin = getenv("GEOMAP_BIN");
    ck_assert_msg(bin != NULL, "GEOMAP_BIN is not set (run through ctest)");
    const char *inner, *cmd;
    inner = fmt("%s exec \"$0\" %s", prefix, args);
    /* the inner command goes to sh -c in single quotes: no single quotes
     * in it, the paths come in as $0 */
    ck_assert_ptr_null(strchr(inner, '\''));
    cmd = fmt("%s sh -c '%s' '%s' >'%s/stdout' 2>'%s/stderr' </dev/null",
             wrapper, inner, bin, tmpdir, tmpdir);
    int status = system(cmd);
    ck_assert_msg(status != -1 && WIFEXITED(status),
                  "geomap did not exit (status %d)", status);
    return WEXITSTATUS(status);
}

static int geomap_with(const char *prefix, const char *args)
{
    return geomap_in("", prefix, args);
}

static int geomap(const char *args)
{
    return geomap_with("", args);
}

/* "extract INPUT -o TMP/out.geojsonl --layers mentions EXTRA" */
static int extract(const char *input, const char *extra)
{
    const char *args;
    args = fmt("extract \"%s\" -o \"%s/out.geojsonl\" --layers mentions -j 2 %s",
             input, tmpdir, extra ? extra : "");
    return geomap(args);
}

static char *captured(const char *which)
{
    char *text = gm_test_read_file(in_tmp(which), NULL);
    ck_assert_ptr_nonnull(text);
    return text;
}

static void assert_stderr_has(const char *needle)
{
    char *err = captured("stderr");
    ck_assert_msg(strstr(err, needle) != NULL, "stderr lacks '%s':\n%s",
                  needle, err);
    free(err);
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL;
         p += strlen(needle))
        n++;
    return n;
}

/* Mentions of article id in TMP/out.geojsonl. */
static size_t mentions_of(const char *id)
{
    char *out = gm_test_read_file(in_tmp("out.geojsonl"), NULL);
    ck_assert_msg(out != NULL, "no output written");
    const char *needle;
    needle = fmt("\"article\": \"%s\"", id);
    size_t n = count_of(out, needle);
    free(out);
    return n;
}

static size_t output_lines(const char *name)
{
    char *out = gm_test_read_file(in_tmp(name), NULL);
    ck_assert_msg(out != NULL, "%s was not written", name);
    size_t n = 0;
    for (const char *c = out; *c; c++) /* not strstr: under ASan each call
                                          measures the whole haystack */
        n += *c == '\n';
    free(out);
    return n;
}

/* Nothing but the names given (NULL-terminated) is left in dir: no
 * output, no temporary ".OUT.tmp-*". */
static void assert_dir_holds_only(const char *dir, const char *const *names)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        int known = 0;
        for (size_t i = 0; names[i]; i++)
            known |= !strcmp(e->d_name, names[i]);
        ck_assert_msg(known, "%s left in the output directory", e->d_name);
    }
    closedir(d);
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Good articles say "Protests in Paris today." and "Talks in Madrid.":
 * one mention each with the embedded gazetteer. */

START_TEST(invalid_utf8_rejects_the_article)
{
    ck_assert_int_eq(extract(bad("utf8.jsonl"), NULL), 1);
    /* the file, the line and the article */
    assert_stderr_has("utf8.jsonl:2: article bad: invalid UTF-8 at byte 26");
    assert_stderr_has("3 articles read, 2 mapped, 1 rejected");
    ck_assert_uint_eq(mentions_of("a1"), 1);
    ck_assert_uint_eq(mentions_of("bad"), 0);
    ck_assert_uint_eq(mentions_of("a3"), 1);
}
END_TEST

START_TEST(nul_bytes_reject_the_article)
{
    ck_assert_int_eq(extract(bad("nul.jsonl"), NULL), 1);
    /* "\u0000" in the JSON string, then a raw NUL byte in the line */
    assert_stderr_has("nul.jsonl:2: article esc: text contains a NUL character");
    assert_stderr_has("nul.jsonl:3: malformed JSON: NUL byte at byte 26");
    assert_stderr_has("4 articles read, 2 mapped, 2 rejected");
    ck_assert_uint_eq(mentions_of("a1"), 1);
    ck_assert_uint_eq(mentions_of("a4"), 1);
}
END_TEST

/* A 50 MB line: rejected beyond --max-article-bytes (10 MiB by default),
 * the lines around it mapped. (Raising the limit is not tested: the events
 * stage is quadratic in a long sentence full of trigger words; issue 8.) */
START_TEST(line_of_50_mb)
{
    const char *path = in_tmp("big.jsonl");
    char *p = strdup(path);
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    fputs("{\"id\":\"a1\",\"text\":\"Protests in Paris today.\"}\n", f);
    fputs("{\"id\":\"big\",\"text\":\"", f);
    static const char words[] = "the talks went on and on ";
    size_t n = 50u * 1024 * 1024 / (sizeof words - 1);
    for (size_t i = 0; i < n; i++)
        fputs(words, f);
    fputs("and ended in Berlin.\"}\n", f);
    fputs("{\"id\":\"a3\",\"text\":\"Talks in Madrid.\"}\n", f);
    ck_assert_int_eq(fclose(f), 0);

    ck_assert_int_eq(extract(p, NULL), 1);
    assert_stderr_has("big.jsonl:2: article big: article is ");
    assert_stderr_has("bytes, more than the limit of 10485760");
    assert_stderr_has("3 articles read, 2 mapped, 1 rejected");
    ck_assert_uint_eq(mentions_of("a1"), 1);
    ck_assert_uint_eq(mentions_of("big"), 0);
    ck_assert_uint_eq(mentions_of("a3"), 1);

    free(p);
}
END_TEST

START_TEST(json_line_not_an_object)
{
    ck_assert_int_eq(extract(bad("notobject.jsonl"), NULL), 1);
    assert_stderr_has("notobject.jsonl:2: line is not a JSON object"); /* [] */
    assert_stderr_has("notobject.jsonl:3: line is not a JSON object"); /* "" */
    assert_stderr_has("notobject.jsonl:4: line is not a JSON object"); /* 42 */
    assert_stderr_has("notobject.jsonl:5: line is not a JSON object"); /* null */
    assert_stderr_has("notobject.jsonl:6: malformed JSON: unexpected end of data");
    assert_stderr_has("7 articles read, 2 mapped, 5 rejected");
    ck_assert_uint_eq(mentions_of("a1"), 1);
    ck_assert_uint_eq(mentions_of("a7"), 1);
}
END_TEST

START_TEST(json_line_without_text)
{
    ck_assert_int_eq(extract(bad("notext.jsonl"), NULL), 1);
    assert_stderr_has("notext.jsonl:2: article nt: no \"text\" field");
    assert_stderr_has("notext.jsonl:3: article num: \"text\" is a number, not a string");
    assert_stderr_has("4 articles read, 2 mapped, 2 rejected");
    ck_assert_uint_eq(mentions_of("a1"), 1);
    ck_assert_uint_eq(mentions_of("a4"), 1);
}
END_TEST

/* Two articles with one id are both kept (the id is the user's, not a
 * key of ours). */
START_TEST(duplicate_ids_are_kept)
{
    ck_assert_int_eq(extract(bad("dupids.jsonl"), NULL), 0);
    assert_stderr_has("3 articles read, 3 mapped, 0 rejected");
    /* warned once, naming the first repeat */
    assert_stderr_has("geomap: warning: 1 articles have the id of an earlier "
                      "one (kept); the first: a1 (");
    ck_assert_uint_eq(mentions_of("a1"), 2); /* Paris and Berlin */
    ck_assert_uint_eq(mentions_of("a3"), 1);
}
END_TEST

START_TEST(csv_row_with_wrong_column_count)
{
    ck_assert_int_eq(extract(bad("fewcols.csv"), NULL), 1);
    assert_stderr_has("fewcols.csv:3: row has 1 columns, header has 2");
    assert_stderr_has("fewcols.csv:5: row has 3 columns, header has 2");
    ck_assert_uint_eq(mentions_of("a1"), 1);
    ck_assert_uint_eq(mentions_of("a3"), 1);
    ck_assert_uint_eq(mentions_of("a5"), 1);
}
END_TEST

/* An unclosed quote would run its record to the end of the file: the row
 * is rejected alone, and the rows before and after it are kept. */
START_TEST(csv_unclosed_quote)
{
    ck_assert_int_eq(extract(bad("unclosed.csv"), NULL), 1);
    assert_stderr_has("unclosed.csv:4: unclosed quote: the row is rejected, "
                      "reading goes on at line 5");
    assert_stderr_has("4 articles read, 3 mapped, 1 rejected");
    ck_assert_uint_eq(mentions_of("a1"), 1);
    ck_assert_uint_eq(mentions_of("a2"), 1);
    ck_assert_uint_eq(mentions_of("a3"), 0);
    ck_assert_uint_eq(mentions_of("a4"), 1);
}
END_TEST

/* Empty JSON Lines hold no record; an empty text file is an article
 * without text; an empty CSV lacks its header. Each alone leaves an empty
 * but valid output; among good inputs, costs nothing else. */
START_TEST(empty_files)
{
    ck_assert_int_eq(extract(bad("empty.jsonl"), NULL), 0);
    assert_stderr_has("0 articles read, 0 mapped, 0 rejected");
    ck_assert_uint_eq(output_lines("out.geojsonl"), 0);

    ck_assert_int_eq(extract(bad("empty.txt"), NULL), 1);
    assert_stderr_has("empty.txt: empty file");
    ck_assert_uint_eq(output_lines("out.geojsonl"), 0);

    ck_assert_int_eq(extract(bad("empty.csv"), NULL), 1);
    assert_stderr_has("empty.csv: no header row (empty file)");
    ck_assert_uint_eq(output_lines("out.geojsonl"), 0);

    /* among good inputs: each empty one named, the good ones mapped */
    const char *extra;
    extra = fmt("\"%s\" \"%s\" \"%s\" \"%s\"", bad("empty.txt"),
                bad("empty.csv"), bad("good/c.txt"), bad("empty.jsonl"));
    ck_assert_int_eq(extract(bad("good/a.txt"), extra), 1);
    assert_stderr_has("empty.txt: empty file");
    assert_stderr_has("empty.csv: no header row (empty file)");
    assert_stderr_has("4 articles read, 2 mapped, 2 rejected (1 empty file, "
                      "1 no CSV header)");
    ck_assert_uint_eq(mentions_of("a.txt"), 1);
    ck_assert_uint_eq(mentions_of("c.txt"), 1);
}
END_TEST

/* A directory whose middle entry cannot be read (a dangling symbolic link:
 * permissions do not stop root): named, and the walk goes on. */
START_TEST(directory_with_unreadable_entry)
{
    const char *d = in_tmp("news");
    char *dir = strdup(d);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    const char *path;
    char *text;
    size_t len;
    const char *good[] = { "a.txt", "c.txt" };
    for (size_t i = 0; i < 2; i++) {
        const char *src;
        src = fmt("%s/bad/good/%s", GM_TEST_FIXTURES, good[i]);
        text = gm_test_read_file(src, &len);
        ck_assert_ptr_nonnull(text);
        path = fmt("%s/%s", dir, good[i]);
        gm_test_write_file(path, text, len);
        free(text);
    }
    path = fmt("%s/b.txt", dir);
    ck_assert_int_eq(symlink("nowhere.txt", path), 0);
    /* a link to itself: no read succeeds, root's neither */
    path = fmt("%s/b2.txt", dir);
    ck_assert_int_eq(symlink("b2.txt", path), 0);
    /* a file without read permission: a reason for users, not for root */
    int as_root = geteuid() == 0;
    path = fmt("%s/b3.txt", dir);
    gm_test_write_file(path, "Riots in Rome.", 14);
    ck_assert_int_eq(chmod(path, 0), 0);

    ck_assert_int_eq(extract(dir, NULL), 1);
    assert_stderr_has("b.txt: cannot read: No such file or directory "
                      "(broken symbolic link)");
    assert_stderr_has("b2.txt: cannot read: Too many levels of symbolic links");
    if (as_root) {
        fprintf(stderr, "directory_with_unreadable_entry: running as root, "
                "which reads a file of mode 000: that case is skipped\n");
        assert_stderr_has("5 articles read, 3 mapped, 2 rejected "
                          "(2 unreadable file)");
    } else {
        assert_stderr_has("b3.txt: cannot read: Permission denied");
        assert_stderr_has("5 articles read, 2 mapped, 3 rejected "
                          "(3 unreadable file)");
    }
    ck_assert_uint_eq(mentions_of("a.txt"), 1);
    ck_assert_uint_eq(mentions_of("c.txt"), 1);
    chmod(path, 0644);
    free(dir);
}
END_TEST

/* A binary file given alone, and among text files in a directory. */
START_TEST(binary_file)
{
    ck_assert_int_eq(extract(bad("binary.txt"), NULL), 1);
    assert_stderr_has("binary.txt: binary file (NUL byte at offset 7)");
    ck_assert_uint_eq(output_lines("out.geojsonl"), 0);

    char *dir = strdup(in_tmp("news"));
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    const char *names[] = { "good/a.txt", "binary.txt", "good/c.txt" };
    const char *as[] = { "a.txt", "b.txt", "c.txt" };
    for (size_t i = 0; i < 3; i++) {
        size_t len;
        char *text = gm_test_read_file(bad(names[i]), &len);
        ck_assert_ptr_nonnull(text);
        const char *path;
        path = fmt("%s/%s", dir, as[i]);
        gm_test_write_file(path, text, len);
        free(text);
    }
    ck_assert_int_eq(extract(dir, NULL), 1);
    assert_stderr_has("b.txt: binary file (NUL byte at offset 7)");
    assert_stderr_has("3 articles read, 2 mapped, 1 rejected");
    ck_assert_uint_eq(mentions_of("a.txt"), 1);
    ck_assert_uint_eq(mentions_of("c.txt"), 1);
    free(dir);
}
END_TEST

/* A gazetteer file cut short: exit 3, nothing written. */
START_TEST(truncated_gazetteer)
{
    char *mini = gm_test_build_mini_gazetteer(tmpdir);
    size_t len;
    char *bytes = gm_test_read_file(mini, &len);
    ck_assert_ptr_nonnull(bytes);
    ck_assert_uint_gt(len, 1000);
    char *cut = strdup(in_tmp("cut.gmz"));
    gm_test_write_file(cut, bytes, len / 2);
    char *tiny = strdup(in_tmp("tiny.gmz"));
    gm_test_write_file(tiny, bytes, 10);
    free(bytes);

    const char *extra;
    extra = fmt("--gazetteer \"%s\"", cut);
    ck_assert_int_eq(extract(bad("utf8.jsonl"), extra), 3);
    assert_stderr_has("cut.gmz: not a usable geomap gazetteer: file is ");
    assert_stderr_has("(truncated?)");
    ck_assert(!exists(in_tmp("out.geojsonl")));

    extra = fmt("--gazetteer \"%s\"", tiny);
    ck_assert_int_eq(extract(bad("utf8.jsonl"), extra), 3);
    assert_stderr_has(
        "tiny.gmz: not a usable geomap gazetteer: file is too short to hold a header");
    ck_assert(!exists(in_tmp("out.geojsonl")));

    const char *args;
    args = fmt("gazetteer info \"%s\" --check", cut);
    ck_assert_int_eq(geomap(args), 3);
    assert_stderr_has("not a usable geomap gazetteer");
    free(cut);
    free(tiny);
    free(mini);
}
END_TEST

START_TEST(output_directory_missing)
{
    const char *args;
    args = fmt("extract \"%s\" -o \"%s/nodir/out.geojsonl\" --layers mentions",
             bad("utf8.jsonl"), tmpdir);
    ck_assert_int_eq(geomap(args), 3);
    assert_stderr_has("out.geojsonl: cannot write the output: directory \"");
    assert_stderr_has("nodir\" does not exist");
    ck_assert(!exists(in_tmp("nodir")));

    args = fmt("extract \"%s\" -o \"%s/nodir/sub/layers\"",
             bad("utf8.jsonl"), tmpdir);
    ck_assert_int_eq(geomap(args), 3);
    assert_stderr_has("does not exist");
    ck_assert(!exists(in_tmp("nodir")));
}
END_TEST

/* A directory geomap may not write in: mode 555 for a user; for root,
 * whom permissions do not stop, a read-only bind mount of it in a mount
 * namespace of its own (unshare -m; skipped, saying so, where the machine
 * does not allow that). Exit 3, nothing left, the rejects file neither. */
START_TEST(output_directory_not_writable)
{
    char *dir = strdup(in_tmp("ro"));
    ck_assert_int_eq(mkdir(dir, 0555), 0);
    const char *wrapper = "", *prefix = "";
    if (geteuid() == 0) {
        int ok = system("unshare -m sh -c 'mount -t tmpfs none /mnt 2>/dev/null "
                        "|| exit 1' >/dev/null 2>&1");
        if (ok != 0) {
            fprintf(stderr, "output_directory_not_writable: root, and no "
                    "mount namespace here (unshare -m): skipped\n");
            chmod(dir, 0755);
            free(dir);
            return;
        }
        wrapper = "unshare -m";
        prefix = fmt("mount --bind %s %s && mount -o remount,ro,bind %s %s &&",
                     dir, dir, dir, dir);
    }
    const char *args;
    args = fmt("extract \"%s\" -o \"%s/out.geojsonl\" --layers mentions "
               "--rejects \"%s/rejects.jsonl\"", bad("utf8.jsonl"), dir, dir);
    ck_assert_int_eq(geomap_in(wrapper, prefix, args), 3);
    assert_stderr_has("rejects.jsonl: cannot write the rejects file: ");
    args = fmt("extract \"%s\" -o \"%s/out.geojsonl\" --layers mentions",
               bad("utf8.jsonl"), dir);
    ck_assert_int_eq(geomap_in(wrapper, prefix, args), 3);
    assert_stderr_has("out.geojsonl: cannot write the output: directory \"");
    assert_stderr_has("ro\" is not writable");
    const char *none[] = { NULL };
    assert_dir_holds_only(dir, none);
    chmod(dir, 0755);
    free(dir);
}
END_TEST

/* The disk fills up during the write (RLIMIT_FSIZE: each write past the
 * limit fails with EFBIG): exit 3, no partial output, no temporary
 * directory left, and an earlier output at OUT unchanged. */
START_TEST(disk_fills_up)
{
    char *out_dir = strdup(in_tmp("out"));
    ck_assert_int_eq(mkdir(out_dir, 0755), 0);
    char *input = strdup(in_tmp("many.jsonl"));
    FILE *f = fopen(input, "wb");
    ck_assert_ptr_nonnull(f);
    for (int i = 0; i < 3000; i++)
        fprintf(f, "{\"id\":\"n%d\",\"text\":\"Protests in Paris and Berlin "
                   "and Madrid and Rome on Tuesday.\"}\n", i);
    ck_assert_int_eq(fclose(f), 0);

    static const char *const outs[] = { "m.geojsonl", "m.gpkg", "m.shp" };
    for (size_t i = 0; i < 3; i++) {
        const char *args;
        args = fmt("extract \"%s\" -o \"%s/%s\" --layers mentions -q", input,
                 out_dir, outs[i]);
        /* 200 blocks of 512 bytes: about 100 kB, a fraction of the output */
        ck_assert_int_eq(geomap_with("ulimit -f 200;", args), 3);
        char *err = captured("stderr");
        ck_assert_msg(strstr(err, outs[i]) != NULL, "%s not named:\n%s",
                      outs[i], err);
        free(err);
        const char *none[] = { NULL };
        assert_dir_holds_only(out_dir, none);
    }

    /* an earlier output is left as it was */
    const char *earlier;
    earlier = fmt("%s/m.geojsonl", out_dir);
    static const char before[] = "earlier output\n";
    gm_test_write_file(earlier, before, sizeof before - 1);
    const char *args;
    args = fmt("extract \"%s\" -o \"%s\" --layers mentions -q", input, earlier);
    ck_assert_int_eq(geomap_with("ulimit -f 200;", args), 3);
    assert_stderr_has("m.geojsonl: the file was not written completely");
    char *after = gm_test_read_file(earlier, NULL);
    ck_assert_ptr_nonnull(after);
    ck_assert_str_eq(after, before);
    free(after);
    const char *only[] = { "m.geojsonl", NULL };
    assert_dir_holds_only(out_dir, only);
    free(input);
    free(out_dir);
}
END_TEST

/* 1 MB of "New New New ..." (one sentence that never ends, every word a
 * prefix of names) and 1 MB of "Paris Paris ...": both finish, and the
 * second finds every one. Speed is asserted by test_resolve's counters
 * and by CK_DEFAULT_TIMEOUT, not by a clock here. */
START_TEST(megabyte_of_new)
{
    size_t n = 1024 * 1024 / 4;
    char *text = malloc(n * 6 + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 4 * i, "New ", 4);
    char *path = strdup(in_tmp("new.txt"));
    gm_test_write_file(path, text, 4 * n);
    ck_assert_int_eq(extract(path, NULL), 0);
    assert_stderr_has("1 articles read, 1 mapped, 0 rejected");
    ck_assert_uint_eq(output_lines("out.geojsonl"), 0);

    size_t m = 1024 * 1024 / 6;
    for (size_t i = 0; i < m; i++)
        memcpy(text + 6 * i, "Paris ", 6);
    gm_test_write_file(path, text, 6 * m);
    ck_assert_int_eq(extract(path, NULL), 0);
    ck_assert_uint_eq(output_lines("out.geojsonl"), m); /* a line a mention */
    free(path);
    free(text);
}
END_TEST

/* Count of lines of a file (each line one rejected record). */
static size_t lines_of(const char *path)
{
    char *text = gm_test_read_file(path, NULL);
    ck_assert_msg(text != NULL, "%s was not written", path);
    size_t n = 0;
    for (const char *c = text; *c; c++)
        n += *c == '\n';
    free(text);
    return n;
}

/* "N articles read, M mapped, R rejected": the three numbers. */
static void summary_counts(size_t *read, size_t *mapped, size_t *rejected)
{
    char *err = captured("stderr");
    const char *at = strstr(err, " articles read, ");
    ck_assert_msg(at != NULL, "no summary:\n%s", err);
    while (at > err && at[-1] >= '0' && at[-1] <= '9')
        at--;
    ck_assert_int_eq(sscanf(at, "%zu articles read, %zu mapped, %zu rejected",
                            read, mapped, rejected), 3);
    free(err);
}

/* A mixed batch: every kind of bad record among good ones, in JSON Lines,
 * CSV, text files and a directory. read = mapped + rejected; the summary
 * groups the rejections by reason; the rejects file holds each rejected
 * record, where it was and why; the good articles are all mapped. */
START_TEST(mixed_batch_accounting)
{
    char *dir = strdup(in_tmp("news"));
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    size_t len;
    char *text = gm_test_read_file(bad("good/a.txt"), &len);
    ck_assert_ptr_nonnull(text);
    gm_test_write_file(fmt("%s/a.txt", dir), text, len);
    free(text);
    ck_assert_int_eq(symlink("nowhere", fmt("%s/gone.txt", dir)), 0);

    const char *rejects = in_tmp("rejects.jsonl");
    const char *extra;
    extra = fmt("\"%s\" \"%s\" \"%s\" \"%s\" \"%s\" \"%s\" "
                "--rejects \"%s\"",
                bad("notext.jsonl"), bad("notobject.jsonl"),
                bad("fewcols.csv"), bad("unclosed.csv"), bad("binary.txt"),
                dir, rejects);
    ck_assert_int_eq(extract(bad("utf8.jsonl"), extra), 1);

    size_t read, mapped, rejected;
    summary_counts(&read, &mapped, &rejected);
    ck_assert_uint_eq(read, mapped + rejected);
    /* utf8 3 (1 bad), notext 4 (2), notobject 7 (5), fewcols 5 (2),
     * unclosed 4 (1), binary 1 (1), dir 2 (1) */
    ck_assert_uint_eq(read, 26);
    ck_assert_uint_eq(rejected, 13);
    assert_stderr_has("26 articles read, 13 mapped, 13 rejected (4 not a "
                      "JSON object, 2 wrong column count, 1 invalid UTF-8, "
                      "1 no text field, 1 text not a string, 1 malformed "
                      "JSON, 1 unclosed quote, 1 binary file, 1 unreadable "
                      "file); ");

    /* the good articles around the bad ones */
    ck_assert_uint_eq(mentions_of("a1"), 5); /* but in binary.txt, each */
    ck_assert_uint_eq(mentions_of("a3"), 2);
    ck_assert_uint_eq(mentions_of("a4"), 2); /* notext, unclosed */
    ck_assert_uint_eq(mentions_of("a5"), 1);
    ck_assert_uint_eq(mentions_of("a7"), 1);
    ck_assert_uint_eq(mentions_of("a.txt"), 1);

    /* one line per rejected record, with where, what and the record */
    ck_assert_uint_eq(lines_of(rejects), rejected);
    char *got = gm_test_read_file(rejects, NULL);
    static const struct { const char *file; const char *rest; } want[] = {
        { "utf8.jsonl", ",\"line\":2,\"id\":\"bad\",\"reason\":\"invalid "
          "UTF-8\",\"message\":\"invalid UTF-8 at byte 26\",\"record_base64"
          "\":\"eyJpZCI6ImJhZCIsInRleHQiOiJBIGJhZCD/IGJ5dGUgaW4gQmVybGluLiJ9\"}" },
        { "notext.jsonl", ",\"line\":2,\"id\":\"nt\",\"reason\":\"no text "
          "field\",\"message\":\"no \\\"text\\\" field\",\"record\":\"{\\\"id"
          "\\\":\\\"nt\\\",\\\"body\\\":\\\"Strikes in Berlin.\\\"}\"}" },
        { "notext.jsonl", ",\"line\":3,\"id\":\"num\",\"reason\":\"text not "
          "a string\"" },
        { "notobject.jsonl", ",\"line\":2,\"id\":null,\"reason\":\"not a "
          "JSON object\"" },
        { "notobject.jsonl", ",\"line\":6,\"id\":null,\"reason\":"
          "\"malformed JSON\"" },
        { "fewcols.csv", ",\"line\":3,\"id\":null,\"reason\":\"wrong column "
          "count\",\"message\":\"row has 1 columns, header has 2\","
          "\"record\":\"short\"}" },
        { "fewcols.csv", ",\"line\":5,\"id\":null,\"reason\":\"wrong column "
          "count\",\"message\":\"row has 3 columns, header has 2\","
          "\"record\":\"a4,Strikes in Berlin.,extra\"}" },
        { "unclosed.csv", ",\"line\":4,\"id\":null,\"reason\":\"unclosed "
          "quote\",\"message\":\"unclosed quote: the row is rejected, "
          "reading goes on at line 5\",\"record\":\"a3,\\\"Strikes in "
          "Berlin.\"}" },
        { "binary.txt", ",\"line\":null,\"id\":null,\"reason\":\"binary "
          "file\"" },
        { "news/gone.txt", ",\"line\":null,\"id\":null,\"reason\":"
          "\"unreadable file\"" },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const char *line;
        line = fmt("%s\"%s", want[i].file, want[i].rest);
        ck_assert_msg(strstr(got, line) != NULL, "rejects file lacks\n%s\n"
                      "in\n%s", line, got);
    }
    free(got);
    free(dir);
}
END_TEST

/* --lossy: the article with invalid UTF-8 is mapped, its bad byte a
 * U+FFFD, offsets in code points of the repaired text; said in the
 * summary, exit 0. */
START_TEST(lossy_repairs_invalid_utf8)
{
    ck_assert_int_eq(extract(bad("utf8.jsonl"), "--lossy"), 0);
    assert_stderr_has("1 articles had invalid UTF-8: 1 bytes replaced by "
                      "U+FFFD (--lossy)");
    assert_stderr_has("3 articles read, 3 mapped, 0 rejected;");
    ck_assert_uint_eq(mentions_of("a1"), 1);
    ck_assert_uint_eq(mentions_of("bad"), 1);
    ck_assert_uint_eq(mentions_of("a3"), 1);
    /* "A bad \xFF byte in Berlin.": Berlin at code point 16 (byte 18 once
     * repaired) */
    char *out = captured("out.geojsonl");
    ck_assert_msg(strstr(out, "\"article\": \"bad\", \"start\": 16, "
                               "\"end\": 22") != NULL, "%s", out);
    free(out);
}
END_TEST

/* The rejects file is an output like the layers: written under a
 * temporary name, in place only when the run succeeds; a failed run
 * (the disk fills up) leaves neither it nor its temporary file, and an
 * earlier one as it was. */
START_TEST(rejects_file_only_when_complete)
{
    char *out_dir = strdup(in_tmp("out"));
    ck_assert_int_eq(mkdir(out_dir, 0755), 0);
    const char *args;
    args = fmt("extract \"%s\" -o \"%s/m.geojsonl\" --layers mentions -q "
               "--rejects \"%s/rejects.jsonl\"", bad("utf8.jsonl"), out_dir,
               out_dir);
    ck_assert_int_eq(geomap(args), 1);
    const char *path;
    path = fmt("%s/rejects.jsonl", out_dir);
    ck_assert_uint_eq(lines_of(path), 1);

    /* a batch whose output overflows the file size limit */
    char *input = strdup(in_tmp("many.jsonl"));
    FILE *f = fopen(input, "wb");
    ck_assert_ptr_nonnull(f);
    for (int i = 0; i < 3000; i++)
        fprintf(f, "{\"id\":\"n%d\",\"text\":\"Protests in Paris and "
                   "Berlin and Madrid and Rome on Tuesday.\"}\n%s", i,
                i % 100 ? "" : "not json\n");
    ck_assert_int_eq(fclose(f), 0);
    args = fmt("extract \"%s\" -o \"%s/m.geojsonl\" --layers mentions -q "
               "--rejects \"%s/rejects.jsonl\"", input, out_dir, out_dir);
    ck_assert_int_eq(geomap_with("ulimit -f 200;", args), 3);
    ck_assert_uint_eq(lines_of(path), 1); /* the earlier one */
    const char *only[] = { "m.geojsonl", "m.qml", "rejects.jsonl", NULL };
    assert_dir_holds_only(out_dir, only);

    /* the same batch with room: 30 rejected lines */
    ck_assert_int_eq(geomap(args), 1);
    ck_assert_uint_eq(lines_of(path), 30);
    assert_dir_holds_only(out_dir, only);
    free(input);
    free(out_dir);
}
END_TEST

static Suite *badinput_suite(void)
{
    Suite *s = suite_create("badinput");
    TCase *tc = tcase_create("catalogue");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, invalid_utf8_rejects_the_article);
    tcase_add_test(tc, nul_bytes_reject_the_article);
    tcase_add_test(tc, line_of_50_mb);
    tcase_add_test(tc, json_line_not_an_object);
    tcase_add_test(tc, json_line_without_text);
    tcase_add_test(tc, duplicate_ids_are_kept);
    tcase_add_test(tc, csv_row_with_wrong_column_count);
    tcase_add_test(tc, csv_unclosed_quote);
    tcase_add_test(tc, empty_files);
    tcase_add_test(tc, directory_with_unreadable_entry);
    tcase_add_test(tc, binary_file);
    tcase_add_test(tc, truncated_gazetteer);
    tcase_add_test(tc, output_directory_missing);
    tcase_add_test(tc, output_directory_not_writable);
    tcase_add_test(tc, disk_fills_up);
    tcase_add_test(tc, megabyte_of_new);
    tcase_add_test(tc, mixed_batch_accounting);
    tcase_add_test(tc, lossy_repairs_invalid_utf8);
    tcase_add_test(tc, rejects_file_only_when_complete);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(badinput_suite());
}
