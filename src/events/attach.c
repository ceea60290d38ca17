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
 * article's focus. */
#include "events/internal.h"

#include <stdlib.h>
#include <string.h>

#include "spot/cues.h"

/* The best candidate needs this score to place the event. */
#define MIN_SCORE 4.5f
/* A governor is looked for this many tokens to the left at most. */
#define GOVERNOR_TOKENS 10
/* A verb of saying's own place lies within this many words after it. */
#define SPEECH_PLACE_WORDS 3
/* A relative pronoun is looked for this many tokens to the left at most. */
#define RELATIVE_TOKENS 40
/* Coordinated names lie within this many tokens of each other. */
#define COORD_TOKENS 10
/* Placement confidence by rule, before the mention's own score. */
#define CONF_LOCATIVE 0.9f
#define CONF_OBJECT 0.8f
#define CONF_CLAUSE 0.6f
#define CONF_SENTENCE 0.45f
#define CONF_CONTAINER 0.6f
#define CONF_DATELINE 0.4f
#define CONF_FOCUS 0.25f

typedef enum gov_kind {
    GOV_NONE = 0,  /* nothing found (sentence start, a comma) */
    GOV_LOC,       /* in, at, near, outside, into, through, over... */
    GOV_ON,        /* on, upon, against: "an attack on X" */
    GOV_TO,        /* to, towards, via */
    GOV_FROM,      /* from */
    GOV_DIR,       /* north of, 10 km east of */
    GOV_BETWEEN,   /* between X and Y */
    GOV_OF,        /* of (not after a place noun): "the governor of X" */
    GOV_BY,        /* by: an agent ("captured by X forces") */
    GOV_TRIGGER,   /* the trigger: its object ("shelled X") */
    GOV_OTHER      /* another word: a subject, another verb's object */
} gov_kind;

typedef struct gm_event_cand {
    uint32_t tb, te;       /* tokens of the name (with a place-type word) */
    int32_t mention;       /* -1 for a name the gazetteer does not hold */
    uint32_t place;        /* GM_EVENT_NO_PLACE likewise */
    gm_place_kind kind;
    uint32_t country, admin1;  /* places that contain it, UINT32_MAX */
    gov_kind gov;
    uint32_t gov_tok;      /* the governing preposition, UINT32_MAX */
    bool place_noun;       /* "the town of X", "X district", "X Province" */
    bool modifier;         /* "a X market": names the noun after it */
    bool possessive;       /* "X's" */
    bool container;        /* only contains another candidate */
    bool org;              /* inside an organisation's name */
    bool actor;            /* names an actor: "US troops" */
    bool agent;            /* only names who leads or backs: "X-led" */
    bool named;            /* "the town of X": the text calls it a place */
    bool general;          /* "the war in X": where a state of things is */
    bool business;         /* "the X bar": a business's name */
    bool speaker;          /* "X said": a person or a body */
    bool siege;            /* "the siege of X": where a fight was */
    float score;
} cand;

typedef struct ctx {
    const gm_event_doc *doc;
    /* the doc's, read here without going through doc: its tokens, their
     * count and folded forms, the text, tok_mention */
    const gm_token *tv;
    size_t ntok;
    const char *folded;
    const char *text;
    const int32_t *tok_mention;
    bool place_object;     /* the trigger's object is a place: "patrolled
                              X", "stormed X" */
    bool speech;           /* the trigger is a verb of saying: "said" */
    bool own_place;        /* a participle trigger's clause names a place
                              of its own: ", targeting X" */
    bool judging;          /* a verb of judging an event: "condemned" */
    uint32_t here;         /* "here" after the trigger in its clause:
                              "demonstrated here"; UINT32_MAX if none */
    uint32_t sb, se;       /* the sentence's tokens */
    uint32_t tb, te;       /* the trigger's */
    uint8_t *clause;       /* per sentence token: its clause number */
    cand *v;
    size_t n, cap;
} ctx;

/* ---- word lists ------------------------------------------------------ */

static const char *const loc_preps[] = {
    "in", "at", "near", "outside", "inside", "into", "around", "across",
    "through", "throughout", "within", "along", "off", "nearby", "beside",
    "behind", "beyond", "over", "onto", "opposite", "down", "inland",
    /* participles that say where: "the farms surrounding X" */
    "surrounding", "overlooking", NULL
};
static gm_event_words loc_preps_w = { loc_preps, NULL };
static const char *const on_preps[] = { "on", "upon", "against", NULL };
static gm_event_words on_preps_w = { on_preps, NULL };
static const char *const to_preps[] = {
    "to", "toward", "towards", "via", "for", NULL
};
static gm_event_words to_preps_w = { to_preps, NULL };

static const char *const determiners[] = {
    "the", "a", "an", "this", "that", "these", "those", "its", "their",
    "his", "her", "our", "several", "some", "many", "all", "both", "each",
    "every", "other", "another", "most", "few", "two", "three", "four",
    "five", "various", "numerous", "nearby", "neighbouring", "neighboring",
    NULL
};
static gm_event_words determiners_w = { determiners, NULL };

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
static gm_event_words adjectives_w = { adjectives, NULL };

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
static gm_event_words place_nouns_w = { place_nouns, NULL };

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

/* The words that call a name a division ("X District", "X LGA") or that
 * follow one in lower case ("Y county"). */
static const char *const division_words[] = {
    "governorate", "province", "district", "county", "region", "state",
    "municipality", "prefecture", "oblast", "tehsil", "lga", NULL
};
static gm_event_words division_words_w = { division_words, NULL };

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
static gm_event_words business_nouns_w = { business_nouns, NULL };

/* Auxiliaries and adverbs between a passive subject and its participle:
 * "X was completely encircled", "X is being shelled". */
static const char *const passive_words[] = {
    "is", "was", "were", "are", "be", "been", "being", "has", "have", "had",
    "also", "again", "then", "completely", "continuously", "repeatedly",
    "heavily", "reportedly", "briefly", "later", "first", "finally",
    "partially", "partly", "largely", "almost", "nearly", NULL
};
static gm_event_words passive_words_w = { passive_words, NULL };

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
static gm_event_words actor_nouns_w = { actor_nouns, NULL };

/* Verbs whose "down" is a particle: "shot down a plane", "gunned down
 * a guard" ("marched down X" is a preposition). */
static const char *const particle_down_verbs[] = {
    "shoot", "shot", "gun", "bring", "brought", "knock", "mow", "cut", NULL
};

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
static gm_event_words person_nouns_w = { person_nouns, NULL };

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
static gm_event_words place_types_w = { place_types, NULL };

/* Capitalised words that start a place's name: "Mount Aragats", "Camp
 * Stannis". */
static const char *const place_prefixes[] = {
    "mount", "mt", "lake", "camp", "fort", "cape", "gulf", "bay", "port",
    "jabal", "jebel", "wadi", "tal", "tel", "tell", "kafr", "deir", "ain",
    "bab", "khan", "hawsh", NULL
};
static gm_event_words place_prefixes_w = { place_prefixes, NULL };

static const char *const directions[] = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast",
    "southwest", "northeastern", "northwestern", NULL
};
static gm_event_words directions_w = { directions, NULL };

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

/* Words of faiths and peoples, which qualify a name after them: "the
 * Shiite X district", "a Druze Y village". */
static const char *const faith_words[] = {
    "shiite", "shia", "sunni", "christian", "muslim", "moslem", "jewish",
    "kurdish", "druze", "alawite", "arab", "catholic", "orthodox",
    "protestant", "buddhist", "hindu", "sufi", "salafi", "sikh", "yazidi",
    "coptic", "evangelical", NULL
};
static gm_event_words faith_words_w = { faith_words, NULL };

/* Lower-case particles inside Arabic, Romance and Dutch names. */
static const char *const particles[] = {
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "ed", "ez", "es", "en",
    "bin", "ibn", "de", "del", "della", "di", "da", "do", "dos", "la", "le",
    "les", "du", "van", "von", "der", "den", "ul", "e", NULL
};
static gm_event_words particles_w = { particles, NULL };

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
/* Verbs whose subject is the trigger and whose object is where it struck:
 * "shelling hit X", "an explosion rocked X", "a fire destroyed a X
 * bakery, killing 6". */
