#!/usr/bin/env bash
# Steady state of `sensiprint watch`: CPU and memory over ROUNDS rounds (default 100) at a 1 s
# interval, all 10 samples per round, against a local `sensiprint serve` of mnist_mlp_clean.
#
# Builds nothing: run `mvn -B -q package -DskipTests` first. Reads the watcher's own Prometheus
# endpoint once a second (heap used, process CPU time, GC pauses) and its RSS from /proc, and
# prints one line every 10 rounds, then the CPU share and the heap/RSS change between round 10
# (after warm-up) and the last round.
#
#   bench/watch-steady.sh
#   ROUNDS=300 bench/watch-steady.sh
set -euo pipefail
rounds="${ROUNDS:-100}"
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

watch_out="$work/watch.out"
watch_err="$work/watch.err"
"$cli" watch "$fp" --endpoint "$url" --interval 1s --jitter 0 --rounds "$rounds" \
    --metrics-port 0 >"$watch_out" 2>"$watch_err" &
watcher=$!
metrics=""
for _ in $(seq 1 600); do
    metrics="$(sed -n 's|.*metrics at \(http://[^ ]*/metrics\).*|\1|p' "$watch_err" | head -1)"
    [[ -n "$metrics" ]] && break
    kill -0 "$watcher" 2>/dev/null || { cat "$watch_err" >&2; exit 1; }
    sleep 0.1
done
[[ -n "$metrics" ]] || { echo "watch-steady: no metrics endpoint in 60 s" >&2; exit 1; }

# One sample: rounds done, heap used MB, process CPU s, GC pause count, RSS MB, old generation
# used MB (heap used alone is a saw-tooth between young collections; a leak shows in the old one).
sample() {
    local rss
    rss="$(awk '/^VmRSS:/ {print $2 / 1024}' "/proc/$watcher/status" 2>/dev/null)" || return 1
    curl -fsS "$metrics" 2>/dev/null | awk -v rss="$rss" '
        /^sensiprint_watch_rounds_total/ {rounds += $NF}
        /^jvm_memory_used_bytes\{area="heap"/ {heap += $NF}
        /^process_cpu_time_ns_total/ {cpu = $NF / 1e9}
        /^jvm_gc_pause_seconds_count/ {gc += $NF}
        /^jvm_memory_used_bytes\{area="heap",id="(Tenured Gen|G1 Old Gen|PS Old Gen)"/ {live = $NF}
        END {printf "%d %.1f %.2f %d %.1f %.1f\n", rounds, heap / 1048576, cpu, gc, rss,
            live / 1048576}'
}
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
first="" last="" printed=-1
while kill -0 "$watcher" 2>/dev/null; do
    s="$(sample)" || break
    [[ -n "$s" ]] || break
    read -r r heap cpu gc rss live <<<"$s"
    if ((r >= 10)) && [[ -z "$first" ]]; then first="$s $(date +%s.%N)"; fi
    last="$s $(date +%s.%N)"
    if ((r % 10 == 0 && r != printed)); then
        printed=$r
        echo "round $r: heap used ${heap} MB (old generation ${live} MB), RSS ${rss} MB," \
            "CPU ${cpu} s, GC pauses ${gc}"
    fi
    sleep 1
done
wait "$watcher" || { code=$?; echo "watch-steady: watch ended with exit $code" >&2; exit 1; }
read -r r1 heap1 cpu1 _ rss1 live1 t1 <<<"$first"
read -r r2 heap2 cpu2 gc2 rss2 live2 t2 <<<"$last"
awk -v r1="$r1" -v r2="$r2" -v c1="$cpu1" -v c2="$cpu2" -v t1="$t1" -v t2="$t2" \
    -v h1="$heap1" -v h2="$heap2" -v s1="$rss1" -v s2="$rss2" -v gc="$gc2" \
    -v l1="$live1" -v l2="$live2" 'BEGIN {
    printf "rounds %d..%d over %.0f s: CPU %.2f s (%.1f %% of one core, %.0f ms per round);", \
        r1, r2, t2 - t1, c2 - c1, 100 * (c2 - c1) / (t2 - t1), 1000 * (c2 - c1) / (r2 - r1)
    printf " heap used %.1f -> %.1f MB, old generation %.1f -> %.1f MB; RSS %.1f -> %.1f MB;", \
        h1, h2, l1, l2, s1, s2
    printf " %d GC pauses in all\n", gc }'
echo "verdicts: $(awk '{for (i = 1; i <= NF; i++) if ($i ~ /^verdict=/) print substr($i, 9)}' \
    "$watch_out" | sort | uniq -c | tr -s ' \n' ' ')(load average before $load_before," \
    "after $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores)"
