/* geomap eval GOLD.jsonl: runs the same per-article pipeline as extract
 * (gm_worker) on a gold corpus (format: id, text, toponyms[], ungeocoded[],
 * offsets in code points) and prints recognition and resolution figures.
 * geomap eval --events FILE: the same pipeline on event examples (id, text,
 * trigger {start, end}, locations [{start, end}], extra.gold_standard),
 * the location attached to each given trigger (gm_event_attach), and the
 * attachment figures (eval/events_score.h). */
#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "cli/cli.h"
#include "cli/diag.h"
#include "cli/opts.h"
#include "collect/worker.h"
#include "core/alloc.h"
#include "eval/events_score.h"
#include "eval/score.h"
#include "events/events.h"
#include "text/utf8.h"

enum { E_GAZETTEER = 1, E_EVENTS, E_JSON, E_ERRORS, E_QUIET, E_HELP };
static const gm_cli_opt eval_options[] = {
    { E_GAZETTEER, NULL, "--gazetteer", "FILE", "compiled gazetteer" },
    { E_EVENTS, NULL, "--events", "FILE",
      "score event → location attachment on FILE instead" },
    { E_JSON, NULL, "--json", NULL, "print the figures as JSON" },
    { E_ERRORS, NULL, "--errors", "FILE",
      "write every missed, spurious and far-off toponym with its context" },
    GM_CLI_QUIET_OPTION(E_QUIET),
    GM_CLI_HELP_OPTION(E_HELP),
    { 0, NULL, NULL, NULL, NULL }
};

/* One article's view for the error report. */
typedef struct eval_article {
    const char *id;
    const char *text;
    uint32_t *cp_to_byte;   /* byte offset of each code point, and the end */
    size_t n_cp;
    const gm_eval_gold *gold;
    const gm_eval_pred *pred;
    const char *const *pred_names;
    FILE *errors;
} eval_article;

static void print_span(FILE *f, const eval_article *a, int64_t start,
                       int64_t end)
{
    if (start < 0 || end > (int64_t)a->n_cp || start > end)
        return;
    int64_t from = start > 40 ? start - 40 : 0;
    int64_t to = end + 40 < (int64_t)a->n_cp ? end + 40 : (int64_t)a->n_cp;
    const char *t = a->text;
    fprintf(f, "\t%.*s[%.*s]%.*s",
            (int)(a->cp_to_byte[start] - a->cp_to_byte[from]),
            t + a->cp_to_byte[from],
            (int)(a->cp_to_byte[end] - a->cp_to_byte[start]),
            t + a->cp_to_byte[start],
            (int)(a->cp_to_byte[to] - a->cp_to_byte[end]),
            t + a->cp_to_byte[end]);
}

static void report(void *ctx, gm_eval_outcome outcome, size_t index,
                   double km)
{
    const eval_article *a = ctx;
    static const char *const names[] = { "correct", "far", "missed",
                                         "spurious", "ungeocoded" };
    if (outcome == GM_EVAL_CORRECT || outcome == GM_EVAL_UNGEOCODED)
        return;
    FILE *f = a->errors;
    if (outcome == GM_EVAL_SPURIOUS) {
        const gm_eval_pred *p = &a->pred[index];
        fprintf(f, "%s\t%s\t%lld\t%lld\tpredicted %s (%.4f %.4f)",
                names[outcome], a->id, (long long)p->start, (long long)p->end,
                a->pred_names[index], p->lat, p->lon);
        print_span(f, a, p->start, p->end);
    } else {
        const gm_eval_gold *g = &a->gold[index];
        fprintf(f, "%s\t%s\t%lld\t%lld\tgold (%.4f %.4f)", names[outcome],
                a->id, (long long)g->start, (long long)g->end, g->lat,
                g->lon);
        if (outcome == GM_EVAL_FAR)
            fprintf(f, " off by %.0f km", km);
        print_span(f, a, g->start, g->end);
    }
    fputc('\n', f);
}

static bool get_int(json_object *o, const char *key, int64_t *out)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) ||
        !json_object_is_type(v, json_type_int))
        return false;
    *out = json_object_get_int64(v);
    return true;
}

