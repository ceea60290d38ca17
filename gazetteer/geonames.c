/* GeoNames tab-separated files → builder. GeoNames files have no quoting:
 * fields are split on tabs as they are. */
#include "gazetteer/geonames.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "core/alloc.h"
#include "gazetteer/custom_csv.h"
#include "gazetteer/gaz.h"

#define MAX_FIELDS 24

typedef struct line_reader {
    FILE *f;
    const char *path;
    char *line;
    size_t cap;
    long number;
} line_reader;

static gm_status open_lines(line_reader *r, const char *path, gm_error *err)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->f = fopen(path, "r");
    if (!r->f) {
        gm_status st = gm_err_set(err, GM_E_IO, path, 0, "cannot open: %s",
                                  strerror(errno));
        if (err)
            err->sys_errno = errno;
        return st;
    }
    return GM_OK;
}

/* Next line without its line end; NULL at the end. */
static char *next_line(line_reader *r)
{
    ssize_t n = getline(&r->line, &r->cap, r->f);
    if (n < 0)
        return NULL;
    r->number++;
    while (n > 0 && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
        r->line[--n] = '\0';
    return r->line;
}

static gm_status close_lines(line_reader *r, gm_error *err)
{
    bool failed = ferror(r->f) != 0;
    fclose(r->f);
    free(r->line);
    if (failed)
        return gm_err_set(err, GM_E_IO, r->path, r->number,
                          "read error after this line");
    return GM_OK;
}

static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    fields[n++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            *p = '\0';
            if (n == max)
                return max + 1; /* too many */
            fields[n++] = p + 1;
        }
    return n;
}

static void skip_line(gm_gaz_builder *b, line_reader *r, const char *why)
{
    gm_error e;
    gm_err_set(&e, GM_E_INPUT, r->path, r->number, "%s; line skipped", why);
    gm_gaz_builder_warn(b, &e);
}

static bool parse_u32(const char *s, uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || v > UINT32_MAX)
        return false;
    *out = (uint32_t)v;
    return true;
}

static bool parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return !errno && end != s && !*end;
}

/* Calls fn for every record of a tab-separated GeoNames file, blank and
 * '#' lines passed over; f[0..n) are the fields, valid during the call. */
typedef void (*record_fn)(gm_gaz_builder *b, line_reader *r, char **f,
                          size_t n);

static gm_status read_records(gm_gaz_builder *b, const char *path,
                              record_fn fn, gm_error *err)
{
    line_reader r;
    gm_status st = open_lines(&r, path, err);
    if (st)
        return st;
    char *line;
    char *f[MAX_FIELDS + 1];
    while ((line = next_line(&r))) {
        if (!*line || *line == '#')
            continue;
        size_t n = split_tabs(line, f, MAX_FIELDS);
        fn(b, &r, f, n);
    }
    return close_lines(&r, err);
}

static void place_record(gm_gaz_builder *b, line_reader *r, char **f,
                         size_t n)
{
    gm_gaz_place_in in;
    memset(&in, 0, sizeof in);
    if (n < 15) {
        skip_line(b, r, "fewer than 15 tab-separated columns");
        return;
    }
    if (!parse_u32(f[0], &in.id)) {
        skip_line(b, r, "geonameid is not a number");
        return;
    }
    if (!parse_double(f[4], &in.lat) || !parse_double(f[5], &in.lon)) {
        skip_line(b, r, "latitude or longitude is not a number");
        return;
    }
    in.name = f[1];
    in.asciiname = f[2];
    in.alternates = f[3];
    in.feature_class = f[6][0];
    in.feature_code = f[7];
    in.country = f[8];
    in.admin1 = f[10];
    in.admin2 = f[11];
    in.population = strtoull(f[14], NULL, 10);
    gm_error e;
    if (gm_gaz_builder_add_place(b, &in, &e) != GM_OK) {
        e.line = r->number;
        snprintf(e.path, sizeof e.path, "%s", r->path);
        gm_gaz_builder_warn(b, &e);
    }
}

gm_status gm_geonames_read_places(gm_gaz_builder *b, const char *path,
                                  gm_error *err)
{
    return read_records(b, path, place_record, err);
}

/* GeoNames pseudo-languages that are not names of the place. */
static bool skipped_language(const char *lang)
{
    static const char *const skip[] = { "link", "wkdt", "post", "iata",
                                        "icao", "faac", "fr_1793", "unlc",
                                        "tcid", "phon", "piny", NULL };
    for (size_t i = 0; skip[i]; i++)
        if (strcmp(lang, skip[i]) == 0)
            return true;
    return false;
}

