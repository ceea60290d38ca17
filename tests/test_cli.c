/* End to end: runs the geomap binary (GEOMAP_BIN, set by CTest) on the
 * articles under tests/cli/ and reads the layers back with OGR: feature
 * counts, coordinates, properties, the Shapefile's SRS and encoding, the
 * GeoJSON's RFC 7946 shape, exit statuses and messages. */
#include <check.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "ogr_readback.h"

#define TOL_DEG 1e-4

static char *tmpdir;
static char *mini_gazetteer;

static void setup(void)
{
    GDALAllRegister();
    tmpdir = gm_test_tmpdir();
    mini_gazetteer = gm_test_build_mini_gazetteer(tmpdir);
}

static void teardown(void)
{
    gm_test_rmtree(tmpdir);
    free(tmpdir);
    free(mini_gazetteer);
}

static const char *cli_case(const char *name)
{
    static char path[8300];
    snprintf(path, sizeof path, "%s/tests/cli/%s", GM_TEST_SOURCE_DIR, name);
    return path;
}

/* Runs "geomap ARGS" with stdout and stderr captured in tmpdir; returns
 * the exit status. */
static int geomap(const char *args)
{
    const char *bin = getenv("GEOMAP_BIN");
    ck_assert_msg(bin != NULL, "GEOMAP_BIN is not set (run through ctest)");
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' %s >'%s/stdout' 2>'%s/stderr' </dev/null",
             bin, args, tmpdir, tmpdir);
    int status = system(cmd);
    ck_assert_msg(status != -1 && WIFEXITED(status), "geomap did not exit");
    return WEXITSTATUS(status);
}

static char *captured(const char *which)
{
    char path[8300];
    snprintf(path, sizeof path, "%s/%s", tmpdir, which);
    char *text = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    return text;
}

static void assert_stderr_has(const char *needle)
{
    char *err = captured("stderr");
    ck_assert_msg(strstr(err, needle) != NULL, "stderr lacks '%s':\n%s",
                  needle, err);
    free(err);
}

