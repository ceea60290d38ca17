/* Which gazetteer a command uses, and saying so. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/diag.h"

/* Bytes linked in by embedded.S. */
extern const unsigned char gm_embedded_gazetteer[];
extern const unsigned char gm_embedded_gazetteer_end[];

#ifndef GEOMAP_DATADIR
#define GEOMAP_DATADIR "/usr/local/share/geomap"
#endif

#define WORLD_INDEX "world.gmz"

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

static gm_gaz *open_embedded(bool quiet)
{
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

/* world.gmz beside the running binary (a build tree: build/geomap and the
 * build/world.gmz that examples/run.sh makes), into path; false if none. */
static bool world_beside_binary(char *path, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = '\0';
    int w = snprintf(path, size, "%s/" WORLD_INDEX, exe);
    return w > 0 && (size_t)w < size && access(path, R_OK) == 0;
}

gm_gaz *gm_cli_open_gazetteer(const char *explicit_path, bool quiet)
{
    if (explicit_path)
        return open_file(explicit_path, "--gazetteer", quiet);
    const char *env = getenv("GEOMAP_GAZETTEER");
    /* GEOMAP_GAZETTEER=embedded: the default in the binary, whatever else
     * is installed (the test suites use it). */
    if (env && strcmp(env, "embedded") == 0)
        return open_embedded(quiet);
    if (env && *env)
        return open_file(env, "GEOMAP_GAZETTEER", quiet);
    char beside[PATH_MAX + 16];
    if (world_beside_binary(beside, sizeof beside))
        return open_file(beside, "world index beside the binary", quiet);
    const char *installed = GEOMAP_DATADIR "/" WORLD_INDEX;
    if (access(installed, R_OK) == 0)
        return open_file(installed, "installed world index", quiet);
    return open_embedded(quiet);
}
