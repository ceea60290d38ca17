/* CSV through libcsv, streamed: the file is read in chunks and each record
 * is handed out as soon as it is complete, so a file of any size costs one
 * chunk and one record of memory. The first row is the header; the columns
 * named by the options (id, text, date, title; "url" is fixed) become the
 * article, every other column goes into gm_article.extra as a JSON object
 * (json-c). Strict mode: a stray quote rejects its record. A quote left
 * open does not swallow the rows after it: when a record that spans lines
 * fails (it runs to the end of the file, its quotes do not pair, it has the
 * wrong number of columns, or it grows without end) and its second line
 * starts a row of the header's width, its first line alone is rejected and
 * the bytes after it are parsed again (recover); otherwise the whole record
 * is rejected where it began. Lines are physical lines: a record with
 * quoted newlines is reported at the line where it begins. The dispatcher
 * (reader.c) decides which files are CSV. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <json-c/json.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "io/formats.h"
#include "io/json_article.h"
#include "text/utf8.h"

#define CHUNK_BYTES ((size_t)64 * 1024)
/* libcsv grows its field buffer by this much at a time (default 128). */
#define BLOCK_BYTES ((size_t)256 * 1024)
#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI)
/* A record still open after this many bytes is taken for an unclosed
 * quote: the file is abandoned rather than read into memory whole. */
#define RECORD_FACTOR 4
#define RECORD_MIN ((size_t)16 * 1024 * 1024)

enum { COL_ID, COL_TEXT, COL_DATE, COL_TITLE, COL_URL, COL_COUNT };

typedef struct field_span {
    size_t off; /* in csv_src.fields */
    size_t len;
} field_span;

typedef struct csv_src {
    gm_io_src base;
    const gm_io_cfg *cfg;
    FILE *fp;
    char *path;
    char *err_path;
    struct csv_parser parser;

    char chunk[CHUNK_BYTES];
    size_t chunk_len;
    size_t chunk_pos;
    bool at_start;        /* nothing read yet: a BOM may come */
    bool eof;             /* fread has nothing more */
    bool finished;        /* nothing more to hand out */

    long line;            /* physical line of the next byte, 1-based */
    bool prev_cr;         /* last byte was a CR (a CRLF counts once) */
    bool skipping;        /* dropping the rest of a line after an error */
    bool record_open;     /* a record has begun and not ended */
    long record_line;     /* where it began */
    size_t record_bytes;  /* its bytes so far */
    size_t record_max;
    gm_buf raw;           /* its bytes as read, from its first line on */
    bool reject_pending;  /* a rejection waits for the end of its line */

    /* Bytes read already that are to be parsed again (after an unclosed
     * quote, from the line after it): taken before the file's. */
    gm_buf replay;
    size_t replay_pos;

    /* Fields of the record being parsed: bytes, with a NUL after each. */
    gm_buf fields;
    field_span *spans;
    size_t nfields;
    size_t fields_cap;
    bool record_done;

    /* Header. */
    bool have_header;
    char **names;
    size_t ncols;
    long col[COL_COUNT];  /* column of each known field, -1 if none */

    gm_buf id;
    gm_buf extra;
    gm_article art;
} csv_src;

/* ---- libcsv callbacks ---- */

/* The field lives in libcsv's reusable buffer: copy it. */
static void on_field(void *data, size_t len, void *ctx)
{
    csv_src *src = ctx;
    gm_xgrow((void **)&src->spans, &src->fields_cap, src->nfields + 1,
             sizeof *src->spans);
    src->spans[src->nfields].off = src->fields.len;
    src->spans[src->nfields].len = len;
    src->nfields++;
    gm_buf_append(&src->fields, data ? data : "", data ? len : 0);
    gm_buf_append_char(&src->fields, '\0');
}

static void on_record(int c, void *ctx)
{
    (void)c;
    csv_src *src = ctx;
    src->record_done = true;
}