static const char *const impact_verbs[] = {
    "hit", "hits", "struck", "strikes", "rocked", "rocks", "pounded",
    "pounds", "shook", "shakes", "targeted", "targets", "battered",
    "ravaged", "destroyed", "destroys", "engulfed", "engulfs", "gutted",
    "wrecked", "damaged", NULL };
static gm_event_words impact_verbs_w = { impact_verbs, NULL };

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

/* Nouns whose locative says where a state of things is, not where the
 * event happened: "killed since the war in Yemen began". */
static const char *const general_nouns[] = {
    "war", "wars", "conflict", "crisis", "revolution", "uprising",
    "insurgency", "campaign", "unrest", "tensions", "tension", "presence",
    "history", "policy", "involvement", "role", "interests", NULL
};
static gm_event_words general_nouns_w = { general_nouns, NULL };

/* The general nouns a possessive names the state of: "X's civil war" (not
 * "X's history", which says where the event is). */
static const char *const war_nouns[] = {
    "war", "wars", "conflict", "crisis", "revolution", "uprising",
    "insurgency", NULL
};
static gm_event_words war_nouns_w = { war_nouns, NULL };

/* ---- tokens ---------------------------------------------------------- */

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

static const gm_token *tok(const ctx *c, uint32_t k)
{
    return &c->tv[k];
}

static const char *folded(const ctx *c, uint32_t k)
{
    return c->folded + c->tv[k].fold_off;
}

/* gm_event_word_is and gm_event_punct_is on ctx's copies of the doc's
 * pointers. */
static inline bool word_is(const ctx *c, uint32_t k, const char *w)
{
    return gm_event_token_word_is(c->tv, c->ntok, c->folded, k, w);
}

static inline bool punct_is(const ctx *c, uint32_t k, char ch)
{
    return gm_event_token_punct_is(c->tv, c->ntok, c->text, k, ch);
}

static bool is_word(const ctx *c, uint32_t k)
{
    return tok(c, k)->kind != GM_TOK_PUNCT;
}

static bool capitalised(const ctx *c, uint32_t k)
{
    const gm_token *t = tok(c, k);
    return t->kind == GM_TOK_WORD &&
           (t->flags & (GM_TOKF_UPPER_INITIAL | GM_TOKF_UNCASED));
}

static bool joiner(const ctx *c, uint32_t k)
{
    const gm_token *t = tok(c, k);
    if (t->kind != GM_TOK_PUNCT)
        return false;
    const unsigned char *s = (const unsigned char *)c->text + t->off;
    if (t->len == 1)
        return *s == '-' || *s == '\'';
    /* U+2018/2019 quotes as apostrophes, U+2010/2011 hyphens */
    return t->len == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
           (s[2] == 0x98 || s[2] == 0x99 || s[2] == 0x90 || s[2] == 0x91);
}

/* joiners_at's walk from the punctuation token k. */
static uint32_t joiners_walk(const ctx *c, uint32_t k)
{
    uint32_t n = 0;
    while (n < 2 && k + n + 1 < c->se && joiner(c, k + n) &&
           !(tok(c, k + n)->flags & GM_TOKF_SPACE_BEFORE) &&
           !(tok(c, k + n + 1)->flags & GM_TOKF_SPACE_BEFORE)) {
        n++;
        if (is_word(c, k + n))
            return n;
    }
    return 0;
}

/* A joiner glued to the words on both sides ("Al-Sham", "Dara'a"), or two
 * ("Al-'Ali"): the number of joiner tokens, 0 when none. Asked of most
 * tokens of the sentence, which are words: inline, it tells them without
 * a call (a joiner is punctuation; past the sentence there is none). */
static inline uint32_t joiners_at(const ctx *c, uint32_t k)
{
    if (k >= c->se || tok(c, k)->kind != GM_TOK_PUNCT)
        return 0;
    return joiners_walk(c, k);
}

static bool inner_joiner(const ctx *c, uint32_t k)
{
    return joiners_at(c, k) > 0;
}

/* "'Issa": an opening apostrophe (an ayin) glued to a capitalised word,
 * after white space. */
static bool ayin_at(const ctx *c, uint32_t k)
{
    return k + 1 < c->se && joiner(c, k) &&
           !punct_is(c, k, '-') &&
           (tok(c, k)->flags & GM_TOKF_SPACE_BEFORE) &&
           !(tok(c, k + 1)->flags & GM_TOKF_SPACE_BEFORE) &&
           capitalised(c, k + 1);
}

/* "'s" after token k - 1: an apostrophe and "s". */
static bool possessive_at(const ctx *c, uint32_t k)
{
    return k + 1 < c->se && joiner(c, k) &&
           word_is(c, k + 1, "s");
}

/* "Syria s war": a lone "s" after a capitalised word is a possessive whose
 * apostrophe the text lost (an encoding the source could not write). */
static bool bare_s_at(const ctx *c, uint32_t k)
{
    return k > c->sb && k < c->se && word_is(c, k, "s") &&
           (tok(c, k)->flags & GM_TOKF_SPACE_BEFORE) &&
           capitalised(c, k - 1);
}

static unsigned cues(const ctx *c, uint32_t k)
{
    const gm_token *t = tok(c, k);
    if (t->kind == GM_TOK_PUNCT)
        return 0;
    return gm_cue_classes_hashed(folded(c, k), t->fold_len,
                                 t->hash);
}

/* Whether token k is one of the list's words: its set kept in the list's
 * handle, so that the registry is asked once per list. */
static inline bool word_in(const ctx *c, uint32_t k, gm_event_words *words)
{
    const gm_token *t = gm_event_token_word(c->tv, c->ntok, k);
    if (!t)
        return false;
    return gm_event_word_answer(t, folded(c, k), gm_event_words_set(words),
                                words->words);
}

/* Punctuation that ends a clause (apostrophes and hyphens do not). */
static bool strong_punct(const ctx *c, uint32_t k)
{
    const gm_token *t = tok(c, k);
    if (t->kind != GM_TOK_PUNCT)
        return false;
    const unsigned char *s = (const unsigned char *)c->text + t->off;
    if (t->len == 1)
        return *s == ';' || *s == ':' || *s == '"' ||
               (*s == '-' && (t->flags & GM_TOKF_SPACE_BEFORE) &&
                k + 1 < c->se && (tok(c, k + 1)->flags & GM_TOKF_SPACE_BEFORE));
    return t->len == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
           (s[2] == 0x93 || s[2] == 0x94 || s[2] == 0x9C || s[2] == 0x9D);
}

static bool comma(const ctx *c, uint32_t k)
{
    return punct_is(c, k, ',');
}

/* Whether comma k sits inside a date, between its day and its year
 * ("on May 3, 1999"): no phrase nor clause ends there. */
static bool date_comma(const ctx *c, uint32_t k)
{
    if (k <= c->sb || k + 1 >= c->se)
        return false;
    const gm_token *d = tok(c, k - 1), *y = tok(c, k + 1);
    return d->kind == GM_TOK_NUMBER && d->len <= 2 &&
           y->kind == GM_TOK_NUMBER && y->len == 4;
}

/* ---- clauses --------------------------------------------------------- */

/* Whether a verb in the past starts at token k, after an adverb of
 * sequence at most ("also hit", "then fled"): after ", and" it shares
 * the subject before ("the bomb went off west of X, and then wounded 5"),
 * no clause of its own. */
static bool shared_subject_verb(const ctx *c, uint32_t k)
{
    if (k < c->se && (word_is(c, k, "also") || word_is(c, k, "then") ||
                      word_is(c, k, "later")))
        k++;
    if (k >= c->se || tok(c, k)->kind != GM_TOK_WORD || capitalised(c, k))
        return false;
    const gm_token *t = tok(c, k);
    return t->fold_len > 4 &&
           memcmp(folded(c, k) + t->fold_len - 2, "ed", 2) == 0;
}

