/* Interrupts of a long run: SIGINT and SIGTERM set a flag that the run
 * loop checks between articles, so that the export is aborted cleanly (the
 * temporary output removed, an earlier output left intact) and geomap
 * exits with status 3 after "geomap: interrupted". The first signal only
 * asks; a second one of the same kind acts at once (the default action is
 * restored), for a run that does not reach a check (a long final write of
 * tiles, a read blocked on standard input).
 * Process-wide state, as signals are: one run per process. */
#ifndef GM_CLI_SIGNALS_H
#define GM_CLI_SIGNALS_H

#include <stdbool.h>

/* Installs the handlers. */
void gm_cli_signals_install(void);

/* Restores the default actions. */
void gm_cli_signals_restore(void);

/* The signal received since gm_cli_signals_install, or 0. */
int gm_cli_interrupted(void);

#endif
