/* The governor of each candidate, found by walking left over what a noun
 * phrase may hold, and whether a candidate is a plausible location (a
 * place the text names as such, not a speaker, an agent, a business).
 * The score that weighs the governor is attach_score.c's. */
#include "events/attach_internal.h"

static const char *const on_preps[] = { "on", "upon", "against", NULL };
static gm_event_words on_preps_w = { on_preps, NULL };
static const char *const to_preps[] = {
    "to", "toward", "towards", "via", "for", NULL
};
static gm_event_words to_preps_w = { to_preps, NULL };

/* Place nouns for settlements: in "the Y town of X" the name before the
 * noun (Y) only contains X; before other place nouns it names the place
 * ("the X region of Y"). */
static const char *const settlement_nouns[] = {
    "town", "towns", "city", "cities", "village", "villages", "hamlet",
    "camp", "camps", "settlement", "settlements", "port", "capital",
    "township", "enclave", "island", "islands", "stronghold", "suburb",
    "suburbs", "resort", "resorts", NULL
};
static gm_event_words settlement_nouns_w = { settlement_nouns, NULL };

/* Place nouns for divisions, which name the place right after them
 * too: "the southern province Y". */
static const char *const division_nouns[] = {
    "province", "state", "region", "district", "county", NULL
};
static gm_event_words division_nouns_w = { division_nouns, NULL };

/* Place nouns that name a part of what follows "of": in "the X district
 * of Y", X is the place and Y contains it; in "the Y town of X" it is the
 * other way round. */
static const char *const subunit_nouns[] = {
    "neighborhood", "neighborhoods", "neighbourhood", "neighbourhoods",
    "district", "districts", "area", "areas", "quarter", "quarters",
    "sector", "sectors", "outskirts", "part", "parts",
    "countryside", "vicinity", "edge", "heart", "center", "centre",
    "streets", "street", "section", "sections", "environs", "middle",
    "rest", "fringes", "lgas", "zone", "zones", "heartland", "hinterland",
    "sky", "skies", "perimeter", "perimeters", "periphery", NULL
};
static gm_event_words subunit_nouns_w = { subunit_nouns, NULL };

/* Auxiliaries and adverbs between a passive subject and its participle:
 * "X was completely encircled", "X is being shelled". */
static const char *const passive_words[] = {
    "is", "was", "were", "are", "be", "been", "being", "has", "have", "had",
    "also", "again", "then", "completely", "continuously", "repeatedly",
    "heavily", "reportedly", "briefly", "later", "first", "finally",
    "partially", "partly", "largely", "almost", "nearly", NULL
};
static gm_event_words passive_words_w = { passive_words, NULL };

/* Verbs whose "down" is a particle: "shot down a plane", "gunned down
 * a guard" ("marched down X" is a preposition). */
static const char *const particle_down_verbs[] = {
    "shoot", "shot", "gun", "bring", "brought", "knock", "mow", "cut", NULL
};

/* "rebel-held", "ISIS-controlled": the word after the hyphen. */
static const char *const held_words[] = {
    "held", "controlled", "run", "dominated", "occupied", "based", "led",
    "populated", "majority", "besieged", "allied", "backed", NULL
};
static gm_event_words held_words_w = { held_words, NULL };
/* "militant-infested", "war-torn": a hyphenated premodifier of what
 * befell a place, which held_words do not hold */
static const char *const stricken_words[] = {
    "infested", "torn", "ravaged", "hit", "stricken", "ridden", "affected",
    "plagued", "wracked", "racked", "scarred", "damaged", NULL
};
static gm_event_words stricken_words_w = { stricken_words, NULL };

/* Nouns of a fight for a place, after which "of X" names a place: "the
 * siege of X", "the fall of X". */
static const char *const siege_nouns[] = {
    "siege", "battle", "fall", "capture", "recapture", "liberation",
    "encirclement", "bombardment", "shelling", "storming", "occupation",
    "defence", "defense", "sack", NULL };
static gm_event_words siege_nouns_w = { siege_nouns, NULL };

/* Verbs of taking a place, whose object after "to" is what the trigger
 * aims at: "launched an assault to capture X". */
static const char *const taking_verbs[] = {
    "capture", "recapture", "take", "retake", "seize", "enter", "liberate",
    "storm", "reach", "encircle", "besiege", NULL };
static gm_event_words taking_verbs_w = { taking_verbs, NULL };

/* ---- governors ------------------------------------------------------- */

/* How big a kind of place is, for containment. */
static int rank(gm_place_kind kind)
{
    switch (kind) {
    case GM_KIND_CONTINENT: return 5;
    case GM_KIND_COUNTRY: return 4;
    case GM_KIND_ADMIN1:
    case GM_KIND_REGION: return 3;
    case GM_KIND_ADMIN2: return 2;
    default: return 1;
    }
}

/* Whether y only contains x: x lies in y, or y is a bigger kind of
 * place, or an unknown name of a division ("Tuban District"). */
