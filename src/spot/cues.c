/* Word classes of the spotter's context cues (cues.h). The table is kept
 * sorted by word, one row per word (test_spot checks both), and looked up
 * through a hash table of its rows made on first use. */
#include "spot/cues.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/tokens.h"

typedef struct cue_word {
    const char *word;
    unsigned classes;
} cue_word;

static const cue_word cue_words[] = {
    { "a", GM_CUE_FUNCTION },
    { "aaron", GM_CUE_GIVEN_NAME },
    { "about", GM_CUE_FUNCTION },
    { "above", GM_CUE_FUNCTION },
    { "academy", GM_CUE_GENERIC },
    { "across", GM_CUE_LOCATIVE },
    { "adam", GM_CUE_GIVEN_NAME },
    { "added", GM_CUE_SPEECH },
    { "adds", GM_CUE_SPEECH },
    { "adm", GM_CUE_TITLE },
    { "admiral", GM_CUE_TITLE },
    { "after", GM_CUE_FUNCTION },
    { "again", GM_CUE_FUNCTION },
    { "against", GM_CUE_FUNCTION },
    { "agency", GM_CUE_GENERIC },
    { "airport", GM_CUE_GENERIC },
    { "alan", GM_CUE_GIVEN_NAME },
    { "albert", GM_CUE_GIVEN_NAME },
    { "alex", GM_CUE_GIVEN_NAME },
    { "alexander", GM_CUE_GIVEN_NAME },
    { "alice", GM_CUE_GIVEN_NAME },
    { "all", GM_CUE_FUNCTION },
    { "also", GM_CUE_FUNCTION },
    { "although", GM_CUE_FUNCTION },
    { "amanda", GM_CUE_GIVEN_NAME },
    { "ambassador", GM_CUE_TITLE },
    { "among", GM_CUE_FUNCTION },
    { "amy", GM_CUE_GIVEN_NAME },
    { "an", GM_CUE_FUNCTION },
    { "and", GM_CUE_FUNCTION },
    { "andrea", GM_CUE_GIVEN_NAME },
    { "andrew", GM_CUE_GIVEN_NAME },
    { "angela", GM_CUE_GIVEN_NAME },
    { "ann", GM_CUE_GIVEN_NAME },
    { "anna", GM_CUE_GIVEN_NAME },
    { "anne", GM_CUE_GIVEN_NAME },
    { "announced", GM_CUE_SPEECH },
    { "another", GM_CUE_FUNCTION },
    { "anthony", GM_CUE_GIVEN_NAME },
    { "any", GM_CUE_FUNCTION },
    { "anybody", GM_CUE_FUNCTION },
    { "anyone", GM_CUE_FUNCTION },
    { "anything", GM_CUE_FUNCTION },
    { "apr", GM_CUE_CALENDAR },
    { "april", GM_CUE_CALENDAR },
    { "are", GM_CUE_FUNCTION },
    { "area", GM_CUE_GENERIC },
    { "arena", GM_CUE_GENERIC },
    { "argued", GM_CUE_SPEECH },
    { "army", GM_CUE_GENERIC },
    { "around", GM_CUE_LOCATIVE },
    { "arthur", GM_CUE_GIVEN_NAME },
    { "as", GM_CUE_FUNCTION },
    { "asked", GM_CUE_SPEECH },
    { "asks", GM_CUE_SPEECH },
    { "at", GM_CUE_LOCATIVE },
    { "attorney", GM_CUE_TITLE },
    { "aug", GM_CUE_CALENDAR },
    { "august", GM_CUE_CALENDAR },
    { "aunt", GM_CUE_TITLE },
    { "ave", GM_CUE_GENERIC },
    { "avenue", GM_CUE_GENERIC },
    { "barbara", GM_CUE_GIVEN_NAME },
    { "base", GM_CUE_GENERIC },
    { "bay", GM_CUE_GENERIC },
    { "be", GM_CUE_FUNCTION },
    { "beach", GM_CUE_GENERIC },
    { "because", GM_CUE_FUNCTION },
    { "been", GM_CUE_FUNCTION },
    { "before", GM_CUE_FUNCTION },
    { "being", GM_CUE_FUNCTION },
    { "below", GM_CUE_FUNCTION },
    { "ben", GM_CUE_GIVEN_NAME },
    { "benjamin", GM_CUE_GIVEN_NAME },
    { "betty", GM_CUE_GIVEN_NAME },
    { "between", GM_CUE_LOCATIVE },
    { "beyond", GM_CUE_LOCATIVE },
    { "bill", GM_CUE_GIVEN_NAME },
    { "billy", GM_CUE_GIVEN_NAME },
    { "blvd", GM_CUE_GENERIC },
    { "bob", GM_CUE_GIVEN_NAME },
    { "bobby", GM_CUE_GIVEN_NAME },
    { "borough", GM_CUE_GENERIC },
    { "both", GM_CUE_FUNCTION },
    { "boulevard", GM_CUE_GENERIC },
    { "brad", GM_CUE_GIVEN_NAME },
    { "brandon", GM_CUE_GIVEN_NAME },
    { "brenda", GM_CUE_GIVEN_NAME },
    { "brian", GM_CUE_GIVEN_NAME },
    { "bridge", GM_CUE_GENERIC },
    { "brook", GM_CUE_GENERIC },
    { "brother", GM_CUE_TITLE },
    { "bruce", GM_CUE_GIVEN_NAME },
    { "building", GM_CUE_GENERIC },
    { "bureau", GM_CUE_GENERIC },
    { "but", GM_CUE_FUNCTION },
    { "by", GM_CUE_FUNCTION },
    { "camp", GM_CUE_GENERIC },
    { "can", GM_CUE_FUNCTION },
    { "canal", GM_CUE_GENERIC },
    { "canyon", GM_CUE_GENERIC },
    { "cape", GM_CUE_GENERIC },
    { "capt", GM_CUE_TITLE },
    { "captain", GM_CUE_TITLE },
    { "carl", GM_CUE_GIVEN_NAME },
    { "carol", GM_CUE_GIVEN_NAME },
    { "caroline", GM_CUE_GIVEN_NAME },
    { "cathedral", GM_CUE_GENERIC },
    { "catherine", GM_CUE_GIVEN_NAME },
    { "center", GM_CUE_GENERIC },
    { "central", GM_CUE_QUALIFIER },
    { "centre", GM_CUE_GENERIC },
    { "ceo", GM_CUE_TITLE },
    { "chairman", GM_CUE_TITLE },
    { "chairwoman", GM_CUE_TITLE },
    { "chamber", GM_CUE_GENERIC },
    { "chancellor", GM_CUE_TITLE },
    { "chapel", GM_CUE_GENERIC },
    { "charles", GM_CUE_GIVEN_NAME },
    { "charlie", GM_CUE_GIVEN_NAME },
    { "chief", GM_CUE_TITLE },
    { "chris", GM_CUE_GIVEN_NAME },
    { "christina", GM_CUE_GIVEN_NAME },
    { "christine", GM_CUE_GIVEN_NAME },
    { "christopher", GM_CUE_GIVEN_NAME },
    { "church", GM_CUE_GENERIC },
    { "cindy", GM_CUE_GIVEN_NAME },
    { "cities", GM_CUE_GENERIC },
    { "city", GM_CUE_GENERIC },
    { "claimed", GM_CUE_SPEECH },
    { "clinic", GM_CUE_GENERIC },
    { "cmdr", GM_CUE_TITLE },
    { "coach", GM_CUE_TITLE },
    { "coast", GM_CUE_GENERIC },
    { "coastal", GM_CUE_QUALIFIER },
    { "col", GM_CUE_TITLE },
    { "college", GM_CUE_GENERIC },
    { "colonel", GM_CUE_TITLE },
    { "commander", GM_CUE_TITLE },
    { "commissioner", GM_CUE_TITLE },
    { "corner", GM_CUE_GENERIC },
    { "corporal", GM_CUE_TITLE },
    { "could", GM_CUE_FUNCTION },
    { "council", GM_CUE_GENERIC },
    { "councilman", GM_CUE_TITLE },
    { "councilwoman", GM_CUE_TITLE },
    { "county", GM_CUE_GENERIC },
    { "court", GM_CUE_GENERIC },
    { "courthouse", GM_CUE_GENERIC },
    { "cpl", GM_CUE_TITLE },
    { "craig", GM_CUE_GIVEN_NAME },
    { "creek", GM_CUE_GENERIC },
    { "crossing", GM_CUE_GENERIC },
    { "cynthia", GM_CUE_GIVEN_NAME },
    { "dam", GM_CUE_GENERIC },
    { "dame", GM_CUE_TITLE },
    { "dan", GM_CUE_GIVEN_NAME },
    { "daniel", GM_CUE_GIVEN_NAME },
    { "danny", GM_CUE_GIVEN_NAME },
    { "daughter", GM_CUE_TITLE },
    { "david", GM_CUE_GIVEN_NAME },
    { "dean", GM_CUE_GIVEN_NAME },
    { "deborah", GM_CUE_GIVEN_NAME },
    { "debra", GM_CUE_GIVEN_NAME },
    { "dec", GM_CUE_CALENDAR },
    { "december", GM_CUE_CALENDAR },
    { "dennis", GM_CUE_GIVEN_NAME },
    { "department", GM_CUE_GENERIC },
    { "deputy", GM_CUE_TITLE },
    { "det", GM_CUE_TITLE },
    { "detective", GM_CUE_TITLE },
    { "diana", GM_CUE_GIVEN_NAME },
    { "diane", GM_CUE_GIVEN_NAME },
    { "did", GM_CUE_FUNCTION },
    { "director", GM_CUE_TITLE },
    { "district", GM_CUE_GENERIC },
    { "do", GM_CUE_FUNCTION },
    { "dock", GM_CUE_GENERIC },
    { "does", GM_CUE_FUNCTION },
    { "doing", GM_CUE_FUNCTION },
    { "donald", GM_CUE_GIVEN_NAME },
    { "donna", GM_CUE_GIVEN_NAME },
    { "doris", GM_CUE_GIVEN_NAME },
    { "dorothy", GM_CUE_GIVEN_NAME },
    { "douglas", GM_CUE_GIVEN_NAME },
    { "down", GM_CUE_FUNCTION },
    { "downstate", GM_CUE_QUALIFIER },
    { "downtown", GM_CUE_QUALIFIER },
    { "dr", GM_CUE_TITLE },
    { "drive", GM_CUE_GENERIC },
    { "during", GM_CUE_FUNCTION },
    { "each", GM_CUE_FUNCTION },
    { "earl", GM_CUE_GIVEN_NAME },
    { "east", GM_CUE_QUALIFIER },
    { "eastern", GM_CUE_QUALIFIER },
    { "edward", GM_CUE_GIVEN_NAME },
    { "eight", GM_CUE_FUNCTION },
    { "either", GM_CUE_FUNCTION },
    { "elizabeth", GM_CUE_GIVEN_NAME },
    { "emily", GM_CUE_GIVEN_NAME },
    { "emma", GM_CUE_GIVEN_NAME },
    { "eric", GM_CUE_GIVEN_NAME },
    { "eugene", GM_CUE_GIVEN_NAME },
    { "evelyn", GM_CUE_GIVEN_NAME },
    { "even", GM_CUE_FUNCTION },
    { "every", GM_CUE_FUNCTION },
    { "everyone", GM_CUE_FUNCTION },
    { "everything", GM_CUE_FUNCTION },
    { "explained", GM_CUE_SPEECH },
    { "expressway", GM_CUE_GENERIC },
    { "factory", GM_CUE_GENERIC },
    { "falls", GM_CUE_GENERIC },
    { "farm", GM_CUE_GENERIC },
    { "father", GM_CUE_TITLE },
    { "feb", GM_CUE_CALENDAR },
    { "february", GM_CUE_CALENDAR },
    { "few", GM_CUE_FUNCTION },
    { "field", GM_CUE_GENERIC },
    { "first", GM_CUE_FUNCTION },
    { "five", GM_CUE_FUNCTION },
    { "for", GM_CUE_FUNCTION },
    { "forest", GM_CUE_GENERIC },
    { "fort", GM_CUE_GENERIC },
    { "four", GM_CUE_FUNCTION },
    { "frances", GM_CUE_GIVEN_NAME },
    { "frank", GM_CUE_GIVEN_NAME },
    { "fred", GM_CUE_GIVEN_NAME },
    { "freeway", GM_CUE_GENERIC },
    { "fri", GM_CUE_CALENDAR },
    { "friday", GM_CUE_CALENDAR },
    { "from", GM_CUE_LOCATIVE },
    { "further", GM_CUE_FUNCTION },
    { "garden", GM_CUE_GENERIC },
    { "gardens", GM_CUE_GENERIC },
    { "gary", GM_CUE_GIVEN_NAME },
    { "gen", GM_CUE_TITLE },
    { "general", GM_CUE_TITLE },
    { "george", GM_CUE_GIVEN_NAME },
    { "gerald", GM_CUE_GIVEN_NAME },
    { "gloria", GM_CUE_GIVEN_NAME },
    { "gov", GM_CUE_TITLE },
    { "governor", GM_CUE_TITLE },
    { "grace", GM_CUE_GIVEN_NAME },
    { "greater", GM_CUE_QUALIFIER },
    { "gregory", GM_CUE_GIVEN_NAME },
    { "grove", GM_CUE_GENERIC },
    { "gulf", GM_CUE_GENERIC },
    { "had", GM_CUE_FUNCTION },
    { "hall", GM_CUE_GENERIC },
    { "harbor", GM_CUE_GENERIC },
    { "harbour", GM_CUE_GENERIC },
    { "harold", GM_CUE_GIVEN_NAME },
    { "harry", GM_CUE_GIVEN_NAME },
    { "has", GM_CUE_FUNCTION },
    { "have", GM_CUE_FUNCTION },
    { "having", GM_CUE_FUNCTION },
    { "he", GM_CUE_FUNCTION },
    { "headquarters", GM_CUE_GENERIC },
    { "heather", GM_CUE_GIVEN_NAME },
    { "heights", GM_CUE_GENERIC },
    { "helen", GM_CUE_GIVEN_NAME },
    { "henry", GM_CUE_GIVEN_NAME },
    { "her", GM_CUE_FUNCTION },
    { "here", GM_CUE_FUNCTION },
    { "hers", GM_CUE_FUNCTION },
    { "highway", GM_CUE_GENERIC },
    { "hill", GM_CUE_GENERIC },
    { "hills", GM_CUE_GENERIC },
    { "him", GM_CUE_FUNCTION },
    { "his", GM_CUE_FUNCTION },
    { "home", GM_CUE_GENERIC },
    { "hon", GM_CUE_TITLE },
    { "hospital", GM_CUE_GENERIC },
    { "hotel", GM_CUE_GENERIC },
    { "house", GM_CUE_GENERIC },
    { "how", GM_CUE_FUNCTION },
    { "howard", GM_CUE_GIVEN_NAME },
    { "however", GM_CUE_FUNCTION },
    { "husband", GM_CUE_TITLE },
    { "i", GM_CUE_FUNCTION },
    { "if", GM_CUE_FUNCTION },
    { "in", GM_CUE_LOCATIVE },
    { "inn", GM_CUE_GENERIC },
    { "inner", GM_CUE_QUALIFIER },
    { "inside", GM_CUE_LOCATIVE },
    { "insisted", GM_CUE_SPEECH },
    { "instead", GM_CUE_FUNCTION },
    { "institute", GM_CUE_GENERIC },
    { "into", GM_CUE_LOCATIVE },
    { "is", GM_CUE_FUNCTION },
    { "island", GM_CUE_GENERIC },
    { "islands", GM_CUE_GENERIC },
    { "isle", GM_CUE_GENERIC },
    { "it", GM_CUE_FUNCTION },
    { "its", GM_CUE_FUNCTION },
    { "jack", GM_CUE_GIVEN_NAME },
    { "jacob", GM_CUE_GIVEN_NAME },
    { "jail", GM_CUE_GENERIC },
    { "james", GM_CUE_GIVEN_NAME },
    { "jan", GM_CUE_CALENDAR },
    { "jane", GM_CUE_GIVEN_NAME },
    { "janet", GM_CUE_GIVEN_NAME },
    { "janice", GM_CUE_GIVEN_NAME },
    { "january", GM_CUE_CALENDAR },
    { "jason", GM_CUE_GIVEN_NAME },
    { "jean", GM_CUE_GIVEN_NAME },
    { "jeff", GM_CUE_GIVEN_NAME },
    { "jeffrey", GM_CUE_GIVEN_NAME },
    { "jennifer", GM_CUE_GIVEN_NAME },
    { "jeremy", GM_CUE_GIVEN_NAME },
    { "jerry", GM_CUE_GIVEN_NAME },
    { "jesse", GM_CUE_GIVEN_NAME },
    { "jessica", GM_CUE_GIVEN_NAME },
    { "jim", GM_CUE_GIVEN_NAME },
    { "jimmy", GM_CUE_GIVEN_NAME },
    { "joan", GM_CUE_GIVEN_NAME },
    { "joe", GM_CUE_GIVEN_NAME },
    { "john", GM_CUE_GIVEN_NAME },
    { "johnny", GM_CUE_GIVEN_NAME },
    { "jonathan", GM_CUE_GIVEN_NAME },
    { "jose", GM_CUE_GIVEN_NAME },
    { "joseph", GM_CUE_GIVEN_NAME },
    { "joshua", GM_CUE_GIVEN_NAME },
    { "joyce", GM_CUE_GIVEN_NAME },
    { "juan", GM_CUE_GIVEN_NAME },
    { "judge", GM_CUE_TITLE },
    { "judith", GM_CUE_GIVEN_NAME },
    { "judy", GM_CUE_GIVEN_NAME },
    { "jul", GM_CUE_CALENDAR },
    { "julia", GM_CUE_GIVEN_NAME },
    { "julie", GM_CUE_GIVEN_NAME },
    { "july", GM_CUE_CALENDAR },
    { "jun", GM_CUE_CALENDAR },
    { "junction", GM_CUE_GENERIC },
    { "june", GM_CUE_CALENDAR },
    { "just", GM_CUE_FUNCTION },
    { "justin", GM_CUE_GIVEN_NAME },
    { "karen", GM_CUE_GIVEN_NAME },
    { "katherine", GM_CUE_GIVEN_NAME },
    { "kathleen", GM_CUE_GIVEN_NAME },
    { "kathy", GM_CUE_GIVEN_NAME },
    { "keith", GM_CUE_GIVEN_NAME },
    { "kelly", GM_CUE_GIVEN_NAME },
    { "kenneth", GM_CUE_GIVEN_NAME },
    { "kevin", GM_CUE_GIVEN_NAME },
    { "kim", GM_CUE_GIVEN_NAME },
    { "kimberly", GM_CUE_GIVEN_NAME },
    { "king", GM_CUE_TITLE },
    { "lady", GM_CUE_TITLE },
    { "lake", GM_CUE_GENERIC },
    { "landing", GM_CUE_GENERIC },
    { "lane", GM_CUE_GENERIC },
    { "larry", GM_CUE_GIVEN_NAME },
    { "last", GM_CUE_FUNCTION },
    { "laura", GM_CUE_GIVEN_NAME },
    { "lauren", GM_CUE_GIVEN_NAME },
    { "lawrence", GM_CUE_GIVEN_NAME },
    { "library", GM_CUE_GENERIC },
    { "lieutenant", GM_CUE_TITLE },
    { "linda", GM_CUE_GIVEN_NAME },
    { "lisa", GM_CUE_GIVEN_NAME },
    { "loop", GM_CUE_GENERIC },
    { "lord", GM_CUE_TITLE },
    { "lori", GM_CUE_GIVEN_NAME },
    { "louis", GM_CUE_GIVEN_NAME },
    { "lower", GM_CUE_QUALIFIER },
    { "lt", GM_CUE_TITLE },
    { "lucy", GM_CUE_GIVEN_NAME },
    { "maj", GM_CUE_TITLE },
    { "major", GM_CUE_TITLE },
    { "mall", GM_CUE_GENERIC },
    { "manager", GM_CUE_TITLE },
    { "many", GM_CUE_FUNCTION },
    { "mar", GM_CUE_CALENDAR },
    { "march", GM_CUE_CALENDAR },
    { "margaret", GM_CUE_GIVEN_NAME },
    { "maria", GM_CUE_GIVEN_NAME },
    { "marie", GM_CUE_GIVEN_NAME },
    { "marilyn", GM_CUE_GIVEN_NAME },
    { "mark", GM_CUE_GIVEN_NAME },
    { "market", GM_CUE_GENERIC },
    { "martha", GM_CUE_GIVEN_NAME },
    { "martin", GM_CUE_GIVEN_NAME },
    { "mary", GM_CUE_GIVEN_NAME },
    { "matthew", GM_CUE_GIVEN_NAME },
    { "may", GM_CUE_CALENDAR | GM_CUE_FUNCTION },
    { "mayor", GM_CUE_TITLE },
    { "me", GM_CUE_FUNCTION },
    { "meadow", GM_CUE_GENERIC },
    { "meadows", GM_CUE_GENERIC },
    { "meanwhile", GM_CUE_FUNCTION },
    { "megan", GM_CUE_GIVEN_NAME },
    { "melissa", GM_CUE_GIVEN_NAME },
    { "metro", GM_CUE_QUALIFIER },
    { "metropolitan", GM_CUE_QUALIFIER },
    { "michael", GM_CUE_GIVEN_NAME },
    { "michelle", GM_CUE_GIVEN_NAME },
    { "mid", GM_CUE_QUALIFIER },
    { "might", GM_CUE_FUNCTION },
    { "mike", GM_CUE_GIVEN_NAME },
    { "mill", GM_CUE_GENERIC },
    { "mine", GM_CUE_FUNCTION | GM_CUE_GENERIC },
    { "minister", GM_CUE_TITLE },
    { "ministry", GM_CUE_GENERIC },
    { "miss", GM_CUE_TITLE },
    { "mon", GM_CUE_CALENDAR },
    { "monday", GM_CUE_CALENDAR },
    { "more", GM_CUE_FUNCTION },
    { "moreover", GM_CUE_FUNCTION },
    { "mosque", GM_CUE_GENERIC },
    { "most", GM_CUE_FUNCTION },
    { "mother", GM_CUE_TITLE },
    { "mountain", GM_CUE_GENERIC },
    { "mountains", GM_CUE_GENERIC },
    { "mr", GM_CUE_TITLE },
    { "mrs", GM_CUE_TITLE },
    { "ms", GM_CUE_TITLE },
    { "much", GM_CUE_FUNCTION },
    { "museum", GM_CUE_GENERIC },
    { "must", GM_CUE_FUNCTION },
    { "my", GM_CUE_FUNCTION },
    { "nadia", GM_CUE_GIVEN_NAME },
    { "nancy", GM_CUE_GIVEN_NAME },
    { "nathan", GM_CUE_GIVEN_NAME },
    { "naval", GM_CUE_GENERIC },
    { "near", GM_CUE_LOCATIVE },
    { "nearby", GM_CUE_LOCATIVE },
    { "neither", GM_CUE_FUNCTION },
    { "new", GM_CUE_QUALIFIER },
    { "next", GM_CUE_FUNCTION },
    { "nicholas", GM_CUE_GIVEN_NAME },
    { "nicole", GM_CUE_GIVEN_NAME },
    { "nine", GM_CUE_FUNCTION },
    { "no", GM_CUE_FUNCTION },
    { "nobody", GM_CUE_FUNCTION },
    { "nor", GM_CUE_FUNCTION },
    { "north", GM_CUE_QUALIFIER },
    { "northeast", GM_CUE_QUALIFIER },
    { "northeastern", GM_CUE_QUALIFIER },
    { "northern", GM_CUE_QUALIFIER },
    { "northwest", GM_CUE_QUALIFIER },
    { "northwestern", GM_CUE_QUALIFIER },
    { "not", GM_CUE_FUNCTION },
    { "noted", GM_CUE_SPEECH },
    { "nothing", GM_CUE_FUNCTION },
    { "nov", GM_CUE_CALENDAR },
    { "november", GM_CUE_CALENDAR },
    { "now", GM_CUE_FUNCTION },
    { "ocean", GM_CUE_GENERIC },
    { "oct", GM_CUE_CALENDAR },
    { "october", GM_CUE_CALENDAR },
    { "of", GM_CUE_FUNCTION },
    { "off", GM_CUE_FUNCTION },
    { "office", GM_CUE_GENERIC },
    { "officer", GM_CUE_TITLE },
    { "old", GM_CUE_QUALIFIER },
    { "on", GM_CUE_FUNCTION },
    { "once", GM_CUE_FUNCTION },
    { "one", GM_CUE_FUNCTION },
    { "only", GM_CUE_FUNCTION },
    { "or", GM_CUE_FUNCTION },
    { "other", GM_CUE_FUNCTION },
    { "otherwise", GM_CUE_FUNCTION },
    { "our", GM_CUE_FUNCTION },
    { "ours", GM_CUE_FUNCTION },
    { "out", GM_CUE_FUNCTION },
    { "outer", GM_CUE_QUALIFIER },
    { "outside", GM_CUE_LOCATIVE },
    { "over", GM_CUE_FUNCTION },
    { "own", GM_CUE_FUNCTION },
    { "pamela", GM_CUE_GIVEN_NAME },
    { "parish", GM_CUE_GENERIC },
    { "park", GM_CUE_GENERIC },
    { "parks", GM_CUE_GENERIC },
    { "parkway", GM_CUE_GENERIC },
    { "pastor", GM_CUE_TITLE },
    { "patricia", GM_CUE_GIVEN_NAME },
    { "patrick", GM_CUE_GIVEN_NAME },
    { "paul", GM_CUE_GIVEN_NAME },
    { "peak", GM_CUE_GENERIC },
    { "perhaps", GM_CUE_FUNCTION },
    { "peter", GM_CUE_GIVEN_NAME },
    { "philip", GM_CUE_GIVEN_NAME },
    { "phillip", GM_CUE_GIVEN_NAME },
    { "pier", GM_CUE_GENERIC },
    { "plant", GM_CUE_GENERIC },
    { "plaza", GM_CUE_GENERIC },
    { "point", GM_CUE_GENERIC },
    { "pope", GM_CUE_TITLE },
    { "port", GM_CUE_GENERIC },
    { "president", GM_CUE_TITLE },
    { "prince", GM_CUE_TITLE },
    { "princess", GM_CUE_TITLE },
    { "principal", GM_CUE_TITLE },
    { "prison", GM_CUE_GENERIC },
    { "private", GM_CUE_TITLE },
    { "prof", GM_CUE_TITLE },
    { "professor", GM_CUE_TITLE },
    { "province", GM_CUE_GENERIC },
    { "pvt", GM_CUE_TITLE },
    { "queen", GM_CUE_TITLE },
    { "rachel", GM_CUE_GIVEN_NAME },
    { "ralph", GM_CUE_GIVEN_NAME },
    { "ranch", GM_CUE_GENERIC },
    { "randy", GM_CUE_GIVEN_NAME },
    { "rather", GM_CUE_FUNCTION },
    { "raymond", GM_CUE_GIVEN_NAME },
    { "rd", GM_CUE_GENERIC },
    { "rebecca", GM_CUE_GIVEN_NAME },
    { "region", GM_CUE_GENERIC },
    { "rep", GM_CUE_TITLE },
    { "replied", GM_CUE_SPEECH },
    { "representative", GM_CUE_TITLE },
    { "rev", GM_CUE_TITLE },
    { "reverend", GM_CUE_TITLE },
    { "richard", GM_CUE_GIVEN_NAME },
    { "ridge", GM_CUE_GENERIC },
    { "rita", GM_CUE_GIVEN_NAME },
    { "river", GM_CUE_GENERIC },
    { "road", GM_CUE_GENERIC },
    { "robert", GM_CUE_GIVEN_NAME },
    { "roger", GM_CUE_GIVEN_NAME },
    { "ronald", GM_CUE_GIVEN_NAME },
    { "rose", GM_CUE_GIVEN_NAME },
    { "rural", GM_CUE_QUALIFIER },
    { "russell", GM_CUE_GIVEN_NAME },
    { "ruth", GM_CUE_GIVEN_NAME },
    { "ryan", GM_CUE_GIVEN_NAME },
    { "said", GM_CUE_SPEECH },
    { "same", GM_CUE_FUNCTION },
    { "samuel", GM_CUE_GIVEN_NAME },
    { "sandra", GM_CUE_GIVEN_NAME },
    { "sara", GM_CUE_GIVEN_NAME },
    { "sarah", GM_CUE_GIVEN_NAME },
    { "sat", GM_CUE_CALENDAR },
    { "saturday", GM_CUE_CALENDAR },
    { "say", GM_CUE_SPEECH },
    { "says", GM_CUE_SPEECH },
    { "school", GM_CUE_GENERIC },
    { "scott", GM_CUE_GIVEN_NAME },
    { "sea", GM_CUE_GENERIC },
    { "sean", GM_CUE_GIVEN_NAME },
    { "second", GM_CUE_FUNCTION },
    { "secretary", GM_CUE_TITLE },
    { "sen", GM_CUE_TITLE },
    { "senator", GM_CUE_TITLE },
    { "sep", GM_CUE_CALENDAR },
    { "sept", GM_CUE_CALENDAR },
    { "september", GM_CUE_CALENDAR },
    { "sergeant", GM_CUE_TITLE },
    { "seven", GM_CUE_FUNCTION },
    { "several", GM_CUE_FUNCTION },
    { "sgt", GM_CUE_TITLE },
    { "shall", GM_CUE_FUNCTION },
    { "sharon", GM_CUE_GIVEN_NAME },
    { "she", GM_CUE_FUNCTION },
    { "sheriff", GM_CUE_TITLE },
    { "shirley", GM_CUE_GIVEN_NAME },
    { "shore", GM_CUE_GENERIC },
    { "should", GM_CUE_FUNCTION },
    { "since", GM_CUE_FUNCTION },
    { "sir", GM_CUE_TITLE },
    { "sister", GM_CUE_TITLE },
    { "six", GM_CUE_FUNCTION },
    { "so", GM_CUE_FUNCTION },
    { "some", GM_CUE_FUNCTION },
    { "somebody", GM_CUE_FUNCTION },
    { "someone", GM_CUE_FUNCTION },
    { "something", GM_CUE_FUNCTION },
    { "son", GM_CUE_TITLE },
    { "south", GM_CUE_QUALIFIER },
    { "southeast", GM_CUE_QUALIFIER },
    { "southeastern", GM_CUE_QUALIFIER },
    { "southern", GM_CUE_QUALIFIER },
    { "southwest", GM_CUE_QUALIFIER },
    { "southwestern", GM_CUE_QUALIFIER },
    { "spokesman", GM_CUE_TITLE },
    { "spokeswoman", GM_CUE_TITLE },
    { "springs", GM_CUE_GENERIC },
    { "square", GM_CUE_GENERIC },
    { "st", GM_CUE_GENERIC },
    { "stadium", GM_CUE_GENERIC },
    { "state", GM_CUE_GENERIC },
    { "stated", GM_CUE_SPEECH },
    { "station", GM_CUE_GENERIC },
    { "stephanie", GM_CUE_GIVEN_NAME },
    { "stephen", GM_CUE_GIVEN_NAME },
    { "steve", GM_CUE_GIVEN_NAME },
    { "steven", GM_CUE_GIVEN_NAME },
    { "still", GM_CUE_FUNCTION },
    { "store", GM_CUE_GENERIC },
    { "street", GM_CUE_GENERIC },
    { "such", GM_CUE_FUNCTION },
    { "sun", GM_CUE_CALENDAR },
    { "sunday", GM_CUE_CALENDAR },
    { "superintendent", GM_CUE_TITLE },
    { "susan", GM_CUE_GIVEN_NAME },
    { "synagogue", GM_CUE_GENERIC },
    { "tells", GM_CUE_SPEECH },
    { "temple", GM_CUE_GENERIC },
    { "ten", GM_CUE_FUNCTION },
    { "teresa", GM_CUE_GIVEN_NAME },
    { "terminal", GM_CUE_GENERIC },
    { "territory", GM_CUE_GENERIC },
    { "terry", GM_CUE_GIVEN_NAME },
    { "testified", GM_CUE_SPEECH },
    { "than", GM_CUE_FUNCTION },
    { "that", GM_CUE_FUNCTION },
    { "the", GM_CUE_FUNCTION },
    { "theater", GM_CUE_GENERIC },
    { "theatre", GM_CUE_GENERIC },
    { "their", GM_CUE_FUNCTION },
    { "theirs", GM_CUE_FUNCTION },
    { "them", GM_CUE_FUNCTION },
    { "then", GM_CUE_FUNCTION },
    { "there", GM_CUE_FUNCTION },
    { "therefore", GM_CUE_FUNCTION },
    { "these", GM_CUE_FUNCTION },
    { "they", GM_CUE_FUNCTION },
    { "third", GM_CUE_FUNCTION },
    { "this", GM_CUE_FUNCTION },
    { "thomas", GM_CUE_GIVEN_NAME },
    { "those", GM_CUE_FUNCTION },
    { "though", GM_CUE_FUNCTION },
    { "three", GM_CUE_FUNCTION },
    { "through", GM_CUE_LOCATIVE },
    { "throughout", GM_CUE_LOCATIVE },
    { "thu", GM_CUE_CALENDAR },
    { "thur", GM_CUE_CALENDAR },
    { "thurs", GM_CUE_CALENDAR },
    { "thursday", GM_CUE_CALENDAR },
    { "thus", GM_CUE_FUNCTION },
    { "timothy", GM_CUE_GIVEN_NAME },
    { "to", GM_CUE_LOCATIVE },
    { "today", GM_CUE_FUNCTION },
    { "told", GM_CUE_SPEECH },
    { "tom", GM_CUE_GIVEN_NAME },
    { "tomorrow", GM_CUE_FUNCTION },
    { "tonight", GM_CUE_FUNCTION },
    { "tony", GM_CUE_GIVEN_NAME },
    { "too", GM_CUE_FUNCTION },
    { "toward", GM_CUE_LOCATIVE },
    { "towards", GM_CUE_LOCATIVE },
    { "tower", GM_CUE_GENERIC },
    { "town", GM_CUE_GENERIC },
    { "township", GM_CUE_GENERIC },
    { "trooper", GM_CUE_TITLE },
    { "tue", GM_CUE_CALENDAR },
    { "tues", GM_CUE_CALENDAR },
    { "tuesday", GM_CUE_CALENDAR },
    { "tunnel", GM_CUE_GENERIC },
    { "two", GM_CUE_FUNCTION },
    { "tyler", GM_CUE_GIVEN_NAME },
    { "uncle", GM_CUE_TITLE },
    { "under", GM_CUE_FUNCTION },
    { "university", GM_CUE_GENERIC },
    { "unless", GM_CUE_FUNCTION },
    { "until", GM_CUE_FUNCTION },
    { "up", GM_CUE_FUNCTION },
    { "upon", GM_CUE_FUNCTION },
    { "upper", GM_CUE_QUALIFIER },
    { "upstate", GM_CUE_QUALIFIER },
    { "uptown", GM_CUE_QUALIFIER },
    { "urban", GM_CUE_QUALIFIER },
    { "us", GM_CUE_FUNCTION },
    { "valley", GM_CUE_GENERIC },
    { "very", GM_CUE_FUNCTION },
    { "via", GM_CUE_LOCATIVE },
    { "victoria", GM_CUE_GIVEN_NAME },
    { "village", GM_CUE_GENERIC },
    { "vincent", GM_CUE_GIVEN_NAME },
    { "virginia", GM_CUE_GIVEN_NAME },
    { "visit", GM_CUE_LOCATIVE },
    { "visited", GM_CUE_LOCATIVE },
    { "visiting", GM_CUE_LOCATIVE },
    { "walter", GM_CUE_GIVEN_NAME },
    { "was", GM_CUE_FUNCTION },
    { "wayne", GM_CUE_GIVEN_NAME },
    { "we", GM_CUE_FUNCTION },
    { "wed", GM_CUE_CALENDAR },
    { "wednesday", GM_CUE_CALENDAR },
    { "were", GM_CUE_FUNCTION },
    { "west", GM_CUE_QUALIFIER },
    { "western", GM_CUE_QUALIFIER },
    { "wharf", GM_CUE_GENERIC },
    { "what", GM_CUE_FUNCTION },
    { "whatever", GM_CUE_FUNCTION },
    { "when", GM_CUE_FUNCTION },
    { "where", GM_CUE_FUNCTION },
    { "whereas", GM_CUE_FUNCTION },
    { "which", GM_CUE_FUNCTION },
    { "while", GM_CUE_FUNCTION },
    { "who", GM_CUE_FUNCTION },
    { "whoever", GM_CUE_FUNCTION },
    { "whom", GM_CUE_FUNCTION },
    { "whose", GM_CUE_FUNCTION },
    { "why", GM_CUE_FUNCTION },
    { "wife", GM_CUE_TITLE },
    { "will", GM_CUE_FUNCTION },
    { "william", GM_CUE_GIVEN_NAME },
    { "willie", GM_CUE_GIVEN_NAME },
    { "with", GM_CUE_FUNCTION },
    { "within", GM_CUE_LOCATIVE },
    { "without", GM_CUE_FUNCTION },
    { "woods", GM_CUE_GENERIC },
    { "would", GM_CUE_FUNCTION },
    { "writes", GM_CUE_SPEECH },
    { "wrote", GM_CUE_SPEECH },
    { "yes", GM_CUE_FUNCTION },
    { "yesterday", GM_CUE_FUNCTION },
    { "yet", GM_CUE_FUNCTION },
    { "you", GM_CUE_FUNCTION },
    { "your", GM_CUE_FUNCTION },
    { "yours", GM_CUE_FUNCTION },
    { "zone", GM_CUE_GENERIC },
};

