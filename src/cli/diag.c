/* CLI messages. The library never prints; this file does. */
#include "cli/diag.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"

/* Beyond this many, rejections are only counted (the summary has them). */
#define MAX_REJECTS_SHOWN 50

void gm_diag_error(const gm_error *err)
{
    char buf[GM_ERR_PATH_MAX + GM_ERR_MSG_MAX + GM_ERR_ID_MAX + 32];
    fprintf(stderr, "geomap: %s\n", gm_err_format(err, buf, sizeof buf));
}

void gm_diag_reject(gm_diag *d, const gm_error *err)
{
    d->rejected++;
    if (d->printed++ < MAX_REJECTS_SHOWN)
        gm_diag_error(err);
}

void gm_diag_warning(void *ctx, const gm_error *problem)
{
    gm_diag *d = ctx;
    d->warnings++;
    if (d->quiet)
        return;
    char buf[GM_ERR_PATH_MAX + GM_ERR_MSG_MAX + GM_ERR_ID_MAX + 32];
    fprintf(stderr, "geomap: warning: %s\n",
            gm_err_format(problem, buf, sizeof buf));
}

void gm_diag_finish(gm_diag *d)
{
    if (d->printed > MAX_REJECTS_SHOWN)
        fprintf(stderr, "geomap: ... and %zu more rejected records\n",
                d->printed - MAX_REJECTS_SHOWN);
}

static void cli_oom(size_t bytes)
{
    fprintf(stderr, "geomap: out of memory allocating %zu bytes\n", bytes);
    exit(GM_EXIT_FAILED);
}

void gm_diag_install_oom_handler(void)
{
    gm_set_oom_handler(cli_oom);
}
