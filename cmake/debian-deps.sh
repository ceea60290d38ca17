#!/bin/sh
# Installs the Debian 12 packages geomap builds and tests with, when they
# are missing. Used by examples/run.sh and tests/run-all.sh; safe to rerun.
#   cmake/debian-deps.sh          build and run
#   cmake/debian-deps.sh --test   also what the test suite needs
#   cmake/debian-deps.sh --fuzz   also clang and its fuzzer runtime
#                                 (tests/fuzz/run.sh)
#   cmake/debian-deps.sh --world  only what the world gazetteer build needs
#   cmake/debian-deps.sh --slurm  only Slurm and munge (the one-node cluster
#                                 test, examples/slurm/local-cluster-test.sh)
#   cmake/debian-deps.sh --web    only node and npm (when missing: a Node.js
#                                 from elsewhere is kept), Chromium and a font
#                                 (web/build.sh, tests/browser/run.sh)
set -eu

packages="cmake make gcc pkg-config libgdal-dev gdal-bin libproj-dev
libcsv-dev libutf8proc-dev libjson-c-dev libxxhash-dev libmicrohttpd-dev
libsqlite3-dev"
if [ "${1:-}" = "--test" ]; then
    packages="$packages check valgrind"
fi
if [ "${1:-}" = "--fuzz" ]; then
    packages="$packages clang libclang-rt-14-dev"
fi
[ "${1:-}" = "--world" ] && packages="npm python3 ca-certificates"
[ "${1:-}" = "--slurm" ] && packages="slurm-wlm munge"
if [ "${1:-}" = "--web" ]; then
    packages="chromium fonts-dejavu-core ca-certificates"
    command -v node >/dev/null 2>&1 || packages="$packages nodejs"
    command -v npm >/dev/null 2>&1 || packages="$packages npm"
fi

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "geomap: installing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "geomap: need root (or sudo) to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