bool gm_attach_contains(const ctx *c, const cand *y, const cand *x)
{
    if (y->place != GM_EVENT_NO_PLACE && x->place != GM_EVENT_NO_PLACE) {
        if (y->place == x->place)
            return false;
        if (x->country == y->place || x->admin1 == y->place)
            return true;
        int rank_x = rank(x->kind), rank_y = rank(y->kind);
        return rank_y > rank_x &&
               (y->kind == GM_KIND_COUNTRY || y->kind == GM_KIND_CONTINENT ||
                y->kind == GM_KIND_REGION || x->country == y->country);
    }
    if (y->place != GM_EVENT_NO_PLACE)
        return y->kind == GM_KIND_COUNTRY || y->kind == GM_KIND_ADMIN1 ||
               y->kind == GM_KIND_ADMIN2 || y->kind == GM_KIND_REGION;
    /* an unknown name ending in a division's word, which holds no
     * country nor first-level division */
    if (x->place != GM_EVENT_NO_PLACE && rank(x->kind) >= 3)
        return false;
    uint32_t last = y->te - 1;
    if (y->te > y->tb + 3 && lga_at(c, y->te - 3))
        return true;
    return capitalised(c, last) && word_in(c, last, &gm_attach_place_types_w) &&
           !word_is(c, last, "city");
}

/* Whether token k is an article, which opens a noun phrase. */
static bool article_at(const ctx *c, uint32_t k)
{
    return word_is(c, k, "the") || word_is(c, k, "a") || word_is(c, k, "an");
}

/* Whether the possessive x owns a part of a place: "X's eastern
 * outskirts", "X's perimeter" (then X is a place). */
bool gm_attach_owns_part(const ctx *c, const cand *x)
{
    static const char *const parts[] = {
        "outskirts", "perimeter", "perimeters", "periphery", "edge",
        "edges", "fringes", "countryside", "environs", "vicinity",
        "suburbs", NULL
    };
    static gm_event_words parts_w = { parts, NULL };
    uint32_t k = x->te + (bare_s_at(c, x->te) ? 1 : 2);
    for (uint32_t j = k; j < c->se && j < k + 3; j++) {
        if (word_in(c, j, &parts_w))
            return true;
        if (!is_word(c, j) || capitalised(c, j))
            return false;
    }
    return false;
}

/* Whether the noun at p names countries and x is one: "the Y states of
 * X", "the Y republic of X" (Y names a group or a region). */
static bool country_noun_of(const ctx *c, uint32_t p, const cand *x)
{
    static const char *const nouns[] = {
        "states", "countries", "nations", "republic", "republics", NULL
    };
    static gm_event_words nouns_w = { nouns, NULL };
    return x->kind == GM_KIND_COUNTRY && word_in(c, p, &nouns_w);
}

/* Whether the building x names is a large facility ("the X Power
 * Plant", "the X Hospital"), a place of its own more than a business:
 * "outside the X Plant near Y" is at X. */
static bool facility(const ctx *c, const cand *x)
{
    static const char *const nouns[] = {
        "plant", "factory", "hospital", "prison", "stadium", "station",
        NULL
    };
    static gm_event_words nouns_w = { nouns, NULL };
    return word_in(c, x->te - 1, &nouns_w) ||
           (x->te < c->se && word_in(c, x->te, &nouns_w));
}

/* Whether y's own name calls it a division: "X District", "X LGA". */
static bool division_name(const ctx *c, const cand *y)
{
    uint32_t last = y->te - 1;
    return (y->te > y->tb + 3 && lga_at(c, y->te - 3)) ||
           (last > y->tb && capitalised(c, last) &&
            word_in(c, last, &gm_attach_division_words_w));
}

/* Whether x lies in y by the gazetteer, or y's name calls it a division
 * and x's does not: "X village of Y District". */
static bool lies_in(const ctx *c, const cand *x, const cand *y)
{
    if (y->place != GM_EVENT_NO_PLACE &&
        (x->country == y->place || x->admin1 == y->place))
        return true;
    return division_name(c, y) && !division_name(c, x);
}

/* The candidate that ends right before token k, skipping determiners,
 * adjectives and lower-case place nouns ("Goris town in"), if any. */
static cand *cand_before(ctx *c, uint32_t k, const cand *self)
{
    for (int steps = 0; k > c->sb && steps < 4; steps++) {
        k--;
        cand *y = cand_at(c, k);
        if (y && y != self)
            return y;
        /* "X local government area in Y" */
        if (k >= c->sb + 2 && lga_at(c, k - 2) && !capitalised(c, k)) {
            k -= 2;
            continue;
        }
        /* "X refugee camp near Y": a noun before the place noun */
        const cand *named = k > c->sb ? cand_at(c, k - 1) : NULL;
        bool compound = k + 1 < c->se && is_word(c, k) && !capitalised(c, k) &&
                        !cues(c, k) && tok(c, k)->fold_len > 2 &&
                        word_in(c, k + 1, &gm_attach_place_nouns_w) &&
                        !capitalised(c, k + 1) && named &&
                        named->place != GM_EVENT_NO_PLACE;
        if (!(word_in(c, k, &gm_attach_determiners_w) || word_in(c, k, &gm_attach_adjectives_w) ||
              comma(c, k) || compound ||
              (word_in(c, k, &gm_attach_place_nouns_w) && !capitalised(c, k))))
            return NULL;
    }
    return NULL;
}

