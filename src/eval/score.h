/* Scoring a geoparser against gold toponyms, as geomap eval reports it:
 * recognition precision, recall and F1 on exact spans, and, over the
 * correctly recognised toponyms, accuracy within 161 km, the AUC of the
 * error curve (mean of ln(1 + km) / ln(20039), Gritta et al. 2018), mean
 * and median error. A prediction on a gold span that has no coordinates
 * ("ungeocoded") is neither credited nor counted against precision.
 * Spans are code-point offsets, end exclusive. Not thread-safe. */
#ifndef GM_EVAL_SCORE_H
#define GM_EVAL_SCORE_H

#include <stddef.h>
#include <stdint.h>

typedef struct gm_eval_gold {
    int64_t start, end;
    double lat, lon;      /* NAN for an ungeocoded span */
} gm_eval_gold;

typedef struct gm_eval_pred {
    int64_t start, end;
    double lat, lon;
} gm_eval_pred;

/* What happened to one span, for --errors. */
typedef enum gm_eval_outcome {
    GM_EVAL_CORRECT,      /* recognised, within 161 km */
    GM_EVAL_FAR,          /* recognised, more than 161 km off */
    GM_EVAL_MISSED,       /* gold span not predicted */
    GM_EVAL_SPURIOUS,     /* predicted span not in the gold */
    GM_EVAL_UNGEOCODED    /* predicted on a gold span without coordinates */
} gm_eval_outcome;

typedef struct gm_eval_figures {
    size_t gold, predicted, matched;   /* geocoded gold spans; counted
                                          predictions; exact matches */
    double precision, recall, f1;
    double acc161, auc, mean_km, median_km;
} gm_eval_figures;

typedef struct gm_eval gm_eval;

/* Called for each gold and predicted span with its outcome; index is the
 * position in the gold (MISSED, CORRECT, FAR, UNGEOCODED) or predicted
 * (SPURIOUS) array, km the error (NAN when not applicable). */
typedef void (*gm_eval_report_fn)(void *ctx, gm_eval_outcome outcome,
                                  size_t index, double km);

/* Owned: gm_eval_free. */
gm_eval *gm_eval_new(void);
void gm_eval_free(gm_eval *ev);

/* Scores one article. Arrays need not be sorted. report may be NULL. */
void gm_eval_article(gm_eval *ev, const gm_eval_gold *gold, size_t n_gold,
                     const gm_eval_pred *pred, size_t n_pred,
                     gm_eval_report_fn report, void *ctx);

/* The figures so far. */
void gm_eval_figures_get(const gm_eval *ev, gm_eval_figures *out);

#endif
