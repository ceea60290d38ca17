/* Temporary output paths and the final rename. An output is written into a
 * fresh hidden directory ".NAME.tmp-PID-N" beside OUT (same directory, so
 * the same file system and rename works) and moved into place on commit:
 *
 * - directory mode (OUT is a directory of layer files): when OUT does not
 *   exist the temporary directory is renamed to OUT; when OUT is an earlier
 *   output it is renamed aside (".NAME.old-PID-N"), the new one renamed in,
 *   then the old one removed. A directory holding anything but an earlier
 *   output (files named <stem>.<ext> for the stems given) is never
 *   replaced, nor is a path that exists and is not a directory: both are
 *   GM_E_IO, at begin (before anything is written) and again at commit.
 * - file mode (OUT is one file, possibly with sidecars such as a
 *   shapefile's .shx .dbf .prj .cpg): every file of the temporary directory
 *   is renamed to OUT's directory, OUT itself last; sidecars of an earlier
 *   output with the same base name that the new output does not have are
 *   removed. Each file is replaced atomically, the set is not: a reader may
 *   see old and new components together for an instant. Should a rename
 *   fail, the files already moved are put back (the replaced ones restored
 *   from hard links when the file system has them). OUT being a directory
 *   is GM_E_IO.
 * - tree mode (OUT is a directory that the driver makes itself, such as a
 *   tile set "OUT/metadata.json", "OUT/Z/X/Y.pbf"): the driver writes
 *   TMP/NAME (see gm_atomic_dir and gm_atomic_name), which is renamed to OUT
 *   as in directory mode. An existing OUT is replaced only when every entry
 *   in it is one the owns() callback recognises as part of an earlier
 *   output.
 *
 * Abort removes the temporary directory. Not thread-safe per object;
 * distinct objects may be used from distinct threads. */
#ifndef GM_EXPORTS_ATOMIC_H
#define GM_EXPORTS_ATOMIC_H

#include <stdbool.h>

#include "core/error.h"

typedef enum gm_atomic_mode {
    GM_ATOMIC_DIR,  /* OUT is a directory */
    GM_ATOMIC_FILE, /* OUT is a file, with its sidecars */
    GM_ATOMIC_TREE  /* OUT is a directory made by the driver */
} gm_atomic_mode;

typedef struct gm_atomic_options {
    const char *path;  /* OUT as given; trailing slashes are ignored */
    gm_atomic_mode mode;
    /* Directory mode: the stems ("places") of the files that make an
     * earlier output (NULL-terminated), so that it can be replaced. */
    const char *const *stems;
    /* File mode: extensions (lower case, no dot, NULL-terminated, may be
     * NULL) of the files that go with OUT's base name; an earlier output's
     * files of these extensions (lower or upper case) are removed on commit
     * unless the new output has them. */
    const char *const *sidecars;
    /* Tree mode: does an entry of an existing OUT (a name, a directory or
     * not) belong to an earlier output? */
    bool (*owns)(const char *name, bool is_dir);
    gm_diag_fn diag;   /* leftovers that could not be removed; may be NULL */
    void *diag_ctx;
} gm_atomic_options;

typedef struct gm_atomic gm_atomic;

/* Checks that OUT's directory exists and is writable and that OUT may be
 * replaced, then makes the temporary directory. GM_E_USAGE when OUT has no
 * name ("", "/", ".", ".."); GM_E_IO (sys_errno set) otherwise, naming the
 * path; *out is NULL then. Owned: commit or abort. */
gm_status gm_atomic_begin(const gm_atomic_options *opts, gm_atomic **out,
                          gm_error *err);

/* The temporary directory to write into: in directory mode the layer files
 * go directly in it; in file and tree modes OUT's files (or OUT's tree) go
 * in it under their final names (see gm_atomic_name). Borrowed until commit
 * or abort. */
const char *gm_atomic_dir(const gm_atomic *at);

/* OUT's last component, e.g. "x.shp" for "data/x.shp/". Borrowed. */
const char *gm_atomic_name(const gm_atomic *at);

/* OUT normalised (no trailing slash), for messages. Borrowed. */
const char *gm_atomic_path(const gm_atomic *at);

/* Moves the output into place as described above and frees at, whatever
 * the result. GM_E_IO naming the path on failure, with OUT as it was and
 * the temporary directory removed. */
gm_status gm_atomic_commit(gm_atomic *at, gm_error *err);

/* Removes the temporary directory and frees at. Accepts NULL. */
void gm_atomic_abort(gm_atomic *at);

#endif
