/* Plain text: the whole file is one article. A UTF-8 byte order mark is
 * dropped; empty files, binary files (a NUL byte), UTF-16 and invalid UTF-8
 * (unless --lossy replaces its bad bytes by U+FFFD) are rejected with the
 * byte offset in the file. The article id (the path
 * relative to the directory walked, or the file name) is chosen by
 * reader.c. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "io/formats.h"
#include "text/utf8.h"

typedef struct text_src {
    gm_io_src base;
    const gm_io_cfg *cfg;
    FILE *fp;
    char *path;
    char *err_path;
    char *id;
    gm_buf data;
    gm_buf fixed;        /* --lossy: the text with bad bytes replaced */
    gm_article art;
    bool done;
} text_src;

static gm_status text_next(gm_io_src *base, const gm_article **article,
                           gm_error *err)
{
    text_src *src = (text_src *)base;
    *article = NULL;
    if (src->done)
        return GM_OK;
    src->done = true;
    size_t max = src->cfg->max_bytes;
    size_t limit = max > SIZE_MAX - 3 ? SIZE_MAX : max + 3; /* + a BOM */
    const char *path = src->err_path;

    /* A regular file too long is refused before it is read. */
    struct stat st;
    if (fstat(fileno(src->fp), &st) == 0 && S_ISREG(st.st_mode) &&
        (uintmax_t)st.st_size > limit) {
        base->reason = "too long";
        return gm_err_set(err, GM_E_INPUT, path, 0,
                          "article is %zu bytes, more than the limit of %zu",
                          (size_t)st.st_size, max);
    }

    size_t total = 0;
    gm_status status =
        gm_io_slurp(src->fp, limit, &src->data, &total, path, err);
    if (status != GM_OK) {
        base->reason = "unreadable file";
        return status;
    }
    const char *data = src->data.data;
    size_t len = src->data.len;
    size_t bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (total == bom) {
        base->reason = "empty file";
        return gm_err_set(err, GM_E_INPUT, path, 0, "empty file");
    }
    if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 ||
                     memcmp(data, "\xFE\xFF", 2) == 0)) {
        base->reason = "UTF-16";
        return gm_err_set(err, GM_E_INPUT, path, 0,
                          "UTF-16 text is not supported; convert to UTF-8");
    }
    if (total - bom > max) {
        base->reason = "too long";
        return gm_err_set(err, GM_E_INPUT, path, 0,
                          "article is %zu bytes, more than the limit of %zu",
                          total - bom, max);
    }
    const char *text = data + bom;
    size_t text_len = len - bom;
    size_t repaired = 0;
    if (src->cfg->lossy && !memchr(text, '\0', text_len)) {
        size_t bad;
        if (!gm_utf8_validate(text, text_len, &bad)) {
            gm_buf_clear(&src->fixed);
            repaired = gm_io_repair_utf8(text, text_len, &src->fixed);
            text = src->fixed.data;
            text_len = src->fixed.len;
        }
    }
    status = gm_io_check_text(base, text, text_len, bom, path, err);
    if (status != GM_OK)
        return status;

    gm_article *art = &src->art;
    memset(art, 0, sizeof *art);
    art->id = src->id;
    art->text = text;
    art->text_len = text_len;
    base->repaired = repaired;
    art->path = src->path;
    art->line = 0;
    *article = art;
    return GM_OK;
}

static void text_close(gm_io_src *base)
{
    text_src *src = (text_src *)base;
    gm_io_fclose(src->fp);
    free(src->path);
    free(src->err_path);
    free(src->id);
    gm_buf_free(&src->data);
    gm_buf_free(&src->fixed);
    free(src);
}

static const gm_io_src_ops text_ops = { text_next, text_close };

gm_status gm_io_text_open(const gm_io_file *file, const gm_io_cfg *cfg,
                          gm_io_src **out, gm_error *err)
{
    (void)err;
    text_src *src = gm_xcalloc(1, sizeof *src);
    src->base.ops = &text_ops;
    src->cfg = cfg;
    src->fp = file->fp;
    src->path = gm_xstrdup(file->path);
    src->err_path = gm_xstrdup(file->err_path);
    src->id = gm_xstrdup(file->id);
    *out = &src->base;
    return GM_OK;
}
