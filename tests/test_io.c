/* The article readers (src/io): JSON Lines, plain text, HTML, CSV,
 * directories and stdin. Fixtures are in tests/fixtures/io; inputs that are
 * large, binary or need symbolic links are written to a temporary directory
 * by the tests themselves. Every rejection is checked for its status, path,
 * line, article id and message. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "core/buf.h"
#include "io/json_article.h"
#include "io/json_scan.h"
#include "io/reader.h"

/* ---- helpers ------------------------------------------------------------ */

/* Fixture path, copied (gm_test_fixture's buffer is shared). */
static char *fixture(const char *name)
{
    char rel[256];
    snprintf(rel, sizeof rel, "io/%s", name);
    const char *path = gm_test_fixture(rel);
    char *copy = malloc(strlen(path) + 1);
    ck_assert_ptr_nonnull(copy);
    strcpy(copy, path);
    return copy;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    ck_assert_ptr_nonnull(path);
    snprintf(path, n, "%s/%s", dir, name);
    return path;
}

static gm_reader *open_ok(const char *path, const gm_io_options *opts)
{
    gm_reader *r = NULL;
    gm_error err;
    gm_err_clear(&err);
    gm_status st = gm_io_open(path, opts, &r, &err);
    ck_assert_msg(st == GM_OK, "gm_io_open(%s) should succeed, got %s: %s",
                  path, gm_status_name(st), err.msg);
    ck_assert_ptr_nonnull(r);
    return r;
}

/* Next must be an article with this id. */
static const gm_article *expect_article(gm_reader *r, const char *id)
{
    const gm_article *a = NULL;
    gm_error err;
    gm_err_clear(&err);
    gm_status st = gm_io_next(r, &a, &err);
    ck_assert_msg(st == GM_OK, "expected article %s, got %s: %s:%ld: %s", id,
                  gm_status_name(st), err.path, err.line, err.msg);
    ck_assert_msg(a != NULL, "expected article %s, got the end of input", id);
    ck_assert_str_eq(a->id, id);
    ck_assert_uint_eq(strlen(a->text), a->text_len);
    return a;
}

/* Next must be a failure with exactly these details (article "" when the
 * id is not known). */
static void expect_failure(gm_reader *r, gm_status code, const char *path,
                           long line, const char *article, const char *msg)
{
    const gm_article *a = (const gm_article *)&a; /* must be reset */
    gm_error err;
    gm_err_clear(&err);
    gm_status st = gm_io_next(r, &a, &err);
    ck_assert_msg(st == code, "expected %s (%s), got %s: %s",
                  gm_status_name(code), msg, gm_status_name(st), err.msg);
    ck_assert_ptr_null(a);
    ck_assert_int_eq(err.code, code);
    ck_assert_str_eq(err.path, path);
    ck_assert_int_eq(err.line, line);
    ck_assert_str_eq(err.article, article);
    ck_assert_str_eq(err.msg, msg);
}

static void expect_end(gm_reader *r)
{
    const gm_article *a = NULL;
    gm_error err;
    gm_err_clear(&err);
    gm_status st = gm_io_next(r, &a, &err);
    ck_assert_msg(st == GM_OK, "expected the end of input, got %s: %s",
                  gm_status_name(st), err.msg);
    ck_assert_msg(a == NULL, "expected the end of input, got article %s",
                  a ? a->id : "");
    /* and it stays at the end */
    st = gm_io_next(r, &a, &err);
    ck_assert_int_eq(st, GM_OK);
    ck_assert_ptr_null(a);
}

static void write_str(const char *path, const char *s)
{
    gm_test_write_file(path, s, strlen(s));
}

/* ---- JSON Lines --------------------------------------------------------- */

START_TEST(test_jsonl_batch)
{
    /* Good lines, blank lines, a broken line in the middle, a numeric id, a
     * line without id, CRLF, no newline at the end. */
    char *path = fixture("batch.jsonl");
    gm_reader *r = open_ok(path, NULL);

    const gm_article *a = expect_article(r, "a1");
    ck_assert_str_eq(a->text, "Floods reached the old bridge in Tirana.");
    ck_assert_str_eq(a->title, "Floods");
    ck_assert_str_eq(a->date, "2024-03-01");
    ck_assert_str_eq(a->url, "https://example.org/a1");
    ck_assert_str_eq(a->extra,
                     "{\"source\":\"wire\",\"tags\":[\"flood\",\"albania\"]}");
    ck_assert_str_eq(a->path, path);
    ck_assert_int_eq(a->line, 1);

    a = expect_article(r, "17"); /* numeric id, as text; line 2 is blank */
    ck_assert_int_eq(a->line, 3);
    ck_assert_ptr_null(a->title);
    ck_assert_ptr_null(a->date);
    ck_assert_ptr_null(a->url);
    ck_assert_ptr_null(a->extra);

    expect_failure(r, GM_E_INPUT, path, 4, "",
                   "malformed JSON: unexpected end of data");

    char id[4200];
    snprintf(id, sizeof id, "%s:5", path); /* no id: path and line */
    a = expect_article(r, id);
    ck_assert_str_eq(a->date, "20240302"); /* a number, as text */
    ck_assert_int_eq(a->line, 5);

    a = expect_article(r, "a6"); /* line 6 is spaces and a tab */
    ck_assert_str_eq(a->text, "A Windows line end.");
    ck_assert_int_eq(a->line, 7);

    a = expect_article(r, "a7");
    ck_assert_str_eq(a->text, "The last line has no newline.");
    ck_assert_int_eq(a->line, 8);

    expect_end(r);
    gm_io_close(r);
    free(path);
}
END_TEST

typedef struct jsonl_reject_row {
    const char *line;   /* the bad line, written between two good ones */
    size_t len;
    size_t max_bytes;   /* option, 0 for the default */
    const char *article;/* err->article, "" when the id is not known */
    const char *msg;
    long offset;        /* err->offset, -1 when none */
} jsonl_reject_row;

#define JR(lit, max, article, msg, off) \
    { lit, sizeof(lit) - 1, max, article, msg, off }

static const jsonl_reject_row jsonl_reject_rows[] = {
    /* invalid UTF-8: é in Latin-1, byte 22 of the line; the id is found
     * in a repaired copy of the line, so the message names the article */
    JR("{\"id\":\"u1\",\"text\":\"caf\xE9\"}", 0, "u1",
       "invalid UTF-8 at byte 22", 22),
    /* the same inside the id: the id is named as repaired */
    JR("{\"id\":\"u\xFF\",\"text\":\"x\"}", 0, "u\xEF\xBF\xBD",
       "invalid UTF-8 at byte 8", 8),
    /* a value is missing */
    JR("{\"id\": \"x\", \"text\": }", 0, "",
       "malformed JSON: unexpected character", -1),
    /* something after the object */
    JR("{\"text\": \"x\"} y", 0, "", "malformed JSON: unexpected character",
       -1),
    /* a trailing comma, refused by the strict tokener */
    JR("{\"text\": \"x\",}", 0, "", "malformed JSON: unexpected character",
       -1),
    /* a raw NUL byte, which json-c would take for the end */
    JR("{\"text\": \"a\0b\"}", 0, "", "malformed JSON: NUL byte at byte 11",
       11),
    /* an array */
    JR("[1, 2]", 0, "", "line is not a JSON object", -1),
    /* a bare number */
    JR("42", 0, "", "line is not a JSON object", -1),
    /* no text field; the id is known */
    JR("{\"id\": \"n1\", \"body\": \"x\"}", 0, "n1", "no \"text\" field", -1),
    /* text is null */
    JR("{\"id\": \"n2\", \"text\": null}", 0, "n2", "no \"text\" field", -1),
    /* text is a number */
    JR("{\"id\": \"n3\", \"text\": 5}", 0, "n3",
       "\"text\" is a number, not a string", -1),
    /* text is an object */
    JR("{\"id\": \"n4\", \"text\": {\"a\": 1}}", 0, "n4",
       "\"text\" is an object, not a string", -1),
    /* an escaped NUL inside the text */
    JR("{\"id\": \"n5\", \"text\": \"a\\u0000b\"}", 0, "n5",
       "text contains a NUL character", -1),
    /* an id that is neither string nor number */
    JR("{\"id\": true, \"text\": \"x\"}", 0, "",
       "\"id\" is a boolean, not a string or a number", -1),
    /* text over max_article_bytes (11 bytes, limit 10) */
    JR("{\"id\": \"n6\", \"text\": \"hello world\"}", 10, "n6",
       "article is 11 bytes, more than the limit of 10", -1),
};

