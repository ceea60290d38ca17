/* The reader front: gm_io_open/next/close, the choice of a format for each
 * file, and the directory walk (sorted, recursive, hidden entries skipped,
 * loops cut by device and inode). Parsing is left to the format files
 * (jsonl.c, csv.c, text.c, html.c) through the source interface of
 * formats.h; the helpers they share (reading a whole file, NUL and UTF-8
 * checks) live here too. */
#include "io/reader.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "io/formats.h"
#include "text/utf8.h"

#define DEFAULT_MAX_BYTES ((size_t)10 * 1024 * 1024)
#define SLURP_CHUNK ((size_t)64 * 1024)

/* One entry of a directory listing, resolved through symbolic links. */
typedef enum entry_kind { ENTRY_FILE, ENTRY_DIR, ENTRY_ERROR } entry_kind;

typedef struct dir_entry {
    char *key;        /* the name, with "/" appended for a directory, so
                         that sorting keys sorts relative paths byte-wise */
    size_t name_len;  /* the name without that "/" */
    entry_kind kind;
    int sys_errno;    /* ENTRY_ERROR: why stat failed */
    bool broken_link; /* ENTRY_ERROR: a symbolic link to nothing */
    dev_t dev;        /* ENTRY_DIR: identity, for the loop guard */
    ino_t ino;
} dir_entry;

/* A directory being walked: its entries in order and the next one. */
typedef struct dir_frame {
    char *rel;        /* path relative to the root, "" for the root */
    dir_entry *entries;
    size_t count;
    size_t next;
} dir_frame;

/* Directories already entered, by (device, inode): open addressing. */
typedef struct dir_id {
    dev_t dev;
    ino_t ino;
    bool used;
} dir_id;

struct gm_reader {
    gm_io_cfg cfg;
    gm_io_format format;     /* forced, or GM_IO_AUTO */
    char *fields[4];         /* owned copies of the option field names */
    gm_io_src *src;          /* the file being read, NULL between files */
    bool single;             /* one file (or stdin), not a directory */
    bool done;

    /* Directory walk. */
    char *root;              /* as given, trailing slashes removed */
    dir_frame *stack;
    size_t depth;
    size_t stack_cap;
    dir_id *seen;
    size_t seen_count;
    size_t seen_cap;         /* a power of two, or 0 */
    gm_buf rel;              /* relative path of the current entry */
    gm_buf full;             /* root joined with rel */

    /* The last rejection (gm_io_last_reject). */
    const char *reject_reason;
    gm_buf reject_record;
    size_t repaired_articles; /* --lossy */
    size_t repaired_bytes;
};

/* ---- helpers shared with the format files ---- */

void gm_io_fclose(FILE *fp)
{
    if (fp && fp != stdin)
        fclose(fp);
}

gm_status gm_io_slurp(FILE *fp, size_t limit, gm_buf *buf, size_t *total,
                      const char *err_path, gm_error *err)
{
    gm_buf_clear(buf);
    size_t count = 0;
    char sink[4096];
    for (;;) {
        size_t n;
        if (buf->len < limit) {
            size_t want = limit - buf->len;
            if (want > SLURP_CHUNK)
                want = SLURP_CHUNK;
            gm_xgrow((void **)&buf->data, &buf->cap, buf->len + want + 1, 1);
            n = fread(buf->data + buf->len, 1, want, fp);
            buf->len += n;
            buf->data[buf->len] = '\0';
        } else {
            /* Over the limit: only count what is left. */
            n = fread(sink, 1, sizeof sink, fp);
        }
        count += n;
        if (n == 0)
            break;
    }
    if (ferror(fp)) {
        int e = errno;
        gm_err_set(err, GM_E_IO, err_path, 0, "cannot read: %s",
                   strerror(e));
        if (err)
            err->sys_errno = e;
        return GM_E_IO;
    }
    if (!buf->data)
        gm_buf_append(buf, "", 0);
    *total = count;
    return GM_OK;
}

