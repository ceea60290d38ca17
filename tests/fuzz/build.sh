#!/bin/sh
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,
# undefined) into build-fuzz/ beside the sources, or the directory given:
#   sh tests/fuzz/build.sh [OUTDIR]
# The engine is compiled from src/ (all but src/cli and src/serve) and
# gazetteer/*.c; no GDAL: exports/, the CLI and the server are not linked.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/build-fuzz}
mkdir -p "$out/obj"
out=$(cd "$out" && pwd)

cc=${CC_FUZZ:-clang}
command -v "$cc" >/dev/null 2>&1 || {
    echo "tests/fuzz/build.sh: $cc not found (sh cmake/debian-deps.sh --fuzz)" >&2
    exit 1
}
deps="libutf8proc json-c libxxhash"
cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fno-omit-frame-pointer"
cflags="$cflags -fno-sanitize-recover=all -I$root/src -I$root"
cflags="$cflags $(pkg-config --cflags $deps)"
libs="$(pkg-config --libs $deps) -lcsv -lpthread -lm"

# Objects: the engine once, instrumented for coverage and the sanitizers.
jobs=$(nproc 2>/dev/null || echo 2)
sources=$(cd "$root" && ls src/*/*.c gazetteer/*.c | grep -v -e '^src/cli/' -e '^src/serve/')
for s in $sources; do
    o="$out/obj/$(echo "$s" | tr / _ | sed 's/\.c$/.o/')"
    if [ ! -f "$o" ] || [ "$root/$s" -nt "$o" ] \
       || [ -n "$(find "$root/src" "$root/gazetteer" -name '*.h' -newer "$o" | head -n 1)" ]; then
        echo "$root/$s $o"
    fi
done | xargs -r -n 2 -P "$jobs" sh -c \
    "exec $cc $cflags -fsanitize=fuzzer-no-link,address,undefined -c \"\$0\" -o \"\$1\""
objs=""
for s in $sources; do
    objs="$objs $out/obj/$(echo "$s" | tr / _ | sed 's/\.c$/.o/')"
done

fuzz="-fsanitize=fuzzer,address,undefined"
link() { # name source extra-flags...
    name=$1 src=$2
    shift 2
    # shellcheck disable=SC2086
    "$cc" $cflags "$@" $fuzz "$root/tests/fuzz/$src" $objs $libs -o "$out/$name"
}
link fuzz_jsonl fuzz_reader.c -DFUZZ_EXT='".jsonl"' &
link fuzz_csv fuzz_reader.c -DFUZZ_EXT='".csv"' &
link fuzz_html fuzz_reader.c -DFUZZ_EXT='".html"' &
link fuzz_textfile fuzz_reader.c -DFUZZ_EXT='".txt"' &
wait
link fuzz_text fuzz_text.c &
link fuzz_pipeline fuzz_pipeline.c -DGM_FUZZ_FIXTURES="\"$root/tests/fixtures\"" &
link fuzz_gaz fuzz_gaz.c &
wait
link fuzz_json_scan fuzz_json_scan.c &
# shellcheck disable=SC2086
"$cc" $cflags -fsanitize=address,undefined "$root/tests/fuzz/mkgaz.c" $objs \
    -fsanitize=fuzzer-no-link $libs -o "$out/mkgaz" &
wait
for t in fuzz_jsonl fuzz_csv fuzz_html fuzz_textfile fuzz_text fuzz_pipeline \
         fuzz_gaz fuzz_json_scan mkgaz; do
    [ -x "$out/$t" ] || { echo "tests/fuzz/build.sh: $t failed to build" >&2; exit 1; }
done