/* Whether ", and" at comma k joins two clauses rather than the last name
 * of a list ("X, Y and the town of Z"). */
static bool clause_and(ctx *c, uint32_t k)
{
    if (k + 1 >= c->se || !word_is(c, k + 1, "and"))
        return false;
    if (shared_subject_verb(c, k + 2))
        return false;
    for (uint32_t j = k + 2; j < c->se && j < k + 8; j++) {
        if (c->tok_mention[j] >= 0 || (capitalised(c, j) &&
                                            !(cues(c, j) & GM_CUE_FUNCTION)))
            return false;
        if (!(word_in(c, j, &determiners_w) || word_in(c, j, &adjectives_w) ||
              tok(c, j)->kind == GM_TOK_NUMBER || word_in(c, j, &loc_preps_w) ||
              word_in(c, j, &place_nouns_w) || word_is(c, j, "of")))
            return true;
    }
    return true;
}

/* "and" before an auxiliary: another verb phrase with its own tense and
 * its own place ("was captured by soldiers and is being nursed at X"). */
static bool verb_and(const ctx *c, uint32_t k)
{
    static const char *const auxiliaries[] = {
        "is", "was", "were", "are", "has", "have", "had", "will", "would",
        "later", "then", "also", NULL
    };
    static gm_event_words auxiliaries_w = { auxiliaries, NULL };
    return k + 1 < c->se && word_is(c, k, "and") &&
           word_in(c, k + 1, &auxiliaries_w);
}

/* ", while others rallied at X": "while" or "whereas" after a comma,
 * before no participle, opens a clause of its own ("killed, while
 * travelling in X" goes on). */
static bool contrast_while(const ctx *c, uint32_t k)
{
    if (k <= c->sb || k + 1 >= c->se || !comma(c, k - 1) ||
        !(word_is(c, k, "while") || word_is(c, k, "whereas")))
        return false;
    const gm_token *t = tok(c, k + 1);
    return !(t->fold_len > 4 &&
             memcmp(folded(c, k + 1) + t->fold_len - 3, "ing", 3) == 0);
}

/* Whether "and" at token k, past the trigger's object (a is the
 * trigger's end), opens another verb in the past ("captured a village and
 * battled troops in X", "killed 16 and seized arms near X"): that verb's
 * place. A verb of the same raid shares it ("killed 5 and torched homes in
 * X"), and "shot and killed" has no object between. */
static bool past_verb_and(const ctx *c, uint32_t a, uint32_t k)
{
    static const char *const same_raid[] = {
        "killed", "wounded", "injured", "blasted", "sacked", "burned",
        "torched", "looted", "destroyed", "razed", "bombed", "shelled",
        "attacked", "raped", "abducted", "kidnapped", NULL
    };
    static gm_event_words same_raid_w = { same_raid, NULL };
    if (k < a + 2 || k + 1 >= c->se || !word_is(c, k, "and"))
        return false;
    const gm_token *t = tok(c, k + 1);
    return t->kind == GM_TOK_WORD && !capitalised(c, k + 1) &&
           t->fold_len > 4 &&
           memcmp(folded(c, k + 1) + t->fold_len - 2, "ed", 2) == 0 &&
           !word_in(c, k + 1, &same_raid_w);
}

/* Whether another predicate starts between tokens a < b: "but", ", while"
 * before no participle, or "and" before an auxiliary ("was captured and
 * is being nursed at X"), the latter only after the trigger: a predicate
 * before it that shares its subject lends it its place ("X, which lies in
 * Y and was raided"); or "and" before a verb in the past after the
 * trigger's object. */
static bool other_predicate_between(const ctx *c, uint32_t a, uint32_t b,
                                    bool after)
{
    for (uint32_t k = a; k < b; k++)
        if (word_is(c, k, "but") ||
            (after && (verb_and(c, k) || past_verb_and(c, a, k))) ||
            contrast_while(c, k))
            return true;
    return false;
}

/* Whether a verb of taking someone elsewhere, coordinated after the
 * trigger, starts between tokens a < b: "was captured and then sent to a camp
 * near X", "captured and later transferred to X": a later event's place. */
static bool later_transfer_between(const ctx *c, uint32_t a, uint32_t b)
{
    static const char *const verbs[] = {
        "sent", "taken", "moved", "transferred", "flown", "brought",
        "deported", "jailed", "imprisoned", "handed", "evacuated", "rushed",
        "airlifted", "transported", "extradited", "released", "freed",
        "buried", "hospitalized", "hospitalised", "held", "escorted",
        "shipped", "returned", "turned", NULL
    };
    static gm_event_words verbs_w = { verbs, NULL };
    static const char *const links[] = {
        "and", "then", "later", "was", "were", "been", "being", "before",
        NULL
    };
    static gm_event_words links_w = { links, NULL };
    /* "taken captive": the same event goes on */
    static const char *const states[] = {
        "captive", "prisoner", "prisoners", "hostage", "hostages", NULL
    };
    static gm_event_words states_w = { states, NULL };
    for (uint32_t k = a + 1; k < b; k++)
        if (word_in(c, k, &verbs_w) && word_in(c, k - 1, &links_w) &&
            !(k + 1 < c->se && word_in(c, k + 1, &states_w)))
            return true;
    return false;
}

/* Numbers the clauses of the sentence: a new one after strong punctuation
 * and at ", and" between clauses. (Relative and subordinate clauses may
 * end anywhere; commas count against them in the score.) */
static void number_clauses(ctx *c)
{
    uint8_t n = 0;
    for (uint32_t k = c->sb; k < c->se; k++) {
        /* both marks are punctuation: a word is read no further */
        if (n < 250 && tok(c, k)->kind == GM_TOK_PUNCT &&
            (strong_punct(c, k) || (comma(c, k) && clause_and(c, k))))
            n++;
        c->clause[k - c->sb] = n;
    }
}

static uint8_t clause_of(const ctx *c, uint32_t k)
{
    return c->clause[k - c->sb];
}

/* Whether commas k < j enclose a short noun phrase that an article
 * opens, an apposition ("seized by a waiter, an off-duty guard, near
 * X"): no clause nor phrase ends there. */
static bool noun_apposition(const ctx *c, uint32_t k, uint32_t j)
{
    if (!(word_is(c, k + 1, "a") || word_is(c, k + 1, "an") ||
          word_is(c, k + 1, "the")))
        return false;
    for (uint32_t i = k + 2; i < j; i++) {
        /* "an off-duty guard": a word glued on by a hyphen goes on */
        if (joiner(c, i))
            continue;
        if (!is_word(c, i) || capitalised(c, i) ||
            ((cues(c, i) & (GM_CUE_FUNCTION | GM_CUE_LOCATIVE)) &&
             !(i + 1 < j && joiner(c, i + 1))))
            return false;
    }
    return true;
}

/* Whether the commas k < j enclose a name and nothing else: an
 * apposition ("captured his brother, Ali Hassan, and ..."), which the
 * phrase around it passes over. */
static bool apposition_commas(const ctx *c, uint32_t k, uint32_t j)
{
    if (j > k + 2 && j <= k + 6 && noun_apposition(c, k, j))
        return true;
    if (j <= k + 1 || j > k + 5 || !capitalised(c, k + 1))
        return false;
    for (uint32_t i = k + 1; i < j; i++)
        if (!(capitalised(c, i) || inner_joiner(c, i)) ||
            c->tok_mention[i] >= 0 ||
            (cues(c, i) & (GM_CUE_CALENDAR | GM_CUE_FUNCTION)))
            return false;
    return true;
}

/* Commas between tokens a < b that are not inside a list of names nor
 * around an apposition. */
