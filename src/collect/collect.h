/* The collector: receives each article's mentions in input order, turns
 * them into output records (code-point offsets, copied strings) for the
 * mentions layer as they come, and aggregates the places layer (mention and
 * article counts, first and last dates), which it hands out at the end in
 * order of first mention. Memory grows with the number of distinct places,
 * not with the input. Not thread-safe: one collector, fed in order. */
#ifndef GM_COLLECT_COLLECT_H
#define GM_COLLECT_COLLECT_H

#include <stddef.h>

#include "collect/records.h"
#include "core/error.h"
#include "gazetteer/gaz.h"
#include "io/reader.h"
#include "events/events.h"
#include "resolve/resolve.h"

typedef struct gm_collector gm_collector;

/* Receives a record; the record is borrowed for the call. A status other
 * than GM_OK stops the run. */
typedef gm_status (*gm_mention_sink)(void *ctx, const gm_mention_rec *rec,
                                     gm_error *err);
typedef gm_status (*gm_place_sink)(void *ctx, const gm_place_rec *rec,
                                   gm_error *err);
typedef gm_status (*gm_event_sink)(void *ctx, const gm_event_rec *rec,
                                   gm_error *err);

/* Owned: gm_collect_free. */
gm_collector *gm_collect_new(const gm_gaz *gaz);
void gm_collect_free(gm_collector *c);

/* Adds one article's mentions (sorted by offset, as the resolver returns
 * them) and passes each to sink (which may be NULL when the mentions layer
 * is not wanted). */
gm_status gm_collect_article(gm_collector *c, const gm_article *article,
                             const gm_mention_list *mentions,
                             gm_mention_sink sink, void *ctx, gm_error *err);

/* Turns one article's events into records (dates from the article's date
 * and the event's time expression, code-point offsets, place names) and
 * passes each to sink, in text order. Counts them for the summary. */
gm_status gm_collect_events(gm_collector *c, const gm_article *article,
                            const gm_event_list *events, gm_event_sink sink,
                            void *ctx, gm_error *err);

/* Hands every place mentioned so far to sink, in order of first mention. */
gm_status gm_collect_places(const gm_collector *c, gm_place_sink sink,
                            void *ctx, gm_error *err);

/* Totals for the run summary. */
size_t gm_collect_place_count(const gm_collector *c);
size_t gm_collect_mention_count(const gm_collector *c);
size_t gm_collect_event_count(const gm_collector *c);

/* Articles whose id an earlier article had (they are kept); *first gets
 * "ID (FILE:LINE)" of the first such article, borrowed, "" when none. */
size_t gm_collect_duplicate_ids(const gm_collector *c, const char **first);

#endif
