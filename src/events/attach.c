/* Where an event happened: the location spans its sentence ties to the
 * trigger, and the place that stands for it.
 *
 * Candidates are the sentence's resolved mentions (demonyms are not
 * locations: "Syrian troops") and the capitalised names in a place slot
 * that the gazetteer does not hold ("the village of X", "near X", "X
 * district"). Each gets its governor, found by walking left over what a
 * noun phrase may hold (determiners, numbers, adjectives, "X-held", "the
 * Y town of", "Y's"): a locative preposition, "on", "to", "from", "north
 * of", "of", "by", the trigger itself (its object) or something else.
 * Then a score per candidate: the governor first (a locative phrase, then
 * the trigger's object or a name modifying its noun), the distance to the
 * trigger (after it is better than before), the clause (a strong boundary
 * or commas between cost), and whether the name only contains another
 * ("X, Y": Y; "Y's X", "the Y town of X": Y). The best candidate above a
 * threshold is the location, with the names coordinated with it ("in X,
 * Y and Z", "X and Y were shelled"). Its place is the first of them the
 * gazetteer knows, else a known place that contains them in the same
 * phrase ("the village of X in Y province"), else the dateline's, else the
 * article's focus.
 *
 * This file holds the entry points and what the placement reads of the
 * trigger; the candidates are attach_names.c's, their governors
 * attach_governor.c's, the score attach_score.c's, the coordinated names
 * attach_list.c's (attach_internal.h). */
#include "events/attach_internal.h"

#include <stdlib.h>

/* The best candidate needs this score to place the event. */
#define MIN_SCORE 4.5f
/* Placement confidence by rule, before the mention's own score. */
#define CONF_LOCATIVE 0.9f
#define CONF_OBJECT 0.8f
#define CONF_CLAUSE 0.6f
#define CONF_SENTENCE 0.45f
#define CONF_CONTAINER 0.6f
#define CONF_DATELINE 0.4f
#define CONF_FOCUS 0.25f

/* ---- word lists several files read ----------------------------------- */

static const char *const loc_preps[] = {
    "in", "at", "near", "outside", "inside", "into", "around", "across",
    "through", "throughout", "within", "along", "off", "nearby", "beside",
    "behind", "beyond", "over", "onto", "opposite", "down", "inland",
    /* participles that say where: "the farms surrounding X" */
    "surrounding", "overlooking", NULL
};
gm_event_words gm_attach_loc_preps_w = { loc_preps, NULL };

static const char *const determiners[] = {
    "the", "a", "an", "this", "that", "these", "those", "its", "their",
    "his", "her", "our", "several", "some", "many", "all", "both", "each",
    "every", "other", "another", "most", "few", "two", "three", "four",
    "five", "various", "numerous", "nearby", "neighbouring", "neighboring",
    NULL
};
gm_event_words gm_attach_determiners_w = { determiners, NULL };

static const char *const adjectives[] = {
    "northern", "southern", "eastern", "western", "central", "north",
    "south", "east", "west", "northeast", "northwest", "southeast",
    "southwest", "northeastern", "northwestern", "southeastern",
    "southwestern", "northernmost", "southernmost", "far", "upper", "lower",
    "greater", "downtown", "rural", "suburban", "urban", "restive",
    "strategic", "key", "besieged", "occupied", "remote", "border",
    "coastal", "mountainous", "embattled", "volatile", "main", "tribal",
    "flashpoint", "troubled", "provincial", "disputed", "holy", "industrial",
    "ancient", "old", "densely", "populated", "predominantly", "largely",
    "mainly", "mostly", "separatist", "breakaway", "sprawling",
    "impoverished", "poor", "small", "large", "big", "major", "historic",
    "biggest", "largest", "contested", "nearby", "heavily", "southeast",
    "mid", "west", "capital", "militant", "rebel", "jihadist", "eastern",
    "northwestern", "new", "same", "entire", "whole", "city", "port",
    NULL
};
gm_event_words gm_attach_adjectives_w = { adjectives, NULL };

