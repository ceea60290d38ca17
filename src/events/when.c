/* When an event happened, relative to the article: the time expression of
 * the trigger's sentence nearest to the trigger ("yesterday", "on
 * Tuesday", "last week", "two days ago", "on Sept. 20", "in March"), and
 * the date it gives once the article's date is known. Dates are
 * proleptic Gregorian day numbers (days from civil, H. Hinnant's
 * algorithm), so no time zone or libc time function is involved. */
#include "events/internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>


static const char *const weekdays[] = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday"
};

/* Month names and the abbreviations news uses; "may" and "march" only
 * capitalised (checked by the caller). */
static const struct {
    const char *name;
    int month;
} months[] = {
    { "january", 1 },  { "jan", 1 },  { "february", 2 }, { "feb", 2 },
    { "march", 3 },    { "mar", 3 },  { "april", 4 },    { "apr", 4 },
    { "may", 5 },      { "june", 6 }, { "jun", 6 },      { "july", 7 },
    { "jul", 7 },      { "august", 8 }, { "aug", 8 },    { "september", 9 },
    { "sept", 9 },     { "sep", 9 },  { "october", 10 }, { "oct", 10 },
    { "november", 11 }, { "nov", 11 }, { "december", 12 }, { "dec", 12 },
};

static int weekday_of(const gm_event_doc *doc, uint32_t k)
{
    for (int d = 0; d < 7; d++)
        if (gm_event_word_is(doc, k, weekdays[d]))
            return d;
    return -1;
}

static int month_of(const gm_event_doc *doc, uint32_t k)
{
    const gm_token *t = &doc->toks->v[k];
    if (t->kind != GM_TOK_WORD || !(t->flags & GM_TOKF_UPPER_INITIAL))
        return 0;
    for (size_t m = 0; m < sizeof months / sizeof months[0]; m++)
        if (gm_event_word_is(doc, k, months[m].name))
            return months[m].month;
    return 0;
}

/* A day of the month at token k: "20", "20th"; 0 when none. */
static int day_at(const gm_event_doc *doc, uint32_t k, uint32_t limit)
{
    if (k >= limit)
        return 0;
    const gm_token *t = &doc->toks->v[k];
    if (t->kind == GM_TOK_PUNCT)
        return 0;
    const char *f = gm_tok_folded(doc->toks, k);
    int day = 0;
    size_t i = 0;
    while (i < t->fold_len && f[i] >= '0' && f[i] <= '9' && i < 2)
        day = day * 10 + (f[i++] - '0');
    if (i == 0 || day < 1 || day > 31)
        return 0;
    if (i < t->fold_len) {
        const char *rest = f + i;
        size_t n = t->fold_len - i;
        if (!(n == 2 && (memcmp(rest, "st", 2) == 0 ||
                         memcmp(rest, "nd", 2) == 0 ||
                         memcmp(rest, "rd", 2) == 0 ||
                         memcmp(rest, "th", 2) == 0)))
            return 0;
    }
    return day;
}

/* A four-digit year 1900-2199 at token k, else 0. */
static int year_at(const gm_event_doc *doc, uint32_t k, uint32_t limit)
{
    if (k >= limit || doc->toks->v[k].kind != GM_TOK_NUMBER ||
        doc->toks->v[k].fold_len != 4)
        return 0;
    const char *f = gm_tok_folded(doc->toks, k);
    int y = 0;
    for (int i = 0; i < 4; i++)
        y = y * 10 + (f[i] - '0');
    return y >= 1900 && y < 2200 ? y : 0;
}

/* The next word token after k, across one period ("Sept. 20"). */
static uint32_t after(const gm_event_doc *doc, uint32_t k, uint32_t limit)
{
    k++;
    if (k < limit && gm_event_punct_is(doc, k, '.'))
        k++;
    return k;
}

/* The expression that starts at token k, if any: *out filled and the
 * token after it returned; 0 when none. */
