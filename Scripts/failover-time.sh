#!/usr/bin/env bash
# Failover time of the local three-node cluster: leader SIGKILL -> first acknowledged write, repeated.
#
#   Scripts/failover-time.sh [ROUNDS]        default 10; the cluster must be up (Scripts/cluster-up.sh)
#
# Each round: find the leader from the nodes' status documents, SIGKILL it (by the PID cluster-up.sh recorded),
# then POST one message to the surviving nodes in turn, every 20 ms, until one answers 201 (followers forward to
# a new leader once there is one, so this is the time a client that retries quickly waits). The time is measured
# from just before the kill to the 201. Then Scripts/cluster-up.sh restarts the killed node, and the round ends
# when every node has applied the new leader's commit index. Prints each round and the median, min and max (ms).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-10}
CLIENT="3381af92-2b9e-11e3-b191-71861300734c"
source Scripts/local-cluster.sh

now_ms() { echo $(($(date +%s%N) / 1000000)); }

times=()
for round in $(seq "$ROUNDS"); do
    leader=""
    for _ in $(seq 100); do
        leader=$(local_leader)
        [ -n "$leader" ] && break
        sleep 0.1
    done
    [ -n "$leader" ] || { echo "no leader" >&2; exit 1; }
    start=$(now_ms)
    kill -KILL "$(cat "data/n$leader.pid")"
    acked=""
    while [ -z "$acked" ]; do
        for n in 1 2 3; do
            [ "$n" = "$leader" ] && continue
            status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST \
                "http://127.0.0.1:800$n/v2/queues/failover/messages" -H "Client-ID: $CLIENT" \
                -H "X-Project-ID: failover" -H "Content-Type: application/json" \
                -d '{"messages":[{"ttl":300,"body":"after failover"}]}' || true)
            if [ "$status" = "201" ]; then acked=$n; break; fi
        done
        [ -n "$acked" ] || sleep 0.02
    done
    elapsed=$(($(now_ms) - start))
    times+=("$elapsed")
    echo "round $round: killed leader n$leader, first write acknowledged via n$acked after $elapsed ms"
    restart=$(now_ms)
    Scripts/cluster-up.sh >/dev/null 2>&1
    target=$(status_field "$acked" commit)
    caught=0
    for _ in $(seq 600); do
        caught=1
        for n in 1 2 3; do [ "$(status_field "$n" applied)" -ge "$target" ] 2>/dev/null || caught=0; done
        [ "$caught" = 1 ] && break
        sleep 0.1
    done
    [ "$caught" = 1 ] || { echo "n$leader did not catch up within 60 s (see data/n$leader.log)" >&2; exit 1; }
    echo "         n$leader restarted and caught up to index $target in $(($(now_ms) - restart)) ms"
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(printf '%s\n' "$sorted" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "failover (leader SIGKILL -> first acknowledged write), $ROUNDS rounds: median $median ms, min $(echo "$sorted" | head -1) ms, max $(echo "$sorted" | tail -1) ms"