static double get_double(json_object *o, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) ||
        !(json_object_is_type(v, json_type_double) ||
          json_object_is_type(v, json_type_int)))
        return NAN;
    return json_object_get_double(v);
}

/* Appends the spans of a gold array; geocoded chooses lat/lon or NAN. */
static bool read_gold(json_object *article, const char *key, bool geocoded,
                      gm_eval_gold **gold, size_t *n, size_t *cap)
{
    json_object *arr;
    if (!json_object_object_get_ex(article, key, &arr))
        return !geocoded; /* "ungeocoded" may be absent */
    if (!json_object_is_type(arr, json_type_array))
        return false;
    for (size_t i = 0; i < json_object_array_length(arr); i++) {
        json_object *t = json_object_array_get_idx(arr, i);
        gm_eval_gold g;
        if (!get_int(t, "start", &g.start) || !get_int(t, "end", &g.end))
            return false;
        g.lat = geocoded ? get_double(t, "lat") : NAN;
        g.lon = geocoded ? get_double(t, "lon") : NAN;
        if (geocoded && (isnan(g.lat) || isnan(g.lon)))
            return false;
        gm_xgrow((void **)gold, cap, *n + 1, sizeof **gold);
        (*gold)[(*n)++] = g;
    }
    return true;
}

/* ---- geomap eval --events ------------------------------------------- */

/* Code points of a text and the byte offset of each (and of the end). */
typedef struct cp_map {
    int32_t *cp;
    uint32_t *byte;
    size_t n, cap_cp, cap_byte;
} cp_map;

static void map_text(cp_map *m, const char *text, size_t len)
{
    m->n = 0;
    for (size_t b = 0; b < len;) {
        gm_xgrow((void **)&m->cp, &m->cap_cp, m->n + 1, sizeof *m->cp);
        gm_xgrow((void **)&m->byte, &m->cap_byte, m->n + 2, sizeof *m->byte);
        m->byte[m->n] = (uint32_t)b;
        b += gm_utf8_decode(text + b, len - b, &m->cp[m->n]);
        m->n++;
    }
    gm_xgrow((void **)&m->byte, &m->cap_byte, m->n + 1, sizeof *m->byte);
    m->byte[m->n] = (uint32_t)len;
}

/* The code point that starts at byte b (or the next one). */
static int64_t cp_of_byte(const cp_map *m, uint32_t b)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->byte[mid] < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int64_t)lo;
}

static bool get_span(json_object *o, gm_eval_span *s)
{
    return o && get_int(o, "start", &s->start) && get_int(o, "end", &s->end) &&
           s->start >= 0 && s->start <= s->end;
}

static void print_spans(FILE *f, const char *label, const char *text,
                        const cp_map *m, const gm_eval_span *v, size_t n)
{
    fprintf(f, "\t%s:", label);
    for (size_t i = 0; i < n; i++) {
        uint32_t a = m->byte[v[i].start], b = m->byte[v[i].end];
        fprintf(f, "%s\"%.*s\"", i ? ", " : " ", (int)(b - a), text + a);
    }
    if (n == 0)
        fputs(" none", f);
}

/* The example with the trigger in << >> and the gold spans in [[ ]]. */
static void print_marked(FILE *f, const char *text, const cp_map *m,
                         const gm_eval_span *trigger, const gm_eval_span *gold,
                         size_t n_gold)
{
    fputc('\t', f);
    for (size_t i = 0; i <= m->n; i++) {
        for (size_t g = 0; g < n_gold; g++)
            if (gold[g].end == (int64_t)i)
                fputs("]]", f);
        if ((int64_t)i == trigger->end)
            fputs(">>", f);
        if ((int64_t)i == trigger->start)
            fputs("<<", f);
        for (size_t g = 0; g < n_gold; g++)
            if (gold[g].start == (int64_t)i)
                fputs("[[", f);
        if (i < m->n)
            fwrite(text + m->byte[i], 1, m->byte[i + 1] - m->byte[i], f);
    }
}

