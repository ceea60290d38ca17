#!/bin/sh
# npm-ci.sh DIR: installs DIR/node_modules exactly as DIR/package-lock.json pins it (npm ci),
# from npm's cache in $GEOMAP_NPM_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/geomap/npm,
# the cache gazetteer/make-default.sh uses; npm keeps its own under _npm there).
# Offline first: the registry is asked only for packages the cache does not hold, and when it
# cannot be reached the script says so and exits 3. Skips npm ci when DIR/node_modules was
# installed from the same lock file. Used by web/build.sh and tests/browser/run.sh.
set -eu
prog=npm-ci.sh
dir=${1:?usage: npm-ci.sh DIR}
cd "$dir"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "$prog: node and npm are needed (sh cmake/debian-deps.sh --web installs them)" >&2
    exit 3
fi

cache="${GEOMAP_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/geomap/npm}/_npm"
mkdir -p "$cache"
stamp=node_modules/.geomap-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
    exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
opts="--no-audit --no-fund --loglevel=error --cache $cache"
# shellcheck disable=SC2086  # $opts is several words
if ! npm ci --offline $opts >"$log" 2>&1; then
    echo "$prog: $dir: some pinned packages are not in the npm cache $cache;" \
        "fetching them from the npm registry" >&2
    # shellcheck disable=SC2086
    if ! npm ci --prefer-offline $opts >"$log" 2>&1; then
        grep -m 3 "npm error" "$log" >&2 || tail -n 3 "$log" >&2
        echo "$prog: $dir: npm ci failed: the packages pinned in package-lock.json are" \
            "neither in the npm cache $cache nor reachable on the npm registry" \
            "(run this once with the network, or set GEOMAP_NPM_CACHE to a filled cache)" >&2
        exit 3
    fi
fi
cp package-lock.json "$stamp"
