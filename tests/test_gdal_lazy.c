/* The lazy binding of GDAL (exports/gdal_lazy.c): an output written by
 * geojsonseq.c calls no GDAL function, so GDAL is not loaded, in this
 * process (linked, like the geomap executable, with the stubs instead of
 * libgdal) and in the geomap binary, which still runs --version, --formats
 * and GeoJSONSeq extracts when the libgdal it would load is broken, and
 * then refuses the formats that need GDAL with one message. An OGR format
 * loads GDAL on its first call and is written through it. */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>

#include "core/buf.h"
#include "exports/export.h"
#include "exports/fields.h"
#include "exports/gdal_lazy.h"
#include "exports/geojsonseq.h"
#include "harness.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static char *tmpdir;

static void setup(void)
{
    tmpdir = gm_test_tmpdir();
}

static void teardown(void)
{
    gm_test_rmtree(tmpdir);
    free(tmpdir);
    tmpdir = NULL;
}

/* Whether a libgdal is mapped into this process. */
static bool gdal_mapped(void)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    ck_assert_ptr_nonnull(maps);
    char line[4096];
    bool found = false;
    while (!found && fgets(line, sizeof line, maps))
        found = strstr(line, "/libgdal") != NULL;
    fclose(maps);
    return found;
}

static const gm_place_rec places[] = {
    { 703448, "Київ", "UA", "Київ", "PPLC", 4, 2, "2022-02-24",
      "2024-01-05", 30.52335, 50.45466 },
    { 4736286, "Texas", "US", "Texas", "ADM1", 1, 1, NULL, NULL, -99.25,
      31.25 },
};

static const gm_mention_rec mentions[] = {
    { "a1", 15, 20, "Києві", 703448, "Київ", "UA", 0.875, 30.52335,
      50.45466 },
};

/* Places and mentions to path in format, with -lco lco (may be NULL). */
static void write_output(const char *path, const char *format,
                         const char *const *lco)
{
    gm_export_options opts = { .path = path, .format = format,
                               .layers = GM_LAYER_PLACES | GM_LAYER_MENTIONS,
                               .lco = lco };
    gm_error err;
    gm_err_clear(&err);
    gm_export *ex = NULL;
    ck_assert_msg(gm_export_open(&opts, &ex, &err) == GM_OK, "open %s: %s",
                  path, err.msg);
    for (size_t i = 0; i < COUNT(places); i++)
        ck_assert_int_eq(gm_export_place(ex, &places[i], &err), GM_OK);
    for (size_t i = 0; i < COUNT(mentions); i++)
        ck_assert_int_eq(gm_export_mention(ex, &mentions[i], &err), GM_OK);
    ck_assert_msg(gm_export_commit(ex, &err) == GM_OK, "commit %s: %s",
                  path, err.msg);
}

/* Runs first in its process (CK_FORK=no runs the suite in one): nothing
 * before it has called GDAL. */
START_TEST(direct_output_does_not_load_gdal)
{
    ck_assert(!gm_gdal_loaded());
    ck_assert(!gdal_mapped());
    char *dir = gm_test_path_in(tmpdir, "seq");
    static const char *const lco[] = { "rs=off", "COORDINATE_PRECISION=6",
                                       NULL };
    write_output(dir, "GeoJSONSeq", lco);
    gm_test_assert_listing(dir, "mentions.geojsonl\nmentions.qml\n"
                                "places.geojsonl\nplaces.qml\n");
    char *file = gm_test_path_in(dir, "places.geojsonl");
    size_t len = 0;
    char *text = gm_test_read_file(file, &len);
    ck_assert_ptr_nonnull(strstr(text, "\"name\": \"Київ\""));
    free(text);
    free(file);
    free(dir);
    ck_assert(!gm_gdal_loaded());
    ck_assert(!gdal_mapped());
}
END_TEST

/* An option only GDAL's driver honours: GeoJSONSeq through OGR, which
 * loads GDAL. */