static void print_figures(const char *label, const gm_eval_events_figures *f)
{
    printf("%-15s precision %.3f  recall %.3f  F1 %.3f  (%zu matched, %zu "
           "predicted, %zu gold spans)\n",
           label, f->precision, f->recall, f->f1, f->matched, f->predicted,
           f->gold);
    printf("%-15s %zu of %zu events without a stated location left unplaced "
           "(%.3f); %zu of %zu with one got a gold span\n",
           "", f->left_unplaced, f->no_location, f->unplaced_rate,
           f->any_correct, f->with_location);
}

static void json_figures(const char *name, const gm_eval_events_figures *f)
{
    printf("\"%s\": {\"examples\": %zu, \"gold\": %zu, \"predicted\": %zu, "
           "\"matched\": %zu, \"precision\": %.4f, \"recall\": %.4f, "
           "\"f1\": %.4f, \"no_location\": %zu, \"left_unplaced\": %zu, "
           "\"unplaced_rate\": %.4f}",
           name, f->examples, f->gold, f->predicted, f->matched, f->precision,
           f->recall, f->f1, f->no_location, f->left_unplaced,
           f->unplaced_rate);
}

/* Opens what both evaluations read and write: the gold file, the errors
 * file when asked (*errors NULL otherwise) and the gazetteer. Prints what
 * fails and returns false, with nothing left open. */
static bool open_eval_files(const char *gold_path, const char *errors_path,
                            const char *gazetteer, bool quiet, FILE **in,
                            FILE **errors, gm_gaz **gaz)
{
    *errors = NULL;
    *gaz = NULL;
    *in = fopen(gold_path, "r");
    if (!*in) {
        fprintf(stderr, "geomap: %s: cannot open: %s\n", gold_path,
                strerror(errno));
        return false;
    }
    if (errors_path && !(*errors = fopen(errors_path, "w"))) {
        fprintf(stderr, "geomap: %s: cannot create: %s\n", errors_path,
                strerror(errno));
        fclose(*in);
        return false;
    }
    *gaz = gm_cli_open_gazetteer(gazetteer, quiet);
    if (!*gaz) {
        fclose(*in);
        if (*errors)
            fclose(*errors);
        return false;
    }
    return true;
}

/* Closes the input and the errors file (NULL when none) at the end of a
 * run; returns the exit status: GM_EXIT_FAILED when the errors file could
 * not be written, else GM_EXIT_REJECTED when some input was rejected. */
static int close_eval_files(FILE *in, FILE *errors, const char *errors_path,
                            size_t rejected)
{
    fclose(in);
    int status = rejected ? GM_EXIT_REJECTED : GM_EXIT_OK;
    if (errors && fclose(errors) != 0) {
        fprintf(stderr, "geomap: %s: write error\n", errors_path);
        status = GM_EXIT_FAILED;
    }
    return status;
}