/* ---- records ---- */

typedef enum rec_result { REC_OK, REC_EOF, REC_REJECT, REC_FATAL } rec_result;

static void reset_parser(csv_src *src)
{
    /* csv_fini reports an unclosed quote instead of resetting while
     * CSV_STRICT_FINI is on. */
    csv_set_opts(&src->parser, CSV_STRICT);
    csv_fini(&src->parser, NULL, NULL, NULL);
    csv_set_opts(&src->parser, CSV_OPTIONS);
}

static bool is_term(char c)
{
    return c == '\r' || c == '\n';
}

/* Counts the line ending at the end of a segment. */
static void count_line(csv_src *src, char last)
{
    if (last == '\r') {
        src->line++;
        src->prev_cr = true;
    } else if (last == '\n') {
        if (!src->prev_cr)
            src->line++;
        src->prev_cr = false;
    } else {
        src->prev_cr = false;
    }
}

static gm_status read_error(csv_src *src, gm_error *err)
{
    int e = errno;
    gm_err_set(err, GM_E_IO, src->err_path, src->line, "cannot read: %s",
               strerror(e));
    if (err)
        err->sys_errno = e;
    return GM_E_IO;
}

/* The next segment of input: up to and including the next CR or LF (or
 * to the end of what is at hand), from the replay buffer first, then from
 * the file. 1 with *seg and *n set; 0 at the end of the input; -1 on a
 * read error (err set). */
static int next_segment(csv_src *src, const char **seg, size_t *n,
                        gm_error *err)
{
    const char *from;
    size_t avail;
    if (src->replay_pos < src->replay.len) {
        from = src->replay.data + src->replay_pos;
        avail = src->replay.len - src->replay_pos;
    } else {
        if (src->replay.len) {
            gm_buf_clear(&src->replay);
            src->replay_pos = 0;
        }
        while (src->chunk_pos == src->chunk_len) {
            if (src->eof)
                return 0;
            errno = 0;
            src->chunk_len = fread(src->chunk, 1, sizeof src->chunk, src->fp);
            src->chunk_pos = 0;
            if (src->chunk_len == 0) {
                if (ferror(src->fp)) {
                    read_error(src, err);
                    return -1;
                }
                src->eof = true;
                return 0;
            }
            if (src->at_start) {
                src->at_start = false;
                if (src->chunk_len >= 3 &&
                    memcmp(src->chunk, "\xEF\xBB\xBF", 3) == 0)
                    src->chunk_pos = 3;
            }
        }
        from = src->chunk + src->chunk_pos;
        avail = src->chunk_len - src->chunk_pos;
    }
    size_t len = 0;
    while (len < avail && !is_term(from[len]))
        len++;
    if (len < avail)
        len++;
    if (from == src->chunk + src->chunk_pos)
        src->chunk_pos += len;
    else
        src->replay_pos += len;
    *seg = from;
    *n = len;
    return 1;
}

/* Field and record counts of one line parsed alone (starts_row). */
typedef struct probe {
    size_t fields;
    bool done;
} probe;

static void probe_field(void *data, size_t len, void *ctx)
{
    (void)data;
    (void)len;
    ((probe *)ctx)->fields++;
}

static void probe_record(int c, void *ctx)
{
    (void)c;
    ((probe *)ctx)->done = true;
}

/* Does line[0..len) (no line end) start a row of the header's width: a
 * complete row of ncols fields, or one whose last field opens a quote
 * that a later line may close, without going over ncols? */
static bool starts_row(const csv_src *src, const char *line, size_t len)
{
    struct csv_parser parser;
    if (len == 0 || csv_init(&parser, CSV_STRICT) != 0)
        return false;
    probe p = { 0, false };
    bool ok = csv_parse(&parser, line, len, probe_field, probe_record, &p)
                  == len &&
              csv_parse(&parser, "\n", 1, probe_field, probe_record, &p) == 1;
    if (ok)
        ok = p.done ? p.fields == src->ncols : p.fields + 1 <= src->ncols;
    csv_free(&parser);
    return ok;
}