START_TEST(ogr_output_loads_gdal)
{
    char *gpkg = gm_test_path_in(tmpdir, "out.gpkg");
    write_output(gpkg, NULL, NULL);
    ck_assert(gm_gdal_loaded());
    ck_assert(gdal_mapped());
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                 NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    OGRLayerH places_layer = GDALDatasetGetLayerByName(ds, "places");
    ck_assert_ptr_nonnull(places_layer);
    ck_assert_int_eq(OGR_L_GetFeatureCount(places_layer, TRUE),
                     (long long)COUNT(places));
    GDALClose(ds);
    free(gpkg);

    char *dir = gm_test_path_in(tmpdir, "seq-ogr");
    static const char *const lco[] = { "SIGNIFICANT_FIGURES=17", NULL };
    write_output(dir, "GeoJSONSeq", lco);
    gm_test_assert_listing(dir, "mentions.geojsonl\nmentions.qml\n"
                                "places.geojsonl\nplaces.qml\n");
    free(dir);
}
END_TEST

/* gm_geojsonseq_accepts reads the driver's options followed by the user's
 * without GDAL; it must decide as it did on the list GDAL merged
 * (CPLParseNameValue, CSLSetNameValue) with GDAL's parsing. */
static const char *const lco_cases[][4] = {
    { NULL },
    { "RS=YES", NULL },
    { "rs = off", NULL },
    { "RS:1", NULL },
    { "RS=\t yes", NULL },
    { "RS=YES ", NULL },
    { "RS=maybe", "rs=TRUE", NULL },
    { "RS=YES", "RS=maybe", NULL },
    { "coordinate_precision=6", "RS=0", NULL },
    { "COORDINATE_PRECISION=7", "COORDINATE_PRECISION=6", NULL },
    { "COORDINATE_PRECISION=6", "COORDINATE_PRECISION=07", NULL },
    { "COORDINATE_PRECISION =6", NULL },
    { " RS=YES", NULL },
    { "RS=", NULL },
    { ":x=1", NULL },
    { "RSX=1", NULL },
    { "RS=a:b", NULL },
    { "SIGNIFICANT_FIGURES=17", "RS=YES", NULL },
};

/* The old decision: GDAL's merge, then GDAL's parse of each entry. */
static bool accepts_as_gdal(const char *const *user, int *rs)
{
    static const char *const bools[] = { "YES", "NO", "TRUE", "FALSE",
                                         "ON", "OFF", "1", "0", NULL };
    char **list = CSLSetNameValue(NULL, "COORDINATE_PRECISION", "6");
    for (size_t i = 0; user[i]; i++) {
        char *key = NULL;
        const char *value = CPLParseNameValue(user[i], &key);
        if (key && value)
            list = CSLSetNameValue(list, key, value);
        CPLFree(key);
    }
    bool all = true;
    *rs = -1;
    for (size_t i = 0; all && list[i]; i++) {
        char *key = NULL;
        const char *value = CPLParseNameValue(list[i], &key);
        bool ok = false;
        if (key && value && EQUAL(key, "COORDINATE_PRECISION")) {
            ok = !strcmp(value, "6");
        } else if (key && value && EQUAL(key, "RS")) {
            for (size_t b = 0; bools[b] && !ok; b++)
                ok = EQUAL(value, bools[b]);
            if (ok)
                *rs = CPLTestBool(value) ? 1 : 0;
        }
        CPLFree(key);
        all = ok;
    }
    CSLDestroy(list);
    return all;
}

START_TEST(direct_options_read_as_gdal_merges_them)
{
    const char *const *user = lco_cases[_i];
    const char *list[8] = { "COORDINATE_PRECISION=6" };
    size_t n = 1;
    for (size_t i = 0; user[i]; i++)
        list[n++] = user[i];
    list[n] = NULL;
    int rs = 5, gdal_rs = 5;
    bool direct = gm_geojsonseq_accepts(list, &rs);
    ck_assert_int_eq(direct, accepts_as_gdal(user, &gdal_rs));
    if (direct)
        ck_assert_int_eq(rs, gdal_rs);
}
END_TEST

