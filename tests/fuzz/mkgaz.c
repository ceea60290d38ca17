/* Seed maker for fuzz_gaz: builds the mini gazetteer of tests/fixtures/gaz
 * into the path given (argv[1]). Not a fuzz target. */
#include <stdio.h>

#include "gazetteer/geonames.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkgaz FIXTURES_DIR OUT.gmz\n");
        return 2;
    }
    char gaz_dir[4096], common[4096];
    snprintf(gaz_dir, sizeof gaz_dir, "%s/gaz", argv[1]);
    snprintf(common, sizeof common, "%s/gaz/common-words.txt", argv[1]);
    const char *inputs[] = { gaz_dir };
    gm_error err;
    if (gm_geonames_build(argv[2], inputs, 1, common, "fuzz seed", NULL, NULL,
                          &err) != GM_OK) {
        fprintf(stderr, "mkgaz: %s\n", err.msg);
        return 1;
    }
    return 0;
}