size_t gm_io_repair_utf8(const char *s, size_t len, gm_buf *out)
{
    size_t replaced = 0;
    while (len > 0) {
        size_t bad = len;
        if (gm_utf8_validate(s, len, &bad))
            bad = len;
        gm_buf_append(out, s, bad);
        if (bad == len)
            break;
        gm_buf_append(out, "\xEF\xBF\xBD", 3); /* U+FFFD */
        replaced++;
        s += bad + 1;
        len -= bad + 1;
    }
    if (!out->data)
        gm_buf_append(out, "", 0);
    return replaced;
}

gm_status gm_io_check_text(gm_io_src *src, const char *data, size_t len,
                           size_t base, const char *err_path, gm_error *err)
{
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        size_t at = base + (size_t)(nul - data);
        src->reason = "binary file";
        gm_err_set(err, GM_E_INPUT, err_path, 0,
                   "binary file (NUL byte at offset %zu)", at);
        if (err)
            err->offset = (long)at;
        return GM_E_INPUT;
    }
    size_t bad = 0;
    if (!gm_utf8_validate(data, len, &bad)) {
        src->reason = "invalid UTF-8";
        gm_err_set(err, GM_E_INPUT, err_path, 0, "invalid UTF-8 at byte %zu",
                   base + bad);
        if (err)
            err->offset = (long)(base + bad);
        return GM_E_INPUT;
    }
    return GM_OK;
}

void gm_io_err_article(gm_error *err, const char *id)
{
    if (err && id)
        snprintf(err->article, sizeof err->article, "%s", id);
}

/* ---- format choice ---- */

static bool ext_is(const char *ext, const char *want)
{
    for (; *ext && *want; ext++, want++) {
        char c = *ext;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != *want)
            return false;
    }
    return *ext == '\0' && *want == '\0';
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The format of a file by its extension (case does not matter). */
static gm_io_format format_of(const char *path)
{
    const char *dot = strrchr(base_name(path), '.');
    if (!dot)
        return GM_IO_TEXT;
    const char *ext = dot + 1;
    if (ext_is(ext, "jsonl") || ext_is(ext, "ndjson") || ext_is(ext, "json"))
        return GM_IO_JSONL;
    if (ext_is(ext, "csv"))
        return GM_IO_CSV;
    if (ext_is(ext, "html") || ext_is(ext, "htm"))
        return GM_IO_HTML;
    return GM_IO_TEXT;
}

/* Makes a source for an open file. On failure the caller keeps fp. */
static gm_status open_source(const gm_reader *r, gm_io_format format,
                             const gm_io_file *file, gm_io_src **out,
                             gm_error *err)
{
    switch (format) {
    case GM_IO_JSONL: return gm_io_jsonl_open(file, &r->cfg, out, err);
    case GM_IO_CSV: return gm_io_csv_open(file, &r->cfg, out, err);
    case GM_IO_HTML: return gm_io_html_open(file, &r->cfg, out, err);
    case GM_IO_TEXT:
    case GM_IO_AUTO: break;
    }
    return gm_io_text_open(file, &r->cfg, out, err);
}

/* ---- directory walk ---- */

static size_t hash_id(dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15u;
    h ^= (uint64_t)dev + 0x632BE59BD9B4E019u + (h << 6) + (h >> 2);
    return (size_t)(h ^ (h >> 29));
}

/* Adds (dev, ino) to the seen set; false when it was there already. */
static bool mark_seen(gm_reader *r, dev_t dev, ino_t ino)
{
    if ((r->seen_count + 1) * 2 > r->seen_cap) {
        size_t cap = r->seen_cap ? r->seen_cap * 2 : 64;
        dir_id *table = gm_xcalloc(cap, sizeof *table);
        for (size_t i = 0; i < r->seen_cap; i++) {
            if (!r->seen[i].used)
                continue;
            size_t j = hash_id(r->seen[i].dev, r->seen[i].ino) & (cap - 1);
            while (table[j].used)
                j = (j + 1) & (cap - 1);
            table[j] = r->seen[i];
        }
        free(r->seen);
        r->seen = table;
        r->seen_cap = cap;
    }
    size_t j = hash_id(dev, ino) & (r->seen_cap - 1);
    while (r->seen[j].used) {
        if (r->seen[j].dev == dev && r->seen[j].ino == ino)
            return false;
        j = (j + 1) & (r->seen_cap - 1);
    }
    r->seen[j].used = true;
    r->seen[j].dev = dev;
    r->seen[j].ino = ino;
    r->seen_count++;
    return true;
}

