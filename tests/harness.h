/* Shared by every suite: run a suite with CTest-friendly output, find
 * fixtures, build a mini gazetteer from fixture files, and write temporary
 * files. Nothing here downloads anything. */
#ifndef GM_TESTS_HARNESS_H
#define GM_TESTS_HARNESS_H

#include <check.h>
#include <stddef.h>

/* Runs the suite (CK_NORMAL output) and returns the process exit status. */
int gm_test_run(Suite *suite);

/* Path of a fixture file: GM_TEST_FIXTURES "/" name. Static buffer per call
 * site is not thread-safe: copy the result if you need two at once. */
const char *gm_test_fixture(const char *name);

/* A fresh empty directory under $TMPDIR (or /tmp), owned by the caller:
 * free() the string; gm_test_rmtree() removes the directory. */
char *gm_test_tmpdir(void);
void gm_test_rmtree(const char *path);

/* Writes len bytes to path (creating or truncating it); aborts the test on
 * failure. */
void gm_test_write_file(const char *path, const char *data, size_t len);

/* Reads a whole file into a malloc'ed NUL-terminated string (NULL if it
 * cannot be read); *len gets the byte count when not NULL. */
char *gm_test_read_file(const char *path, size_t *len);

/* dir "/" name, malloc'ed. */
char *gm_test_path_in(const char *dir, const char *name);

/* The names in dir, hidden ones too, sorted, one a line; "(missing)" when
 * dir cannot be read. malloc'ed. */
char *gm_test_listing(const char *dir);

/* Asserts that gm_test_listing(dir) is expected. */
void gm_test_assert_listing(const char *dir, const char *expected);

/* Builds the mini gazetteer of tests/fixtures/gaz (GeoNames-format files
 * written for the tests) into dir/mini.gmz and returns that path (malloc'ed).
 * Aborts the test when the build fails. */
char *gm_test_build_mini_gazetteer(const char *dir);

/* The engine on the mini gazetteer, as the suites of the pipeline stages
 * use it: a fresh temporary directory (*tmpdir, malloc'ed), the index
 * built there and opened (*gaz), and, when worker is not NULL, a worker on
 * it. gm_test_engine_close undoes all of it. Aborts the test on failure. */
struct gm_gaz;
struct gm_worker;
void gm_test_engine_open(char **tmpdir, struct gm_gaz **gaz,
                         struct gm_worker *worker);
void gm_test_engine_close(char *tmpdir, struct gm_gaz *gaz,
                          struct gm_worker *worker);

#endif