/* Whether the preposition at k follows a verb that says where a place
 * before it lies: "X, which lies on Y", "X that is situated along Y". */
static bool says_where_lies(ctx *c, uint32_t k, const cand *x)
{
    static const char *const verbs[] = {
        "located", "situated", "lies", "lying", "nestled", "sits", NULL
    };
    static gm_event_words verbs_w = { verbs, NULL };
    if (k <= c->sb || !word_in(c, k - 1, &verbs_w))
        return false;
    for (uint32_t j = k - 1; j > c->sb && k - j < 6;) {
        j--;
        const cand *y = cand_at(c, j);
        if (y && y != x)
            return gm_attach_plausible(c, y);
    }
    return false;
}

/* Whether the direction at token p after an article names a part of the
 * place after "of", not a landmark outside it: "in the south of X", "in
 * the east and west of X" (but "east of X"). */
static bool direction_part(const ctx *c, uint32_t p)
{
    if (p > c->sb && word_is(c, p - 1, "the"))
        return true;
    return p > c->sb + 2 && word_is(c, p - 1, "and") &&
           word_in(c, p - 2, &gm_attach_directions_w) && word_is(c, p - 3, "the");
}

/* Whether the direction at token d opens an apposition to the place
 * before it ("X, 80 kilometres east of Y", "X, east of Y"): Y only says
 * where X lies. */
static bool landmark_of_apposition(ctx *c, uint32_t d, const cand *x)
{
    static const char *const distance_words[] = {
        "km", "kms", "kilometers", "kilometres", "kilometer", "kilometre",
        "miles", "mile", "some", "about", "around", "roughly", "nearly",
        "just", "approximately", "almost", "only", NULL
    };
    static gm_event_words distance_words_w = { distance_words, NULL };
    uint32_t k = d;
    while (k > c->sb) {
        k--;
        if (tok(c, k)->kind == GM_TOK_NUMBER ||
            word_in(c, k, &distance_words_w) ||
            punct_is(c, k, '(') || punct_is(c, k, ')'))
            continue;
        break;
    }
    if (!(comma(c, k) || strong_punct(c, k)))
        return false;
    const cand *y = cand_before(c, k, x);
    return y && gm_attach_plausible(c, y);
}

/* Whether the trigger is a past participle: "-ed" or an irregular one. */
static bool participle(const ctx *c)
{
    static const char *const irregular[] = {
        "shot", "taken", "hit", "struck", "overrun", "held", "seized",
        "beaten", "slain", "blown", "caught", "sent", "besieged", NULL
    };
    return ends_in(c, c->te - 1, "ed", 3) ||
           gm_event_word_in(c->doc, c->te - 1, irregular);
}

/* Whether token k is an adverb in "-ly": "heavily", "densely". */
static bool ly_adverb(const ctx *c, uint32_t k)
{
    return tok(c, k)->kind == GM_TOK_WORD && ends_in(c, k, "ly", 3);
}

/* Words for a share of a place: "much of X", "parts of X". */
static const char *const shares[] = {
    "much", "most", "all", "part", "parts", "half", "swaths", "swathes",
    "areas", NULL
};
static gm_event_words shares_w = { shares, NULL };

/* The end of the subject's head noun after a name that starts at k:
 * "X's coastal waters", "the X office of Y", "the X area"; k itself when
 * no lower-case noun follows. */
static uint32_t subject_head_end(const ctx *c, uint32_t k)
{
    uint32_t j = k;
    if (possessive_at(c, j))
        j += 2;
    else if (bare_s_at(c, j))
        j++;
    uint32_t n = 0;
    while (j < c->tb && n < 4 && tok(c, j)->kind == GM_TOK_WORD &&
           !capitalised(c, j) &&
           !(cues(c, j) & (GM_CUE_FUNCTION | GM_CUE_LOCATIVE)) &&
           !word_in(c, j, &passive_words_w)) {
        j++;
        n++;
    }
    if (n == 0)
        return k;
    /* "the X office of Y": the head's own complement ("the X village of
     * Y": Y is the subject, which X contains) */
    if (j + 1 < c->tb && word_is(c, j, "of") && capitalised(c, j + 1) &&
        !word_in(c, j - 1, &gm_attach_place_nouns_w)) {
        uint32_t e = gm_attach_name_end(c, j + 1);
        if (e > j + 1)
            j = e;
    }
    return j;
}

/* "X was completely encircled", "X, which borders Y, was captured",
 * "X and Y were shelled", "X's coastal waters are patrolled": x is the
 * passive trigger's subject, or names where it is, the place the event
 * befell. */
