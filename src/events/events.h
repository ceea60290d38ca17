/* The events stage: what an article reports happening, and where. It finds
 * triggers (lexicon.h: "shelled", "agreed to a ceasefire", "took to the
 * streets") outside boilerplate (text/boilerplate.h), drops the negated
 * ones ("did not attack") and the hypothetical ones ("could attack",
 * "threatened to attack"), keeps reported speech with its source ("...,
 * the army said"), and places each event at the location the text ties to
 * its trigger, in this order of rules:
 *   locative  a locative phrase governed by the trigger in its clause ("in
 *             X", "at X", "near X", "outside X", "the town of X", "north of
 *             X", "X-based"), with the places coordinated with it ("in X, Y
 *             and Z");
 *   object    the trigger's object or a name modifying its noun ("shelled
 *             X", "a X market was bombed");
 *   clause    the nearest resolved mention in the trigger's clause;
 *   sentence  the nearest resolved mention in its sentence;
 *   dateline  the place of the dateline ("BAKU, Sept 20 -");
 *   focus     the article's focus (its most mentioned country, or the
 *             division most of that country's mentions fall in);
 *   none      "no location".
 * It also reads the event's date relative to the article ("on Tuesday",
 * "yesterday", "last week", "on Sept. 20") and the number of dead stated
 * near the trigger (ACLED's rules). Offsets are bytes in the text; outputs
 * convert them to code points. Thread-safe with one arena per thread: the
 * gazetteer is only read. */
#ifndef GM_EVENTS_EVENTS_H
#define GM_EVENTS_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "gazetteer/gaz.h"
#include "resolve/resolve.h"
#include "spot/spot.h"
#include "text/boilerplate.h"
#include "text/sentences.h"
#include "text/tokens.h"

/* No gazetteer place. */
#define GM_EVENT_NO_PLACE UINT32_MAX
/* Fatalities when the text states no number of dead. */
#define GM_EVENT_FATALITIES_UNKNOWN (-1)

/* How precise the place is, from its kind and feature code. */
typedef enum gm_event_precision {
    GM_PREC_NONE = 0,
    GM_PREC_POINT,    /* a spot, a building, a neighbourhood (PPLX, class S) */
    GM_PREC_CITY,     /* a populated place */
    GM_PREC_ADMIN2,   /* a second-level division */
    GM_PREC_ADMIN1,   /* a first-level division */
    GM_PREC_REGION,   /* a region, a physical feature, a continent */
    GM_PREC_COUNTRY
} gm_event_precision;

/* Which rule placed the event (see the top of this file). */
typedef enum gm_event_reason {
    GM_WHERE_NONE = 0,
    GM_WHERE_LOCATIVE,
    GM_WHERE_OBJECT,
    GM_WHERE_CLAUSE,
    GM_WHERE_SENTENCE,
    GM_WHERE_DATELINE,
    GM_WHERE_FOCUS
} gm_event_reason;

/* Flags of an event. */
enum {
    GM_EVENT_WEAK = 1 << 0,         /* a trigger that is often no event */
    GM_EVENT_REPORTED = 1 << 1,     /* reported speech: source_* say who */
    GM_EVENT_HYPOTHETICAL = 1 << 2, /* "could", "would", "threatened to" */
    GM_EVENT_NEGATED = 1 << 3,      /* "did not", "no", "never" */
    GM_EVENT_OTHER_SENSE = 1 << 4   /* the words mean something else here:
                                       "captured the mood", "prices shot
                                       up", "the film was shot" */
};

/* Options of gm_event_article. */
enum {
    GM_EVENT_KEEP_HYPOTHETICAL = 1 << 0, /* keep them, flagged */
    GM_EVENT_KEEP_NEGATED = 1 << 1       /* keep them, flagged */
};

/* A time expression relative to the article date. */
typedef enum gm_event_when_kind {
    GM_WHEN_NONE = 0,   /* none: the article's date */
    GM_WHEN_DAYS_AGO,   /* value days before: "yesterday" 1, "today" 0 */
    GM_WHEN_WEEKDAY,    /* the last weekday value (0 Sunday ... 6 Saturday)
                           on or before the article date: "on Tuesday" */
    GM_WHEN_DATE,       /* month value (1-12), day; year when stated, else
                           the last such date on or before the article */
    GM_WHEN_WEEKS_AGO,  /* value weeks before: "last week" 1, "this week" 0 */
    GM_WHEN_MONTHS_AGO  /* value months before: "last month" 1 */
} gm_event_when_kind;

typedef struct gm_event_when {
    gm_event_when_kind kind;
    int32_t value;
    int32_t day;        /* GM_WHEN_DATE */
    int32_t year;       /* GM_WHEN_DATE: 0 when not stated */
    uint32_t off, len;  /* the expression, bytes; len 0 for none */
} gm_event_when;

