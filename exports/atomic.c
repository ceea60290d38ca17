/* Temporary output directories and the renames that publish them (see
 * atomic.h for the rules). Knows nothing of GDAL or of layers: the writer
 * says which file stems and sidecar extensions make an output. */
#include "exports/atomic.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"

/* Keeps temporary names within NAME_MAX when OUT's name is long. */
#define TMP_NAME_STEM_MAX 200
#define TMP_TRIES 10000
#define BACKUP_DIR ".old" /* inside the temporary directory, file mode */

struct gm_atomic {
    gm_atomic_mode mode;
    char *path;   /* OUT without trailing slashes */
    char *parent; /* its directory */
    char *name;   /* its last component */
    char *tmp;    /* the temporary directory */
    const char *const *stems;
    const char *const *sidecars;
    bool (*owns)(const char *name, bool is_dir);
    gm_diag_fn diag;
    void *diag_ctx;
};

static char *join(const char *dir, const char *name)
{
    gm_buf b = GM_BUF_INIT;
    gm_buf_printf(&b, "%s/%s", dir, name);
    return b.data;
}

static gm_status io_fail(gm_error *err, const char *path, int errnum,
                         const char *what)
{
    char reason[256];
    if (strerror_r(errnum, reason, sizeof reason) != 0)
        reason[0] = '\0';
    gm_err_set(err, GM_E_IO, path, 0, "%s: %s", what, reason);
    if (err)
        err->sys_errno = errnum;
    return GM_E_IO;
}

static void warn(const gm_atomic *at, const char *path, const char *msg)
{
    if (!at->diag)
        return;
    gm_error problem;
    gm_err_set(&problem, GM_OK, path, 0, "%s", msg);
    at->diag(at->diag_ctx, &problem);
}

/* Removes path, a directory and what it holds (not following symbolic
 * links), or a file. 0 or an errno. */
static int remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : errno;
    if (!S_ISDIR(st.st_mode))
        return unlink(path) == 0 ? 0 : errno;
    DIR *dir = opendir(path);
    if (!dir)
        return errno;
    int failed = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *child = join(path, e->d_name);
        int rc = remove_tree(child);
        if (rc && !failed)
            failed = rc;
        free(child);
    }
    closedir(dir);
    if (!failed && rmdir(path) != 0)
        failed = errno;
    return failed;
}

static bool is_stem(const char *const *stems, const char *name)
{
    const char *dot = strchr(name, '.');
    if (!stems || !dot || dot == name)
        return false;
    for (size_t i = 0; stems[i]; i++)
        if (strlen(stems[i]) == (size_t)(dot - name) &&
            !strncmp(stems[i], name, (size_t)(dot - name)))
            return true;
    return false;
}

/* Directory mode: may OUT, an existing directory, be replaced? Only when
 * it holds nothing but regular files named <stem>.<ext>. Tree mode: only
 * when owns() recognises every entry. */
static gm_status check_replaceable(const gm_atomic *at, gm_error *err)
{
    DIR *dir = opendir(at->path);
    if (!dir)
        return io_fail(err, at->path, errno, "cannot read the directory");
    gm_status status = GM_OK;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *child = join(at->path, e->d_name);
        struct stat st;
        bool ours = lstat(child, &st) == 0 &&
                    (at->mode == GM_ATOMIC_TREE
                         ? at->owns &&
                               (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) &&
                               at->owns(e->d_name, S_ISDIR(st.st_mode))
                         : S_ISREG(st.st_mode) &&
                               is_stem(at->stems, e->d_name));
        free(child);
        if (!ours) {
            gm_err_set(err, GM_E_IO, at->path, 0,
                       "is a directory holding \"%s\", which is not part of "
                       "a geomap output: not replacing it (remove it or "
                       "choose another output)",
                       e->d_name);
            if (err)
                err->sys_errno = EEXIST;
            status = GM_E_IO;
            break;
        }
    }
    closedir(dir);
    return status;
}

