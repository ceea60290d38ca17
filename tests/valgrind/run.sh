#!/bin/sh
# Every Check suite of BUILD_DIR under valgrind memcheck (CK_FORK=no so
# that valgrind sees the tests themselves), with the geomap processes the
# end-to-end suites start run under valgrind too (GEOMAP_BIN is
# tests/valgrind/geomap.sh), then geomap extract on the examples. Fails on
# any invalid read or write, use of uninitialised memory, or definite or
# indirect leak; suppressions (third-party only) in geomap.supp.
#   sh tests/valgrind/run.sh BUILD_DIR [SUITE...]
# BUILD_DIR is a configured and built tree (RelWithDebInfo is fastest);
# SUITE names (test_io ...) limit the run. Reports are kept under
# BUILD_DIR/valgrind/. The whole run takes about 25 minutes on 2 shared
# cores (valgrind is some 30 times slower; test_merge's sharded runs are
# the longest).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR [SUITE...]}" && pwd)
shift
command -v valgrind >/dev/null 2>&1 || {
    echo "tests/valgrind/run.sh: valgrind not found (sh cmake/debian-deps.sh --test)" >&2
    exit 1
}
logs=$build/valgrind
rm -rf "$logs"
mkdir -p "$logs"

if [ $# -gt 0 ]; then
    suites="$*"
else
    # the slowest first, so that the two lanes end together (test_merge
    # alone is about half of the run)
    all=$(cd "$build/tests" && ls test_* | grep -v '\.' | sort)
    slow="test_merge test_badinput test_cli test_formats test_append"
    suites=""
    for t in $slow; do
        echo "$all" | grep -qx "$t" && suites="$suites $t"
    done
    for t in $all; do
        case " $slow " in *" $t "*) ;; *) suites="$suites $t" ;; esac
    done
fi
jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 2 ] && jobs=2

start=$(date +%s)
# One suite: valgrind on the test executable, its children through the
# wrapper; the suite's own report goes to LOGS/SUITE.log.
export GEOMAP_VALGRIND_BIN="$build/geomap" GEOMAP_VALGRIND_LOGS="$logs"
export GEOMAP_BIN="$here/geomap.sh" GEOMAP_GAZETTEER=embedded CK_FORK=no
# test_merge's batches at a tenth of their size (every check still runs).
export GEOMAP_TEST_SLOW_RUNNER=1
export here build logs
echo "$suites" | tr ' ' '\n' | xargs -P "$jobs" -I{} sh -c '
    t=$1
    if valgrind --quiet --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect --num-callers=30 \
        --suppressions="$here/geomap.supp" --log-file="$logs/$t.log" \
        "$build/tests/$t" >"$logs/$t.out" 2>&1; then
        echo "valgrind: $t: ok"
    else
        echo "valgrind: $t: FAILED (exit $?; $logs/$t.out, $logs/$t.log)"
    fi' sh {} | tee "$logs/summary"

# The examples, as examples/run.sh maps them (embedded gazetteer).
out=$logs/examples-out
mkdir -p "$out"
example() { # WANT NAME ARGS...: geomap under valgrind must exit WANT
    want=$1 name=$2
    shift 2
    code=0
    (cd "$root" && "$here/geomap.sh" "$@" -q) 2>"$logs/examples-$name.err" || code=$?
    if [ "$code" -eq "$want" ]; then
        echo "valgrind: examples ($name): ok" | tee -a "$logs/summary"
    else
        echo "valgrind: examples ($name): FAILED (exit $code; $logs/examples-$name.err)" \
            | tee -a "$logs/summary"
    fi
}
example 0 geojson extract examples/articles examples/html examples/articles.csv \
    -o "$out/articles"
example 0 shapefile extract examples/articles examples/html examples/articles.csv \
    -o "$out/shapefile" -f "ESRI Shapefile"
# one line of batch.jsonl is broken on purpose: exit 1
example 1 batch extract examples/batch.jsonl -o "$out/batch.geojson" --layers mentions

# Every report must be empty (--quiet prints nothing for a clean process).
dirty=0
for f in "$logs"/*.log; do
    [ -s "$f" ] || continue
    echo "valgrind: report in $f:" >&2
    head -n 60 "$f" >&2
    dirty=1
done
end=$(date +%s)
echo "valgrind: $(echo "$suites" | wc -w) suites and the examples in $((end - start)) s"
if grep -q FAILED "$logs/summary" || [ "$dirty" -ne 0 ]; then
    exit 1
fi
