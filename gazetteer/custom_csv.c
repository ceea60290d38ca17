/* Custom places in CSV → builder, through libcsv (strict quoting). The file
 * is fed to libcsv one physical line at a time, so that every record knows
 * the line it starts on (a quoted field may span lines); libcsv hands each
 * field to on_field in its reusable buffer, which is copied at once. The
 * columns are those of custom_csv.h. Turning places into an index is
 * build.c's job. */
#include "gazetteer/custom_csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "gazetteer/format.h"
#include "gazetteer/gaz.h"
#include "text/utf8.h"

enum { C_ID, C_NAME, C_ALTS, C_LAT, C_LON, C_FCLASS, C_FCODE, C_COUNTRY,
       C_ADMIN1, C_ADMIN2, C_POP, C_COUNT };

/* Header spellings of each column, folded as header_key() folds them. */
static const char *const column_names[C_COUNT] = {
    [C_ID] = "id geonameid",
    [C_NAME] = "name",
    [C_ALTS] = "alternatenames altnames alternates",
    [C_LAT] = "lat latitude",
    [C_LON] = "lon lng long longitude",
    [C_FCLASS] = "featureclass fclass class",
    [C_FCODE] = "featurecode fcode code",
    [C_COUNTRY] = "country countrycode cc",
    [C_ADMIN1] = "admin1 admin1code",
    [C_ADMIN2] = "admin2 admin2code",
    [C_POP] = "population pop",
};

typedef struct csv_reader {
    gm_gaz_builder *b;
    const char *path;
    gm_error *err;
    gm_status st;         /* the first fatal problem, GM_OK until then */
    long line;            /* physical line being fed, 1-based */
    long record_line;     /* where the current record began */
    gm_buf bytes;         /* the record's fields, each NUL-terminated */
    size_t *offs;
    size_t nf, cap;
    bool have_header;
    long col[C_COUNT];    /* field index of each column, -1 when absent */
    size_t ncols;
} csv_reader;

static void on_field(void *data, size_t len, void *ctx)
{
    csv_reader *r = ctx;
    gm_xgrow((void **)&r->offs, &r->cap, r->nf + 1, sizeof *r->offs);
    r->offs[r->nf++] = r->bytes.len;
    if (len)
        gm_buf_append(&r->bytes, data, len);
    gm_buf_append(&r->bytes, "", 1);
}

