/* The names coordinated with the best candidate ("in X, Y and Z", "X and
 * Y were shelled") and the rules of a list that attach.c applies to them:
 * where a list goes on, where an address does ("X, Y, Z"), where a name's
 * span ends. */
#include "events/attach_internal.h"

/* Whether token k is a demonym's mention ("the French town of"). */
static bool demonym_at(const ctx *c, uint32_t k)
{
    int32_t m = c->tok_mention[k];
    return m >= 0 && (c->doc->mentions->v[m].name_flags & GM_NAME_DEMONYM);
}

/* Where the span of x ends: an unknown name before a lower-case noun of
 * a building, at most two lower-case words apart, is named for a person
 * or a body, and the noun is part of its name ("the X maternity
 * hospital", "the Y school"); a known place before it is only the town it
 * stands in ("a Y hotel": Y). */
uint32_t gm_attach_span_end(const ctx *c, const cand *x)
{
    static const char *const buildings[] = {
        "hospital", "school", "academy", "mall", "stadium", "shrine",
        "mosque", "church", "prison", "hotel", "university", NULL
    };
    static gm_event_words buildings_w = { buildings, NULL };
    static const char *const shared[] = {
        "lgas", "districts", "provinces", "counties", "governorates",
        "states", "regions", "municipalities", NULL
    };
    static gm_event_words shared_w = { shared, NULL };
    /* "the X and Y Districts": a plural type after the last of a list is
     * the list's, not part of the last name */
    if (x->te > x->tb + 1 && x->tb > c->sb &&
        word_is(c, x->tb - 1, "and") && word_in(c, x->te - 1, &shared_w))
        return x->te - 1;
    if (x->place != GM_EVENT_NO_PLACE)
        return x->te;
    for (uint32_t k = x->te; k < c->se && k < x->te + 3; k++) {
        if (!is_word(c, k) || capitalised(c, k) ||
            (cues(c, k) & GM_CUE_FUNCTION))
            break;
        if (word_in(c, k, &buildings_w))
            return k + 1;
    }
    return x->te;
}

/* Whether the building y, listed after or before x, is one of the places
 * a locative or the trigger's object lists ("shelled the villages of X,
 * Y and the Z hospital"): its own name then says it is a building. */
static bool in_list_of_places(const ctx *c, const cand *x, const cand *y)
{
    return (x->gov == GOV_LOC || x->gov == GOV_TRIGGER ||
            x->gov == GOV_NONE) &&
           gm_attach_span_end(c, y) > y->te;
}

/* Whether a lower-case division noun follows y ("Y county", "Y local
 * government area"): "X village, Y county" names where X lies. */
bool gm_attach_division_after(const ctx *c, const cand *y)
{
    uint32_t k = y->te;
    return k < c->se && !capitalised(c, k) &&
           (word_in(c, k, &gm_attach_division_words_w) || lga_at(c, k));
}

/* Whether token k is a relative pronoun ("that", "which", "who"). */
static bool relative_pronoun(const ctx *c, uint32_t k)
{
    return word_is(c, k, "that") || word_is(c, k, "which") ||
           word_is(c, k, "who");
}

/* After the "in" at k right after x: the token past the container it
 * brings in ("in the province of Y", "in the Y province", "in Y"), or k
 * when what follows is no container of x. */
static uint32_t past_container_of(ctx *c, const cand *x, uint32_t k)
{
    for (uint32_t j = k + 1; j < c->se && j < k + 5; j++) {
        cand *z = cand_at(c, j);
        if (z) {
            /* "the X hospital in the town of Y": a building's town */
            if (!gm_attach_contains(c, z, x) && !gm_attach_division_after(c, z) &&
                !(gm_attach_span_end(c, x) > x->te && z->place_noun))
                return k;
            uint32_t e = z->te;
            if (e < c->se && !capitalised(c, e) &&
                word_in(c, e, &gm_attach_place_nouns_w))
                e++;
            return e;
        }
        if (!(word_in(c, j, &gm_attach_determiners_w) || word_is(c, j, "of") ||
              word_in(c, j, &gm_attach_place_nouns_w)))
            return k;
    }
    return k;
}

