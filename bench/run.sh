#!/bin/sh
# bench/run.sh: how fast geomap maps news, and with how much memory.
#
#   sh bench/run.sh [--large] [--runs N] [--sizes "10 100"] [--keep]
#
# Builds geomap (RelWithDebInfo, in build-bench/) unless GEOMAP names a
# binary, makes corpora of realistic articles in a temporary directory (the
# articles of examples/ and, when present, the texts of
# ../shared/eval/lgl.jsonl or of $LGL, repeated to 10 MB and 100 MB, and
# 1 GB with --large; JSON Lines with a fresh id per copy), then runs
# `geomap extract` on each with the gazetteer geomap would use (the
# embedded default, or $GEOMAP_GAZETTEER), all layers, to GeoJSONSeq when
# geomap offers it (else GeoJSON) and to GPKG when offered, with -j 1 and
# -j 2 when `geomap extract --help` lists -j. It prints a Markdown table:
# articles/s, MB/s, peak RSS (/usr/bin/time), and the ratio of geomap's
# time to `wc -w` on the same file, measured in the same run, both in wall
# time and in CPU time (user + system: what a core spent, which other
# work on a shared machine disturbs far less than the wall clock); before it,
# the machine, the gazetteer and its open time (and that of the indexes
# in $BENCH_GAZETTEERS, or of build/world.gmz, to show it does not grow
# with the index). bench/engine.c, built too when a C compiler is there,
# adds the engine alone (no OGR, no start-up) through the worker pool.
# Times are the fastest of --runs runs (default 3).
#
# Needs only Debian packages: a POSIX shell, awk, GNU time (/usr/bin/time,
# package `time`), coreutils; hyperfine when installed. The corpora are
# never written inside the repository, and the temporary directory is
# removed at the end unless --keep.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

large=0 runs=3 keep=0 sizes="10 100"
while [ $# -gt 0 ]; do
    case $1 in
    --large) large=1 ;;
    --runs) runs=$2; shift ;;
    --sizes) sizes=$2; shift ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
[ "$large" -eq 1 ] && sizes="$sizes 1000"

