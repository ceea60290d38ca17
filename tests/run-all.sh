#!/bin/sh
# The whole test suite, as the README's second command runs it: installs
# what it needs, then builds and runs every Check suite twice, once as
# released (-Werror) and once under AddressSanitizer + UndefinedBehaviorSanitizer;
# between the two, the web map in headless Chromium (tests/browser/run.sh).
# Then the whole suite and the examples under valgrind memcheck
# (tests/valgrind/run.sh, about 25 minutes), the load test of geomap serve
# (tests/serve/load.sh) and every fuzz target for 30 s (tests/fuzz/run.sh).
# Build trees: build/, build-asan/, build-valgrind/ and build-fuzz/ beside
# this repository's sources.
set -eu
cd "$(dirname "$0")/.."

sh cmake/debian-deps.sh --test

jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGEOMAP_WERROR=ON
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

# The web map in headless Chromium against geomap serve (issue 10): builds the
# bundle into build/web (npm packages from the npm cache, the registry asked
# only for what it lacks); skipped with a message (exit 77) only where
# Chromium cannot be installed.
status=0
sh tests/browser/run.sh build || status=$?
if [ "$status" -eq 77 ]; then
    echo "run-all: the browser test was skipped (see above)" >&2
elif [ "$status" -ne 0 ]; then
    exit "$status"
fi

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DGEOMAP_WERROR=ON \
      -DGEOMAP_SANITIZE=address,undefined
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"

# Every Check suite under valgrind memcheck (CK_FORK=no; the geomap
# processes the end-to-end suites start run under valgrind too), then
# geomap extract on the examples: no invalid access, no definite or
# indirect leak (third-party suppressions in tests/valgrind/geomap.supp).
# A RelWithDebInfo tree of its own, since valgrind wants no sanitizer.
cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGEOMAP_WERROR=ON
cmake --build build-valgrind -j "$jobs"
sh tests/valgrind/run.sh build-valgrind

# geomap serve under load (issue 10): 10,000 requests, 300 at once, each
# answered 2xx, the server's memory flat (a few seconds).
sh tests/serve/load.sh build

# Every libFuzzer target for 30 s (clang; builds in build-fuzz/), after
# replaying the inputs that once crashed one (tests/fuzz/regressions/).
sh tests/fuzz/run.sh 30

# The Slurm route on a one-node cluster made on this machine (issue 9): as
# root, with slurm-wlm and munge installed here; skipped with a message
# where the machine does not allow it (exit 77 from the script).
if [ "$(id -u)" -eq 0 ] && sh cmake/debian-deps.sh --slurm; then
    status=0
    sh examples/slurm/local-cluster-test.sh build/geomap 4 || status=$?
    if [ "$status" -eq 77 ]; then
        echo "run-all: the Slurm cluster test was skipped (see above)" >&2
    elif [ "$status" -ne 0 ]; then
        exit "$status"
    fi
else
    echo "run-all: the Slurm cluster test needs root and the packages" \
         "slurm-wlm and munge: skipped" >&2
fi
