#!/usr/bin/env python3
"""Pre-fill a Zaqar v2 queue (Flotilla or the reference) with N messages, for the claim+delete benchmark.

Posts --count messages in batches of --batch (default 50) with --concurrency keep-alive connections
(default 4). Each message is {"ttl": 3600, "body": "<1024 x>"} (a 1 KiB JSON string). The queue is
created first (PUT). Failed batches are retried (up to --retries times each), so the queue ends up with
exactly --count messages unless a batch fails every time (then the exit code is 1).

Prints one JSON line: {"prefill": queue, "posted": N, "seconds": S, "msgs_per_s": R, "failed_batches": F,
"retried": T, "status": {...}}.

    python3 Scripts/wrk/prefill.py --url http://127.0.0.1:8888 --queue q1 --count 30000
    python3 Scripts/wrk/prefill.py --url http://127.0.0.1:8888 --queue q1 --stats     # print queue stats only
    python3 Scripts/wrk/prefill.py --url http://127.0.0.1:8888 --queue q1 --delete    # delete the queue only

Standard library only.
"""
import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse

CLIENT_ID = "5b1e3c0a9f2d4e6b8a7c1d2e3f4a5b6d"


class Conn:
    """One keep-alive HTTP/1.1 connection that reconnects when the server closes it (HTTP/1.0 servers)."""

    def __init__(self, url, timeout):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port or 80
        self.prefix = u.path.rstrip("/")
        self.timeout = timeout
        self.c = None

    def request(self, method, path, body=None, headers=None):
        for attempt in (0, 1):
            if self.c is None:
                self.c = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.c.request(method, self.prefix + path, body=body, headers=headers or {})
                r = self.c.getresponse()
                data = r.read()
                if r.will_close:
                    self.c.close()
                    self.c = None
                return r.status, data
            except (http.client.HTTPException, OSError):
                self.c.close()
                self.c = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")


def headers(project, json_body=True):
    h = {"Client-ID": CLIENT_ID, "X-Project-ID": project, "Accept": "application/json"}
    if json_body:
        h["Content-Type"] = "application/json"
    return h


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", required=True, help="server base URL, e.g. http://127.0.0.1:8888")
    p.add_argument("--queue", required=True)
    p.add_argument("--project", default="flotilla-bench")
    p.add_argument("--count", type=int, default=20000, help="messages to post (default 20000)")
    p.add_argument("--batch", type=int, default=50, help="messages per POST (default 50)")
    p.add_argument("--size", type=int, default=1024, help="body string length (default 1024)")
    p.add_argument("--ttl", type=int, default=3600)
    p.add_argument("--concurrency", type=int, default=4, help="parallel connections (default 4)")
    p.add_argument("--retries", type=int, default=5, help="attempts per failed batch (default 5)")
    p.add_argument("--timeout", type=float, default=60.0, help="socket timeout, seconds")
    p.add_argument("--progress", type=int, default=0, help="print progress every N messages (stderr)")
    p.add_argument("--stats", action="store_true", help="only print GET /v2/queues/{q}/stats as JSON")
    p.add_argument("--delete", action="store_true", help="only DELETE the queue (best effort)")
    a = p.parse_args()

    q = urllib.parse.quote(a.queue, safe="")
    if a.stats:
        st, data = Conn(a.url, a.timeout).request("GET", f"/v2/queues/{q}/stats", headers=headers(a.project, False))
        try:
            doc = json.loads(data) if data else None
        except ValueError:
            doc = data.decode(errors="replace")[:200]
        print(json.dumps({"stats": a.queue, "status": st, "body": doc}))
        return 0 if st == 200 else 1
    if a.delete:
        st, data = Conn(a.url, a.timeout).request("DELETE", f"/v2/queues/{q}", headers=headers(a.project, False))
        print(json.dumps({"delete": a.queue, "status": st}))
        return 0 if st == 204 else 1

    st, data = Conn(a.url, a.timeout).request("PUT", f"/v2/queues/{q}", body=b"{}", headers=headers(a.project))
    if st not in (201, 204):
        print(f"# create {a.queue}: {st} {data[:200]!r}", file=sys.stderr)

    body_cache = {}

    def body_for(n):
        if n not in body_cache:
            msg = {"ttl": a.ttl, "body": "x" * a.size}
            body_cache[n] = json.dumps({"messages": [msg] * n}).encode()
        return body_cache[n]

    lock = threading.Lock()
    state = {"next": 0, "posted": 0, "failed": 0, "retried": 0, "status": {}, "last_progress": 0}
    path = f"/v2/queues/{q}/messages"
    h = headers(a.project)

    def take():
        with lock:
            start = state["next"]
            if start >= a.count:
                return 0
            n = min(a.batch, a.count - start)
            state["next"] = start + n
            return n

    def worker():
        c = Conn(a.url, a.timeout)
        while True:
            n = take()
            if n == 0:
                return
            ok = False
            for attempt in range(a.retries):
                try:
                    st, data = c.request("POST", path, body=body_for(n), headers=h)
                except (http.client.HTTPException, OSError) as e:
                    st, data = f"exc:{type(e).__name__}", str(e).encode()
                with lock:
                    state["status"][str(st)] = state["status"].get(str(st), 0) + 1
                    if attempt > 0:
                        state["retried"] += 1
                if st == 201:
                    ok = True
                    break
                if state["status"][str(st)] <= 3:
                    print(f"# post {a.queue}: {st} {data[:200]!r}", file=sys.stderr)
                time.sleep(0.2 * (attempt + 1))
            with lock:
                if ok:
                    state["posted"] += n
                    if a.progress and state["posted"] - state["last_progress"] >= a.progress:
                        state["last_progress"] = state["posted"]
                        print(f"# {state['posted']} posted", file=sys.stderr, flush=True)
                else:
                    state["failed"] += 1

    t0 = time.perf_counter()
    ts = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, a.concurrency))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    dt = time.perf_counter() - t0
    print(json.dumps({"prefill": a.queue, "posted": state["posted"], "seconds": round(dt, 3),
                      "msgs_per_s": round(state["posted"] / dt, 1) if dt > 0 else None,
                      "failed_batches": state["failed"], "retried": state["retried"], "status": state["status"]}))
    return 0 if state["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
