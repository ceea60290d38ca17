/* geomap gazetteer build|info|lookup: make an index, describe it, query it.
 * The builder and the reader are separate library parts (gazetteer/); this
 * file only parses options and prints. */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/diag.h"
#include "cli/opts.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "gazetteer/geonames.h"
#include "text/fold.h"

static const char *const kind_names[] = { "other", "city", "country",
                                          "admin1", "admin2", "region",
                                          "continent", "feature" };

/* What GeoNames' feature classes hold. */
static const char *class_name(char c)
{
    switch (c) {
    case 'A': return "countries, divisions";
    case 'H': return "water";
    case 'L': return "regions, areas";
    case 'P': return "populated places";
    case 'R': return "roads, railways";
    case 'S': return "spots, buildings";
    case 'T': return "mountains, islands";
    case 'U': return "undersea";
    case 'V': return "forests, heaths";
    case 0: return "(none)";
    default: return "(other)";
    }
}

/* ---- build ---------------------------------------------------------------- */

enum { B_OUTPUT = 1, B_COMMON, B_LABEL, B_QUIET, B_HELP };
static const gm_cli_opt build_options[] = {
    { B_OUTPUT, "-o", "--output", "FILE", "index file to write (required)" },
    { B_COMMON, NULL, "--common-words", "FILE",
      "names that are also common words (gazetteer/common-words.txt)" },
    { B_LABEL, NULL, "--label", "TEXT", "a label stored in the provenance" },
    GM_CLI_QUIET_OPTION(B_QUIET),
    GM_CLI_HELP_OPTION(B_HELP),
    { 0, NULL, NULL, NULL, NULL }
};

static int cmd_build(int argc, char **argv)
{
    gm_cli_parser p;
    gm_cli_parser_init(&p, "geomap gazetteer build", build_options, argc,
                       argv);
    const char **inputs = gm_xcalloc((size_t)argc, sizeof *inputs);
    size_t n = 0;
    const char *out = NULL, *common = NULL, *label = NULL, *v;
    gm_diag diag = { 0 };
    int opt;
    while ((opt = gm_cli_next(&p, &v)) != GM_CLI_END) {
        switch (opt) {
        case GM_CLI_ERROR: free(inputs); return GM_EXIT_USAGE;
        case GM_CLI_POSITIONAL: inputs[n++] = v; break;
        case B_OUTPUT: out = v; break;
        case B_COMMON: common = v; break;
        case B_LABEL: label = v; break;
        case B_QUIET: diag.quiet = true; break;
        case B_HELP:
            printf("Usage: geomap gazetteer build INPUT... -o FILE [options]"
                   "\n\nCompiles GeoNames files (allCountries.txt, "
                   "citiesN.txt, alternateNamesV2.txt,\nadmin1CodesASCII.txt,"
                   " admin2Codes.txt, countryInfo.txt, or a directory holding"
                   "\nthem) and custom places in "
                   "CSV files (*.csv with a header row: id, name, "
                   "alternate_names, lat, lon,\nfeature_class, feature_code, "
                   "country, admin1, admin2, population) into an index.\n\n"
                   "Options:\n");
            gm_cli_print_options(stdout, build_options);
            free(inputs);
            return GM_EXIT_OK;
        }
    }
    if (!out || n == 0) {
        gm_cli_usage_error(p.command, !out ? "no output given (-o FILE)"
                                           : "no INPUT given");
        free(inputs);
        return GM_EXIT_USAGE;
    }
    gm_error err;
    gm_status st = gm_geonames_build(out, inputs, n, common, label,
                                     gm_diag_warning, &diag, &err);
    free(inputs);
    if (st != GM_OK) {
        gm_diag_error(&err);
        return st == GM_E_USAGE ? GM_EXIT_USAGE : GM_EXIT_FAILED;
    }
    if (!diag.quiet)
        fprintf(stderr, "geomap: wrote %s\n", out);
    return GM_EXIT_OK;
}

/* ---- info ----------------------------------------------------------------- */

enum { I_CHECK = 1, I_HELP };
static const gm_cli_opt info_options[] = {
    { I_CHECK, NULL, "--check", NULL, "verify every section's checksum" },
    GM_CLI_HELP_OPTION(I_HELP),
    { 0, NULL, NULL, NULL, NULL }
};

