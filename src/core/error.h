/* Status codes and the per-call error record.
 *
 * Every fallible function returns a gm_status and takes a caller-owned
 * gm_error *err as its last argument (which may be NULL when the caller does
 * not want details). The record is filled on failure only; threads each keep
 * their own record, so nothing is shared. The library never prints: the CLI
 * formats the record with gm_err_format(). */
#ifndef GM_CORE_ERROR_H
#define GM_CORE_ERROR_H

#include <stddef.h>

typedef enum gm_status {
    GM_OK = 0,
    GM_E_USAGE,    /* bad arguments or options */
    GM_E_IO,       /* a file could not be read or written (errno set) */
    GM_E_FORMAT,   /* a file is not what it should be (corrupt, wrong magic) */
    GM_E_INPUT,    /* one input record is unusable: the run goes on */
    GM_E_GDAL,     /* GDAL/OGR refused; message from CPLGetLastErrorMsg */
    GM_E_PROJ,     /* a coordinate system could not be built */
    GM_E_INTERNAL  /* a bug */
} gm_status;

#define GM_ERR_PATH_MAX 1024
#define GM_ERR_MSG_MAX 512
#define GM_ERR_ID_MAX 128

typedef struct gm_error {
    gm_status code;
    int sys_errno;                  /* errno when it explains the failure, else 0 */
    char path[GM_ERR_PATH_MAX];     /* file concerned, "" if none */
    long line;                      /* 1-based line, 0 if none */
    long offset;                    /* byte offset in file or article, -1 if none */
    char article[GM_ERR_ID_MAX];    /* article id, "" if none */
    char msg[GM_ERR_MSG_MAX];       /* what is wrong, no trailing newline */
} gm_error;

/* Resets the record to "no error". Accepts NULL. */
void gm_err_clear(gm_error *err);

/* Fills the record (when err is not NULL) and returns code, so callers can
 * write `return gm_err_set(err, GM_E_IO, path, 0, "cannot open: %s", ...)`.
 * path may be NULL. */
gm_status gm_err_set(gm_error *err, gm_status code, const char *path,
                     long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Writes "PATH:LINE: message" (the parts that are known) into buf, always
 * NUL-terminated. Returns buf. */
char *gm_err_format(const gm_error *err, char *buf, size_t size);

/* Non-fatal problems (an article rejected, a value truncated for a format)
 * go to a diagnostic callback that the caller passes in its options; the
 * record is only valid during the call. */
typedef void (*gm_diag_fn)(void *ctx, const gm_error *problem);

/* A short name for a status ("I/O error", "bad format", ...). Static string. */
const char *gm_status_name(gm_status code);

#endif