/* Nouns that name a kind of place: "the town of X", "X district". */
static const char *const place_nouns[] = {
    "town", "towns", "city", "cities", "village", "villages", "province",
    "provinces", "district", "districts", "region", "regions", "area",
    "areas", "neighborhood", "neighborhoods", "neighbourhood",
    "neighbourhoods", "suburb", "suburbs", "outskirts", "countryside",
    "capital", "governorate", "county", "state", "municipality", "camp",
    "camps", "settlement", "settlements", "hamlet", "port", "island",
    "islands", "enclave", "quarter", "quarters", "sector", "zone", "heart",
    "center", "centre", "streets", "street", "part", "parts", "vicinity",
    "environs", "coast", "valley", "hills", "mountains", "territory",
    "territories", "strip", "commune", "locality", "prefecture", "oblast",
    "stronghold", "township", "localities", "outpost", "border", "borders",
    "waters", "shores", "banks", "road", "highway", "west", "north",
    "south", "east", "edge", "middle", "rest", "sectors", "zones",
    "provinces", "counties", "states", "municipalities", "outposts",
    "sections", "lga", "lgas", "division", "divisions", "region",
    "heartland", "hinterland", "strongholds", "bastion", "sky", "skies",
    "farms", "fields", "orchards", "junction", "checkpoint", "crossing",
    "bridge", "square", "market", "roads", "plains", "resort", "resorts",
    "community", "communities", "airport", "airbase", "airfield",
    "perimeter", "perimeters", "periphery", "fringes", "hilltop",
    "hilltops", "ridge", "peak", "summit", "hometown", "hometowns",
    "birthplace", NULL
};
gm_event_words gm_attach_place_nouns_w = { place_nouns, NULL };

/* The words that call a name a division ("X District", "X LGA") or that
 * follow one in lower case ("Y county"). */
static const char *const division_words[] = {
    "governorate", "province", "district", "county", "region", "state",
    "municipality", "prefecture", "oblast", "tehsil", "lga", NULL
};
gm_event_words gm_attach_division_words_w = { division_words, NULL };

/* Nouns after an unknown name that make it the name of a business or a
 * building rather than of a place: "the Blue Lantern bar". */
static const char *const business_nouns[] = {
    "bar", "restaurant", "cafe", "hotel", "store", "shop", "mall",
    "company", "factory", "plant", "bank", "office", "offices", "building",
    "stadium", "club", "cinema", "theatre", "theater", "supermarket",
    "newspaper", "channel", "station", "group", "party", "brand",
    "restaurants", "hotels", "shops", "school", "hospital", "prison",
    "embassy", NULL
};
gm_event_words gm_attach_business_nouns_w = { business_nouns, NULL };

/* Nouns after a name that make it an actor, not a location: "US
 * troops", "the Iraqi government", "the French embassy". */
static const char *const actor_nouns[] = {
    "troops", "forces", "soldiers", "army", "military", "navy",
    "officials", "official", "government", "president", "minister",
    "leader", "leaders", "authorities", "delegation", "diplomats",
    "diplomat", "embassy", "consulate", "ambassador", "envoy", "citizens",
    "nationals", "national", "warplanes", "jets", "aircraft", "planes",
    "helicopters", "drones", "warships", "ships", "marines", "spokesman",
    "spokeswoman", "media", "team", "police", "militants", "fighters",
    "rebels", "guerrillas", "counterpart", "company", "firm", "prime",
    "foreign", "defense", "defence", "interior", "security",
    "intelligence", "special", "coalition", "regime", "allies", "side",
    "negotiators", "representatives", "lawmakers", "people", NULL
};
gm_event_words gm_attach_actor_nouns_w = { actor_nouns, NULL };

/* Nouns of persons after a name: "a US adviser", "the X chief of Y". */
static const char *const person_nouns[] = {
    "soldier", "adviser", "advisers", "advisor", "advisors", "chief",
    "chiefs", "commander", "commanders", "councilman", "councilmen",
    "councillor", "mayor", "governor", "supremo", "boss", "head",
    "champion", "champions", "lawmaker", "legislator", "senator",
    "activist", "activists", "journalist", "journalists", "reporter",
    "correspondent", "businessman", "businessmen", "tourist", "tourists",
    "worker", "workers", "contractor", "contractors", "civilian",
    "civilians", "policeman", "policemen", "officer", "officers",
    "pilot", "pilots", "sailor", "sailors", "agent", "agents", "player",
    "players", "student", "students", NULL
};
gm_event_words gm_attach_person_nouns_w = { person_nouns, NULL };

