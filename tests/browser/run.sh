#!/bin/sh
# tests/browser/run.sh [BUILD_DIR]: the browser test of the web map (issue 10).
# Installs what it needs when missing (cmake/debian-deps.sh --web: node, npm, Chromium), builds
# geomap and the web bundle (CMake targets geomap and web) in BUILD_DIR (default build/),
# installs playwright-core (tests/browser/package-lock.json) from the npm cache, maps the
# articles of examples/ and tests/browser/articles.jsonl into BUILD_DIR/test-artifacts/
# browser-data.gpkg, and runs tests/browser/test.mjs: geomap serve on a free loopback port,
# the page in headless Chromium. Screenshots: BUILD_DIR/test-artifacts/browser*.png.
# Exit 77 (skipped) only when Chromium cannot be installed; 0 when every check passed.
# GEOMAP_CHROMIUM names another Chromium binary (default /usr/bin/chromium).
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
chromium=${GEOMAP_CHROMIUM:-/usr/bin/chromium}

deps=0
sh cmake/debian-deps.sh --web || deps=$?
if [ ! -x "$chromium" ]; then
    echo "browser test: skipped: Chromium ($chromium) is not installed and could not be" \
        "installed (apt-get install chromium, as root)" >&2
    exit 77
fi
if [ "$deps" -ne 0 ] || ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "browser test: node and npm are needed (sh cmake/debian-deps.sh --web)" >&2
    exit 1
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGEOMAP_WERROR=ON
fi
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target geomap web

sh web/npm-ci.sh tests/browser

# One gazetteer for the layers, the server and the coordinates the test expects: the default
# embedded in the binary, whatever world index lies beside it.
GEOMAP_GAZETTEER=embedded
export GEOMAP_GAZETTEER
artifacts="$build/test-artifacts"
mkdir -p "$artifacts"
data="$artifacts/browser-data.gpkg"
# examples/batch.jsonl holds a broken line on purpose: status 1, the other articles mapped.
status=0
"$build/geomap" extract examples/articles examples/html examples/articles.csv \
    examples/batch.jsonl tests/browser/articles.jsonl -o "$data" -q 2>/dev/null || status=$?
if [ "$status" -gt 1 ]; then
    echo "browser test: geomap extract failed (status $status)" >&2
    exit 1
fi

abs() { (cd "$1" && pwd); }
node tests/browser/test.mjs --geomap "$(abs "$build")/geomap" --data "$(abs "$artifacts")/browser-data.gpkg" \
    --web "$(abs "$build")/web" --artifacts "$(abs "$artifacts")" --chromium "$chromium"
