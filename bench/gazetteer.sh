#!/bin/sh
# bench/gazetteer.sh: how long the gazetteer takes to build and to open.
#
#   sh bench/gazetteer.sh [--places N] [--alternates N] [--dir DIR] [--geomap PATH]
#
# 1. Generates a synthetic GeoNames dump in DIR (allCountries.txt with N places,
#    alternateNamesV2.txt with N alternate names; default 12,000,000 and
#    15,000,000, the size of the real dump). The data is pseudo-random but
#    deterministic: names of 1 to 3 words built from syllables (40% drawn from a
#    common stock, so names repeat as they do in GeoNames), 10% with accents,
#    30% of places with inline alternates (Cyrillic, CJK and Arabic forms,
#    other names, lower-case romanisations), GeoNames' mix of feature classes,
#    populations for half the populated places, and alternate names in a dozen
#    common languages, 400 rare ones and the link/post/wkdt/iata
#    pseudo-languages the builder skips.
#    The dump is kept and reused while N and the generator stay the same
#    (about 6 minutes for the full size, 1.6 GB + 0.6 GB).
# 2. Builds it with `geomap gazetteer build` under /usr/bin/time -v and prints
#    the build time, the peak resident memory and the index size.
# 3. Times `geomap gazetteer lookup NAME` (open and one lookup, the whole
#    process) on the compact default embedded in the binary, on the big index,
#    and on build/world.gmz when it exists: with hyperfine when it is
#    installed, else the mean of 20 runs timed with date +%s%N. The page cache
#    is warm (dropping it needs root).
#
# Needs python3 and /usr/bin/time (Debian package `time`); builds geomap in
# build/ first when --geomap is not given and build/geomap is missing.
set -eu
unset GEOMAP_GAZETTEER
cd "$(dirname "$0")/.."

