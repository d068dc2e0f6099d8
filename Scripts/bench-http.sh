#!/usr/bin/env bash
# HTTP load measurement for a Zaqar v2 compatible server (Flotilla or the reference Zaqar), with wrk.
#
#   Scripts/bench-http.sh [--json] URL          e.g. Scripts/bench-http.sh http://127.0.0.1:8888
#
# Two benchmarks, each repeated REPEATS times on a fresh queue per run, each run preceded by a WARMUP-second
# wrk run on the same queue (not counted):
#   post          wrk -s Scripts/wrk/post.lua: POST /v2/queues/Q/messages, one 1 KiB message per request.
#                 Rate = requests/s (= messages/s).
#   claim-delete  the queue is pre-filled (Scripts/wrk/prefill.py, batches of 50), then
#                 wrk -s Scripts/wrk/claim-delete.lua: POST .../claims?limit=10 {"ttl":60,"grace":60}, then DELETE
#                 each claimed message's href (?claim_id=...), one request at a time per connection.
#                 Rate = deleted messages/s. Latencies mix claim and delete requests.
# Default load: wrk -t2 -c64 -d10s --latency (64 keep-alive connections, closed loop).
#
# Output: per run one human-readable line (rate, p50, p99, non-2xx, socket errors); with --json also one JSON line
# per run ({"bench": ...}); at the end a summary (median, min–max over the runs, median p50/p99, summed errors) as
# Markdown table rows for Docs/PERFORMANCE.md. Raw wrk output and all JSON lines are kept in OUT_DIR.
#
# Environment knobs (defaults):
#   THREADS=2 CONNECTIONS=64 DURATION=10 (s) REPEATS=3 WARMUP=1 (s, 0 = none) TIMEOUT=10s (wrk --timeout)
#   CD_THREADS=$THREADS        wrk threads for claim-delete (CD_THREADS=$CONNECTIONS gives one connection per
#                              wrk thread, i.e. an exact per-connection claim -> deletes cycle)
#   BENCHES="post claim-delete"   which benchmarks to run
#   PROJECT=flotilla-bench MSG_SIZE=1024 CLAIM_LIMIT=10
#   PREFILL=auto               messages to pre-fill per claim-delete run; auto = max(PREFILL_MIN,
#                              3 x (DURATION+WARMUP) x the post rate of the same repeat, 1.5 x (DURATION+WARMUP) x
#                              the best claim-delete rate of the earlier repeats); a run that still drains its
#                              queue (empty claims) is redone once, on a new queue, with 3x the pre-fill
#   PREFILL_MIN=20000 PREFILL_BATCH=50 PREFILL_CONCURRENCY=4
#   CLEANUP=1                  delete each run's queue afterwards (best effort)
#   OUT_DIR=<mktemp>           where raw outputs go
#   LABEL=                     free text put into every JSON line (e.g. "zaqar-wsgiref", "flotilla-single")
set -euo pipefail

JSON=${JSON:-0}
URL=""
for arg in "$@"; do
  case "$arg" in
    --json) JSON=1 ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) URL="$arg" ;;
  esac
done
[ -n "$URL" ] || { echo "usage: $0 [--json] URL" >&2; exit 2; }
URL="${URL%/}"

HERE="$(cd "$(dirname "$0")" && pwd)"
POST_LUA="$HERE/wrk/post.lua"
CD_LUA="$HERE/wrk/claim-delete.lua"
PREFILL_PY="$HERE/wrk/prefill.py"

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10}
REPEATS=${REPEATS:-3}
WARMUP=${WARMUP:-1}
TIMEOUT=${TIMEOUT:-10s}
CD_THREADS=${CD_THREADS:-$THREADS}
BENCHES=${BENCHES:-post claim-delete}
PROJECT=${PROJECT:-flotilla-bench}
MSG_SIZE=${MSG_SIZE:-1024}
CLAIM_LIMIT=${CLAIM_LIMIT:-10}
PREFILL=${PREFILL:-auto}
PREFILL_MIN=${PREFILL_MIN:-20000}
PREFILL_BATCH=${PREFILL_BATCH:-50}
PREFILL_CONCURRENCY=${PREFILL_CONCURRENCY:-4}
CLEANUP=${CLEANUP:-1}
LABEL=${LABEL:-}
OUT_DIR=${OUT_DIR:-$(mktemp -d /tmp/bench-http.XXXXXX)}
mkdir -p "$OUT_DIR"
RESULTS="$OUT_DIR/results.jsonl"
: >"$RESULTS"
export PROJECT MSG_SIZE CLAIM_LIMIT

