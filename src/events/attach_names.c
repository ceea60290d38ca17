/* The candidates of a trigger's sentence: its resolved mentions and the
 * capitalised names in a place slot that the gazetteer does not hold, each
 * taken whole (its extent, a place-type word, "X's"), less what is no
 * place (demonyms, acronyms, organisations, events' names), and what
 * follows each name (look_after). Their governors are
 * attach_governor.c's. */
#include "events/attach_internal.h"

/* Nouns of attacks after a country that make it the attacker: "a US
 * airstrike". */
static const char *const strike_nouns[] = {
    "airstrike", "airstrikes", "strike", "strikes", "raid", "raids",
    "attack", "attacks", "bombing", "bombings", "bombardment", "shelling",
    "offensive", "operation", "operations", "missile", "missiles",
    "rocket", "rockets", "invasion", "occupation", "blockade", "drone",
    "drones", "sanctions", "air", NULL
};
static gm_event_words strike_nouns_w = { strike_nouns, NULL };

/* Capitalised words that only qualify a name ("Eastern Zangezur"). */
static const char *const name_qualifiers[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "upper", "lower", "greater", NULL
};
static gm_event_words name_qualifiers_w = { name_qualifiers, NULL };

/* Capitalised words that start a place's name: "Mount Aragats", "Camp
 * Stannis". */
static const char *const place_prefixes[] = {
    "mount", "mt", "lake", "camp", "fort", "cape", "gulf", "bay", "port",
    "jabal", "jebel", "wadi", "tal", "tel", "tell", "kafr", "deir", "ain",
    "bab", "khan", "hawsh", NULL
};
static gm_event_words place_prefixes_w = { place_prefixes, NULL };

/* Words of organisations' names: a capitalised run holding one is no
 * place ("the Security Council", "Aleppo University"). */
static const char *const org_words[] = {
    "army", "forces", "force", "front", "brigade", "brigades", "council",
    "ministry", "party", "committee", "university", "police", "government",
    "agency", "commission", "assembly", "parliament", "congress", "court",
    "union", "organization", "organisation", "movement", "group", "corps",
    "guard", "guards", "navy", "news", "times", "post", "press", "tv",
    "television", "radio", "observatory", "company", "corporation", "inc",
    "ltd", "islamic", "association", "institute", "foundation", "office",
    "department", "service", "services", "authority", "league", "bureau",
    "network", "church", "nations", "coalition", "alliance", "militia",
    "division", "battalion", "regiment", "unit", "units", "command",
    "administration", "agence", "reuters", "associated", "daily", "club",
    "federation", "college", "embassy", "consulate", "mission", "red",
    "crescent", "cross", "fund", "program", "programme", "international",
    "national", "federal", "qaeda", "qaida", "operation", "academy",
    "shiite", "shia", "sunni", "christian", "christians", "muslim",
    "muslims", "moslem", "moslems", "jewish", "kurdish", "kurds", "druze",
    "alawite", "arab", "arabs", "catholic", "orthodox", "protestant",
    "buddhist", "hindu", "sufi", "salafi", "sikh", "yazidi", "coptic",
    "evangelical", "islamist", "jihadist", "hutu", "tutsi", "taliban",
    "hezbollah", "hamas", "fatah", "nato", "communist", "maoist", "rebel",
    "rebels", "ministers", "secretary", "general", "minister", "president",
    "airways", "airlines", "agreement", "accord", "treaty", "war", "games",
    "cup", "olympics", "olympic", "day", "islam", "jamaat", "jamaah",
    "peshmerga", "peshmergas", "daesh", "mujahideen", "militias",
    /* the Arabic words of armed groups' names: "Jabhat Al-Nusra",
     * "Jaysh Al-Fateh", "Liwaa Al-Quds" */
    "jabhat", "jabha", "jaysh", "jaish", "harakat", "harakah", "liwa",
    "liwaa", "kataib", "katibat", "nusra", "ahrar", "tahrir", "hayat",
    "fateh", NULL
};
static gm_event_words org_words_w = { org_words, NULL };

