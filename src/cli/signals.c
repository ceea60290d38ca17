/* SIGINT and SIGTERM as a flag for the run loop (see signals.h). The
 * handler only stores the signal number. */
#include "cli/signals.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t received;

static void on_signal(int sig)
{
    if (!received)
        received = sig;
}

static void set_handler(int sig, void (*handler)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

void gm_cli_signals_install(void)
{
    received = 0;
    /* No SA_RESTART: a read blocked on a pipe returns, and the loop sees
     * the flag. SA_RESETHAND: the second signal takes the default action. */
    set_handler(SIGINT, on_signal, SA_RESETHAND);
    set_handler(SIGTERM, on_signal, SA_RESETHAND);
    /* A write past RLIMIT_FSIZE (a quota, "ulimit -f") then fails with
     * EFBIG, which the exporter reports and cleans up after (exit 3),
     * instead of SIGXFSZ killing geomap with its temporary output left. */
    set_handler(SIGXFSZ, SIG_IGN, 0);
}

void gm_cli_signals_restore(void)
{
    set_handler(SIGINT, SIG_DFL, 0);
    set_handler(SIGTERM, SIG_DFL, 0);
}

int gm_cli_interrupted(void)
{
    return received;
}