/* The record in src->raw failed (an unclosed quote at the end of the file,
 * quotes that do not pair, a wrong number of columns, no end in sight).
 * When it spans several lines and its second line starts a row of the
 * header's width, a quote left open on its first line is the likely
 * fault: that line alone is rejected (err says so, raw holds it) and
 * reading goes on at the second line, whose bytes are replayed. Returns
 * false, changing nothing, otherwise. */
static bool recover(csv_src *src, gm_error *err)
{
    if (!src->have_header || !src->raw.len)
        return false;
    const char *r = src->raw.data;
    size_t len = src->raw.len;
    size_t end = 0;
    while (end < len && !is_term(r[end]))
        end++;
    size_t next = end + 1;
    if (next < len && r[end] == '\r' && r[next] == '\n')
        next++;
    if (next >= len)
        return false;
    size_t second = next;
    while (second < len && !is_term(r[second]))
        second++;
    if (!starts_row(src, r + next, second - next))
        return false;

    gm_buf replay = GM_BUF_INIT;
    gm_buf_append(&replay, r + next, len - next);
    if (src->replay_pos < src->replay.len)
        gm_buf_append(&replay, src->replay.data + src->replay_pos,
                      src->replay.len - src->replay_pos);
    gm_buf_free(&src->replay);
    src->replay = replay;
    src->replay_pos = 0;

    src->raw.len = end;
    src->raw.data[end] = '\0';
    reset_parser(src);
    src->record_open = false;
    src->record_done = false;
    src->skipping = false;
    src->reject_pending = false;
    src->nfields = 0;
    gm_buf_clear(&src->fields);
    src->line = src->record_line + 1;
    src->prev_cr = false;
    src->base.reason = "unclosed quote";
    gm_err_set(err, GM_E_INPUT, src->err_path, src->record_line,
               "unclosed quote: the row is rejected, reading goes on at "
               "line %ld", src->record_line + 1);
    return true;
}

/* Reads the next record into src->fields, its bytes into src->raw.
 * REC_REJECT and REC_FATAL fill err and src->base.reason; after REC_REJECT
 * the next call goes on after the bad record. */