static void row_warn(csv_reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void row_warn(csv_reader *r, const char *fmt, ...)
{
    gm_error e;
    gm_err_clear(&e);
    e.code = GM_E_INPUT;
    snprintf(e.path, sizeof e.path, "%s", r->path);
    e.line = r->record_line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    gm_gaz_builder_warn(r->b, &e);
}

/* Field i, trimmed of spaces and tabs in place. */
static char *field(csv_reader *r, size_t i)
{
    char *s = r->bytes.data + r->offs[i];
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static char *cell(csv_reader *r, int c)
{
    return r->col[c] >= 0 ? field(r, (size_t)r->col[c]) : (char *)"";
}

/* Lower-cased ASCII without spaces, '_' and '-': "Feature Code" and
 * "feature_code" both give "featurecode". */
static void header_key(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (; *s && n + 1 < size; s++) {
        char c = *s;
        if (c == ' ' || c == '_' || c == '-')
            continue;
        out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
    }
    out[n] = '\0';
}

static int column_of(const char *key)
{
    size_t len = strlen(key);
    for (int c = 0; c < C_COUNT; c++)
        for (const char *p = column_names[c]; *p;) {
            size_t n = strcspn(p, " ");
            if (n == len && strncmp(p, key, n) == 0)
                return c;
            p += n + (p[n] == ' ');
        }
    return -1;
}

static void take_header(csv_reader *r)
{
    for (int c = 0; c < C_COUNT; c++)
        r->col[c] = -1;
    gm_buf unknown = GM_BUF_INIT;
    for (size_t i = 0; i < r->nf && r->st == GM_OK; i++) {
        const char *name = field(r, i);
        char key[64];
        header_key(name, key, sizeof key);
        int c = column_of(key);
        if (c < 0) {
            gm_buf_printf(&unknown, "%s'%s'", unknown.len ? ", " : "", name);
            continue;
        }
        if (r->col[c] >= 0)
            r->st = gm_err_set(r->err, GM_E_FORMAT, r->path, r->record_line,
                               "column '%s' appears twice in the header",
                               name);
        r->col[c] = (long)i;
    }
    if (r->st == GM_OK &&
        (r->col[C_NAME] < 0 || r->col[C_LAT] < 0 || r->col[C_LON] < 0))
        r->st = gm_err_set(r->err, GM_E_FORMAT, r->path, r->record_line,
                           "the first row must be a header naming at least "
                           "the columns name, lat and lon (custom places: "
                           "see gazetteer/DATA.md)");
    if (r->st == GM_OK && unknown.len)
        row_warn(r, "unknown columns ignored: %s", gm_buf_str(&unknown));
    gm_buf_free(&unknown);
    r->ncols = r->nf;
    r->have_header = true;
}

static bool parse_u64(const char *s, uint64_t *out)
{
    if (*s < '0' || *s > '9')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

static bool parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return *s && !errno && end != s && !*end;
}

static void upper_ascii(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

/* A language code as GeoNames writes them: "de", "fil", "zh-Hant". */
static bool is_language(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] >= 'a' && s[i] <= 'z')
        i++;
    if (i < 2 || i > 3)
        return false;
    if (i == n)
        return true;
    if (s[i] != '-' || n - i - 1 < 2 || n - i - 1 > 4)
        return false;
    for (i++; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
            return false;
    return true;
}

/* Splits "de:München" into its tag and name; no tag when the part before
 * ':' is not a language code or abbr, demonym, hist ("Side: A" stays). */
static const char *name_tag(char *s, const char **tag)
{
    *tag = NULL;
    char *colon = strchr(s, ':');
    if (!colon)
        return s;
    size_t n = (size_t)(colon - s);
    if (!is_language(s, n) && !(n == 4 && strncmp(s, "abbr", 4) == 0) &&
        !(n == 4 && strncmp(s, "hist", 4) == 0) &&
        !(n == 7 && strncmp(s, "demonym", 7) == 0))
        return s;
    *colon = '\0';
    *tag = s;
    char *name = colon + 1;
    while (*name == ' ')
        name++;
    return name;
}

static void add_alternates(csv_reader *r, uint32_t id, char *list)
{
    for (char *part = list; part;) {
        char *bar = strchr(part, '|');
        if (bar)
            *bar = '\0';
        while (*part == ' ' || *part == '\t')
            part++;
        size_t n = strlen(part);
        while (n && (part[n - 1] == ' ' || part[n - 1] == '\t'))
            part[--n] = '\0';
        const char *tag;
        const char *name = name_tag(part, &tag);
        if (!*name) {
            /* "a||b": nothing to add */
        } else if (!gm_utf8_validate(name, strlen(name), NULL)) {
            row_warn(r, "an alternate name is not valid UTF-8; name dropped");
        } else if (!tag) {
            gm_gaz_builder_add_name(r->b, id, name, NULL, GM_NAME_ALT);
        } else if (strcmp(tag, "abbr") == 0) {
            gm_gaz_builder_add_name(r->b, id, name, "abbr", GM_NAME_ABBR);
        } else if (strcmp(tag, "demonym") == 0) {
            gm_gaz_builder_add_name(r->b, id, name, "demonym",
                                    GM_NAME_DEMONYM);
        } else if (strcmp(tag, "hist") == 0) {
            gm_gaz_builder_add_name(r->b, id, name, NULL,
                                    GM_NAME_ALT | GM_NAME_HISTORIC);
        } else {
            gm_gaz_builder_add_name(r->b, id, name, tag, GM_NAME_ALT);
        }
        part = bar ? bar + 1 : NULL;
    }
}

static void take_row(csv_reader *r)
{
    if (r->nf == 1 && !*field(r, 0))
        return; /* a blank line */
    if (r->nf != r->ncols) {
        row_warn(r, "%zu fields, the header has %zu; row skipped", r->nf,
                 r->ncols);
        return;
    }
    gm_gaz_place_in in;
    memset(&in, 0, sizeof in);
    const char *id = cell(r, C_ID);
    uint64_t v;
    if (!*id) {
        in.id = 0; /* assigned below, once the row is known to be good */
    } else if (!parse_u64(id, &v) || v == 0 || v >= UINT32_MAX) {
        row_warn(r, "id '%s' is not a positive whole number below 2^32 - 1;"
                    " row skipped", id);
        return;
    } else {
        in.id = (uint32_t)v;
    }
    in.name = cell(r, C_NAME);
    if (!*in.name) {
        row_warn(r, "no name; row skipped");
        return;
    }
    const char *lat = cell(r, C_LAT), *lon = cell(r, C_LON);
    if (!parse_double(lat, &in.lat) || !parse_double(lon, &in.lon)) {
        row_warn(r, "lat '%s' or lon '%s' is not a number; row skipped", lat,
                 lon);
        return;
    }
    char *fclass = cell(r, C_FCLASS), *fcode = cell(r, C_FCODE);
    upper_ascii(fclass);
    upper_ascii(fcode);
    if (!*fclass) {
        in.feature_class = 'P';
    } else if (strlen(fclass) != 1 || !strchr("AHLPRSTUV", fclass[0])) {
        row_warn(r, "feature class '%s' is not one of A H L P R S T U V; "
                    "row skipped", fclass);
        return;
    } else {
        in.feature_class = fclass[0];
    }
    if (strlen(fcode) > GM_GAZ_FEATURE_CODE_MAX ||
        strspn(fcode, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") !=
            strlen(fcode)) {
        row_warn(r, "feature code '%s' is not a GeoNames code (letters and "
                    "digits, at most %u); row skipped", fcode,
                 GM_GAZ_FEATURE_CODE_MAX);
        return;
    }
    in.feature_code = *fcode ? fcode : in.feature_class == 'P' ? "PPL" : "";
    char *country = cell(r, C_COUNTRY);
    upper_ascii(country);
    if (*country && (strlen(country) != 2 || country[0] < 'A' ||
                     country[0] > 'Z' || country[1] < 'A' || country[1] > 'Z')) {
        row_warn(r, "country '%s' is not an ISO 3166-1 alpha-2 code; row "
                    "skipped", country);
        return;
    }
    in.country = country;
    in.admin1 = cell(r, C_ADMIN1);
    in.admin2 = cell(r, C_ADMIN2);
    if (!gm_utf8_validate(in.admin1, strlen(in.admin1), NULL) ||
        !gm_utf8_validate(in.admin2, strlen(in.admin2), NULL)) {
        row_warn(r, "admin1 or admin2 code is not valid UTF-8; row skipped");
        return;
    }
    const char *pop = cell(r, C_POP);
    if (*pop && !parse_u64(pop, &in.population)) {
        row_warn(r, "population '%s' is not a whole number; row skipped",
                 pop);
        return;
    }
    if (in.id == 0)
        in.id = gm_gaz_builder_custom_id(r->b);
    gm_error e;
    if (gm_gaz_builder_add_place(r->b, &in, &e) != GM_OK) {
        row_warn(r, "%s; row skipped", e.msg);
        return;
    }
    add_alternates(r, in.id, cell(r, C_ALTS));
}

static void on_record(int terminator, void *ctx)
{
    (void)terminator;
    csv_reader *r = ctx;
    if (r->st == GM_OK) {
        if (!r->have_header)
            take_header(r);
        else
            take_row(r);
    }
    r->nf = 0;
    gm_buf_clear(&r->bytes);
}

gm_status gm_custom_csv_read(gm_gaz_builder *b, const char *path,
                             gm_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        gm_status st = gm_err_set(err, GM_E_IO, path, 0, "cannot open: %s",
                                  strerror(errno));
        if (err)
            err->sys_errno = errno;
        return st;
    }
    csv_reader r;
    memset(&r, 0, sizeof r);
    r.b = b;
    r.path = path;
    r.err = err;
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fclose(f);
        return gm_err_set(err, GM_E_INTERNAL, path, 0, "csv_init failed");
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while (r.st == GM_OK && (n = getline(&line, &cap, f)) > 0) {
        r.line++;
        const char *s = line;
        size_t len = (size_t)n;
        if (r.line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3; /* a byte order mark */
            len -= 3;
        }
        if (parser.pstate == 0 && r.nf == 0)
            r.record_line = r.line; /* no record open: one starts here */
        if (csv_parse(&parser, s, len, on_field, on_record, &r) != len &&
            r.st == GM_OK)
            r.st = gm_err_set(err, GM_E_FORMAT, path, r.record_line,
                              "malformed CSV (a quote inside an unquoted "
                              "field, or text after a closing quote): %s",
                              csv_strerror(csv_error(&parser)));
    }
    if (r.st == GM_OK && ferror(f))
        r.st = gm_err_set(err, GM_E_IO, path, r.line,
                          "read error after this line");
    if (r.st == GM_OK &&
        csv_fini(&parser, on_field, on_record, &r) != 0 && r.st == GM_OK)
        r.st = gm_err_set(err, GM_E_FORMAT, path, r.record_line,
                          "malformed CSV: a quoted field is not closed");
    if (r.st == GM_OK && !r.have_header)
        r.st = gm_err_set(err, GM_E_FORMAT, path, 0,
                          "empty file: custom places need a header row");
    csv_free(&parser);
    free(line);
    free(r.offs);
    gm_buf_free(&r.bytes);
    fclose(f);
    return r.st;
}
