/* geomap extract: articles in, map layers out. Fills the options, then runs
 * read → worker pool (N threads) → collector → exporter; the pool hands
 * results back in input order, so the output does not depend on -j. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/diag.h"
#include "cli/opts.h"
#include "cli/output_opts.h"
#include "cli/signals.h"
#include "collect/collect.h"
#include "collect/pool.h"
#include "core/ascii.h"
#include "exports/export.h"
#include "exports/merge.h"
#include "io/reader.h"

enum {
    OPT_NLN = GM_CLI_OUTPUT_NEXT, OPT_OVERWRITE, OPT_APPEND, OPT_LAYERS,
    OPT_GAZETTEER, OPT_INPUT_FORMAT, OPT_ID_FIELD, OPT_TEXT_FIELD,
    OPT_DATE_FIELD, OPT_TITLE_FIELD, OPT_MAX_BYTES, OPT_LOSSY, OPT_REJECTS,
    OPT_MINZOOM, OPT_MAXZOOM, OPT_SHARD, OPT_JOBS, OPT_QUIET, OPT_HELP
};

static const gm_cli_opt extract_options[] = {
    GM_CLI_OUTPUT_OPTIONS(
        "output file or directory (required; - for standard output)"),
    { OPT_NLN, "-nln", "--output-layer", "NAME",
      "name of the layer, when one is written" },
    { OPT_OVERWRITE, "-overwrite", "--overwrite", NULL,
      "replace an earlier output at OUT (the default)" },
    { OPT_APPEND, "-append", "--append", NULL,
      "add to an earlier output: mentions added, places merged" },
    { OPT_LAYERS, NULL, "--layers", "LIST",
      "layers: places,mentions,events (default: all three)" },
    { OPT_GAZETTEER, NULL, "--gazetteer", "FILE",
      "compiled gazetteer (default: $GEOMAP_GAZETTEER, installed, embedded)" },
    { OPT_INPUT_FORMAT, "-if", "--input-format", "FMT",
      "jsonl, text, html or csv (default: from each file's extension)" },
    { OPT_ID_FIELD, NULL, "--id-field", "NAME", "JSONL/CSV id field (id)" },
    { OPT_TEXT_FIELD, NULL, "--text-field", "NAME",
      "JSONL/CSV text field (text)" },
    { OPT_DATE_FIELD, NULL, "--date-field", "NAME",
      "JSONL/CSV date field (date)" },
    { OPT_TITLE_FIELD, NULL, "--title-field", "NAME",
      "JSONL/CSV title field (title)" },
    { OPT_MAX_BYTES, NULL, "--max-article-bytes", "N",
      "reject longer articles (default 10485760)" },
    { OPT_LOSSY, NULL, "--lossy", NULL,
      "replace invalid UTF-8 bytes by U+FFFD instead of rejecting" },
    { OPT_REJECTS, NULL, "--rejects", "FILE",
      "write every rejected record, where and why, as JSON Lines" },
    { OPT_MINZOOM, NULL, "--minzoom", "Z",
      "MVT/MBTiles: smallest zoom level (default 0)" },
    { OPT_MAXZOOM, NULL, "--maxzoom", "Z",
      "MVT/MBTiles: largest zoom level (default 8)" },
    { OPT_SHARD, NULL, "--shard", "K/N",
      "keep shard K of N (1-based) of the articles, by id" },
    { OPT_JOBS, "-j", "--jobs", "N",
      "threads, the main one included (default: the number of processors)" },
    GM_CLI_QUIET_OPTION(OPT_QUIET),
    GM_CLI_HELP_OPTION(OPT_HELP),
    { 0, NULL, NULL, NULL, NULL }
};

static void print_help(void)
{
    printf("Usage: geomap extract INPUT... -o OUT [options]\n\n"
           "Finds the places named in news articles and writes them as map "
           "layers.\nINPUT is a JSON Lines, CSV, text or HTML file, a "
           "directory of them, or - for\nJSON Lines on standard input.\n\n"
           "Options:\n");
    gm_cli_print_options(stdout, extract_options);
}

typedef struct extract_run {
    gm_diag diag;
    gm_export *out;
    unsigned layers;
    size_t read, mapped;
    size_t skipped;   /* records the output could not hold */
    unsigned shard_k, shard_n; /* --shard K/N, 1-based; n 0 when none */
    size_t other_shards; /* records left to other shards */
    size_t repaired_articles, repaired_bytes; /* --lossy */
    gm_collector *collector;
} extract_run;

