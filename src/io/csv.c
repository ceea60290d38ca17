/* CSV through libcsv, streamed: the file is read in chunks and each record
 * is handed out as soon as it is complete, so a file of any size costs one
 * chunk and one record of memory. The first row is the header; the columns
 * named by the options (id, text, date, title; "url" is fixed) become the
 * article, every other column goes into gm_article.extra as a JSON object
 * (json-c). Strict mode: a stray quote rejects its record, an unclosed
 * quote at the end of the file rejects the record where it began. Lines
 * are physical lines: a record with quoted newlines is reported at the line
 * where it begins. The dispatcher (reader.c) decides which files are CSV. */
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
#include "text/utf8.h"

#define CHUNK_BYTES ((size_t)64 * 1024)
/* libcsv grows its field buffer by this much at a time (default 128). */
#define BLOCK_BYTES ((size_t)256 * 1024)
#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI)
#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
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

/* Reads the next record into src->fields. REC_REJECT and REC_FATAL fill
 * err; after REC_REJECT the next call goes on after the bad record. */
static rec_result read_record(csv_src *src, gm_error *err)
{
    src->record_done = false;
    src->nfields = 0;
    gm_buf_clear(&src->fields);
    for (;;) {
        if (src->chunk_pos == src->chunk_len) {
            if (src->eof) {
                if (csv_fini(&src->parser, on_field, on_record, src) != 0) {
                    reset_parser(src);
                    src->record_open = false;
                    gm_err_set(err, GM_E_INPUT, src->err_path,
                               src->record_line,
                               "unclosed quote: the record runs to the end "
                               "of the file");
                    return REC_REJECT;
                }
                src->record_open = false;
                return src->record_done ? REC_OK : REC_EOF;
            }
            errno = 0;
            src->chunk_len = fread(src->chunk, 1, sizeof src->chunk, src->fp);
            src->chunk_pos = 0;
            if (src->chunk_len == 0) {
                if (ferror(src->fp)) {
                    read_error(src, err);
                    return REC_FATAL;
                }
                src->eof = true;
                continue;
            }
            if (src->at_start) {
                src->at_start = false;
                if (src->chunk_len >= 3 &&
                    memcmp(src->chunk, "\xEF\xBB\xBF", 3) == 0)
                    src->chunk_pos = 3;
            }
            continue;
        }

        /* A segment: up to and including the next CR or LF. At most one
         * record ends in it, at its end. */
        const char *seg = src->chunk + src->chunk_pos;
        size_t avail = src->chunk_len - src->chunk_pos;
        size_t n = 0;
        while (n < avail && !is_term(seg[n]))
            n++;
        if (n < avail)
            n++;
        char last = seg[n - 1];
        src->chunk_pos += n;

        if (src->skipping) {
            count_line(src, last);
            src->skipping = !is_term(last);
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
        size_t used = csv_parse(&src->parser, seg, n, on_field, on_record, src);
        src->record_bytes += used;
        if (used < n) {
            int code = csv_error(&src->parser);
            long at = src->record_open ? src->record_line : src->line;
            size_t field = src->nfields + 1;
            reset_parser(src);
            src->record_open = false;
            count_line(src, last);
            src->skipping = !is_term(last);
            if (code == CSV_EPARSE) {
                gm_err_set(err, GM_E_INPUT, src->err_path, at,
                           "malformed quotes in field %zu (a quote inside an "
                           "unquoted field, or text after a closing quote)",
                           field);
                return REC_REJECT;
            }
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

/* Turns the current record into src->art. */
static gm_status build(csv_src *src, gm_error *err)
{
    long line = src->record_line;
    if (src->nfields != src->ncols)
        return gm_err_set(err, GM_E_INPUT, src->err_path, line,
                          "row has %zu columns, header has %zu",
                          src->nfields, src->ncols);

    const char *id = cell(src, COL_ID);
    if (!id) {
        gm_buf_clear(&src->id);
        gm_buf_printf(&src->id, "%s:%ld", src->err_path, line);
        id = src->id.data;
    }
    for (size_t i = 0; i < src->nfields; i++) {
        size_t bad = 0;
        if (!gm_utf8_validate(field(src, i), src->spans[i].len, &bad)) {
            gm_err_set(err, GM_E_INPUT, src->err_path, line,
                       "invalid UTF-8 at byte %zu of column \"%s\"", bad,
                       src->names[i]);
            if (err)
                err->offset = (long)bad;
            if (src->col[COL_ID] != (long)i)
                gm_io_err_article(err, id);
            return GM_E_INPUT;
        }
    }
    size_t t = (size_t)src->col[COL_TEXT];
    size_t text_len = src->spans[t].len;
    if (memchr(field(src, t), '\0', text_len)) {
        gm_err_set(err, GM_E_INPUT, src->err_path, line,
                   "text contains a NUL character");
        gm_io_err_article(err, id);
        return GM_E_INPUT;
    }
    if (text_len > src->cfg->max_bytes) {
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
                              json_object_to_json_string_ext(obj, JSON_FLAGS));
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
    return GM_OK;
}

static gm_status csv_next(gm_io_src *base, const gm_article **article,
                          gm_error *err)
{
    csv_src *src = (csv_src *)base;
    *article = NULL;
    while (!src->finished) {
        rec_result r = read_record(src, err);
        if (r == REC_EOF) {
            src->finished = true;
            if (!src->have_header)
                return gm_err_set(err, GM_E_FORMAT, src->err_path, 0,
                                  "no header row (empty file)");
            return GM_OK;
        }
        if (r == REC_FATAL) {
            src->finished = true;
            return err ? err->code : GM_E_FORMAT;
        }
        if (!src->have_header) {
            if (r == REC_REJECT) {
                /* Without a header no row means anything. */
                src->finished = true;
                if (err)
                    err->code = GM_E_FORMAT;
                return GM_E_FORMAT;
            }
            src->have_header = true;
            gm_status st = take_header(src, err);
            if (st != GM_OK) {
                src->finished = true;
                return st;
            }
            continue;
        }
        if (r == REC_REJECT)
            return GM_E_INPUT;
        gm_status st = build(src, err);
        if (st != GM_OK)
            return st;
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
