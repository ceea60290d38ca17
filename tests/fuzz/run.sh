#!/bin/sh
# Builds every libFuzzer target (tests/fuzz/build.sh) and runs each for
# SECONDS (default 30) from seed corpora copied out of examples/ and
# tests/ into a temporary directory, after replaying the inputs that once
# crashed (tests/fuzz/regressions/<target>/). Prints one line per target
# and fails on any finding; a finding's input is kept under
# build-fuzz/findings/ with the log.
#   sh tests/fuzz/run.sh [SECONDS]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-30}
out=${GEOMAP_FUZZ_BUILD:-$root/build-fuzz}

sh "$root/cmake/debian-deps.sh" --fuzz
sh "$root/tests/fuzz/build.sh" "$out"
out=$(cd "$out" && pwd) # the targets run from a work directory

work=$(mktemp -d "${TMPDIR:-/tmp}/geomap-fuzz-run-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$out/findings"

# seed TARGET FILE...: copies the files that exist into TARGET's corpus.
seed() {
    t=$1
    shift
    mkdir -p "$work/corpus/$t"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$work/corpus/$t/$(echo "$f" | sed "s|^$root/||" | tr / _)"
    done
    return 0
}
# seed_lines TARGET FILE...: one input per line of the files that exist.
seed_lines() {
    t=$1
    shift
    mkdir -p "$work/corpus/$t"
    for f in "$@"; do
        [ -f "$f" ] || continue
        name=$(echo "$f" | sed "s|^$root/||" | tr / _)
        awk -v out="$work/corpus/$t/$name" \
            '{ f = out "-" NR; print > f; close(f) }' "$f"
    done
    return 0
}
ex=$root/examples
fx=$root/tests/fixtures
# shellcheck disable=SC2046
{
seed fuzz_jsonl "$ex"/*.jsonl "$fx"/io/*.jsonl $(find "$root/tests/cli" -name '*.jsonl')
seed fuzz_csv "$ex"/*.csv "$fx"/io/*.csv $(find "$root/tests/cli" "$fx/gaz-custom" -name '*.csv')
seed fuzz_html "$ex"/html/*.htm* "$fx"/io/*.htm* $(find "$root/tests/cli" "$fx/io/tree" -name '*.htm*')
seed fuzz_textfile "$ex"/articles/*.txt "$fx"/io/*.txt $(find "$fx/io/tree" -name '*.txt')
seed fuzz_text "$ex"/articles/*.txt "$fx"/io/*.txt "$fx"/gaz/alternateNames.txt
seed fuzz_pipeline "$ex"/articles/*.txt "$fx"/io/article.txt
seed_lines fuzz_json_scan "$ex"/*.jsonl "$fx"/io/*.jsonl $(find "$root/tests/cli" -name '*.jsonl')
}
# fuzz_gaz: the first byte of an input is its mode (fuzz_gaz.c): the mini
# gazetteer as it is (0) and with its checksums fixed up after mutation (1).
mkdir -p "$work/corpus/fuzz_gaz"
"$out/mkgaz" "$fx" "$work/mini.gmz"
{ printf '\000'; cat "$work/mini.gmz"; } >"$work/corpus/fuzz_gaz/raw-mini.gmz"
{ printf '\001'; cat "$work/mini.gmz"; } >"$work/corpus/fuzz_gaz/fixed-mini.gmz"

status=0
for t in fuzz_jsonl fuzz_csv fuzz_html fuzz_textfile fuzz_text fuzz_pipeline fuzz_gaz \
         fuzz_json_scan; do
    log=$work/$t.log
    reg=$root/tests/fuzz/regressions/$t
    replayed=0
    if [ -d "$reg" ] && [ -n "$(ls -A "$reg")" ]; then
        replayed=$(ls "$reg" | wc -l)
        if ! (cd "$work" && "$out/$t" -rss_limit_mb=2048 -timeout=20 "$reg"/* >"$log" 2>&1); then
            cp "$log" "$out/findings/$t-regression.log"
            echo "$t: FAILED replaying tests/fuzz/regressions/$t (log: $out/findings/$t-regression.log)"
            status=1
            continue
        fi
    fi
    if (cd "$work" && "$out/$t" -max_total_time="$secs" -rss_limit_mb=2048 \
            -timeout=20 -print_final_stats=1 \
            -artifact_prefix="$out/findings/$t-" "$work/corpus/$t" >"$log" 2>&1); then
        runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
        echo "$t: ok, ${runs:-?} runs in $secs s, coverage ${cov:-?} edges, $replayed regressions replayed"
    else
        cp "$log" "$out/findings/$t.log"
        what=$(grep -m 1 -E 'ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:' "$log" || echo "exit status non-zero")
        echo "$t: FINDING: $what (input and log under $out/findings/)"
        status=1
    fi
done
exit $status