/* Capitalised words that end a place's name: "Shirak Governorate". */
static const char *const place_types[] = {
    "governorate", "province", "district", "city", "county", "region",
    "state", "camp", "mountains", "mountain", "hills", "airport", "airbase",
    "base", "square", "checkpoint", "bridge", "dam", "valley", "strip",
    "island", "islands", "suburb", "quarter", "heights", "plain", "desert",
    "municipality", "prefecture", "oblast", "village", "town", "fields",
    "field", "crossing", "tehsil", "lga", "castle", "fortress", "palace",
    "beach", "peak", "hill", "street", "avenue", "road", "highway",
    "junction", "harbour", "harbor", "bay", "gulf", "sea", "lake", "river",
    "canal", "park", "bazaar", "market", "port", "farms", "pass", "gate",
    NULL
};
gm_event_words gm_attach_place_types_w = { place_types, NULL };

static const char *const directions[] = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast",
    "southwest", "northeastern", "northwestern", NULL
};
gm_event_words gm_attach_directions_w = { directions, NULL };

/* Words of faiths and peoples, which qualify a name after them: "the
 * Shiite X district", "a Druze Y village". */
static const char *const faith_words[] = {
    "shiite", "shia", "sunni", "christian", "muslim", "moslem", "jewish",
    "kurdish", "druze", "alawite", "arab", "catholic", "orthodox",
    "protestant", "buddhist", "hindu", "sufi", "salafi", "sikh", "yazidi",
    "coptic", "evangelical", NULL
};
gm_event_words gm_attach_faith_words_w = { faith_words, NULL };
/* Verbs whose subject is the trigger and whose object is where it struck:
 * "shelling hit X", "an explosion rocked X", "a fire destroyed a X
 * bakery, killing 6". */
static const char *const impact_verbs[] = {
    "hit", "hits", "struck", "strikes", "rocked", "rocks", "pounded",
    "pounds", "shook", "shakes", "targeted", "targets", "battered",
    "ravaged", "destroyed", "destroys", "engulfed", "engulfs", "gutted",
    "wrecked", "damaged", NULL };
gm_event_words gm_attach_impact_verbs_w = { impact_verbs, NULL };

/* Nouns whose locative says where a state of things is, not where the
 * event happened: "killed since the war in Yemen began". */
static const char *const general_nouns[] = {
    "war", "wars", "conflict", "crisis", "revolution", "uprising",
    "insurgency", "campaign", "unrest", "tensions", "tension", "presence",
    "history", "policy", "involvement", "role", "interests", NULL
};
gm_event_words gm_attach_general_nouns_w = { general_nouns, NULL };

/* ---- placement ------------------------------------------------------- */

/* What ctx reads of doc, set once. */
static void ctx_init(ctx *c, const gm_event_doc *doc)
{
    c->doc = doc;
    c->tv = doc->toks->v;
    c->ntok = doc->toks->n;
    c->folded = doc->toks->folded.data;
    c->text = doc->text;
    c->tok_mention = doc->tok_mention;
}

/* Nouns that, after "the", take up a settlement the sentence named
 * before: "X was attacked ... gunmen drove into the town". */
static const char *const anaphor_nouns[] = {
    "city", "town", "village", "hamlet", "community", NULL
};
static gm_event_words anaphor_nouns_w = { anaphor_nouns, NULL };

/* The last candidate before token k that names a settlement ("X, a
 * village", a known town), NULL when none. */
static cand *settlement_before(ctx *c, uint32_t k)
{
    for (size_t i = c->n; i-- > 0;) {
        cand *x = &c->v[i];
        if (x->te > k || x->score <= -100)
            continue;
        if (x->actor || x->org || x->business || x->speaker || x->general)
            return NULL;
        bool town = x->place != GM_EVENT_NO_PLACE
                        ? x->kind == GM_KIND_CITY
                        : x->place_noun || x->named;
        /* "X, a village in Y District of Z State": past what contains it */
        if (town && !x->container)
            return x;
        if (x->place == GM_EVENT_NO_PLACE && !x->container)
            return NULL;
    }
    return NULL;
}