/* Whether a place noun comes shortly before x ("villages near X"). */
static bool place_noun_before(const ctx *c, const cand *x)
{
    for (uint32_t k = x->tb; k > c->sb && k + 4 > x->tb; k--)
        if (word_in(c, k - 1, &gm_attach_place_nouns_w))
            return true;
    return false;
}

/* The candidate coordinated with x in direction dir (+1 right, -1 left):
 * "X, Y and Z", "X and Y", "2,000 in X and 500 in Y"; NULL when none. */
cand *gm_attach_coordinated(ctx *c, const cand *x, int dir)
{
    static const char *const counts[] = {
        "six", "seven", "eight", "nine", "ten", "more", "others", "other",
        "another", "dozens", "hundreds", NULL
    };
    static gm_event_words counts_w = { counts, NULL };
    bool linked = false;
    /* "out of X and into Y", "his paper, X, in Y": going left past Y's
     * own preposition, the name before is in the list only when a
     * preposition of the same kind governs it ("along X and in Y") */
    bool passed_gov = false;
    uint32_t k = dir > 0 ? gm_attach_span_end(c, x) : x->tb;
    for (int steps = 0; steps < COORD_TOKENS; steps++) {
        if (dir > 0) {
            if (k >= c->se)
                return NULL;
        } else {
            if (k <= c->sb)
                return NULL;
            k--;
        }
        if (k >= c->tb && k < c->te)
            return NULL;
        /* "Goris (Syunik province) and Kapan": a parenthesis after a name */
        if (dir > 0 && punct_is(c, k, '(')) {
            uint32_t close = k + 1;
            while (close < c->se && close < k + 8 &&
                   !punct_is(c, close, ')'))
                close++;
            if (close < c->se && punct_is(c, close, ')')) {
                k = close + 1;
                continue;
            }
            return NULL;
        }
        /* "X, 'Ubin and Y": an ayin's mark glued to a name, outside
         * its span, is no stop */
        if (ayin_at(c, k)) {
            if (dir > 0)
                k++;
            continue;
        }
        /* "X that borders Y and Z": a relative clause after x is about
         * it, and what it lists is no part of x's list */
        if (dir > 0 && !linked && relative_pronoun(c, k))
            return NULL;
        /* "X in Y province and Z": the phrase only says where X lies,
         * and the list goes on past it */
        if (dir > 0 && !linked && word_is(c, k, "in")) {
            uint32_t past = past_container_of(c, x, k);
            if (past != k) {
                k = past;
                continue;
            }
        }
        cand *y = cand_at(c, k);
        /* "X, and Y's districts of Z": Y only holds what follows */
        if (y && y != x && dir > 0 && linked && y->possessive) {
            uint32_t after = y->te + (bare_s_at(c, y->te) ? 1 : 2);
            if (after < c->se && word_in(c, after, &gm_attach_place_nouns_w)) {
                k = after;
                continue;
            }
        }
        if (y && y != x) {
            /* a list makes a name a place like the others ("the villages
             * of X and Y", "X and Y were encircled": the same governor);
             * "X, south of Y" only says where X is */
            if (!linked || y->possessive || y->gov == GOV_DIR ||
                (passed_gov && y->gov != x->gov) ||
                y->speaker ||
                (y->business && !in_list_of_places(c, x, y)) ||
                y->org || y->actor ||
                (!gm_attach_plausible(c, y) && y->gov != GOV_OTHER &&
                 y->gov != GOV_NONE && y->gov != x->gov))
                return NULL;
            return y;
        }
        if (dir < 0 && k == x->gov_tok && !word_in(c, k, &gm_attach_adjectives_w))
            passed_gov = true;
        /* "X, a village near Y": an apposition says what X is */
        if (dir > 0 && k > c->sb && comma(c, k - 1) &&
            k - 1 == gm_attach_span_end(c, x) &&
            (word_is(c, k, "a") || word_is(c, k, "an")))
            return NULL;
        /* "the villages near X, including Y and Z": the places the
         * noun counts ("the battle for X, including Y": persons) */
        if (comma(c, k) || word_is(c, k, "and") ||
            word_is(c, k, "or") ||
            (dir > 0 && linked && word_is(c, k, "including") &&
             place_noun_before(c, x)))
            linked = true;
        else if (!(word_in(c, k, &gm_attach_determiners_w) || word_in(c, k, &gm_attach_adjectives_w) ||
                   word_in(c, k, &counts_w) ||
                   tok(c, k)->kind == GM_TOK_NUMBER ||
                   /* "6 in X, 5 in Y": the same preposition again */
                   (x->gov_tok != UINT32_MAX && is_word(c, k) &&
                    tok(c, k)->fold_len == tok(c, x->gov_tok)->fold_len &&
                    memcmp(folded(c, k),
                           folded(c, x->gov_tok),
                           tok(c, k)->fold_len) == 0) ||
                   /* "X and the French town of Y": going left, the
                    * phrase of Y itself */
                   (word_is(c, k, "of") &&
                    (dir > 0 || (!linked && k > c->sb &&
                                 word_in(c, k - 1, &gm_attach_place_nouns_w)))) ||
                   (word_in(c, k, &gm_attach_place_nouns_w) && (dir > 0 || !linked)) ||
                   (dir < 0 && !linked && demonym_at(c, k))))
            return NULL;
        if (dir > 0)
            k++;
    }
    return NULL;
}