/* The rows by the hash the tokeniser gives every word (gm_tok_hash), so
 * that a caller holding a token asks without hashing again: an
 * open-addressing table over about three times the rows, each slot the
 * word's whole hash, its length, its classes and its row. A probe
 * compares the bytes of a word only when hash and length both match, so a
 * word outside the table (most words asked about) reads one or two slots
 * and no bytes; a word in it (most words asked about around names are:
 * "in", "the", "said") is compared in a few loads against its copy in
 * cue_text, and its classes come with the slot. */
#define CUE_HASH_BITS 11
#define CUE_SLOTS (1 << CUE_HASH_BITS)
#define CUE_MAX_LEN 24  /* longer words are in no class */
#define CUE_ROWS (sizeof cue_words / sizeof cue_words[0])

typedef struct cue_slot {
    uint32_t hash;      /* gm_tok_hash of the word */
    uint8_t len;        /* 0: empty (no word is empty) */
    uint8_t classes;
    uint16_t row;       /* in cue_text */
} cue_slot;

_Static_assert(GM_CUE_GENERIC <= UINT8_MAX && CUE_ROWS <= UINT16_MAX,
               "a slot holds the classes and the row");

static cue_slot cue_slots[CUE_SLOTS];
/* Row r's word, NUL-padded. */
static char cue_text[CUE_ROWS][CUE_MAX_LEN];
static pthread_once_t cue_once = PTHREAD_ONCE_INIT;
/* Set once the table is made: a call after that asks no lock. */
static atomic_bool cue_ready;