places=12000000
alternates=15000000
dir="${TMPDIR:-/tmp}/geomap-bench-gazetteer"
geomap=build/geomap
while [ $# -gt 0 ]; do
    case "$1" in
        --places) places="$2"; shift ;;
        --alternates) alternates="$2"; shift ;;
        --dir) dir="$2"; shift ;;
        --geomap) geomap="$2"; shift ;;
        -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench/gazetteer.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[ -x /usr/bin/time ] || { echo "bench/gazetteer.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 3; }
if [ ! -x "$geomap" ]; then
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build build -j "$(nproc 2>/dev/null || echo 2)" --target geomap >/dev/null
    geomap=build/geomap
fi

# ---- 1. the synthetic dump --------------------------------------------------
generator_version=2
stamp="$dir/dump/.made"
want="v$generator_version places=$places alternates=$alternates"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    rm -rf "$dir/dump"
    mkdir -p "$dir/dump"
    echo "== generating $places places and $alternates alternate names in $dir/dump"
    start=$(date +%s)
    python3 - "$places" "$alternates" "$dir/dump" <<'EOF'
import os
import random
import sys

n_places, n_alts, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rnd = random.Random(20240601)
syl = [c + v for c in "b c d f g h k l m n p r s t v z br kr st sh ch tr".split()
       for v in "a e i o u ai ou ei".split()]
cyr = dict(zip("abcdefghiklmnoprstuvz", "абцдефгхиклмнопрстувз"))
accent = {"a": "á", "e": "é", "o": "ö", "u": "ü", "i": "í"}
cjk = [chr(0x4E00 + i) for i in range(0, 2000, 7)]
arab = [chr(0x0627 + i) for i in range(26)]


def word():
    return "".join(rnd.choice(syl) for _ in range(rnd.randint(2, 4))).capitalize()


common = [word() for _ in range(200000)]
suffixes = [""] * 4 + [" River", " Creek", " Hill", " Lake", " School", " Church", " Mountain", " Valley"]
prefixes = [""] * 5 + ["New ", "San ", "Saint ", "North ", "Lake ", "Mount ", "Al "]


def name():
    base = rnd.choice(common) if rnd.random() < 0.4 else word()
    if rnd.random() < 0.25:
        base += " " + word()
    return rnd.choice(prefixes) + base + rnd.choice(suffixes)


def to_cyr(s):
    return "".join(cyr.get(ch, ch) for ch in s.lower()).capitalize()


def other_script(chars, lo, hi):
    return "".join(rnd.choice(chars) for _ in range(rnd.randint(lo, hi)))


def accented(s):
    return "".join(accent.get(ch, ch) if rnd.random() < 0.3 else ch for ch in s)


# GeoNames' rough mix of feature classes and codes (weights in percent).
codes = [("P", "PPL", 40), ("P", "PPLA", 1), ("P", "PPLX", 3), ("S", "SCH", 6), ("S", "CH", 5),
         ("S", "HTL", 4), ("S", "FRM", 4), ("H", "STM", 10), ("H", "LK", 4), ("H", "RSV", 2),
         ("T", "MT", 6), ("T", "HLL", 6), ("A", "ADM3", 2), ("A", "ADM4", 2), ("L", "AREA", 1),
         ("L", "PRK", 1), ("R", "RD", 1), ("V", "FRST", 1), ("U", "SMU", 1)]
table = [(fc, code) for fc, code, w in codes for _ in range(w)]
ccs = ["%c%c" % (65 + i // 26, 65 + i % 26) for i in range(250)]
tzs = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "Africa/Cairo", "Australia/Sydney"]
# GeoNames has some 600 language codes: the common ones often, 400 others now and then.
rare = sorted({a + b + c for a in "abcdefghijklmnopqrstuvwxyz" for b in "aeiou" for c in "bdgklmnrst"})
rare = [rare[i] for i in range(0, len(rare), len(rare) // 400)][:400]
langs = (["en"] * 10 + ["de", "fr", "es", "ru", "ar", "zh", "ja", "it", "pt", "pl", "nl", "uk", ""] * 2
         + ["link"] * 3 + ["post"] * 2 + ["wkdt", "iata", "abbr"] + ["rare"] * 6)

ids = []
with open(os.path.join(out, "allCountries.txt"), "w", encoding="utf-8") as f:
    gid, buf = 0, []
    for i in range(n_places):
        gid += rnd.randint(1, 2)
        ids.append(gid)
        nm = name()
        shown = accented(nm) if rnd.random() < 0.1 else nm
        alts = ""
        if rnd.random() < 0.3:
            al = []
            for _ in range(rnd.randint(1, 6)):
                t = rnd.random()
                al.append(to_cyr(nm) if t < 0.3 else other_script(cjk, 2, 4) if t < 0.45
                          else other_script(arab, 3, 7) if t < 0.6 else name() if t < 0.8 else nm.lower())
            alts = ",".join(al)
        fc, code = rnd.choice(table)
        pop = int(rnd.lognormvariate(7, 2)) if fc == "P" and rnd.random() < 0.5 else 0
        buf.append("%d\t%s\t%s\t%s\t%.5f\t%.5f\t%s\t%s\t%s\t\t%02d\t%03d\t\t\t%d\t\t%d\t%s\t2023-01-01\n" % (
            gid, shown, nm, alts, rnd.uniform(-60, 75), rnd.uniform(-180, 180), fc, code,
            rnd.choice(ccs), rnd.randint(1, 40), rnd.randint(1, 300), pop, rnd.randint(0, 3000),
            rnd.choice(tzs)))
        if len(buf) >= 10000:
            f.write("".join(buf))
            buf = []
    f.write("".join(buf))

with open(os.path.join(out, "alternateNamesV2.txt"), "w", encoding="utf-8") as f:
    buf, n = [], len(ids)
    for i in range(n_alts):
        gid = ids[min(n - 1, int(n * rnd.random() ** 2))]  # well-known places get more names
        lang = rnd.choice(langs)
        if lang == "rare":
            lang = rnd.choice(rare)
        if lang == "link":
            nm = "https://en.wikipedia.org/wiki/" + word()
        elif lang == "post":
            nm = "%05d" % rnd.randint(0, 99999)
        elif lang in ("ru", "uk"):
            nm = to_cyr(name())
        elif lang in ("zh", "ja"):
            nm = other_script(cjk, 2, 4)
        elif lang == "ar":
            nm = other_script(arab, 3, 7)
        elif lang == "abbr":
            nm = "".join(chr(65 + rnd.randint(0, 25)) for _ in range(3))
        else:
            nm = name() if rnd.random() < 0.7 else accented(name())
        buf.append("%d\t%d\t%s\t%s\t%s\t\t\t\t\t\n" % (i + 1, gid, lang, nm, "1" if rnd.random() < 0.05 else ""))
        if len(buf) >= 10000:
            f.write("".join(buf))
            buf = []
    f.write("".join(buf))
EOF
    echo "$want" >"$stamp"
    echo "   generated in $(( $(date +%s) - start )) s"
fi
ls -l "$dir/dump"/*.txt | awk '{printf "   %s: %.0f MB\n", $NF, $5 / 1048576}'

# ---- 2. the build -------------------------------------------------------------
index="$dir/big.gmz"
echo "== geomap gazetteer build ($(nproc 2>/dev/null || echo ?) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo))"
/usr/bin/time -v "$geomap" gazetteer build "$dir/dump" -o "$index" -q 2>"$dir/time.txt" || {
    cat "$dir/time.txt" >&2; exit 1; }
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt")
cpu=$(sed -n 's/.*Percent of CPU this job got: //p' "$dir/time.txt")
size=$(wc -c <"$index")
echo "   build time:     $wall (h:mm:ss or m:ss; CPU $cpu)"
echo "   peak RSS:       $((rss / 1024)) MB"
echo "   index size:     $((size / 1048576)) MB"
"$geomap" gazetteer info "$index" | sed -n 's/^\(places\|names (keys)\): /   \1: /p'

# ---- 3. open + lookup ------------------------------------------------------------
# A name of the dump (its first place) for the big index; a city for the others.
big_name=$(head -n 1 "$dir/dump/allCountries.txt" | cut -f 2)
time_lookup() { # LABEL NAME [--gazetteer FILE]
    label="$1"
    name="$2"
    shift 2
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --warmup 3 --runs 30 --export-json "$dir/hyperfine.json" \
            "$geomap gazetteer lookup '$name' $*" >/dev/null 2>&1
        ms=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]
print("%.1f ms (min %.1f, max %.1f, hyperfine, 30 runs)" % (r["mean"] * 1e3, r["min"] * 1e3, r["max"] * 1e3))' "$dir/hyperfine.json")
    else
        runs=20
        "$geomap" gazetteer lookup "$name" "$@" >/dev/null 2>&1 || true # warm up
        t0=$(date +%s%N)
        i=0
        while [ $i -lt $runs ]; do
            "$geomap" gazetteer lookup "$name" "$@" >/dev/null 2>&1 || true
            i=$((i + 1))
        done
        t1=$(date +%s%N)
        ms=$(awk -v a="$t0" -v b="$t1" -v n="$runs" 'BEGIN { printf "%.1f ms (mean of %d runs)", (b - a) / n / 1e6, n }')
    fi
    echo "   $label: $ms"
}
echo "== geomap gazetteer lookup: process start, open, one lookup"
# The start of the process alone (the dynamic loader mapping GDAL and its
# libraries): what the lookups cost beyond it is the open and the lookup.
time_version() {
    t0=$(date +%s%N)
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        "$geomap" --version >/dev/null 2>&1
    done
    t1=$(date +%s%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "   process start only (geomap --version): %.1f ms (mean of 20 runs)\n", (b - a) / 20 / 1e6 }'
}
time_version
time_lookup "compact (embedded)   'Paris'" Paris
[ -f build/world.gmz ] && time_lookup "world (build/world.gmz) 'Paris'" Paris --gazetteer build/world.gmz
time_lookup "big ($((size / 1048576)) MB) '$big_name'" "$big_name" --gazetteer "$index"
