#!/bin/sh
# build.sh OUTDIR: bundles the web map of geomap serve into OUTDIR (CMake's target `web` gives
# <build dir>/web, the web root geomap serve finds beside its binary):
#   index.html   the page
#   app.js       app.js and OpenLayers, bundled and minified by esbuild (app.js.map beside it)
#   app.css      style.css and OpenLayers' ol.css
#   base/countries.geojson    Natural Earth 1:50m country outlines (world-atlas), made
#                flat-map ready by basemap.mjs
#   LICENSES.txt the licences of every npm package the bundle holds
# The packages are those package-lock.json pins, installed by npm-ci.sh from the npm cache
# (the registry is asked only for what the cache lacks). Exit 3 when node or npm is missing or
# a package can be had neither from the cache nor from the registry.
set -eu
prog=build.sh
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: web/build.sh OUTDIR}
case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac

sh "$here/npm-ci.sh" "$here"

tmp="$out.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp/base"
trap 'rm -rf "$tmp"' EXIT

cd "$here"
if ! node_modules/.bin/esbuild app.js --bundle --minify --sourcemap --format=iife \
    --target=es2020 --log-level=warning --metafile="$tmp/meta.json" \
    --outfile="$tmp/app.js"; then
    echo "$prog: esbuild failed" >&2
    exit 3
fi
cp index.html "$tmp/"
node basemap.mjs "$tmp/base/countries.geojson"
node licenses.mjs "$tmp/meta.json" world-atlas topojson-client >"$tmp/LICENSES.txt"
rm -f "$tmp/meta.json"

rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "$prog: web map bundled in $out" >&2
