-- wrk script: claim + delete load against a Zaqar v2 compatible server (Flotilla or the reference).
--
-- The worker pattern of a Zaqar consumer:
--   POST /v2/queues/<queue>/claims?limit=<n>   {"ttl": 60, "grace": 60}
--     201 -> {"messages": [{..., "href": "/v2/queues/<q>/messages/<id>?claim_id=<cid>"}, ...]}
--     204 -> nothing to claim (the queue is empty): claim again
--   DELETE <href>   (the href carries ?claim_id=<cid>)   -> 204
-- Every connection has exactly one request in flight (wrk sends the next request on a connection only after
-- that connection's response). wrk gives a Lua state per *thread*, not per connection, so the state machine
-- is per thread: claimed hrefs go into the thread's FIFO; a connection that becomes free sends a DELETE for the
-- next href in the FIFO, or a new claim when the FIFO is empty. So each claim of 10 is followed by its 10
-- DELETEs (spread over the thread's free connections); with one connection per thread (-t N -c N) this is
-- exactly "claim, then delete each claimed message, one by one" per connection.
--
-- wrk does not tell response() which request it answers. A 201 is always a claim. A 204 is counted as a
-- successful DELETE while the thread has a DELETE in flight, otherwise as an empty claim: exact as long as the
-- queue never runs dry (then claims never answer 204). "empty_claims" > 0 means the queue ran dry and the run
-- should be repeated with a larger pre-fill (Scripts/wrk/prefill.py).
--
-- Configuration (wrk script arguments after `--` win over environment variables):
--   queue   : args[1] or $QUEUE        (default "bench-claim")
--   project : args[2] or $PROJECT      (default "flotilla-bench")
--   limit   : args[3] or $CLAIM_LIMIT  (default 10)
--   $CLAIM_TTL (default 60), $CLAIM_GRACE (default 60)
--
-- Usage:
--   python3 Scripts/wrk/prefill.py --url http://127.0.0.1:8888 --queue q1 --count 30000
--   wrk -t2 -c64 -d10s --latency -s Scripts/wrk/claim-delete.lua http://127.0.0.1:8888 -- q1
--
-- done() prints one machine-readable line:
--   WRKSTATS {"script":"claim-delete","deleted":N,"deleted_per_s":X,"non2xx":N,...}
-- wrk's own latency figures mix claim and delete requests.

local CLIENT_ID = "5b1e3c0a9f2d4e6b8a7c1d2e3f4a5b6c"

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local function setting(args, i, env, default)
   if args ~= nil and args[i] ~= nil and args[i] ~= "" then
      return args[i]
   end
   local v = os.getenv(env)
   if v ~= nil and v ~= "" then
      return v
   end
   return default
end

-- Per-thread counters (globals, read back with thread:get in done()).
responses = 0
non2xx = 0
claims_sent = 0
deletes_sent = 0
claims_ok = 0       -- 201 with messages
empty_claims = 0    -- 204 on a claim
claimed = 0         -- messages received in claims
deleted = 0         -- DELETE answered 204
claim_errors = 0    -- non-2xx classified as claim answers
delete_errors = 0   -- non-2xx classified as delete answers
status = {}

-- Per-thread state.
local fifo, head, tail = {}, 1, 0
local inflight_claims, inflight_deletes = 0, 0
local claim_req, del_headers

function init(args)
   local queue = setting(args, 1, "QUEUE", "bench-claim")
   local project = setting(args, 2, "PROJECT", "flotilla-bench")
   local limit = tonumber(setting(args, 3, "CLAIM_LIMIT", "10"))
   local ttl = tonumber(setting(nil, nil, "CLAIM_TTL", "60"))
   local grace = tonumber(setting(nil, nil, "CLAIM_GRACE", "60"))
   local claim_headers = {
      ["Client-ID"] = CLIENT_ID,
      ["X-Project-ID"] = project,
      ["Content-Type"] = "application/json",
      ["Accept"] = "application/json",
   }
   claim_req = wrk.format("POST", string.format("/v2/queues/%s/claims?limit=%d", queue, limit), claim_headers,
      string.format('{"ttl": %d, "grace": %d}', ttl, grace))
   del_headers = {
      ["Client-ID"] = CLIENT_ID,
      ["X-Project-ID"] = project,
      ["Accept"] = "application/json",
   }
end

function request()
   if head <= tail then
      local href = fifo[head]
      fifo[head] = nil
      head = head + 1
      deletes_sent = deletes_sent + 1
      inflight_deletes = inflight_deletes + 1
      return wrk.format("DELETE", href, del_headers)
   end
   claims_sent = claims_sent + 1
   inflight_claims = inflight_claims + 1
   return claim_req
end

local function push_hrefs(body)
   if body == nil then
      return 0
   end
   local n = 0
   for href in string.gmatch(body, '"href"%s*:%s*"([^"]+)"') do
      href = href:gsub("\\/", "/")                 -- JSON encoders may escape slashes
      href = href:gsub("^https?://[^/]+", "")      -- absolute URL -> path
      tail = tail + 1
      fifo[tail] = href
      n = n + 1
   end
   return n
end

function response(code, headers, body)
   responses = responses + 1
   local k = tostring(code)
   status[k] = (status[k] or 0) + 1
   if code == 201 then
      -- only a claim answers 201
      if inflight_claims > 0 then inflight_claims = inflight_claims - 1 end
      claims_ok = claims_ok + 1
      claimed = claimed + push_hrefs(body)
   elseif code == 204 then
      if inflight_deletes > 0 then
         inflight_deletes = inflight_deletes - 1
         deleted = deleted + 1
      else
         if inflight_claims > 0 then inflight_claims = inflight_claims - 1 end
         empty_claims = empty_claims + 1
      end
   else
      if code < 200 or code > 299 then
         non2xx = non2xx + 1
      end
      -- classify: a delete refusal names the delete ("Unable to delete"); otherwise whichever is in flight
      local is_delete
      if inflight_claims == 0 then
         is_delete = true
      elseif inflight_deletes == 0 then
         is_delete = false
      else
         is_delete = body ~= nil and string.find(body, "delete", 1, true) ~= nil
      end
      if is_delete then
         if inflight_deletes > 0 then inflight_deletes = inflight_deletes - 1 end
         delete_errors = delete_errors + 1
      else
         if inflight_claims > 0 then inflight_claims = inflight_claims - 1 end
         claim_errors = claim_errors + 1
      end
   end
end

function done(summary, latency, requests)
   local names = { "responses", "non2xx", "claims_sent", "deletes_sent", "claims_ok", "empty_claims", "claimed",
      "deleted", "claim_errors", "delete_errors" }
   local tot, merged = {}, {}
   for _, n in ipairs(names) do tot[n] = 0 end
   for _, t in ipairs(threads) do
      for _, n in ipairs(names) do
         tot[n] = tot[n] + (t:get(n) or 0)
      end
      local st = t:get("status") or {}
      for k, v in pairs(st) do
         merged[k] = (merged[k] or 0) + v
      end
   end
   local parts = {}
   for k, v in pairs(merged) do
      table.insert(parts, string.format('"%s":%d', k, v))
   end
   table.sort(parts)
   local secs = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      'WRKSTATS {"script":"claim-delete","duration_us":%d,"requests":%d,"responses":%d,"non2xx":%d,' ..
      '"deleted":%d,"deleted_per_s":%.1f,"claims_sent":%d,"claims_ok":%d,"empty_claims":%d,"claimed":%d,' ..
      '"deletes_sent":%d,"claim_errors":%d,"delete_errors":%d,"status":{%s},' ..
      '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
      '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
      summary.duration, summary.requests, tot.responses, tot.non2xx,
      tot.deleted, tot.deleted / secs, tot.claims_sent, tot.claims_ok, tot.empty_claims, tot.claimed,
      tot.deletes_sent, tot.claim_errors, tot.delete_errors, table.concat(parts, ","),
      e.connect, e.read, e.write, e.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
