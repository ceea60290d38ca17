/* Internal to src/io: the interface between the dispatcher (reader.c) and
 * the format readers (jsonl.c, text.c, html.c, csv.c). Not installed, not
 * included outside src/io.
 *
 * A "source" reads one file (or stdin) of one format. reader.c opens the
 * file, picks the format, and pulls articles from the source; for a
 * directory it walks the tree and opens one source per file. A source owns
 * its buffers and hands out articles borrowed until its next call. */
#ifndef GM_IO_FORMATS_H
#define GM_IO_FORMATS_H

#include <stdio.h>

#include "core/buf.h"
#include "core/error.h"
#include "io/reader.h"

/* gm_io_options with the defaults filled in. */
typedef struct gm_io_cfg {
    const char *id_field;
    const char *text_field;
    const char *date_field;
    const char *title_field;
    size_t max_bytes; /* longest article text accepted, bytes */
    bool lossy;       /* repair invalid UTF-8 instead of rejecting */
} gm_io_cfg;

/* What a source is given when it opens. All strings are borrowed for the
 * call only: a source copies what it keeps. */
typedef struct gm_io_file {
    FILE *fp;             /* open for reading; the source owns it after a
                             successful open, unless it is stdin */
    const char *path;     /* gm_article.path ("-" for stdin) */
    const char *err_path; /* gm_error.path ("<stdin>" for stdin) */
    const char *id;       /* whole-file formats: the article id */
} gm_io_file;

typedef struct gm_io_src gm_io_src;

typedef struct gm_io_src_ops {
    /* Same contract as gm_io_next. */
    gm_status (*next)(gm_io_src *src, const gm_article **article,
                      gm_error *err);
    /* Frees everything, closes the file (never stdin). */
    void (*close)(gm_io_src *src);
} gm_io_src_ops;

/* Every source starts with this member, so a gm_io_src * can point at it.
 * When next fails, the source leaves in reason a short static phrase for
 * the kind of rejection and in raw the record as read (borrowed until its
 * next call; NULL for a whole-file source: the reader gives the path).
 * With an article it leaves in repaired the bytes --lossy replaced in it.
 * The reader clears all three before each call. */
struct gm_io_src {
    const gm_io_src_ops *ops;
    const char *reason;
    const char *raw;
    size_t raw_len;
    size_t repaired; /* --lossy: bytes replaced in the article handed out */
};

/* Constructors. cfg is borrowed for the life of the source (the reader
 * owns it). On failure *out is NULL, err says why and the caller still owns
 * file->fp. Nothing is read here: problems with the content (a CSV header
 * without the text column...) come from the first next. */
gm_status gm_io_jsonl_open(const gm_io_file *file, const gm_io_cfg *cfg,
                           gm_io_src **out, gm_error *err);
gm_status gm_io_csv_open(const gm_io_file *file, const gm_io_cfg *cfg,
                         gm_io_src **out, gm_error *err);
gm_status gm_io_text_open(const gm_io_file *file, const gm_io_cfg *cfg,
                          gm_io_src **out, gm_error *err);
gm_status gm_io_html_open(const gm_io_file *file, const gm_io_cfg *cfg,
                          gm_io_src **out, gm_error *err);

/* Shared helpers (reader.c). */

/* Closes fp unless it is stdin. Accepts NULL. */
void gm_io_fclose(FILE *fp);

/* Reads the rest of fp into buf (cleared first), at most limit bytes. When
 * the file is longer, stops storing and counts the rest into *total, so
 * the caller can say how long it was. GM_E_IO (errno) on a read error,
 * with err->path = err_path. */
gm_status gm_io_slurp(FILE *fp, size_t limit, gm_buf *buf, size_t *total,
                      const char *err_path, gm_error *err);

/* Checks that data[0..len) has no NUL byte and is valid UTF-8; sets a
 * GM_E_INPUT rejection ("binary file (NUL byte at offset N)" or "invalid
 * UTF-8 at byte N", N counted from base) and src->reason otherwise. */
gm_status gm_io_check_text(gm_io_src *src, const char *data, size_t len,
                           size_t base, const char *err_path, gm_error *err);

/* Appends s[0..len) to out with each byte that does not begin a valid
 * UTF-8 sequence replaced by U+FFFD (--lossy); returns how many bytes
 * were replaced. */
size_t gm_io_repair_utf8(const char *s, size_t len, gm_buf *out);

/* Fills the article id into err->article (truncated to fit). */
void gm_io_err_article(gm_error *err, const char *id);

#endif