static int compare_entries(const void *a, const void *b)
{
    /* strcmp compares as unsigned char: byte-wise order. */
    return strcmp(((const dir_entry *)a)->key, ((const dir_entry *)b)->key);
}

static void free_frame(dir_frame *frame)
{
    for (size_t i = 0; i < frame->count; i++)
        free(frame->entries[i].key);
    free(frame->entries);
    free(frame->rel);
}

/* Sets r->full to the root joined with rel ("" gives the root). */
static void join_path(gm_reader *r, const char *rel)
{
    gm_buf_clear(&r->full);
    gm_buf_append_str(&r->full, r->root);
    if (*rel) {
        if (r->full.len == 0 || r->full.data[r->full.len - 1] != '/')
            gm_buf_append_char(&r->full, '/');
        gm_buf_append_str(&r->full, rel);
    }
}

/* Lists the directory at r->full (relative path rel) into a new frame on
 * the stack. Entries that are neither files nor directories (fifos,
 * sockets, devices) are left out; entries that cannot be examined are kept
 * as errors, to be reported in their place in the order. Returns errno
 * (0 on success). */
static int push_dir(gm_reader *r, const char *rel)
{
    DIR *dir = opendir(gm_buf_str(&r->full));
    if (!dir)
        return errno;
    dir_frame frame = { gm_xstrdup(rel), NULL, 0, 0 };
    size_t cap = 0;
    gm_buf path = GM_BUF_INIT;
    int failure = 0;
    for (;;) {
        errno = 0;
        struct dirent *de = readdir(dir);
        if (!de) {
            failure = errno;
            break;
        }
        if (de->d_name[0] == '.')
            continue; /* hidden, and "." and ".." */
        gm_buf_clear(&path);
        gm_buf_append(&path, r->full.data, r->full.len);
        if (path.len && path.data[path.len - 1] != '/')
            gm_buf_append_char(&path, '/');
        gm_buf_append_str(&path, de->d_name);

        dir_entry e = { NULL, strlen(de->d_name), ENTRY_FILE, 0, false, 0, 0 };
        struct stat st;
        if (stat(path.data, &st) != 0) {
            e.kind = ENTRY_ERROR;
            e.sys_errno = errno;
            struct stat lst;
            e.broken_link = e.sys_errno == ENOENT &&
                            lstat(path.data, &lst) == 0 && S_ISLNK(lst.st_mode);
        } else if (S_ISDIR(st.st_mode)) {
            e.kind = ENTRY_DIR;
            e.dev = st.st_dev;
            e.ino = st.st_ino;
        } else if (!S_ISREG(st.st_mode)) {
            continue;
        }
        size_t key_len = e.name_len;
        e.key = gm_xmalloc(key_len + 2);
        memcpy(e.key, de->d_name, key_len);
        if (e.kind == ENTRY_DIR)
            e.key[key_len++] = '/';
        e.key[key_len] = '\0';
        gm_xgrow((void **)&frame.entries, &cap, frame.count + 1,
                 sizeof *frame.entries);
        frame.entries[frame.count++] = e;
    }
    gm_buf_free(&path);
    closedir(dir);
    if (failure) {
        free_frame(&frame);
        return failure;
    }
    if (frame.count > 1)
        qsort(frame.entries, frame.count, sizeof *frame.entries,
              compare_entries);
    gm_xgrow((void **)&r->stack, &r->stack_cap, r->depth + 1,
             sizeof *r->stack);
    r->stack[r->depth++] = frame;
    return 0;
}

/* Rejection of the entry at r->full. */
static gm_status reject_entry(gm_reader *r, int e, bool broken_link,
                              const char *what, gm_error *err)
{
    r->reject_reason = "unreadable file";
    gm_buf_clear(&r->reject_record);
    gm_buf_append(&r->reject_record, r->full.data, r->full.len);
    gm_err_set(err, GM_E_INPUT, gm_buf_str(&r->full), 0, "%s: %s%s", what,
               strerror(e), broken_link ? " (broken symbolic link)" : "");
    if (err)
        err->sys_errno = e;
    return GM_E_INPUT;
}