static int cmd_info(int argc, char **argv)
{
    gm_cli_parser p;
    gm_cli_parser_init(&p, "geomap gazetteer info", info_options, argc, argv);
    const char *file = NULL, *v;
    bool check = false;
    int opt;
    while ((opt = gm_cli_next(&p, &v)) != GM_CLI_END) {
        switch (opt) {
        case GM_CLI_ERROR: return GM_EXIT_USAGE;
        case GM_CLI_POSITIONAL:
            if (file) {
                gm_cli_usage_error(p.command, "one FILE at most");
                return GM_EXIT_USAGE;
            }
            file = v;
            break;
        case I_CHECK: check = true; break;
        case I_HELP:
            printf("Usage: geomap gazetteer info [FILE] [--check]\n\n"
                   "Describes a compiled gazetteer (default: the one extract "
                   "would use): build date,\nplaces by kind, by GeoNames "
                   "feature class and by input file, provenance.\n\n"
                   "Options:\n");
            gm_cli_print_options(stdout, info_options);
            return GM_EXIT_OK;
        }
    }
    gm_gaz *gaz = gm_cli_open_gazetteer(file, true);
    if (!gaz)
        return GM_EXIT_FAILED;
    size_t counts[8] = { 0 }, by_class[27] = { 0 };
    uint16_t n_sources = gm_gaz_source_count(gaz);
    size_t *by_source = gm_xcalloc(n_sources ? n_sources : 1,
                                   sizeof *by_source);
    uint32_t n = gm_gaz_place_count(gaz);
    for (uint32_t i = 0; i < n; i++) {
        gm_place pl;
        gm_gaz_place(gaz, i, &pl);
        counts[pl.kind]++;
        char c = pl.feature_class;
        by_class[c >= 'A' && c <= 'Z' ? c - 'A' : 26]++;
        if (pl.source < n_sources)
            by_source[pl.source]++;
    }
    time_t built = (time_t)gm_gaz_build_time(gaz);
    char when[64];
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime(&built));
    printf("gazetteer: %s\nbuilt: %s\nplaces: %u\nnames (keys): %u\n",
           gm_gaz_label(gaz), when, n, gm_gaz_key_count(gaz));
    uint64_t filter = gm_gaz_key_filter_bytes(gaz);
    if (filter)
        printf("key filter: %llu KB\n", (unsigned long long)(filter / 1024));
    else
        printf("key filter: none (built before geomap had one; a rebuild "
               "makes lookups faster)\n");
    printf("by kind:\n");
    for (size_t k = 0; k < 8; k++)
        if (counts[k])
            printf("  %-12s %zu\n", kind_names[k], counts[k]);
    printf("by feature class:\n");
    for (size_t k = 0; k < 27; k++)
        if (by_class[k])
            printf("  %c %-22s %zu\n", k < 26 ? (char)('A' + k) : '-',
                   class_name(k < 26 ? (char)('A' + k) : 0), by_class[k]);
    printf("by source:\n");
    for (uint16_t k = 0; k < n_sources; k++)
        if (by_source[k])
            printf("  %-24s %zu\n", k ? gm_gaz_source(gaz, k) : "(unknown)",
                   by_source[k]);
    free(by_source);
    size_t meta_len;
    const char *meta = gm_gaz_meta(gaz, &meta_len);
    printf("provenance:\n");
    for (const char *line = meta; line < meta + meta_len;) {
        const char *nl = memchr(line, '\n', (size_t)(meta + meta_len - line));
        int len = (int)(nl ? nl - line : meta + meta_len - line);
        printf("  %.*s\n", len, line);
        line += len + 1;
    }
    int status = GM_EXIT_OK;
    if (check) {
        gm_error err;
        if (gm_gaz_check(gaz, &err) != GM_OK) {
            gm_diag_error(&err);
            status = GM_EXIT_FAILED;
        } else {
            printf("checksums: ok\n");
        }
    }
    gm_gaz_close(gaz);
    return status;
}

/* ---- lookup --------------------------------------------------------------- */

enum { L_COUNTRY = 1, L_LIMIT, L_JSON, L_GAZETTEER, L_HELP };
static const gm_cli_opt lookup_options[] = {
    { L_COUNTRY, NULL, "--country", "CC", "only places in this country" },
    { L_LIMIT, NULL, "--limit", "N", "at most N candidates (default 10)" },
    { L_JSON, NULL, "--json", NULL, "print JSON" },
    { L_GAZETTEER, NULL, "--gazetteer", "FILE", "compiled gazetteer" },
    GM_CLI_HELP_OPTION(L_HELP),
    { 0, NULL, NULL, NULL, NULL }
};