/* "article:surface=place_id" of each mention feature, joined by " ". */
static char *mentions_of(const char *path)
{
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_msg(ds != NULL, "cannot open %s", path);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    ck_assert_ptr_nonnull(layer);
    size_t cap = 8192;
    char *out = calloc(1, cap);
    OGRFeatureH f;
    OGR_L_ResetReading(layer);
    while ((f = OGR_L_GetNextFeature(layer))) {
        char one[512];
        snprintf(one, sizeof one, "%s%s:%s=%lld", out[0] ? " " : "",
                 gm_test_ogr_str(f, "article"),
                 gm_test_ogr_str(f, "surface"),
                 (long long)gm_test_ogr_int(f, "place_id"));
        ck_assert_uint_lt(strlen(out) + strlen(one), cap);
        strcat(out, one);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return out;
}

static bool file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* ---- acceptance on the embedded default gazetteer ------------------------ */

START_TEST(test_acceptance_default_gazetteer)
{
    char args[20480], out[4096];
    snprintf(out, sizeof out, "%s/acceptance.geojson", tmpdir);
    snprintf(args, sizeof args, "extract '%s' -o '%s' --layers mentions -q",
             cli_case("acceptance.jsonl"), out);
    ck_assert_int_eq(geomap(args), 0);
    char *got = mentions_of(out);
    const char *expected[] = {
        "caucasus:Baku=587084", "caucasus:Yerevan=616052",
        "caucasus:Khankendi=146970", "caucasus:Stepanakert=146970",
        "exonyms:Kiev=703448", "exonyms:Peking=1816670",
        "paris-texas:Paris=4717560", "paris-france:Paris=2988507",
        NULL };
    for (size_t i = 0; expected[i]; i++)
        ck_assert_msg(strstr(got, expected[i]) != NULL, "%s missing in: %s",
                      expected[i], got);
    ck_assert_msg(strstr(got, "amazon:") == NULL, "Amazon mapped: %s", got);
    free(got);
}
END_TEST

/* ---- a batch with a broken line ----------------------------------------- */

START_TEST(test_broken_line_named_rest_mapped)
{
    char args[20480], out[4096];
    snprintf(out, sizeof out, "%s/broken", tmpdir);
    snprintf(args, sizeof args, "extract '%s' -o '%s' --gazetteer '%s'",
             cli_case("broken.jsonl"), out, mini_gazetteer);
    ck_assert_int_eq(geomap(args), 1);
    assert_stderr_has("broken.jsonl:3: ");
    assert_stderr_has("4 articles read, 3 mapped, 1 rejected");

    char path[8300];
    snprintf(path, sizeof path, "%s/mentions.geojson", out);
    char *got = mentions_of(path);
    ck_assert_str_eq(got, "a1:Dallas=4684888 a1:Paris=4717560 "
                          "a1:Texas=4736286 a2:Stepanakert=146970 "
                          "a4:Kiev=703448 a4:Степанакерт=146970");
    free(got);

    /* places: one feature per place, counts summed over articles */
    snprintf(path, sizeof path, "%s/places.geojson", out);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    ck_assert_int_eq(OGR_L_GetFeatureCount(layer, TRUE), 5);
    OGRFeatureH f;
    bool seen = false;
    while ((f = OGR_L_GetNextFeature(layer))) {
        if (gm_test_ogr_int(f, "place_id") ==
            146970) {
            seen = true;
            ck_assert_str_eq(gm_test_ogr_str(f, "name"),
                             "Xankandi");
            ck_assert_int_eq(gm_test_ogr_int(f, "mentions"), 2);
            ck_assert_int_eq(gm_test_ogr_int(f, "articles"), 2);
            ck_assert_str_eq(gm_test_ogr_str(f, "country"), "AZ");
            OGRGeometryH g = OGR_F_GetGeometryRef(f);
            ck_assert_double_eq_tol(OGR_G_GetX(g, 0), 46.7528, TOL_DEG);
            ck_assert_double_eq_tol(OGR_G_GetY(g, 0), 39.8177, TOL_DEG);
        }
        OGR_F_Destroy(f);
    }
    ck_assert_msg(seen, "Xankandi not in places");
    GDALClose(ds);

    /* RFC 7946: no "crs" member */
    char *text = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_null(strstr(text, "\"crs\""));
    free(text);
}
END_TEST

/* ---- Shapefile ------------------------------------------------------------ */

START_TEST(test_shapefile_wgs84_utf8)
{
    char args[20480], out[4096];
    snprintf(out, sizeof out, "%s/shp", tmpdir);
    snprintf(args, sizeof args,
             "extract '%s' -o '%s' -f 'ESRI Shapefile' --gazetteer '%s' -q",
             cli_case("broken.jsonl"), out, mini_gazetteer);
    ck_assert_int_eq(geomap(args), 1);
    char path[8300];
    snprintf(path, sizeof path, "%s/mentions.cpg", out);
    char *cpg = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(cpg);
    ck_assert_msg(strstr(cpg, "UTF-8") != NULL, "cpg says %s", cpg);
    free(cpg);

    snprintf(path, sizeof path, "%s/mentions.shp", out);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    ck_assert_ptr_nonnull(srs);
    ck_assert(OSRIsGeographic(srs));
    OSRAutoIdentifyEPSG(srs);
    ck_assert_str_eq(OSRGetAuthorityCode(srs, NULL), "4326");
    GDALClose(ds);

    char *got = mentions_of(path);
    ck_assert_msg(strstr(got, "a4:Степанакерт=146970") != NULL,
                  "non-ASCII surface lost: %s", got);
    free(got);
}
END_TEST

/* ---- failures leave nothing behind ---------------------------------------- */

START_TEST(test_missing_output_directory)
{
    char args[20480], out[4096];
    snprintf(out, sizeof out, "%s/no/such/dir/out.geojson", tmpdir);
    snprintf(args, sizeof args, "extract '%s' -o '%s' --gazetteer '%s' "
             "--layers mentions", cli_case("broken.jsonl"), out,
             mini_gazetteer);
    ck_assert_int_eq(geomap(args), 3);
    assert_stderr_has("no/such/dir");
    ck_assert(!file_exists(out));
}
END_TEST

START_TEST(test_corrupt_gazetteer)
{
    char args[20480], bad[4096], out[4096];
    snprintf(bad, sizeof bad, "%s/bad.gmz", tmpdir);
    gm_test_write_file(bad, "GMGAZ\0\r\nnot really", 18);
    snprintf(out, sizeof out, "%s/never", tmpdir);
    snprintf(args, sizeof args, "extract '%s' -o '%s' --gazetteer '%s'",
             cli_case("broken.jsonl"), out, bad);
    ck_assert_int_eq(geomap(args), 3);
    assert_stderr_has("bad.gmz");
    ck_assert(!file_exists(out));
    snprintf(args, sizeof args, "gazetteer info '%s'", bad);
    ck_assert_int_eq(geomap(args), 3);
}
END_TEST

/* ---- usage ---------------------------------------------------------------- */

static const struct {
    const char *args;
    int status;
    const char *message; /* in stderr, or in stdout for status 0 */
} usage_table[] = {
    { "", 2, "no command given" },
    { "frobnicate", 2, "unknown command 'frobnicate'" },
    { "extract x.jsonl", 2, "no output given" },
    { "extract -o out.geojson", 2, "no INPUT given" },
    { "extract x.jsonl -o o --bogus", 2, "unknown option --bogus" },
    { "extract x.jsonl -o o --layers roads", 2, "--layers takes" },
    { "extract x.jsonl -o o -f NoSuchDriver", 2, "NoSuchDriver" },
    { "extract --help", 0, "Usage: geomap extract" },
    { "--help", 0, "Usage: geomap COMMAND" },
    { "--version", 0, "geomap " },
};

START_TEST(test_usage)
{
    int status = geomap(usage_table[_i].args);
    ck_assert_int_eq(status, usage_table[_i].status);
    char *text = captured(status == 0 ? "stdout" : "stderr");
    ck_assert_msg(strstr(text, usage_table[_i].message) != NULL,
                  "'%s' lacks '%s':\n%s", usage_table[_i].args,
                  usage_table[_i].message, text);
    free(text);
}
END_TEST

START_TEST(test_gazetteer_lookup)
{
    char args[20480];
    snprintf(args, sizeof args, "gazetteer lookup Stepanakert --gazetteer '%s'",
             mini_gazetteer);
    ck_assert_int_eq(geomap(args), 0);
    char *out = captured("stdout");
    ck_assert_msg(strncmp(out, "146970\tXankandi\tAZ", 18) == 0, "got %s", out);
    free(out);
    snprintf(args, sizeof args, "gazetteer lookup Armenian --json --gazetteer '%s'",
             mini_gazetteer);
    ck_assert_int_eq(geomap(args), 0);
    out = captured("stdout");
    ck_assert(strstr(out, "\"match_kind\": \"demonym\"") != NULL);
    ck_assert(strstr(out, "\"id\": 174982") != NULL);
    free(out);
}
END_TEST

/* ---- output formats (issue 6) ---------------------------------------------- */

/* The README's option list of geomap extract is what --help prints. */
START_TEST(test_readme_lists_extract_options)
{
    ck_assert_int_eq(geomap("extract --help"), 0);
    char *help = captured("stdout");
    const char *opts = strstr(help, "Options:\n");
    ck_assert_ptr_nonnull(opts);
    opts += strlen("Options:\n");

    char path[8300];
    snprintf(path, sizeof path, "%s/README.md", GM_TEST_SOURCE_DIR);
    char *readme = gm_test_read_file(path, NULL);
    ck_assert_ptr_nonnull(readme);
    const char *section = strstr(readme, "### `geomap extract INPUT... -o "
                                         "OUT [options]`\n```\n");
    ck_assert_msg(section != NULL, "README has no geomap extract section");
    section = strchr(strchr(section, '\n') + 1, '\n') + 1;
    const char *fence = strstr(section, "```\n");
    ck_assert_ptr_nonnull(fence);
    ck_assert_msg(strlen(opts) == (size_t)(fence - section) &&
                      !strncmp(opts, section, strlen(opts)),
                  "README's option list differs from --help:\n%.*s\n---\n%s",
                  (int)(fence - section), section, opts);
    free(readme);
    free(help);
}
END_TEST

/* --formats names every driver with its extensions. */
START_TEST(test_formats_list)
{
    ck_assert_int_eq(geomap("--formats"), 0);
    char *out = captured("stdout");
    const char *expected[] = { "GeoJSON ", ".geojson .json", "GeoJSONSeq",
                               ".geojsonl .geojsons", "ESRI Shapefile",
                               ".shp", "GPKG", ".gpkg", "FlatGeobuf", ".fgb",
                               "CSV", ".csv", "KML", ".kml", "MVT",
                               "MBTiles", ".mbtiles", NULL };
    for (size_t i = 0; expected[i]; i++)
        ck_assert_msg(strstr(out, expected[i]) != NULL, "--formats lacks "
                      "'%s':\n%s", expected[i], out);
    free(out);
}
END_TEST

/* Every format from one run, read back: the layers and their counts. */
static const struct {
    const char *out, *args, *open; /* open: what OGR opens, "" = out */
    int layers;
} format_table[] = {
    { "gj", "", "gj/places.geojson", 1 },
    { "seq", "-f GeoJSONSeq", "seq/places.geojsonl", 1 },
    { "shp", "-f 'ESRI Shapefile'", "shp", 3 },
    { "all.gpkg", "", "", 4 }, /* + layer_styles */
    { "fgb", "-f flatgeobuf", "fgb/places.fgb", 1 },
    { "csv", "-f CSV", "csv/places.csv", 1 },
    { "all.kml", "", "", 3 },
    { "tiles", "-f MVT --maxzoom 6", "tiles/6", 3 },
    { "all.mbtiles", "--minzoom 1 --maxzoom 5", "", 3 },
};

START_TEST(test_extract_every_format)
{
    char args[20480], out[4096], open[4096];
    snprintf(out, sizeof out, "%s/%s", tmpdir, format_table[_i].out);
    snprintf(args, sizeof args, "extract '%s' -o '%s' %s --gazetteer '%s' -q",
             cli_case("broken.jsonl"), out, format_table[_i].args,
             mini_gazetteer);
    ck_assert_int_eq(geomap(args), 1); /* broken.jsonl has a broken line */
    snprintf(open, sizeof open, "%s/%s", tmpdir,
             format_table[_i].open[0] ? format_table[_i].open
                                      : format_table[_i].out);
    GDALDatasetH ds = GDALOpenEx(open, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_msg(ds != NULL, "cannot open %s", open);
    ck_assert_int_eq(GDALDatasetGetLayerCount(ds), format_table[_i].layers);
    OGRLayerH places = GDALDatasetGetLayerByName(ds, "places");
    ck_assert_msg(places != NULL, "%s has no places layer", open);
    ck_assert_int_ge(OGR_L_GetFeatureCount(places, TRUE), 5);
    if (format_table[_i].layers >= 2) {
        OGRLayerH mentions = GDALDatasetGetLayerByName(ds, "mentions");
        ck_assert_ptr_nonnull(mentions);
        ck_assert_int_ge(OGR_L_GetFeatureCount(mentions, TRUE), 6);
    }
    GDALClose(ds);
}
END_TEST

static const struct {
    const char *args;
    const char *message;
} format_usage_table[] = {
    { "extract x.jsonl -o o --minzoom 30", "--minzoom takes a zoom level "
                                          "from 0 to 22, not '30'" },
    { "extract x.jsonl -o o --maxzoom x", "--maxzoom takes a zoom level "
                                         "from 0 to 22, not 'x'" },
    { "extract x.jsonl -o o.gpkg --maxzoom 4", "zoom levels apply to vector "
                                              "tiles (MVT, MBTiles), not to "
                                              "GPKG" },
    { "extract x.jsonl -o t -f MVT --minzoom 6 --maxzoom 4",
      "bad zoom range 6 to 4" },
    { "extract x.jsonl -o x.fgb", "FlatGeobuf holds one layer per file" },
    { "extract x.jsonl -o out -t_srs EPSG:3857",
      "GeoJSON is WGS 84 longitude/latitude (RFC 7946): -t_srs EPSG:3857 "
      "is refused" },
    { "extract x.jsonl -o o.gpkg --dst-crs nonsense",
      "-t_srs: cannot understand \"nonsense\"" },
    { "extract x.jsonl -o o.gpkg -append -overwrite",
      "-append and -overwrite exclude each other" },
    { "extract x.jsonl -o o.gpkg -lco SPATIAL_INDEX",
      "-lco takes NAME=VALUE, not 'SPATIAL_INDEX'" },
    { "extract x.jsonl -o o.gpkg -dsco =1",
      "-dsco takes NAME=VALUE, not '=1'" },
    { "merge a -o o.gpkg -lco SPATIAL_INDEX",
      "-lco takes NAME=VALUE, not 'SPATIAL_INDEX'" },
    { "merge a -o o.gpkg --co VERSION",
      "-dsco takes NAME=VALUE, not 'VERSION'" },
    { "extract x.jsonl -o o.gpkg -nln one",
      "-nln names one layer and 3 are asked" },
    { "extract x.jsonl -o o.kml -append", "cannot append to KML" },
};

START_TEST(test_format_usage)
{
    ck_assert_int_eq(geomap(format_usage_table[_i].args), 2);
    assert_stderr_has(format_usage_table[_i].message);
}
END_TEST

/* -t_srs EPSG:3857 gives metres, EPSG:4326 degrees and a .prj. */
START_TEST(test_extract_reprojected)
{
    char args[20480], out[4096];
    const char *srs[] = { "EPSG:3857", "EPSG:4326" };
    for (int i = 0; i < 2; i++) {
        snprintf(out, sizeof out, "%s/p%d.shp", tmpdir, i);
        snprintf(args, sizeof args, "extract '%s' -o '%s' --layers places "
                 "-t_srs %s --gazetteer '%s' -q", cli_case("broken.jsonl"),
                 out, srs[i], mini_gazetteer);
        ck_assert_int_eq(geomap(args), 1);
        GDALDatasetH ds = GDALOpenEx(out, GDAL_OF_VECTOR, NULL, NULL, NULL);
        ck_assert_ptr_nonnull(ds);
        OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
        OGRSpatialReferenceH s = OGR_L_GetSpatialRef(layer);
        ck_assert_ptr_nonnull(s);
        ck_assert_int_eq(OSRIsProjected(s), i == 0);
        OGRFeatureH f;
        while ((f = OGR_L_GetNextFeature(layer))) {
            OGRGeometryH g = OGR_F_GetGeometryRef(f);
            if (i == 0)
                ck_assert_double_gt(fabs(OGR_G_GetX(g, 0)), 180.0);
            else
                ck_assert_double_le(fabs(OGR_G_GetX(g, 0)), 180.0);
            OGR_F_Destroy(f);
        }
        GDALClose(ds);
        char prj[4200];
        snprintf(prj, sizeof prj, "%s/p%d.prj", tmpdir, i);
        ck_assert(file_exists(prj));
    }
}
END_TEST

/* geomap merge takes extract's output options: -t_srs reprojects, -lco
 * and -dsco reach GDAL (which warns about the ones its driver lacks). */
START_TEST(test_merge_output_options)
{
    char args[20480], shard[4096], out[4096];
    snprintf(shard, sizeof shard, "%s/s1", tmpdir);
    snprintf(out, sizeof out, "%s/merged.gpkg", tmpdir);
    snprintf(args, sizeof args, "extract '%s' -o '%s' --layers places "
             "--shard 1/1 --gazetteer '%s' -q", cli_case("broken.jsonl"),
             shard, mini_gazetteer);
    ck_assert_int_eq(geomap(args), 1);
    snprintf(args, sizeof args, "merge '%s' -o '%s' -t_srs EPSG:3857 "
             "-lco GM_NO_SUCH_LCO=1 --co GM_NO_SUCH_DSCO=1", shard, out);
    ck_assert_int_eq(geomap(args), 0);
    assert_stderr_has("GM_NO_SUCH_LCO");
    assert_stderr_has("GM_NO_SUCH_DSCO");
    GDALDatasetH ds = GDALOpenEx(out, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, "places");
    ck_assert_ptr_nonnull(layer);
    ck_assert_int_gt(OGR_L_GetFeatureCount(layer, TRUE), 0);
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    ck_assert_ptr_nonnull(srs);
    ck_assert_int_eq(OSRIsProjected(srs), 1);
    GDALClose(ds);
}
END_TEST

/* Two runs with -append into one GeoPackage: mentions twice, places
 * once with their counts doubled. */
START_TEST(test_extract_append)
{
    char args[20480], out[4096];
    snprintf(out, sizeof out, "%s/grow.gpkg", tmpdir);
    for (int run = 0; run < 2; run++) {
        snprintf(args, sizeof args, "extract '%s' -o '%s' -append "
                 "--gazetteer '%s' -q", cli_case("broken.jsonl"), out,
                 mini_gazetteer);
        ck_assert_int_eq(geomap(args), 1);
    }
    GDALDatasetH ds = GDALOpenEx(out, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    OGRLayerH mentions = GDALDatasetGetLayerByName(ds, "mentions");
    OGRLayerH places = GDALDatasetGetLayerByName(ds, "places");
    ck_assert_int_eq(OGR_L_GetFeatureCount(mentions, TRUE), 12);
    ck_assert_int_eq(OGR_L_GetFeatureCount(places, TRUE), 5);
    OGRFeatureH f;
    bool seen = false;
    while ((f = OGR_L_GetNextFeature(places))) {
        if (gm_test_ogr_int(f, "place_id") ==
            146970) {
            seen = true;
            ck_assert_int_eq(gm_test_ogr_int(f, "mentions"),
                             4);
        }
        OGR_F_Destroy(f);
    }
    ck_assert(seen);
    GDALClose(ds);
}
END_TEST

/* ---- interrupts (issue 6) -------------------------------------------------- */

/* Starts "geomap extract INPUT -o OUT -f FORMAT --gazetteer MINI -q" with
 * stderr into tmpdir/stderr; returns its pid. */
static pid_t start_extract(const char *input, const char *out,
                           const char *format)
{
    const char *bin = getenv("GEOMAP_BIN");
    ck_assert_ptr_nonnull(bin);
    char err_path[4200];
    snprintf(err_path, sizeof err_path, "%s/stderr", tmpdir);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        int null = open("/dev/null", O_RDWR);
        if (fd < 0 || null < 0)
            _exit(99);
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        execl(bin, bin, "extract", input, "-o", out, "-f", format,
              "--gazetteer", mini_gazetteer, "-q", (char *)NULL);
        _exit(98);
    }
    return pid;
}

/* Does dir hold an entry whose name starts with prefix? */
static bool has_entry(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL)
        found = strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
                !strncmp(e->d_name, prefix, strlen(prefix));
    closedir(d);
    return found;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* A big batch (a minute's work or so) in tmpdir/big.jsonl. */
static const char *big_input(void)
{
    static char path[4200];
    snprintf(path, sizeof path, "%s/big.jsonl", tmpdir);
    struct stat st;
    if (stat(path, &st) == 0)
        return path;
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    for (int i = 0; i < 300000; i++)
        fprintf(f, "{\"id\": \"b%d\", \"date\": \"2024-02-%02d\", \"text\": "
                   "\"Storms hit Dallas and Paris, Texas overnight. Shelling "
                   "was reported near Stepanakert; Kiev said nothing.\"}\n",
                i, i % 28 + 1);
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

static const struct {
    int sig;
    const char *format, *name; /* OUT inside its own directory */
} interrupt_table[] = {
    { SIGINT, "GPKG", "out.gpkg" },
    { SIGTERM, "GPKG", "out.gpkg" },
    { SIGINT, "ESRI Shapefile", "layers" },
    { SIGTERM, "MVT", "tiles" },
};

/* A signal half-way: exit status 3 and "geomap: interrupted", no
 * temporary or partial file left, the earlier output unchanged. */
START_TEST(test_interrupted_run)
{
    char dir[4200], out[4300], args[20480];
    snprintf(dir, sizeof dir, "%s/int%d", tmpdir, _i);
    ck_assert_int_eq(mkdir(dir, 0777), 0);
    snprintf(out, sizeof out, "%s/%s", dir, interrupt_table[_i].name);
    /* The earlier output. */
    snprintf(args, sizeof args, "extract '%s' -o '%s' -f '%s' --gazetteer "
             "'%s' -q", cli_case("broken.jsonl"), out,
             interrupt_table[_i].format, mini_gazetteer);
    ck_assert_int_eq(geomap(args), 1);
    char list_cmd[8600];
    snprintf(list_cmd, sizeof list_cmd, "cd '%s' && find . -type f | sort "
             "| xargs md5sum > '%s/before'", dir, tmpdir);
    ck_assert_int_eq(system(list_cmd), 0);

    const char *input = big_input();
    pid_t pid = start_extract(input, out, interrupt_table[_i].format);
    char prefix[256];
    snprintf(prefix, sizeof prefix, ".%s.tmp-", interrupt_table[_i].name);
    for (int waited = 0; !has_entry(dir, prefix) && waited < 30000;
         waited += 10)
        sleep_ms(10);
    ck_assert_msg(has_entry(dir, prefix), "no temporary output appeared");
    sleep_ms(300); /* a few thousand articles in */
    ck_assert_int_eq(kill(pid, interrupt_table[_i].sig), 0);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status), "geomap died of signal %d",
                  WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    ck_assert_int_eq(WEXITSTATUS(status), 3);
    assert_stderr_has("geomap: interrupted");

    /* Only the earlier output, as it was. */
    snprintf(list_cmd, sizeof list_cmd, "cd '%s' && find . -type f | sort "
             "| xargs md5sum > '%s/after'", dir, tmpdir);
    ck_assert_int_eq(system(list_cmd), 0);
    char *before = captured("before");
    char *after = captured("after");
    ck_assert_str_eq(after, before);
    free(after);
    free(before);
    ck_assert_msg(!has_entry(dir, "."), "a hidden temporary entry is left");
}
END_TEST

/* The events layer on the conflict report of examples/: each event at the
 * place the text ties it to, the dead counted, nothing from the footer,
 * an unplaced event kept without geometry; dates from the article date. */
START_TEST(test_events_layer)
{
    char args[20480], out[4096], path[8300];
    snprintf(out, sizeof out, "%s/events", tmpdir);
    snprintf(args, sizeof args, "extract '%s/examples/articles/"
             "conflict-report.txt' '%s' -o '%s' --layers events -q",
             GM_TEST_SOURCE_DIR, cli_case("dated.jsonl"), out);
    ck_assert_int_eq(geomap(args), 0);
    snprintf(path, sizeof path, "%s/events.geojson", out);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    OGRFeatureH f;
    char got[4096] = "";
    while ((f = OGR_L_GetNextFeature(layer))) {
        /* OGR may format a date into a buffer the next call reuses: one
         * field at a time */
        static const char *const fields[] = { "code", "trigger", "place",
                                              "reason", "date", "fatalities" };
        static const char *const seps[] = { ":", "@", "/", "/", "/", " " };
        for (size_t k = 0; k < 6; k++) {
            strncat(got, gm_test_ogr_str(f, fields[k]),
                    sizeof got - strlen(got) - 1);
            strncat(got, seps[k], sizeof got - strlen(got) - 1);
        }
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    const char *expected[] = {
        "0871:agreed to a ceasefire@Nagorno-Karabakh/locative//-1",
        "194:shelled@Xankandi/object//5",
        "141:took to the streets@Yerevan/locative//-1",
        "141:took to the streets@Baku/locative/2024/09/17/-1", /* OGR date */
        NULL };
    for (size_t i = 0; expected[i]; i++)
        ck_assert_msg(strstr(got, expected[i]) != NULL, "%s missing in %s",
                      expected[i], got);
    /* the footer's headlines (Paris, Kyiv) give no event */
    ck_assert_msg(strstr(got, "Kyiv") == NULL && strstr(got, "Paris") == NULL,
                  "footer event in %s", got);
    /* "did not attack": no event */
    ck_assert_msg(strstr(got, ":attack") == NULL, "negated event in %s", got);
}
END_TEST

/* eval runs the same pipeline as extract: on a gold file whose toponyms
 * are exactly what extract maps, it finds them all and nothing else. */
START_TEST(test_eval_same_as_extract)
{
    char args[20480], out[4096];
    snprintf(out, sizeof out, "%s/gold-mentions.geojson", tmpdir);
    snprintf(args, sizeof args, "extract '%s' -o '%s' --layers mentions -q",
             cli_case("gold.jsonl"), out);
    ck_assert_int_eq(geomap(args), 0);
    char *got = mentions_of(out);
    ck_assert_str_eq(got, "g1:Kiev=703448 g1:Peking=1816670 g1:Baku=587084");
    free(got);
    snprintf(args, sizeof args, "eval '%s' --json", cli_case("gold.jsonl"));
    ck_assert_int_eq(geomap(args), 0);
    char *json = captured("stdout");
    ck_assert_msg(strstr(json, "\"gold\": 3, \"predicted\": 3, \"matched\": 3") &&
                      strstr(json, "\"f1\": 1.0000") &&
                      strstr(json, "\"acc161\": 1.0000"),
                  "eval says %s", json);
    free(json);
}
END_TEST

/* -j N gives the same bytes as -j 1: the pool returns results in input
 * order. The examples and a generated batch, both layers, GeoJSONSeq. */
START_TEST(test_threads_same_output)
{
    char batch[8300];
    snprintf(batch, sizeof batch, "%s/many.jsonl", tmpdir);
    FILE *f = fopen(batch, "w");
    ck_assert_ptr_nonnull(f);
    static const char *const texts[] = {
        "Storms hit Dallas and Paris, Texas overnight.",
        "Shelling was reported near Stepanakert and in Baku.",
        "Crowds gathered in Kiev, and flights to Peking resumed.",
        "Nothing happened anywhere today.",
    };
    for (int i = 0; i < 2000; i++)
        fprintf(f, "{\"id\": \"n%d\", \"text\": \"%s\"}\n", i, texts[i % 4]);
    ck_assert_int_eq(fclose(f), 0);
    char examples[4096];
    snprintf(examples, sizeof examples, "%s/examples/articles",
             GM_TEST_SOURCE_DIR);
    char args[20480];
    const char *jobs[] = { "1", "2", "4" };
    char *first = NULL;
    for (int j = 0; j < 3; j++) {
        snprintf(args, sizeof args,
                 "extract '%s' '%s' -o '%s/j%s' -f GeoJSONSeq -j %s -q",
                 examples, batch, tmpdir, jobs[j], jobs[j]);
        ck_assert_int_eq(geomap(args), 0);
        char path[8300];
        char *joined = NULL;
        size_t total = 0;
        for (int layer = 0; layer < 2; layer++) {
            snprintf(path, sizeof path, "%s/j%s/%s.geojsonl", tmpdir, jobs[j],
                     layer ? "places" : "mentions");
            size_t len;
            char *text = gm_test_read_file(path, &len);
            ck_assert_msg(text != NULL, "no %s", path);
            joined = realloc(joined, total + len + 1);
            memcpy(joined + total, text, len + 1);
            total += len;
            free(text);
        }
        ck_assert_uint_gt(total, 100000);
        if (!first)
            first = joined;
        else {
            ck_assert_msg(strcmp(first, joined) == 0,
                          "-j %s differs from -j 1", jobs[j]);
            free(joined);
        }
    }
    free(first);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("extract");
    tcase_set_timeout(tc, 120);
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_acceptance_default_gazetteer);
    tcase_add_test(tc, test_broken_line_named_rest_mapped);
    tcase_add_test(tc, test_shapefile_wgs84_utf8);
    tcase_add_test(tc, test_missing_output_directory);
    tcase_add_test(tc, test_corrupt_gazetteer);
    tcase_add_loop_test(tc, test_usage, 0,
                        sizeof usage_table / sizeof usage_table[0]);
    tcase_add_test(tc, test_gazetteer_lookup);
    tcase_add_test(tc, test_threads_same_output);
    tcase_add_test(tc, test_events_layer);
    tcase_add_test(tc, test_eval_same_as_extract);
    suite_add_tcase(s, tc);

    tc = tcase_create("formats");
    tcase_set_timeout(tc, 120);
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_readme_lists_extract_options);
    tcase_add_test(tc, test_formats_list);
    tcase_add_loop_test(tc, test_extract_every_format, 0,
                        sizeof format_table / sizeof format_table[0]);
    tcase_add_test(tc, test_extract_reprojected);
    tcase_add_test(tc, test_extract_append);
    tcase_add_test(tc, test_merge_output_options);
    tcase_add_loop_test(tc, test_interrupted_run, 0,
                        sizeof interrupt_table / sizeof interrupt_table[0]);
    tcase_add_loop_test(tc, test_format_usage, 0,
                        sizeof format_usage_table /
                            sizeof format_usage_table[0]);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return gm_test_run(suite());
}
