/* The output options that geomap extract and geomap merge share, in
 * ogr2ogr's spelling (-o, -f, -t_srs, -lco, -dsco): their rows of the
 * option tables (one declaration, so --help says the same in both), their
 * ids, and the parsing of their values into the exporter's options. What
 * a command does with OUT besides (extract's "-o -", merge refusing it)
 * stays in its own file. */
#ifndef GM_CLI_OUTPUT_OPTS_H
#define GM_CLI_OUTPUT_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/opts.h"
#include "exports/export.h"

/* Ids of the output options; a command numbers its own options from
 * GM_CLI_OUTPUT_NEXT on. */
enum {
    GM_CLI_OUTPUT_PATH = 1, GM_CLI_OUTPUT_FORMAT, GM_CLI_OUTPUT_DST_SRS,
    GM_CLI_OUTPUT_LCO, GM_CLI_OUTPUT_DSCO,
    GM_CLI_OUTPUT_NEXT
};

/* The rows of the output options, first in a command's table; the help of
 * -o is the command's (whether OUT may be - for standard output). */
#define GM_CLI_OUTPUT_OPTIONS(output_help)                                  \
    { GM_CLI_OUTPUT_PATH, "-o", "--output", "OUT", output_help },           \
    { GM_CLI_OUTPUT_FORMAT, "-f", "--of", "FORMAT",                         \
      "OGR driver, see --formats (default: from OUT's extension)" },        \
    { GM_CLI_OUTPUT_DST_SRS, "-t_srs", "--dst-crs", "SRS",                  \
      "output SRS: EPSG:3857, WKT, PROJ string (default: WGS 84)" },        \
    { GM_CLI_OUTPUT_LCO, "-lco", "--lco", "NAME=VALUE",                     \
      "GDAL layer creation option (repeatable)" },                          \
    { GM_CLI_OUTPUT_DSCO, "-dsco", "--co", "NAME=VALUE",                    \
      "GDAL dataset creation option (repeatable)" }

/* What the output options say. */
typedef struct gm_cli_output {
    const char *path, *format, *dst_srs; /* NULL when not given */
    const char **lco, **dsco;            /* NULL-terminated, argv's strings */
    size_t n_lco, n_dsco;
} gm_cli_output;

/* Clears o and makes room for the -lco and -dsco of a command line of argc
 * arguments. False when out of memory (the caller says so); o is then
 * still to be freed. */
bool gm_cli_output_init(gm_cli_output *o, int argc);

/* Frees the lists (not the strings, which are argv's). */
void gm_cli_output_free(gm_cli_output *o);

/* Takes option opt of parser p with its value into o when it is an output
 * option: 1 when taken, 0 when opt is none of them, -1 after printing the
 * usage error of an -lco or -dsco value that is not NAME=VALUE (the
 * caller then exits 2). */
int gm_cli_output_take(gm_cli_output *o, const gm_cli_parser *p, int opt,
                       const char *value);

/* Sets path, format, dst_srs, lco and dsco of ex from o; borrowed until o
 * is freed. */
void gm_cli_output_apply(const gm_cli_output *o, gm_export_options *ex);

#endif
