/* Article readers: JSON Lines, plain text, HTML, CSV, directories of them,
 * and "-" (JSON Lines on standard input). A reader hands out one article at
 * a time, or a rejection that names the file, the line and what is wrong;
 * after a rejection the caller calls gm_io_next again and the reader goes on
 * with the next record, so one bad line never costs the others.
 * Dispatch by path: "-" → JSON Lines from stdin; a directory → its files,
 * recursively, in byte-wise sorted order of their relative paths (hidden
 * files and directories, those whose name starts with ".", are skipped);
 * a file → by extension: .jsonl .ndjson .json → JSON Lines, .csv → CSV,
 * .html .htm → HTML, anything else → plain text (one article a file).
 * Not thread-safe: one reader per thread. */
#ifndef GM_IO_READER_H
#define GM_IO_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

typedef struct gm_article {
    const char *id;     /* JSONL/CSV: the id field; files: path relative to
                           the directory given, or the file name */
    const char *text;   /* valid UTF-8, NUL-terminated (may hold no NUL) */
    size_t text_len;    /* bytes */
    const char *title;  /* NULL when absent */
    const char *date;   /* ISO 8601 as given, NULL when absent */
    const char *url;    /* NULL when absent */
    const char *extra;  /* JSONL: the other fields as a JSON object text;
                           CSV: other columns as a JSON object; else NULL */
    const char *path;   /* file it came from ("-" for stdin; error records
                           say "<stdin>") */
    long line;          /* 1-based line of the record, 0 for whole files */
} gm_article;

typedef enum gm_io_format {
    GM_IO_AUTO = 0, /* by path, as above */
    GM_IO_JSONL,
    GM_IO_TEXT,
    GM_IO_HTML,
    GM_IO_CSV
} gm_io_format;

typedef struct gm_io_options {
    gm_io_format format;     /* GM_IO_AUTO unless the user forces one */
    const char *id_field;    /* JSONL and CSV; NULL means "id" */
    const char *text_field;  /* NULL means "text" */
    const char *date_field;  /* NULL means "date" */
    const char *title_field; /* NULL means "title" */
    size_t max_article_bytes;/* 0 means 10 MiB; longer articles are rejected */
    bool lossy;              /* replace each invalid UTF-8 byte by U+FFFD
                                instead of rejecting the record */
} gm_io_options;

/* The record the last gm_io_next rejected, as read: a JSON line without
 * its line end, a CSV row's bytes (all its physical lines, the last line
 * end dropped), or the path of a whole-file input or of a directory entry.
 * May hold invalid UTF-8 and NUL bytes. reason is a short static phrase
 * naming the kind of rejection ("invalid UTF-8", "no text field"), for
 * grouping; err's message says the details. */
typedef struct gm_io_reject {
    const char *record; /* borrowed until the next gm_io_next or close */
    size_t record_len;  /* bytes */
    const char *reason; /* static */
} gm_io_reject;

typedef struct gm_reader gm_reader;

/* Opens path for reading. Fails with GM_E_IO (cannot open, with errno) or
 * GM_E_USAGE (unknown format); *out is NULL then. Problems with the content
 * (a CSV header without the text column) come from the first gm_io_next.
 * Owned: gm_io_close. */
gm_status gm_io_open(const char *path, const gm_io_options *opts,
                     gm_reader **out, gm_error *err);

/* Next article:
 *   GM_OK with *article set: an article, borrowed until the next call;
 *   GM_OK with *article NULL: end of input;
 *   GM_E_INPUT: one record rejected, err says where (path, line, article id
 *     when known) and why ("invalid UTF-8 at byte 12", "line is not a JSON
 *     object", "no \"text\" field", "row has 2 columns, header has 3",
 *     "cannot read: Permission denied"); call again to continue;
 *   other codes: this input cannot go on (err says why). Inside a
 *     directory, a file that cannot go on is reported as GM_E_INPUT and
 *     the walk continues with the next file. */
gm_status gm_io_next(gm_reader *reader, const gm_article **article,
                     gm_error *err);

/* What the last gm_io_next that returned an error (GM_E_INPUT or a status
 * that stops the input) rejected. After any other call, record is "" and
 * reason "unreadable input". */
void gm_io_last_reject(const gm_reader *reader, gm_io_reject *out);

/* --lossy: how many of the articles handed out so far had invalid UTF-8
 * repaired, and how many bytes were replaced in all. */
void gm_io_repairs(const gm_reader *reader, size_t *articles, size_t *bytes);

/* Accepts NULL. */
void gm_io_close(gm_reader *reader);

#endif