/* Records the writer skips (GM_E_INPUT: no coordinates in the output's
 * SRS) are warnings, the first few shown, then counted. */
#define MAX_SKIPS_SHOWN 5

/* The status that stops a run on SIGINT or SIGTERM (see signals.h). */
static gm_status interrupted(gm_error *err)
{
    return gm_err_set(err, GM_E_IO, NULL, 0, "interrupted");
}

static gm_status written(extract_run *run, gm_status st, gm_error *err)
{
    if (st != GM_E_INPUT)
        return st;
    if (run->skipped++ < MAX_SKIPS_SHOWN)
        gm_diag_warning(&run->diag, err);
    return GM_OK;
}

static gm_status write_mention(void *ctx, const gm_mention_rec *rec,
                               gm_error *err)
{
    extract_run *run = ctx;
    return written(run, gm_export_mention(run->out, rec, err), err);
}

static gm_status write_event(void *ctx, const gm_event_rec *rec,
                             gm_error *err)
{
    extract_run *run = ctx;
    return written(run, gm_export_event(run->out, rec, err), err);
}

static gm_status write_place(void *ctx, const gm_place_rec *rec,
                             gm_error *err)
{
    extract_run *run = ctx;
    if (gm_cli_interrupted())
        return interrupted(err);
    return written(run, gm_export_place(run->out, rec, err), err);
}

static bool parse_layers(const char *list, unsigned *layers)
{
    *layers = 0;
    const char *p = list;
    while (*p) {
        size_t len = strcspn(p, ",");
        if (len == 6 && strncmp(p, "places", 6) == 0)
            *layers |= GM_LAYER_PLACES;
        else if (len == 8 && strncmp(p, "mentions", 8) == 0)
            *layers |= GM_LAYER_MENTIONS;
        else if (len == 6 && strncmp(p, "events", 6) == 0)
            *layers |= GM_LAYER_EVENTS;
        else
            return false;
        p += len + (p[len] == ',');
    }
    return *layers != 0;
}

/* --shard K/N: 1 <= K <= N <= GM_MERGE_MAX_SHARDS, decimal. */
static bool parse_shard(const char *text, unsigned *k, unsigned *n)
{
    char *end;
    if (text[0] < '0' || text[0] > '9')
        return false;
    errno = 0;
    unsigned long kk = strtoul(text, &end, 10);
    if (errno || *end != '/' || end[1] < '0' || end[1] > '9')
        return false;
    unsigned long nn = strtoul(end + 1, &end, 10);
    if (errno || *end || kk < 1 || nn < 1 || kk > nn ||
        nn > GM_MERGE_MAX_SHARDS)
        return false;
    *k = (unsigned)kk;
    *n = (unsigned)nn;
    return true;
}

/* A zoom level: 0..GM_EXPORT_ZOOM_MAX. */
static bool parse_zoom(const char *text, int *zoom)
{
    char *end;
    errno = 0;
    long z = strtol(text, &end, 10);
    if (errno || end == text || *end || z < 0 || z > GM_EXPORT_ZOOM_MAX)
        return false;
    *zoom = (int)z;
    return true;
}

static bool parse_input_format(const char *name, gm_io_format *format)
{
    static const struct { const char *name; gm_io_format format; } table[] = {
        { "jsonl", GM_IO_JSONL }, { "text", GM_IO_TEXT },
        { "html", GM_IO_HTML }, { "csv", GM_IO_CSV } };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(name, table[i].name) == 0) {
            *format = table[i].format;
            return true;
        }
    return false;
}

/* Receives each article's result from the pool, in input order. */
static gm_status collect_result(void *ctx, const gm_pool_result *result,
                                gm_error *err)
{
    extract_run *run = ctx;
    gm_status st = gm_collect_article(
        run->collector, result->article, result->mentions,
        (run->layers & GM_LAYER_MENTIONS) ? write_mention : NULL, run, err);
    if (st == GM_OK)
        st = gm_collect_events(
            run->collector, result->article, &result->worker->events,
            (run->layers & GM_LAYER_EVENTS) ? write_event : NULL, run, err);
    if (st == GM_OK)
        run->mapped++;
    return st;
}

