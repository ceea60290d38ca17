/* geomap eval GOLD.jsonl: runs the same per-article pipeline as extract
 * (gm_worker) on a gold corpus (format: id, text, toponyms[], ungeocoded[],
 * offsets in code points) and prints recognition and resolution figures. */
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
#include "eval/score.h"
#include "text/utf8.h"

enum { E_GAZETTEER = 1, E_JSON, E_ERRORS, E_QUIET, E_HELP };
static const gm_cli_opt eval_options[] = {
    { E_GAZETTEER, NULL, "--gazetteer", "FILE", "compiled gazetteer" },
    { E_JSON, NULL, "--json", NULL, "print the figures as JSON" },
    { E_ERRORS, NULL, "--errors", "FILE",
      "write every missed, spurious and far-off toponym with its context" },
    { E_QUIET, "-q", "--quiet", NULL, "print errors only" },
    { E_HELP, "-h", "--help", NULL, "show this help" },
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

int gm_cli_eval(int argc, char **argv)
{
    gm_cli_parser p;
    gm_cli_parser_init(&p, "geomap eval", eval_options, argc, argv);
    const char *gold_path = NULL, *gazetteer = NULL, *errors_path = NULL, *v;
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
        case E_JSON: json = true; break;
        case E_ERRORS: errors_path = v; break;
        case E_QUIET: quiet = true; break;
        case E_HELP:
            printf("Usage: geomap eval GOLD.jsonl [options]\n\n"
                   "Runs the pipeline on a gold corpus (one article a line: "
                   "id, text,\ntoponyms with start, end, lat, lon; "
                   "ungeocoded spans) and prints\nrecognition precision, "
                   "recall and F1 and resolution accuracy within 161 km,\n"
                   "AUC, mean and median error.\n\nOptions:\n");
            gm_cli_print_options(stdout, eval_options);
            return GM_EXIT_OK;
        }
    }
    if (!gold_path) {
        gm_cli_usage_error(p.command, "no GOLD file given");
        return GM_EXIT_USAGE;
    }
    FILE *in = fopen(gold_path, "r");
    if (!in) {
        fprintf(stderr, "geomap: %s: cannot open: %s\n", gold_path,
                strerror(errno));
        return GM_EXIT_FAILED;
    }
    FILE *errors = NULL;
    if (errors_path && !(errors = fopen(errors_path, "w"))) {
        fprintf(stderr, "geomap: %s: cannot create: %s\n", errors_path,
                strerror(errno));
        fclose(in);
        return GM_EXIT_FAILED;
    }
    gm_gaz *gaz = gm_cli_open_gazetteer(gazetteer, quiet || json);
    if (!gaz) {
        fclose(in);
        if (errors)
            fclose(errors);
        return GM_EXIT_FAILED;
    }
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
    fclose(in);
    int status = rejected ? GM_EXIT_REJECTED : GM_EXIT_OK;
    if (errors && fclose(errors) != 0) {
        fprintf(stderr, "geomap: %s: write error\n", errors_path);
        status = GM_EXIT_FAILED;
    }

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