/* Lower-case particles inside Arabic, Romance and Dutch names. */
static const char *const particles[] = {
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "ed", "ez", "es", "en",
    "bin", "ibn", "de", "del", "della", "di", "da", "do", "dos", "la", "le",
    "les", "du", "van", "von", "der", "den", "ul", "e", NULL
};
static gm_event_words particles_w = { particles, NULL };

/* The general nouns a possessive names the state of: "X's civil war" (not
 * "X's history", which says where the event is). */
static const char *const war_nouns[] = {
    "war", "wars", "conflict", "crisis", "revolution", "uprising",
    "insurgency", NULL
};
static gm_event_words war_nouns_w = { war_nouns, NULL };

/* ---- candidates ------------------------------------------------------ */

static cand *push(ctx *c)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        cand *v = gm_arena_alloc(c->doc->arena, cap * sizeof *v);
        if (c->n)
            memcpy(v, c->v, c->n * sizeof *v);
        c->v = v;
        c->cap = cap;
    }
    cand *x = &c->v[c->n++];
    memset(x, 0, sizeof *x);
    x->mention = -1;
    x->place = GM_EVENT_NO_PLACE;
    x->country = x->admin1 = UINT32_MAX;
    x->gov_tok = UINT32_MAX;
    return x;
}

static bool org_run(const ctx *c, uint32_t b, uint32_t e)
{
    for (uint32_t k = b; k < e; k++)
        if (k + 2 < e && lga_at(c, k))
            k += 2;
        else if (capitalised(c, k) && word_in(c, k, &org_words_w))
            return true;
    return false;
}

/* The end of the capitalised name that starts at b: capitalised words,
 * glued joiners, particles between capitalised words. */
uint32_t gm_attach_name_end(const ctx *c, uint32_t b)
{
    uint32_t k = b;
    uint32_t end = b;
    while (k < c->se) {
        if (capitalised(c, k) && !(cues(c, k) & GM_CUE_CALENDAR) &&
            (k == b || !(tok(c, k)->flags & GM_TOKF_NEWLINE_BEFORE))) {
            end = ++k;
            continue;
        }
        if (k > b && inner_joiner(c, k) && !possessive_at(c, k)) {
            /* the word glued after a hyphen or an apostrophe belongs to
             * the name, whatever its case ("Qal'ajiyah", "Sa'sa") */
            k += joiners_at(c, k) + 1;
            end = k;
            continue;
        }
        if (k > b && ayin_at(c, k)) {
            k += 2;
            end = k;
            continue;
        }
        if (is_word(c, k) && word_in(c, k, &particles_w) && k + 1 < c->se &&
            (capitalised(c, k + 1) || inner_joiner(c, k + 1))) {
            k++;
            continue;
        }
        break;
    }
    return end;
}

/* Extends a name over the capitalised place-type words after it
 * ("Shirak Governorate"); returns the new end. */
static uint32_t place_type_end(const ctx *c, uint32_t e)
{
    for (;;) {
        if (e < c->se && capitalised(c, e) && lga_at(c, e))
            e += 3;
        else if (e < c->se && capitalised(c, e) && word_in(c, e, &gm_attach_place_types_w))
            e++;
        else
            return e;
    }
}

static void set_place(ctx *c, cand *x, uint32_t place)
{
    gm_place_brief p;
    gm_gaz_place_brief(c->doc->gaz, place, &p);
    x->place = place;
    x->kind = p.kind;
    x->country = p.kind == GM_KIND_COUNTRY ? place : p.country_place;
    x->admin1 = p.kind == GM_KIND_ADMIN1 ? place : p.admin1_place;
}

/* Whether the run [b, e) names a place by its last word ("... Quarter",
 * "... Governorate"). */
static bool ends_in_place_type(const ctx *c, uint32_t b, uint32_t e)
{
    if (e > b + 3 && capitalised(c, e - 3) && lga_at(c, e - 3))
        return true;
    return e > b + 1 && capitalised(c, e - 1) &&
           word_in(c, e - 1, &gm_attach_place_types_w) &&
           !word_is(c, e - 1, "state");
}

