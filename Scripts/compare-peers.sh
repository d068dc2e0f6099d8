#!/usr/bin/env bash
# Flotilla's 3-node cluster next to the peers (NATS JetStream R3, RabbitMQ quorum queues, etcd, Zaqar + Redis),
# measured in one session on this machine, one system at a time, so the comparison is a ratio from one run.
#
#   Scripts/compare-peers.sh                     everything (about 25 min with DURATION=5)
#   PEERS="rabbitmq etcd" Scripts/compare-peers.sh
#
# Flotilla is measured twice on a fresh local cluster (Scripts/cluster-up.sh with data in a scratch copy of the
# configs, so data/ is not touched):
#   * with the peers' own Zaqar load driver, ../shared/peers/bench_zaqar.py (Python asyncio + aiohttp, one
#     process, C coroutines sharing a keep-alive pool): POST 1 message x C in flight, claim 10 + DELETE each with
#     C workers, exactly what run-zaqar.sh runs against Zaqar — the like-for-like row;
#   * with `flotilla bench` (the Swift client router, HdrHistogram): post and claim-delete at the same C.
# Both send to the leader (the router does that by itself; bench_zaqar.py is given the leader's URL).
# Then each peer's script from ../shared/peers runs with the same DURATION, REPEATS, MSG_SIZE and CONCURRENCY.
#
# Environment: DURATION=5 REPEATS=3 CONCURRENCY="1 16 64" MSG_SIZE=1024 PEERS="nats rabbitmq etcd zaqar"
#              OUT=<mktemp -d>  (raw JSON lines and logs; the summary is printed at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PEERS_DIR="$ROOT/../shared/peers"
export DURATION="${DURATION:-5}" REPEATS="${REPEATS:-3}" CONCURRENCY="${CONCURRENCY:-1 16 64}" MSG_SIZE="${MSG_SIZE:-1024}"
PEERS="${PEERS:-nats rabbitmq etcd zaqar}"
OUT="${OUT:-$(mktemp -d /tmp/flotilla-compare.XXXXXX)}"
mkdir -p "$OUT"
source Scripts/swift-toolchain.sh
source Scripts/local-cluster.sh
echo "raw results in $OUT" >&2

# --- Flotilla: a fresh three-node cluster in a scratch directory -----------------------------------------------
swift build -c release --product flotilla >/dev/null 2>&1 || swift build -c release --product flotilla
BIN="$(swift build -c release --show-bin-path 2>/dev/null)/flotilla"
CLUSTER="$OUT/cluster"
mkdir -p "$CLUSTER/configs"
"$BIN" certs init --out "$CLUSTER/certs" --nodes n1,n2,n3 --host 127.0.0.1 >/dev/null
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done' EXIT
for n in 1 2 3; do
    sed -e "s|../../data/|$CLUSTER/data/|; s|../../certs/|$CLUSTER/certs/|" \
        "cluster-configs/local-3node/n$n.yaml" >"$CLUSTER/configs/n$n.yaml"
    "$BIN" serve --config "$CLUSTER/configs/n$n.yaml" >"$CLUSTER/n$n.log" 2>&1 &
    PIDS+=($!)
done
leader=""
for _ in $(seq 300); do
    leader=$(local_leader)
    [ -n "$leader" ] && break
    sleep 0.1
done
[ -n "$leader" ] || { echo "the cluster elected no leader; logs in $CLUSTER" >&2; exit 1; }
URL="http://127.0.0.1:800$leader"
echo "== flotilla: 3 nodes, leader n$leader ($URL)" >&2

# The peers' Python client environment (the same venv their scripts use).
source "$PEERS_DIR/lib/common.sh"
venv_install aiohttp uvloop
PY="$VENV/bin/python"
B="$PEERS_DIR/bench_zaqar.py"
{
    for r in $(seq "$REPEATS"); do
        for c in $CONCURRENCY; do
            "$PY" "$B" setup --url "$URL" --queue "post-$r-$c" | grep -v '^{' || true
            "$PY" "$B" post --url "$URL" --queue "post-$r-$c" --batch 1 --concurrency "$c" --duration "$DURATION" \
                --size "$MSG_SIZE"
        done
        for c in $CONCURRENCY; do
            "$PY" "$B" setup --url "$URL" --queue "claim-$r-$c" | grep -v '^{' || true
            "$PY" "$B" fill --url "$URL" --queue "claim-$r-$c" --count "${FILL_COUNT:-20000}" --size "$MSG_SIZE" \
                | grep -v '^{' || true
            "$PY" "$B" claim --url "$URL" --queue "claim-$r-$c" --limit 10 --concurrency "$c" --duration "$DURATION"
        done
    done
} | grep '^{' >"$OUT/flotilla-pyclient.jsonl"
for r in $(seq "$REPEATS"); do
    for c in $CONCURRENCY; do
        for workload in post claim-delete; do
            "$BIN" bench "$workload" --concurrency "$c" --duration "$DURATION" --size "$MSG_SIZE" --json --quiet \
                --endpoints "http://127.0.0.1:8001,http://127.0.0.1:8002,http://127.0.0.1:8003" \
                | python3 -c "import json,sys; d=json.load(sys.stdin); d['concurrency']=$c; print(json.dumps(d))" \
                >>"$OUT/flotilla-bench.jsonl"
        done
    done
done
for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
for p in "${PIDS[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; done
PIDS=()

# --- The peers, one at a time ----------------------------------------------------------------------------------
for peer in $PEERS; do
    echo "== $peer" >&2
    case "$peer" in
        nats) (cd "$PEERS_DIR" && ./run-nats.sh) >"$OUT/nats.log" 2>&1 || echo "nats failed (see $OUT/nats.log)" >&2 ;;
        rabbitmq) (cd "$PEERS_DIR" && ./run-rabbitmq.sh) >"$OUT/rabbitmq.log" 2>&1 || echo "rabbitmq failed" >&2 ;;
        etcd) (cd "$PEERS_DIR" && ./run-etcd.sh) >"$OUT/etcd.log" 2>&1 || echo "etcd failed" >&2 ;;
        zaqar) (cd "$PEERS_DIR" && ./run-zaqar.sh) >"$OUT/zaqar.log" 2>&1 || echo "zaqar failed" >&2 ;;
        *) echo "unknown peer $peer" >&2 ;;
    esac
    grep '^{' "$OUT/$peer.log" | grep '"case"' >"$OUT/$peer.jsonl" || true
done

python3 "$ROOT/Scripts/compare-peers-table.py" "$OUT"
