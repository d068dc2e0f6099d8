#!/usr/bin/env bash
# Stops the nodes Scripts/cluster-up.sh started, and only those: each data/nN.pid whose process is still a
# `flotilla serve` of cluster-configs/local-3node/nN.yaml gets SIGTERM (graceful: in-flight requests finish, a
# leader hands over), then SIGKILL if it has not exited after 15 s. Data and certificates are kept; delete data/
# for a fresh cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

for n in 1 2 3; do
    pidfile="data/n$n.pid"
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "local-3node/n$n.yaml"; then
        kill -TERM "$pid"
        for _ in $(seq 150); do
            [ -e "/proc/$pid" ] || break
            sleep 0.1
        done
        if [ -e "/proc/$pid" ]; then
            kill -KILL "$pid"
            echo "n$n (pid $pid) did not stop within 15 s; killed"
        else
            echo "stopped n$n (pid $pid)"
        fi
    fi
    rm -f "$pidfile"
done
