/* One reader (chosen at build time by FUZZ_EXT: .jsonl, .csv, .html, .txt)
 * over arbitrary bytes: every record must come out as an article whose text
 * is valid UTF-8 without NUL bytes, or as a rejection; never a crash, a hang
 * or a leak. */
#include "fuzz_common.h"

#include "io/reader.h"
#include "text/utf8.h"

#ifndef FUZZ_EXT
#error "build with -DFUZZ_EXT=\".jsonl\" (or .csv, .html, .txt)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write("input" FUZZ_EXT, data, size);
    gm_io_options opts = { 0 };
    opts.max_article_bytes = 1 << 20;
    gm_reader *reader = NULL;
    gm_error err;
    if (gm_io_open(path, &opts, &reader, &err) != GM_OK)
        return 0;
    /* A record rejected or read moves the reader on; more records than
     * bytes means it is stuck. */
    for (size_t records = 0; records <= size + 1; records++) {
        const gm_article *a = NULL;
        gm_status st = gm_io_next(reader, &a, &err);
        if (st == GM_E_INPUT)
            continue;
        if (st != GM_OK || !a)
            break;
        size_t bad;
        if (!a->text || !a->id || !gm_utf8_validate(a->text, a->text_len, &bad)
            || memchr(a->text, '\0', a->text_len) != NULL
            || a->text[a->text_len] != '\0')
            abort(); /* the readers promise valid NUL-free UTF-8 */
        if (records == size + 1)
            abort(); /* the reader does not advance */
    }
    gm_io_close(reader);
    return 0;
}
