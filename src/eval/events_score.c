/* Event → location scoring: span sets per example, pooled counts. */
#include "eval/events_score.h"

#include <stdlib.h>

#include <utf8proc.h>

#include "core/alloc.h"

struct gm_eval_events {
    gm_eval_events_figures f;
};

gm_eval_events *gm_eval_events_new(void)
{
    return gm_xcalloc(1, sizeof(gm_eval_events));
}

void gm_eval_events_free(gm_eval_events *ev)
{
    free(ev);
}

/* Punctuation (P*), white space (Z*), controls and format characters. */
static bool strippable(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    switch (c) {
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
        return true;
    default:
        return false;
    }
}

void gm_eval_span_strip(const int32_t *cp, size_t n_cp, gm_eval_span *s)
{
    if (s->start < 0)
        s->start = 0;
    if (s->end > (int64_t)n_cp)
        s->end = (int64_t)n_cp;
    while (s->start < s->end && strippable(cp[s->start]))
        s->start++;
    while (s->end > s->start && strippable(cp[s->end - 1]))
        s->end--;
}

bool gm_eval_span_in(const gm_eval_span *s, const gm_eval_span *set,
                     size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i].start == s->start && set[i].end == s->end)
            return true;
    return false;
}

size_t gm_eval_events_example(gm_eval_events *ev, const gm_eval_span *gold,
                              size_t n_gold, const gm_eval_span *pred,
                              size_t n_pred)
{
    gm_eval_events_figures *f = &ev->f;
    f->examples++;
    size_t distinct_gold = 0, distinct_pred = 0, matched = 0;
    for (size_t i = 0; i < n_gold; i++)
        if (!gm_eval_span_in(&gold[i], gold, i))
            distinct_gold++;
    for (size_t i = 0; i < n_pred; i++) {
        if (gm_eval_span_in(&pred[i], pred, i))
            continue;
        distinct_pred++;
        if (gm_eval_span_in(&pred[i], gold, n_gold))
            matched++;
    }
    f->gold += distinct_gold;
    f->predicted += distinct_pred;
    f->matched += matched;
    if (distinct_gold == 0) {
        f->no_location++;
        if (distinct_pred == 0)
            f->left_unplaced++;
    } else {
        f->with_location++;
        if (matched > 0)
            f->any_correct++;
    }
    return matched;
}

void gm_eval_events_figures_get(const gm_eval_events *ev,
                                gm_eval_events_figures *out)
{
    *out = ev->f;
    out->precision =
        out->predicted ? (double)out->matched / (double)out->predicted : 0;
    out->recall = out->gold ? (double)out->matched / (double)out->gold : 0;
    out->f1 = out->precision + out->recall > 0
                  ? 2 * out->precision * out->recall /
                        (out->precision + out->recall)
                  : 0;
    out->unplaced_rate = out->no_location ? (double)out->left_unplaced /
                                                (double)out->no_location
                                          : 0;
}
