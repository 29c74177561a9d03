-- wrk script for scripts/soak.sh: each request takes the next path from a list, signed in or
-- not as the list says, and the summary is one line the shell reads:
-- "RESULT requests requests/s p50 p95 p99 status_errors socket_errors", latencies in ms.
-- The list (file named by the first argument after --) has one "cookie|path" or "-|path" a line.
local paths = {}
local counter = 0
local threads = 0

-- Runs in wrk's main state once per thread: each thread starts at a different path, so every
-- path is asked for from the first second.
function setup(thread)
  thread:set("offset", threads * 7)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do
    local cookie, path = line:match("^([^|]*)|(.*)$")
    local headers = {}
    if cookie ~= "-" then headers["Cookie"] = cookie end
    paths[#paths + 1] = wrk.format("GET", path, headers)
  end
  counter = offset % #paths
end

function request()
  counter = counter % #paths + 1
  return paths[counter]
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("RESULT %d %.1f %.1f %.1f %.1f %d %d\n", summary.requests,
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, socket))
end