/* A mention as a candidate, with what the spotter left out around it. */
static void mention_cand(ctx *c, uint32_t k, int32_t m)
{
    const gm_event_doc *doc = c->doc;
    const gm_mention *mm = &doc->mentions->v[m];
    const gm_span *sp = &doc->spans->v[mm->span];
    uint32_t e = sp->tok_end < c->se ? sp->tok_end : c->se;
    /* "U.S.": the period inside the mention's bytes */
    while (e < c->se && tok(c, e)->off < mm->off + mm->len)
        e++;
    cand *x = push(c);
    x->tb = k;
    x->mention = m;
    set_place(c, x, mm->place);
    /* "Eastern Zangezur": a capitalised qualifier; "al-Tall": a particle */
    if (k > c->sb && capitalised(c, k - 1) &&
        word_in(c, k - 1, &name_qualifiers_w) && c->tok_mention[k - 1] < 0 &&
        (c->n < 2 || c->v[c->n - 2].te <= k - 1))
        x->tb = k - 1;
    else if (k >= c->sb + 2 && inner_joiner(c, k - 1) &&
             word_in(c, k - 2, &particles_w) &&
             (c->n < 2 || c->v[c->n - 2].te <= k - 2))
        x->tb = k - 2;
    /* "Dara'a", "Pont-de-la-Roche": lower-case fragments glued on,
     * the same name */
    bool glued = false;
    while (e + 1 < c->se && inner_joiner(c, e) && !possessive_at(c, e) &&
           (glued || !capitalised(c, e + joiners_at(c, e))) &&
           c->tok_mention[e + joiners_at(c, e)] < 0) {
        e += joiners_at(c, e) + 1;
        glued = true;
    }
    uint32_t te = place_type_end(c, e);
    if (glued) {
        x->te = te;
        return;
    }
    /* "Bab al-Nasr", "Tell al-Hamra": a particle and a name after it */
    if (te == e && e + 2 < c->se && word_in(c, e, &particles_w) &&
        (tok(c, e)->flags & GM_TOKF_SPACE_BEFORE) && inner_joiner(c, e + 1)) {
        uint32_t ne = gm_attach_name_end(c, e + 1 + joiners_at(c, e + 1));
        if (ne > e + 1) {
            x->te = place_type_end(c, ne);
            x->place = GM_EVENT_NO_PLACE;
            x->mention = -1;
            x->kind = GM_KIND_OTHER;
            x->country = x->admin1 = UINT32_MAX;
            return;
        }
    }
    /* "Tal Abu Al-Khair", "Kamyanets-Podilsky": the spotter knew a part of a
     * longer name, which the gazetteer does not hold; a capitalised word
     * glued on by a hyphen continues the name even when the spotter knew
     * it too ("Al-Qasr": both "Al" and "Qasr" known) */
    uint32_t ext = e;
    if (te == e && e + 1 < c->se && inner_joiner(c, e) &&
        !possessive_at(c, e) && capitalised(c, e + joiners_at(c, e)))
        ext = e + joiners_at(c, e);
    else if (te == e && ayin_at(c, e))
        ext = e + 1;
    if (te == e && ext < c->se && capitalised(c, ext) &&
        (c->tok_mention[ext] < 0 || ext > e) &&
        (ext > e || (tok(c, e)->flags & GM_TOKF_SPACE_BEFORE)) &&
        !(cues(c, ext) & (GM_CUE_CALENDAR | GM_CUE_FUNCTION | GM_CUE_TITLE |
                          GM_CUE_LOCATIVE))) {
        uint32_t ne = gm_attach_name_end(c, ext);
        if (org_run(c, ext, ne) && !ends_in_place_type(c, ext, ne)) {
            x->org = true;
        } else if (ne > ext) {
            te = place_type_end(c, ne);
            x->place = GM_EVENT_NO_PLACE;
            x->mention = -1;
            x->kind = GM_KIND_OTHER;
            x->country = x->admin1 = UINT32_MAX;
        }
    }
    x->te = te;
}

