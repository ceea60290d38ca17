#!/bin/sh
# Load test of geomap serve (issue 10): 10,000 requests at 127.0.0.1, 300
# at once, a mix of POST /extract, /health, /lookup and /layers, with a
# bounded run time; every request must get a 2xx answer (counted by the C
# client tests/serve/load.c), and the server's resident memory after the
# run must stay within a bound of what it was after a warm-up of 2,000.
#   sh tests/serve/load.sh [BUILD_DIR]        (default: build)
# Environment: GEOMAP_LOAD_REQUESTS (10000), GEOMAP_LOAD_CONCURRENCY (300),
# GEOMAP_LOAD_RSS_BOUND_KB (8192: the growth allowed; a leak of 1 kB a
# request, 10 MB, would fail it).
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
bin=$build/geomap
client=$build/tests/serve-load
requests=${GEOMAP_LOAD_REQUESTS:-10000}
concurrency=${GEOMAP_LOAD_CONCURRENCY:-300}
bound_kb=${GEOMAP_LOAD_RSS_BOUND_KB:-8192}
for f in "$bin" "$client"; do
    [ -x "$f" ] || { echo "load.sh: $f is missing: build $build first" >&2; exit 1; }
done

tmp=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

export GEOMAP_GAZETTEER=embedded
printf '%s\n' \
  '{"id": "1", "date": "2024-03-05", "text": "Shelling in Kyiv killed 3 people on Tuesday."}' \
  '{"id": "2", "date": "2024-03-06", "text": "Protesters marched in Paris and in Dallas."}' \
  > "$tmp/articles.jsonl"
"$bin" extract "$tmp/articles.jsonl" -o "$tmp/layers.gpkg" -q

: >"$tmp/serve.log"
"$bin" serve --listen 127.0.0.1:0 --data "$tmp/layers.gpkg" \
    --max-connections 1024 -q 2>"$tmp/serve.log" &
pid=$!
port=""
i=0
while [ -z "$port" ] && [ $i -lt 300 ]; do
    port=$(sed -n 's|^geomap: serving http://127.0.0.1:\([0-9]*\)/$|\1|p' "$tmp/serve.log")
    kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
    [ -n "$port" ] || sleep 0.1
    i=$((i + 1))
done
[ -n "$port" ] || { echo "load.sh: geomap serve did not start" >&2; exit 1; }

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }

timeout 120 "$client" "$port" 2000 "$concurrency" 100
warm=$(rss)
timeout 120 "$client" "$port" "$requests" "$concurrency" 100
after=$(rss)
growth=$((after - warm))
echo "load.sh: server RSS ${warm} kB after the warm-up, ${after} kB after" \
     "$requests requests (growth ${growth} kB, bound ${bound_kb} kB)"
if [ "$growth" -gt "$bound_kb" ]; then
    echo "load.sh: the server's memory grew beyond the bound" >&2
    exit 1
fi

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
if [ "$status" -ne 0 ]; then
    echo "load.sh: geomap serve exited with status $status on SIGTERM" >&2
    cat "$tmp/serve.log" >&2
    exit 1
fi
echo "load.sh: every request answered 2xx; the server stopped cleanly"