static bool passive_patient(ctx *c, const cand *x)
{
    if (x->te > c->tb || !participle(c))
        return false;
    uint32_t k = x->te;
    /* "X and Y were ...": step over the names coordinated after x */
    for (;;) {
        uint32_t j = k;
        if (j < c->tb && (word_is(c, j, "and") || comma(c, j))) {
            cand *y = j + 1 < c->tb ? cand_at(c, j + 1) : NULL;
            if (y && y->tb == j + 1) {
                k = y->te;
                continue;
            }
        }
        break;
    }
    k = subject_head_end(c, k);
    /* an apposition: "the capital, X, is patrolled" */
    bool apposition = x->tb > c->sb && comma(c, x->tb - 1) &&
                      k + 1 < c->tb && comma(c, k) &&
                      word_in(c, k + 1, &passive_words_w);
    if (apposition)
        k++;
    /* a parenthesis between commas: ", which borders Y," */
    if (k < c->tb && comma(c, k)) {
        uint32_t j = k + 1;
        while (j < c->tb && j < k + 20 && !comma(c, j))
            j++;
        if (j >= c->tb || !comma(c, j))
            return false;
        k = j + 1;
    }
    bool aux = false;
    for (; k < c->tb; k++) {
        if (!word_in(c, k, &passive_words_w) && !ly_adverb(c, k))
            return false;
        if (word_is(c, k, "is") ||
            word_is(c, k, "was") ||
            word_is(c, k, "were") ||
            word_is(c, k, "are") ||
            word_is(c, k, "been") ||
            word_is(c, k, "being"))
            aux = true;
    }
    /* x opens its clause */
    uint32_t b = x->tb;
    while (b > c->sb && word_in(c, b - 1, &gm_attach_determiners_w))
        b--;
    /* "much of X", "parts of X": a share of it */
    if (b > c->sb + 1 && word_is(c, b - 1, "of") && word_in(c, b - 2, &shares_w))
        b -= 2;
    bool opens = b == c->sb || comma(c, b - 1) || strong_punct(c, b - 1) ||
                 word_is(c, b - 1, "and");
    return aux && opens;
}

/* Whether the lower-case word k inside the noun phrase of x is a
 * premodifier the word lists do not hold: between a determiner, an
 * adjective or a preposition and the name ("in tense northwestern X", "a
 * crowded X street", "the former X"), or "and" between two adjectives
 * ("central and northern X"). A word after anything else is no premodifier
 * ("troops attacked X"). */
static bool premodifier(const ctx *c, uint32_t k, const cand *x)
{
    if (k <= c->sb || k + 1 >= c->se || capitalised(c, k) || !is_word(c, k) ||
        tok(c, k)->kind != GM_TOK_WORD || c->tok_mention[k] >= 0 ||
        x->tb - k > 3)
        return false;
    if (word_is(c, k, "and") || word_is(c, k, "or"))
        return word_in(c, k - 1, &gm_attach_adjectives_w) && word_in(c, k + 1, &gm_attach_adjectives_w);
    if (cues(c, k) & (GM_CUE_FUNCTION | GM_CUE_SPEECH | GM_CUE_LOCATIVE |
                      GM_CUE_CALENDAR))
        return false;
    uint32_t p = k - 1;
    if (p >= c->tb && p < c->te)
        return false;
    /* "on heavily damaged X": an adverb before the premodifier */
    if (p > c->sb && ly_adverb(c, p) &&
        (word_in(c, p - 1, &gm_attach_determiners_w) || word_in(c, p - 1, &gm_attach_loc_preps_w) ||
         word_in(c, p - 1, &on_preps_w)))
        return true;
    return word_in(c, p, &gm_attach_determiners_w) || word_in(c, p, &gm_attach_loc_preps_w) ||
           word_in(c, p, &on_preps_w) || word_is(c, p, "from") ||
           (word_in(c, p, &gm_attach_adjectives_w) && p > c->sb &&
            (word_in(c, p - 1, &gm_attach_determiners_w) || word_in(c, p - 1, &gm_attach_loc_preps_w)));
}

/* "in another Y township, X": a name after a determiner and before the
 * settlement noun that renames x contains x; marks it. */
static bool mark_town_owner(ctx *c, uint32_t k, const cand *x)
{
    cand *y = cand_at(c, k);
    if (!y || y == x || y->te != k + 1 || y->tb <= c->sb ||
        !word_in(c, y->tb - 1, &gm_attach_determiners_w))
        return false;
    y->container = true;
    return true;
}

/* Where the owner of "controlled" starts in "the Free Army (FA)
 * controlled X", "the Syrian government held X": the determiner before
 * capitalised words, a parenthesis and the nouns of who holds a place;
 * UINT32_MAX when k is no such word (a verb: "rebels held X"). */
static uint32_t held_owner_start(const ctx *c, uint32_t k)
{
    static const char *const holders[] = {
        "government", "regime", "army", "rebel", "rebels", "opposition",
        "militia", "militias", "jihadist", "jihadists", "militant",
        "militants", "insurgent", "insurgents", NULL
    };
    static gm_event_words holders_w = { holders, NULL };
    bool owner = false;
    for (uint32_t j = k; j > c->sb && k - j < 10;) {
        j--;
        if (punct_is(c, j, ')')) {
            while (j > c->sb && !punct_is(c, j, '('))
                j--;
            continue;
        }
        if (word_in(c, j, &gm_attach_determiners_w))
            return owner ? j : UINT32_MAX;
        if (capitalised(c, j) || word_in(c, j, &holders_w) ||
            (owner && inner_joiner(c, j))) {
            owner = true;
            continue;
        }
        return UINT32_MAX;
    }
    return UINT32_MAX;
}