/* The tokens of a mention (with a period inside its bytes). */
static uint32_t mention_end(const ctx *c, int32_t m)
{
    const gm_mention *mm = &c->doc->mentions->v[m];
    uint32_t e = c->doc->spans->v[mm->span].tok_end;
    while (e < c->se && tok(c, e)->off < mm->off + mm->len)
        e++;
    return e < c->se ? e : c->se;
}

/* "the Armenian Hills", "the French Open", "the Irish Republic": a
 * capitalised name right after a demonym (the mention from k to e) goes
 * on from it. Ending in a word for a kind of place, the whole is a
 * place's name; otherwise the tail names no place of its own, unless the
 * gazetteer knows it as no common word ("Indian Punjab") or a place
 * noun follows ("the Kurdish X district"). The token to go on from. */
static uint32_t demonym_tail(ctx *c, uint32_t k, uint32_t e)
{
    if (e >= c->se || !capitalised(c, e) ||
        (tok(c, e)->flags & GM_TOKF_NEWLINE_BEFORE) ||
        (cues(c, e) & (GM_CUE_FUNCTION | GM_CUE_LOCATIVE | GM_CUE_CALENDAR |
                       GM_CUE_TITLE | GM_CUE_SPEECH)))
        return e;
    int32_t m = c->tok_mention[e];
    uint32_t ne;
    if (m >= 0) {
        uint16_t flags = c->doc->mentions->v[m].name_flags;
        ne = mention_end(c, m);
        if ((flags & GM_NAME_DEMONYM) ||
            (!(flags & GM_NAME_COMMON) && !ends_in_place_type(c, k, ne)))
            return e;
    } else {
        ne = gm_attach_name_end(c, e);
        for (uint32_t j = e; j < ne; j++)
            if (c->tok_mention[j] >= 0)
                ne = j;
        if (ne <= e)
            return e;
    }
    if (ends_in_place_type(c, k, ne)) {
        cand *x = push(c);
        x->tb = k;
        x->te = place_type_end(c, ne);
        x->kind = GM_KIND_OTHER;
        return x->te;
    }
    if (m < 0 && ne < c->se && word_in(c, ne, &gm_attach_place_nouns_w) &&
        !capitalised(c, ne))
        return e;
    return ne;
}

/* "unless the Centre agrees", "the District and Governorate of X": a word
 * for a kind of place or building, alone, is no name of one; but the
 * features news names by the word alone are ("the Gulf", "the Strip"). */
static bool kind_word_alone(const ctx *c, uint32_t k)
{
    static const char *const short_names[] = {
        "gulf", "heights", "strip", "valley", "coast", "bay", "sea",
        "ocean", "delta", "peninsula", "channel", NULL
    };
    static gm_event_words short_names_w = { short_names, NULL };
    return ((cues(c, k) & GM_CUE_GENERIC) || word_in(c, k, &gm_attach_place_types_w)) &&
           !word_in(c, k, &short_names_w);
}

/* "the Battle of X", "the Siege for X": a capitalised event noun before
 * "of" or "for" starts the name of an event, no place (even when the
 * gazetteer holds the word); X may be one. */
static bool event_name_at(const ctx *c, uint32_t k)
{
    static const char *const event_nouns[] = {
        "battle", "battles", "siege", "massacre", "liberation", "fall",
        "sack", "capture", "defence", "defense", "relief", NULL
    };
    static gm_event_words event_nouns_w = { event_nouns, NULL };
    return k + 1 < c->se && capitalised(c, k) &&
           word_in(c, k, &event_nouns_w) &&
           (word_is(c, k + 1, "of") || word_is(c, k + 1, "for"));
}

/* "an Improvised Explosive Device (IED) blast": a run [b, e) spelt out
 * before its initials in parentheses names a thing or a body, which
 * news abbreviates; a place keeps a word for its kind ("the Tribal Areas
 * (TA)"). */