/* Moves the walk to the next file and opens a source for it. GM_OK with
 * r->src set: a file to read; GM_OK with r->src NULL: the walk is over;
 * GM_E_INPUT: an entry could not be read (the walk goes on next time). */
static gm_status walk_next(gm_reader *r, gm_error *err)
{
    while (r->depth > 0) {
        dir_frame *frame = &r->stack[r->depth - 1];
        if (frame->next == frame->count) {
            free_frame(frame);
            r->depth--;
            continue;
        }
        dir_entry *e = &frame->entries[frame->next++];
        gm_buf_clear(&r->rel);
        gm_buf_append_str(&r->rel, frame->rel);
        if (r->rel.len)
            gm_buf_append_char(&r->rel, '/');
        gm_buf_append(&r->rel, e->key, e->name_len);
        join_path(r, r->rel.data);

        if (e->kind == ENTRY_ERROR)
            return reject_entry(r, e->sys_errno, e->broken_link,
                                "cannot read", err);
        if (e->kind == ENTRY_DIR) {
            if (!mark_seen(r, e->dev, e->ino))
                continue; /* reached again through a link: a loop */
            /* push_dir may move the stack: e and frame are dead after. */
            int failure = push_dir(r, r->rel.data);
            if (failure)
                return reject_entry(r, failure, false,
                                    "cannot read directory", err);
            continue;
        }

        FILE *fp = fopen(r->full.data, "rb");
        if (!fp)
            return reject_entry(r, errno, false, "cannot read", err);
        gm_io_format format =
            r->format != GM_IO_AUTO ? r->format : format_of(r->rel.data);
        gm_io_file file = { fp, r->full.data, r->full.data, r->rel.data };
        gm_status st = open_source(r, format, &file, &r->src, err);
        if (st != GM_OK) {
            r->reject_reason = "unreadable file";
            gm_buf_clear(&r->reject_record);
            gm_buf_append(&r->reject_record, r->full.data, r->full.len);
            fclose(fp);
            if (err)
                err->code = GM_E_INPUT;
            return GM_E_INPUT;
        }
        return GM_OK;
    }
    return GM_OK;
}

/* ---- the public interface ---- */

gm_status gm_io_open(const char *path, const gm_io_options *opts,
                     gm_reader **out, gm_error *err)
{
    *out = NULL;
    if (!path || !*path)
        return gm_err_set(err, GM_E_USAGE, NULL, 0, "no input path given");
    gm_io_options defaults = { GM_IO_AUTO, NULL, NULL, NULL, NULL, 0, false };
    if (!opts)
        opts = &defaults;
    if ((unsigned)opts->format > (unsigned)GM_IO_CSV)
        return gm_err_set(err, GM_E_USAGE, path, 0,
                          "unknown input format %d", (int)opts->format);

    gm_reader *r = gm_xcalloc(1, sizeof *r);
    r->format = opts->format;
    const char *given[4] = { opts->id_field, opts->text_field,
                             opts->date_field, opts->title_field };
    const char *fallback[4] = { "id", "text", "date", "title" };
    for (int i = 0; i < 4; i++)
        r->fields[i] = gm_xstrdup(given[i] && *given[i] ? given[i]
                                                        : fallback[i]);
    r->cfg.id_field = r->fields[0];
    r->cfg.text_field = r->fields[1];
    r->cfg.date_field = r->fields[2];
    r->cfg.title_field = r->fields[3];
    r->cfg.max_bytes = opts->max_article_bytes ? opts->max_article_bytes
                                               : DEFAULT_MAX_BYTES;
    r->cfg.lossy = opts->lossy;

    if (strcmp(path, "-") == 0) {
        /* stdin is JSON Lines unless the caller forces a format. */
        r->single = true;
        gm_io_format format =
            r->format != GM_IO_AUTO ? r->format : GM_IO_JSONL;
        gm_io_file file = { stdin, "-", "<stdin>", "-" };
        gm_status st = open_source(r, format, &file, &r->src, err);
        if (st != GM_OK) {
            gm_io_close(r);
            return st;
        }
        *out = r;
        return GM_OK;
    }

    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        gm_err_set(err, GM_E_IO, path, 0, "cannot open: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        gm_io_close(r);
        return GM_E_IO;
    }

    if (S_ISDIR(st.st_mode)) {
        size_t len = strlen(path);
        while (len > 1 && path[len - 1] == '/')
            len--;
        r->root = gm_xstrndup(path, len);
        mark_seen(r, st.st_dev, st.st_ino);
        join_path(r, "");
        int failure = push_dir(r, "");
        if (failure) {
            gm_err_set(err, GM_E_IO, path, 0, "cannot read directory: %s",
                       strerror(failure));
            if (err)
                err->sys_errno = failure;
            gm_io_close(r);
            return GM_E_IO;
        }
        *out = r;
        return GM_OK;
    }

    r->single = true;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        int e = errno;
        gm_err_set(err, GM_E_IO, path, 0, "cannot open: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        gm_io_close(r);
        return GM_E_IO;
    }
    gm_io_format format =
        r->format != GM_IO_AUTO ? r->format : format_of(path);
    gm_io_file file = { fp, path, path, base_name(path) };
    gm_status status = open_source(r, format, &file, &r->src, err);
    if (status != GM_OK) {
        fclose(fp);
        gm_io_close(r);
        return status;
    }
    *out = r;
    return GM_OK;
}