static uint32_t expression_at(const gm_event_doc *doc, uint32_t k,
                              uint32_t limit, gm_event_when *out)
{
    memset(out, 0, sizeof *out);
    if (gm_event_word_is(doc, k, "yesterday")) {
        out->kind = GM_WHEN_DAYS_AGO;
        out->value = 1;
        return k + 1;
    }
    if (gm_event_word_is(doc, k, "today") ||
        gm_event_word_is(doc, k, "tonight")) {
        out->kind = GM_WHEN_DAYS_AGO;
        return k + 1;
    }
    bool last = gm_event_word_is(doc, k, "last");
    bool this = gm_event_word_is(doc, k, "this");
    if (last || this) {
        uint32_t n = k + 1;
        if (gm_event_word_is(doc, n, "night") && last) {
            out->kind = GM_WHEN_DAYS_AGO;
            out->value = 1;
            return n + 1;
        }
        if (this && (gm_event_word_is(doc, n, "morning") ||
                     gm_event_word_is(doc, n, "afternoon") ||
                     gm_event_word_is(doc, n, "evening"))) {
            out->kind = GM_WHEN_DAYS_AGO;
            return n + 1;
        }
        if (gm_event_word_is(doc, n, "week") ||
            gm_event_word_is(doc, n, "weekend")) {
            out->kind = GM_WHEN_WEEKS_AGO;
            out->value = last;
            return n + 1;
        }
        if (gm_event_word_is(doc, n, "month")) {
            out->kind = GM_WHEN_MONTHS_AGO;
            out->value = last;
            return n + 1;
        }
        int d = n < limit ? weekday_of(doc, n) : -1;
        if (d >= 0) {
            out->kind = GM_WHEN_WEEKDAY;
            out->value = d;
            return n + 1;
        }
        return 0;
    }
    /* "two days ago", "a week ago" */
    uint32_t num_end;
    int64_t num = gm_event_number(doc, k, limit, &num_end);
    if (num < 0 && (gm_event_word_is(doc, k, "a") ||
                    gm_event_word_is(doc, k, "one"))) {
        num = 1;
        num_end = k + 1;
    }
    if (num >= 0 && num < 1000 && gm_event_word_is(doc, num_end + 1, "ago")) {
        if (gm_event_word_is(doc, num_end, "days") ||
            gm_event_word_is(doc, num_end, "day")) {
            out->kind = GM_WHEN_DAYS_AGO;
            out->value = (int32_t)num;
            return num_end + 2;
        }
        if (gm_event_word_is(doc, num_end, "weeks") ||
            gm_event_word_is(doc, num_end, "week")) {
            out->kind = GM_WHEN_WEEKS_AGO;
            out->value = (int32_t)num;
            return num_end + 2;
        }
        if (gm_event_word_is(doc, num_end, "months") ||
            gm_event_word_is(doc, num_end, "month")) {
            out->kind = GM_WHEN_MONTHS_AGO;
            out->value = (int32_t)num;
            return num_end + 2;
        }
    }
    /* A weekday, capitalised: "on Tuesday", "Tuesday night" */
    const gm_token *t = &doc->toks->v[k];
    int d = weekday_of(doc, k);
    if (d >= 0 && (t->flags & GM_TOKF_UPPER_INITIAL)) {
        out->kind = GM_WHEN_WEEKDAY;
        out->value = d;
        return k + 1;
    }
    /* "Sept. 20", "September 20, 2023", "20 September", "in March" */
    int month = month_of(doc, k);
    if (month) {
        uint32_t n = after(doc, k, limit);
        int day = day_at(doc, n, limit);
        uint32_t end = day ? n + 1 : k + 1;
        if (!day) {
            /* "May" and "March" alone are too often other words; other
             * months alone need "in" before them. */
            if (k == 0 || !gm_event_word_is(doc, k - 1, "in") ||
                month == 3 || month == 5)
                return 0;
        }
        uint32_t y = end;
        if (y < limit && gm_event_punct_is(doc, y, ','))
            y++;
        int year = year_at(doc, y, limit);
        if (year)
            end = y + 1;
        out->kind = GM_WHEN_DATE;
        out->value = month;
        out->day = day;
        out->year = year;
        return end;
    }
    int day = day_at(doc, k, limit);
    if (day && k + 1 < limit) {
        month = month_of(doc, k + 1);
        if (month) {
            uint32_t end = after(doc, k + 1, limit);
            int year = year_at(doc, end, limit);
            out->kind = GM_WHEN_DATE;
            out->value = month;
            out->day = day;
            out->year = year;
            return year ? end + 1 : end;
        }
    }
    return 0;
}