static bool acronym_expansion(const ctx *c, uint32_t b, uint32_t e)
{
    if (e + 2 >= c->se || e < b + 2 || !punct_is(c, e, '(') ||
        !(tok(c, e + 1)->flags & GM_TOKF_ALL_UPPER) ||
        !punct_is(c, e + 2, ')') ||
        word_in(c, e - 1, &gm_attach_place_types_w) || word_in(c, e - 1, &gm_attach_place_nouns_w))
        return false;
    const gm_token *a = tok(c, e + 1);
    const char *f = folded(c, e + 1);
    size_t n = 0;
    for (uint32_t k = b; k < e; k++) {
        if (!capitalised(c, k))
            continue;
        /* "UN Mission ... (UNM...)": initials give all their letters */
        size_t w =
            (tok(c, k)->flags & GM_TOKF_ALL_UPPER) ? tok(c, k)->fold_len : 1;
        if (n + w > a->fold_len || memcmp(folded(c, k), f + n, w) != 0)
            return false;
        n += w;
    }
    /* "IEDs": a plural's s */
    return n == a->fold_len || (n + 1 == a->fold_len && f[n] == 's');
}

/* "IEDs", "RPGs": capitals and a plural's s, a thing rather than a
 * place. */
/* Whether the mention over tokens b..e lies inside a capitalised run
 * spelt out before its initials ("the UN Mission in X and Y (UNMXY)"):
 * a body's name, not a place. */
static bool inside_expansion(const ctx *c, uint32_t b, uint32_t e)
{
    static const char *const links[] = {
        "of", "in", "and", "for", "the", "on", NULL
    };
    static gm_event_words links_w = { links, NULL };
    uint32_t r = e, l = b;
    while (r < c->se && r < e + 8 &&
           (capitalised(c, r) || word_in(c, r, &links_w)))
        r++;
    if (!punct_is(c, r, '('))
        return false;
    while (l > c->sb && l + 8 > b &&
           (capitalised(c, l - 1) || word_in(c, l - 1, &links_w)))
        l--;
    while (l < b && word_in(c, l, &links_w))
        l++;
    return l < b && acronym_expansion(c, l, r);
}

