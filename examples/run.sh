#!/bin/sh
# The README's first command: installs the Debian packages geomap needs when
# they are missing, builds it, and maps the example articles with the
# embedded default gazetteer into examples/out/:
#   out/articles/     GeoJSON layers (places.geojson, mentions.geojson)
#   out/shapefile/    the same as ESRI Shapefiles
#   out/batch.geojson the mentions of the JSON Lines batch
# One line of examples/batch.jsonl is broken on purpose: geomap names it,
# maps every other article, and exits with status 1.
set -eu
cd "$(dirname "$0")/.."

sh cmake/debian-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" --target geomap

out=examples/out
mkdir -p "$out"
geomap=build/geomap

echo "== text and HTML articles, the CSV file -> GeoJSON layers"
$geomap extract examples/articles examples/html examples/articles.csv \
    -o "$out/articles"
echo "== the same -> ESRI Shapefile"
$geomap extract examples/articles examples/html examples/articles.csv \
    -o "$out/shapefile" -f "ESRI Shapefile"
echo "== a JSON Lines batch with one broken line -> mentions only"
status=0
$geomap extract examples/batch.jsonl -o "$out/batch.geojson" \
    --layers mentions || status=$?
if [ "$status" -ne 1 ]; then
    echo "expected exit status 1 for the broken line, got $status" >&2
    exit 1
fi
echo
echo "Layers written under $out/; open them in QGIS or list them with:"
echo "  ogrinfo -al -so $out/shapefile/places.shp"