static void build_cue_slots(void)
{
    _Static_assert(CUE_ROWS < CUE_SLOTS / 2,
                   "the cue table fits its hash table");
    for (size_t r = 0; r < CUE_ROWS; r++) {
        size_t len = strlen(cue_words[r].word);
        assert(len > 0 && cue_words[r].classes <= UINT8_MAX);
        if (len >= CUE_MAX_LEN)
            continue; /* never asked for */
        memcpy(cue_text[r], cue_words[r].word, len);
        uint32_t hash = gm_tok_hash(cue_words[r].word, len);
        size_t i = hash & (CUE_SLOTS - 1);
        while (cue_slots[i].len)
            i = (i + 1) & (CUE_SLOTS - 1);
        cue_slots[i] = (cue_slot){ hash, (uint8_t)len,
                                   (uint8_t)cue_words[r].classes,
                                   (uint16_t)r };
    }
    atomic_store_explicit(&cue_ready, true, memory_order_release);
}

/* 8 and 4 bytes at p (memcpy is one load). */
static uint64_t load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint32_t load4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* Whether a[0..len) equals b[0..len), for 0 < len < CUE_MAX_LEN: a few
 * loads, overlapping at the end, none past either word. */
static bool same_word(const char *a, const char *b, size_t len)
{
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8)
            if (load8(a + i) != load8(b + i))
                return false;
        return load8(a + len - 8) == load8(b + len - 8);
    }
    if (len >= 4)
        return load4(a) == load4(b) &&
               load4(a + len - 4) == load4(b + len - 4);
    return a[0] == b[0] && a[len / 2] == b[len / 2] &&
           a[len - 1] == b[len - 1];
}

