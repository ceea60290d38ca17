/* Messages of the CLI: errors and warnings to stderr as
 * "geomap: PATH:LINE: what is wrong", each kind of problem printed the first
 * few times and then counted, with totals at the end; rejected input
 * records counted by reason and, with --rejects FILE, written to FILE. */
#ifndef GM_CLI_DIAG_H
#define GM_CLI_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/error.h"

/* Exit statuses (README, "Exit status"). */
enum {
    GM_EXIT_OK = 0,       /* all input used */
    GM_EXIT_REJECTED = 1, /* finished, some input rejected */
    GM_EXIT_USAGE = 2,
    GM_EXIT_FAILED = 3,   /* cannot go on; no partial output left */
    GM_EXIT_INTERNAL = 4
};

/* Reasons kept apart in the summary; more go under "other". */
#define GM_DIAG_MAX_REASONS 24

typedef struct gm_diag {
    bool quiet;           /* -q: errors only */
    size_t rejected;      /* input records rejected */
    size_t warnings;
    size_t printed;       /* rejections printed so far */

    /* Rejections by reason (static strings), in order of first use. */
    struct { const char *reason; size_t count; } reasons[GM_DIAG_MAX_REASONS];
    size_t n_reasons;

    /* --rejects FILE: written under tmp, renamed to path at the end. */
    FILE *rejects;
    char *rejects_path;
    char *rejects_tmp;
    int rejects_errno;    /* first write error, 0 if none */
} gm_diag;

/* Prints a fatal error. */
void gm_diag_error(const gm_error *err);

/* Prints (up to a limit, then counts) a rejected input record, counts it
 * under reason (a short static phrase; NULL: "other") and, when a rejects
 * file is open, writes it there with the record as read (record[0..len),
 * any bytes; record may be NULL). */
void gm_diag_reject(gm_diag *d, const gm_error *err, const char *reason,
                    const char *record, size_t record_len);

/* gm_diag_fn for the library's warnings: ctx is a gm_diag. */
void gm_diag_warning(void *ctx, const gm_error *problem);

/* Prints the count of rejections not shown. */
void gm_diag_finish(gm_diag *d);

/* Writes "N reason, M reason..." (most frequent first) into buf, "" when
 * nothing was rejected. Returns buf. */
char *gm_diag_reasons(const gm_diag *d, char *buf, size_t size);

/* --rejects: opens a temporary file beside path (".NAME.tmp-PID") to which
 * gm_diag_reject writes one JSON object a line. GM_E_IO when it cannot be
 * made (the directory is missing or not writable). */
gm_status gm_diag_rejects_open(gm_diag *d, const char *path, gm_error *err);

/* Closes the temporary rejects file, checking that every byte was
 * written; on failure removes it and says why. Call before the output is
 * committed. Does nothing without a rejects file. */
gm_status gm_diag_rejects_close(gm_diag *d, gm_error *err);

/* Renames the closed temporary file to its path (after the output is
 * committed). Does nothing without a rejects file. */
gm_status gm_diag_rejects_commit(gm_diag *d, gm_error *err);

/* Removes the temporary rejects file, if any (a failed run). Frees what
 * the rejects file used; safe to call after commit. */
void gm_diag_rejects_abort(gm_diag *d);

/* Installs the CLI's out-of-memory message. */
void gm_diag_install_oom_handler(void);

#endif
