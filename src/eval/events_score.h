/* Scoring event → location attachment, as geomap eval --events reports
 * it: for each example (a sentence, a trigger, the gold location spans of
 * its event, possibly none), the predicted spans are compared with the
 * gold ones; precision, recall and F1 are over spans, pooled over all
 * examples. Spans are compared after stripping punctuation at both ends
 * of each (the gold keeps some: "Algiers,", "‘Ayn ‘Issa"), by exact
 * equality of the stripped spans. Also: how often an event that the
 * sentence gives no location is left unplaced. Spans are code-point
 * offsets, end exclusive. Not thread-safe. */
#ifndef GM_EVAL_EVENTS_SCORE_H
#define GM_EVAL_EVENTS_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct gm_eval_span {
    int64_t start, end;
} gm_eval_span;

typedef struct gm_eval_events_figures {
    size_t examples;
    size_t gold, predicted, matched;   /* spans */
    double precision, recall, f1;
    size_t no_location;                /* examples whose gold is empty */
    size_t left_unplaced;              /* ... of which nothing predicted */
    double unplaced_rate;              /* left_unplaced / no_location */
    size_t with_location;              /* examples with gold spans */
    size_t any_correct;                /* ... with a predicted gold span */
} gm_eval_events_figures;

typedef struct gm_eval_events gm_eval_events;

/* Owned: gm_eval_events_free (accepts NULL). */
gm_eval_events *gm_eval_events_new(void);
void gm_eval_events_free(gm_eval_events *ev);

/* Strips punctuation and white space at both ends of span s of a text
 * given as code points (cp[0..n_cp)); an empty result stays empty. */
void gm_eval_span_strip(const int32_t *cp, size_t n_cp, gm_eval_span *s);

/* Scores one example with spans already stripped; returns how many
 * predicted spans are gold ones. Duplicates in pred count once. */
size_t gm_eval_events_example(gm_eval_events *ev, const gm_eval_span *gold,
                              size_t n_gold, const gm_eval_span *pred,
                              size_t n_pred);

/* Whether span s is among the n spans of set. */
bool gm_eval_span_in(const gm_eval_span *s, const gm_eval_span *set,
                     size_t n);

void gm_eval_events_figures_get(const gm_eval_events *ev,
                                gm_eval_events_figures *out);

#endif
