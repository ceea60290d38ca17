/* Layer schemas (the field names and types users rely on), their mapping
 * onto the records of collect/records.h, and the default field plan.
 * Driver quirks live elsewhere (shp.c); writing lives in export.c. */
#include "exports/fields.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "collect/records.h"

#define FIELD(rec, member, kind, width) \
    { #member, kind, width, offsetof(rec, member) }

/* places: one point per resolved place. */
static const gm_field_def place_fields[] = {
    FIELD(gm_place_rec, place_id, GM_FIELD_INT64, 0),
    FIELD(gm_place_rec, name, GM_FIELD_STRING, 0),
    FIELD(gm_place_rec, country, GM_FIELD_STRING, 2),
    FIELD(gm_place_rec, admin1, GM_FIELD_STRING, 0),
    FIELD(gm_place_rec, feature, GM_FIELD_STRING, 10),
    FIELD(gm_place_rec, mentions, GM_FIELD_INT64, 0),
    FIELD(gm_place_rec, articles, GM_FIELD_INT64, 0),
    FIELD(gm_place_rec, first_date, GM_FIELD_DATE, 0),
    FIELD(gm_place_rec, last_date, GM_FIELD_DATE, 0),
};

/* mentions: one point per resolved mention. */
static const gm_field_def mention_fields[] = {
    FIELD(gm_mention_rec, article, GM_FIELD_STRING, 0),
    FIELD(gm_mention_rec, start, GM_FIELD_INT64, 0),
    FIELD(gm_mention_rec, end, GM_FIELD_INT64, 0),
    FIELD(gm_mention_rec, surface, GM_FIELD_STRING, 0),
    FIELD(gm_mention_rec, place_id, GM_FIELD_INT64, 0),
    FIELD(gm_mention_rec, place, GM_FIELD_STRING, 0),
    FIELD(gm_mention_rec, country, GM_FIELD_STRING, 2),
    FIELD(gm_mention_rec, score, GM_FIELD_REAL, 0),
};

/* events: one point per event (no geometry when unplaced). */
static const gm_field_def event_fields[] = {
    FIELD(gm_event_rec, article, GM_FIELD_STRING, 0),
    FIELD(gm_event_rec, date, GM_FIELD_DATE, 0),
    FIELD(gm_event_rec, date_precision, GM_FIELD_STRING, 7),
    FIELD(gm_event_rec, code, GM_FIELD_STRING, 4),
    FIELD(gm_event_rec, root_code, GM_FIELD_STRING, 2),
    FIELD(gm_event_rec, quad_class, GM_FIELD_INT64, 0),
    FIELD(gm_event_rec, type, GM_FIELD_STRING, 0),
    FIELD(gm_event_rec, trigger, GM_FIELD_STRING, 0),
    FIELD(gm_event_rec, trigger_start, GM_FIELD_INT64, 0),
    FIELD(gm_event_rec, trigger_end, GM_FIELD_INT64, 0),
    FIELD(gm_event_rec, sentence, GM_FIELD_STRING, 0),
    FIELD(gm_event_rec, place_id, GM_FIELD_INT64, 0),
    FIELD(gm_event_rec, place, GM_FIELD_STRING, 0),
    FIELD(gm_event_rec, country, GM_FIELD_STRING, 2),
    FIELD(gm_event_rec, loc_start, GM_FIELD_INT64, 0),
    FIELD(gm_event_rec, loc_end, GM_FIELD_INT64, 0),
    FIELD(gm_event_rec, precision, GM_FIELD_STRING, 7),
    FIELD(gm_event_rec, reason, GM_FIELD_STRING, 11),
    FIELD(gm_event_rec, confidence, GM_FIELD_REAL, 0),
    FIELD(gm_event_rec, fatalities, GM_FIELD_INT64, 0),
};

#undef FIELD

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const gm_layer_def layers[] = {
    { GM_LAYER_PLACES, "places", place_fields, COUNT(place_fields),
      offsetof(gm_place_rec, lon), offsetof(gm_place_rec, lat),
      sizeof(gm_place_rec) },
    { GM_LAYER_MENTIONS, "mentions", mention_fields, COUNT(mention_fields),
      offsetof(gm_mention_rec, lon), offsetof(gm_mention_rec, lat),
      sizeof(gm_mention_rec) },
    { GM_LAYER_EVENTS, "events", event_fields, COUNT(event_fields),
      offsetof(gm_event_rec, lon), offsetof(gm_event_rec, lat),
      sizeof(gm_event_rec) },
};

const gm_layer_def *gm_fields_layers(size_t *n)
{
    *n = COUNT(layers);
    return layers;
}

const gm_layer_def *gm_fields_layer(unsigned bit)
{
    for (size_t i = 0; i < COUNT(layers); i++)
        if (layers[i].bit == bit)
            return &layers[i];
    return NULL;
}

const char *const *gm_fields_layer_names(void)
{
    static const char *const names[] = { "places", "mentions", "events",
                                          NULL };
    return names;
}

void gm_fields_plan(const gm_layer_def *layer, bool dates,
                    gm_field_plan *plans)
{
    for (size_t i = 0; i < layer->n_fields; i++) {
        const gm_field_def *f = &layer->fields[i];
        gm_field_plan *p = &plans[i];
        memset(p, 0, sizeof *p);
        assert(strlen(f->name) < sizeof p->name);
        snprintf(p->name, sizeof p->name, "%s", f->name);
        switch (f->kind) {
        case GM_FIELD_INT64: p->type = OFTInteger64; break;
        case GM_FIELD_REAL: p->type = OFTReal; break;
        case GM_FIELD_STRING: p->type = OFTString; break;
        case GM_FIELD_DATE: p->type = dates ? OFTDate : OFTString; break;
        }
    }
}

void gm_fields_plan_kml(const gm_layer_def *layer, gm_field_plan *plans)
{
    gm_fields_plan(layer, false, plans);
    for (size_t i = 0; i < layer->n_fields; i++)
        if (plans[i].type == OFTInteger64)
            plans[i].type = OFTReal;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool gm_fields_parse_date(const char *s, int *year, int *month, int *day)
{
    static const int month_days[12] = { 31, 29, 31, 30, 31, 30,
                                        31, 31, 30, 31, 30, 31 };
    if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (s[10] != '\0' && s[10] != 'T' && s[10] != ' ')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > month_days[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return false;
    *year = y;
    *month = m;
    *day = d;
    return true;
}

size_t gm_fields_utf8_fit(const char *s, size_t len, size_t max_bytes)
{
    if (len <= max_bytes)
        return len;
    size_t cut = max_bytes;
    /* s[cut] is the first byte left out: step back while it continues the
     * sequence that the kept part would otherwise end inside. */
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    return cut;
}