static int cmd_lookup(int argc, char **argv)
{
    gm_cli_parser p;
    gm_cli_parser_init(&p, "geomap gazetteer lookup", lookup_options, argc,
                       argv);
    const char *name = NULL, *country = NULL, *gazetteer = NULL, *v;
    long limit = 10;
    bool json = false;
    int opt;
    while ((opt = gm_cli_next(&p, &v)) != GM_CLI_END) {
        switch (opt) {
        case GM_CLI_ERROR: return GM_EXIT_USAGE;
        case GM_CLI_POSITIONAL:
            if (name) {
                gm_cli_usage_error(p.command, "one NAME at a time (quote "
                                              "names with spaces)");
                return GM_EXIT_USAGE;
            }
            name = v;
            break;
        case L_COUNTRY: country = v; break;
        case L_GAZETTEER: gazetteer = v; break;
        case L_JSON: json = true; break;
        case L_LIMIT: {
            char *end;
            errno = 0;
            limit = strtol(v, &end, 10);
            if (errno || *end || limit <= 0) {
                gm_cli_usage_error(p.command, "--limit takes a positive "
                                              "number, not '%s'", v);
                return GM_EXIT_USAGE;
            }
            break;
        }
        case L_HELP:
            printf("Usage: geomap gazetteer lookup NAME [options]\n\n"
                   "Lists the places a name can mean, best first.\n\n"
                   "Options:\n");
            gm_cli_print_options(stdout, lookup_options);
            return GM_EXIT_OK;
        }
    }
    if (!name) {
        gm_cli_usage_error(p.command, "no NAME given");
        return GM_EXIT_USAGE;
    }
    gm_gaz *gaz = gm_cli_open_gazetteer(gazetteer, true);
    if (!gaz)
        return GM_EXIT_FAILED;
    gm_buf key = GM_BUF_INIT;
    gm_fold_name(name, strlen(name), &key);
    gm_gaz_match m = gm_gaz_lookup(gaz, gm_buf_str(&key), key.len);
    gm_gaz_candidate *list = gm_xcalloc(m.count ? m.count : 1, sizeof *list);
    size_t all = gm_gaz_rank(gaz, &m, list), n = 0;
    for (size_t i = 0; i < all; i++)
        if (!country || strcmp(list[i].place.country, country) == 0)
            list[n++] = list[i];
    if ((size_t)limit < n)
        n = (size_t)limit;

    json_object *array = json ? json_object_new_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        const gm_place *pl = &list[i].place;
        const gm_gaz_hit *h = &list[i].hit;
        const char *matched = gm_gaz_string(gaz, h->name_off);
        const char *lang = gm_gaz_lang(gaz, h->lang);
        const char *how = (h->flags & GM_NAME_DEMONYM) ? "demonym"
                          : (h->flags & GM_NAME_ABBR)  ? "abbreviation"
                          : (h->flags & GM_NAME_PRIMARY) ? "name"
                                                         : "alternate";
        if (json) {
            json_object *o = json_object_new_object();
            json_object_object_add(o, "id", json_object_new_int64(pl->id));
            json_object_object_add(o, "name", json_object_new_string(pl->name));
            json_object_object_add(o, "country",
                                   json_object_new_string(pl->country));
            json_object_object_add(o, "admin1",
                                   json_object_new_string(pl->admin1_name));
            json_object_object_add(o, "admin2",
                                   json_object_new_string(pl->admin2_name));
            json_object_object_add(o, "kind",
                                   json_object_new_string(kind_names[pl->kind]));
            json_object_object_add(o, "feature_code",
                                   json_object_new_string(pl->feature_code));
            json_object_object_add(o, "lat", json_object_new_double(pl->lat));
            json_object_object_add(o, "lon", json_object_new_double(pl->lon));
            json_object_object_add(o, "population",
                                   json_object_new_int64(pl->population));
            json_object_object_add(o, "matched",
                                   json_object_new_string(matched));
            json_object_object_add(o, "language", json_object_new_string(lang));
            json_object_object_add(o, "match_kind", json_object_new_string(how));
            json_object_object_add(
                o, "source",
                json_object_new_string(gm_gaz_source(gaz, pl->source)));
            json_object_array_add(array, o);
        } else {
            printf("%u\t%s\t%s\t%s\t%s\t%.5f\t%.5f\t%u\t%s%s%s%s (%s)\n",
                   pl->id, pl->name, pl->country, pl->admin1_name,
                   pl->feature_code, pl->lat, pl->lon, pl->population,
                   matched, lang[0] ? " [" : "", lang, lang[0] ? "]" : "",
                   how);
        }
    }
    if (json) {
        printf("%s\n", json_object_to_json_string_ext(
                           array, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                      JSON_C_TO_STRING_NOSLASHESCAPE));
        json_object_put(array);
    }
    int status = n ? GM_EXIT_OK : GM_EXIT_REJECTED;
    if (!n && !json)
        fprintf(stderr, "geomap: no place named '%s'\n", name);
    free(list);
    gm_buf_free(&key);
    gm_gaz_close(gaz);
    return status;
}

int gm_cli_gazetteer(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        FILE *out = argc < 2 ? stderr : stdout;
        fprintf(out, "Usage: geomap gazetteer build|info|lookup ...\n"
                     "  build INPUT... -o FILE   compile GeoNames files and "
                     "custom CSV\n"
                     "  info [FILE] [--check]    describe an index\n"
                     "  lookup NAME [--json]     list the places a name means\n");
        return argc < 2 ? GM_EXIT_USAGE : GM_EXIT_OK;
    }
    if (strcmp(argv[1], "build") == 0)
        return cmd_build(argc - 1, argv + 1);
    if (strcmp(argv[1], "info") == 0)
        return cmd_info(argc - 1, argv + 1);
    if (strcmp(argv[1], "lookup") == 0)
        return cmd_lookup(argc - 1, argv + 1);
    gm_cli_usage_error("geomap gazetteer", "unknown gazetteer command '%s'",
                       argv[1]);
    return GM_EXIT_USAGE;
}
