#!/bin/sh
# check-world.sh: the acceptance checks of the world gazetteer, by lookups.
#
#   gazetteer/check-world.sh [WORLD.gmz] [GEOMAP]     (default build/world.gmz, build/geomap)
#
# For each name below, `geomap gazetteer lookup NAME --json` must list the expected place
# first (or, for "Georgia", among the first two); regions and features must have their point
# inside the box given (south, north, west, east); the demonym must be marked as one. Then a
# truncated copy and two corrupted copies of the index must be refused by
# `geomap gazetteer info --check` with exit status 3 (run it with an ASan build too). Prints one
# line per check and exits 1 when any fails. Needs python3.
set -eu
cd "$(dirname "$0")/.."
world="${1:-build/world.gmz}"
geomap="${2:-build/geomap}"
[ -f "$world" ] || { echo "check-world.sh: no $world (examples/run.sh makes it)" >&2; exit 2; }

python3 - "$geomap" "$world" <<'EOF'
import json
import os
import subprocess
import sys
import tempfile

geomap, world = sys.argv[1], sys.argv[2]
# name, expected id first (or a list: all among the first two), box (s, n, w, e) or None, match kind
checks = [
    ("Khankendi", 146970, None, None), ("Степанакерт", 146970, None, None),
    ("Kiew", 703448, None, None), ("Kiev", 703448, None, None),
    ("Bombay", 1275339, None, None), ("Peking", 1816670, None, None),
    ("München", 2867714, None, None), ("Den Haag", 2747373, None, None),
    ("Lisboa", 2267057, None, None), ("Moskau", 524901, None, None),
    ("Wien", 2761369, None, None), ("Αθήνα", 264371, None, None),
    ("القاهرة", 360630, None, None), ("東京", 1850147, None, None),
    ("Armenian", 174982, None, "demonym"),
    ("Georgia", [614540, 4197000], None, None),
    ("Rapides Parish", 920022079, (30.9, 31.5, -93.0, -92.0), None),
    ("Laurel County", 920021125, (36.9, 37.4, -84.4, -83.9), None),
    ("Nagorno-Karabakh", 910000060, (39.2, 40.5, 46.0, 47.2), None),
    ("Donbas", 910000067, (46.8, 50.2, 36.8, 40.3), None),
    ("Gaza Strip", 281132, (31.22, 31.6, 34.2, 34.57), None),
    ("Crimea", 703883, (44.4, 46.2, 32.5, 36.6), None),
    ("Kashmir", 910000111, (32.3, 36.9, 73.0, 80.3), None),
    ("Red Sea", 910000306, (12.6, 29.9, 32.6, 43.4), None),
    ("Danube", 910000398, (43.6, 48.6, 8.2, 29.7), None),
]
failed = 0
for name, want, box, how in checks:
    r = subprocess.run([geomap, "gazetteer", "lookup", name, "--gazetteer", world, "--json",
                        "--limit", "5"], capture_output=True, text=True)
    try:
        got = json.loads(r.stdout) if r.stdout.strip() else []
    except ValueError:
        got = []
    ok = bool(got)
    if ok and isinstance(want, list):
        ok = [c["id"] for c in got[:len(want)]] == want
    elif ok:
        ok = got[0]["id"] == want
    if ok and box:
        s, n, w, e = box
        ok = s <= got[0]["lat"] <= n and w <= got[0]["lon"] <= e
    if ok and how:
        ok = got[0]["match_kind"] == how
    first = got[0] if got else {}
    print("%-4s %-18s -> %s %s (%s, %s)%s" % ("ok" if ok else "FAIL", name, first.get("id"),
          first.get("name"), first.get("lat"), first.get("lon"),
          " [%s]" % first.get("match_kind") if how else ""))
    failed += not ok

data = open(world, "rb").read()
with tempfile.TemporaryDirectory() as tmp:
    mid = len(data) // 2
    for label, body in (("truncated", data[:mid]),
                        ("corrupted (section table)", data[:64] + bytes(b ^ 0x5A for b in data[64:4096]) + data[4096:]),
                        ("corrupted (body, --check)", data[:mid] + bytes(b ^ 0x5A for b in data[mid:mid + 4096]) + data[mid + 4096:])):
        path = os.path.join(tmp, label.split()[0] + ".gmz")
        with open(path, "wb") as f:
            f.write(body)
        r = subprocess.run([geomap, "gazetteer", "info", path, "--check"], capture_output=True, text=True)
        ok = r.returncode == 3 and "not a usable geomap gazetteer" in r.stderr
        print("%-4s %s index refused with status %d: %s" % ("ok" if ok else "FAIL", label, r.returncode,
              r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""))
        failed += not ok
print("%d checks failed" % failed if failed else "all checks passed")
sys.exit(1 if failed else 0)
EOF
