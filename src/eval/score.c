/* Evaluation figures: span matching and error statistics. */
#include "eval/score.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "gazetteer/gaz.h"

#define ACC_KM 161.0
#define MAX_ERROR_KM 20039.0 /* half the Earth's circumference */

struct gm_eval {
    size_t gold, predicted, matched;
    double *errors_km;
    size_t n_errors, cap_errors;
};

gm_eval *gm_eval_new(void)
{
    return gm_xcalloc(1, sizeof(gm_eval));
}

void gm_eval_free(gm_eval *ev)
{
    if (!ev)
        return;
    free(ev->errors_km);
    free(ev);
}

void gm_eval_article(gm_eval *ev, const gm_eval_gold *gold, size_t n_gold,
                     const gm_eval_pred *pred, size_t n_pred,
                     gm_eval_report_fn report, void *ctx)
{
    bool *gold_hit = gm_xcalloc(n_gold ? n_gold : 1, sizeof *gold_hit);
    for (size_t g = 0; g < n_gold; g++)
        if (!isnan(gold[g].lat))
            ev->gold++;
    for (size_t p = 0; p < n_pred; p++) {
        size_t g = 0;
        while (g < n_gold && (gold[g].start != pred[p].start ||
                              gold[g].end != pred[p].end))
            g++;
        if (g < n_gold && isnan(gold[g].lat)) {
            gold_hit[g] = true; /* neither credited nor counted */
            if (report)
                report(ctx, GM_EVAL_UNGEOCODED, g, NAN);
            continue;
        }
        ev->predicted++;
        if (g == n_gold || gold_hit[g]) {
            if (report)
                report(ctx, GM_EVAL_SPURIOUS, p, NAN);
            continue;
        }
        gold_hit[g] = true;
        ev->matched++;
        double km = gm_gaz_distance_km(gold[g].lat, gold[g].lon, pred[p].lat,
                                        pred[p].lon);
        gm_xgrow((void **)&ev->errors_km, &ev->cap_errors, ev->n_errors + 1,
                 sizeof *ev->errors_km);
        ev->errors_km[ev->n_errors++] = km;
        if (report)
            report(ctx, km <= ACC_KM ? GM_EVAL_CORRECT : GM_EVAL_FAR, g, km);
    }
    for (size_t g = 0; g < n_gold; g++)
        if (!gold_hit[g] && !isnan(gold[g].lat) && report)
            report(ctx, GM_EVAL_MISSED, g, NAN);
    free(gold_hit);
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void gm_eval_figures_get(const gm_eval *ev, gm_eval_figures *out)
{
    out->gold = ev->gold;
    out->predicted = ev->predicted;
    out->matched = ev->matched;
    out->precision = ev->predicted ? (double)ev->matched / ev->predicted : 0;
    out->recall = ev->gold ? (double)ev->matched / ev->gold : 0;
    out->f1 = out->precision + out->recall > 0
                  ? 2 * out->precision * out->recall /
                        (out->precision + out->recall)
                  : 0;
    size_t n = ev->n_errors, within = 0;
    double sum = 0, auc = 0;
    for (size_t i = 0; i < n; i++) {
        double km = ev->errors_km[i];
        within += km <= ACC_KM;
        sum += km;
        auc += log(1 + km) / log(MAX_ERROR_KM);
    }
    out->acc161 = n ? (double)within / n : 0;
    out->auc = n ? auc / n : 0;
    out->mean_km = n ? sum / n : 0;
    out->median_km = 0;
    if (n) {
        double *sorted = gm_xmalloc(n * sizeof *sorted);
        for (size_t i = 0; i < n; i++)
            sorted[i] = ev->errors_km[i];
        qsort(sorted, n, sizeof *sorted, compare_double);
        out->median_km =
            n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        free(sorted);
    }
}
