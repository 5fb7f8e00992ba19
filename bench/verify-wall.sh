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
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${LAUNCHER:-$root/sensiprint}"
runs="${RUNS:-10}"
work="${BENCH_DIR:-$root/bench/work}"
shared="${SENSIPRINT_SHARED:-}"
if [[ -z "$shared" ]]; then
    for d in "$root/../shared" "$root/../../shared"; do
        [[ -d "$d/models" ]] && shared="$(cd "$d" && pwd)" && break
    done
fi
model="${MODEL:-$shared/models/mnist_mlp_clean.pt}"
if [[ ! -f "$model" ]]; then
    echo "verify-wall: no model at '$model' (set SENSIPRINT_SHARED or MODEL)" >&2
    exit 2
fi
if [[ ! -f "$root/cli/target/sensiprint.jar" ]]; then
    echo "verify-wall: not built; run: mvn -B -q package -DskipTests" >&2
    exit 2
fi
mkdir -p "$work"
fp="$work/mnist_mlp_clean-10.sfp"
if [[ ! -f "$fp" ]]; then
    echo "generating $fp once (about a minute)..." >&2
    "$cli" generate --model "$model" --input-shape 1,28,28 --seeds "$root/demo/seeds" \
        --count 10 --out "$fp.tmp" --quiet --force >/dev/null
    mv "$fp.tmp" "$fp"
fi

log="$work/serve.log"
"$cli" serve --model "$model" --input-shape 1,28,28 --port 0 >"$log" 2>&1 &
server=$!
# The server must not outlive the benchmark: SIGTERM, then SIGKILL if it has not gone in 10 s.
stop_server() {
    kill "$server" 2>/dev/null || return 0
    for _ in $(seq 1 100); do
        kill -0 "$server" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$server" 2>/dev/null || true
}
trap stop_server EXIT
url=""
for _ in $(seq 1 600); do
    url="$(sed -n 's|^serving .* at \(http://[^/]*\)/v2/models/.*|\1|p' "$log" | head -1)"
    [[ -n "$url" ]] && break
    if ! kill -0 "$server" 2>/dev/null; then
        echo "verify-wall: the server did not start:" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep 0.1
done
[[ -n "$url" ]] || { echo "verify-wall: the server did not start in 60 s" >&2; exit 1; }

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
