-- Shared by the bench scripts: counts non-2xx / unexpected bodies per thread and prints one RESULT line.
-- Loaded first by each script (dofile via BENCH_LUA_DIR); thread i gets global "id" = i for its init().
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function count(status, body, expect)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx <= 3 then io.stderr:write("non-2xx " .. status .. ": " .. string.sub(body or "", 1, 200) .. "\n") end
    return false
  end
  if expect and not string.find(body, expect, 1, true) then
    bad = bad + 1
    return false
  end
  return true
end

function done(summary, latency, requests)
  local n, b = 0, 0
  for _, t in ipairs(threads) do
    n = n + t:get("non2xx")
    b = b + t:get("bad")
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d secs=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d badbody=%d sockerr=%d\n",
    summary.requests, secs, summary.requests / secs, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, n, b, e.connect + e.read + e.write + e.timeout))
end