/* Is the record of this id in the shard this run keeps (--shard K/N)?
 * A rejected record without an id (a line that is no JSON) belongs to
 * shard 1, so that exactly one shard reports it. */
static bool in_shard(const extract_run *run, const char *id, bool has_id)
{
    if (run->shard_n == 0)
        return true;
    if (!has_id)
        return run->shard_k == 1;
    return gm_merge_shard_of(id, strlen(id), run->shard_n) ==
           run->shard_k - 1;
}

/* Counts, prints and keeps (--rejects) the record the reader just
 * rejected; reader NULL: the input path could not be opened. */
static void reject(extract_run *run, gm_reader *reader, const char *path,
                   const gm_error *err)
{
    if (!reader) {
        gm_diag_reject(&run->diag, err, "unreadable file", path,
                       strlen(path));
        return;
    }
    gm_io_reject rej;
    gm_io_last_reject(reader, &rej);
    gm_diag_reject(&run->diag, err, rej.reason, rej.record, rej.record_len);
}

/* Reads one input to its end. GM_OK, or the status that stops the run.
 * Every record read is mapped, rejected or left to another shard:
 * read = mapped + rejected + other_shards. */
static gm_status extract_input(extract_run *run, const char *path,
                               const gm_io_options *io, gm_pool *pool,
                               gm_error *err)
{
    gm_reader *reader;
    gm_status st = gm_io_open(path, io, &reader, err);
    if (st != GM_OK) {
        /* An input that cannot be opened is rejected; the others go on. */
        run->read++;
        reject(run, NULL, path, err);
        return GM_OK;
    }
    for (;;) {
        if (gm_cli_interrupted()) {
            st = interrupted(err);
            break;
        }
        const gm_article *article;
        st = gm_io_next(reader, &article, err);
        if (st != GM_OK && gm_cli_interrupted())
            continue; /* a read cut short by the signal: not the input's */
        if (st == GM_E_INPUT) {
            run->read++;
            if (!in_shard(run, err->article, err->article[0] != '\0')) {
                run->other_shards++;
                continue;
            }
            reject(run, reader, path, err);
            continue;
        }
        if (st != GM_OK) {
            run->read++;
            reject(run, reader, path, err);
            st = GM_OK; /* the rest of this input is lost, not the run */
            break;
        }
        if (!article)
            break;
        run->read++;
        if (!in_shard(run, article->id, true)) {
            run->other_shards++;
            continue;
        }
        st = gm_pool_submit(pool, article, err);
        if (st != GM_OK)
            break;
    }
    size_t articles, bytes;
    gm_io_repairs(reader, &articles, &bytes);
    run->repaired_articles += articles;
    run->repaired_bytes += bytes;
    gm_io_close(reader);
    return st;
}

/* What the command line says. */
typedef struct extract_args {
    const char **inputs;        /* argc bounds every list */
    size_t n_inputs;
    gm_cli_output out;          /* -o, -f, -t_srs, -lco, -dsco */
    const char *gazetteer, *layer_name;
    const char *rejects;        /* --rejects FILE, or NULL */
    gm_export_mode mode;
    bool mode_given;
    gm_io_options io;
    int min_zoom, max_zoom;     /* -1 when not given */
    bool quiet;
    unsigned layers;
    unsigned threads;           /* 0: one per processor */
    unsigned shard_k, shard_n;  /* --shard K/N; n 0 when not given */
} extract_args;

static void free_args(extract_args *a)
{
    free(a->inputs);
    gm_cli_output_free(&a->out);
}

/* Fills a from argv. -1 to go on, else the exit status (usage error or
 * --help), the message printed. */