/* Is OUT, as it is now, something this mode may replace? */
static gm_status check_out(const gm_atomic *at, gm_error *err)
{
    struct stat st;
    if (lstat(at->path, &st) != 0) {
        if (errno == ENOENT)
            return GM_OK;
        return io_fail(err, at->path, errno, "cannot inspect the output");
    }
    if (at->mode == GM_ATOMIC_FILE) {
        if (S_ISDIR(st.st_mode)) {
            gm_err_set(err, GM_E_IO, at->path, 0,
                       "is a directory: not replacing it with a file");
            if (err)
                err->sys_errno = EISDIR;
            return GM_E_IO;
        }
        return GM_OK;
    }
    if (!S_ISDIR(st.st_mode)) {
        gm_err_set(err, GM_E_IO, at->path, 0,
                   "exists and is not a directory: not replacing it with "
                   "one (remove it or choose another output)");
        if (err)
            err->sys_errno = ENOTDIR;
        return GM_E_IO;
    }
    return check_replaceable(at, err);
}

/* A fresh name ".NAME.<what>-PID-N" in the parent directory; with make, the
 * directory is created (mkdir is the atomic test), else the name is only
 * checked to be free. NULL and errno on failure. */
static char *fresh_sibling(const gm_atomic *at, const char *what, bool make)
{
    size_t stem = strlen(at->name);
    if (stem > TMP_NAME_STEM_MAX) {
        stem = TMP_NAME_STEM_MAX;
        while (stem > 0 && ((unsigned char)at->name[stem] & 0xC0) == 0x80)
            stem--;
    }
    for (int n = 0; n < TMP_TRIES; n++) {
        gm_buf b = GM_BUF_INIT;
        gm_buf_printf(&b, "%s/.%.*s.%s-%ld-%d", at->parent, (int)stem,
                      at->name, what, (long)getpid(), n);
        struct stat st;
        if (make ? mkdir(b.data, 0777) == 0
                 : lstat(b.data, &st) != 0 && errno == ENOENT)
            return b.data;
        int e = make ? errno : EEXIST;
        gm_buf_free(&b);
        if (e != EEXIST) {
            errno = e;
            return NULL;
        }
    }
    errno = EEXIST;
    return NULL;
}

static void free_atomic(gm_atomic *at)
{
    free(at->path);
    free(at->parent);
    free(at->name);
    free(at->tmp);
    free(at);
}

gm_status gm_atomic_begin(const gm_atomic_options *opts, gm_atomic **out,
                          gm_error *err)
{
    *out = NULL;
    size_t len = strlen(opts->path);
    while (len > 1 && opts->path[len - 1] == '/')
        len--;
    const char *slash = NULL;
    for (size_t i = 0; i < len; i++)
        if (opts->path[i] == '/')
            slash = opts->path + i;
    const char *name = slash ? slash + 1 : opts->path;
    size_t name_len = len - (size_t)(name - opts->path);
    if (name_len == 0 || (name_len == 1 && name[0] == '.') ||
        (name_len == 2 && name[0] == '.' && name[1] == '.'))
        return gm_err_set(err, GM_E_USAGE, opts->path, 0,
                          "the output needs a name of its own (not \"/\", "
                          "\".\" or \"..\")");

    gm_atomic *at = gm_xcalloc(1, sizeof *at);
    at->mode = opts->mode;
    at->path = gm_xstrndup(opts->path, len);
    at->name = gm_xstrndup(name, name_len);
    at->parent = !slash ? gm_xstrdup(".")
                 : slash == opts->path
                     ? gm_xstrdup("/")
                     : gm_xstrndup(opts->path, (size_t)(slash - opts->path));
    at->stems = opts->stems;
    at->sidecars = opts->sidecars;
    at->owns = opts->owns;
    at->diag = opts->diag;
    at->diag_ctx = opts->diag_ctx;

    struct stat st;
    int e = stat(at->parent, &st) != 0 ? errno
            : !S_ISDIR(st.st_mode)      ? ENOTDIR
                                        : 0;
    if (e) {
        gm_err_set(err, GM_E_IO, at->path, 0,
                   "cannot write the output: directory \"%s\" %s",
                   at->parent,
                   e == ENOENT    ? "does not exist"
                   : e == ENOTDIR ? "is not a directory"
                                  : "cannot be inspected");
        if (err)
            err->sys_errno = e;
        free_atomic(at);
        return GM_E_IO;
    }
    if (access(at->parent, W_OK | X_OK) != 0) {
        e = errno;
        gm_err_set(err, GM_E_IO, at->path, 0,
                   "cannot write the output: directory \"%s\" is not "
                   "writable",
                   at->parent);
        if (err)
            err->sys_errno = e;
        free_atomic(at);
        return GM_E_IO;
    }
    gm_status status = check_out(at, err);
    if (status != GM_OK) {
        free_atomic(at);
        return status;
    }
    at->tmp = fresh_sibling(at, "tmp", true);
    if (!at->tmp) {
        status = io_fail(err, at->path, errno,
                         "cannot create a temporary directory beside it");
        free_atomic(at);
        return status;
    }
    *out = at;
    return GM_OK;
}