/* --- the geomap binary ----------------------------------------------- */

/* A directory holding a "libgdal" of the name geomap loads that is no
 * library; NULL when geomap loads GDAL by a full path, which
 * LD_LIBRARY_PATH cannot replace. Owned: free. */
static char *broken_gdal_dir(void)
{
    if (strchr(gm_gdal_library(), '/'))
        return NULL;
    char *dir = gm_test_path_in(tmpdir, "broken-lib");
    gm_buf cmd = GM_BUF_INIT;
    gm_buf_printf(&cmd, "mkdir '%s'", dir);
    ck_assert_int_eq(system(cmd.data), 0);
    gm_buf_free(&cmd);
    char *lib = gm_test_path_in(dir, gm_gdal_library());
    static const char not_elf[] = "not a shared library\n";
    gm_test_write_file(lib, not_elf, sizeof not_elf - 1);
    free(lib);
    return dir;
}

/* Runs geomap ARGS (shell words) with LD_LIBRARY_PATH=libdir when libdir
 * is not NULL, stdout to tmpdir/NAME.out and stderr to tmpdir/NAME.err;
 * returns the exit status. */
static int geomap(const char *libdir, const char *name, const char *args)
{
    const char *bin = getenv("GEOMAP_BIN");
    ck_assert_msg(bin != NULL, "GEOMAP_BIN is not set (run through ctest)");
    gm_buf cmd = GM_BUF_INIT;
    if (libdir)
        gm_buf_printf(&cmd, "LD_LIBRARY_PATH='%s' ", libdir);
    gm_buf_printf(&cmd, "'%s' %s >'%s/%s.out' 2>'%s/%s.err'", bin, args,
                  tmpdir, name, tmpdir, name);
    int status = system(cmd.data);
    gm_buf_free(&cmd);
    ck_assert(status != -1 && WIFEXITED(status));
    return WEXITSTATUS(status);
}

static char *output_of(const char *name, const char *ext)
{
    gm_buf path = GM_BUF_INIT;
    gm_buf_printf(&path, "%s/%s.%s", tmpdir, name, ext);
    char *text = gm_test_read_file(path.data, NULL);
    ck_assert_ptr_nonnull(text);
    gm_buf_free(&path);
    return text;
}

static void assert_same_file(const char *a, const char *b)
{
    size_t len_a = 0, len_b = 0;
    char *text_a = gm_test_read_file(a, &len_a);
    char *text_b = gm_test_read_file(b, &len_b);
    ck_assert_msg(text_a && text_b, "%s or %s missing", a, b);
    ck_assert_msg(len_a == len_b && memcmp(text_a, text_b, len_a) == 0,
                  "%s and %s differ", a, b);
    free(text_a);
    free(text_b);
}

#define EXAMPLES                                                             \
    "'" GM_TEST_SOURCE_DIR "/examples/articles' '" GM_TEST_SOURCE_DIR       \
    "/examples/batch.jsonl'"

/* With a libgdal that cannot be loaded where geomap looks first, what
 * needs no GDAL runs and writes what it writes with GDAL at hand;
 * without the lazy binding geomap would not even start. */
