/* One reader (chosen at build time by FUZZ_EXT: .jsonl, .csv, .html, .txt)
 * over arbitrary bytes, read twice, rejecting invalid UTF-8 and repairing
 * it (--lossy): every record must come out as an article whose text is
 * valid UTF-8 without NUL bytes, or as a rejection with its reason and
 * record; never a crash, a hang or a leak. */
#include "fuzz_common.h"

#include <stdbool.h>

#include "io/reader.h"
#include "text/utf8.h"

#ifndef FUZZ_EXT
#error "build with -DFUZZ_EXT=\".jsonl\" (or .csv, .html, .txt)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_all(const char *path, size_t size, bool lossy)
{
    gm_io_options opts = { 0 };
    opts.max_article_bytes = 1 << 20;
    opts.lossy = lossy;
    gm_reader *reader = NULL;
    gm_error err;
    if (gm_io_open(path, &opts, &reader, &err) != GM_OK)
        return;
    /* A record rejected or read moves the reader on; more records than
     * bytes means it is stuck. */
    for (size_t records = 0; records <= size + 1; records++) {
        const gm_article *a = NULL;
        gm_status st = gm_io_next(reader, &a, &err);
        if (st != GM_OK) {
            gm_io_reject rej;
            gm_io_last_reject(reader, &rej);
            if (!rej.reason || !rej.record ||
                (rej.record_len && rej.record[rej.record_len - 1] == '\n'))
                abort(); /* a rejection says why and what, no line end */
            if (rej.record_len > size + 4096)
                abort(); /* more than was read (a path is short) */
        }
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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write("input" FUZZ_EXT, data, size);
    read_all(path, size, false);
    read_all(path, size, true);
    return 0;
}