/* "a blast in X's capital", "in X's second largest city": when no name
 * follows the noun, the city in X that the sentence names elsewhere
 * (the only one) is where; NULL when none or several. */
static cand *owned_city(ctx *c, const cand *x)
{
    if (x->kind != GM_KIND_COUNTRY)
        return NULL;
    uint32_t k = x->te;
    if (possessive_at(c, k))
        k += 2;
    else if (bare_s_at(c, k))
        k++;
    while (k < c->se && k < x->te + 6 && !capitalised(c, k) &&
           is_word(c, k) && !word_is(c, k, "capital") &&
           !word_is(c, k, "city"))
        k++;
    if (k >= c->se || !(word_is(c, k, "capital") || word_is(c, k, "city")) ||
        (k + 1 < c->se && cand_at(c, k + 1)))
        return NULL;
    cand *city = NULL;
    for (size_t i = 0; i < c->n; i++) {
        cand *y = &c->v[i];
        if (y == x || y->kind != GM_KIND_CITY ||
            y->place == GM_EVENT_NO_PLACE || y->country != x->place)
            continue;
        if (city && city->place != y->place)
            return NULL;
        city = y;
    }
    return city;
}

/* "gunmen stormed the village", "drove into the town" a few words after
 * the trigger: the settlement the sentence named before is where; it
 * takes the score it would have in the noun's slot when that is higher.
 * NULL when none. */
static cand *anaphor_antecedent(ctx *c)
{
    for (uint32_t k = c->te + 1; k < c->se && k < c->te + 6; k++) {
        if (!word_in(c, k, &anaphor_nouns_w) || capitalised(c, k) ||
            !word_is(c, k - 1, "the"))
            continue;
        /* "the town of X", "the capital Y", "the town, Y": named here */
        if (k + 1 < c->se &&
            (word_is(c, k + 1, "of") || capitalised(c, k + 1) ||
             (comma(c, k + 1) && k + 2 < c->se && capitalised(c, k + 2))))
            return NULL;
        cand *x = settlement_before(c, k - 1);
        if (!x)
            return NULL;
        cand a = *x;
        a.tb = k;
        a.te = k + 1;
        a.container = a.possessive = a.modifier = false;
        gm_attach_governor(c, &a);
        float s = gm_attach_score(c, &a);
        if (s > x->score)
            x->score = s;
        return x;
    }
    return NULL;
}

static void add_loc(ctx *c, gm_event_loc *locs, uint32_t *n, const cand *x)
{
    const gm_token *a = tok(c, x->tb);
    const gm_token *b = tok(c, gm_attach_span_end(c, x) - 1);
    locs[*n].off = a->off;
    locs[*n].len = b->off + b->len - a->off;
    locs[*n].place = x->place;
    locs[*n].mention = x->mention;
    (*n)++;
}