/* Keeps what the source says it rejected (its record, or the path of a
 * whole-file source) for gm_io_last_reject. */
static void keep_reject(gm_reader *r, const gm_io_src *src,
                        const gm_error *err)
{
    r->reject_reason = src->reason ? src->reason : "unreadable input";
    gm_buf_clear(&r->reject_record);
    if (src->raw)
        gm_buf_append(&r->reject_record, src->raw, src->raw_len);
    else if (err && err->path[0])
        gm_buf_append_str(&r->reject_record, err->path);
}

gm_status gm_io_next(gm_reader *reader, const gm_article **article,
                     gm_error *err)
{
    *article = NULL;
    gm_reader *r = reader;
    r->reject_reason = NULL;
    gm_buf_clear(&r->reject_record);
    while (!r->done) {
        if (r->src) {
            r->src->reason = NULL;
            r->src->raw = NULL;
            r->src->raw_len = 0;
            r->src->repaired = 0;
            gm_status st = r->src->ops->next(r->src, article, err);
            if (st == GM_OK && *article) {
                if (r->src->repaired) {
                    r->repaired_articles++;
                    r->repaired_bytes += r->src->repaired;
                }
                return GM_OK;
            }
            if (st != GM_OK)
                keep_reject(r, r->src, err);
            if (st == GM_E_INPUT)
                return st;
            /* The file is over, or cannot go on. */
            r->src->ops->close(r->src);
            r->src = NULL;
            if (st != GM_OK) {
                *article = NULL;
                if (r->single) {
                    r->done = true;
                    return st;
                }
                /* In a directory one bad file is one rejection. */
                if (err)
                    err->code = GM_E_INPUT;
                return GM_E_INPUT;
            }
        }
        if (r->single) {
            r->done = true;
            break;
        }
        gm_status st = walk_next(r, err);
        if (st != GM_OK)
            return st;
        if (!r->src)
            r->done = true;
    }
    return GM_OK;
}

void gm_io_repairs(const gm_reader *reader, size_t *articles, size_t *bytes)
{
    *articles = reader->repaired_articles;
    *bytes = reader->repaired_bytes;
}

void gm_io_last_reject(const gm_reader *reader, gm_io_reject *out)
{
    out->record = gm_buf_str(&reader->reject_record);
    out->record_len = reader->reject_record.len;
    out->reason = reader->reject_reason ? reader->reject_reason
                                        : "unreadable input";
}

void gm_io_close(gm_reader *reader)
{
    if (!reader)
        return;
    if (reader->src)
        reader->src->ops->close(reader->src);
    for (size_t i = 0; i < reader->depth; i++)
        free_frame(&reader->stack[i]);
    free(reader->stack);
    free(reader->seen);
    free(reader->root);
    for (int i = 0; i < 4; i++)
        free(reader->fields[i]);
    gm_buf_free(&reader->rel);
    gm_buf_free(&reader->full);
    gm_buf_free(&reader->reject_record);
    free(reader);
}