/* How precise an event's date is. */
typedef enum gm_event_date_precision {
    GM_DATE_NONE = 0,   /* no date: the article has none */
    GM_DATE_ARTICLE,    /* the article's date, no expression in the text */
    GM_DATE_DAY,
    GM_DATE_WEEK,
    GM_DATE_MONTH
} gm_event_date_precision;

/* A location span the text ties to an event. */
typedef struct gm_event_loc {
    uint32_t off, len;  /* bytes */
    uint32_t place;     /* gazetteer index; GM_EVENT_NO_PLACE for a name the
                           gazetteer does not hold ("the village of X") */
    int32_t mention;    /* index in the mention list, -1 if none */
} gm_event_loc;

typedef struct gm_event {
    /* what */
    char code[5];               /* CAMEO code, "190"; "" when unknown */
    char root_code[3];          /* "19" */
    int quad_class;             /* 1-4, 0 when unknown */
    const char *type;           /* readable label, static ("" if none) */
    uint32_t trigger_off, trigger_len;     /* bytes */
    uint32_t sentence;                      /* index in the sentence list */
    uint32_t sentence_off, sentence_len;    /* bytes */
    unsigned flags;                         /* GM_EVENT_* */
    uint32_t source_off, source_len;        /* who reports it; len 0: none */
    /* where */
    uint32_t place;             /* gazetteer index, GM_EVENT_NO_PLACE */
    int32_t mention;            /* the mention that placed it, -1 when the
                                   dateline's name is no mention, focus or
                                   none */
    uint32_t loc_off, loc_len;  /* that mention's span; len 0 when placed by
                                   dateline or focus, or not placed */
    gm_event_precision precision;
    gm_event_reason reason;
    float confidence;           /* 0..1: how sure the placement is */
    const gm_event_loc *locs;   /* the location spans tied to the trigger,
                                   in text order (several when coordinated:
                                   "in X, Y and Z"), placed or not; in the
                                   arena. Empty when the text states none
                                   (dateline, focus, none) */
    uint32_t n_locs;
    /* when */
    gm_event_when when;
    /* how many dead */
    int32_t fatalities;         /* the lowest number stated near the
                                   trigger; 0 when the text says nobody
                                   died; GM_EVENT_FATALITIES_UNKNOWN when
                                   it states no number */
} gm_event;

typedef struct gm_event_list {
    gm_event *v;                 /* in the arena, in text order */
    size_t n;
    gm_boilerplate_list boilerplate; /* the lines no event came from */
} gm_event_list;

/* Finds, places and dates the events of one article that went through the
 * spotter and the resolver. options: GM_EVENT_KEEP_* or 0. Everything
 * returned lives in arena. Never fails. */
void gm_event_article(const gm_gaz *gaz, const char *text,
                      const gm_tok_list *tokens,
                      const gm_sent_list *sentences,
                      const gm_span_list *spans,
                      const gm_mention_list *mentions, unsigned options,
                      gm_arena *arena, gm_event_list *out);

/* Places, dates and counts the dead of one given trigger: the bytes
 * text[off, off + len), which need not be a lexicon trigger (evaluation
 * gives its own). The what-part is filled when the lexicon matches there
 * (code "" otherwise), and the flags say whether the trigger is negated,
 * hypothetical or reported; a trigger whose words mean no event there
 * (GM_EVENT_OTHER_SENSE) is left unplaced. Returns false (and *out zeroed)
 * when the span covers no word of the text. Everything returned lives in
 * arena. */
bool gm_event_attach(const gm_gaz *gaz, const char *text,
                     const gm_tok_list *tokens, const gm_sent_list *sentences,
                     const gm_span_list *spans,
                     const gm_mention_list *mentions, uint32_t off,
                     uint32_t len, gm_arena *arena, gm_event *out);

/* The event's date from its time expression and the article date
 * (article_date: ISO 8601 text, "2023-09-20" or longer, or NULL). Writes
 * "YYYY-MM-DD" into out, or "" when there is no date: the article has
 * none and the expression states no year. */
gm_event_date_precision gm_event_date(const gm_event_when *when,
                                      const char *article_date,
                                      char out[11]);

/* Readable names: "point", "city", "admin2", "admin1", "region",
 * "country" ("" for none); "locative", "object", "clause", "sentence",
 * "dateline", "focus", "no location"; "day", "week", "month", "article"
 * ("" for none). Static strings. */
const char *gm_event_precision_name(gm_event_precision precision);
const char *gm_event_reason_name(gm_event_reason reason);
const char *gm_event_date_precision_name(gm_event_date_precision precision);

/* The precision a place stands for. */
gm_event_precision gm_event_precision_of(const gm_place *place);

#endif
