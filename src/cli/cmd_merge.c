/* geomap merge: the outputs of sharded extracts (--shard K/N) into the
 * layers one extract over the whole input gives. Fills the options and
 * calls gm_merge_run (exports/merge.h), which checks the set of shards,
 * reads them with OGR and writes through the exporter. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/diag.h"
#include "cli/opts.h"
#include "cli/output_opts.h"
#include "exports/merge.h"

enum { OPT_EXPECT = GM_CLI_OUTPUT_NEXT, OPT_QUIET, OPT_HELP };

static const gm_cli_opt merge_options[] = {
    GM_CLI_OUTPUT_OPTIONS("output file or directory (required)"),
    { OPT_EXPECT, NULL, "--expect", "N",
      "the parts must be N shards (default: as their manifests say)" },
    GM_CLI_QUIET_OPTION(OPT_QUIET),
    GM_CLI_HELP_OPTION(OPT_HELP),
    { 0, NULL, NULL, NULL, NULL }
};

static void print_help(void)
{
    printf("Usage: geomap merge PART... -o OUT [options]\n\n"
           "Merges the outputs of 'geomap extract --shard K/N' (GeoJSONSeq, "
           "GeoJSON or\nFlatGeobuf directories, GeoPackages) into the layers "
           "of one run over the\nwhole input: mentions and events by article "
           "id, places summed. Refuses an\nincomplete set of shards, naming "
           "the missing ones, and writes nothing then.\n\n"
           "Options:\n");
    gm_cli_print_options(stdout, merge_options);
}

int gm_cli_merge(int argc, char **argv)
{
    const char **parts = calloc((size_t)argc + 1, sizeof *parts);
    gm_cli_output output;
    bool room = gm_cli_output_init(&output, argc);
    if (!parts || !room) {
        fprintf(stderr, "geomap: out of memory\n");
        free(parts);
        gm_cli_output_free(&output);
        return GM_EXIT_FAILED;
    }
    size_t n_parts = 0;
    gm_diag diag;
    memset(&diag, 0, sizeof diag);
    gm_merge_options mo;
    memset(&mo, 0, sizeof mo);
    mo.out.diag = gm_diag_warning;
    mo.out.diag_ctx = &diag;
    mo.out.min_zoom = GM_EXPORT_MINZOOM_DEFAULT;
    mo.out.max_zoom = GM_EXPORT_MAXZOOM_DEFAULT;

    int status = -1;
    gm_cli_parser parser;
    gm_cli_parser_init(&parser, "geomap merge", merge_options, argc, argv);
    int opt;
    const char *value;
    while (status < 0 && (opt = gm_cli_next(&parser, &value)) != GM_CLI_END) {
        int taken = gm_cli_output_take(&output, &parser, opt, value);
        if (taken) {
            if (taken < 0)
                status = GM_EXIT_USAGE;
            continue;
        }
        switch (opt) {
        case GM_CLI_ERROR: status = GM_EXIT_USAGE; break;
        case GM_CLI_POSITIONAL: parts[n_parts++] = value; break;
        case OPT_EXPECT: {
            char *end;
            errno = 0;
            unsigned long n = strtoul(value, &end, 10);
            if (errno || *end || value[0] < '0' || value[0] > '9' || n < 1 ||
                n > GM_MERGE_MAX_SHARDS) {
                gm_cli_usage_error(parser.command,
                                   "--expect takes a number of shards from "
                                   "1 to %d, not '%s'", GM_MERGE_MAX_SHARDS,
                                   value);
                status = GM_EXIT_USAGE;
            }
            mo.expect = (unsigned)n;
            break;
        }
        case OPT_QUIET: diag.quiet = true; break;
        case OPT_HELP: print_help(); status = GM_EXIT_OK; break;
        }
    }
    gm_cli_output_apply(&output, &mo.out);
    if (status < 0 && (n_parts == 0 || !mo.out.path)) {
        gm_cli_usage_error(parser.command, n_parts == 0
                                               ? "no PART given"
                                               : "no output given (-o OUT)");
        status = GM_EXIT_USAGE;
    }
    if (status < 0 && strcmp(mo.out.path, "-") == 0) {
        gm_cli_usage_error(parser.command, "merge writes files: -o - is "
                           "not for it");
        status = GM_EXIT_USAGE;
    }
    if (status < 0) {
        mo.parts = parts;
        mo.n_parts = n_parts;
        gm_error err;
        gm_err_clear(&err);
        gm_merge_stats stats;
        memset(&stats, 0, sizeof stats);
        gm_status st = gm_merge_run(&mo, &stats, &err);
        if (st != GM_OK) {
            gm_diag_error(&err);
            status = st == GM_E_USAGE ? GM_EXIT_USAGE : GM_EXIT_FAILED;
        } else {
            if (!diag.quiet)
                fprintf(stderr,
                        "geomap: %u shards merged (%llu articles mapped, "
                        "%llu rejected); %zu mentions of %zu places, %zu "
                        "events written to %s\n",
                        stats.n, (unsigned long long)stats.mapped,
                        (unsigned long long)stats.rejected, stats.mentions,
                        stats.places, stats.events, mo.out.path);
            status = GM_EXIT_OK;
        }
    }
    free(parts);
    gm_cli_output_free(&output);
    return status;
}