/* Whether the run from x to y holds "and"/"or": a list, not a chain of
 * containers. */
bool gm_attach_list_between(const ctx *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++)
        if (word_is(c, k, "and") ||
            word_is(c, k, "or"))
            return true;
    return false;
}

/* Whether "of" lies between tokens a and b. */
bool gm_attach_of_between(const ctx *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++)
        if (word_is(c, k, "of"))
            return true;
    return false;
}

/* Whether a list goes on after y with "and"/"or" ("X, Y and Z"). */
bool gm_attach_list_goes_on(ctx *c, cand *y)
{
    for (cand *z = y; z; z = gm_attach_coordinated(c, z, +1))
        if (z != y && gm_attach_list_between(c, y->te, z->tb))
            return true;
    return false;
}

/* Whether what follows y may go on with a list: not a verb or an adverb
 * ("in X, Y said", "in X, Y quickly marched"). */
bool gm_attach_list_next(const ctx *c, const cand *y)
{
    uint32_t k = y->te;
    if (k >= c->se || tok(c, k)->kind != GM_TOK_WORD || capitalised(c, k))
        return true;
    if (cues(c, k) & GM_CUE_SPEECH)
        return false;
    return !(ends_in(c, k, "ed", 3) || ends_in(c, k, "ly", 3));
}

/* Whether y, after the trigger and ", and", is the subject of a clause of
 * its own: an auxiliary follows it ("killed in X, and Y is still held";
 * but "the villages of X and Y are shelled"). */
bool gm_attach_opens_clause(const ctx *c, const cand *y)
{
    static const char *const auxiliaries[] = {
        "is", "was", "were", "are", "has", "have", "had", "will", "would",
        NULL
    };
    static gm_event_words auxiliaries_w = { auxiliaries, NULL };
    return y->tb >= c->te + 2 && y->te < c->se &&
           word_is(c, y->tb - 1, "and") && comma(c, y->tb - 2) &&
           word_in(c, y->te, &auxiliaries_w);
}

/* Whether ", Z" after y names what contains y with no "and" between:
 * "X, Y, Z" is then an address, each name holding the one before. */
bool gm_attach_address_goes_on(ctx *c, cand *y)
{
    cand *z = gm_attach_coordinated(c, y, +1);
    return z && !gm_attach_list_between(c, y->te, z->tb) && gm_attach_contains(c, z, y);
}
