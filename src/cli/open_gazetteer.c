/* Which gazetteer a command uses, and saying so. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/diag.h"

/* Bytes linked in by embedded.S. */
extern const unsigned char gm_embedded_gazetteer[];
extern const unsigned char gm_embedded_gazetteer_end[];

#ifndef GEOMAP_DATADIR
#define GEOMAP_DATADIR "/usr/local/share/geomap"
#endif

static gm_gaz *open_file(const char *path, const char *why, bool quiet)
{
    gm_gaz *gaz;
    gm_error err;
    if (gm_gaz_open(path, &gaz, &err) != GM_OK) {
        gm_diag_error(&err);
        return NULL;
    }
    if (!quiet)
        fprintf(stderr, "geomap: gazetteer %s (%s, %u places)\n", path, why,
                gm_gaz_place_count(gaz));
    return gaz;
}

gm_gaz *gm_cli_open_gazetteer(const char *explicit_path, bool quiet)
{
    if (explicit_path)
        return open_file(explicit_path, "--gazetteer", quiet);
    const char *env = getenv("GEOMAP_GAZETTEER");
    if (env && *env)
        return open_file(env, "GEOMAP_GAZETTEER", quiet);
    const char *installed = GEOMAP_DATADIR "/world.gmz";
    if (access(installed, R_OK) == 0)
        return open_file(installed, "installed world index", quiet);

    gm_gaz *gaz;
    gm_error err;
    size_t size = (size_t)(gm_embedded_gazetteer_end - gm_embedded_gazetteer);
    if (gm_gaz_open_mem(gm_embedded_gazetteer, size, "embedded gazetteer",
                        &gaz, &err) != GM_OK) {
        gm_diag_error(&err);
        return NULL;
    }
    if (!quiet)
        fprintf(stderr, "geomap: gazetteer: embedded default (%u places)\n",
                gm_gaz_place_count(gaz));
    return gaz;
}