static int commas_between(const ctx *c, uint32_t a, uint32_t b)
{
    int n = 0;
    uint32_t open = UINT32_MAX;  /* the last comma counted */
    for (uint32_t k = a; k < b; k++) {
        if (!comma(c, k) || date_comma(c, k) ||
            (k > c->sb && k + 1 < c->se && c->tok_mention[k - 1] >= 0 &&
             c->tok_mention[k + 1] >= 0))
            continue;
        if (open != UINT32_MAX && apposition_commas(c, open, k)) {
            n--;
            open = UINT32_MAX;
            continue;
        }
        n++;
        open = k;
    }
    return n;
}

static int words_between(const ctx *c, uint32_t a, uint32_t b)
{
    int n = 0;
    for (uint32_t k = a; k < b; k++)
        n += is_word(c, k);
    return n;
}

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

/* "local government area" at token k, in any case: the division of
 * Nigeria named after its capitalised name ("X Local Government Area"),
 * not an organisation. */
static bool lga_at(const ctx *c, uint32_t k)
{
    return k + 2 < c->se && word_is(c, k, "local") &&
           word_is(c, k + 1, "government") &&
           (word_is(c, k + 2, "area") ||
            word_is(c, k + 2, "areas"));
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
static uint32_t name_end(const ctx *c, uint32_t b)
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
        else if (e < c->se && capitalised(c, e) && word_in(c, e, &place_types_w))
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
           word_in(c, e - 1, &place_types_w) &&
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
        uint32_t ne = name_end(c, e + 1 + joiners_at(c, e + 1));
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
        uint32_t ne = name_end(c, ext);
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
        ne = name_end(c, e);
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
    if (m < 0 && ne < c->se && word_in(c, ne, &place_nouns_w) &&
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
    return ((cues(c, k) & GM_CUE_GENERIC) || word_in(c, k, &place_types_w)) &&
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
        word_in(c, e - 1, &place_types_w) || word_in(c, e - 1, &place_nouns_w))
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
    uint32_t e = name_end(c, k);
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
    if (e > k + 1 && word_in(c, k, &faith_words_w))
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
static bool contains(const ctx *c, const cand *y, const cand *x)
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
    return capitalised(c, last) && word_in(c, last, &place_types_w) &&
           !word_is(c, last, "city");
}

/* Whether token k is an article, which opens a noun phrase. */
static bool article_at(const ctx *c, uint32_t k)
{
    return word_is(c, k, "the") || word_is(c, k, "a") || word_is(c, k, "an");
}

/* Whether the possessive x owns a part of a place: "X's eastern
 * outskirts", "X's perimeter" (then X is a place). */
static bool owns_part(const ctx *c, const cand *x)
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
            word_in(c, last, &division_words_w));
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

static cand *cand_at(ctx *c, uint32_t k)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].tb <= k && k < c->v[i].te)
            return &c->v[i];
    return NULL;
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
                        word_in(c, k + 1, &place_nouns_w) &&
                        !capitalised(c, k + 1) && named &&
                        named->place != GM_EVENT_NO_PLACE;
        if (!(word_in(c, k, &determiners_w) || word_in(c, k, &adjectives_w) ||
              comma(c, k) || compound ||
              (word_in(c, k, &place_nouns_w) && !capitalised(c, k))))
            return NULL;
    }
    return NULL;
}

static bool plausible(const ctx *c, const cand *x);

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
            return plausible(c, y);
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
           word_in(c, p - 2, &directions_w) && word_is(c, p - 3, "the");
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
    return y && plausible(c, y);
}

/* Whether the trigger is a past participle: "-ed" or an irregular one. */
static bool participle(const ctx *c)
{
    const gm_token *t = tok(c, c->te - 1);
    const char *f = folded(c, c->te - 1);
    static const char *const irregular[] = {
        "shot", "taken", "hit", "struck", "overrun", "held", "seized",
        "beaten", "slain", "blown", "caught", "sent", "besieged", NULL
    };
    return (t->fold_len > 3 && memcmp(f + t->fold_len - 2, "ed", 2) == 0) ||
           gm_event_word_in(c->doc, c->te - 1, irregular);
}

/* Whether token k is an adverb in "-ly": "heavily", "densely". */
static bool ly_adverb(const ctx *c, uint32_t k)
{
    const gm_token *t = tok(c, k);
    return t->kind == GM_TOK_WORD && t->fold_len > 3 &&
           memcmp(folded(c, k) + t->fold_len - 2, "ly", 2) == 0;
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
        !word_in(c, j - 1, &place_nouns_w)) {
        uint32_t e = name_end(c, j + 1);
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
    while (b > c->sb && word_in(c, b - 1, &determiners_w))
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
        return word_in(c, k - 1, &adjectives_w) && word_in(c, k + 1, &adjectives_w);
    if (cues(c, k) & (GM_CUE_FUNCTION | GM_CUE_SPEECH | GM_CUE_LOCATIVE |
                      GM_CUE_CALENDAR))
        return false;
    uint32_t p = k - 1;
    if (p >= c->tb && p < c->te)
        return false;
    /* "on heavily damaged X": an adverb before the premodifier */
    if (p > c->sb && ly_adverb(c, p) &&
        (word_in(c, p - 1, &determiners_w) || word_in(c, p - 1, &loc_preps_w) ||
         word_in(c, p - 1, &on_preps_w)))
        return true;
    return word_in(c, p, &determiners_w) || word_in(c, p, &loc_preps_w) ||
           word_in(c, p, &on_preps_w) || word_is(c, p, "from") ||
           (word_in(c, p, &adjectives_w) && p > c->sb &&
            (word_in(c, p - 1, &determiners_w) || word_in(c, p - 1, &loc_preps_w)));
}

/* "in another Y township, X": a name after a determiner and before the
 * settlement noun that renames x contains x; marks it. */
