/* UTF-8 validation, decoding and counting, the fold, the tokenizer and the
 * sentence splitter over arbitrary bytes (the valid prefix of the input,
 * as a reader would hand it on). */
#include "fuzz_common.h"

#include "core/buf.h"
#include "text/fold.h"
#include "text/sentences.h"
#include "text/tokens.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t bad = 0;
    size_t len = gm_utf8_validate(s, size, &bad) ? size : bad;
    if (len > size)
        abort();
    /* Decode everything, valid or not: the decoder must stay in bounds. */
    for (size_t i = 0; i < size;) {
        int32_t cp;
        size_t n = gm_utf8_decode(s + i, size - i, &cp);
        if (n == 0 || n > size - i)
            abort();
        i += n;
    }
    char *text = malloc(len + 1);
    if (!text)
        return 0;
    memcpy(text, s, len);
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\0')
            text[i] = ' ';
    text[len] = '\0';
    if (gm_utf8_count(text, len) > len)
        abort();

    gm_buf folded = GM_BUF_INIT;
    gm_fold_name(text, len < 4096 ? len : 4096, &folded);
    gm_tok_list tokens = GM_TOK_LIST_INIT;
    gm_sent_list sentences = GM_SENT_LIST_INIT;
    gm_tok_split(text, len, &tokens);
    for (size_t i = 0; i < tokens.n; i++) {
        const gm_token *t = &tokens.v[i];
        if (t->off > len || t->len > len - t->off)
            abort();
        if (t->fold_len) {
            gm_buf_clear(&folded);
            gm_fold_word(text + t->off, t->len, &folded);
        }
    }
    gm_sent_split(text, &tokens, &sentences);
    gm_sent_list_free(&sentences);
    gm_tok_list_free(&tokens);
    gm_buf_free(&folded);
    free(text);
    return 0;
}