static bool plural_acronym(const ctx *c, uint32_t k)
{
    const gm_token *t = tok(c, k);
    const char *s = c->text + t->off;
    if (t->kind != GM_TOK_WORD || t->len < 3 || s[t->len - 1] != 's')
        return false;
    for (uint32_t i = 0; i + 1 < t->len; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return true;
}

/* "Smith's Head", "Rowan's Point": a capitalised name, its "'s" and a
 * word for a headland at k make one name (but "Smith's Head of Staff" is
 * a title). */
static bool possessive_headland(const ctx *c, uint32_t k)
{
    static const char *const headlands[] = {
        "head", "point", "end", "neck", "cove", "landing", "wood", NULL
    };
    static gm_event_words headlands_w = { headlands, NULL };
    return k >= c->sb + 3 && possessive_at(c, k - 2) &&
           capitalised(c, k - 3) && capitalised(c, k) &&
           word_in(c, k, &headlands_w) &&
           !(k + 1 < c->se && word_is(c, k + 1, "of"));
}

/* One step of collect's scan at token k, outside the trigger: the token
 * to go on from. */
static uint32_t collect_at(ctx *c, uint32_t k)
{
    const gm_event_doc *doc = c->doc;
    int32_t m = c->tok_mention[k];
    if (event_name_at(c, k))
        return k + 1;
    if (m >= 0) {
        uint32_t e = mention_end(c, m);
        if (doc->mentions->v[m].name_flags & GM_NAME_DEMONYM)
            return demonym_tail(c, k, e);
        /* "near a Druze shrine": a word of organisations' names,
         * a faith or a people, that the gazetteer holds alone */
        if (e == k + 1 && capitalised(c, k) && word_in(c, k, &org_words_w))
            return e;
        /* "US $5,000": a currency */
        if (e < c->se && punct_is(c, e, '$'))
            return e;
        /* "a MiG-29", "his X-29": a model's designation, no place */
        if (e + 1 < c->se && punct_is(c, e, '-') &&
            !(tok(c, e)->flags & GM_TOKF_SPACE_BEFORE) &&
            tok(c, e + 1)->kind == GM_TOK_NUMBER &&
            !(tok(c, e + 1)->flags & GM_TOKF_SPACE_BEFORE))
            return e + 2;
        if (inside_expansion(c, k, e))
            return e;
        mention_cand(c, k, m);
        return c->v[c->n - 1].te;
    }
    /* the joiner first: most words are followed by none */
    bool particle_start = k + 1 < c->se && inner_joiner(c, k + 1) &&
                          word_in(c, k, &particles_w);
    if (!capitalised(c, k) && !particle_start)
        return k + 1;
    /* "North Zangezur": the mention takes its qualifier */
    if (word_in(c, k, &name_qualifiers_w) && k + 1 < c->se &&
        c->tok_mention[k + 1] >= 0)
        return k + 1;
    unsigned cl = cues(c, k);
    if (!particle_start &&
        (cl & (GM_CUE_FUNCTION | GM_CUE_LOCATIVE | GM_CUE_CALENDAR |
               GM_CUE_TITLE | GM_CUE_SPEECH)) &&
        !(word_in(c, k, &name_qualifiers_w) && k + 1 < c->se &&
          capitalised(c, k + 1)))
        return k + 1;
    uint32_t e = gm_attach_name_end(c, k);
    if (e == k)
        e = k + 1;
    /* a mention inside the run ends it, unless glued to it
     * ("Al-Hamra", "al-Tall") */
    for (uint32_t j = k; j < e; j++) {
        int32_t mj = c->tok_mention[j];
        if (mj < 0 || (doc->mentions->v[mj].name_flags & GM_NAME_DEMONYM))
            continue;
        if (j > k && inner_joiner(c, j - 1)) {
            uint32_t me = mention_end(c, mj);
            j = me - 1;
            if (me > e)
                e = me;
            continue;
        }
        e = j;
        break;
    }
    /* "al-Tall": a particle glued to a mention is part of it */
    if (particle_start && k + 2 < c->se && c->tok_mention[k + 2] >= 0 &&
        e == mention_end(c, c->tok_mention[k + 2])) {
        mention_cand(c, k + 2, c->tok_mention[k + 2]);
        return c->v[c->n - 1].te;
    }
    /* no particle, joiner or "of" at its end */
    while (e > k && (!capitalised(c, e - 1) || joiner(c, e - 1)) &&
           !(e - 1 > k && inner_joiner(c, e - 2)))
        e--;
    if (e <= k)
        return k + 1;
    /* "the Shiite X district": a faith or a people before a name
     * qualifies it; the name starts after it */
    if (e > k + 1 && word_in(c, k, &gm_attach_faith_words_w))
        return k + 1;
    bool abbreviation = false;
    for (uint32_t j = k; j < e; j++)
        /* "U.S.", but not the "a" of "Sana'a" */
        if (is_word(c, j) && tok(c, j)->len == 1 && capitalised(c, j))
            abbreviation = true;
    bool acronym = e == k + 1 && ((tok(c, k)->flags & GM_TOKF_ALL_UPPER) ||
                                  plural_acronym(c, k));
    bool after_title = k > c->sb && (cues(c, k - 1) & GM_CUE_TITLE);
    bool generic = e == k + 1 && kind_word_alone(c, k) &&
                   !possessive_headland(c, k);
    if (abbreviation || acronym || after_title || generic ||
        acronym_expansion(c, k, e) ||
        (org_run(c, k, e) && !ends_in_place_type(c, k, e)))
        return e;
    cand *x = push(c);
    x->tb = k;
    x->te = e;
    x->kind = GM_KIND_OTHER;
    return e;
}

/* The candidates of the sentence, in text order; the trigger's tokens
 * start none. busy, when not NULL, marks (per token of the sentence) where
 * the scan did more than step over a token: a trigger there would have
 * changed the candidates, elsewhere it changes none. */
static void collect(ctx *c, uint8_t *busy)
{
    for (uint32_t k = c->sb; k < c->se;) {
        if (k >= c->tb && k < c->te) {
            k++;
            continue;
        }
        /* most tokens: a lower-case word or punctuation of no mention
         * before no joiner, which collect_at steps over */
        if (c->tok_mention[k] < 0 && !capitalised(c, k) &&
            (k + 1 >= c->se || tok(c, k + 1)->kind != GM_TOK_PUNCT)) {
            k++;
            continue;
        }
        size_t n = c->n;
        uint32_t next = collect_at(c, k);
        if (busy && (next != k + 1 || c->n != n))
            busy[k - c->sb] = 1;
        k = next;
    }
}

/* Whether x, its "'s" and y make one name: y a headland after it. */
static bool possessive_name(const ctx *c, const cand *x, const cand *y)
{
    return y->te == y->tb + 1 && y->tb == x->te + 2 && y->mention < 0 &&
           possessive_headland(c, y->tb);
}

/* "Nam Pho Lake", "Bab Tuma Gate": two names with nothing between them
 * are one name, which the gazetteer does not hold as a whole. */
static void merge_adjacent(ctx *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        cand *y = &c->v[i];
        if (n > 0) {
            cand *x = &c->v[n - 1];
            if ((x->te == y->tb || possessive_name(c, x, y)) &&
                !x->org && !y->org &&
                !(tok(c, y->tb)->flags & GM_TOKF_NEWLINE_BEFORE)) {
                x->te = y->te;
                x->mention = -1;
                x->place = GM_EVENT_NO_PLACE;
                x->kind = GM_KIND_OTHER;
                x->country = x->admin1 = UINT32_MAX;
                continue;
            }
        }
        c->v[n++] = *y;
    }
    c->n = n;
}