const char *gm_atomic_dir(const gm_atomic *at) { return at->tmp; }
const char *gm_atomic_name(const gm_atomic *at) { return at->name; }
const char *gm_atomic_path(const gm_atomic *at) { return at->path; }

void gm_atomic_abort(gm_atomic *at)
{
    if (!at)
        return;
    if (at->tmp && remove_tree(at->tmp) != 0)
        warn(at, at->tmp, "could not remove this temporary directory");
    free_atomic(at);
}

/* Directory and tree modes: renames src (the temporary directory, or the
 * tree inside it) to OUT, moving an earlier output aside first. */
static gm_status commit_dir(gm_atomic *at, const char *src, gm_error *err)
{
    gm_status status = check_out(at, err);
    if (status != GM_OK)
        return status;
    if (rename(src, at->path) == 0)
        return GM_OK; /* OUT was absent, or an empty directory */
    if (errno != EEXIST && errno != ENOTEMPTY)
        return io_fail(err, at->path, errno, "cannot rename the output "
                                             "into place");

    char *aside = fresh_sibling(at, "old", false);
    if (!aside)
        return io_fail(err, at->path, errno, "cannot name the earlier "
                                             "output aside");
    if (rename(at->path, aside) != 0) {
        status = io_fail(err, at->path, errno,
                         "cannot move the earlier output aside");
        free(aside);
        return status;
    }
    if (rename(src, at->path) != 0) {
        status = io_fail(err, at->path, errno,
                         "cannot rename the output into place");
        if (rename(aside, at->path) != 0)
            warn(at, aside, "the earlier output was left here");
        free(aside);
        return status;
    }
    if (remove_tree(aside) != 0)
        warn(at, aside, "could not remove the earlier output, moved here");
    free(aside);
    return GM_OK;
}

/* File mode bookkeeping: one file moved by the commit. */
typedef struct moved {
    char *name;
    bool backup; /* tmp/.old/name holds the file it replaced */
} moved;

typedef struct file_commit {
    char *old_dir;  /* tmp/.old */
    moved *stale;   /* earlier sidecars moved into old_dir */
    size_t n_stale, cap_stale;
    moved *placed;  /* new files renamed into the parent */
    size_t n_placed, cap_placed;
} file_commit;

static void push(moved **v, size_t *n, size_t *cap, const char *name,
                 bool backup)
{
    gm_xgrow((void **)v, cap, *n + 1, sizeof **v);
    (*v)[*n].name = gm_xstrdup(name);
    (*v)[*n].backup = backup;
    (*n)++;
}

/* Puts back what the commit changed, newest first. */
static void roll_back(gm_atomic *at, file_commit *fc)
{
    while (fc->n_placed > 0) {
        moved *m = &fc->placed[--fc->n_placed];
        char *dst = join(at->parent, m->name);
        char *bak = join(fc->old_dir, m->name);
        if (m->backup ? rename(bak, dst) != 0 : unlink(dst) != 0)
            warn(at, dst, "could not restore this file");
        free(dst);
        free(bak);
        free(m->name);
    }
    while (fc->n_stale > 0) {
        moved *m = &fc->stale[--fc->n_stale];
        char *dst = join(at->parent, m->name);
        char *bak = join(fc->old_dir, m->name);
        if (rename(bak, dst) != 0)
            warn(at, dst, "could not restore this file");
        free(dst);
        free(bak);
        free(m->name);
    }
}

static bool in_list(char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(names[i], name))
            return true;
    return false;
}

/* The new files, OUT's own name last. NULL and errno on failure. */
static char **list_new(const gm_atomic *at, size_t *n)
{
    DIR *dir = opendir(at->tmp);
    if (!dir)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    bool main_seen = false;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ".", "..", BACKUP_DIR */
        if (!strcmp(e->d_name, at->name)) {
            main_seen = true;
            continue;
        }
        gm_xgrow((void **)&names, &cap, *n + 2, sizeof *names);
        names[(*n)++] = gm_xstrdup(e->d_name);
    }
    closedir(dir);
    gm_xgrow((void **)&names, &cap, *n + 1, sizeof *names);
    if (main_seen)
        names[(*n)++] = gm_xstrdup(at->name);
    return names;
}