static int eval_events(const char *path, const char *gazetteer, bool json,
                       const char *errors_path, bool quiet)
{
    FILE *in, *errors;
    gm_gaz *gaz;
    if (!open_eval_files(path, errors_path, gazetteer, quiet || json, &in,
                         &errors, &gaz))
        return GM_EXIT_FAILED;
    gm_worker worker;
    gm_worker_init(&worker, gaz);
    gm_eval_events *all = gm_eval_events_new();
    gm_eval_events *relabelled = gm_eval_events_new();
    cp_map map = { 0 };
    gm_eval_span *gold = NULL, *pred = NULL;
    size_t gold_cap = 0, pred_cap = 0, examples = 0, rejected = 0;
    char *line = NULL;
    size_t line_cap = 0;
    long line_no = 0;
    ssize_t len;
    while ((len = getline(&line, &line_cap, in)) >= 0) {
        line_no++;
        if (len <= 1)
            continue;
        json_object *ex = json_tokener_parse(line);
        json_object *text_obj = NULL, *trigger_obj = NULL, *locs = NULL,
                    *id_obj = NULL, *extra = NULL, *gs = NULL;
        gm_eval_span trigger;
        bool ok = ex && json_object_object_get_ex(ex, "text", &text_obj) &&
                  json_object_is_type(text_obj, json_type_string) &&
                  json_object_object_get_ex(ex, "trigger", &trigger_obj) &&
                  get_span(trigger_obj, &trigger) &&
                  json_object_object_get_ex(ex, "locations", &locs) &&
                  json_object_is_type(locs, json_type_array);
        size_t n_gold = 0;
        for (size_t i = 0; ok && i < json_object_array_length(locs); i++) {
            gm_xgrow((void **)&gold, &gold_cap, n_gold + 1, sizeof *gold);
            ok = get_span(json_object_array_get_idx(locs, i), &gold[n_gold++]);
        }
        const char *text = ok ? json_object_get_string(text_obj) : "";
        size_t text_len = ok ? (size_t)json_object_get_string_len(text_obj) : 0;
        if (ok && !gm_utf8_validate(text, text_len, NULL)) {
            fprintf(stderr, "geomap: %s:%ld: text is not valid UTF-8\n", path,
                    line_no);
            ok = false;
        } else if (ok) {
            map_text(&map, text, text_len);
            ok = trigger.end <= (int64_t)map.n && trigger.start < trigger.end;
            for (size_t i = 0; ok && i < n_gold; i++)
                ok = gold[i].end <= (int64_t)map.n;
            if (!ok)
                fprintf(stderr, "geomap: %s:%ld: a span lies outside the "
                                "text\n", path, line_no);
        } else {
            fprintf(stderr, "geomap: %s:%ld: not an event example (needs "
                            "text, trigger and locations with start and "
                            "end)\n", path, line_no);
        }
        if (!ok) {
            rejected++;
            json_object_put(ex);
            continue;
        }
        examples++;
        json_object_object_get_ex(ex, "id", &id_obj);
        bool gold_standard =
            json_object_object_get_ex(ex, "extra", &extra) &&
            json_object_object_get_ex(extra, "gold_standard", &gs) &&
            json_object_get_boolean(gs);

        gm_worker_run(&worker, text, text_len);
        uint32_t off = map.byte[trigger.start];
        gm_event ev;
        size_t n_pred = 0;
        if (gm_event_attach(gaz, text, &worker.tokens, &worker.sentences,
                            &worker.spans, &worker.mentions, off,
                            map.byte[trigger.end] - off, &worker.arena,
                            &ev)) {
            gm_xgrow((void **)&pred, &pred_cap, ev.n_locs + 1, sizeof *pred);
            for (uint32_t i = 0; i < ev.n_locs; i++) {
                pred[n_pred].start = cp_of_byte(&map, ev.locs[i].off);
                pred[n_pred].end =
                    cp_of_byte(&map, ev.locs[i].off + ev.locs[i].len);
                n_pred++;
            }
        } else {
            memset(&ev, 0, sizeof ev);
        }
        for (size_t i = 0; i < n_gold; i++)
            gm_eval_span_strip(map.cp, map.n, &gold[i]);
        for (size_t i = 0; i < n_pred; i++)
            gm_eval_span_strip(map.cp, map.n, &pred[i]);
        size_t matched = gm_eval_events_example(all, gold, n_gold, pred,
                                                n_pred);
        if (gold_standard)
            gm_eval_events_example(relabelled, gold, n_gold, pred, n_pred);
        if (errors && (matched != n_pred || matched != n_gold)) {
            fprintf(errors, "%s\t%s\t%s",
                    id_obj ? json_object_get_string(id_obj) : "",
                    n_gold == 0 ? "spurious"
                    : matched == 0 ? (n_pred ? "wrong" : "missed")
                                   : "partial",
                    gm_event_reason_name(ev.reason));
            print_spans(errors, "gold", text, &map, gold, n_gold);
            print_spans(errors, "predicted", text, &map, pred, n_pred);
            print_marked(errors, text, &map, &trigger, gold, n_gold);
            fputc('\n', errors);
        }
        json_object_put(ex);
    }
    free(line);
    int status = close_eval_files(in, errors, errors_path, rejected);
    gm_eval_events_figures f, fg;
    gm_eval_events_figures_get(all, &f);
    gm_eval_events_figures_get(relabelled, &fg);
    if (json) {
        printf("{\"corpus\": \"%s\", \"spans\": \"punctuation stripped at "
               "both ends, then exact\", ", path);
        json_figures("all", &f);
        fputs(", ", stdout);
        json_figures("gold_standard", &fg);
        fputs("}\n", stdout);
    } else {
        printf("corpus:         %s (%zu examples, %zu gold_standard)\n",
               path, examples, fg.examples);
        printf("spans:          punctuation stripped at both ends of each "
               "span, then compared exactly\n");
        print_figures("all:", &f);
        print_figures("gold_standard:", &fg);
    }
    free(gold);
    free(pred);
    free(map.cp);
    free(map.byte);
    gm_eval_events_free(all);
    gm_eval_events_free(relabelled);
    gm_worker_free(&worker);
    gm_gaz_close(gaz);
    return status;
}

