/* Messages of the CLI: errors and warnings to stderr as
 * "geomap: PATH:LINE: what is wrong", each kind of problem printed the first
 * few times and then counted, with totals at the end. */
#ifndef GM_CLI_DIAG_H
#define GM_CLI_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* Exit statuses (README, "Exit status"). */
enum {
    GM_EXIT_OK = 0,       /* all input used */
    GM_EXIT_REJECTED = 1, /* finished, some input rejected */
    GM_EXIT_USAGE = 2,
    GM_EXIT_FAILED = 3,   /* cannot go on; no partial output left */
    GM_EXIT_INTERNAL = 4
};

typedef struct gm_diag {
    bool quiet;           /* -q: errors only */
    size_t rejected;      /* input records rejected */
    size_t warnings;
    size_t printed;       /* rejections printed so far */
} gm_diag;

/* Prints a fatal error. */
void gm_diag_error(const gm_error *err);
/* Prints and counts a rejected input record (up to a limit, then counts). */
void gm_diag_reject(gm_diag *d, const gm_error *err);
/* gm_diag_fn for the library's warnings: ctx is a gm_diag. */
void gm_diag_warning(void *ctx, const gm_error *problem);
/* Prints the count of rejections not shown. */
void gm_diag_finish(gm_diag *d);
/* Installs the CLI's out-of-memory message. */
void gm_diag_install_oom_handler(void);

#endif
