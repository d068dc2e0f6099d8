-- wrk script: single-message POST load against a Zaqar v2 compatible server (Flotilla or the reference).
--
-- Every request is
--   POST /v2/queues/<queue>/messages
--   {"messages": [{"ttl": 3600, "body": "<1024 x>"}]}
-- with headers Client-ID (fixed UUID, 32 hex digits, no dashes), X-Project-ID and Content-Type: application/json.
--
-- Configuration (wrk script arguments after `--` win over environment variables):
--   queue    : args[1] or $QUEUE          (default "bench-post")
--   project  : args[2] or $PROJECT        (default "flotilla-bench")
--   size     : args[3] or $MSG_SIZE       (body string length in bytes, default 1024)
--   ttl      : $MSG_TTL                   (default 3600)
--
-- Usage:
--   wrk -t2 -c64 -d10s --latency -s Scripts/wrk/post.lua http://127.0.0.1:8888 -- myqueue
--   QUEUE=myqueue wrk -t2 -c64 -d10s --latency -s Scripts/wrk/post.lua http://127.0.0.1:8888
--
-- done() prints one machine-readable line:
--   WRKSTATS {"script":"post","responses":N,"non2xx":N,"status":{"201":N,...}}
-- wrk's own summary (requests/s, latency distribution, socket errors) is printed above it.

local CLIENT_ID = "5b1e3c0a9f2d4e6b8a7c1d2e3f4a5b6c"

local threads = {}

-- Runs in the main Lua state once per thread before the run; keep a handle to read the counters in done().
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

-- Per-thread globals (read back with thread:get in done()).
responses = 0
non2xx = 0
status = {}

local req

function init(args)
   local queue = setting(args, 1, "QUEUE", "bench-post")
   local project = setting(args, 2, "PROJECT", "flotilla-bench")
   local size = tonumber(setting(args, 3, "MSG_SIZE", "1024"))
   local ttl = tonumber(setting(nil, nil, "MSG_TTL", "3600"))
   local body = string.format('{"messages": [{"ttl": %d, "body": "%s"}]}', ttl, string.rep("x", size))
   local headers = {
      ["Client-ID"] = CLIENT_ID,
      ["X-Project-ID"] = project,
      ["Content-Type"] = "application/json",
      ["Accept"] = "application/json",
   }
   -- The request never changes: format it once.
   req = wrk.format("POST", "/v2/queues/" .. queue .. "/messages", headers, body)
end

function request()
   return req
end

function response(code, headers, body)
   responses = responses + 1
   local k = tostring(code)
   status[k] = (status[k] or 0) + 1
   if code < 200 or code > 299 then
      non2xx = non2xx + 1
   end
end

-- Runs in the main Lua state after the run.
function done(summary, latency, requests)
   local total_responses, total_non2xx, merged = 0, 0, {}
   for _, t in ipairs(threads) do
      total_responses = total_responses + (t:get("responses") or 0)
      total_non2xx = total_non2xx + (t:get("non2xx") or 0)
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
   local e = summary.errors
   io.write(string.format(
      'WRKSTATS {"script":"post","duration_us":%d,"requests":%d,"responses":%d,"non2xx":%d,' ..
      '"status":{%s},"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
      '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
      summary.duration, summary.requests, total_responses, total_non2xx, table.concat(parts, ","),
      e.connect, e.read, e.write, e.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
