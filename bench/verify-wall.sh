#!/usr/bin/env bash
# Wall time of `sensiprint verify` (10 samples, JVM start included) against a local
# `sensiprint serve` of mnist_mlp_clean. Issue target: median <= 1.0 s over 10 runs.
#
# Builds nothing: run `mvn -B -q package -DskipTests` first. The fingerprint is generated once
# (from demo/seeds) into $BENCH_DIR and reused. Prints one line per run, then median/min/max,
# the load average before and after, and whether class data sharing was on.
#
#   bench/verify-wall.sh                 # launcher defaults (AppCDS on)
#   SENSIPRINT_CDS=0 bench/verify-wall.sh  # without the AppCDS archive, for comparison
#   RUNS=20 bench/verify-wall.sh
set -euo pipefail
runs="${RUNS:-10}"
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
verify() { "$cli" verify "$fp" --endpoint "$url" --seed 1 >/dev/null; }
# One run not counted: warms the page cache and, on the first run ever, creates the CDS archive.
verify
times=()
for i in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    if ! verify; then
        echo "verify-wall: run $i was not INTACT (exit $?)" >&2
        exit 1
    fi
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
    times+=("$ms")
    echo "run $i: ${ms} ms"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
if ((n % 2)); then
    median=${sorted[n / 2]}
else
    median=$(((sorted[n / 2 - 1] + sorted[n / 2]) / 2))
fi
cds="on"; [[ -n "${LAUNCHER:-}" ]] && cds="launcher $LAUNCHER"
[[ "${SENSIPRINT_CDS:-1}" == 0 ]] && cds="off"
echo "verify wall time over $n runs: median ${median} ms, min ${sorted[0]} ms, max ${sorted[n - 1]} ms" \
    "(AppCDS $cds; load average before $load_before, after $load_after; $(nproc) cores)"