static int cmp_loc(const void *a, const void *b)
{
    const gm_event_loc *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

static void place_from(const ctx *c, gm_event *ev, uint32_t place,
                       int32_t mention, float confidence,
                       gm_event_reason reason)
{
    gm_place p;
    gm_gaz_place(c->doc->gaz, place, &p);
    ev->place = place;
    ev->mention = mention;
    ev->precision = gm_event_precision_of(&p);
    ev->reason = reason;
    ev->confidence = confidence;
    if (mention >= 0) {
        const gm_mention *m = &c->doc->mentions->v[mention];
        ev->loc_off = m->off;
        ev->loc_len = m->len;
        ev->confidence *= 0.5f + 0.5f * m->score;
    }
}

/* The sentence's share for memo: its candidates when no trigger is
 * passed over, and its clauses. */
static void memo_build(const gm_event_doc *doc, uint32_t sb, uint32_t se,
                       gm_event_place_memo *memo)
{
    ctx m = { 0 };
    ctx_init(&m, doc);
    m.sb = sb;
    m.se = se;
    m.tb = m.te = sb; /* no trigger */
    m.clause = gm_arena_alloc(doc->arena, se - sb + 1);
    memo->busy = gm_arena_calloc(doc->arena, se - sb + 1, 1);
    gm_attach_candidates(&m, memo->busy);
    gm_attach_number_clauses(&m);
    memo->cands = m.v;
    memo->n = m.n;
    memo->clause = m.clause;
    memo->built = true;
}

void gm_event_place(const gm_event_doc *doc, uint32_t tb, uint32_t te,
                    gm_event *ev)
{
    uint32_t s = gm_event_sentence_of(doc, tb);
    gm_event_doc_sentence(doc, s);
    gm_event_place_in(doc, s, NULL, tb, te, ev);
}

void gm_event_place_in(const gm_event_doc *doc, uint32_t s,
                       gm_event_place_memo *memo, uint32_t tb, uint32_t te,
                       gm_event *ev)
{
    ctx c = { 0 };
    ctx_init(&c, doc);
    c.sb = doc->sents->v[s].tok_begin;
    c.se = doc->sents->v[s].tok_end;
    c.tb = tb;
    c.te = te;
    ev->place = GM_EVENT_NO_PLACE;
    ev->mention = -1;
    ev->loc_off = ev->loc_len = 0;
    ev->precision = GM_PREC_NONE;
    ev->reason = GM_WHERE_NONE;
    ev->confidence = 0;
    ev->locs = NULL;
    ev->n_locs = 0;

    c.place_object = gm_attach_place_object_verb(&c);
    c.speech = gm_attach_speech_verb(&c);
    c.judging = gm_attach_judging_verb(&c);
    if (!memo) {
        c.clause = gm_arena_alloc(doc->arena, c.se - c.sb + 1);
        gm_attach_candidates(&c, NULL);
        gm_attach_number_clauses(&c);
    } else {
        if (!memo->built)
            memo_build(doc, c.sb, c.se, memo);
        c.clause = memo->clause;
        bool busy = false;
        for (uint32_t k = tb; k < te && k < c.se; k++)
            busy |= memo->busy[k - c.sb];
        if (busy) {
            gm_attach_candidates(&c, NULL);
        } else if (memo->n) {
            /* governor() marks other candidates: a copy of the shared */
            c.v = gm_arena_alloc(doc->arena, memo->n * sizeof *c.v);
            memcpy(c.v, memo->cands, memo->n * sizeof *c.v);
            c.n = c.cap = memo->n;
        }
    }
    for (size_t i = 0; i < c.n; i++)
        gm_attach_governor(&c, &c.v[i]);
    /* "X, Y" where Y contains X and no list goes on: Y is a container */
    for (size_t i = 0; i + 1 < c.n; i++) {
        cand *x = &c.v[i], *y = &c.v[i + 1];
        if (y->tb == x->te + 1 && comma(&c, x->te) && gm_attach_contains(&c, y, x) &&
            !gm_attach_list_goes_on(&c, y))
            y->container = true;
    }
    c.own_place = gm_attach_participle_trigger(&c) && gm_attach_own_place_after(&c);
    c.here = gm_attach_here_after(&c);
    cand *best = NULL;
    for (size_t i = 0; i < c.n; i++) {
        cand *x = &c.v[i];
        x->score = gm_attach_plausible(&c, x) && !x->agent ? gm_attach_score(&c, x) : -100;
        if (!best || x->score > best->score)
            best = x;
    }

    /* "in X's capital": the city the sentence names elsewhere */
    if (best && best->score >= MIN_SCORE && best->possessive) {
        cand *city = owned_city(&c, best);
        if (city) {
            if (city->score < best->score)
                city->score = best->score;
            best = city;
        }
    }

    /* "stormed the village": the village the sentence named before */
    if (!best || best->score < MIN_SCORE) {
        cand *ante = anaphor_antecedent(&c);
        if (ante)
            best = ante;
    }

    gm_event_loc *locs = NULL;
    uint32_t n_locs = 0;
    if (best && best->score >= MIN_SCORE) {
        locs = gm_arena_alloc(doc->arena, c.n * sizeof *locs);
        add_loc(&c, locs, &n_locs, best);
        for (int dir = -1; dir <= 1; dir += 2) {
            const cand *x = best;
            cand *y;
            bool closed = false;
            while ((y = gm_attach_coordinated(&c, x, dir)) != NULL &&
                   n_locs < c.n) {
                const cand *left = dir > 0 ? x : y;
                const cand *right = dir > 0 ? y : x;
                bool and_link = gm_attach_list_between(&c, left->te, right->tb);
                /* "X, Y and Z, W": the "and" closed the list */
                if (dir > 0 && closed && !and_link)
                    break;
                /* "and the districts of Y, Z": a new head opens a list */
                closed = (closed || and_link) &&
                         !gm_attach_of_between(&c, left->te, right->tb);
                /* "X, Y" without "and" is a chain of containers, or Y
                 * the subject of what follows ("in X, Y said") */
                if (dir > 0 && gm_attach_opens_clause(&c, y))
                    break;
                /* "the centre of X, Y": a known place in apposition to
                 * its container is where */
                if (dir > 0 && x == best && n_locs == 1 && !and_link &&
                    y->place != GM_EVENT_NO_PLACE && gm_attach_contains(&c, x, y) &&
                    !gm_attach_list_goes_on(&c, y)) {
                    best = y;
                    n_locs = 0;
                    add_loc(&c, locs, &n_locs, y);
                    break;
                }
                if (!gm_attach_list_between(&c, left->te, right->tb) &&
                    (gm_attach_contains(&c, right, left) || gm_attach_contains(&c, left, right) ||
                     (dir > 0 && gm_attach_address_goes_on(&c, y)) ||
                     !gm_attach_list_next(&c, y) ||
                     (dir > 0 && gm_attach_division_after(&c, y))) &&
                    !gm_attach_list_goes_on(&c, y))
                    break;
                add_loc(&c, locs, &n_locs, y);
                x = y;
            }
        }
        qsort(locs, n_locs, sizeof *locs, cmp_loc);
        ev->locs = locs;
        ev->n_locs = n_locs;

        gm_event_reason reason =
            best->gov == GOV_TRIGGER || best->modifier ? GM_WHERE_OBJECT
            : best->gov == GOV_OTHER || best->gov == GOV_NONE ||
                    best->gov == GOV_BY
                ? (clause_of(&c, best->tb) == clause_of(&c, tb)
                       ? GM_WHERE_CLAUSE
                       : GM_WHERE_SENTENCE)
                : GM_WHERE_LOCATIVE;
        float conf = reason == GM_WHERE_LOCATIVE ? CONF_LOCATIVE
                     : reason == GM_WHERE_OBJECT ? CONF_OBJECT
                     : reason == GM_WHERE_CLAUSE ? CONF_CLAUSE
                                                 : CONF_SENTENCE;
        /* the first known place of the spans */
        for (uint32_t i = 0; i < n_locs; i++)
            if (locs[i].place != GM_EVENT_NO_PLACE) {
                place_from(&c, ev, locs[i].place, locs[i].mention, conf,
                           reason);
                return;
            }
        /* else a known place that contains them, after them in the same
         * clause ("the village of X in Y province"), or naming the bigger
         * place just before them ("the Y suburb of X") */
        for (size_t i = 0; i < c.n; i++) {
            const cand *y = &c.v[i];
            bool before = y->te <= best->tb && y->container &&
                          best->tb - y->te <= 4;
            if ((y->tb < best->te && !before) ||
                y->place == GM_EVENT_NO_PLACE ||
                clause_of(&c, y->tb) != clause_of(&c, best->tb) ||
                y->tb > best->te + GOVERNOR_TOKENS)
                continue;
            place_from(&c, ev, y->place, y->mention,
                       conf * CONF_CONTAINER, reason);
            return;
        }
    }
    if (doc->dateline_place != GM_EVENT_NO_PLACE) {
        place_from(&c, ev, doc->dateline_place, -1, CONF_DATELINE,
                   GM_WHERE_DATELINE);
        ev->mention = doc->dateline_mention;
        return;
    }
    if (doc->focus_place != GM_EVENT_NO_PLACE) {
        place_from(&c, ev, doc->focus_place, -1, CONF_FOCUS, GM_WHERE_FOCUS);
        return;
    }
}