/* The classes of folded[0..len) (0 < len < CUE_MAX_LEN, hash its
 * gm_tok_hash) once the table is made. */
static unsigned probe(const char *folded, size_t len, uint32_t hash)
{
    for (size_t i = hash & (CUE_SLOTS - 1); cue_slots[i].len;
         i = (i + 1) & (CUE_SLOTS - 1)) {
        const cue_slot *slot = &cue_slots[i];
        if (slot->hash == hash && slot->len == len &&
            same_word(cue_text[slot->row], folded, len))
            return slot->classes;
    }
    return 0;
}

/* The first call makes the table: apart, so that the lookup keeps no
 * value across a call it never makes again (and saves no registers). */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

static NOINLINE unsigned probe_first(const char *folded, size_t len,
                                     uint32_t hash)
{
    pthread_once(&cue_once, build_cue_slots);
    return probe(folded, len, hash);
}

unsigned gm_cue_classes_hashed(const char *folded, size_t len, uint32_t hash)
{
    if (len == 0 || len >= CUE_MAX_LEN)
        return 0;
    if (!atomic_load_explicit(&cue_ready, memory_order_acquire))
        return probe_first(folded, len, hash);
    return probe(folded, len, hash);
}

/* gm_tok_hash of a word, its whole chunks each read in one load and the
 * tail's bytes gathered without a loop. */
