/* What the subcommand files share: their entry points and the choice of
 * gazetteer. Each subcommand parses its own options (opts.h) and returns an
 * exit status (diag.h). */
#ifndef GM_CLI_CLI_H
#define GM_CLI_CLI_H

#include <stdbool.h>

#include "gazetteer/gaz.h"

int gm_cli_extract(int argc, char **argv);
int gm_cli_gazetteer(int argc, char **argv);
int gm_cli_eval(int argc, char **argv);
int gm_cli_merge(int argc, char **argv);
int gm_cli_serve(int argc, char **argv);

/* Opens the gazetteer in the search order: explicit (--gazetteer), then
 * $GEOMAP_GAZETTEER ("embedded" names the default in the binary), then
 * world.gmz beside the binary, then the installed world index, then the
 * embedded default. Says on stderr which one unless quiet. Prints the error
 * and returns NULL when a named index cannot be opened. */
gm_gaz *gm_cli_open_gazetteer(const char *explicit_path, bool quiet);

#endif