static bool mark_town_owner(ctx *c, uint32_t k, const cand *x)
{
    cand *y = cand_at(c, k);
    if (!y || y == x || y->te != k + 1 || y->tb <= c->sb ||
        !word_in(c, y->tb - 1, &determiners_w))
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
        if (word_in(c, j, &determiners_w))
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
        if (word_in(c, j, &loc_preps_w) || word_in(c, j, &on_preps_w))
            return j;
        if (!(word_in(c, j, &determiners_w) || word_in(c, j, &adjectives_w)))
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
    if (b == c->sb || !word_in(c, b - 1, &place_nouns_w))
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
    return x->te < c->se && (word_in(c, x->te, &business_nouns_w) ||
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
static void governor(ctx *c, cand *x)
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
                (word_in(c, k - 2, &determiners_w) ||
                 word_in(c, k - 2, &adjectives_w) ||
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
        if (k == c->te && word_in(c, k, &impact_verbs_w)) {
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
            if (word_in(c, p, &directions_w) && !direction_part(c, p)) {
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
            if (word_in(c, p, &loc_preps_w)) {
                x->gov = GOV_LOC;
                x->gov_tok = p;
                return;
            }
            if (is_word(c, p) && !capitalised(c, p) &&
                word_in(c, p, &place_nouns_w)) {
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
            if (!capitalised(c, p) && word_in(c, p, &place_nouns_w)) {
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
        if (word_in(c, k, &loc_preps_w))
            g = GOV_LOC;
        /* "bombs struck X, killing 5": another verb's object where the
         * blow fell */
        else if (word_in(c, k, &impact_verbs_w))
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
            if (k > c->sb && word_in(c, k - 1, &general_nouns_w))
                x->general = true;
            if (says_where_lies(c, k, x))
                x->container = true;
            /* "X in Y", "X near Y": Y only says where X is */
            if (g == GOV_LOC) {
                cand *inner = cand_before(c, k, x);
                if (inner && inner->gov == GOV_DIR && !contains(c, x, inner))
                    /* "north of X in Y": X only says where Y lies */
                    inner->container = true;
                /* "in Y inside his X home", "in Y at a X cafe": a name
                 * that qualifies a building's or a spot's noun is inside
                 * Y, which only says where it lies */
                else if (inner && x->modifier && building_after(c, x) &&
                         inner->gov == GOV_LOC &&
                         !contains(c, x, inner) && plausible(c, inner))
                    inner->container = true;
                else if (inner && !contains(c, inner, x) &&
                         (!inner->container || contains(c, x, inner)) &&
                         (!inner->business || facility(c, inner)) &&
                         plausible(c, inner))
                    /* "X in Y", "X in Y in Z": Y and Z only say where X
                     * lies */
                    x->container = true;
            }
            return;
        }
        /* "in Islamic X", "near Christian X": a faith qualifies the
         * place as an adjective does */
        if (word_in(c, k, &determiners_w) || word_in(c, k, &adjectives_w) ||
            word_in(c, k, &faith_words_w) || word_is(c, k, "islamic")) {
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

/* Whether an apposition that says who a person is opens at k: a
 * determiner and a person's noun ("the wife of", "a local officer"). */
static bool person_apposition(const ctx *c, uint32_t k)
{
    static const char *const kin[] = {
        "wife", "husband", "son", "daughter", "brother", "sister", "father",
        "mother", "widow", "uncle", "cousin", "nephew", "niece", NULL
    };
    static gm_event_words kin_w = { kin, NULL };
    if (k + 1 >= c->se || !word_in(c, k, &determiners_w))
        return false;
    return word_in(c, k + 1, &kin_w) || word_in(c, k + 1, &person_nouns_w);
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
    if ((capitalised(c, x->te - 1) && word_in(c, x->te - 1, &place_types_w) &&
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
            if (word_in(c, k, &place_nouns_w) && !capitalised(c, k) &&
                !word_in(c, k, &directions_w)) {
                x->place_noun = true;
                break;
            }
            if (!(word_in(c, k, &determiners_w) || word_in(c, k, &adjectives_w) ||
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
    if (word_in(c, e, &actor_nouns_w) || word_in(c, e, &person_nouns_w) ||
        (cues(c, e) & GM_CUE_TITLE) ||
        (e + 1 < c->se && !capitalised(c, e) && !(cues(c, e) & GM_CUE_FUNCTION) &&
         !word_in(c, e, &place_nouns_w) &&
         ((word_in(c, e + 1, &actor_nouns_w) &&
           !(e + 2 < c->se && word_in(c, e + 2, &place_nouns_w))) ||
          word_in(c, e + 1, &person_nouns_w)))) {
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
    if (word_in(c, e, &general_nouns_w)) {
        x->general = true;
        return;
    }
    if (capitalised(c, e))
        return;
    if (word_in(c, e, &place_nouns_w) && !word_in(c, e, &directions_w)) {
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
    bool verbish = (n > 2 && memcmp(f + n - 2, "ed", 2) == 0) ||
                   (n > 3 && memcmp(f + n - 3, "ing", 3) == 0) ||
                   (n > 1 && f[n - 1] == 's' && f[n - 2] != 's');
    if (!verbish)
        x->modifier = true;
    if (word_in(c, e, &business_nouns_w))
        x->business = true;
}

/* "the Sa'ah Restaurant": a run that ends in a business noun. */
static void business_name(ctx *c, cand *x)
{
    if (x->place == GM_EVENT_NO_PLACE && x->te > x->tb + 1 &&
        capitalised(c, x->te - 1) && word_in(c, x->te - 1, &business_nouns_w))
        x->business = true;
}

/* Whether the trigger opens a participle clause (", killing 12"): it
 * belongs to the clause before. */
static bool participle_trigger(const ctx *c)
{
    const gm_token *t = tok(c, c->tb);
    const char *f = folded(c, c->tb);
    /* ", killing 5 and wounding 12": the second too */
    return c->tb > c->sb &&
           (comma(c, c->tb - 1) || word_is(c, c->tb - 1, "and")) &&
           t->fold_len > 4 && memcmp(f + t->fold_len - 3, "ing", 3) == 0;
}

/* Whether a plausible candidate follows the trigger in its clause: ",
 * killing 5 in X" names the participle's own place; ", killing 5" takes
 * the clause before's. */
static bool own_place_after(const ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        const cand *x = &c->v[i];
        if (x->tb >= c->te && clause_of(c, x->tb) == clause_of(c, c->tb) &&
            !x->agent && plausible(c, x))
            return true;
    }
    return false;
}

/* Whether the trigger is a verb whose object is a place, not a person
 * ("stormed X", "patrolled X", "shelled X"; but "captured X", "shot X"). */
static bool place_object_verb(const ctx *c)
{
    static const char *const verbs[] = {
        "storm", "patrol", "invade", "bomb", "bombard", "shell", "enter",
        "overrun", "occupy", "besiege", "raid", "target", "strike", "hit",
        "struck", "overran", "shelling", "storming", "blockade", "loot",
        NULL
    };
    return gm_event_lemma_in(c->doc, c->tb, verbs);
}

/* Whether the trigger is a verb of saying ("said", "reported"), whose
 * place is where it was said, not where what it reports happened. */
static bool speech_verb(const ctx *c)
{
    static const char *const verbs[] = {
        "say", "report", "quote", "tell", "add", "announce", "state",
        "claim", "write", "note", NULL
    };
    return (cues(c, c->tb) & GM_CUE_SPEECH) ||
           gm_event_lemma_in(c->doc, c->tb, verbs);
}

/* Whether the trigger is a verb of judging what others did ("condemned",
 * "accused"), whose object is another event with its own place. */
static bool judging_verb(const ctx *c)
{
    static const char *const verbs[] = {
        "condemn", "denounce", "deplore", "decry", "criticize", "criticise",
        "blame", "accuse", "praise", "hail", "welcome", "slam", NULL
    };
    return gm_event_lemma_in(c->doc, c->tb, verbs);
}

/* Whether what a verb of saying reports starts between tokens a < b:
 * "that", punctuation, an auxiliary ("said the rebels were planning"),
 * "for" ("claimed responsibility for"). */
static bool reported_between(const ctx *c, uint32_t a, uint32_t b)
{
    static const char *const marks[] = {
        "that", "is", "was", "were", "are", "had", "has", "have", "will",
        "would", "for", NULL
    };
    static gm_event_words marks_w = { marks, NULL };
    for (uint32_t k = a; k < b; k++)
        if (word_in(c, k, &marks_w) ||
            (tok(c, k)->kind == GM_TOK_PUNCT && !joiner(c, k)))
            return true;
    return false;
}

/* Whether a clause opens with "that" right after the trigger:
 * "demonstrated that X", "noted that the X group": what comes after is
 * what it shows or reports, whose places are not the trigger's. "that"
 * before a lower-case word is a determiner ("captured that town"). */
static bool that_clause_after(const ctx *c)
{
    uint32_t k = c->te + 1;
    return k < c->se && word_is(c, c->te, "that") &&
           (capitalised(c, k) || tok(c, k)->kind != GM_TOK_WORD ||
            (cues(c, k) & GM_CUE_FUNCTION));
}

/* The token of "here" after the trigger in its clause ("demonstrated
 * here on Monday against policies in X"), UINT32_MAX if none: the event
 * was where the article was written, and a name past it is elsewhere
 * (but "here in X" names that place). */
static uint32_t here_after(const ctx *c)
{
    for (uint32_t k = c->te; k < c->se && clause_of(c, k) ==
                                               clause_of(c, c->tb); k++)
        if (word_is(c, k, "here"))
            return k + 1 < c->se && word_in(c, k + 1, &loc_preps_w)
                       ? UINT32_MAX
                       : k;
    return UINT32_MAX;
}

/* Whether x's "from" follows a noun other than the trigger, whose origin
 * it says rather than where the event was: "tankers from X", "fishermen
 * from X", "took the ridge from X" (the holder who lost it); not
 * after a verb ("reported from X", "flying from X"). */
static bool from_origin(const ctx *c, const cand *x)
{
    uint32_t k = x->gov_tok;
    if (k == UINT32_MAX || k <= c->sb || k - 1 == c->te - 1)
        return false;
    const gm_token *t = tok(c, k - 1);
    if (t->kind != GM_TOK_WORD || capitalised(c, k - 1))
        return false;
    const char *f = folded(c, k - 1);
    size_t n = t->fold_len;
    return !((n > 2 && memcmp(f + n - 2, "ed", 2) == 0) ||
             (n > 3 && memcmp(f + n - 3, "ing", 3) == 0));
}

/* Whether x lies after the trigger inside an "against" phrase and names
 * what the event opposes rather than where it was: "protested against
 * X", "against an attack on X", "against X's policies", "against the
 * invasion of X"; a locative inside the phrase still says where
 * ("demonstrated against the plan in X"). */
static bool opposed(const ctx *c, const cand *x)
{
    if (x->tb < c->te || (x->gov == GOV_LOC && !x->possessive))
        return false;
    for (uint32_t k = c->te; k < x->tb; k++)
        if (word_is(c, k, "against"))
            return clause_of(c, k) == clause_of(c, x->tb);
    return false;
}

/* Whether token k is a lower-case past participle: "-ed", "born". */
static bool participle_at(const ctx *c, uint32_t k)
{
    const gm_token *t = tok(c, k);
    return t->kind == GM_TOK_WORD && !capitalised(c, k) &&
           ((t->fold_len > 3 &&
             memcmp(folded(c, k) + t->fold_len - 2, "ed", 2) == 0) ||
            word_is(c, k, "born"));
}

/* Whether x, before the trigger, lies in a relative clause about a
 * person that closes before it: "X, who grew up in Y, was captured",
 * "X, whom police linked to bombings in Y, was killed", "X, born in Y,
 * was arrested": the clause's place is the person's, not the event's. */
static bool in_person_clause(const ctx *c, const cand *x)
{
    static const char *const pronouns[] = { "who", "whom", "whose", NULL };
    static gm_event_words pronouns_w = { pronouns, NULL };
    if (x->te > c->tb)
        return false;
    bool closes = false;
    for (uint32_t k = x->te; k < c->tb; k++)
        if (comma(c, k)) {
            closes = true;
            break;
        }
    if (!closes)
        return false;
    for (uint32_t k = x->tb; k > c->sb + 1 && x->tb - k < RELATIVE_TOKENS;) {
        k--;
        /* "who settled in Y, south of X,": the landmark of a place in
         * the clause is in it too */
        if (comma(c, k) && x->gov == GOV_DIR &&
            word_in(c, k + 1, &directions_w))
            continue;
        /* "X, captured in Y in May, was convicted": a participle clause
         * after a name (but "a car, parked in Y, exploded": a thing's
         * place is where it went off) */
        if (comma(c, k))
            return k + 1 < x->tb && participle_at(c, k + 1) &&
                   capitalised(c, k - 1);
        if (punct_is(c, k, ';') || punct_is(c, k, ':'))
            return false;
        /* "those who had settled in X, demonstrated": a clause with no
         * comma before it qualifies the persons as one with it does */
        if (word_in(c, k, &pronouns_w))
            return true;
        /* "X, 44, an officer with a unit in Y, was shot": an apposition
         * that says who a person is */
        if ((word_is(c, k, "a") || word_is(c, k, "an")) && comma(c, k - 1))
            for (uint32_t j = k + 1; j < x->tb && j <= k + 3; j++)
                if (word_in(c, j, &person_nouns_w))
                    return true;
    }
    return false;
}

/* Whether x's locative opens the sentence, at most after a time
 * ("In X, ...", "On Tuesday in X, ...") and a comma closes x's phrase:
 * the place sets the scene for the whole sentence. */
static bool frame_locative(const ctx *c, const cand *x)
{
    static const char *const openers[] = {
        "on", "early", "late", "last", "this", "the", "morning", "night",
        "afternoon", "evening", "yesterday", "today", "meanwhile", "also",
        "elsewhere", "and", "but", "later", "earlier", NULL
    };
    static gm_event_words openers_w = { openers, NULL };
    uint32_t g = x->gov_tok;
    if (x->gov != GOV_LOC || g == UINT32_MAX || x->te > c->tb || g > c->sb + 4 ||
        x->te >= c->se || !comma(c, x->te))
        return false;
    for (uint32_t k = c->sb; k < g; k++)
        if (!(word_in(c, k, &openers_w) || (cues(c, k) & GM_CUE_CALENDAR) ||
              tok(c, k)->kind == GM_TOK_NUMBER || comma(c, k)))
            return false;
    return true;
}

/* Whether x is in a clause that opens the sentence with "after",
 * "since", "before", "as", "once", "although" or "because" (at most a
 * span of time before it: "Six weeks after ...") and that a comma closes
 * before the trigger: "After a raid on X, police arrested 5", "As shells
 * fell on X, the rebels regrouped": another event, which only dates or
 * explains this one ("When ..." sets the scene as often: not read). */
static bool opening_clause_place(const ctx *c, const cand *x)
{
    static const char *const subordinators[] = {
        "after", "since", "before", "as", "once", "although", "though",
        "because", NULL
    };
    static gm_event_words subordinators_w = { subordinators, NULL };
    static const char *const not_clauses[] = {
        "a", "part", "well", "of", "for", "to", "many", "much", "far",
        "long", "soon", NULL
    };
    static gm_event_words not_clauses_w = { not_clauses, NULL };
    if (x->te > c->tb)
        return false;
    uint32_t k = c->sb;
    while (k < x->tb && k < c->sb + 4 && is_word(c, k) &&
           !word_in(c, k, &subordinators_w))
        k++;
    if (k >= x->tb || !word_in(c, k, &subordinators_w) ||
        (word_is(c, k, "as") && word_in(c, k + 1, &not_clauses_w)))
        return false;
    /* the clause's comma: none before x, one between x and the trigger */
    for (uint32_t j = k + 1; j < x->tb; j++)
        if (comma(c, j))
            return false;
    for (uint32_t j = x->te; j < c->tb; j++)
        if (comma(c, j))
            return true;
    return false;
}

/* Whether x's preposition follows an event noun that a span of time and
 * "after" or "before" bring in: "a day after the attacks on X", "shortly
 * after the massacre in X": the place of another event, which only dates
 * this one (but "killed after an attack in X": the attack killed). */
static bool earlier_event_place(const ctx *c, const cand *x)
{
    static const char *const nouns[] = {
        "attack", "attacks", "bombing", "bombings", "massacre", "raid",
        "raids", "blast", "blasts", "explosion", "explosions", "shooting",
        "shootings", "riot", "riots", "assault", "killing", "killings",
        "ambush", "clash", "clashes", "crash", NULL
    };
    static gm_event_words nouns_w = { nouns, NULL };
    static const char *const marks[] = { "after", "before", NULL };
    static gm_event_words marks_w = { marks, NULL };
    static const char *const spans[] = {
        "shortly", "soon", "just", "moments", "seconds", "minutes", "hour",
        "hours", "day", "days", "week", "weeks", "month", "months", "year",
        "years", "decades", "long", NULL
    };
    static gm_event_words spans_w = { spans, NULL };
    uint32_t p = x->gov_tok;
    if ((x->gov != GOV_LOC && x->gov != GOV_ON) || p == UINT32_MAX ||
        p <= c->sb + 1 || word_in(c, p, &impact_verbs_w) ||
        !word_in(c, p - 1, &nouns_w) ||
        (p - 1 >= c->tb && p - 1 < c->te))
        return false;
    for (uint32_t k = p - 1; k > c->sb && p - k < 6;) {
        k--;
        if (k >= c->tb && k < c->te)
            return false;
        if (word_in(c, k, &marks_w))
            return k > c->sb && word_in(c, k - 1, &spans_w);
        if (tok(c, k)->kind == GM_TOK_PUNCT || capitalised(c, k) ||
            (cues(c, k) & GM_CUE_LOCATIVE))
            return false;
    }
    return false;
}

/* Whether a distance comes right before the direction word d ("10 km
 * north of X", "(6 miles) north of X"). */
static bool distance_before(const ctx *c, uint32_t d)
{
    static const char *const distance_words[] = {
        "km", "kms", "kilometers", "kilometres", "kilometer", "kilometre",
        "miles", "mile", "meters", "metres", "yards", "far", NULL
    };
    static gm_event_words distance_words_w = { distance_words, NULL };
    return d > c->sb && (tok(c, d - 1)->kind == GM_TOK_NUMBER ||
                         word_in(c, d - 1, &distance_words_w) ||
                         punct_is(c, d - 1, ')'));
}

/* Whether x is a road's name ("the X Road", "Y Street") with a locative
 * right after it. */
static bool road_before_locative(const ctx *c, const cand *x)
{
    static const char *const road_nouns[] = {
        "road", "highway", "street", "avenue", "motorway", NULL
    };
    static gm_event_words road_nouns_w = { road_nouns, NULL };
    return x->te > x->tb + 1 && x->te < c->se &&
           word_in(c, x->te - 1, &road_nouns_w) &&
           word_in(c, x->te, &loc_preps_w);
}

/* Whether a locative follows the noun that x qualifies ("a X factory in
 * Y", "the X flagship Z in Y"), a few words on, before any punctuation. */
static bool locative_after_noun(const ctx *c, const cand *x)
{
    for (uint32_t k = x->te + 1; k < c->se && k <= x->te + 4; k++) {
        if (tok(c, k)->kind == GM_TOK_PUNCT)
            return false;
        if (word_in(c, k, &loc_preps_w))
            return true;
    }
    return false;
}

/* The weights were set on a development set of news sentences (half of
 * it, checked on the other half) and rounded: a governing locative or the
 * trigger's object first, a place noun for, a container, an actor, a
 * general noun ("the war in X") or a region against. */
static float score(const ctx *c, const cand *x)
{
    float s;
    switch (x->gov) {
    case GOV_LOC: s = 12; break;
    case GOV_TRIGGER: s = 13.5f; break;
    case GOV_ON: s = 8.75f; break;
    case GOV_TO:
        /* "marched towards X": a place right after the trigger's "to" is
         * where it led, more than a frame before it ("In Y, ...") */
        s = x->gov_tok == c->te &&
                    (x->place != GM_EVENT_NO_PLACE || x->place_noun)
                ? 9
                : 6;
        break;
    case GOV_FROM:
        s = from_origin(c, x) ? 3.5f : 5.75f;
        break;
    case GOV_DIR:
        /* "positions south of X": with no distance before it, the
         * direction only names X's side, near enough to place the event;
         * "10 km south of X" is elsewhere */
        s = x->gov_tok != UINT32_MAX && !distance_before(c, x->gov_tok)
                ? 11
                : 8.5f;
        break;
    case GOV_BETWEEN: s = 3; break;
    case GOV_OF: s = 6.75f; break;
    case GOV_BY: s = -2; break;
    case GOV_OTHER:
    case GOV_NONE:
    default: s = 5.75f; break;
    }
    if (x->modifier && x->gov != GOV_TRIGGER)
        s -= 0.5f;
    /* "around X's eastern outskirts" is "the eastern outskirts of X" */
    if (x->place_noun ||
        (x->possessive && !x->container && owns_part(c, x)))
        s += 2;
    if (x->container)
        s -= 6.5f;
    if (x->actor)
        s -= 3;
    /* "killed two US soldiers": the trigger's object is the persons the
     * name qualifies, not a place */
    if (x->actor && x->gov == GOV_TRIGGER)
        s -= 6;
    if (x->org)
        s -= 3;
    /* "captured X in Y", "X was shot in Y": the bare object of a verb
     * whose object is a person as often is likely the person, and the
     * locative says where */
    if (x->gov == GOV_TRIGGER && !c->place_object && !x->place_noun)
        s -= 4;
    /* "X's civil war": the preposition governs the war, not X */
    if (x->general)
        s -= x->possessive ? 8 : 5.5f;
    if (opposed(c, x))
        s -= 4;
    if (in_person_clause(c, x))
        s -= 6;
    if (earlier_event_place(c, x))
        s -= 8;
    if (opening_clause_place(c, x))
        s -= 6;
    if (x->place == GM_EVENT_NO_PLACE)
        s -= 1;
    /* a building: the place near it names where first */
    if (x->business && x->place == GM_EVENT_NO_PLACE)
        s -= 1.5f;
    /* "bombed a X factory in Y": an unknown name that only qualifies the
     * trigger's object is a firm's or a vessel's; the locative after the
     * object says where */
    if (x->modifier && x->gov == GOV_TRIGGER &&
        x->place == GM_EVENT_NO_PLACE && locative_after_noun(c, x))
        s -= 2;
    /* "patrolled the X Road in Y": a road runs through places; the
     * locative right after it says where along it */
    if (x->gov == GOV_TRIGGER && road_before_locative(c, x))
        s -= 3;
    if (x->kind == GM_KIND_COUNTRY)
        s -= 0.5f;
    /* a region names where only loosely: far from the trigger, a
     * town would still place the event, a region no longer */
    if (x->kind == GM_KIND_REGION || x->kind == GM_KIND_CONTINENT)
        s -= 4;
    bool after = x->tb >= c->te;
    uint32_t a = after ? c->te : x->te;
    uint32_t b = after ? x->tb : c->tb;
    int dist = words_between(c, a, b);
    int commas = commas_between(c, a, b);
    if (after) {
        s -= 0.25f * (float)dist;
        /* "police said the rebels planned bombings in X": a name past
         * the words of a verb of saying is in what it reports; "said in
         * X", "told reporters in X" say where it was said */
        if ((c->speech && dist > SPEECH_PLACE_WORDS &&
             reported_between(c, a, b)) ||
            that_clause_after(c))
            s -= 8;
        /* "condemned the massacre committed on Monday in X": the judged
         * event's place */
        else if (c->judging && dist > SPEECH_PLACE_WORDS)
            s -= 8;
        /* "demonstrated here on Monday against policies in X": the
         * event was here, X is elsewhere */
        if (c->here < x->tb)
            s -= 6;
    } else {
        s -= 2 + 0.15f * (float)dist;
        if (participle_trigger(c)) {
            /* ", targeting X near Y": the participle's own place comes
             * first, the clause before only lends it one; ", killing 5"
             * with no place of its own takes that one at no loss */
            commas = commas > 0 ? commas - 1 : 0;
            if (c->own_place)
                s -= 3;
        }
    }
    /* "In X, ... was shot": the commas of the sentence that X frames */
    if (frame_locative(c, x))
        commas = 0;
    /* a comma bounds a clause less often than it sets off a phrase in
     * one ("shot a teacher, a nurse and a driver, on Monday, in X") */
    s -= 1.25f * (float)commas;
    /* "was captured and is being nursed at X", "was captured and then
     * sent to a camp near X": another verb's place */
    if (other_predicate_between(c, a, b, after) ||
        (after && later_transfer_between(c, a, b)))
        s -= 6;
    if (clause_of(c, x->tb) != clause_of(c, c->tb) && !frame_locative(c, x))
        s -= 2;
    return s;
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
        if (capitalised(c, j) || word_in(c, j, &actor_nouns_w))
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
        governor(c, &a);
        float s = score(c, &a);
        if (s > x->score)
            x->score = s;
        return x;
    }
    return NULL;
}

/* A name that may be a location: known to the gazetteer, or in a place
 * slot (a business's name before its noun is not: "the Blue Lantern bar"). */
static bool plausible(const ctx *c, const cand *x)
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
    if (x->possessive && !x->container && !owns_part(c, x))
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
static uint32_t span_end(const ctx *c, const cand *x)
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
           span_end(c, y) > y->te;
}

/* Whether a lower-case division noun follows y ("Y county", "Y local
 * government area"): "X village, Y county" names where X lies. */
static bool division_after(const ctx *c, const cand *y)
{
    uint32_t k = y->te;
    return k < c->se && !capitalised(c, k) &&
           (word_in(c, k, &division_words_w) || lga_at(c, k));
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
            if (!contains(c, z, x) && !division_after(c, z) &&
                !(span_end(c, x) > x->te && z->place_noun))
                return k;
            uint32_t e = z->te;
            if (e < c->se && !capitalised(c, e) &&
                word_in(c, e, &place_nouns_w))
                e++;
            return e;
        }
        if (!(word_in(c, j, &determiners_w) || word_is(c, j, "of") ||
              word_in(c, j, &place_nouns_w)))
            return k;
    }
    return k;
}

/* Whether a place noun comes shortly before x ("villages near X"). */
static bool place_noun_before(const ctx *c, const cand *x)
{
    for (uint32_t k = x->tb; k > c->sb && k + 4 > x->tb; k--)
        if (word_in(c, k - 1, &place_nouns_w))
            return true;
    return false;
}

/* The candidate coordinated with x in direction dir (+1 right, -1 left):
 * "X, Y and Z", "X and Y", "2,000 in X and 500 in Y"; NULL when none. */
static cand *coordinated(ctx *c, const cand *x, int dir)
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
    uint32_t k = dir > 0 ? span_end(c, x) : x->tb;
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
            if (after < c->se && word_in(c, after, &place_nouns_w)) {
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
                (!plausible(c, y) && y->gov != GOV_OTHER &&
                 y->gov != GOV_NONE && y->gov != x->gov))
                return NULL;
            return y;
        }
        if (dir < 0 && k == x->gov_tok && !word_in(c, k, &adjectives_w))
            passed_gov = true;
        /* "X, a village near Y": an apposition says what X is */
        if (dir > 0 && k > c->sb && comma(c, k - 1) &&
            k - 1 == span_end(c, x) &&
            (word_is(c, k, "a") || word_is(c, k, "an")))
            return NULL;
        /* "the villages near X, including Y and Z": the places the
         * noun counts ("the battle for X, including Y": persons) */
        if (comma(c, k) || word_is(c, k, "and") ||
            word_is(c, k, "or") ||
            (dir > 0 && linked && word_is(c, k, "including") &&
             place_noun_before(c, x)))
            linked = true;
        else if (!(word_in(c, k, &determiners_w) || word_in(c, k, &adjectives_w) ||
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
                                 word_in(c, k - 1, &place_nouns_w)))) ||
                   (word_in(c, k, &place_nouns_w) && (dir > 0 || !linked)) ||
                   (dir < 0 && !linked && demonym_at(c, k))))
            return NULL;
        if (dir > 0)
            k++;
    }
    return NULL;
}

/* Whether the run from x to y holds "and"/"or": a list, not a chain of
 * containers. */
static bool list_between(const ctx *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++)
        if (word_is(c, k, "and") ||
            word_is(c, k, "or"))
            return true;
    return false;
}

/* Whether "of" lies between tokens a and b. */
static bool of_between(const ctx *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++)
        if (word_is(c, k, "of"))
            return true;
    return false;
}