command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 1; }

RUN_ID="b$(date +%H%M%S)-$$"
loadavg() { cut -d' ' -f1 /proc/loadavg; }
# Box-wide TcpExt ListenOverflows (accept queue full: SYNs/ACKs dropped, the client retries after 1 s, 3 s, ...).
# A server with a short listen backlog (the reference's wsgiref: 5) under 64 connections shows it as stalls, not
# as wrk errors; the per-run delta goes into the JSON line (other processes on the box can add to it).
listen_overflows() {
  awk '/^TcpExt:/ { if (!h) { for (i = 1; i <= NF; i++) n[i] = $i; h = 1 } else for (i = 1; i <= NF; i++)
    if (n[i] == "ListenOverflows") print $i }' /proc/net/netstat 2>/dev/null || echo 0
}

echo "# bench-http $(date -u +%Y-%m-%dT%H:%M:%SZ) url=$URL label=${LABEL:-none}"
echo "# wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency --timeout $TIMEOUT (claim-delete: -t$CD_THREADS)," \
  "warm-up ${WARMUP}s, repeats $REPEATS, body ${MSG_SIZE} B, claim limit $CLAIM_LIMIT, project $PROJECT"
echo "# raw output: $OUT_DIR   load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

# run_wrk NAME THREADS SCRIPT QUEUE SECONDS -> raw output in $OUT_DIR/NAME.txt, WRKSTATS JSON on stdout
run_wrk() {
  local name=$1 threads=$2 script=$3 queue=$4 secs=$5 out
  out="$OUT_DIR/$name.txt"
  QUEUE="$queue" wrk -t"$threads" -c"$CONNECTIONS" -d"${secs}s" --latency --timeout "$TIMEOUT" \
    -s "$script" "$URL" -- "$queue" >"$out" 2>&1 || { echo "wrk failed, see $out" >&2; tail -5 "$out" >&2; return 1; }
  grep '^WRKSTATS ' "$out" | tail -1 | cut -d' ' -f2-
}