int gm_cli_eval(int argc, char **argv)
{
    gm_cli_parser p;
    gm_cli_parser_init(&p, "geomap eval", eval_options, argc, argv);
    const char *gold_path = NULL, *gazetteer = NULL, *errors_path = NULL, *v;
    const char *events_path = NULL;
    bool json = false, quiet = false;
    int opt;
    while ((opt = gm_cli_next(&p, &v)) != GM_CLI_END) {
        switch (opt) {
        case GM_CLI_ERROR: return GM_EXIT_USAGE;
        case GM_CLI_POSITIONAL:
            if (gold_path) {
                gm_cli_usage_error(p.command, "one GOLD file at a time");
                return GM_EXIT_USAGE;
            }
            gold_path = v;
            break;
        case E_GAZETTEER: gazetteer = v; break;
        case E_EVENTS: events_path = v; break;
        case E_JSON: json = true; break;
        case E_ERRORS: errors_path = v; break;
        case E_QUIET: quiet = true; break;
        case E_HELP:
            printf("Usage: geomap eval GOLD.jsonl [options]\n"
                   "       geomap eval --events FILE [options]\n\n"
                   "Runs the pipeline on a gold corpus (one article a line: "
                   "id, text,\ntoponyms with start, end, lat, lon; "
                   "ungeocoded spans) and prints\nrecognition precision, "
                   "recall and F1 and resolution accuracy within 161 km,\n"
                   "AUC, mean and median error.\n\n"
                   "With --events, FILE holds one example a line: id, text, "
                   "trigger {start, end},\nlocations [{start, end}] "
                   "(code points); geomap attaches a location to each\n"
                   "given trigger and prints precision, recall and F1 over "
                   "location spans\n(punctuation stripped at both ends of "
                   "each span, then compared exactly) and\nhow often an "
                   "event without a stated location is left unplaced.\n\n"
                   "Options:\n");
            gm_cli_print_options(stdout, eval_options);
            return GM_EXIT_OK;
        }
    }
    if (events_path && gold_path) {
        gm_cli_usage_error(p.command, "give either GOLD or --events FILE");
        return GM_EXIT_USAGE;
    }
    if (events_path)
        return eval_events(events_path, gazetteer, json, errors_path, quiet);
    if (!gold_path) {
        gm_cli_usage_error(p.command, "no GOLD file given");
        return GM_EXIT_USAGE;
    }
    FILE *in, *errors;
    gm_gaz *gaz;
    if (!open_eval_files(gold_path, errors_path, gazetteer, quiet || json,
                         &in, &errors, &gaz))
        return GM_EXIT_FAILED;
    gm_worker worker;
    gm_worker_init(&worker, gaz);
    gm_eval *ev = gm_eval_new();
    char *line = NULL;
    size_t line_cap = 0, articles = 0, rejected = 0;
    long line_no = 0;
    gm_eval_gold *gold = NULL;
    gm_eval_pred *pred = NULL;
    const char **pred_names = NULL;
    uint32_t *cp_to_byte = NULL;
    size_t gold_cap = 0, pred_cap = 0, names_cap = 0, cp_cap = 0;
    ssize_t len;
    while ((len = getline(&line, &line_cap, in)) >= 0) {
        line_no++;
        if (len <= 1)
            continue;
        json_object *article = json_tokener_parse(line);
        json_object *text_obj = NULL, *id_obj = NULL;
        size_t n_gold = 0;
        if (!article ||
            !json_object_object_get_ex(article, "text", &text_obj) ||
            !json_object_is_type(text_obj, json_type_string) ||
            !read_gold(article, "toponyms", true, &gold, &n_gold, &gold_cap) ||
            !read_gold(article, "ungeocoded", false, &gold, &n_gold,
                       &gold_cap)) {
            fprintf(stderr, "geomap: %s:%ld: not a gold article (needs text "
                            "and toponyms with start, end, lat, lon)\n",
                    gold_path, line_no);
            rejected++;
            json_object_put(article);
            continue;
        }
        json_object_object_get_ex(article, "id", &id_obj);
        const char *id = id_obj ? json_object_get_string(id_obj) : "";
        const char *text = json_object_get_string(text_obj);
        size_t text_len = (size_t)json_object_get_string_len(text_obj);
        if (!gm_utf8_validate(text, text_len, NULL)) {
            fprintf(stderr, "geomap: %s:%ld: text is not valid UTF-8\n",
                    gold_path, line_no);
            rejected++;
            json_object_put(article);
            continue;
        }
        articles++;
        gm_worker_run(&worker, text, text_len);

        /* code point → byte, for predictions and the error report */
        size_t n_cp = 0;
        for (size_t b = 0; b < text_len;) {
            gm_xgrow((void **)&cp_to_byte, &cp_cap, n_cp + 2,
                     sizeof *cp_to_byte);
            cp_to_byte[n_cp++] = (uint32_t)b;
            int32_t cp;
            b += gm_utf8_decode(text + b, text_len - b, &cp);
        }
        gm_xgrow((void **)&cp_to_byte, &cp_cap, n_cp + 1, sizeof *cp_to_byte);
        cp_to_byte[n_cp] = (uint32_t)text_len;

        size_t n_pred = worker.mentions.n;
        gm_xgrow((void **)&pred, &pred_cap, n_pred + 1, sizeof *pred);
        gm_xgrow((void **)&pred_names, &names_cap, n_pred + 1,
                 sizeof *pred_names);
        size_t cp = 0;
        for (size_t i = 0; i < n_pred; i++) {
            const gm_mention *m = &worker.mentions.v[i];
            while (cp < n_cp && cp_to_byte[cp] < m->off)
                cp++;
            size_t end = cp;
            while (end < n_cp && cp_to_byte[end] < m->off + m->len)
                end++;
            gm_place pl;
            gm_gaz_place(gaz, m->place, &pl);
            pred[i] = (gm_eval_pred){ (int64_t)cp, (int64_t)end, pl.lat,
                                      pl.lon };
            pred_names[i] = pl.name;
        }
        eval_article ctx = { id, text, cp_to_byte, n_cp, gold, pred,
                             pred_names, errors };
        gm_eval_article(ev, gold, n_gold, pred, n_pred,
                        errors ? report : NULL, &ctx);
        json_object_put(article);
    }
    free(line);
    int status = close_eval_files(in, errors, errors_path, rejected);

    gm_eval_figures f;
    gm_eval_figures_get(ev, &f);
    if (json) {
        printf("{\"corpus\": \"%s\", \"articles\": %zu, \"gold\": %zu, "
               "\"predicted\": %zu, \"matched\": %zu, \"precision\": %.4f, "
               "\"recall\": %.4f, \"f1\": %.4f, \"acc161\": %.4f, "
               "\"auc\": %.4f, \"mean_km\": %.1f, \"median_km\": %.1f}\n",
               gold_path, articles, f.gold, f.predicted, f.matched,
               f.precision, f.recall, f.f1, f.acc161, f.auc, f.mean_km,
               f.median_km);
    } else {
        printf("corpus:       %s (%zu articles)\n", gold_path, articles);
        printf("recognition:  precision %.3f  recall %.3f  F1 %.3f  "
               "(%zu matched, %zu predicted, %zu gold)\n",
               f.precision, f.recall, f.f1, f.matched, f.predicted, f.gold);
        printf("resolution:   acc@161km %.3f  AUC %.3f  mean %.0f km  "
               "median %.0f km  (over %zu recognised)\n",
               f.acc161, f.auc, f.mean_km, f.median_km, f.matched);
    }
    free(gold);
    free(pred);
    free(pred_names);
    free(cp_to_byte);
    gm_eval_free(ev);
    gm_worker_free(&worker);
    gm_gaz_close(gaz);
    return status;
}
