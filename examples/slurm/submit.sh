#!/bin/sh
# The one-line launcher: N extract tasks as a Slurm array, then the merge.
#
#   sh examples/slurm/submit.sh N PARTS_DIR OUT INPUT...
#   sh examples/slurm/submit.sh 8 parts map.gpkg news/*.jsonl
#
# Prints the two job ids. PARTS_DIR and the inputs must be on a file system
# every node sees.
set -eu
if [ $# -lt 4 ]; then
    echo "usage: sh $0 N PARTS_DIR OUT INPUT..." >&2
    exit 2
fi
n=$1 parts=$2 out=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$parts"
array=$(sbatch --parsable --array=0-$((n - 1)) "$here/extract.sbatch" \
    "$parts" "$@" | cut -d';' -f1)
merge=$(sbatch --parsable --dependency=afterok:"$array" \
    "$here/merge.sbatch" "$parts" "$n" "$out" | cut -d';' -f1)
echo "extract array: $array (shards 1..$n), merge: $merge"
