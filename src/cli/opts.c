/* A table-driven option parser in the GDAL/ogr2ogr style: single-dash
 * long-ish names (-t_srs, -lco) and GNU double-dash aliases side by side. */
#include "cli/opts.h"

#include <stdarg.h>
#include <string.h>

void gm_cli_parser_init(gm_cli_parser *p, const char *command,
                        const gm_cli_opt *table, int argc, char **argv)
{
    p->table = table;
    p->argc = argc;
    p->argv = argv;
    p->index = 1;
    p->only_positional = false;
    p->command = command;
}

void gm_cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    fputs("geomap: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", command);
}

static bool name_matches(const char *name, const char *arg, size_t len)
{
    return name && strlen(name) == len && strncmp(name, arg, len) == 0;
}

int gm_cli_next(gm_cli_parser *p, const char **value)
{
    *value = NULL;
    if (p->index >= p->argc)
        return GM_CLI_END;
    const char *arg = p->argv[p->index++];
    if (p->only_positional || arg[0] != '-' || arg[1] == '\0') {
        *value = arg;
        return GM_CLI_POSITIONAL;
    }
    if (strcmp(arg, "--") == 0) {
        p->only_positional = true;
        return gm_cli_next(p, value);
    }
    const char *eq = arg[1] == '-' ? strchr(arg, '=') : NULL;
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    for (const gm_cli_opt *o = p->table; o->id; o++) {
        if (!name_matches(o->short_name, arg, len) &&
            !name_matches(o->long_name, arg, len))
            continue;
        if (!o->arg) {
            if (eq) {
                gm_cli_usage_error(p->command, "option %.*s takes no value",
                                   (int)len, arg);
                return GM_CLI_ERROR;
            }
            return o->id;
        }
        if (eq) {
            *value = eq + 1;
            return o->id;
        }
        if (p->index >= p->argc) {
            gm_cli_usage_error(p->command, "option %s needs a value (%s)",
                               arg, o->arg);
            return GM_CLI_ERROR;
        }
        *value = p->argv[p->index++];
        return o->id;
    }
    gm_cli_usage_error(p->command, "unknown option %s", arg);
    return GM_CLI_ERROR;
}

void gm_cli_print_options(FILE *out, const gm_cli_opt *table)
{
    for (const gm_cli_opt *o = table; o->id; o++) {
        char names[64];
        if (o->short_name && o->long_name)
            snprintf(names, sizeof names, "%s, %s", o->short_name,
                     o->long_name);
        else
            snprintf(names, sizeof names, "%s",
                     o->short_name ? o->short_name : o->long_name);
        char left[96];
        snprintf(left, sizeof left, "%s%s%s", names, o->arg ? " " : "",
                 o->arg ? o->arg : "");
        fprintf(out, "  %-30s %s\n", left, o->help);
    }
}
