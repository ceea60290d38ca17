/* Shared by the libFuzzer targets: a private temporary directory per
 * process (the readers take paths, so each input is written to a file in
 * it), and the fixture directory the build script passes in. */
#ifndef GM_TESTS_FUZZ_COMMON_H
#define GM_TESTS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *mkdtemp(char *templ); /* POSIX 2008; not declared under strict C11 */

/* The per-process temporary directory (created once, never removed while
 * running: the fuzz script runs targets inside their own work directory). */
static const char *fuzz_tmpdir(void)
{
    static char dir[4096];
    if (!dir[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/geomap-fuzz-XXXXXX",
                 base && *base ? base : "/tmp");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            abort();
        }
    }
    return dir;
}

/* Writes data to fuzz_tmpdir()/name and returns its path (static buffer). */
static const char *fuzz_write(const char *name, const uint8_t *data,
                              size_t size)
{
    static char path[4200];
    snprintf(path, sizeof path, "%s/%s", fuzz_tmpdir(), name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        abort();
    }
    if (size && fwrite(data, 1, size, f) != size) {
        perror(path);
        abort();
    }
    if (fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

#endif
