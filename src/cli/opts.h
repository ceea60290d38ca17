/* The option tables that drive parsing and --help of every subcommand.
 * One table per subcommand; tests/cli checks that the README's option list
 * says the same as --help. */
#ifndef GM_CLI_OPTS_H
#define GM_CLI_OPTS_H

#include <stdbool.h>
#include <stdio.h>

typedef struct gm_cli_opt {
    int id;                 /* returned by the parser; 0 ends the table */
    const char *short_name; /* "-o", or NULL */
    const char *long_name;  /* "--output", or NULL */
    const char *arg;        /* "OUT" when it takes a value, else NULL */
    const char *help;       /* one line */
} gm_cli_opt;

typedef struct gm_cli_parser {
    const gm_cli_opt *table;
    int argc;
    char **argv;
    int index;              /* next argv element */
    bool only_positional;   /* after "--" */
    const char *command;    /* "geomap extract", for messages */
} gm_cli_parser;

/* The rows of -q and -h, said alike by the commands (serve's -q says
 * more), under the command's own id. */
#define GM_CLI_QUIET_OPTION(id)                                             \
    { (id), "-q", "--quiet", NULL, "print errors only" }
#define GM_CLI_HELP_OPTION(id) { (id), "-h", "--help", NULL, "show this help" }

/* Result of one step. */
enum { GM_CLI_END = 0, GM_CLI_POSITIONAL = -1, GM_CLI_ERROR = -2 };

void gm_cli_parser_init(gm_cli_parser *p, const char *command,
                        const gm_cli_opt *table, int argc, char **argv);

/* Next option: its id with *value set when it takes one; GM_CLI_POSITIONAL
 * with *value the argument; GM_CLI_END; or GM_CLI_ERROR after printing
 * "geomap: unknown option ..." and the --help hint to stderr. "-" alone is
 * positional (standard input). Both "--opt VALUE" and "--opt=VALUE". */
int gm_cli_next(gm_cli_parser *p, const char **value);

/* Prints the option list of a table, one option a line. */
void gm_cli_print_options(FILE *out, const gm_cli_opt *table);

/* Prints "geomap: MESSAGE" and the --help hint for command to stderr; the
 * caller then exits 2. */
void gm_cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