die() { echo "bench/run.sh: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "needs GNU time: apt-get install time"

# --- build -----------------------------------------------------------------
build=${BUILD_DIR:-build-bench}
if [ -z "${GEOMAP:-}" ]; then
    if [ ! -x "$build/geomap" ] || [ -n "$(find src gazetteer exports \
            CMakeLists.txt -newer "$build/geomap" -type f 2>/dev/null |
            head -n 1)" ]; then
        echo "building geomap in $build/ ..." >&2
        cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DBUILD_TESTING=OFF >/dev/null
        cmake --build "$build" -j "$(nproc)" --target geomap >/dev/null
    fi
    GEOMAP=$root/$build/geomap
fi
[ -x "$GEOMAP" ] || die "no geomap binary at $GEOMAP"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/geomap-bench.XXXXXX")
cleanup() { if [ "$keep" -eq 1 ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi; }
trap cleanup EXIT INT TERM

# The engine alone: bench/engine.c against the library of the build dir.
engine=
# shellcheck disable=SC2046 # pkg-config prints several words
if [ -f "$build/libgm_core.a" ] && command -v cc >/dev/null 2>&1 &&
   cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -I src -I . bench/engine.c \
       "$build/libgm_core.a" \
       $(pkg-config --cflags --libs libutf8proc json-c libxxhash) \
       -lcsv -lm -lpthread -o "$tmp/bench-engine" 2>"$tmp/engine.log"; then
    engine=$tmp/bench-engine
fi

# --- corpora ----------------------------------------------------------------
# One JSON Lines base of realistic articles, then copies of it up to each
# size. LGL lines keep only id and text (the gold toponyms would be carried
# as extra fields and counted as input); example texts are JSON-escaped.
base=$tmp/base.jsonl
lgl=${LGL:-$root/../shared/eval/lgl.jsonl}
: >"$base"
if [ -r "$lgl" ]; then
    LC_ALL=C awk '{ i = index($0, ", \"toponyms\":");
                    if (i) print substr($0, 1, i - 1) "}"; else print }' \
        "$lgl" >>"$base"
    source_desc="LGL texts ($(wc -l <"$lgl") articles) and examples/"
else
    source_desc="examples/ only (no LGL file at $lgl)"
fi
for f in examples/articles/*.txt; do
    [ -f "$f" ] || continue
    LC_ALL=C awk -v id="ex-$(basename "$f" .txt)" '
        { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t");
          gsub(/\r/, "\\r"); text = NR > 1 ? text "\\n" $0 : $0 }
        END { printf "{\"id\": \"%s\", \"text\": \"%s\"}\n", id, text }' \
        "$f" >>"$base"
done
# The well-formed lines of the JSON Lines example (one is broken on purpose).
grep '^{"id": ".*}$' examples/batch.jsonl >>"$base" || true
base_articles=$(wc -l <"$base")
[ "$base_articles" -gt 0 ] || die "no articles found for the corpus"

make_corpus() { # SIZE_MB OUT
    LC_ALL=C awk -v target="$(($1 * 1000000))" '
        { line[NR] = $0 }
        END {
            for (r = 0; bytes < target; r++)
                for (i = 1; i <= NR; i++) {
                    l = line[i]
                    sub(/^\{"id": "/, "{\"id\": \"r" r "-", l)
                    print l
                    bytes += length(l) + 1
                }
        }' "$base" >"$2"
}

# --- measuring --------------------------------------------------------------
now_ns() { date +%s%N; }

# Runs a command; sets secs (the fastest wall time of RUNS runs, by
# hyperfine when installed: on a busy machine the fastest run is the least
# disturbed one), cpu (the least user + system time of the runs, all
# threads together) and rss_mb (the largest peak RSS that /usr/bin/time
# saw).
measure() {
    : >"$tmp/times"
    : >"$tmp/cpus"
    rss_kb=0
    n=$runs
    command -v hyperfine >/dev/null 2>&1 && n=1
    i=0
    while [ "$i" -lt "$n" ]; do
        t0=$(now_ns)
        /usr/bin/time -f '%M %U %S' -o "$tmp/rss" "$@" >/dev/null \
            2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; die "failed: $*"; }
        t1=$(now_ns)
        echo "$(( (t1 - t0) / 1000 ))" >>"$tmp/times"
        r=$(tail -n 1 "$tmp/rss" | awk '{ print $1 }')
        tail -n 1 "$tmp/rss" | awk '{ printf "%.4f\n", $2 + $3 }' >>"$tmp/cpus"
        [ "$r" -gt "$rss_kb" ] && rss_kb=$r
        i=$((i + 1))
    done
    secs=
    if command -v hyperfine >/dev/null 2>&1; then
        # columns: command (which may hold commas), mean, stddev,
        # median, user, system, min, max: counted from the end
        hyperfine -N --runs "$runs" --export-csv "$tmp/hf.csv" \
            -- "$*" >/dev/null 2>&1 && {
            secs=$(awk -F, 'NR == 2 { print $(NF - 1) }' "$tmp/hf.csv")
            awk -F, 'NR == 2 { printf "%.4f\n", $(NF - 3) + $(NF - 2) }' \
                "$tmp/hf.csv" >>"$tmp/cpus"
        } || secs=
    fi
    [ -n "$secs" ] || secs=$(sort -n "$tmp/times" |
        awk 'NR == 1 { printf "%.4f", $1 / 1e6 }')
    cpu=$(sort -n "$tmp/cpus" | awk 'NR == 1 { print $1 }')
    rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')
}

fmt() { awk -v x="$1" -v d="${2:-0}" 'BEGIN { printf "%.*f", d, x }'; }

# The CPU columns of a row: CPU s, articles/CPU s, `wc -w` CPU s and the
# ratio (empty when a time is 0: below GNU time's 10 ms resolution).
cpu_cells() {
    awk -v c="$1" -v a="$articles" -v w="$wc_cpu" 'BEGIN {
        per = (c > 0) ? sprintf("%.0f", a / c) : ""
        ratio = (c > 0 && w > 0) ? sprintf("%.1f", c / w) : ""
        printf "%.2f | %s | %.3f | %s", c, per, w, ratio }'
}

# --- what this geomap can do ------------------------------------------------
formats=$("$GEOMAP" --formats 2>/dev/null || true)
help=$("$GEOMAP" extract --help 2>/dev/null || true)
if printf '%s\n' "$formats" | grep -q '^ *GeoJSONSeq'; then
    main_format=GeoJSONSeq
else
    main_format=GeoJSON
fi
out_formats="$main_format"
printf '%s\n' "$formats" | grep -q '^ *GPKG' && out_formats="$out_formats GPKG"
layers=places,mentions
printf '%s\n' "$help" | grep -q 'events' && layers=places,mentions,events
if printf '%s\n' "$help" | grep -Eq '(^|[ ,])-j[ ,]'; then
    jobs_list="1 2"
else
    jobs_list="-"
fi

gaz_desc=$("$GEOMAP" gazetteer info 2>/dev/null | sed -n "s/^gazetteer: //p" | head -n 1 || true)
measure "$GEOMAP" gazetteer info
gaz_open_ms=$(fmt "$(awk -v s="$secs" 'BEGIN { print s * 1000 }')" 1)
printf '%s\n' "$(head -n 3 "$base")" >"$tmp/tiny.jsonl"
measure "$GEOMAP" extract "$tmp/tiny.jsonl" -o "$tmp/tiny-out" -q
tiny_ms=$(fmt "$(awk -v s="$secs" 'BEGIN { print s * 1000 }')" 1)
# Open time against index size: every other index named in
# $BENCH_GAZETTEERS, or a world build left in build/ by examples/run.sh.
others=${BENCH_GAZETTEERS:-}
[ -n "$others" ] || for f in "$build/world.gmz" build/world.gmz; do
    [ -f "$f" ] && { others=$f; break; }
done
other_desc=
for f in $others; do
    [ -f "$f" ] || continue
    measure "$GEOMAP" gazetteer info "$f"
    other_desc="$other_desc; $(basename "$f") ($(awk -v b="$(wc -c <"$f")" \
        'BEGIN { printf "%.0f MB", b / 1e6 }')) $(fmt "$(awk -v s="$secs" \
        'BEGIN { print s * 1000 }')" 1) ms"
done
# With another gazetteer chosen, the compact default embedded in the
# binary too: the smallest index beside the largest.
if [ -n "${GEOMAP_GAZETTEER:-}" ] && [ "$GEOMAP_GAZETTEER" != embedded ]; then
    measure env GEOMAP_GAZETTEER=embedded "$GEOMAP" gazetteer info
    other_desc="$other_desc; the embedded default $(fmt "$(awk -v s="$secs" \
        'BEGIN { print s * 1000 }')" 1) ms"
fi
rm -rf "$tmp/tiny-out"

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo \
    2>/dev/null)
echo "## geomap benchmark, $(date -u +%Y-%m-%d)"
echo
echo "- machine: ${cpu:-unknown CPU}, $(nproc) cores online, ${mem:-? GB} RAM, $(uname -sr)"
echo "- geomap: $("$GEOMAP" --version 2>/dev/null | head -n 1), $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?')"
echo "- gazetteer: ${gaz_desc:-?}; \`geomap gazetteer info\` ${gaz_open_ms} ms, \`geomap extract\` of 3 articles ${tiny_ms} ms${other_desc:+; \`gazetteer info\` of other indexes$other_desc}"
echo "- corpus: $source_desc, $base_articles articles repeated; layers $layers; fastest of $runs runs$(command -v hyperfine >/dev/null 2>&1 && echo ' (hyperfine)')"
echo
echo "| input | articles | output | -j | time s | articles/s | MB/s | peak RSS MB | \`wc -w\` s | × \`wc -w\` | CPU s | articles/CPU s | \`wc -w\` CPU s | × \`wc -w\` CPU |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

for size in $sizes; do
    corpus=$tmp/corpus-${size}MB.jsonl
    make_corpus "$size" "$corpus"
    bytes=$(wc -c <"$corpus")
    mb=$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')
    articles=$(wc -l <"$corpus")
    measure wc -w "$corpus"
    wc_s=$secs wc_cpu=$cpu
    for format in $out_formats; do
        case $format in
        GPKG) out=$tmp/out.gpkg ;;
        *) out=$tmp/out ;;
        esac
        for j in $jobs_list; do
            if [ "$j" = - ]; then
                jopt='' jshow="1 (no -j)"
            else
                jopt="-j $j" jshow=$j
            fi
            rm -rf "$out"
            # shellcheck disable=SC2086 # jopt is empty or two words
            measure "$GEOMAP" extract "$corpus" -o "$out" -f "$format" \
                --layers "$layers" -q $jopt
            rm -rf "$out"
            echo "| $(fmt "$mb") MB | $articles | $format | $jshow | $(fmt "$secs" 2) | $(fmt "$(awk -v a="$articles" -v s="$secs" 'BEGIN { print a / s }')") | $(fmt "$(awk -v m="$mb" -v s="$secs" 'BEGIN { print m / s }')" 1) | $rss_mb | $(fmt "$wc_s" 3) | $(fmt "$(awk -v g="$secs" -v w="$wc_s" 'BEGIN { print g / w }')" 1) | $(cpu_cells "$cpu") |"
        done
    done
    if [ -n "$engine" ] && [ "$size" -le 100 ]; then
        gaz_file=${GEOMAP_GAZETTEER:-$build/default.gmz}
        val() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
        for j in 1 2; do
            line='' k=0
            while [ "$k" -lt "$runs" ]; do
                l=$("$engine" "$gaz_file" "$corpus" "$j") || break
                if [ -z "$line" ] || [ "$(awk -v a="$(val seconds "$l")" \
                        -v b="$(val seconds "$line")" \
                        'BEGIN { print (a < b) }')" = 1 ]; then
                    line=$l
                fi
                k=$((k + 1))
            done
            [ -n "$line" ] || continue
            articles=$(val articles "$line")
            echo "| $(fmt "$mb") MB | $articles | engine only | $j | $(fmt "$(val seconds "$line")" 2) | $(val articles_per_s "$line") | $(fmt "$(awk -v m="$mb" -v s="$(val seconds "$line")" 'BEGIN { print m / s }')" 1) | | $(fmt "$wc_s" 3) | $(fmt "$(awk -v g="$(val seconds "$line")" -v w="$wc_s" 'BEGIN { print g / w }')" 1) | $(cpu_cells "$(val cpu_seconds "$line")") |"
        done
    fi
    rm -f "$corpus"
done