static uint32_t word_hash(const char *w, size_t len)
{
    const unsigned char *p = (const unsigned char *)w;
    uint64_t h = 0;
    size_t i = 0;
    for (; len - i >= 8; i += 8, p += 8) {
        uint64_t c = (uint64_t)p[0] | (uint64_t)p[1] << 8 |
                     (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
                     (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
                     (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
        h = (h ^ c) * GM_TOK_HASH_MUL;
    }
    uint64_t c = 0;
    switch (len - i) {
    case 7: c |= (uint64_t)p[6] << 48; /* fall through */
    case 6: c |= (uint64_t)p[5] << 40; /* fall through */
    case 5: c |= (uint64_t)p[4] << 32; /* fall through */
    case 4: c |= (uint64_t)p[3] << 24; /* fall through */
    case 3: c |= (uint64_t)p[2] << 16; /* fall through */
    case 2: c |= (uint64_t)p[1] << 8;  /* fall through */
    case 1: c |= (uint64_t)p[0]; /* fall through */
    default: break;
    }
    h = (h ^ c) * GM_TOK_HASH_MUL;
    return gm_tok_hash_end(h, len);
}

unsigned gm_cue_classes(const char *folded, size_t len)
{
    if (len == 0 || len >= CUE_MAX_LEN)
        return 0;
    return gm_cue_classes_hashed(folded, len, word_hash(folded, len));
}

size_t gm_cue_count(void)
{
    return sizeof cue_words / sizeof cue_words[0];
}

void gm_cue_row(size_t i, const char **word, unsigned *classes)
{
    *word = cue_words[i].word;
    *classes = cue_words[i].classes;
}