static rec_result read_record(csv_src *src, gm_error *err)
{
    src->record_done = false;
    src->nfields = 0;
    gm_buf_clear(&src->fields);
    gm_buf_clear(&src->raw);
    for (;;) {
        const char *seg;
        size_t n;
        int got = next_segment(src, &seg, &n, err);
        if (got < 0) {
            src->base.reason = "unreadable file";
            return REC_FATAL;
        }
        if (got == 0) {
            if (src->reject_pending) {
                src->reject_pending = false;
                src->skipping = false;
                return REC_REJECT;
            }
            if (csv_fini(&src->parser, on_field, on_record, src) != 0) {
                reset_parser(src);
                if (recover(src, err))
                    return REC_REJECT;
                src->record_open = false;
                src->base.reason = "unclosed quote";
                gm_err_set(err, GM_E_INPUT, src->err_path, src->record_line,
                           "unclosed quote: the record runs to the end of "
                           "the file");
                return REC_REJECT;
            }
            src->record_open = false;
            return src->record_done ? REC_OK : REC_EOF;
        }

        /* At most one record ends in a segment, at its end. */
        char last = seg[n - 1];
        if (src->skipping) {
            gm_buf_append(&src->raw, seg, n);
            count_line(src, last);
            src->skipping = !is_term(last);
            if (!src->skipping && src->reject_pending) {
                src->reject_pending = false;
                return REC_REJECT;
            }
            continue;
        }
        if (!src->record_open) {
            /* libcsv skips blank space between records; anything else
             * begins one. */
            for (size_t i = 0; i < n; i++)
                if (seg[i] != ' ' && seg[i] != '\t' && !is_term(seg[i])) {
                    src->record_open = true;
                    src->record_line = src->line;
                    src->record_bytes = 0;
                    break;
                }
        }
        if (src->record_open)
            gm_buf_append(&src->raw, seg, n);
        size_t used = csv_parse(&src->parser, seg, n, on_field, on_record, src);
        src->record_bytes += used;
        if (used < n) {
            int code = csv_error(&src->parser);
            long at = src->record_open ? src->record_line : src->line;
            size_t field = src->nfields + 1;
            reset_parser(src);
            if (code == CSV_EPARSE && recover(src, err))
                return REC_REJECT;
            src->record_open = false;
            count_line(src, last);
            src->skipping = !is_term(last);
            if (code == CSV_EPARSE) {
                src->base.reason = "malformed quotes";
                gm_err_set(err, GM_E_INPUT, src->err_path, at,
                           "malformed quotes in field %zu (a quote inside an "
                           "unquoted field, or text after a closing quote)",
                           field);
                if (!src->skipping)
                    return REC_REJECT;
                src->reject_pending = true; /* the rest of the line is its */
                continue;
            }
            src->base.reason = "unreadable file";
            gm_err_set(err, GM_E_FORMAT, src->err_path, at, "%s",
                       csv_strerror(code));
            return REC_FATAL;
        }
        count_line(src, last);
        if (src->record_done) {
            src->record_open = false;
            return REC_OK;
        }
        if (src->record_open && src->record_bytes > src->record_max) {
            if (recover(src, err))
                return REC_REJECT;
            src->base.reason = "unclosed quote";
            gm_err_set(err, GM_E_FORMAT, src->err_path, src->record_line,
                       "record is longer than %zu bytes and has not ended "
                       "(an unclosed quote?); giving up on this file",
                       src->record_max);
            return REC_FATAL;
        }
    }
}

static const char *field(const csv_src *src, size_t i)
{
    return src->fields.data + src->spans[i].off;
}

/* Takes the header from the first record. */
static gm_status take_header(csv_src *src, gm_error *err)
{
    src->names = gm_xcalloc(src->nfields, sizeof *src->names);
    src->ncols = src->nfields;
    for (size_t i = 0; i < src->nfields; i++) {
        size_t bad = 0;
        if (!gm_utf8_validate(field(src, i), src->spans[i].len, &bad) ||
            memchr(field(src, i), '\0', src->spans[i].len))
            return gm_err_set(err, GM_E_FORMAT, src->err_path,
                              src->record_line,
                              "column %zu of the header is not valid UTF-8 "
                              "text", i + 1);
        src->names[i] = gm_xstrdup(field(src, i));
    }
    const char *want[COL_COUNT] = { src->cfg->id_field, src->cfg->text_field,
                                    src->cfg->date_field,
                                    src->cfg->title_field, "url" };
    for (int c = 0; c < COL_COUNT; c++) {
        src->col[c] = -1;
        for (size_t i = 0; i < src->ncols && src->col[c] < 0; i++)
            if (strcmp(src->names[i], want[c]) == 0)
                src->col[c] = (long)i;
    }
    if (src->col[COL_TEXT] < 0)
        return gm_err_set(err, GM_E_FORMAT, src->err_path, src->record_line,
                          "no column \"%s\" in the header",
                          src->cfg->text_field);
    return GM_OK;
}

/* A cell as an optional string: NULL when the column is absent or the
 * cell empty. */
static const char *cell(const csv_src *src, int c)
{
    if (src->col[c] < 0)
        return NULL;
    size_t i = (size_t)src->col[c];
    return src->spans[i].len ? field(src, i) : NULL;
}

static bool is_known(const csv_src *src, size_t i)
{
    for (int c = 0; c < COL_COUNT; c++)
        if (src->col[c] == (long)i)
            return true;
    return false;
}

