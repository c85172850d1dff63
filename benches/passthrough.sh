#!/usr/bin/env bash
# Pass-through cost of Sentinelle, measured with Postfix's own tools (Debian package postfix):
#   smtp-source -> smtp-sink                  (direct)
#   smtp-source -> Sentinelle -> smtp-sink    (through the proxy, pass-through decision)
# same message size (10 KB and 1 MB), same concurrency (20 sessions), in one run.
# Throughput comes from smtp-source (wall time of N messages); per-message latency (p50/p99,
# connect to final reply) from benches/latency.py at the same concurrency and size.
#
# Usage: bash benches/passthrough.sh [messages_10k] [messages_1m]
# Needs: postfix (smtp-source, smtp-sink), python3. Everything runs on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

N10K=${1:-5000}
N1M=${2:-300}
SESSIONS=20

command -v smtp-source >/dev/null || { echo "install postfix (smtp-source, smtp-sink)"; exit 2; }
cargo build --release --locked -q
BIN=target/release/sentinelle

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(200):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close(); sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}

WORK=$(mktemp -d)
SINK_PORT=$(free_port)
PROXY_PORT=$(free_port)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# smtp-sink refuses to run as root without -u.
SINK_USER=()
[ "$(id -u)" = 0 ] && SINK_USER=(-u nobody)
smtp-sink "${SINK_USER[@]}" 127.0.0.1:"$SINK_PORT" 1024 &
pids+=($!)

cat > "$WORK/bench.toml" <<TOML
hostname = "sentinelle.bench"
[[listener]]
address = "127.0.0.1:$PROXY_PORT"
mode = "relay"
tls = "none"
[relay]
trusted_networks = ["127.0.0.0/8"]
upstream = { kind = "smtp", address = "127.0.0.1:$SINK_PORT" }
[limits]
max_sessions_per_client = 1000
[log]
level = "warn"
TOML
"$BIN" serve --config "$WORK/bench.toml" &
pids+=($!)
wait_port "$SINK_PORT"
wait_port "$PROXY_PORT"

rate() { # port size count -> messages/s from smtp-source's wall time
  local start end
  start=$(date +%s.%N)
  smtp-source -s "$SESSIONS" -l "$2" -m "$3" -f bench@ssss.gouv.qc.ca -t sink@ssss.gouv.qc.ca 127.0.0.1:"$1"
  end=$(date +%s.%N)
  python3 -c "print(f'{$3/($end-$start):.1f}')"
}
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

ROUNDS=${ROUNDS:-3}
echo "smtp-source: $SESSIONS sessions, median of $ROUNDS alternating rounds; probe: latency.py, same size and concurrency"
printf '%-6s %-10s %12s %10s %9s %9s\n' size path smtp-source/s probe/s p50_ms p99_ms
for spec in "10240 $N10K" "1048576 $N1M"; do
  set -- $spec
  size=$1 count=$2
  label=$([ "$size" = 10240 ] && echo 10KB || echo 1MB)
  # Warm-up pass per path so connection caches and the page cache are alike.
  smtp-source -s "$SESSIONS" -l "$size" -m 50 127.0.0.1:"$SINK_PORT"
  smtp-source -s "$SESSIONS" -l "$size" -m 50 127.0.0.1:"$PROXY_PORT"
  d=() p=()
  for _ in $(seq "$ROUNDS"); do
    d+=("$(rate "$SINK_PORT" "$size" "$count")")
    p+=("$(rate "$PROXY_PORT" "$size" "$count")")
  done
  direct=$(median "${d[@]}")
  proxied=$(median "${p[@]}")
  read -r _ _ dprobe dp50 dp99 < <(python3 benches/latency.py --port "$SINK_PORT" --size "$size" --count "$count" --concurrency "$SESSIONS")
  read -r _ _ pprobe pp50 pp99 < <(python3 benches/latency.py --port "$PROXY_PORT" --size "$size" --count "$count" --concurrency "$SESSIONS")
  printf '%-6s %-10s %12s %10s %9s %9s   rounds: %s\n' "$label" direct "$direct" "$dprobe" "$dp50" "$dp99" "${d[*]}"
  printf '%-6s %-10s %12s %10s %9s %9s   rounds: %s\n' "$label" sentinelle "$proxied" "$pprobe" "$pp50" "$pp99" "${p[*]}"
  python3 -c "print(f'{\"$label\":6} ratio      {$proxied/$direct:12.2f} {$pprobe/$dprobe:10.2f}   (Sentinelle / direct; goal >= 0.8)')"
done
