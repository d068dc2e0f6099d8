#!/usr/bin/env bash
# Starts the three-node local TLS cluster of cluster-configs/local-3node/ in the background: README's first command.
#
#   Scripts/cluster-up.sh            build (release), create certs/ if missing, start n1..n3, wait for a leader
#
# Nodes listen on 127.0.0.1: Zaqar v2 API on 8001-8003, Raft (mutual TLS) on 7001-7003. Data, logs and PID files
# go to data/ (data/nN/, data/nN.log, data/nN.pid); certificates to certs/. Both are git-ignored. A node whose PID
# file names a live `flotilla serve` of that config is left running, so the script is safe to rerun (it restarts
# only the nodes that are down). Scripts/cluster-down.sh stops exactly these processes.
#
# Environment: LEADER_TIMEOUT=30 (seconds to wait for a leader).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
source Scripts/swift-toolchain.sh
source Scripts/local-cluster.sh

echo "building flotilla (release)..."
swift build -c release --product flotilla >/dev/null 2>&1 || swift build -c release --product flotilla
BIN="$(swift build -c release --show-bin-path 2>/dev/null)/flotilla"

if [ ! -f certs/ca.pem ]; then
    "$BIN" certs init --out certs --nodes n1,n2,n3 --host 127.0.0.1,localhost >/dev/null
    echo "created certs/ (cluster CA and node certificates n1..n3)"
fi
mkdir -p data

# running N: true if data/nN.pid names a live process serving cluster-configs/local-3node/nN.yaml.
running() {
    local pidfile="data/n$1.pid" pid
    [ -f "$pidfile" ] || return 1
    pid="$(cat "$pidfile")"
    [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "local-3node/n$1.yaml"
}

for n in 1 2 3; do
    if running "$n"; then
        echo "n$n already running (pid $(cat "data/n$n.pid"))"
        continue
    fi
    nohup "$BIN" serve --config "$ROOT/cluster-configs/local-3node/n$n.yaml" >>"data/n$n.log" 2>&1 &
    echo $! >"data/n$n.pid"
    echo "started n$n (pid $!, log data/n$n.log)"
done

# Wait until some node reports itself leader in its status document.
deadline=$((SECONDS + ${LEADER_TIMEOUT:-30}))
leader=""
while [ -z "$leader" ]; do
    n=$(local_leader)
    [ -n "$n" ] && leader="n$n"
    if [ -z "$leader" ]; then
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "no leader after ${LEADER_TIMEOUT:-30} s; see data/n1.log, data/n2.log, data/n3.log" >&2
            exit 1
        fi
        for n in 1 2 3; do
            running "$n" || { echo "n$n exited; its log (data/n$n.log) ends with:" >&2; tail -5 "data/n$n.log" >&2; exit 1; }
        done
        sleep 0.2
    fi
done

cat <<EOF

Flotilla is running: three nodes, leader $leader. Any node serves the Zaqar v2 API (followers forward writes):
  n1  http://127.0.0.1:8001
  n2  http://127.0.0.1:8002
  n3  http://127.0.0.1:8003

Try it:
  curl -i -X PUT http://127.0.0.1:8001/v2/queues/demo -H "Client-ID: 3381af92-2b9e-11e3-b191-71861300734c" -H "X-Project-ID: demo"
  curl -i -X POST http://127.0.0.1:8002/v2/queues/demo/messages -H "Client-ID: 3381af92-2b9e-11e3-b191-71861300734c" -H "X-Project-ID: demo" \\
       -H "Content-Type: application/json" -d '{"messages":[{"ttl":300,"body":{"hello":"world"}}]}'
  $BIN cluster status
  $BIN message post demo '{"hello":"again"}' --project demo

Stop it with Scripts/cluster-down.sh.
EOF