/* --lossy: replaces the bad bytes of every field by U+FFFD; returns how
 * many were replaced. */
static size_t repair_fields(csv_src *src)
{
    size_t bad;
    bool clean = true;
    for (size_t i = 0; i < src->nfields && clean; i++)
        clean = gm_utf8_validate(field(src, i), src->spans[i].len, &bad);
    if (clean)
        return 0;
    gm_buf fixed = GM_BUF_INIT;
    size_t replaced = 0;
    for (size_t i = 0; i < src->nfields; i++) {
        size_t off = fixed.len;
        replaced += gm_io_repair_utf8(field(src, i), src->spans[i].len,
                                      &fixed);
        src->spans[i].len = fixed.len - off;
        src->spans[i].off = off;
        gm_buf_append_char(&fixed, '\0');
    }
    gm_buf_free(&src->fields);
    src->fields = fixed;
    return replaced;
}

/* Turns the current record into src->art. */
static gm_status build(csv_src *src, gm_error *err)
{
    long line = src->record_line;
    if (src->nfields != src->ncols) {
        if (recover(src, err))
            return GM_E_INPUT;
        src->base.reason = "wrong column count";
        return gm_err_set(err, GM_E_INPUT, src->err_path, line,
                          "row has %zu columns, header has %zu",
                          src->nfields, src->ncols);
    }

    /* before any pointer into the fields is taken: it moves them */
    size_t repaired = src->cfg->lossy ? repair_fields(src) : 0;
    const char *id = cell(src, COL_ID);
    if (!id) {
        gm_buf_clear(&src->id);
        gm_buf_printf(&src->id, "%s:%ld", src->err_path, line);
        id = src->id.data;
    }
    for (size_t i = 0; i < src->nfields; i++) {
        size_t bad = 0;
        if (!gm_utf8_validate(field(src, i), src->spans[i].len, &bad)) {
            src->base.reason = "invalid UTF-8";
            gm_err_set(err, GM_E_INPUT, src->err_path, line,
                       "invalid UTF-8 at byte %zu of column \"%s\"", bad,
                       src->names[i]);
            if (err)
                err->offset = (long)bad;
            if (src->col[COL_ID] == (long)i) {
                /* the id itself is bad: named as --lossy would repair it */
                gm_buf_clear(&src->id);
                gm_io_repair_utf8(field(src, i), src->spans[i].len, &src->id);
                id = src->id.data;
            }
            gm_io_err_article(err, id);
            return GM_E_INPUT;
        }
    }
    size_t t = (size_t)src->col[COL_TEXT];
    size_t text_len = src->spans[t].len;
    if (memchr(field(src, t), '\0', text_len)) {
        src->base.reason = "NUL byte";
        gm_err_set(err, GM_E_INPUT, src->err_path, line,
                   "text contains a NUL character");
        gm_io_err_article(err, id);
        return GM_E_INPUT;
    }
    if (text_len > src->cfg->max_bytes) {
        src->base.reason = "too long";
        gm_err_set(err, GM_E_INPUT, src->err_path, line,
                   "article is %zu bytes, more than the limit of %zu",
                   text_len, src->cfg->max_bytes);
        gm_io_err_article(err, id);
        return GM_E_INPUT;
    }

    const char *extra = NULL;
    if (src->ncols > 0) {
        json_object *obj = NULL;
        for (size_t i = 0; i < src->ncols; i++) {
            if (is_known(src, i))
                continue;
            if (!obj)
                obj = json_object_new_object();
            json_object_object_add(
                obj, src->names[i],
                json_object_new_string_len(field(src, i),
                                           (int)src->spans[i].len));
        }
        if (obj) {
            gm_buf_clear(&src->extra);
            gm_buf_append_str(&src->extra,
                              json_object_to_json_string_ext(obj, GM_JSON_TEXT_FLAGS));
            json_object_put(obj);
            extra = src->extra.data;
        }
    }

    gm_article *art = &src->art;
    art->id = id;
    art->text = field(src, t);
    art->text_len = text_len;
    art->title = cell(src, COL_TITLE);
    art->date = cell(src, COL_DATE);
    art->url = cell(src, COL_URL);
    art->extra = extra;
    art->path = src->path;
    art->line = line;
    src->base.repaired = repaired;
    return GM_OK;
}