/* Whether a list goes on after y with "and"/"or" ("X, Y and Z"). */
static bool list_goes_on(ctx *c, cand *y)
{
    for (cand *z = y; z; z = coordinated(c, z, +1))
        if (z != y && list_between(c, y->te, z->tb))
            return true;
    return false;
}

/* Whether what follows y may go on with a list: not a verb or an adverb
 * ("in X, Y said", "in X, Y quickly marched"). */
static bool list_next(const ctx *c, const cand *y)
{
    uint32_t k = y->te;
    if (k >= c->se || tok(c, k)->kind != GM_TOK_WORD || capitalised(c, k))
        return true;
    if (cues(c, k) & GM_CUE_SPEECH)
        return false;
    const char *f = folded(c, k);
    size_t n = tok(c, k)->fold_len;
    return !((n > 3 && memcmp(f + n - 2, "ed", 2) == 0) ||
             (n > 3 && memcmp(f + n - 2, "ly", 2) == 0));
}

/* Whether y, after the trigger and ", and", is the subject of a clause of
 * its own: an auxiliary follows it ("killed in X, and Y is still held";
 * but "the villages of X and Y are shelled"). */
static bool opens_clause(const ctx *c, const cand *y)
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
static bool address_goes_on(ctx *c, cand *y)
{
    cand *z = coordinated(c, y, +1);
    return z && !list_between(c, y->te, z->tb) && contains(c, z, y);
}