/* Words an expression can start with, besides digits and days of the
 * month ("20th"): the first words expression_at reads, and the number
 * words of gm_event_number ("two days ago"). */
static const char *const starters[] = {
    "yesterday", "today", "tonight", "last", "this", "a", "an", "one",
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "january", "jan", "february", "feb", "march", "mar",
    "april", "apr", "may", "june", "jun", "july", "jul", "august", "aug",
    "september", "sept", "sep", "october", "oct", "november", "nov",
    "december", "dec",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "dozen", NULL
};

/* Whether an expression may start at token k: most words are none of the
 * starters, which one probe says, so expression_at need not read them.
 * Inline, asked of every token of the sentences that hold an event: a
 * number first, then the set's probe, and only then the first byte of a
 * word that may be a day of the month ("20th"). */
static inline bool may_start_expression(const gm_event_doc *doc, uint32_t k,
                                        const gm_event_word_set *starter_set)
{
    const gm_token *t = &doc->toks->v[k];
    if (t->kind == GM_TOK_NUMBER)
        return true;
    if (t->kind == GM_TOK_PUNCT || t->fold_len == 0)
        return false;
    const char *f = gm_tok_folded(doc->toks, k);
    bool may = gm_event_word_answer(t, f, starter_set, starters) ||
               (f[0] >= '0' && f[0] <= '9');
    assert(may || gm_event_number_word(doc, k) < 0);
    return may;
}

void gm_event_when_find_in(const gm_event_doc *doc, uint32_t s, uint32_t tb,
                           uint32_t te, gm_event_when *out)
{
    memset(out, 0, sizeof *out);
    gm_event_doc_memo(doc, s);
    const gm_sentence *sent = &doc->sents->v[s];
    uint32_t best_dist = UINT32_MAX;
    const gm_event_word_set *starter_set = gm_event_word_set_of(starters);
    for (uint32_t k = sent->tok_begin; k < sent->tok_end; k++) {
        /* the dateline's date is the article's */
        if ((k >= tb && k < te) ||
            (k >= doc->dateline_begin && k < doc->dateline_end))
            continue;
        gm_event_when w;
        if (!may_start_expression(doc, k, starter_set)) {
            assert(!expression_at(doc, k, sent->tok_end, &w));
            continue;
        }
        uint32_t end = expression_at(doc, k, sent->tok_end, &w);
        if (!end)
            continue;
        uint32_t dist = k >= te ? k - te : tb - end;
        if (dist < best_dist) {
            best_dist = dist;
            const gm_token *a = &doc->toks->v[k];
            const gm_token *b = &doc->toks->v[end - 1];
            w.off = a->off;
            w.len = b->off + b->len - a->off;
            *out = w;
        }
        k = end - 1;
    }
}

void gm_event_when_scan(const gm_event_doc *doc, uint32_t s,
                        gm_event_when_list *list)
{
    gm_event_doc_memo(doc, s);
    const gm_sentence *sent = &doc->sents->v[s];
    list->sentence = s;
    list->n = 0;
    list->overflow = false;
    const gm_event_word_set *starter_set = gm_event_word_set_of(starters);
    for (uint32_t k = sent->tok_begin; k < sent->tok_end; k++) {
        if (k >= doc->dateline_begin && k < doc->dateline_end)
            continue;
        gm_event_when w;
        if (!may_start_expression(doc, k, starter_set))
            continue;
        uint32_t end = expression_at(doc, k, sent->tok_end, &w);
        if (!end)
            continue;
        if (list->n == GM_EVENT_WHEN_LIST) {
            list->overflow = true;
            return;
        }
        const gm_token *a = &doc->toks->v[k];
        const gm_token *b = &doc->toks->v[end - 1];
        w.off = a->off;
        w.len = b->off + b->len - a->off;
        list->begin[list->n] = k;
        list->end[list->n] = end;
        list->when[list->n++] = w;
        k = end - 1;
    }
}