/* Whether an apposition that says who a person is opens at k: a
 * determiner and a person's noun ("the wife of", "a local officer"). */
static bool person_apposition(const ctx *c, uint32_t k)
{
    static const char *const kin[] = {
        "wife", "husband", "son", "daughter", "brother", "sister", "father",
        "mother", "widow", "uncle", "cousin", "nephew", "niece", NULL
    };
    static gm_event_words kin_w = { kin, NULL };
    if (k + 1 >= c->se || !word_in(c, k, &gm_attach_determiners_w))
        return false;
    return word_in(c, k + 1, &kin_w) || word_in(c, k + 1, &gm_attach_person_nouns_w);
}

/* What follows the name: a place noun ("X district"), a noun it modifies
 * ("a X market"), an actor's noun ("X troops"), "'s". */
static void look_after(ctx *c, cand *x)
{
    static const char *const agent_words[] = {
        "led", "backed", "allied", "sponsored", "funded", "trained",
        "supported", "armed", "affiliated", "linked", "aligned", NULL
    };
    static gm_event_words agent_words_w = { agent_words, NULL };
    uint32_t e = x->te;
    /* "the X-led coalition", "X-backed rebels": X names who leads or
     * backs them, not where ("X-based" and "X-held" say where) */
    if (x->te >= x->tb + 3 && joiner(c, x->te - 2) &&
        word_in(c, x->te - 1, &agent_words_w)) {
        x->actor = true;
        x->agent = true;
        return;
    }
    if ((capitalised(c, x->te - 1) && word_in(c, x->te - 1, &gm_attach_place_types_w) &&
         x->te - 1 > x->tb) ||
        ends_in_place_type(c, x->tb, x->te))
        x->place_noun = true;
    if (x->te > x->tb + 1 && capitalised(c, x->tb) &&
        word_in(c, x->tb, &place_prefixes_w))
        x->place_noun = true;
    if (e >= c->se)
        return;
    if (possessive_at(c, e) || bare_s_at(c, e)) {
        x->possessive = true;
        /* "X's civil war", "X's three-year-old conflict": a state of
         * things, like "the war in X" */
        for (uint32_t k = e + (bare_s_at(c, e) ? 1 : 2);
             k < c->se && k < e + 8; k++) {
            if (word_in(c, k, &war_nouns_w)) {
                x->general = true;
                break;
            }
            /* a number word glued to what it counts goes on
             * ("four-year") */
            if (capitalised(c, k) ||
                !(is_word(c, k) || joiner(c, k)) ||
                ((cues(c, k) & (GM_CUE_FUNCTION | GM_CUE_LOCATIVE)) &&
                 !(k + 1 < c->se && joiner(c, k + 1))))
                break;
        }
        return;
    }
    /* "X, a small village near Y": an apposition says what X is; "Y,
     * the wife of Z": a person */
    if (comma(c, e) && person_apposition(c, e + 1)) {
        x->actor = true;
        return;
    }
    if (comma(c, e)) {
        for (uint32_t k = e + 1; k < c->se && k < e + 5; k++) {
            if (word_in(c, k, &gm_attach_place_nouns_w) && !capitalised(c, k) &&
                !word_in(c, k, &gm_attach_directions_w)) {
                x->place_noun = true;
                break;
            }
            if (!(word_in(c, k, &gm_attach_determiners_w) || word_in(c, k, &gm_attach_adjectives_w) ||
                  (is_word(c, k) && !capitalised(c, k) && k < e + 3)))
                break;
        }
        return;
    }
    const gm_token *t = tok(c, e);
    if (t->kind != GM_TOK_WORD)
        return;
    /* "X said": who speaks */
    if (cues(c, e) & GM_CUE_SPEECH) {
        x->speaker = true;
        return;
    }
    /* "X local government area": a division, no government */
    if (lga_at(c, e))
        return;
    /* "US troops", "US ground forces", "a US adviser", "the X chief
     * of Y", a title ("X County Commissioner Y said": an office) */
    if (word_in(c, e, &gm_attach_actor_nouns_w) || word_in(c, e, &gm_attach_person_nouns_w) ||
        (cues(c, e) & GM_CUE_TITLE) ||
        (e + 1 < c->se && !capitalised(c, e) && !(cues(c, e) & GM_CUE_FUNCTION) &&
         !word_in(c, e, &gm_attach_place_nouns_w) &&
         ((word_in(c, e + 1, &gm_attach_actor_nouns_w) &&
           !(e + 2 < c->se && word_in(c, e + 2, &gm_attach_place_nouns_w))) ||
          word_in(c, e + 1, &gm_attach_person_nouns_w)))) {
        x->actor = true;
        return;
    }
    /* "a US airstrike", "Russian air strikes": a country before a strike
     * names who struck, not where */
    if (x->kind == GM_KIND_COUNTRY && word_in(c, e, &strike_nouns_w)) {
        x->actor = true;
        x->agent = true;
        return;
    }
    /* "the 1967 Mideast war": a state of things */
    if (word_in(c, e, &gm_attach_general_nouns_w)) {
        x->general = true;
        return;
    }
    if (capitalised(c, e))
        return;
    if (word_in(c, e, &gm_attach_place_nouns_w) && !word_in(c, e, &gm_attach_directions_w)) {
        x->place_noun = true;
        return;
    }
    /* a lower-case noun right after: "a Baghdad restaurant", but not a
     * verb ("Baghdad said", "Kabul has", "Aleppo fell") */
    unsigned cl = cues(c, e);
    if (cl & (GM_CUE_FUNCTION | GM_CUE_SPEECH | GM_CUE_LOCATIVE))
        return;
    const char *f = folded(c, e);
    size_t n = t->fold_len;
    bool verbish = ends_in(c, e, "ed", 2) || ends_in(c, e, "ing", 3) ||
                   (n > 1 && f[n - 1] == 's' && f[n - 2] != 's');
    if (!verbish)
        x->modifier = true;
    if (word_in(c, e, &gm_attach_business_nouns_w))
        x->business = true;
}

/* "the Sa'ah Restaurant": a run that ends in a business noun. */
static void business_name(ctx *c, cand *x)
{
    if (x->place == GM_EVENT_NO_PLACE && x->te > x->tb + 1 &&
        capitalised(c, x->te - 1) && word_in(c, x->te - 1, &gm_attach_business_nouns_w))
        x->business = true;
}

/* The candidates of ctx's sentence with what follows each (look_after),
 * which no trigger changes; the clauses are numbered apart. */
void gm_attach_candidates(ctx *c, uint8_t *busy)
{
    collect(c, busy);
    merge_adjacent(c);
    for (size_t i = 0; i < c->n; i++) {
        look_after(c, &c->v[i]);
        business_name(c, &c->v[i]);
    }
}