/* The locative preposition that governs the lower-case noun p before
 * "of" ("on the doorstep of", "at the gates of"), UINT32_MAX when none. */
static uint32_t of_head_locative(const ctx *c, uint32_t p)
{
    if (tok(c, p)->kind != GM_TOK_WORD || capitalised(c, p) ||
        (cues(c, p) & GM_CUE_FUNCTION) || c->tok_mention[p] >= 0)
        return UINT32_MAX;
    for (uint32_t j = p; j > c->sb && p - j < 4;) {
        j--;
        if (j >= c->tb && j < c->te)
            return UINT32_MAX;
        if (word_in(c, j, &gm_attach_loc_preps_w) || word_in(c, j, &on_preps_w))
            return j;
        if (!(word_in(c, j, &gm_attach_determiners_w) || word_in(c, j, &gm_attach_adjectives_w)))
            return UINT32_MAX;
    }
    return UINT32_MAX;
}

/* Whether "by" at k follows a verb of going past in the active ("a
 * convoy passed by X", "drove by X"), where it says beside, not who. */
static bool passing_by(const ctx *c, uint32_t k)
{
    static const char *const passing[] = {
        "passed", "passing", "drove", "driving", "walked", "walking",
        "went", "going", "ran", "running", NULL
    };
    static gm_event_words passing_w = { passing, NULL };
    static const char *const be[] = {
        "be", "been", "being", "is", "was", "were", "are", NULL
    };
    static gm_event_words be_w = { be, NULL };
    return k > c->sb + 1 && word_in(c, k - 1, &passing_w) &&
           !word_in(c, k - 2, &be_w);
}

/* The governor of the names after "between" at k: in "in the waters
 * between X and Y" the locative of the place noun before it, which *k
 * becomes; else GOV_BETWEEN ("a dispute between X and Y"). */
static gov_kind between_locative(const ctx *c, uint32_t b, uint32_t *k)
{
    if (b == c->sb || !word_in(c, b - 1, &gm_attach_place_nouns_w))
        return GOV_BETWEEN;
    uint32_t prep = of_head_locative(c, b - 1);
    if (prep == UINT32_MAX)
        return GOV_BETWEEN;
    *k = prep;
    return word_in(c, prep, &on_preps_w) ? GOV_ON : GOV_LOC;
}

/* Whether a candidate other than x ends at token p in a division's or a
 * settlement's noun ("the X District", "X City"). */
static bool typed_run_before(ctx *c, uint32_t p, const cand *x)
{
    const cand *y = cand_at(c, p);
    return y && y != x && y->te == p + 1 && y->tb < p &&
           (word_in(c, p, &division_nouns_w) ||
            word_in(c, p, &settlement_nouns_w));
}

/* Whether the noun x qualifies is a building or a home ("a X cafe", "his
 * X residence"). */
static bool building_after(const ctx *c, const cand *x)
{
    static const char *const home_nouns[] = {
        "home", "house", "residence", "apartment", "flat", "villa", NULL
    };
    static gm_event_words home_nouns_w = { home_nouns, NULL };
    return x->te < c->se && (word_in(c, x->te, &gm_attach_business_nouns_w) ||
                             word_in(c, x->te, &home_nouns_w));
}

/* Whether token k closes a short quoted aside of words (up to 4) with no
 * candidate in it; its opening quote, else UINT32_MAX. */
static uint32_t quoted_aside_start(ctx *c, uint32_t k)
{
    if (!punct_is(c, k, '"'))
        return UINT32_MAX;
    for (uint32_t o = k; o > c->sb && k - o <= 5;) {
        o--;
        if (punct_is(c, o, '"'))
            return o + 1 < k ? o : UINT32_MAX;
        if (!is_word(c, o) || cand_at(c, o))
            return UINT32_MAX;
    }
    return UINT32_MAX;
}