void gm_event_when_pick(const gm_event_doc *doc,
                        const gm_event_when_list *list, uint32_t tb,
                        uint32_t te, gm_event_when *out)
{
    /* An expression that starts within the trigger: its scan, which
     * passes over the trigger, may meet others after it. */
    bool within = list->overflow;
    for (uint32_t i = 0; i < list->n && !within; i++)
        within = list->begin[i] >= tb && list->begin[i] < te;
    if (within) {
        gm_event_when_find_in(doc, list->sentence, tb, te, out);
        return;
    }
    memset(out, 0, sizeof *out);
    uint32_t best_dist = UINT32_MAX;
    for (uint32_t i = 0; i < list->n; i++) {
        uint32_t k = list->begin[i], end = list->end[i];
        uint32_t dist = k >= te ? k - te : tb - end;
        if (dist < best_dist) {
            best_dist = dist;
            *out = list->when[i];
        }
    }
}

/* ---- calendar ------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int month_days(long y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* "YYYY-MM-DD..." → day number; false when it is not such a date. */
static bool parse_date(const char *s, long *out)
{
    if (!s || strlen(s) < 10)
        return false;
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    }
    long y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
             (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return false;
    *out = days_from_civil(y, m, d);
    return true;
}

static void format_date(long z, char out[11])
{
    long y;
    int m, d;
    civil_from_days(z, &y, &m, &d);
    if (y < 0 || y > 9999) {
        out[0] = '\0';
        return;
    }
    snprintf(out, 11, "%04ld-%02d-%02d", y, m, d);
}

/* The middle of a month stands for it. */
#define MID_MONTH 15

gm_event_date_precision gm_event_date(const gm_event_when *w,
                                      const char *article_date, char out[11])
{
    out[0] = '\0';
    long base;
    bool known = parse_date(article_date, &base);
    if (w->kind == GM_WHEN_DATE && w->year) {
        int day = w->day ? w->day : MID_MONTH;
        if (w->value < 1 || w->value > 12 ||
            day > month_days(w->year, w->value))
            return GM_DATE_NONE;
        format_date(days_from_civil(w->year, w->value, day), out);
        return w->day ? GM_DATE_DAY : GM_DATE_MONTH;
    }
    if (!known)
        return GM_DATE_NONE;
    long y;
    int m, d;
    civil_from_days(base, &y, &m, &d);
    switch (w->kind) {
    case GM_WHEN_NONE:
        format_date(base, out);
        return GM_DATE_ARTICLE;
    case GM_WHEN_DAYS_AGO:
        format_date(base - w->value, out);
        return GM_DATE_DAY;
    case GM_WHEN_WEEKDAY: {
        /* 1970-01-01 was a Thursday (4) */
        long wd = ((base % 7) + 7 + 4) % 7;
        format_date(base - ((wd - w->value + 7) % 7), out);
        return GM_DATE_DAY;
    }
    case GM_WHEN_WEEKS_AGO:
        format_date(base - 7L * w->value, out);
        return GM_DATE_WEEK;
    case GM_WHEN_MONTHS_AGO: {
        long index = y * 12 + (m - 1) - w->value;
        long yy = index / 12;
        int mm = (int)(index % 12) + 1;
        format_date(days_from_civil(yy, mm, MID_MONTH), out);
        return GM_DATE_MONTH;
    }
    case GM_WHEN_DATE: {
        if (w->value < 1 || w->value > 12)
            break;
        int day = w->day ? w->day : MID_MONTH;
        long yy = y;
        /* the last such date on or before the article */
        if (w->value > m || (w->value == m && w->day > d))
            yy--;
        if (day > month_days(yy, w->value))
            break;
        format_date(days_from_civil(yy, w->value, day), out);
        return w->day ? GM_DATE_DAY : GM_DATE_MONTH;
    }
    }
    format_date(base, out);
    return GM_DATE_ARTICLE;
}
