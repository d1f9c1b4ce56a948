-- wrk script for tracuu's HTTP server: cycles through the query list in
-- $BENCH_QUERIES (one query a line), as bench_load does for the other engines:
-- connection thread k of $BENCH_THREADS starts at line k * n / N + 1.
-- Requests are what the portal sends: 10 hits, 3 snippets each, facets (on by default).
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local n_threads = tonumber(os.getenv("BENCH_THREADS") or "1")
  paths = {}
  for line in io.lines(os.getenv("BENCH_QUERIES")) do
    if #line > 0 then
      paths[#paths + 1] = "/api/v1/search?q=" .. urlencode(line) .. "&limit=10&snippets=3"
    end
  end
  next_query = math.floor((id or 0) * #paths / n_threads)
end

function request()
  next_query = next_query % #paths + 1
  return wrk.format("GET", paths[next_query])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(99),
    e.status + e.connect + e.read + e.write + e.timeout))
end