/* The governor of candidate x, walking left. */
void gm_attach_governor(ctx *c, cand *x)
{
    bool passed_place_noun = false;
    bool phrase_opened = false;   /* an article before the place noun */
    uint32_t k = x->tb;
    int steps = 0;
    x->gov = GOV_NONE;
    x->siege = false;
    if (passive_patient(c, x)) {
        x->gov = GOV_TRIGGER;
        return;
    }
    while (k > c->sb && steps < GOVERNOR_TOKENS) {
        k--;
        steps++;
        if (k >= c->tb && k < c->te) {
            x->gov = GOV_TRIGGER;
            return;
        }
        const gm_token *t = tok(c, k);
        /* "Yemen's Shabwa province": the owner contains x */
        bool bare = bare_s_at(c, k);
        if (word_is(c, k, "s") && k > c->sb + 1 &&
            (joiner(c, k - 1) || bare)) {
            if (bare)
                k++; /* the owner ends right before the "s" */
            cand *owner = cand_at(c, k - 2);
            if (owner && owner != x) {
                owner->possessive = true;
                /* "X's Y hospital": the building is in X, which the
                 * event is placed at */
                owner->container = !x->business;
                k = owner->tb;
                continue;
            }
            /* "in the city's X district": skip the owner */
            if (!capitalised(c, k - 2)) {
                k -= 2;
                continue;
            }
            /* "in the Y Agency's X area": an owner no candidate holds
             * (a body, a person), skipped whole */
            uint32_t o = k - 2;
            while (o > c->sb && k - 2 - o < 4 && capitalised(c, o - 1) &&
                   c->tok_mention[o - 1] < 0)
                o--;
            if (o > c->sb && !capitalised(c, o - 1)) {
                k = o;
                continue;
            }
            x->gov = GOV_OTHER;
            return;
        }
        if (t->kind == GM_TOK_PUNCT) {
            if (joiner(c, k))
                continue;
            /* a parenthesis: "the Free Army (FA) controlled
             * village of X" */
            if (punct_is(c, k, ')')) {
                uint32_t open = k;
                while (open > c->sb && !punct_is(c, open, '('))
                    open--;
                if (punct_is(c, open, '(')) {
                    k = open;
                    continue;
                }
            }
            /* a short quoted aside: shelled "by mistake" the village
             * of X */
            uint32_t open = quoted_aside_start(c, k);
            if (open != UINT32_MAX) {
                k = open;
                continue;
            }
            /* an apposition: "near the capital, X", "in Y's largest city,
             * X": X renames the place noun, whose phrase governs it */
            if (k + 1 == x->tb && comma(c, k) && k > c->sb + 1 &&
                !capitalised(c, k - 1) && word_in(c, k - 1, &settlement_nouns_w) &&
                (word_in(c, k - 2, &gm_attach_determiners_w) ||
                 word_in(c, k - 2, &gm_attach_adjectives_w) ||
                 (k >= c->sb + 3 && possessive_at(c, k - 3)) ||
                 bare_s_at(c, k - 2) ||
                 premodifier(c, k - 2, x) ||
                 mark_town_owner(c, k - 2, x))) {
                x->named = true;
                x->place_noun = true;
                passed_place_noun = true;
                k--;
                continue;
            }
            return; /* a comma or a clause mark */
        }
        if (t->kind == GM_TOK_NUMBER)
            continue;
        /* "shelling hit X": the object of the trigger's verb */
        if (k == c->te && word_in(c, k, &gm_attach_impact_verbs_w)) {
            x->gov = GOV_TRIGGER;
            return;
        }
        /* "rebel-held": the word, the hyphen, the prefix */
        if ((word_in(c, k, &held_words_w) || word_in(c, k, &stricken_words_w)) &&
            k >= c->sb + 2 && joiner(c, k - 1)) {
            k -= 2;
            continue;
        }
        /* "the Syrian government controlled X", "the Free Army (FA)
         * held X": who holds it, without a hyphen, after a determiner */
        if (k + 1 == x->tb && word_in(c, k, &held_words_w)) {
            uint32_t d = held_owner_start(c, k);
            if (d != UINT32_MAX) {
                k = d + 1;
                continue;
            }
        }
        if (word_is(c, k, "of")) {
            if (k == c->sb)
                return;
            uint32_t p = k - 1;
            /* "the shelling of X": the trigger's object; "captured all of
             * X", "patrolled parts of X": a share of it */
            if ((p >= c->tb && p < c->te) ||
                (p == c->te && word_in(c, p, &shares_w))) {
                /* what has shares is a place, whatever the verb */
                if (p == c->te)
                    x->place_noun = true;
                x->gov = GOV_TRIGGER;
                return;
            }
            if (word_in(c, p, &gm_attach_directions_w) && !direction_part(c, p)) {
                x->gov = GOV_DIR;
                x->gov_tok = p;
                x->container |= landmark_of_apposition(c, p, x);
                return;
            }
            /* "the X District of Y", "X City of Y": a run that calls
             * itself a division or a settlement is the place, the name
             * after "of" only contains it */
            if (capitalised(c, p) && typed_run_before(c, p, x)) {
                x->container = true;
                x->gov = GOV_OF;
                return;
            }
            /* "inside of X", "outside of X": the locative itself */
            if (word_in(c, p, &gm_attach_loc_preps_w)) {
                x->gov = GOV_LOC;
                x->gov_tok = p;
                return;
            }
            if (is_word(c, p) && !capitalised(c, p) &&
                word_in(c, p, &gm_attach_place_nouns_w)) {
                cand *before = cand_before(c, p, x);
                /* "the Yerevan suburb of X": a known place before an
                 * unknown one names the bigger */
                bool naming = before && before->place != GM_EVENT_NO_PLACE &&
                              x->place == GM_EVENT_NO_PLACE;
                /* "the Y state of X" where Y holds X: Y is the container
                 * whatever the noun */
                bool inside = before && (lies_in(c, x, before) ||
                                         country_noun_of(c, p, x));
                if (before && before->tb + 3 >= p && !naming && !inside &&
                    (!word_in(c, p, &settlement_nouns_w) ||
                     lies_in(c, before, x))) {
                    /* "the X district of Y", "X village of Y District":
                     * X is the place */
                    x->container = true;
                    x->gov = GOV_OF;
                    return;
                }
                x->place_noun = true;
                if (naming || !word_in(c, p, &subunit_nouns_w)) {
                    /* "the town of X" */
                    x->named = true;
                    passed_place_noun = true;
                }
                k = p;
                continue;
            }
            /* "on the doorstep of his X home": a known place before the
             * noun of a building, under the locative of the noun before
             * "of" */
            uint32_t prep = x->modifier && x->place != GM_EVENT_NO_PLACE
                                ? of_head_locative(c, p)
                                : UINT32_MAX;
            if (prep != UINT32_MAX) {
                x->gov = word_in(c, prep, &on_preps_w) ? GOV_ON : GOV_LOC;
                x->gov_tok = prep;
                return;
            }
            x->gov = GOV_OF;
            x->siege = word_in(c, p, &siege_nouns_w);
            return;
        }
        cand *other = cand_at(c, k);
        if (other && other != x) {
            /* "the West Bank town of X", "Aleppo province's X" */
            if (passed_place_noun) {
                other->container = true;
                k = other->tb;
                continue;
            }
            x->gov = GOV_OTHER;
            return;
        }
        /* "two areas known as X", "a village called X": the place
         * noun names x */
        if (k + 1 == x->tb && k > c->sb + 1 &&
            ((word_is(c, k, "as") && word_is(c, k - 1, "known")) ||
             word_is(c, k, "called") || word_is(c, k, "named"))) {
            uint32_t p = word_is(c, k, "as") ? k - 2 : k - 1;
            if (!capitalised(c, p) && word_in(c, p, &gm_attach_place_nouns_w)) {
                x->named = true;
                x->place_noun = true;
                passed_place_noun = true;
                k = p;
                continue;
            }
        }
        /* "the capital Yerevan", "the town Y", "the southern province
         * Y": the noun names x */
        if (k + 1 == x->tb && !capitalised(c, k) &&
            (word_in(c, k, &settlement_nouns_w) ||
             word_in(c, k, &division_nouns_w))) {
            x->named = true;
            passed_place_noun = true;
            continue;
        }
        /* "shot down a plane": a particle, not a preposition; what follows
         * is the verb's object, a thing or a person */
        if (k > c->sb && word_is(c, k, "down") &&
            gm_event_lemma_in(c->doc, k - 1, particle_down_verbs)) {
            x->gov = GOV_OTHER;
            return;
        }
        gov_kind g = GOV_NONE;
        if (word_in(c, k, &gm_attach_loc_preps_w))
            g = GOV_LOC;
        /* "bombs struck X, killing 5": another verb's object where the
         * blow fell */
        else if (word_in(c, k, &gm_attach_impact_verbs_w))
            g = GOV_ON;
        /* "launched an assault to capture X": what the trigger aims at */
        else if (k >= c->te && k > c->sb && word_is(c, k - 1, "to") &&
                 word_in(c, k, &taking_verbs_w))
            g = GOV_ON;
        /* "close to X", "at the entrance to X", "on a road leading to
         * X": where, not whither */
        else if (word_is(c, k, "to") && k > c->sb &&
                 (word_is(c, k - 1, "close") ||
                  word_is(c, k - 1, "next") ||
                  word_is(c, k - 1, "entrance") ||
                  word_is(c, k - 1, "entrances") ||
                  word_is(c, k - 1, "gates") ||
                  word_is(c, k - 1, "leading")))
            g = GOV_LOC;
        else if (word_in(c, k, &on_preps_w))
            g = GOV_ON;
        /* "went in to X": "into" written as two words */
        else if (word_is(c, k, "to") && k > c->sb && word_is(c, k - 1, "in"))
            g = GOV_LOC;
        else if (word_in(c, k, &to_preps_w))
            g = GOV_TO;
        else if (word_is(c, k, "from"))
            g = GOV_FROM;
        else if (word_is(c, k, "between"))
            g = between_locative(c, k, &k);
        /* "a convoy passed by X": beside it, not an agent ("was passed
         * by X") */
        else if (word_is(c, k, "by") && passing_by(c, k))
            g = GOV_LOC;
        else if (word_is(c, k, "by"))
            g = GOV_BY;
        if (g != GOV_NONE) {
            x->gov = g;
            x->gov_tok = k;
            if (k > c->sb && word_in(c, k - 1, &gm_attach_general_nouns_w))
                x->general = true;
            if (says_where_lies(c, k, x))
                x->container = true;
            /* "X in Y", "X near Y": Y only says where X is */
            if (g == GOV_LOC) {
                cand *inner = cand_before(c, k, x);
                if (inner && inner->gov == GOV_DIR && !gm_attach_contains(c, x, inner))
                    /* "north of X in Y": X only says where Y lies */
                    inner->container = true;
                /* "in Y inside his X home", "in Y at a X cafe": a name
                 * that qualifies a building's or a spot's noun is inside
                 * Y, which only says where it lies */
                else if (inner && x->modifier && building_after(c, x) &&
                         inner->gov == GOV_LOC &&
                         !gm_attach_contains(c, x, inner) && gm_attach_plausible(c, inner))
                    inner->container = true;
                else if (inner && !gm_attach_contains(c, inner, x) &&
                         (!inner->container || gm_attach_contains(c, x, inner)) &&
                         (!inner->business || facility(c, inner)) &&
                         gm_attach_plausible(c, inner))
                    /* "X in Y", "X in Y in Z": Y and Z only say where X
                     * lies */
                    x->container = true;
            }
            return;
        }
        /* "in Islamic X", "near Christian X": a faith qualifies the
         * place as an adjective does */
        if (word_in(c, k, &gm_attach_determiners_w) || word_in(c, k, &gm_attach_adjectives_w) ||
            word_in(c, k, &gm_attach_faith_words_w) || word_is(c, k, "islamic")) {
            if (passed_place_noun && article_at(c, k))
                phrase_opened = true;
            continue;
        }
        /* a demonym ("the Syrian town of") is part of the phrase */
        int32_t m = c->tok_mention[k];
        if (m >= 0 && (c->doc->mentions->v[m].name_flags & GM_NAME_DEMONYM))
            continue;
        /* "captured the village of X": the article opened the phrase, the
         * word before it is another verb */
        if (phrase_opened) {
            /* "between X and the region of Y": Y shares X's governor */
            cand *first = (word_is(c, k, "and") || word_is(c, k, "or"))
                              ? cand_before(c, k, x)
                              : NULL;
            x->gov = first ? first->gov : GOV_OTHER;
            x->gov_tok = first ? first->gov_tok : UINT32_MAX;
            return;
        }
        if (passed_place_noun)
            continue; /* "the densely populated town of" */
        if (x->modifier && !capitalised(c, k) && steps <= 3)
            continue; /* "an upscale X restaurant" */
        if (premodifier(c, k, x))
            continue; /* "in tense northwestern X", "a crowded X street" */
        x->gov = GOV_OTHER;
        return;
    }
}

