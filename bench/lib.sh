# Shared set-up of the wall-clock benchmarks (sourced, not run): finds ../shared, checks the build,
# generates the mnist_mlp_clean fingerprint once into $work, and starts a local `sensiprint serve`
# that is stopped when the benchmark exits. Sets: root, cli, work, model, fp, url.
# shellcheck shell=bash
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${LAUNCHER:-$root/sensiprint}"
work="${BENCH_DIR:-$root/bench/work}"
bench_name="$(basename "$0" .sh)"
shared="${SENSIPRINT_SHARED:-}"
if [[ -z "$shared" ]]; then
    for d in "$root/../shared" "$root/../../shared"; do
        [[ -d "$d/models" ]] && shared="$(cd "$d" && pwd)" && break
    done
fi
model="${MODEL:-$shared/models/mnist_mlp_clean.pt}"
if [[ ! -f "$model" ]]; then
    echo "$bench_name: no model at '$model' (set SENSIPRINT_SHARED or MODEL)" >&2
    exit 2
fi
if [[ ! -f "$root/cli/target/sensiprint.jar" ]]; then
    echo "$bench_name: not built; run: mvn -B -q package -DskipTests" >&2
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

serve_log="$work/serve.log"
"$cli" serve --model "$model" --input-shape 1,28,28 --port 0 >"$serve_log" 2>&1 &
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
    url="$(sed -n 's|^serving .* at \(http://[^/]*\)/v2/models/.*|\1|p' "$serve_log" | head -1)"
    [[ -n "$url" ]] && break
    if ! kill -0 "$server" 2>/dev/null; then
        echo "$bench_name: the server did not start:" >&2
        cat "$serve_log" >&2
        exit 1
    fi
    sleep 0.1
done
[[ -n "$url" ]] || { echo "$bench_name: the server did not start in 60 s" >&2; exit 1; }