static gm_status move_stale(gm_atomic *at, file_commit *fc, char **fresh,
                            size_t n_fresh, gm_error *err)
{
    if (!at->sidecars)
        return GM_OK;
    const char *dot = strrchr(at->name, '.');
    size_t base = dot && dot != at->name ? (size_t)(dot - at->name)
                                         : strlen(at->name);
    for (size_t i = 0; at->sidecars[i]; i++) {
        for (int upper = 0; upper < 2; upper++) {
            gm_buf b = GM_BUF_INIT;
            gm_buf_printf(&b, "%.*s.%s", (int)base, at->name,
                          at->sidecars[i]);
            if (upper)
                for (char *c = b.data + base; *c; c++)
                    if (*c >= 'a' && *c <= 'z')
                        *c = (char)(*c - 'a' + 'A');
            char *src = join(at->parent, b.data);
            char *dst = join(fc->old_dir, b.data);
            struct stat st;
            gm_status status = GM_OK;
            if (!in_list(fresh, n_fresh, b.data) && lstat(src, &st) == 0 &&
                !S_ISDIR(st.st_mode)) {
                if (rename(src, dst) == 0)
                    push(&fc->stale, &fc->n_stale, &fc->cap_stale, b.data,
                         true);
                else
                    status = io_fail(err, src, errno,
                                     "cannot remove this file of the "
                                     "earlier output");
            }
            free(src);
            free(dst);
            gm_buf_free(&b);
            if (status != GM_OK)
                return status;
        }
    }
    return GM_OK;
}

static gm_status commit_file(gm_atomic *at, gm_error *err)
{
    gm_status status = check_out(at, err);
    if (status != GM_OK)
        return status;
    size_t n_fresh = 0;
    char **fresh = list_new(at, &n_fresh);
    if (!fresh)
        return io_fail(err, at->tmp, errno, "cannot read the temporary "
                                            "directory");
    file_commit fc = { 0 };
    fc.old_dir = join(at->tmp, BACKUP_DIR);
    if (mkdir(fc.old_dir, 0777) != 0)
        status = io_fail(err, fc.old_dir, errno, "cannot create a "
                                                 "temporary directory");
    if (status == GM_OK)
        status = move_stale(at, &fc, fresh, n_fresh, err);
    for (size_t i = 0; status == GM_OK && i < n_fresh; i++) {
        char *src = join(at->tmp, fresh[i]);
        char *dst = join(at->parent, fresh[i]);
        char *bak = join(fc.old_dir, fresh[i]);
        /* The hard link keeps the replaced file for a roll-back; rename
         * then swaps the new one in atomically. */
        bool backup = link(dst, bak) == 0;
        if (rename(src, dst) == 0)
            push(&fc.placed, &fc.n_placed, &fc.cap_placed, fresh[i],
                 backup);
        else
            status = io_fail(err, dst, errno, "cannot rename the output "
                                              "into place");
        free(src);
        free(dst);
        free(bak);
    }
    if (status != GM_OK)
        roll_back(at, &fc);
    for (size_t i = 0; i < fc.n_placed; i++)
        free(fc.placed[i].name);
    for (size_t i = 0; i < fc.n_stale; i++)
        free(fc.stale[i].name);
    free(fc.placed);
    free(fc.stale);
    free(fc.old_dir);
    for (size_t i = 0; i < n_fresh; i++)
        free(fresh[i]);
    free(fresh);
    return status;
}

gm_status gm_atomic_commit(gm_atomic *at, gm_error *err)
{
    gm_status status;
    if (at->mode == GM_ATOMIC_DIR) {
        status = commit_dir(at, at->tmp, err);
        if (status == GM_OK) {
            free(at->tmp); /* now OUT */
            at->tmp = NULL;
        }
    } else if (at->mode == GM_ATOMIC_TREE) {
        char *src = join(at->tmp, at->name);
        status = commit_dir(at, src, err);
        free(src);
    } else {
        status = commit_file(at, err);
    }
    /* On success in file mode the temporary directory holds the replaced
     * files and stale sidecars, in tree mode whatever the driver left
     * beside its tree; on failure, the new output. */
    gm_atomic_abort(at);
    return status;
}
