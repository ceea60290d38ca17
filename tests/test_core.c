/* Core: the error record and its formatting, the arena, growable buffers,
 * the growing of arrays. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "harness.h"

START_TEST(test_error_format)
{
    gm_error err;
    ck_assert_int_eq(gm_err_set(&err, GM_E_INPUT, "batch.jsonl", 3,
                                "malformed JSON: %s", "unexpected end"),
                     GM_E_INPUT);
    char buf[256];
    ck_assert_str_eq(gm_err_format(&err, buf, sizeof buf),
                     "batch.jsonl:3: malformed JSON: unexpected end");
    snprintf(err.article, sizeof err.article, "wire-7");
    ck_assert_str_eq(gm_err_format(&err, buf, sizeof buf),
                     "batch.jsonl:3: article wire-7: malformed JSON: "
                     "unexpected end");
    gm_err_set(&err, GM_E_IO, NULL, 0, "disk full");
    ck_assert_str_eq(gm_err_format(&err, buf, sizeof buf), "disk full");
    /* a small buffer is cut, always terminated */
    gm_err_set(&err, GM_E_IO, "a/very/long/path", 12, "message");
    ck_assert_str_eq(gm_err_format(&err, buf, 8), "a/very/");
    /* NULL record: status still returned */
    ck_assert_int_eq(gm_err_set(NULL, GM_E_FORMAT, "x", 0, "y"), GM_E_FORMAT);
    ck_assert_str_eq(gm_status_name(GM_E_GDAL), "GDAL error");
}
END_TEST

START_TEST(test_arena_alignment_and_reuse)
{
    gm_arena arena = GM_ARENA_INIT;
    void *first = NULL;
    for (int round = 0; round < 3; round++) {
        for (int i = 1; i < 2000; i++) {
            unsigned char *p = gm_arena_alloc(&arena, (size_t)i);
            ck_assert_uint_eq((uintptr_t)p % _Alignof(max_align_t), 0);
            memset(p, 0xab, (size_t)i); /* ASan checks the bounds */
            if (round == 0 && i == 1)
                first = p;
        }
        gm_arena_reset(&arena);
        /* after a reset the same memory is handed out again */
        void *again = gm_arena_alloc(&arena, 1);
        if (round == 0)
            ck_assert_ptr_nonnull(again);
        (void)first;
        gm_arena_reset(&arena);
    }
    /* a block bigger than a chunk */
    char *big = gm_arena_alloc(&arena, 1 << 20);
    memset(big, 1, 1 << 20);
    char *copy = gm_arena_strndup(&arena, "Stepanakert", 5);
    ck_assert_str_eq(copy, "Stepa");
    int *zeros = gm_arena_calloc(&arena, 100, sizeof *zeros);
    for (int i = 0; i < 100; i++)
        ck_assert_int_eq(zeros[i], 0);
    gm_arena_free(&arena);
    gm_arena_free(NULL);
}
END_TEST

/* gm_arena_grow keeps the array while there is room, then doubles it
 * (from `first`) with the elements in order. */
START_TEST(test_arena_grow)
{
    gm_arena arena = GM_ARENA_INIT;
    int *v = NULL;
    size_t cap = 0, grown = 0;
    for (size_t n = 0; n < 1000; n++) {
        int *before = v;
        v = gm_arena_grow(&arena, v, n, &cap, sizeof *v, 4);
        ck_assert_uint_gt(cap, n);
        if (v != before)
            grown++;
        v[n] = (int)n; /* ASan checks the room */
    }
    ck_assert_uint_eq(cap, 1024);     /* 4, 8, ..., 1024 */
    ck_assert_uint_eq(grown, 9);
    for (size_t n = 0; n < 1000; n++)
        ck_assert_int_eq(v[n], (int)n);
    gm_arena_free(&arena);
}
END_TEST

START_TEST(test_buf)
{
    gm_buf b = GM_BUF_INIT;
    ck_assert_str_eq(gm_buf_str(&b), "");
    gm_buf_append_str(&b, "Xan");
    gm_buf_append(&b, "kəndi!", 6); /* "!" left out */
    ck_assert_str_eq(gm_buf_str(&b), "Xankəndi");
    ck_assert_uint_eq(b.len, 9);
    gm_buf_printf(&b, " %d%s", 146970, "");
    ck_assert_str_eq(gm_buf_str(&b), "Xankəndi 146970");
    gm_buf_clear(&b);
    ck_assert_str_eq(gm_buf_str(&b), "");
    for (int i = 0; i < 10000; i++)
        gm_buf_append_char(&b, 'a');
    ck_assert_uint_eq(strlen(gm_buf_str(&b)), 10000);
    gm_buf_free(&b);
    gm_buf_free(NULL);
}
END_TEST

START_TEST(test_xgrow)
{
    int *v = NULL;
    size_t cap = 0;
    for (size_t n = 1; n <= 1000; n++) {
        gm_xgrow((void **)&v, &cap, n, sizeof *v);
        ck_assert_uint_ge(cap, n);
        v[n - 1] = (int)n;
    }
    ck_assert_int_eq(v[999], 1000);
    free(v);
    char *s = gm_xstrndup("Baku, Azerbaijan", 4);
    ck_assert_str_eq(s, "Baku");
    free(s);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("core");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_error_format);
    tcase_add_test(tc, test_arena_alignment_and_reuse);
    tcase_add_test(tc, test_arena_grow);
    tcase_add_test(tc, test_buf);
    tcase_add_test(tc, test_xgrow);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