static void alternate_record(gm_gaz_builder *b, line_reader *r, char **f,
                             size_t n)
{
    uint32_t id;
    if (n < 4 || !parse_u32(f[1], &id)) {
        skip_line(b, r, "expected alternateNameId, geonameid, "
                         "isolanguage, name");
        return;
    }
    const char *lang = f[2];
    if (skipped_language(lang) || !f[3][0])
        return;
    uint16_t flags = GM_NAME_ALT;
    if (strcmp(lang, "abbr") == 0)
        flags = GM_NAME_ABBR;
    else if (strcmp(lang, "demonym") == 0)
        flags = GM_NAME_DEMONYM;
    if (n > 4 && f[4][0] == '1')
        flags |= GM_NAME_PREFERRED;
    if (n > 5 && f[5][0] == '1')
        flags |= GM_NAME_SHORT;
    if (n > 6 && f[6][0] == '1')
        flags |= GM_NAME_COLLOQUIAL;
    if (n > 7 && f[7][0] == '1')
        flags |= GM_NAME_HISTORIC;
    gm_gaz_builder_add_name(b, id, f[3], lang, flags);
}

gm_status gm_geonames_read_alternates(gm_gaz_builder *b, const char *path,
                                      gm_error *err)
{
    return read_records(b, path, alternate_record, err);
}

static void admin1_record(gm_gaz_builder *b, line_reader *r, char **f,
                          size_t n)
{
    if (n < 2 || !strchr(f[0], '.')) {
        skip_line(b, r, "expected CC.CODE and a name");
        return;
    }
    gm_gaz_builder_add_admin1_name(b, f[0], f[1]);
}

gm_status gm_geonames_read_admin1(gm_gaz_builder *b, const char *path,
                                  gm_error *err)
{
    return read_records(b, path, admin1_record, err);
}

static void admin2_record(gm_gaz_builder *b, line_reader *r, char **f,
                          size_t n)
{
    char *dot = n >= 2 ? strchr(f[0], '.') : NULL;
    if (!dot || !strchr(dot + 1, '.')) {
        skip_line(b, r, "expected CC.ADMIN1.ADMIN2 and a name");
        return;
    }
    gm_gaz_builder_add_admin2_name(b, f[0], f[1]);
}

gm_status gm_geonames_read_admin2(gm_gaz_builder *b, const char *path,
                                  gm_error *err)
{
    return read_records(b, path, admin2_record, err);
}

static void country_record(gm_gaz_builder *b, line_reader *r, char **f,
                           size_t n)
{
    uint32_t id;
    if (n < 17 || strlen(f[0]) != 2) {
        skip_line(b, r, "expected the 19 columns of countryInfo.txt");
        return;
    }
    if (!f[16][0])
        return; /* a code without a feature (none at present) */
    if (!parse_u32(f[16], &id)) {
        skip_line(b, r, "geonameid is not a number");
        return;
    }
    gm_gaz_builder_add_country(b, f[0], id);
}

gm_status gm_geonames_read_countries(gm_gaz_builder *b, const char *path,
                                     gm_error *err)
{
    return read_records(b, path, country_record, err);
}

/* The package lines ("  name@version sha512-...") and the counts of each
 * kind of record ("    cities: 199568" under "counts:") of a SOURCES.txt
 * that make-default.sh wrote, kept as provenance. */
static gm_status read_sources(gm_gaz_builder *b, const char *path,
                              gm_error *err)
{
    line_reader r;
    gm_status st = open_lines(&r, path, err);
    if (st)
        return st;
    char *line;
    bool in_counts = false;
    while ((line = next_line(&r))) {
        bool indented = *line == ' ';
        while (*line == ' ')
            line++;
        if (!indented)
            in_counts = strcmp(line, "counts:") == 0;
        else if (in_counts && *line)
            gm_gaz_builder_add_meta(b, "count", line);
        else if (*line != '#' && strchr(line, '@') && strstr(line, " sha512-"))
            gm_gaz_builder_add_meta(b, "package", line);
    }
    return close_lines(&r, err);
}

gm_status gm_geonames_read_common_words(gm_gaz_builder *b, const char *path,
                                        gm_error *err)
{
    line_reader r;
    gm_status st = open_lines(&r, path, err);
    if (st)
        return st;
    char *line;
    while ((line = next_line(&r))) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        size_t len = strlen(line);
        while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
            line[--len] = '\0';
        char *word = line;
        while (*word == ' ' || *word == '\t')
            word++;
        if (*word)
            gm_gaz_builder_add_common_word(b, word);
    }
    return close_lines(&r, err);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* "DIR/FILE" of a path inside directory path[0..dir_len): the label of a
 * file found in a directory names the directory too. */