/* Points the source's rejected record at src->raw, its last line end
 * dropped. */
static void keep_raw(csv_src *src)
{
    size_t len = src->raw.len;
    while (len && is_term(src->raw.data[len - 1]))
        len--;
    src->base.raw = gm_buf_str(&src->raw);
    src->base.raw_len = len;
}

static gm_status csv_next(gm_io_src *base, const gm_article **article,
                          gm_error *err)
{
    csv_src *src = (csv_src *)base;
    *article = NULL;
    gm_status st = GM_OK;
    while (!src->finished) {
        rec_result r = read_record(src, err);
        if (r == REC_EOF) {
            src->finished = true;
            if (!src->have_header) {
                base->reason = "no CSV header";
                return gm_err_set(err, GM_E_FORMAT, src->err_path, 0,
                                  "no header row (empty file)");
            }
            return GM_OK;
        }
        if (r == REC_FATAL) {
            src->finished = true;
            keep_raw(src);
            return err ? err->code : GM_E_FORMAT;
        }
        if (!src->have_header) {
            keep_raw(src);
            if (r == REC_REJECT) {
                /* Without a header no row means anything. */
                src->finished = true;
                base->reason = "no CSV header";
                if (err)
                    err->code = GM_E_FORMAT;
                return GM_E_FORMAT;
            }
            src->have_header = true;
            st = take_header(src, err);
            if (st != GM_OK) {
                src->finished = true;
                base->reason = "no CSV header";
                return st;
            }
            continue;
        }
        if (r == REC_REJECT) {
            keep_raw(src);
            return GM_E_INPUT;
        }
        st = build(src, err);
        if (st != GM_OK) {
            keep_raw(src);
            return st;
        }
        *article = &src->art;
        return GM_OK;
    }
    return GM_OK;
}

static void csv_close(gm_io_src *base)
{
    csv_src *src = (csv_src *)base;
    csv_free(&src->parser);
    gm_io_fclose(src->fp);
    free(src->path);
    free(src->err_path);
    gm_buf_free(&src->fields);
    gm_buf_free(&src->raw);
    gm_buf_free(&src->replay);
    free(src->spans);
    for (size_t i = 0; i < src->ncols; i++)
        free(src->names[i]);
    free(src->names);
    gm_buf_free(&src->id);
    gm_buf_free(&src->extra);
    free(src);
}

static const gm_io_src_ops csv_ops = { csv_next, csv_close };

gm_status gm_io_csv_open(const gm_io_file *file, const gm_io_cfg *cfg,
                         gm_io_src **out, gm_error *err)
{
    csv_src *src = gm_xcalloc(1, sizeof *src);
    if (csv_init(&src->parser, CSV_OPTIONS) != 0) {
        free(src);
        *out = NULL;
        return gm_err_set(err, GM_E_INTERNAL, file->err_path, 0,
                          "cannot initialise the CSV parser");
    }
    src->base.ops = &csv_ops;
    src->cfg = cfg;
    src->fp = file->fp;
    src->path = gm_xstrdup(file->path);
    src->err_path = gm_xstrdup(file->err_path);
    csv_set_blk_size(&src->parser, BLOCK_BYTES);
    src->at_start = true;
    src->line = 1;
    size_t max = cfg->max_bytes;
    src->record_max = max > SIZE_MAX / RECORD_FACTOR ? SIZE_MAX
                                                     : max * RECORD_FACTOR;
    if (src->record_max < RECORD_MIN)
        src->record_max = RECORD_MIN;
    *out = &src->base;
    return GM_OK;
}