static void add_loc(ctx *c, gm_event_loc *locs, uint32_t *n, const cand *x)
{
    const gm_token *a = tok(c, x->tb);
    const gm_token *b = tok(c, span_end(c, x) - 1);
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

/* The candidates of ctx's sentence with what follows each (look_after),
 * which no trigger changes; the clauses are numbered apart. */
static void candidates(ctx *c, uint8_t *busy)
{
    collect(c, busy);
    merge_adjacent(c);
    for (size_t i = 0; i < c->n; i++) {
        look_after(c, &c->v[i]);
        business_name(c, &c->v[i]);
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
    candidates(&m, memo->busy);
    number_clauses(&m);
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

    c.place_object = place_object_verb(&c);
    c.speech = speech_verb(&c);
    c.judging = judging_verb(&c);
    if (!memo) {
        c.clause = gm_arena_alloc(doc->arena, c.se - c.sb + 1);
        candidates(&c, NULL);
        number_clauses(&c);
    } else {
        if (!memo->built)
            memo_build(doc, c.sb, c.se, memo);
        c.clause = memo->clause;
        bool busy = false;
        for (uint32_t k = tb; k < te && k < c.se; k++)
            busy |= memo->busy[k - c.sb];
        if (busy) {
            candidates(&c, NULL);
        } else if (memo->n) {
            /* governor() marks other candidates: a copy of the shared */
            c.v = gm_arena_alloc(doc->arena, memo->n * sizeof *c.v);
            memcpy(c.v, memo->cands, memo->n * sizeof *c.v);
            c.n = c.cap = memo->n;
        }
    }
    for (size_t i = 0; i < c.n; i++)
        governor(&c, &c.v[i]);
    /* "X, Y" where Y contains X and no list goes on: Y is a container */
    for (size_t i = 0; i + 1 < c.n; i++) {
        cand *x = &c.v[i], *y = &c.v[i + 1];
        if (y->tb == x->te + 1 && comma(&c, x->te) && contains(&c, y, x) &&
            !list_goes_on(&c, y))
            y->container = true;
    }
    c.own_place = participle_trigger(&c) && own_place_after(&c);
    c.here = here_after(&c);
    cand *best = NULL;
    for (size_t i = 0; i < c.n; i++) {
        cand *x = &c.v[i];
        x->score = plausible(&c, x) && !x->agent ? score(&c, x) : -100;
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
            while ((y = coordinated(&c, x, dir)) != NULL &&
                   n_locs < c.n) {
                const cand *left = dir > 0 ? x : y;
                const cand *right = dir > 0 ? y : x;
                bool and_link = list_between(&c, left->te, right->tb);
                /* "X, Y and Z, W": the "and" closed the list */
                if (dir > 0 && closed && !and_link)
                    break;
                /* "and the districts of Y, Z": a new head opens a list */
                closed = (closed || and_link) &&
                         !of_between(&c, left->te, right->tb);
                /* "X, Y" without "and" is a chain of containers, or Y
                 * the subject of what follows ("in X, Y said") */
                if (dir > 0 && opens_clause(&c, y))
                    break;
                /* "the centre of X, Y": a known place in apposition to
                 * its container is where */
                if (dir > 0 && x == best && n_locs == 1 && !and_link &&
                    y->place != GM_EVENT_NO_PLACE && contains(&c, x, y) &&
                    !list_goes_on(&c, y)) {
                    best = y;
                    n_locs = 0;
                    add_loc(&c, locs, &n_locs, y);
                    break;
                }
                if (!list_between(&c, left->te, right->tb) &&
                    (contains(&c, right, left) || contains(&c, left, right) ||
                     (dir > 0 && address_goes_on(&c, y)) ||
                     !list_next(&c, y) ||
                     (dir > 0 && division_after(&c, y))) &&
                    !list_goes_on(&c, y))
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
