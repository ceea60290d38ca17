/* geomap: dispatch to a subcommand; general options (--help, --version,
 * --formats). Each subcommand lives in its own cmd_*.c. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/diag.h"
#include "cli/opts.h"
#include "exports/export.h"

#ifndef GEOMAP_VERSION
#define GEOMAP_VERSION "unknown"
#endif

static void print_help(void)
{
    printf("Usage: geomap COMMAND [options]\n\n"
           "Turns news articles into map layers: the places they name, "
           "resolved to a\ngazetteer, written through GDAL/OGR.\n\n"
           "Commands:\n"
           "  extract INPUT... -o OUT    map the places of articles\n"
           "  merge PART... -o OUT       merge the outputs of sharded "
           "extracts\n"
           "  gazetteer build|info|lookup  make, describe or query a "
           "gazetteer\n"
           "  eval GOLD.jsonl            score recognition and resolution on "
           "a gold corpus\n"
           "  serve [--data LAYERS]      serve the web map and the HTTP API\n\n"
           "General options:\n"
           "  -h, --help       show this help\n"
           "  --version        print the version\n"
           "  --formats        list the output formats\n\n"
           "'geomap COMMAND --help' describes a command.\n");
}

int main(int argc, char **argv)
{
    gm_diag_install_oom_handler();
    if (argc < 2) {
        gm_cli_usage_error("geomap", "no command given");
        return GM_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        print_help();
        return GM_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("geomap %s\n", GEOMAP_VERSION);
        return GM_EXIT_OK;
    }
    if (strcmp(cmd, "--formats") == 0) {
        gm_export_print_formats(stdout);
        return GM_EXIT_OK;
    }
    if (strcmp(cmd, "extract") == 0)
        return gm_cli_extract(argc - 1, argv + 1);
    if (strcmp(cmd, "merge") == 0)
        return gm_cli_merge(argc - 1, argv + 1);
    if (strcmp(cmd, "eval") == 0)
        return gm_cli_eval(argc - 1, argv + 1);
    if (strcmp(cmd, "serve") == 0)
        return gm_cli_serve(argc - 1, argv + 1);
    if (strcmp(cmd, "gazetteer") == 0)
        return gm_cli_gazetteer(argc - 1, argv + 1);
    gm_cli_usage_error("geomap", "unknown command '%s'", cmd);
    return GM_EXIT_USAGE;
}