static const char *base_name_of_dir(const char *full, size_t dir_len)
{
    const char *label = full;
    for (const char *p = full; p < full + dir_len; p++)
        if (*p == '/' && p + 1 < full + dir_len)
            label = p + 1;
    return label;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

typedef enum { FILE_UNKNOWN, FILE_PLACES, FILE_ALTERNATES, FILE_ADMIN1,
               FILE_ADMIN2, FILE_COUNTRIES, FILE_SOURCES, FILE_COMMON,
               FILE_CSV } file_kind;

static file_kind kind_of_file(const char *name)
{
    if (strncmp(name, "alternateNames", 14) == 0 && ends_with(name, ".txt"))
        return FILE_ALTERNATES;
    if (strcmp(name, "admin1CodesASCII.txt") == 0)
        return FILE_ADMIN1;
    if (strcmp(name, "admin2Codes.txt") == 0)
        return FILE_ADMIN2;
    if (strcmp(name, "countryInfo.txt") == 0)
        return FILE_COUNTRIES;
    if (strcmp(name, "SOURCES.txt") == 0)
        return FILE_SOURCES;
    if (strcmp(name, "common-words.txt") == 0)
        return FILE_COMMON;
    if (ends_with(name, ".csv") || ends_with(name, ".CSV"))
        return FILE_CSV;
    /* Other GeoNames side files are not place tables. */
    if (strcmp(name, "readme.txt") == 0 ||
        strcmp(name, "featureCodes_en.txt") == 0 ||
        strcmp(name, "timeZones.txt") == 0 ||
        strcmp(name, "iso-languagecodes.txt") == 0 ||
        strcmp(name, "hierarchy.txt") == 0)
        return FILE_UNKNOWN;
    if (ends_with(name, ".txt"))
        return FILE_PLACES;
    return FILE_UNKNOWN;
}

static gm_status read_file(gm_gaz_builder *b, const char *path,
                           const char *label, file_kind kind, gm_error *err)
{
    if (kind == FILE_PLACES || kind == FILE_CSV)
        gm_gaz_builder_set_source(b, label);
    switch (kind) {
    case FILE_PLACES: return gm_geonames_read_places(b, path, err);
    case FILE_ALTERNATES: return gm_geonames_read_alternates(b, path, err);
    case FILE_ADMIN1: return gm_geonames_read_admin1(b, path, err);
    case FILE_ADMIN2: return gm_geonames_read_admin2(b, path, err);
    case FILE_COUNTRIES: return gm_geonames_read_countries(b, path, err);
    case FILE_SOURCES: return read_sources(b, path, err);
    case FILE_COMMON: return gm_geonames_read_common_words(b, path, err);
    case FILE_CSV: return gm_custom_csv_read(b, path, err);
    case FILE_UNKNOWN: break;
    }
    return GM_OK;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

gm_status gm_geonames_read_path(gm_gaz_builder *b, const char *path,
                                gm_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return gm_err_set(err, GM_E_IO, path, 0, "cannot open: %s",
                          strerror(errno));
    if (!S_ISDIR(sb.st_mode)) {
        file_kind kind = kind_of_file(base_name(path));
        /* A file named on the command line is a place table unless its
         * name says otherwise. */
        return read_file(b, path, base_name(path),
                         kind == FILE_UNKNOWN ? FILE_PLACES : kind, err);
    }
    DIR *dir = opendir(path);
    if (!dir)
        return gm_err_set(err, GM_E_IO, path, 0, "cannot open: %s",
                          strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dir))) {
        if (de->d_name[0] == '.' || kind_of_file(de->d_name) == FILE_UNKNOWN)
            continue;
        gm_xgrow((void **)&names, &cap, n + 1, sizeof *names);
        names[n++] = gm_xstrdup(de->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof *names, compare_names);
    /* Places first, so that messages about names come after them. */
    gm_status st = n ? GM_OK
                     : gm_err_set(err, GM_E_USAGE, path, 0,
                                  "no GeoNames files in this directory");
    for (int pass = 0; pass < 2 && st == GM_OK; pass++)
        for (size_t i = 0; i < n && st == GM_OK; i++) {
            file_kind kind = kind_of_file(names[i]);
            if ((kind == FILE_PLACES || kind == FILE_CSV) != (pass == 0))
                continue;
            size_t len = strlen(path);
            while (len > 1 && path[len - 1] == '/')
                len--;
            char *full = gm_xmalloc(len + strlen(names[i]) + 2);
            sprintf(full, "%.*s/%s", (int)len, path, names[i]);
            st = read_file(b, full, base_name_of_dir(full, len), kind, err);
            free(full);
        }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return st;
}

gm_status gm_geonames_build(const char *out, const char *const *inputs,
                            size_t n_inputs, const char *common_words,
                            const char *label, gm_diag_fn diag,
                            void *diag_ctx, gm_error *err)
{
    gm_gaz_builder *b = gm_gaz_builder_new(diag, diag_ctx);
    gm_status st = GM_OK;
    if (common_words)
        st = gm_geonames_read_common_words(b, common_words, err);
    for (size_t i = 0; i < n_inputs && st == GM_OK; i++) {
        st = gm_geonames_read_path(b, inputs[i], err);
        if (st == GM_OK)
            gm_gaz_builder_add_meta(b, "source", base_name(inputs[i]));
    }
    if (st == GM_OK) {
        if (label)
            gm_gaz_builder_add_meta(b, "label", label);
        st = gm_gaz_builder_write(b, out, err);
    }
    gm_gaz_builder_free(b);
    return st;
}
