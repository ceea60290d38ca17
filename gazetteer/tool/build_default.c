/* geomap-gazetteer-build: the build step that compiles the committed
 * default gazetteer (gazetteer/data/default) into the index embedded in the
 * geomap binary. The same code runs as `geomap gazetteer build`; this small
 * program exists because geomap itself cannot be linked before its embedded
 * index is made.
 * Usage: geomap-gazetteer-build -o OUT [--common-words FILE] [--label L] INPUT... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer/geonames.h"

static void print_warning(void *ctx, const gm_error *problem)
{
    size_t *count = ctx;
    char buf[GM_ERR_PATH_MAX + GM_ERR_MSG_MAX + 64];
    if (++*count <= 20)
        fprintf(stderr, "geomap-gazetteer-build: warning: %s\n",
                gm_err_format(problem, buf, sizeof buf));
}

int main(int argc, char **argv)
{
    const char *out = NULL, *common = NULL, *label = NULL;
    const char **inputs = calloc((size_t)argc, sizeof *inputs);
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--common-words") == 0 && i + 1 < argc)
            common = argv[++i];
        else if (strcmp(argv[i], "--label") == 0 && i + 1 < argc)
            label = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "geomap-gazetteer-build: unknown option %s\n",
                    argv[i]);
            free(inputs);
            return 2;
        } else
            inputs[n++] = argv[i];
    }
    if (!out || n == 0) {
        fprintf(stderr, "usage: geomap-gazetteer-build -o OUT "
                        "[--common-words FILE] [--label L] INPUT...\n");
        free(inputs);
        return 2;
    }
    size_t warnings = 0;
    gm_error err;
    gm_status st = gm_geonames_build(out, inputs, n, common, label,
                                     print_warning, &warnings, &err);
    free(inputs);
    if (warnings > 20)
        fprintf(stderr, "geomap-gazetteer-build: %zu warnings in all\n",
                warnings);
    if (st != GM_OK) {
        char buf[GM_ERR_PATH_MAX + GM_ERR_MSG_MAX + 64];
        fprintf(stderr, "geomap-gazetteer-build: %s\n",
                gm_err_format(&err, buf, sizeof buf));
        return 3;
    }
    return 0;
}
