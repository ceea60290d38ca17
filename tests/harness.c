/* Test harness helpers shared by the suites. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "harness.h"

#include "collect/worker.h"
#include "gazetteer/geonames.h"

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int gm_test_run(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

const char *gm_test_fixture(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", GM_TEST_FIXTURES, name);
    return path;
}

char *gm_test_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char templ[4096];
    snprintf(templ, sizeof templ, "%s/geomap-test-XXXXXX",
             base && *base ? base : "/tmp");
    char *dir = mkdtemp(templ);
    ck_assert_msg(dir != NULL, "mkdtemp failed");
    char *copy = malloc(strlen(dir) + 1);
    ck_assert_ptr_nonnull(copy);
    strcpy(copy, dir);
    return copy;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void gm_test_rmtree(const char *path)
{
    if (path)
        nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void gm_test_write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot create %s", path);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

char *gm_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, used = 0;
    char *data = malloc(cap);
    size_t n;
    while (data && (n = fread(data + used, 1, cap - used - 1, f)) > 0) {
        used += n;
        if (cap - used < 2) {
            cap *= 2;
            char *bigger = realloc(data, cap);
            if (!bigger) {
                free(data);
                data = NULL;
            }
            data = bigger;
        }
    }
    fclose(f);
    if (!data)
        return NULL;
    data[used] = '\0';
    if (len)
        *len = used;
    return data;
}

char *gm_test_build_mini_gazetteer(const char *dir)
{
    char *out = malloc(strlen(dir) + 16);
    ck_assert_ptr_nonnull(out);
    sprintf(out, "%s/mini.gmz", dir);
    char inputs_dir[4096], common[4096];
    snprintf(inputs_dir, sizeof inputs_dir, "%s/gaz", GM_TEST_FIXTURES);
    snprintf(common, sizeof common, "%s/gaz/common-words.txt",
             GM_TEST_FIXTURES);
    const char *inputs[] = { inputs_dir };
    gm_error err;
    gm_status st = gm_geonames_build(out, inputs, 1, common, "test fixture",
                                     NULL, NULL, &err);
    ck_assert_msg(st == GM_OK, "mini gazetteer build failed: %s", err.msg);
    return out;
}

void gm_test_engine_open(char **tmpdir, gm_gaz **gaz, gm_worker *worker)
{
    *tmpdir = gm_test_tmpdir();
    char *path = gm_test_build_mini_gazetteer(*tmpdir);
    gm_error err;
    ck_assert_int_eq(gm_gaz_open(path, gaz, &err), GM_OK);
    free(path);
    if (worker)
        gm_worker_init(worker, *gaz);
}

void gm_test_engine_close(char *tmpdir, gm_gaz *gaz, gm_worker *worker)
{
    if (worker)
        gm_worker_free(worker);
    gm_gaz_close(gaz);
    gm_test_rmtree(tmpdir);
    free(tmpdir);
}

char *gm_test_path_in(const char *dir, const char *name)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    ck_assert_ptr_nonnull(path);
    sprintf(path, "%s/%s", dir, name);
    return path;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *gm_test_listing(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return strdup("(missing)");
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < sizeof names / sizeof names[0])
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], compare_names);
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(names[i]) + 1;
    char *out = malloc(len);
    ck_assert_ptr_nonnull(out);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strcat(out, names[i]);
        strcat(out, "\n");
        free(names[i]);
    }
    return out;
}

void gm_test_assert_listing(const char *dir, const char *expected)
{
    char *got = gm_test_listing(dir);
    ck_assert_str_eq(got, expected);
    free(got);
}