/* Whether a holder of territory starts at token k: a name ("from X"), or
 * a name or an armed force's noun after "the" ("from the rebels", "from
 * the Y army"); not a place a person hid in ("from a house"). */
static bool holder_at(const ctx *c, uint32_t k)
{
    if (k < c->se && capitalised(c, k))
        return true;
    if (k >= c->se || !word_is(c, k, "the"))
        return false;
    for (uint32_t j = k + 1; j < c->se && j <= k + 3; j++)
        if (capitalised(c, j) || word_in(c, j, &gm_attach_actor_nouns_w))
            return true;
    return false;
}

/* Whether x, the trigger's object, is territory taken from someone: a
 * verb of taking, then the name (and the names of its list) and "from"
 * before the holder ("captured X and Y from the army", not "captured X in
 * Y"). */
static bool taken_from(const ctx *c, const cand *x)
{
    static const char *const verbs[] = {
        "capture", "recapture", "seize", "retake", NULL
    };
    if (x->gov != GOV_TRIGGER || !gm_event_lemma_in(c->doc, c->tb, verbs))
        return false;
    for (uint32_t k = x->te; k < c->se && k < x->te + COORD_TOKENS; k++) {
        if (word_is(c, k, "from"))
            return holder_at(c, k + 1);
        if (!(capitalised(c, k) || comma(c, k) || joiner(c, k) ||
              word_is(c, k, "and")))
            return false;
    }
    return false;
}

