#!/usr/bin/env bash
# Hunts timing races: a fresh clone of this repository's HEAD (or REF), then run 1 = the whole CI
# (.ci/run) and runs 2..N = the e2e suite again, all with a CPU hog busy on one core (CI shares its
# two cores). Prints one line per run and the failures; logs in $TMPDIR/banyan-repeat-<i>.log.
#   bash scripts/repeat-ci-under-load.sh [N=5] [REF=HEAD]
set -u
N=${1:-5}; REF=${2:-HEAD}
SRC=$(cd "$(dirname "$0")/.." && pwd)
T=${TMPDIR:-/tmp}; D=$T/banyan-repeat
rm -rf "$D" && git clone -q "$SRC" "$D" && cd "$D" && git checkout -q "$(git -C "$SRC" rev-parse "$REF")" || exit 1
echo "commit $(git rev-parse --short HEAD)"
node -e 'for(;;){}' & HOG=$!
trap 'kill $HOG' EXIT
for i in $(seq 1 "$N"); do
  start=$(date +%s); log=$T/banyan-repeat-$i.log
  if [ "$i" -eq 1 ]; then CI=true bash .ci/run </dev/null >"$log" 2>&1; else npm run test:e2e >"$log" 2>&1; fi
  rc=$?
  echo "run $i rc=$rc $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg): $(grep -E '^[0-9]+ passed, [0-9]+ failed|^e2e: [0-9]+ passed' "$log" | tail -1)"
  grep -E '^\s+FAIL' -A3 "$log" | head -20
done
