-- wrk prints p50/p75/p90/p99 by itself; this prints the percentiles the benchmark reports,
-- p95 among them, on one line: "requests/s p50 p95 p99 non-2xx", latencies in milliseconds.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.1f %.1f %.1f %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, failed))
end