/* A name that may be a location: known to the gazetteer, or in a place
 * slot (a business's name before its noun is not: "the Blue Lantern bar"). */
bool gm_attach_plausible(const ctx *c, const cand *x)
{
    /* "X said": who speaks (unless the saying is the event: "groups in
     * X said") */
    if (x->speaker && x->te != c->tb)
        return false;
    /* "marched against X": a name after "against" is whom the event
     * opposes (a person, a party, a state), not where it was */
    if (x->gov == GOV_ON && x->gov_tok != UINT32_MAX &&
        word_is(c, x->gov_tok, "against"))
        return false;
    if (x->place != GM_EVENT_NO_PLACE)
        return true;
    if (x->possessive && !x->container && !gm_attach_owns_part(c, x))
        return false;
    /* "patrolled the X station", "at the X Hotel": a building in a place
     * slot is where the event was; elsewhere a business */
    /* "captured the X Power Plant": a large facility is a place, as the
     * object of any verb */
    if (x->business)
        return x->gov == GOV_LOC ||
               (x->gov == GOV_TRIGGER && (c->place_object || facility(c, x)));
    /* "marched against X": a name the gazetteer does not hold after
     * "against" is whom the event opposes (a person, a party) */
    if (x->gov == GOV_ON && x->gov_tok != UINT32_MAX &&
        word_is(c, x->gov_tok, "against"))
        return false;
    /* "stormed X", "patrolled X": a verb whose object is a place;
     * "captured X from the army": territory */
    if (x->gov == GOV_TRIGGER && (c->place_object || taken_from(c, x)))
        return true;
    switch (x->gov) {
    case GOV_LOC:
    case GOV_ON:
    case GOV_TO:
    case GOV_FROM:
    case GOV_DIR:
    case GOV_BETWEEN:
        return true;
    default:
        return x->place_noun || x->siege;
    }
}