# emit BENCH RUN QUEUE WRKSTATS_JSON EXTRA_JSON -> human line + JSON line (to $RESULTS, and stdout with --json)
emit() {
  local line
  line=$(python3 - "$1" "$2" "$3" "$4" "$5" "$URL" "$LABEL" "$THREADS" "$CD_THREADS" "$CONNECTIONS" "$DURATION" \
    "$(loadavg)" <<'PY'
import json, sys
bench, run, queue, stats, extra, url, label, t, cdt, c, d, load = sys.argv[1:]
s = json.loads(stats)
x = json.loads(extra) if extra else {}
secs = s["duration_us"] / 1e6
e = s["socket_errors"]
out = {"bench": bench, "run": int(run), "url": url, "label": label, "queue": queue,
       "threads": int(cdt if bench == "claim-delete" else t), "connections": int(c), "duration_s": round(secs, 3),
       "rate": round((s["deleted"] if bench == "claim-delete" else s["responses"]) / secs, 1),
       "unit": "msgs/s" if bench == "claim-delete" else "req/s",
       "requests": s["requests"], "requests_per_s": round(s["requests"] / secs, 1),
       "p50_ms": s["latency_us"]["p50"] / 1000, "p90_ms": s["latency_us"]["p90"] / 1000,
       "p99_ms": s["latency_us"]["p99"] / 1000, "max_ms": s["latency_us"]["max"] / 1000,
       "non2xx": s["non2xx"], "status": s["status"],
       "socket_errors": e["connect"] + e["read"] + e["write"], "timeouts": e["timeout"],
       "socket_errors_detail": e, "loadavg_end": float(load)}
for k in ("deleted", "claims_ok", "empty_claims", "claimed", "claim_errors", "delete_errors"):
    if k in s:
        out[k] = s[k]
out.update(x)
print(json.dumps(out))
PY
  )
  echo "$line" >>"$RESULTS"
  python3 - "$line" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
extra = ""
if r["bench"] == "claim-delete":
    extra = f"  (requests {r['requests_per_s']:.0f}/s, claims {r['claims_ok']}, empty claims {r['empty_claims']}, prefill {r.get('prefill')})"
if r.get("listen_overflows"):
    extra += f"  [listen overflows {r['listen_overflows']}]"
print(f"{r['bench']:<12} run {r['run']}: {r['rate']:>9.1f} {r['unit']:<6}  p50 {r['p50_ms']:8.2f} ms  p99 {r['p99_ms']:8.2f} ms"
      f"  non-2xx {r['non2xx']}  socket errors {r['socket_errors']}  timeouts {r['timeouts']}{extra}")
PY
  if [ "$JSON" = 1 ]; then echo "$line"; fi
}

cleanup_queue() {
  [ "$CLEANUP" = 1 ] || return 0
  python3 "$PREFILL_PY" --url "$URL" --queue "$1" --project "$PROJECT" --delete >/dev/null 2>&1 || true
}

post_rate=""
cd_rate=""
for r in $(seq 1 "$REPEATS"); do
  for b in $BENCHES; do
    case "$b" in
      post)
        q="$RUN_ID-post-$r"
        [ "$WARMUP" = 0 ] || run_wrk "post-$r-warmup" "$THREADS" "$POST_LUA" "$q" "$WARMUP" >/dev/null
        lo=$(listen_overflows)
        s=$(run_wrk "post-$r" "$THREADS" "$POST_LUA" "$q" "$DURATION")
        emit post "$r" "$q" "$s" "{\"listen_overflows\": $(($(listen_overflows) - lo))}"
        post_rate=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(int(s["responses"]/(s["duration_us"]/1e6)))' "$s")
        cleanup_queue "$q"
        ;;
      claim-delete)
        if [ "$PREFILL" = auto ]; then
          n=$(python3 -c 'import sys; m,r,c,d,w=map(float,sys.argv[1:]); print(int(max(m, 3*(d+w)*r, 1.5*(d+w)*c)))' \
            "$PREFILL_MIN" "${post_rate:-0}" "${cd_rate:-0}" "$DURATION" "$WARMUP")
        else
          n=$PREFILL
        fi
        for attempt in 1 2; do
          q="$RUN_ID-claim-$r"
          [ "$attempt" = 1 ] || q="$RUN_ID-claim-$r-retry"
          pf=$(python3 "$PREFILL_PY" --url "$URL" --queue "$q" --project "$PROJECT" --count "$n" \
            --batch "$PREFILL_BATCH" --size "$MSG_SIZE" --concurrency "$PREFILL_CONCURRENCY" 2>"$OUT_DIR/prefill-$r.err") \
            || { echo "prefill failed: $pf $(head -3 "$OUT_DIR/prefill-$r.err")" >&2; exit 1; }
          echo "$pf" >"$OUT_DIR/prefill-$r-$attempt.json"
          pf_rate=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["msgs_per_s"])' "$pf")
          [ "$WARMUP" = 0 ] || run_wrk "claim-$r-warmup" "$CD_THREADS" "$CD_LUA" "$q" "$WARMUP" >/dev/null
          lo=$(listen_overflows)
          s=$(run_wrk "claim-$r-$attempt" "$CD_THREADS" "$CD_LUA" "$q" "$DURATION")
          lo=$(($(listen_overflows) - lo))
          empty=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["empty_claims"])' "$s")
          remaining=$(python3 "$PREFILL_PY" --url "$URL" --queue "$q" --project "$PROJECT" --stats 2>/dev/null |
            python3 -c 'import json,sys; print(json.load(sys.stdin)["body"]["messages"]["total"])' 2>/dev/null || echo null)
          cleanup_queue "$q"
          if [ "$empty" != 0 ] && [ "$PREFILL" = auto ] && [ "$attempt" = 1 ]; then
            echo "# claim-delete run $r drained its queue ($empty empty claims, prefill $n): redoing with $((n * 3))"
            n=$((n * 3))
            continue
          fi
          cd_rate=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(max(float(sys.argv[2] or 0), s["deleted"]/(s["duration_us"]/1e6)))' "$s" "${cd_rate:-0}")
          emit claim-delete "$r" "$q" "$s" \
            "{\"prefill\": $n, \"prefill_msgs_per_s\": $pf_rate, \"remaining_after\": $remaining, \"listen_overflows\": $lo}"
          [ "$empty" = 0 ] || echo "# WARNING: claim-delete run $r drained its queue ($empty empty claims); rate is too low"
          break
        done
        ;;
      *) echo "unknown benchmark $b" >&2; exit 2 ;;
    esac
  done