START_TEST(test_jsonl_rejections)
{
    const jsonl_reject_row *row = &jsonl_reject_rows[_i];
    char *dir = gm_test_tmpdir();
    char *path = join(dir, "rows.jsonl");
    gm_buf data = GM_BUF_INIT;
    gm_buf_append_str(&data, "{\"id\": \"before\", \"text\": \"ok\"}\n");
    gm_buf_append(&data, row->line, row->len);
    gm_buf_append_str(&data, "\n{\"id\": \"after\", \"text\": \"ok\"}\n");
    gm_test_write_file(path, data.data, data.len);

    gm_io_options opts = { 0 };
    opts.max_article_bytes = row->max_bytes;
    gm_reader *r = open_ok(path, &opts);
    expect_article(r, "before");

    const gm_article *a = NULL;
    gm_error err;
    gm_err_clear(&err);
    ck_assert_int_eq(gm_io_next(r, &a, &err), GM_E_INPUT);
    ck_assert_ptr_null(a);
    ck_assert_int_eq(err.code, GM_E_INPUT);
    ck_assert_str_eq(err.path, path);
    ck_assert_int_eq(err.line, 2);
    ck_assert_str_eq(err.article, row->article);
    ck_assert_str_eq(err.msg, row->msg);
    ck_assert_int_eq(err.offset, row->offset);

    /* one bad line costs nothing else */
    a = expect_article(r, "after");
    ck_assert_int_eq(a->line, 3);
    expect_end(r);
    gm_io_close(r);
    gm_buf_free(&data);
    gm_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

START_TEST(test_jsonl_fields)
{
    /* Field names from the options; ids as numbers; title and url of other
     * types converted; null is absent; escapes decoded. */
    char *dir = gm_test_tmpdir();
    char *path = join(dir, "fields.ndjson");
    write_str(path,
              "{\"doc\": 12.50, \"body\": \"Caf\\u00e9 in K\\u00f6ln\\n\", "
              "\"headline\": 7, \"when\": null, \"url\": false, "
              "\"text\": \"not the text field here\"}\n"
              "{\"doc\": -3, \"body\": \"\\ud83d\\ude00 a/b\", "
              "\"meta\": {\"k\": [1, \"/\"]}}\n"
              "{\"doc\": \"\", \"body\": \"empty id\"}\n");
    gm_io_options opts = { 0 };
    opts.id_field = "doc";
    opts.text_field = "body";
    opts.title_field = "headline";
    opts.date_field = "when";
    gm_reader *r = open_ok(path, &opts);

    const gm_article *a = expect_article(r, "12.50"); /* as written */
    ck_assert_str_eq(a->text, "Café in Köln\n");
    ck_assert_str_eq(a->title, "7");
    ck_assert_ptr_null(a->date);
    ck_assert_str_eq(a->url, "false");
    ck_assert_str_eq(a->extra, "{\"text\":\"not the text field here\"}");

    a = expect_article(r, "-3");
    ck_assert_str_eq(a->text, "\xF0\x9F\x98\x80 a/b"); /* a surrogate pair */
    ck_assert_str_eq(a->extra, "{\"meta\":{\"k\":[1,\"/\"]}}");

    char id[4200];
    snprintf(id, sizeof id, "%s:3", path); /* an empty id counts as none */
    expect_article(r, id);
    expect_end(r);
    gm_io_close(r);
    gm_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* A line of 5 MB: getline has no line limit; max_article_bytes decides. */
START_TEST(test_jsonl_long_line)
{
    const size_t text_len = 5u * 1024 * 1024;
    char *dir = gm_test_tmpdir();
    char *path = join(dir, "long.jsonl");
    gm_buf data = GM_BUF_INIT;
    gm_buf_append_str(&data, "{\"id\": \"long\", \"text\": \"");
    size_t text_start = data.len;
    static const char pattern[] = "Zürich–Genève ";
    while (data.len - text_start + sizeof pattern - 1 <= text_len)
        gm_buf_append_str(&data, pattern);
    while (data.len - text_start < text_len)
        gm_buf_append_char(&data, 'x');
    gm_buf_append_str(&data, "\"}\n{\"id\": \"short\", \"text\": \"ok\"}\n");
    gm_test_write_file(path, data.data, data.len);

    gm_reader *r = open_ok(path, NULL); /* default limit, 10 MiB */
    const gm_article *a = expect_article(r, "long");
    ck_assert_uint_eq(a->text_len, text_len);
    ck_assert_int_eq(memcmp(a->text, data.data + text_start, text_len), 0);
    expect_article(r, "short");
    expect_end(r);
    gm_io_close(r);

    gm_io_options opts = { 0 };
    opts.max_article_bytes = 1024 * 1024;
    r = open_ok(path, &opts);
    expect_failure(r, GM_E_INPUT, path, 1, "long",
                   "article is 5242880 bytes, more than the limit of 1048576");
    expect_article(r, "short");
    expect_end(r);
    gm_io_close(r);

    gm_buf_free(&data);
    gm_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* Lines the scanner takes and lines it leaves to json-c read alike:
 * duplicate keys (the last wins), escapes, a numeric id; and a line that
 * json-c could not parse, left with a \u high surrogate pending, does not
 * change how the next line's surrogate pair is read (json-c 0.16 keeps that
 * surrogate across json_tokener_reset, so each error gets a new tokener). */
START_TEST(test_jsonl_scanned_like_json_c)
{
    char *dir = gm_test_tmpdir();
    char *path = join(dir, "scan.jsonl");
    write_str(path,
              "{\"id\": \"d1\", \"text\": \"first\", \"text\": \"second\"}\n"
              "{\"id\": \"d2\", \"text\": \"first\", \"x\": 1, "
              "\"text\": \"second\"}\n"
              "{\"text\": \"\\uDBFF\\uDFF:F\"}\n"
              "{\"id\": \"s1\", \"text\": \"\\ud83d\\ude00\", \"x\": 1}\n"
              "{\"text\": \"\\uDBFF\\uDFF:F\"}\n"
              "{\"id\": \"s2\", \"text\": \"\\ud83d\\ude00\"}\n"
              "{\"id\": 42, \"text\": \"\\t\\u00e9\\\"\"}\n");
    gm_reader *r = open_ok(path, NULL);
    const gm_article *a = expect_article(r, "d1");
    ck_assert_str_eq(a->text, "second");
    ck_assert_ptr_null(a->extra);
    a = expect_article(r, "d2");
    ck_assert_str_eq(a->text, "second");
    ck_assert_str_eq(a->extra, "{\"x\":1}");
    expect_failure(r, GM_E_INPUT, path, 3, "",
                   "malformed JSON: invalid string sequence");
    a = expect_article(r, "s1");
    ck_assert_str_eq(a->text, "\xF0\x9F\x98\x80");
    expect_failure(r, GM_E_INPUT, path, 5, "",
                   "malformed JSON: invalid string sequence");
    a = expect_article(r, "s2");
    ck_assert_str_eq(a->text, "\xF0\x9F\x98\x80");
    a = expect_article(r, "42");
    ck_assert_str_eq(a->text, "\t\xC3\xA9\"");
    expect_end(r);
    gm_io_close(r);
    gm_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

START_TEST(test_jsonl_stdin)
{
    /* "-" reads JSON Lines from stdin; errors name "<stdin>", articles "-". */
    char *dir = gm_test_tmpdir();
    char *path = join(dir, "in.jsonl");
    write_str(path, "{\"text\": \"From a pipe.\"}\nnot json\n");
    ck_assert_ptr_nonnull(freopen(path, "rb", stdin));
    gm_reader *r = open_ok("-", NULL);
    const gm_article *a = expect_article(r, "<stdin>:1");
    ck_assert_str_eq(a->path, "-");
    ck_assert_str_eq(a->text, "From a pipe.");
    /* json-c's own words: "n" could only begin null */
    expect_failure(r, GM_E_INPUT, "<stdin>", 2, "",
                   "malformed JSON: null expected");
    expect_end(r);
    gm_io_close(r);
    gm_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* ---- plain text --------------------------------------------------------- */

START_TEST(test_text_files)
{
    /* A file given directly: its name is the id, the line 0. */
    char *path = fixture("article.txt");
    gm_reader *r = open_ok(path, NULL);
    const gm_article *a = expect_article(r, "article.txt");
    ck_assert_str_eq(a->text, "Rain fell on Lisbon.\nThe Tagus rose.\n");
    ck_assert_str_eq(a->path, path);
    ck_assert_int_eq(a->line, 0);
    ck_assert_ptr_null(a->title);
    ck_assert_ptr_null(a->extra);
    expect_end(r);
    gm_io_close(r);
    free(path);

    /* The byte order mark is dropped. */
    path = fixture("bom.txt");
    r = open_ok(path, NULL);
    a = expect_article(r, "bom.txt");
    ck_assert_str_eq(a->text, "Snow in Oslo.\n");
    ck_assert_uint_eq(a->text_len, 14);
    expect_end(r);
    gm_io_close(r);
    free(path);

    /* An empty file is a rejection, then the end. */
    path = fixture("empty.txt");
    r = open_ok(path, NULL);
    expect_failure(r, GM_E_INPUT, path, 0, "", "empty file");
    expect_end(r);
    gm_io_close(r);
    free(path);
}
END_TEST

typedef struct text_reject_row {
    const char *data;
    size_t len;
    size_t max_bytes;
    const char *msg;
    long offset;
} text_reject_row;

#define TR(lit, max, msg, off) { lit, sizeof(lit) - 1, max, msg, off }

static const text_reject_row text_reject_rows[] = {
    /* a NUL byte: a binary file */
    TR("abcde\0fg", 0, "binary file (NUL byte at offset 5)", 5),
    /* a bad sequence, offset in the file */
    TR("ok \xC3\x28 then", 0, "invalid UTF-8 at byte 3", 3),
    /* offsets count the BOM */
    TR("\xEF\xBB\xBF" "ab\xFF", 0, "invalid UTF-8 at byte 5", 5),
    /* only a BOM */
    TR("\xEF\xBB\xBF", 0, "empty file", -1),
    /* UTF-16 */
    TR("\xFF\xFEh\0i\0", 0, "UTF-16 text is not supported; convert to UTF-8",
       -1),
    /* over the limit (20 bytes, limit 8) */
    TR("twenty bytes of text", 8,
       "article is 20 bytes, more than the limit of 8", -1),
};

START_TEST(test_text_rejections)
{
    const text_reject_row *row = &text_reject_rows[_i];
    char *dir = gm_test_tmpdir();
    char *path = join(dir, "bad.txt");
    gm_test_write_file(path, row->data, row->len);
    gm_io_options opts = { 0 };
    opts.max_article_bytes = row->max_bytes;
    gm_reader *r = open_ok(path, &opts);
    const gm_article *a = NULL;
    gm_error err;
    gm_err_clear(&err);
    ck_assert_int_eq(gm_io_next(r, &a, &err), GM_E_INPUT);
    ck_assert_ptr_null(a);
    ck_assert_str_eq(err.path, path);
    ck_assert_int_eq(err.line, 0);
    ck_assert_str_eq(err.msg, row->msg);
    ck_assert_int_eq(err.offset, row->offset);
    expect_end(r);
    gm_io_close(r);
    gm_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* ---- HTML --------------------------------------------------------------- */

START_TEST(test_html_page)
{
    char *path = fixture("page.html");
    gm_reader *r = open_ok(path, NULL);
    const gm_article *a = expect_article(r, "page.html");
    ck_assert_str_eq(a->text,
                     "Quake in Valparaíso\n\n"
                     "A quake struck Valparaíso at dawn — residents said.\n\n"
                     "Damage was <light> in Viña del Mar, “mostly windows”.\n"
                     "No tsunami.\n\n"
                     "One\nTwo items\n\n"
                     "a b\n\n"
                     "Filed 2020");
    ck_assert_str_eq(a->title, "Quake shakes & wakes Valparaíso");
    /* the meta wins over the later <time> */
    ck_assert_str_eq(a->date, "2024-05-06T07:08:09Z");
    ck_assert_int_eq(a->line, 0);
    expect_end(r);
    gm_io_close(r);
    free(path);
}
END_TEST

typedef struct html_row {
    const char *html;
    const char *text;  /* expected text, NULL for a rejection */
    const char *title; /* NULL when none */
    const char *date;  /* NULL when none */
    const char *msg;   /* the rejection */
} html_row;

static const html_row html_rows[] = {
    /* a fragment: no html, head or body */
    { "<p>One.</p><p>Two.</p>", "One.\n\nTwo.", NULL, NULL, NULL },
    /* the date from <time> when no meta gives one */
    { "<p>Text.</p><time datetime=\" 2023-02-03 \">Feb 3</time>",
      "Text.\n\nFeb 3", NULL, "2023-02-03", NULL },
    /* itemprop datePublished on a meta, single quotes, upper case */
    { "<META ITEMPROP='datePublished' CONTENT='2022-07-08'><P>x</P>", "x",
      NULL, "2022-07-08", NULL },
    /* numeric references: decimal, hex, windows-1252 range, invalid */
    { "<p>&#65;&#x42;&#150;&#0;&#xD800;&#1114112;</p>",
      "AB\xE2\x80\x93\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", NULL, NULL, NULL },
    /* unknown entities and bare ampersands stay as they are; shy dropped */
    { "<p>AT&T &bogus; fish &amp chips Wash&shy;ington</p>",
      "AT&T &bogus; fish &amp chips Washington", NULL, NULL, NULL },
    /* a '<' that starts no tag; comparison text survives */
    { "<p>1 < 2 and 3 > 2</p>", "1 < 2 and 3 > 2", NULL, NULL, NULL },
    /* attributes holding '>' inside quotes do not end the tag */
    { "<p title=\"a > b\">kept</p><img alt='x>y' src=z>", "kept", NULL, NULL,
      NULL },
    /* a script never closed swallows the rest */
    { "<p>before</p><script>var a = 1;", "before", NULL, NULL, NULL },
    /* svg, iframe, template, textarea dropped; self-closing svg is empty */
    { "a<svg><text>no</text></svg>b<svg/>c<iframe>no</iframe>"
      "<template>no</template><textarea>no</textarea>d",
      "abcd", NULL, NULL, NULL },
    /* CDATA content is text, declarations are not */
    { "<?xml version=\"1.0\"?><p><![CDATA[x < y]]></p>", "x < y", NULL, NULL,
      NULL },
    /* only the first title; a title with only spaces is none */
    { "<title>  </title><title>Second</title><p>body</p>", "body", "Second",
      NULL, NULL },
    /* line breaks: br, li, tr give one newline, paragraphs a blank line */
    { "<div>a<br/>b</div><div><ul><li>c<li>d</ul></div>",
      "a\nb\n\nc\nd", NULL, NULL, NULL },
    /* a declared legacy charset is named in the message */
    { "<meta charset=\"windows-1252\"><p>Caf\xE9</p>", NULL, NULL, NULL,
      "invalid UTF-8 at byte 35 (the page declares charset windows-1252; "
      "convert it to UTF-8)" },
    /* same through http-equiv */
    { "<meta http-equiv=\"Content-Type\" "
      "content=\"text/html; charset=ISO-8859-1\">\xE9",
      NULL, NULL, NULL,
      "invalid UTF-8 at byte 72 (the page declares charset iso-8859-1; "
      "convert it to UTF-8)" },
    /* no charset declared */
    { "<p>\xC3</p>", NULL, NULL, NULL, "invalid UTF-8 at byte 3" },
    /* markup only */
    { "<html><head><title>T</title></head><body> </body></html>", NULL, NULL,
      NULL, "no text left after removing the markup" },
};

START_TEST(test_html_rows)
{
    const html_row *row = &html_rows[_i];
    char *dir = gm_test_tmpdir();
    char *path = join(dir, "page.HTM"); /* the extension's case is ignored */
    write_str(path, row->html);
    gm_reader *r = open_ok(path, NULL);
    if (row->text) {
        const gm_article *a = expect_article(r, "page.HTM");
        ck_assert_str_eq(a->text, row->text);
        if (row->title)
            ck_assert_str_eq(a->title, row->title);
        else
            ck_assert_ptr_null(a->title);
        if (row->date)
            ck_assert_str_eq(a->date, row->date);
        else
            ck_assert_ptr_null(a->date);
    } else {
        expect_failure(r, GM_E_INPUT, path, 0, "", row->msg);
    }
    expect_end(r);
    gm_io_close(r);
    gm_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* ---- CSV ---------------------------------------------------------------- */

START_TEST(test_csv_news)
{
    /* Doubled quotes, a field over two lines, a short row, empty cells, a
     * stray quote, and reading going on after each bad row. */
    char *path = fixture("news.csv");
    gm_reader *r = open_ok(path, NULL);

    const gm_article *a = expect_article(r, "c1");
    ck_assert_str_eq(a->text, "Water rose in \"Old Town\", officials said.");
    ck_assert_str_eq(a->title, "Flood");
    ck_assert_str_eq(a->date, "2024-01-02");
    ck_assert_ptr_null(a->url);
    ck_assert_str_eq(a->extra, "{\"source\":\"wire\",\"lang\":\"en\"}");
    ck_assert_str_eq(a->path, path);
    ck_assert_int_eq(a->line, 2);

    a = expect_article(r, "c2");
    ck_assert_str_eq(a->text,
                     "A storm hit the coast.\nPower was cut in two towns.");
    ck_assert_int_eq(a->line, 3); /* where the record begins */

    expect_failure(r, GM_E_INPUT, path, 5, "",
                   "row has 4 columns, header has 6");

    a = expect_article(r, "c4");
    ck_assert_ptr_null(a->title); /* empty cells are absent */
    ck_assert_ptr_null(a->date);
    ck_assert_str_eq(a->extra, "{\"source\":\"web\",\"lang\":\"fr\"}");
    ck_assert_int_eq(a->line, 6);

    expect_failure(r, GM_E_INPUT, path, 7, "",
                   "malformed quotes in field 3 (a quote inside an unquoted "
                   "field, or text after a closing quote)");

    a = expect_article(r, "c6");
    ck_assert_str_eq(a->text, "After the bad rows, reading goes on.");
    ck_assert_int_eq(a->line, 8);
    expect_end(r);
    gm_io_close(r);
    free(path);
}
END_TEST

START_TEST(test_csv_unclosed_quote)
{
    char *path = fixture("unclosed.csv");
    gm_reader *r = open_ok(path, NULL);
    expect_article(r, "u1");
    /* The quote of line 3 never closes, and line 4 reads as a row of two
     * columns: line 3 alone is rejected and reading goes on at line 4 (a
     * quote open at a line end before a line that starts a row is taken
     * for the fault; the rows after are not lost in one field). */
    expect_failure(r, GM_E_INPUT, path, 3, "",
                   "unclosed quote: the row is rejected, reading goes on at "
                   "line 4");
    const gm_article *a = expect_article(r, "closes");
    ck_assert_str_eq(a->text, "and the file ends."); /* libcsv trims */
    ck_assert_int_eq(a->line, 4);
    expect_end(r);
    gm_io_close(r);
    free(path);
}
END_TEST

/* Two unclosed quotes in a row, CRLF line ends: the first record closes by
 * chance on the next line with one column too many, the second runs to the
 * end; each bad line is rejected alone, with its bytes as read, and the
 * last row is kept. */
START_TEST(test_csv_unclosed_twice)
{
    char *dir = gm_test_tmpdir();
    char *path = join(dir, "twice.csv");
    write_str(path, "id,text\r\nq1,ok\r\nq2,\"open\r\nq3,\",x\r\nq4,y\r\n");
    gm_reader *r = open_ok(path, NULL);
    expect_article(r, "q1");
    expect_failure(r, GM_E_INPUT, path, 3, "",
                   "unclosed quote: the row is rejected, reading goes on at "
                   "line 4");
    gm_io_reject rej;
    gm_io_last_reject(r, &rej);
    ck_assert_str_eq(rej.reason, "unclosed quote");
    ck_assert_uint_eq(rej.record_len, strlen("q2,\"open"));
    ck_assert_str_eq(rej.record, "q2,\"open");
    expect_failure(r, GM_E_INPUT, path, 4, "",
                   "unclosed quote: the row is rejected, reading goes on at "
                   "line 5");
    gm_io_last_reject(r, &rej);
    ck_assert_str_eq(rej.record, "q3,\",x");
    const gm_article *a = expect_article(r, "q4");
    ck_assert_str_eq(a->text, "y");
    ck_assert_int_eq(a->line, 5);
    expect_end(r);
    gm_io_close(r);
    gm_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* What a rejection hands on for the rejects file: the record as read and a
 * short reason, for every kind of input. */
START_TEST(test_last_reject)
{
    char *dir = gm_test_tmpdir();
    gm_io_reject rej;
    gm_error err;
    const gm_article *a;

    /* a JSON line, its line end dropped, invalid bytes kept */
    char *jl = join(dir, "r.jsonl");
    write_str(jl, "{\"id\":\"g\",\"text\":\"ok\"}\r\n"
                  "{\"id\":\"b\",\"text\":\"caf\xE9\"}\r\n{\"id\":\"n\"}\n");
    gm_reader *r = open_ok(jl, NULL);
    expect_article(r, "g");
    gm_io_last_reject(r, &rej);
    ck_assert_uint_eq(rej.record_len, 0); /* nothing rejected yet */
    ck_assert_int_eq(gm_io_next(r, &a, &err), GM_E_INPUT);
    gm_io_last_reject(r, &rej);
    ck_assert_str_eq(rej.reason, "invalid UTF-8");
    ck_assert_str_eq(rej.record, "{\"id\":\"b\",\"text\":\"caf\xE9\"}");
    ck_assert_int_eq(gm_io_next(r, &a, &err), GM_E_INPUT);
    gm_io_last_reject(r, &rej);
    ck_assert_str_eq(rej.reason, "no text field");
    ck_assert_str_eq(rej.record, "{\"id\":\"n\"}");
    expect_end(r);
    gm_io_close(r);

    /* a CSV row of two lines, a stray quote in the second: both lines */
    char *cv = join(dir, "r.csv");
    write_str(cv, "id,text\nm2,\"one\ntwo\"x,y\nm3,ok\n");
    r = open_ok(cv, NULL);
    ck_assert_int_eq(gm_io_next(r, &a, &err), GM_E_INPUT);
    gm_io_last_reject(r, &rej);
    ck_assert_str_eq(rej.reason, "malformed quotes");
    ck_assert_str_eq(rej.record, "m2,\"one\ntwo\"x,y");
    expect_article(r, "m3");
    expect_end(r);
    gm_io_close(r);

    /* a whole file: its path */
    char *bin = join(dir, "bin.txt");
    gm_test_write_file(bin, "ab\0cd", 5);
    r = open_ok(bin, NULL);
    ck_assert_int_eq(gm_io_next(r, &a, &err), GM_E_INPUT);
    gm_io_last_reject(r, &rej);
    ck_assert_str_eq(rej.reason, "binary file");
    ck_assert_str_eq(rej.record, bin);
    expect_end(r);
    gm_io_close(r);

    /* an entry of a directory that cannot be read: its path */
    char *sub = join(dir, "tree");
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    char *link = join(sub, "gone.txt");
    ck_assert_int_eq(symlink("nowhere", link), 0);
    r = open_ok(sub, NULL);
    ck_assert_int_eq(gm_io_next(r, &a, &err), GM_E_INPUT);
    gm_io_last_reject(r, &rej);
    ck_assert_str_eq(rej.reason, "unreadable file");
    ck_assert_str_eq(rej.record, link);
    expect_end(r);
    gm_io_close(r);

    gm_test_rmtree(dir);
    free(link);
    free(sub);
    free(bin);
    free(cv);
    free(jl);
    free(dir);
}
END_TEST

/* --lossy: each invalid byte becomes U+FFFD in every reader, the article is
 * kept, and the repairs are counted. */
START_TEST(test_lossy)
{
    char *dir = gm_test_tmpdir();
    gm_io_options opts = { 0 };
    opts.lossy = true;
    size_t articles, bytes;

    char *jl = join(dir, "l.jsonl");
    write_str(jl, "{\"id\":\"u\xFF\",\"text\":\"caf\xE9 in \xC3Paris\"}\n"
                  "{\"id\":\"ok\",\"text\":\"fine\"}\n");
    gm_reader *r = open_ok(jl, &opts);
    const gm_article *a = expect_article(r, "u\xEF\xBF\xBD");
    ck_assert_str_eq(a->text, "caf\xEF\xBF\xBD in \xEF\xBF\xBDParis");
    expect_article(r, "ok");
    expect_end(r);
    gm_io_repairs(r, &articles, &bytes);
    ck_assert_uint_eq(articles, 1);
    ck_assert_uint_eq(bytes, 3);
    gm_io_close(r);

    char *cv = join(dir, "l.csv");
    write_str(cv, "id,text,extra\nc1,\"na\xEFve\",\x80\nc2,ok,\n");
    r = open_ok(cv, &opts);
    a = expect_article(r, "c1");
    /* EF 76 is no sequence: EF alone is replaced */
    ck_assert_str_eq(a->text, "na\xEF\xBF\xBDve");
    ck_assert_str_eq(a->extra, "{\"extra\":\"\xEF\xBF\xBD\"}");
    expect_article(r, "c2");
    expect_end(r);
    gm_io_repairs(r, &articles, &bytes);
    ck_assert_uint_eq(articles, 1);
    ck_assert_uint_eq(bytes, 2);
    gm_io_close(r);

    char *tx = join(dir, "l.txt");
    write_str(tx, "Caf\xE9 in Paris\xF0\x9F");
    r = open_ok(tx, &opts);
    a = expect_article(r, "l.txt");
    ck_assert_str_eq(a->text,
                     "Caf\xEF\xBF\xBD in Paris\xEF\xBF\xBD\xEF\xBF\xBD");
    expect_end(r);
    gm_io_close(r);

    char *ht = join(dir, "l.html");
    write_str(ht, "<html><title>T\xE9</title><p>Caf\xE9</p></html>");
    r = open_ok(ht, &opts);
    a = expect_article(r, "l.html");
    ck_assert_str_eq(a->title, "T\xEF\xBF\xBD");
    ck_assert_ptr_nonnull(strstr(a->text, "Caf\xEF\xBF\xBD"));
    expect_end(r);
    gm_io_close(r);

    /* a NUL byte is no encoding slip: still a binary file */
    char *bin = join(dir, "bin.txt");
    gm_test_write_file(bin, "a\xE9\0b", 4);
    r = open_ok(bin, &opts);
    expect_failure(r, GM_E_INPUT, bin, 0, "",
                   "binary file (NUL byte at offset 2)");
    expect_end(r);
    gm_io_close(r);

    gm_test_rmtree(dir);
    free(bin);
    free(ht);
    free(tx);
    free(cv);
    free(jl);
    free(dir);
}
END_TEST

START_TEST(test_csv_no_text_column)
{
    /* The file cannot go on: GM_E_FORMAT, then the end. */
    char *path = fixture("notext.csv");
    gm_reader *r = open_ok(path, NULL);
    expect_failure(r, GM_E_FORMAT, path, 1, "",
                   "no column \"text\" in the header");
    expect_end(r);
    gm_io_close(r);

    /* The same file with the text column named. */
    gm_io_options opts = { 0 };
    opts.text_field = "body";
    r = open_ok(path, &opts);
    const gm_article *a = expect_article(r, "n1");
    ck_assert_str_eq(a->text, "Hello.");
    ck_assert_ptr_null(a->extra); /* no other column */
    expect_end(r);
    gm_io_close(r);
    free(path);
}
END_TEST

START_TEST(test_csv_custom_fields)
{
    char *path = fixture("custom.csv");
    gm_io_options opts = { 0 };
    opts.id_field = "doc";
    opts.text_field = "body";
    opts.date_field = "published";
    opts.title_field = "headline";
    gm_reader *r = open_ok(path, &opts);
    const gm_article *a = expect_article(r, "k1");
    ck_assert_str_eq(a->text, "Body text, with a comma");
    ck_assert_str_eq(a->title, "Hello");
    ck_assert_str_eq(a->date, "2024-02-02");
    ck_assert_str_eq(a->url, "https://example.org/k1");
    ck_assert_ptr_null(a->extra);
    expect_end(r);
    gm_io_close(r);
    free(path);
}
END_TEST

typedef struct csv_row {
    const char *data;  /* the whole file */
    size_t len;
    const char *first; /* id of the first article, NULL if none */
    const char *text;  /* its text */
    long line;         /* its line */
    gm_status code;    /* then this failure (GM_OK: none) */
    long fail_line;
    const char *article;/* err->article */
    const char *msg;
    const char *then;  /* id of an article after the failure, or NULL */
} csv_row;

#define CR(lit, first, text, line, code, fline, article, msg, then) \
    { lit, sizeof(lit) - 1, first, text, line, code, fline, article, msg, then }

static const csv_row csv_rows[] = {
    /* CRLF line ends, a quoted CRLF inside a field */
    CR("id,text\r\nw1,\"two\r\nlines\"\r\nw2,x,y\r\nw3,z\r\n", "w1",
       "two\r\nlines", 2, GM_E_INPUT, 4, "", "row has 3 columns, header has 2",
       "w3"),
    /* a BOM before the header */
    CR("\xEF\xBB\xBFid,text\nb1,after BOM\n", "b1", "after BOM", 2, GM_OK,
       0, "", NULL, NULL),
    /* blank lines between records are skipped; lines still count */
    CR("id,text\n\n\nz1,late\n\n", "z1", "late", 4, GM_OK, 0, "", NULL, NULL),
    /* no final newline */
    CR("id,text\ne1,end", "e1", "end", 2, GM_OK, 0, "", NULL, NULL),
    /* bare CR line ends count as lines */
    CR("id,text\rm1,a\rm2,b,c\r", "m1", "a", 2, GM_E_INPUT, 3, "",
       "row has 3 columns, header has 2", NULL),
    /* invalid UTF-8 in a cell */
    CR("id,text\nv1,ok\nv2,caf\xE9\n", "v1", "ok", 2, GM_E_INPUT, 3, "v2",
       "invalid UTF-8 at byte 3 of column \"text\"", NULL),
    /* invalid UTF-8 in the id: the article is named with it repaired */
    CR("id,text\nv1,ok\nv\xFF,caf\n", "v1", "ok", 2, GM_E_INPUT, 3,
       "v\xEF\xBF\xBD", "invalid UTF-8 at byte 1 of column \"id\"", NULL),
    /* a NUL inside a quoted field */
    CR("id,text\nv1,ok\nv3,\"a\0b\"\n", "v1", "ok", 2, GM_E_INPUT, 3, "v3",
       "text contains a NUL character", NULL),
    /* text over the limit (12 bytes, limit 10: see the test) */
    CR("id,text\nv1,ok\nv4,twelve bytes\n", "v1", "ok", 2, GM_E_INPUT, 3,
       "v4", "article is 12 bytes, more than the limit of 10", NULL),
    /* no id column: path and line stand in (checked in the test) */
    CR("text\nno id\n", "", "no id", 2, GM_OK, 0, "", NULL, NULL),
    /* an empty file has no header */
    CR("", NULL, NULL, 0, GM_E_FORMAT, 0, "", "no header row (empty file)",
       NULL),
    /* a header with a stray quote */
    CR("id,te\"xt\nq1,x\n", NULL, NULL, 0, GM_E_FORMAT, 1, "",
       "malformed quotes in field 2 (a quote inside an unquoted field, or "
       "text after a closing quote)", NULL),
    /* an unclosed quote in the middle of the file, a good row after it:
     * the bad row alone is rejected (the quote ran to the end) */
    CR("id,text\nq1,ok\nq2,\"open\nq3,fine\n", "q1", "ok", 2, GM_E_INPUT, 3,
       "", "unclosed quote: the row is rejected, reading goes on at line 4",
       "q3"),
    /* ... before a quoted row: the quote pairs with the next row's, and
     * the text after it breaks the record */
    CR("id,text\nq1,ok\nq2,\"open\nq3,\"fine\"\n", "q1", "ok", 2,
       GM_E_INPUT, 3, "",
       "unclosed quote: the row is rejected, reading goes on at line 4", "q3"),
    /* ... before a row whose quoted text spans two lines */
    CR("id,text\nq1,ok\nq2,\"open\nq3,\"two\nlines\"\n", "q1", "ok", 2,
       GM_E_INPUT, 3, "",
       "unclosed quote: the row is rejected, reading goes on at line 4", "q3"),
    /* a stray quote in the second line of a quoted field: the record is
     * reported where it began, the rest of the bad line is dropped */
    CR("id,text\nm1,ok\nm2,\"one\ntwo\"x,y\nm3,ok\n", "m1", "ok", 2,
       GM_E_INPUT, 3, "",
       "malformed quotes in field 2 (a quote inside an unquoted field, or "
       "text after a closing quote)", "m3"),
};

START_TEST(test_csv_rows)
{
    const csv_row *row = &csv_rows[_i];
    char *dir = gm_test_tmpdir();
    char *path = join(dir, "rows.CSV"); /* the extension's case is ignored */
    gm_test_write_file(path, row->data, row->len);
    gm_io_options opts = { 0 };
    opts.max_article_bytes = 10;
    gm_reader *r = open_ok(path, &opts);
    if (row->first) {
        char id[4200];
        if (*row->first)
            snprintf(id, sizeof id, "%s", row->first);
        else
            snprintf(id, sizeof id, "%s:%ld", path, row->line);
        const gm_article *a = expect_article(r, id);
        ck_assert_str_eq(a->text, row->text);
        ck_assert_int_eq(a->line, row->line);
    }
    if (row->code != GM_OK)
        expect_failure(r, row->code, path, row->fail_line, row->article,
                       row->msg);
    if (row->then)
        expect_article(r, row->then);
    expect_end(r);
    gm_io_close(r);
    gm_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* Many records with quoted newlines and doubled quotes, so that records
 * straddle the reader's chunks: every record, text and line must come out
 * as written. */
START_TEST(test_csv_streaming)
{
    enum { ROWS = 3000 };
    char *dir = gm_test_tmpdir();
    char *path = join(dir, "big.csv");
    gm_buf data = GM_BUF_INIT;
    gm_buf_append_str(&data, "id,text,n\n");
    long line = 2;
    long lines[ROWS];
    for (int i = 0; i < ROWS; i++) {
        lines[i] = line;
        gm_buf_printf(&data, "r%d,\"", i);
        int newlines = i % 4;
        size_t filler = (size_t)(i * 131) % 300;
        for (size_t k = 0; k < filler; k++)
            gm_buf_append_char(&data, (char)('a' + (int)(k % 26)));
        for (int k = 0; k < newlines; k++)
            gm_buf_append_str(&data, "\n\"\"q\"\"");
        gm_buf_printf(&data, "\",%d\n", i);
        line += newlines + 1;
    }
    gm_test_write_file(path, data.data, data.len);
    ck_assert_uint_gt(data.len, 4 * 64 * 1024); /* several chunks */

    gm_reader *r = open_ok(path, NULL);
    for (int i = 0; i < ROWS; i++) {
        char id[16];
        snprintf(id, sizeof id, "r%d", i);
        const gm_article *a = expect_article(r, id);
        ck_assert_int_eq(a->line, lines[i]);
        size_t filler = (size_t)(i * 131) % 300;
        ck_assert_uint_eq(a->text_len, filler + (size_t)(i % 4) * 4);
        char extra[32];
        snprintf(extra, sizeof extra, "{\"n\":\"%d\"}", i);
        ck_assert_str_eq(a->extra, extra);
    }
    expect_end(r);
    gm_io_close(r);
    gm_buf_free(&data);
    gm_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* ---- directories -------------------------------------------------------- */

START_TEST(test_dir_tree)
{
    /* Byte-wise order of relative paths ("B" < "a-b" < "a." < "a/"),
     * nesting, hidden files and directories skipped, each file by its
     * extension. */
    char *root = fixture("tree");
    char *root_slash = join(root, ""); /* a trailing slash changes nothing */
    gm_reader *r = open_ok(root_slash, NULL);
    static const char *const ids[] = { "B.txt", "a-b.txt", "a.txt",
                                       "a/deeper/y.html", "a/x.txt", "b1",
                                       "b2", "c1" };
    static const char *const files[] = { "B.txt", "a-b.txt", "a.txt",
                                         "a/deeper/y.html", "a/x.txt",
                                         "b.jsonl", "b.jsonl", "c.csv" };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const gm_article *a = expect_article(r, ids[i]);
        char *want = join(root, files[i]);
        ck_assert_str_eq(a->path, want);
        free(want);
    }
    expect_end(r);
    gm_io_close(r);
    free(root_slash);
    free(root);
}
END_TEST

START_TEST(test_dir_links_and_failures)
{
    /* A dangling link and a CSV without a text column are rejections and
     * the walk goes on; a link to a file is followed; links back up the tree
     * are not walked twice; a fifo is not an article. */
    char *dir = gm_test_tmpdir();
    char *p = join(dir, "bad.csv");
    write_str(p, "id,body\nx,y\n");
    free(p);
    p = join(dir, "dangling");
    ck_assert_int_eq(symlink("nowhere.txt", p), 0);
    free(p);
    p = join(dir, "fifo");
    ck_assert_int_eq(mkfifo(p, 0600), 0);
    free(p);
    p = join(dir, "good.txt");
    write_str(p, "Good.");
    free(p);
    p = join(dir, "link.txt");
    ck_assert_int_eq(symlink("good.txt", p), 0);
    free(p);
    p = join(dir, "loop");
    ck_assert_int_eq(symlink(".", p), 0);
    free(p);
    p = join(dir, "sub");
    ck_assert_int_eq(mkdir(p, 0700), 0);
    free(p);
    p = join(dir, "sub/inner.txt");
    write_str(p, "Inner.");
    free(p);
    p = join(dir, "sub/up");
    ck_assert_int_eq(symlink("..", p), 0);
    free(p);
    int unreadable = geteuid() != 0; /* root reads everything */
    if (unreadable) {
        p = join(dir, "locked.txt");
        write_str(p, "Locked.");
        ck_assert_int_eq(chmod(p, 0), 0);
        free(p);
    }

    gm_reader *r = open_ok(dir, NULL);
    expect_failure(r, GM_E_INPUT, p = join(dir, "bad.csv"), 1, "",
                   "no column \"text\" in the header");
    free(p);
    expect_failure(r, GM_E_INPUT, p = join(dir, "dangling"), 0, "",
                   "cannot read: No such file or directory (broken symbolic "
                   "link)");
    free(p);
    const gm_article *a = expect_article(r, "good.txt");
    ck_assert_str_eq(a->text, "Good.");
    a = expect_article(r, "link.txt");
    ck_assert_str_eq(a->text, "Good.");
    if (unreadable) {
        expect_failure(r, GM_E_INPUT, p = join(dir, "locked.txt"), 0, "",
                       "cannot read: Permission denied");
        free(p);
    }
    expect_article(r, "sub/inner.txt");
    expect_end(r);
    gm_io_close(r);
    gm_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_dir_forced_format)
{
    /* A forced format applies to every file of a directory. */
    char *dir = gm_test_tmpdir();
    char *p = join(dir, "one.txt");
    write_str(p, "{\"id\": \"j1\", \"text\": \"t\"}\n");
    free(p);
    gm_io_options opts = { 0 };
    opts.format = GM_IO_JSONL;
    gm_reader *r = open_ok(dir, &opts);
    const gm_article *a = expect_article(r, "j1");
    ck_assert_int_eq(a->line, 1);
    expect_end(r);
    gm_io_close(r);
    gm_test_rmtree(dir);
    free(dir);
}
END_TEST

/* ---- opening ------------------------------------------------------------ */

START_TEST(test_open_errors)
{
    gm_reader *r = (gm_reader *)&r;
    gm_error err;
    gm_err_clear(&err);
    char *dir = gm_test_tmpdir();
    char *missing = join(dir, "missing.jsonl");
    ck_assert_int_eq(gm_io_open(missing, NULL, &r, &err), GM_E_IO);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(err.path, missing);
    ck_assert_int_eq(err.sys_errno, ENOENT);
    ck_assert_str_eq(err.msg, "cannot open: No such file or directory");

    gm_io_options opts = { 0 };
    opts.format = (gm_io_format)42;
    r = (gm_reader *)&r;
    ck_assert_int_eq(gm_io_open(dir, &opts, &r, &err), GM_E_USAGE);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(err.msg, "unknown input format 42");

    gm_io_close(NULL); /* accepted */
    gm_test_rmtree(dir);
    free(missing);
    free(dir);
}
END_TEST

/* The rules of JSON input that the JSON Lines reader and geomap serve
 * share: each object, the problem found first, the id and the culprit. */
static const struct {
    const char *json;
    gm_json_problem problem;
    const char *id;      /* NULL: none */
    const char *culprit; /* gm_json_type_name of the culprit */
} json_article_rows[] = {
    { "{\"id\": \"a1\", \"text\": \"x\"}", GM_JSON_ARTICLE, "a1", "a string" },
    { "{\"id\": 12, \"text\": \"x\"}", GM_JSON_ARTICLE, "12", "a string" },
    { "{\"id\": \"\", \"text\": \"x\"}", GM_JSON_ARTICLE, NULL, "a string" },
    { "{\"id\": null, \"text\": \"x\"}", GM_JSON_ARTICLE, NULL, "a string" },
    { "[1]", GM_JSON_NOT_OBJECT, NULL, "an array" },
    { "null", GM_JSON_NOT_OBJECT, NULL, "null" },
    { "{\"id\": [], \"text\": 5}", GM_JSON_BAD_ID, NULL, "an array" },
    { "{\"id\": \"b\"}", GM_JSON_NO_TEXT, "b", "null" },
    { "{\"id\": \"c\", \"text\": null}", GM_JSON_NO_TEXT, "c", "null" },
    { "{\"id\": 7, \"text\": true}", GM_JSON_TEXT_NOT_STRING, "7", "a boolean" },
    { "{\"text\": \"a\\u0000b\"}", GM_JSON_TEXT_NUL, NULL, "a string" },
};

START_TEST(test_json_article_rules)
{
    json_object *obj = json_tokener_parse(json_article_rows[_i].json);
    gm_json_article a;
    ck_assert_int_eq(gm_json_article_read(obj, "id", "text", &a),
                     json_article_rows[_i].problem);
    if (json_article_rows[_i].id)
        ck_assert_str_eq(a.id, json_article_rows[_i].id);
    else
        ck_assert_ptr_null(a.id);
    ck_assert_str_eq(gm_json_type_name(a.culprit),
                     json_article_rows[_i].culprit);
    if (json_article_rows[_i].problem == GM_JSON_ARTICLE)
        ck_assert_str_eq(a.text, "x");
    json_object_put(obj);
}
END_TEST

START_TEST(test_json_field_text)
{
    json_object *obj = json_tokener_parse(
        "{\"s\": \"a/b\", \"n\": 2024, \"o\": {\"k\": \"x/y\"}, \"z\": null}");
    ck_assert_str_eq(gm_json_field_text(obj, "s"), "a/b");
    ck_assert_str_eq(gm_json_field_text(obj, "n"), "2024");
    ck_assert_str_eq(gm_json_field_text(obj, "o"), "{\"k\":\"x/y\"}");
    ck_assert_ptr_null(gm_json_field_text(obj, "z"));
    ck_assert_ptr_null(gm_json_field_text(obj, "missing"));
    json_object_put(obj);
}
END_TEST

/* The JSON Lines scanner (json_scan.c) against json-c: each line is either
 * taken by the scanner with the values json-c finds in it, or declined
 * (json-c parses it then). taken says which the row expects, so that the
 * common lines are known to take the fast path. */
static const struct {
    const char *line;
    bool taken;
} json_scan_rows[] = {
    { "{\"id\": \"a1\", \"text\": \"Plain text.\"}", true },
    { " {\"text\" : \"a\" ,\t\"id\":\"b\" }\t ", true },
    { "{\"id\": \"e\", \"text\": \"\\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}", true },
    { "{\"text\": \"\\u00e9\\u2019\\uD83D\\uDE00 \\u0041\"}", true },
    { "{\"text\": \"raw\tcontrol \x01 and caf\xC3\xA9\"}", true },
    { "{\"text\": \"a string long enough for whole words \\\"of\\\" it\"}",
      true },
    /* escapes and the closing quote at both sides of sixteen-byte steps */
    { "{\"text\": \"0123456789abcdef\\\"23456789abcdef\\\\x"
      "123456789abcde\\n0123456789abcdef0123456789abcd\"}", true },
    { "{\"text\": \"first\", \"text\": \"second\"}", true }, /* last wins */
    { "{\"t\\u0065xt\": \"an escaped key\"}", true },
    { "{\"id\": 0, \"text\": \"x\"}", true },
    { "{\"id\": -123456789012345678, \"text\": \"x\"}", true },
    { "{\"id\": \"x\", \"title\": \"T\", \"date\": 20240302, "
      "\"url\": \"u\", \"text\": \"x\"}", true },
    { "{\"id\": \"\", \"text\": \"x\"}", true },
    { "{\"id\": \"n\"}", true }, /* taken; the reader leaves it to json-c */
    /* declined: json-c's to read or to refuse */
    { "{\"id\": \"x\", \"text\": \"y\", \"source\": \"wire\"}", false },
    { "{\"id\": -0, \"text\": \"x\"}", false },
    { "{\"id\": 01, \"text\": \"x\"}", false },
    { "{\"id\": 1.5, \"text\": \"x\"}", false },
    { "{\"id\": 1234567890123456789, \"text\": \"x\"}", false },
    { "{\"id\": null, \"text\": \"x\"}", false },
    { "{\"text\": \"a\\u0000b\"}", false },
    { "{\"text\": \"\\ud83d x\"}", false },
    { "{\"text\": \"\\ude00\"}", false },
    { "{\"text\": \"\\a\"}", false },
    { "{'text': \"a\"}", false },
    { "{\"text\": \"a\",}", false },
    { "{\"text\": \"a\"} x", false },
    { "{\"text\": \"a\"}\f", false },
    { "{\"text\": \"unterminated}", false },
    { "{\"text\": \"unterminated, and longer than sixteen bytes}", false },
    { "{}", false },
    { "[\"text\"]", false },
};

START_TEST(test_json_scan_agrees)
{
    const char *line = json_scan_rows[_i].line;
    size_t len = strlen(line);
    static const char *const keys[] = { "id", "text", "title", "date",
                                        "url" };
    gm_json_scan_value v[5];
    gm_buf dec = GM_BUF_INIT;
    bool taken = gm_json_scan_object(line, len, keys, 5, &dec, v);
    ck_assert_msg(taken == json_scan_rows[_i].taken, "%s: taken %d", line,
                  taken);
    if (taken) {
        json_tokener *tok = json_tokener_new();
        json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
        json_object *obj = json_tokener_parse_ex(tok, line, (int)len + 1);
        ck_assert_int_eq(json_tokener_get_error(tok), json_tokener_success);
        ck_assert_ptr_nonnull(obj);
        ck_assert_int_eq(json_object_object_length(obj) <= 5, 1);
        for (size_t k = 0; k < 5; k++) {
            json_object *value = NULL;
            bool has = json_object_object_get_ex(obj, keys[k], &value);
            ck_assert_int_eq(has, v[k].kind != GM_JSON_SCAN_MISSING);
            if (!has)
                continue;
            ck_assert_int_eq(v[k].kind == GM_JSON_SCAN_STRING,
                             json_object_is_type(value, json_type_string));
            const char *want = gm_json_field_text(obj, keys[k]);
            size_t want_len = v[k].kind == GM_JSON_SCAN_STRING
                                  ? (size_t)json_object_get_string_len(value)
                                  : strlen(want);
            ck_assert_uint_eq(v[k].len, want_len);
            ck_assert_int_eq(memcmp(v[k].s, want, want_len + 1), 0);
        }
        json_object_put(obj);
        json_tokener_free(tok);
    }
    gm_buf_free(&dec);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("io");

    TCase *json = tcase_create("json article");
    tcase_add_loop_test(json, test_json_article_rules, 0,
                        (int)(sizeof json_article_rows /
                              sizeof json_article_rows[0]));
    tcase_add_test(json, test_json_field_text);
    tcase_add_loop_test(json, test_json_scan_agrees, 0,
                        (int)(sizeof json_scan_rows /
                              sizeof json_scan_rows[0]));
    suite_add_tcase(s, json);

    TCase *jsonl = tcase_create("jsonl");
    tcase_add_test(jsonl, test_jsonl_batch);
    tcase_add_loop_test(jsonl, test_jsonl_rejections, 0,
                        (int)(sizeof jsonl_reject_rows /
                              sizeof jsonl_reject_rows[0]));
    tcase_add_test(jsonl, test_jsonl_fields);
    tcase_add_test(jsonl, test_jsonl_long_line);
    tcase_add_test(jsonl, test_jsonl_stdin);
    tcase_add_test(jsonl, test_jsonl_scanned_like_json_c);
    suite_add_tcase(s, jsonl);

    TCase *text = tcase_create("text");
    tcase_add_test(text, test_text_files);
    tcase_add_loop_test(text, test_text_rejections, 0,
                        (int)(sizeof text_reject_rows /
                              sizeof text_reject_rows[0]));
    suite_add_tcase(s, text);

    TCase *html = tcase_create("html");
    tcase_add_test(html, test_html_page);
    tcase_add_loop_test(html, test_html_rows, 0,
                        (int)(sizeof html_rows / sizeof html_rows[0]));
    suite_add_tcase(s, html);

    TCase *csv = tcase_create("csv");
    tcase_add_test(csv, test_csv_news);
    tcase_add_test(csv, test_csv_unclosed_quote);
    tcase_add_test(csv, test_csv_unclosed_twice);
    tcase_add_test(csv, test_csv_no_text_column);
    tcase_add_test(csv, test_csv_custom_fields);
    tcase_add_loop_test(csv, test_csv_rows, 0,
                        (int)(sizeof csv_rows / sizeof csv_rows[0]));
    tcase_add_test(csv, test_csv_streaming);
    suite_add_tcase(s, csv);

    TCase *dir = tcase_create("dir");
    tcase_add_test(dir, test_dir_tree);
    tcase_add_test(dir, test_dir_links_and_failures);
    tcase_add_test(dir, test_dir_forced_format);
    tcase_add_test(dir, test_open_errors);
    tcase_add_test(dir, test_last_reject);
    tcase_add_test(dir, test_lossy);
    suite_add_tcase(s, dir);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