static int parse_args(int argc, char **argv, extract_args *a)
{
    memset(a, 0, sizeof *a);
    a->inputs = calloc((size_t)argc + 1, sizeof *a->inputs);
    bool room = gm_cli_output_init(&a->out, argc);
    if (!a->inputs || !room) {
        fprintf(stderr, "geomap: out of memory\n");
        return GM_EXIT_FAILED;
    }
    a->min_zoom = a->max_zoom = -1;
    a->layers = GM_LAYER_PLACES | GM_LAYER_MENTIONS | GM_LAYER_EVENTS;
    gm_cli_parser parser;
    gm_cli_parser_init(&parser, "geomap extract", extract_options, argc,
                       argv);
    int opt;
    const char *value;
    while ((opt = gm_cli_next(&parser, &value)) != GM_CLI_END) {
        int taken = gm_cli_output_take(&a->out, &parser, opt, value);
        if (taken < 0)
            return GM_EXIT_USAGE;
        if (taken)
            continue;
        switch (opt) {
        case GM_CLI_ERROR: return GM_EXIT_USAGE;
        case GM_CLI_POSITIONAL: a->inputs[a->n_inputs++] = value; break;
        case OPT_NLN: a->layer_name = value; break;
        case OPT_OVERWRITE:
        case OPT_APPEND: {
            gm_export_mode m = opt == OPT_APPEND ? GM_EXPORT_APPEND
                                                 : GM_EXPORT_OVERWRITE;
            if (a->mode_given && m != a->mode) {
                gm_cli_usage_error(parser.command,
                                   "-append and -overwrite exclude each "
                                   "other");
                return GM_EXIT_USAGE;
            }
            a->mode = m;
            a->mode_given = true;
            break;
        }
        case OPT_GAZETTEER: a->gazetteer = value; break;
        case OPT_ID_FIELD: a->io.id_field = value; break;
        case OPT_TEXT_FIELD: a->io.text_field = value; break;
        case OPT_DATE_FIELD: a->io.date_field = value; break;
        case OPT_TITLE_FIELD: a->io.title_field = value; break;
        case OPT_LOSSY: a->io.lossy = true; break;
        case OPT_REJECTS: a->rejects = value; break;
        case OPT_QUIET: a->quiet = true; break;
        case OPT_JOBS: {
            char *end;
            errno = 0;
            unsigned long n = strtoul(value, &end, 10);
            if (errno || *end || n == 0 || n > GM_POOL_MAX_THREADS ||
                value[0] == '-') {
                gm_cli_usage_error(parser.command, "-j takes a number of "
                                   "threads from 1 to %d, not '%s'",
                                   GM_POOL_MAX_THREADS, value);
                return GM_EXIT_USAGE;
            }
            a->threads = (unsigned)n;
            break;
        }
        case OPT_HELP: print_help(); return GM_EXIT_OK;
        case OPT_LAYERS:
            if (!parse_layers(value, &a->layers)) {
                gm_cli_usage_error(parser.command,
                                   "--layers takes places, mentions and "
                                   "events, comma-separated, not '%s'", value);
                return GM_EXIT_USAGE;
            }
            break;
        case OPT_INPUT_FORMAT:
            if (!parse_input_format(value, &a->io.format)) {
                gm_cli_usage_error(parser.command,
                                   "--input-format takes jsonl, text, html "
                                   "or csv, not '%s'", value);
                return GM_EXIT_USAGE;
            }
            break;
        case OPT_MAX_BYTES: {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(value, &end, 10);
            if (errno || *end || n == 0 || value[0] == '-') {
                gm_cli_usage_error(parser.command,
                                   "--max-article-bytes takes a positive "
                                   "number, not '%s'", value);
                return GM_EXIT_USAGE;
            }
            a->io.max_article_bytes = (size_t)n;
            break;
        }
        case OPT_SHARD:
            if (!parse_shard(value, &a->shard_k, &a->shard_n)) {
                gm_cli_usage_error(parser.command,
                                   "--shard takes K/N, 1 <= K <= N <= %d, "
                                   "not '%s'", GM_MERGE_MAX_SHARDS, value);
                return GM_EXIT_USAGE;
            }
            break;
        case OPT_MINZOOM:
        case OPT_MAXZOOM:
            if (!parse_zoom(value, opt == OPT_MINZOOM ? &a->min_zoom
                                                      : &a->max_zoom)) {
                gm_cli_usage_error(parser.command,
                                   "%s takes a zoom level from 0 to %d, "
                                   "not '%s'",
                                   opt == OPT_MINZOOM ? "--minzoom"
                                                      : "--maxzoom",
                                   GM_EXPORT_ZOOM_MAX, value);
                return GM_EXIT_USAGE;
            }
            break;
        }
    }
    if (a->n_inputs == 0 || !a->out.path) {
        gm_cli_usage_error(parser.command, a->n_inputs == 0
                                               ? "no INPUT given"
                                               : "no output given (-o OUT)");
        return GM_EXIT_USAGE;
    }
    if (a->shard_n && a->mode == GM_EXPORT_APPEND) {
        /* A shard's output is one run, as its manifest counts it. */
        gm_cli_usage_error(parser.command, "--shard and -append exclude "
                           "each other");
        return GM_EXIT_USAGE;
    }
    if (strcmp(a->out.path, "-") == 0) {
        /* One layer of GeoJSONSeq: features of several layers in one
         * stream could not be told apart. */
        if (a->out.format && !gm_ascii_eq(a->out.format, "GeoJSONSeq")) {
            gm_cli_usage_error(parser.command, "-o - writes GeoJSONSeq "
                               "only, not %s", a->out.format);
            return GM_EXIT_USAGE;
        }
        if (a->layers != GM_LAYER_PLACES && a->layers != GM_LAYER_MENTIONS &&
            a->layers != GM_LAYER_EVENTS) {
            gm_cli_usage_error(parser.command, "-o - writes one layer: add "
                               "--layers mentions, events or places");
            return GM_EXIT_USAGE;
        }
        if (a->mode == GM_EXPORT_APPEND) {
            gm_cli_usage_error(parser.command, "-o - cannot -append");
            return GM_EXIT_USAGE;
        }
        a->out.format = "GeoJSONSeq";
    }
    return -1;
}

