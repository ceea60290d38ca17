/* The output options shared by geomap extract and geomap merge. See
 * output_opts.h. */
#include "cli/output_opts.h"

#include <stdlib.h>
#include <string.h>

bool gm_cli_output_init(gm_cli_output *o, int argc)
{
    memset(o, 0, sizeof *o);
    o->lco = calloc((size_t)argc + 1, sizeof *o->lco);
    o->dsco = calloc((size_t)argc + 1, sizeof *o->dsco);
    return o->lco && o->dsco;
}

void gm_cli_output_free(gm_cli_output *o)
{
    free(o->lco);
    free(o->dsco);
    o->lco = o->dsco = NULL;
}

int gm_cli_output_take(gm_cli_output *o, const gm_cli_parser *p, int opt,
                       const char *value)
{
    switch (opt) {
    case GM_CLI_OUTPUT_PATH: o->path = value; return 1;
    case GM_CLI_OUTPUT_FORMAT: o->format = value; return 1;
    case GM_CLI_OUTPUT_DST_SRS: o->dst_srs = value; return 1;
    case GM_CLI_OUTPUT_LCO:
    case GM_CLI_OUTPUT_DSCO: {
        const char *eq = strchr(value, '=');
        if (!eq || eq == value) {
            gm_cli_usage_error(p->command, "%s takes NAME=VALUE, not '%s'",
                               opt == GM_CLI_OUTPUT_LCO ? "-lco" : "-dsco",
                               value);
            return -1;
        }
        if (opt == GM_CLI_OUTPUT_LCO)
            o->lco[o->n_lco++] = value;
        else
            o->dsco[o->n_dsco++] = value;
        return 1;
    }
    default: return 0;
    }
}

void gm_cli_output_apply(const gm_cli_output *o, gm_export_options *ex)
{
    ex->path = o->path;
    ex->format = o->format;
    ex->dst_srs = o->dst_srs;
    ex->lco = o->lco;
    ex->dsco = o->dsco;
}
