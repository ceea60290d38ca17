/* The score of a candidate: the clauses of the sentence and the measures
 * between a candidate and the trigger (commas, words, another predicate),
 * what the trigger is (a participle, a verb of saying or judging, "here"),
 * and the weights. The candidates and their governors are
 * attach_names.c's and attach_governor.c's. */
#include "events/attach_internal.h"

/* A verb of saying's own place lies within this many words after it. */
#define SPEECH_PLACE_WORDS 3
/* A relative pronoun is looked for this many tokens to the left at most. */
#define RELATIVE_TOKENS 40

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
    return ends_in(c, k, "ed", 4);
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
        if (!(word_in(c, j, &gm_attach_determiners_w) || word_in(c, j, &gm_attach_adjectives_w) ||
              tok(c, j)->kind == GM_TOK_NUMBER || word_in(c, j, &gm_attach_loc_preps_w) ||
              word_in(c, j, &gm_attach_place_nouns_w) || word_is(c, j, "of")))
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
    return !ends_in(c, k + 1, "ing", 4);
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
           ends_in(c, k + 1, "ed", 4) && !word_in(c, k + 1, &same_raid_w);
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
void gm_attach_number_clauses(ctx *c)
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

/* ---- the trigger and the score --------------------------------------- */

/* Whether the trigger opens a participle clause (", killing 12"): it
 * belongs to the clause before. */
bool gm_attach_participle_trigger(const ctx *c)
{
    /* ", killing 5 and wounding 12": the second too */
    return c->tb > c->sb &&
           (comma(c, c->tb - 1) || word_is(c, c->tb - 1, "and")) &&
           ends_in(c, c->tb, "ing", 4);
}

/* Whether a plausible candidate follows the trigger in its clause: ",
 * killing 5 in X" names the participle's own place; ", killing 5" takes
 * the clause before's. */
bool gm_attach_own_place_after(const ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        const cand *x = &c->v[i];
        if (x->tb >= c->te && clause_of(c, x->tb) == clause_of(c, c->tb) &&
            !x->agent && gm_attach_plausible(c, x))
            return true;
    }
    return false;
}

/* Whether the trigger is a verb whose object is a place, not a person
 * ("stormed X", "patrolled X", "shelled X"; but "captured X", "shot X"). */
bool gm_attach_place_object_verb(const ctx *c)
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
bool gm_attach_speech_verb(const ctx *c)
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
bool gm_attach_judging_verb(const ctx *c)
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
uint32_t gm_attach_here_after(const ctx *c)
{
    for (uint32_t k = c->te; k < c->se && clause_of(c, k) ==
                                               clause_of(c, c->tb); k++)
        if (word_is(c, k, "here"))
            return k + 1 < c->se && word_in(c, k + 1, &gm_attach_loc_preps_w)
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
    return !(ends_in(c, k - 1, "ed", 2) || ends_in(c, k - 1, "ing", 3));
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
           (ends_in(c, k, "ed", 3) || word_is(c, k, "born"));
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
            word_in(c, k + 1, &gm_attach_directions_w))
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
                if (word_in(c, j, &gm_attach_person_nouns_w))
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
        p <= c->sb + 1 || word_in(c, p, &gm_attach_impact_verbs_w) ||
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
           word_in(c, x->te, &gm_attach_loc_preps_w);
}

/* Whether a locative follows the noun that x qualifies ("a X factory in
 * Y", "the X flagship Z in Y"), a few words on, before any punctuation. */
static bool locative_after_noun(const ctx *c, const cand *x)
{
    for (uint32_t k = x->te + 1; k < c->se && k <= x->te + 4; k++) {
        if (tok(c, k)->kind == GM_TOK_PUNCT)
            return false;
        if (word_in(c, k, &gm_attach_loc_preps_w))
            return true;
    }
    return false;
}

/* The weights were set on a development set of news sentences (half of
 * it, checked on the other half) and rounded: a governing locative or the
 * trigger's object first, a place noun for, a container, an actor, a
 * general noun ("the war in X") or a region against. */
float gm_attach_score(const ctx *c, const cand *x)
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
        (x->possessive && !x->container && gm_attach_owns_part(c, x)))
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
        if (gm_attach_participle_trigger(c)) {
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