/* The exporter's options for a. */
static gm_export_options export_options(const extract_args *a,
                                        extract_run *run)
{
    gm_export_options ex = {
        .layers = a->layers,
        .diag = gm_diag_warning,
        .diag_ctx = &run->diag,
        .layer_name = a->layer_name,
        .mode = a->mode,
        .to_stdout = strcmp(a->out.path, "-") == 0,
        .zoom_set = a->min_zoom >= 0 || a->max_zoom >= 0,
        .min_zoom = a->min_zoom >= 0 ? a->min_zoom
                                     : GM_EXPORT_MINZOOM_DEFAULT,
        /* --minzoom alone over the default maximum raises it too. */
        .max_zoom = a->max_zoom >= 0 ? a->max_zoom
                    : a->min_zoom > GM_EXPORT_MAXZOOM_DEFAULT
                        ? a->min_zoom
                        : GM_EXPORT_MAXZOOM_DEFAULT,
    };
    gm_cli_output_apply(&a->out, &ex);
    return ex;
}

int gm_cli_extract(int argc, char **argv)
{
    extract_args args;
    int parsed = parse_args(argc, argv, &args);
    if (parsed >= 0) {
        free_args(&args);
        return parsed;
    }
    extract_run run;
    memset(&run, 0, sizeof run);
    run.layers = args.layers;
    run.diag.quiet = args.quiet;
    run.shard_k = args.shard_k;
    run.shard_n = args.shard_n;

    gm_gaz *gaz = gm_cli_open_gazetteer(args.gazetteer, run.diag.quiet);
    if (!gaz) {
        free_args(&args);
        return GM_EXIT_FAILED;
    }
    gm_error err;
    gm_err_clear(&err);
    gm_cli_signals_install();
    gm_export_options ex = export_options(&args, &run);
    bool to_stdout = ex.to_stdout;
    gm_status st = GM_OK;
    if (args.rejects)
        st = gm_diag_rejects_open(&run.diag, args.rejects, &err);
    if (st == GM_OK) {
        st = gm_export_open(&ex, &run.out, &err);
        if (st != GM_OK)
            gm_diag_rejects_abort(&run.diag);
    }
    if (st != GM_OK) {
        gm_cli_signals_restore();
        gm_diag_error(&err);
        gm_gaz_close(gaz);
        free_args(&args);
        return st == GM_E_USAGE ? GM_EXIT_USAGE : GM_EXIT_FAILED;
    }

    gm_collector *collector = gm_collect_new(gaz);
    run.collector = collector;
    gm_pool_options po = { args.threads, 0, collect_result, &run };
    gm_pool *pool = NULL;
    st = gm_pool_open(gaz, &po, &pool, &err);
    for (size_t i = 0; i < args.n_inputs && st == GM_OK; i++)
        st = extract_input(&run, args.inputs[i], &args.io, pool, &err);
    if (st == GM_OK)
        st = gm_pool_finish(pool, &err);
    gm_pool_close(pool);
    if (st == GM_OK && (run.layers & GM_LAYER_PLACES))
        st = gm_collect_places(collector, write_place, &run, &err);
    if (st == GM_OK && gm_cli_interrupted())
        st = interrupted(&err);
    /* An output being replaced loses its shard manifest first: should the
     * run stop between the rename and the new manifest, the merge sees the
     * shard as missing, never as an older complete one. */
    if (st == GM_OK && !to_stdout)
        st = gm_merge_manifest_remove(args.out.path, &err);
    /* The rejects file is complete before the output is committed, and
     * renamed into place after it. */
    if (st == GM_OK)
        st = gm_diag_rejects_close(&run.diag, &err);
    if (st == GM_OK)
        st = gm_export_commit(run.out, &err);
    else
        gm_export_abort(run.out);
    if (st == GM_OK)
        st = gm_diag_rejects_commit(&run.diag, &err);
    gm_diag_rejects_abort(&run.diag);
    if (st == GM_OK && run.shard_n && !to_stdout) {
        gm_merge_manifest m = {
            run.shard_k, run.shard_n, run.layers, run.read, run.mapped,
            run.diag.rejected, run.other_shards,
            gm_collect_mention_count(collector),
            gm_collect_place_count(collector),
            gm_collect_event_count(collector) };
        st = gm_merge_manifest_write(args.out.path, &m, &err);
    }
    gm_cli_signals_restore();
    gm_diag_finish(&run.diag);
    const char *first_duplicate;
    size_t duplicates = gm_collect_duplicate_ids(collector, &first_duplicate);
    if (duplicates && !run.diag.quiet)
        fprintf(stderr, "geomap: warning: %zu articles have the id of an "
                "earlier one (kept); the first: %s\n", duplicates,
                first_duplicate);
    if (run.skipped > MAX_SKIPS_SHOWN && !run.diag.quiet)
        fprintf(stderr, "geomap: warning: %zu records skipped in all (no "
                "coordinates in the output's SRS)\n", run.skipped);

    int status = GM_EXIT_OK;
    if (st != GM_OK) {
        gm_diag_error(&err);
        status = GM_EXIT_FAILED;
    } else {
        if (!run.diag.quiet && run.shard_n)
            fprintf(stderr, "geomap: shard %u/%u: %zu of the records read "
                    "left to other shards\n", run.shard_k, run.shard_n,
                    run.other_shards);
        if (!run.diag.quiet && run.repaired_articles)
            fprintf(stderr, "geomap: %zu articles had invalid UTF-8: %zu "
                    "bytes replaced by U+FFFD (--lossy)\n",
                    run.repaired_articles, run.repaired_bytes);
        char why[1024];
        gm_diag_reasons(&run.diag, why, sizeof why);
        if (!run.diag.quiet)
            fprintf(stderr,
                    "geomap: %zu articles read, %zu mapped, %zu rejected%s%s%s; "
                    "found %zu mentions of %zu places and %zu events; "
                    "layers written to %s\n",
                    run.read, run.mapped, run.diag.rejected,
                    *why ? " (" : "", why, *why ? ")" : "",
                    gm_collect_mention_count(collector),
                    gm_collect_place_count(collector),
                    gm_collect_event_count(collector),
                    to_stdout ? "standard output" : args.out.path);
        if (run.diag.rejected)
            status = GM_EXIT_REJECTED;
    }
    gm_collect_free(collector);
    gm_gaz_close(gaz);
    free_args(&args);
    return status;
}
