/* The whole per-article pipeline (tokens, sentences, spotter, resolver,
 * events) on the valid UTF-8 prefix of the input, against the mini
 * gazetteer of tests/fixtures/gaz, built once per process. */
#include "fuzz_common.h"

#include "collect/worker.h"
#include "gazetteer/geonames.h"
#include "text/utf8.h"

#ifndef GM_FUZZ_FIXTURES
#error "build with -DGM_FUZZ_FIXTURES=\"<repo>/tests/fixtures\""
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static gm_gaz *gaz;
static gm_worker worker;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char out[4200];
    snprintf(out, sizeof out, "%s/mini.gmz", fuzz_tmpdir());
    const char *inputs[] = { GM_FUZZ_FIXTURES "/gaz" };
    gm_error err;
    if (gm_geonames_build(out, inputs, 1,
                          GM_FUZZ_FIXTURES "/gaz/common-words.txt",
                          "fuzz fixture", NULL, NULL, &err) != GM_OK
        || gm_gaz_open(out, &gaz, &err) != GM_OK) {
        fprintf(stderr, "fuzz_pipeline: mini gazetteer: %s\n", err.msg);
        abort();
    }
    gm_worker_init(&worker, gaz);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t bad = 0;
    size_t len = gm_utf8_validate((const char *)data, size, &bad) ? size : bad;
    char *text = malloc(len + 1);
    if (!text)
        return 0;
    memcpy(text, data, len);
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\0')
            text[i] = ' '; /* the readers never hand on a NUL */
    text[len] = '\0';
    gm_worker_run(&worker, text, len);
    for (size_t i = 0; i < worker.mentions.n; i++)
        if (worker.mentions.v[i].place >= gm_gaz_place_count(gaz))
            abort();
    free(text);
    return 0;
}
