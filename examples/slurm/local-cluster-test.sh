#!/bin/sh
# Runs the Slurm route on a one-node cluster made on this machine: writes a
# slurm.conf and a munge key in a temporary directory, starts munged,
# slurmctld and slurmd there, submits the array and the merge with
# submit.sh, waits for them, compares the merged layers with one
# single-process run (sorted lines), and stops the daemons it started.
# Needs root and the Debian packages slurm-wlm and munge; exits 77 (skipped)
# with a message when they are not there.
#
#   sh examples/slurm/local-cluster-test.sh GEOMAP_BINARY [SHARDS]
set -eu
geomap=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shards=${2:-4}
here=$(cd "$(dirname "$0")" && pwd)
examples=$(cd "$here/.." && pwd)
skip() { echo "local-cluster-test: skipped: $*" >&2; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (it starts munged, slurmctld, slurmd)"
for tool in munged slurmctld slurmd sbatch squeue sinfo; do
    command -v "$tool" >/dev/null 2>&1 ||
        PATH=$PATH:/usr/sbin command -v "$tool" >/dev/null 2>&1 ||
        skip "$tool not found (apt-get install slurm-wlm munge)"
done
PATH=$PATH:/usr/sbin

work=$(mktemp -d "${TMPDIR:-/tmp}/geomap-slurm-XXXXXX")
node=$(hostname -s)
# Ports of this run's own: two runs at once do not meet.
port=${GEOMAP_SLURM_PORT:-$((20000 + $$ % 20000 * 2))}
# shellcheck disable=SC2317 # called by the trap
stop() {
    for pid in "$work"/slurmd.pid "$work"/slurmctld.pid "$work"/munged.pid; do
        if [ -f "$pid" ]; then kill "$(cat "$pid")" 2>/dev/null || true; fi
    done
    sleep 1
    rm -rf "$work"
}
trap stop EXIT INT TERM

mkdir -p "$work/state" "$work/spool" "$work/parts" "$work/munge"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" \
    --socket="$work/munge/munge.sock" --pid-file="$work/munged.pid" \
    --log-file="$work/munged.log" --seed-file="$work/munge/seed" ||
    skip "munged did not start"

cat >"$work/slurm.conf" <<CONF
ClusterName=geomaptest
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$node CPUs=$(nproc) State=UNKNOWN
PartitionName=geomap Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
# A daemon that cannot start says the machine does not allow a cluster
# here (ports, cgroups, a container): skipped, not failed.
slurmctld || skip "slurmctld did not start"
slurmd || skip "slurmd did not start"
tries=0
until sinfo -h -o %T 2>/dev/null | grep -q idle; do
    tries=$((tries + 1))
    [ "$tries" -lt 30 ] || { cat "$work"/slurm*.log >&2; skip "the node did not come up"; }
    sleep 1
done

cd "$work"
export GEOMAP="$geomap"
input="$examples/batch.jsonl"
sh "$here/submit.sh" "$shards" "$work/parts" "$work/merged" "$input" "$examples/articles"
tries=0
while [ -n "$(squeue -h -o %i)" ]; do
    tries=$((tries + 1))
    [ "$tries" -lt 300 ] || { squeue >&2; echo "local-cluster-test: jobs did not finish" >&2; exit 1; }
    sleep 1
done
"$geomap" extract "$input" "$examples/articles" -o "$work/single" -q || [ $? = 1 ]
status=0
for layer in places mentions events; do
    if [ ! -f "$work/merged/$layer.geojson" ]; then
        echo "local-cluster-test: no merged $layer layer; logs:" >&2
        cat "$work"/geomap-*.log >&2 || true
        status=1
        continue
    fi
    # GeoJSON: one feature a line, all but the last ending with a comma.
    sed 's/,$//' "$work/merged/$layer.geojson" | sort >"$work/a"
    sed 's/,$//' "$work/single/$layer.geojson" | sort >"$work/b"
    cmp -s "$work/a" "$work/b" || { echo "local-cluster-test: $layer differs" >&2; status=1; }
done
[ "$status" = 0 ] && echo "local-cluster-test: $shards shards through Slurm merged to the single run's layers"
exit "$status"