START_TEST(binary_runs_without_gdal)
{
    char *libdir = broken_gdal_dir();
    if (!libdir)
        return; /* GDAL loaded by its full path: nothing to stand in */
    ck_assert_int_eq(geomap(libdir, "version", "--version"), 0);
    char *out = output_of("version", "out");
    ck_assert_ptr_nonnull(strstr(out, "geomap "));
    free(out);

    ck_assert_int_eq(geomap(libdir, "formats", "--formats"), 0);
    out = output_of("formats", "out");
    ck_assert_ptr_nonnull(strstr(out, "GeoJSONSeq"));
    ck_assert_ptr_nonnull(strstr(out, "GPKG"));
    free(out);

    gm_buf args = GM_BUF_INIT;
    gm_buf_printf(&args, "extract " EXAMPLES " -o '%s/lazy' -f GeoJSONSeq -q",
                  tmpdir);
    int lazy = geomap(libdir, "lazy", args.data);
    gm_buf_clear(&args);
    gm_buf_printf(&args, "extract " EXAMPLES " -o '%s/linked' -f GeoJSONSeq "
                  "-q", tmpdir);
    int linked = geomap(NULL, "linked", args.data);
    /* 1: the examples hold articles that are rejected, with a message */
    ck_assert_int_eq(linked, 1);
    ck_assert_int_eq(lazy, linked);
    char *lazy_err = output_of("lazy", "err");
    char *linked_err = output_of("linked", "err");
    ck_assert_str_eq(lazy_err, linked_err);
    free(lazy_err);
    free(linked_err);
    static const char *const files[] = { "events.geojsonl", "events.qml",
        "mentions.geojsonl", "mentions.qml", "places.geojsonl",
        "places.qml" };
    for (size_t i = 0; i < COUNT(files); i++) {
        gm_buf a = GM_BUF_INIT, b = GM_BUF_INIT;
        gm_buf_printf(&a, "%s/lazy/%s", tmpdir, files[i]);
        gm_buf_printf(&b, "%s/linked/%s", tmpdir, files[i]);
        assert_same_file(a.data, b.data);
        gm_buf_free(&a);
        gm_buf_free(&b);
    }
    gm_buf_free(&args);
    free(libdir);
}
END_TEST

/* An OGR format with that broken libgdal: one message naming the library,
 * status 3 (cannot go on) and no output, not even a temporary one. */
START_TEST(binary_says_gdal_cannot_be_loaded)
{
    char *libdir = broken_gdal_dir();
    if (!libdir)
        return;
    char *before = gm_test_listing(tmpdir);
    gm_buf args = GM_BUF_INIT;
    gm_buf_printf(&args, "extract " EXAMPLES " -o '%s/out.gpkg' -q", tmpdir);
    ck_assert_int_eq(geomap(libdir, "gpkg", args.data), GM_GDAL_LAZY_EXIT);
    gm_buf_free(&args);
    char *err = output_of("gpkg", "err");
    gm_buf expected = GM_BUF_INIT;
    gm_buf_printf(&expected, "geomap: cannot load GDAL (%s): ",
                  gm_gdal_library());
    ck_assert_msg(strncmp(err, expected.data, expected.len) == 0,
                  "stderr: %s", err);
    ck_assert_ptr_eq(strchr(err, '\n'), err + strlen(err) - 1);
    gm_buf_free(&expected);
    free(err);
    /* the only new files are the run's own streams */
    char *after = gm_test_listing(tmpdir);
    ck_assert_str_eq(before, "broken-lib\n");
    ck_assert_str_eq(after, "broken-lib\ngpkg.err\ngpkg.out\n");
    free(before);
    free(after);
    free(libdir);
}
END_TEST

static Suite *gdal_lazy_suite(void)
{
    Suite *s = suite_create("gdal_lazy");
    TCase *tc = tcase_create("in_process");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, direct_output_does_not_load_gdal);
    tcase_add_test(tc, ogr_output_loads_gdal);
    tcase_add_loop_test(tc, direct_options_read_as_gdal_merges_them, 0,
                        (int)COUNT(lco_cases));
    suite_add_tcase(s, tc);
    TCase *bin = tcase_create("binary");
    tcase_add_checked_fixture(bin, setup, teardown);
    tcase_set_timeout(bin, 120);
    tcase_add_test(bin, binary_runs_without_gdal);
    tcase_add_test(bin, binary_says_gdal_cannot_be_loaded);
    suite_add_tcase(s, bin);
    return s;
}

int main(void)
{
    return gm_test_run(gdal_lazy_suite());
}