done

echo "# summary over $REPEATS runs (median, min–max; p50/p99 = median of the runs' wrk --latency percentiles;" \
  "errors summed), load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RESULTS" "$JSON" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
as_json = sys.argv[2] == "1"
def fmt(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}" if x >= 10 else f"{x:.2f}"
print("| benchmark | median | min – max (n) | p50 ms | p99 ms | non-2xx per run | socket errors / timeouts / listen overflows |")
print("|---|---|---|---|---|---|---|")
summaries = []
for bench in ("post", "claim-delete"):
    rs = [r for r in rows if r["bench"] == bench]
    if not rs:
        continue
    rates = [r["rate"] for r in rs]
    summ = {"summary": bench, "unit": rs[0]["unit"], "median": statistics.median(rates), "min": min(rates),
            "max": max(rates), "n": len(rs), "p50_ms": statistics.median(r["p50_ms"] for r in rs),
            "p99_ms": statistics.median(r["p99_ms"] for r in rs),
            "p50_ms_range": [min(r["p50_ms"] for r in rs), max(r["p50_ms"] for r in rs)],
            "p99_ms_range": [min(r["p99_ms"] for r in rs), max(r["p99_ms"] for r in rs)],
            "non2xx": sum(r["non2xx"] for r in rs), "non2xx_per_run": [r["non2xx"] for r in rs],
            "socket_errors": sum(r["socket_errors"] for r in rs), "timeouts": sum(r["timeouts"] for r in rs),
            "listen_overflows": sum(r.get("listen_overflows", 0) for r in rs),
            "url": rs[0]["url"], "label": rs[0]["label"], "threads": rs[0]["threads"],
            "connections": rs[0]["connections"]}
    what = ("POST 1 msg (1 KiB), req/s" if bench == "post" else
            "claim 10 + DELETE each, msgs/s")
    print(f"| {what}, {summ['connections']} conns | **{fmt(summ['median'])}** | {fmt(summ['min'])} – "
          f"{fmt(summ['max'])} ({summ['n']}) | {fmt(summ['p50_ms'])} | {fmt(summ['p99_ms'])} | "
          f"{'/'.join(str(x) for x in summ['non2xx_per_run'])} | {summ['socket_errors']} / {summ['timeouts']} / "
          f"{summ['listen_overflows']} |")
    summaries.append(summ)
if as_json:
    for summ in summaries:
        print(json.dumps(summ))
PY
echo "# JSON lines: $RESULTS"
