#!/usr/bin/env python3
"""Summarises a Scripts/compare-peers.sh run directory as Markdown rows for Docs/PERFORMANCE.md.

Reads OUT/*.jsonl: the peers' own JSON lines (bench_*.py: "case", msgs_per_s or puts_per_s, p50_ms, p99_ms) and
flotilla-bench.jsonl (`flotilla bench --json`). Prints, per system and case, the median throughput with the
min-max over the repeats and the median p50 / p99 latency.

    python3 Scripts/compare-peers-table.py OUT
"""
import json
import os
import statistics
import sys
from collections import OrderedDict

SYSTEMS = OrderedDict([
    ("flotilla-pyclient", "Flotilla, 3 nodes (fsync on quorum), peers' bench_zaqar.py client"),
    ("flotilla-bench", "Flotilla, 3 nodes (fsync on quorum), flotilla bench (Swift client router)"),
    ("nats", "NATS JetStream R3 (page cache on quorum, fsync every 60 s)"),
    ("rabbitmq", "RabbitMQ quorum queue, 3 nodes (fsync on quorum)"),
    ("etcd", "etcd, 3 members (fsync on quorum)"),
    ("zaqar", "Zaqar 15 + Redis, 1 node, gunicorn x4 (AOF everysec, no replica)"),
])


def fmt(x):
    if x is None:
        return "-"
    return f"{x:,.0f}" if abs(x) >= 100 else (f"{x:.1f}" if abs(x) >= 10 else f"{x:.2f}")


def rows_from_peer_line(d):
    """-> (case, throughput, p50, p99) from a bench_*.py JSON line."""
    rate = d.get("msgs_per_s", d.get("puts_per_s"))
    p50 = d.get("p50_ms", d.get("claim_p50_ms"))
    p99 = d.get("p99_ms", d.get("claim_p99_ms"))
    return d["case"], rate, p50, p99


def rows_from_bench_line(d):
    """-> (case, throughput, p50, p99) from a `flotilla bench --json` document."""
    c = d.get("concurrency") or d["load"].get("concurrency")
    ops = d["operations"]
    if d["workload"] == "post":
        lat = ops["post"]["latency_ms"]
        return f"post-b1-c{c}", ops["post"]["messages_per_second"], lat["p50"], lat["p99"]
    lat = ops["claim"]["latency_ms"]
    deleted = ops.get("delete", {}).get("messages_per_second", 0.0)
    return f"claim{d['claim_limit']}+delete-c{c}", deleted, lat["p50"], lat["p99"]


def main(out):
    print("| system | case | median msgs/s (min-max, n) | p50 / p99 ms |")
    print("|---|---|---|---|")
    for name, label in SYSTEMS.items():
        path = os.path.join(out, name + ".jsonl")
        if not os.path.exists(path):
            continue
        cases = OrderedDict()
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                d = json.loads(line)
                if name == "flotilla-bench":
                    case, rate, p50, p99 = rows_from_bench_line(d)
                elif "case" in d:
                    case, rate, p50, p99 = rows_from_peer_line(d)
                else:
                    continue
                cases.setdefault(case, []).append((rate, p50, p99))
        for case, runs in cases.items():
            rates = [r[0] for r in runs if r[0] is not None]
            p50s = [r[1] for r in runs if r[1] is not None]
            p99s = [r[2] for r in runs if r[2] is not None]
            spread = f"{fmt(min(rates))}-{fmt(max(rates))}, {len(rates)}" if rates else "-"
            lat = f"{fmt(statistics.median(p50s))} / {fmt(statistics.median(p99s))}" if p50s and p99s else "-"
            rate = fmt(statistics.median(rates)) if rates else "-"
            print(f"| {label} | {case} | **{rate}** ({spread}) | {lat} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
