-- Replays prepared raw HTTP requests round-robin (one file, requests separated by a NUL byte)
-- and writes wrk's summary and latency percentiles as JSON to $BENCH_OUT.
--
-- bench/run.py builds the requests in Python (cookies, CSRF token and form body, a distinct
-- X-Forwarded-For per request), so this script stays a dumb, fast replayer.

local requests = {}
local index = 0

init = function(args)
  local file = assert(io.open(os.getenv("BENCH_REQUESTS"), "rb"))
  local data = file:read("*a")
  file:close()
  for raw in string.gmatch(data, "([^%z]+)") do
    requests[#requests + 1] = raw
  end
  -- Each thread starts at its own offset, so threads do not send the same request together.
  index = (tonumber(os.getenv("BENCH_OFFSET") or "0") or 0) % #requests
end

request = function()
  index = index % #requests + 1
  return requests[index]
end

done = function(summary, latency, requests_)
  -- The latency at every tenth of a percent (1 to 1000: the requests up to that point), so
  -- the runs of one endpoint can be taken together as one measurement (bench/load.py pooled).
  -- wrk's percentile(100) finds no request (its rank is one past the last): the last is max.
  local quantiles = {}
  for i = 1, 999 do
    quantiles[i] = string.format("%d", latency:percentile(i / 10))
  end
  quantiles[1000] = string.format("%d", latency.max)
  local out = assert(io.open(os.getenv("BENCH_OUT"), "w"))
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "errors_connect": %d, ' ..
    '"errors_read": %d, "errors_write": %d, "errors_status": %d, "errors_timeout": %d, ' ..
    '"latency_mean_us": %.1f, "latency_max_us": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p95_us": %d, "p99_us": %d, "quantiles_us": [%s]}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), table.concat(quantiles, ", ")))
  out:close()
end
