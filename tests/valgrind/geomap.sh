#!/bin/sh
# GEOMAP_BIN for a memcheck run (tests/valgrind/run.sh): runs the geomap
# binary named by GEOMAP_VALGRIND_BIN under valgrind, so that the processes
# the end-to-end suites spawn are checked too. Each process writes its
# report to GEOMAP_VALGRIND_LOGS/geomap.PID.log (empty when clean, with
# --quiet); an error also makes it exit 99, which no geomap status is.
here=$(cd "$(dirname "$0")" && pwd)
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect --num-callers=30 \
    --suppressions="$here/geomap.supp" \
    --log-file="${GEOMAP_VALGRIND_LOGS:-/tmp}/geomap.%p.log" \
    "$GEOMAP_VALGRIND_BIN" "$@"
