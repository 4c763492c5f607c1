-- wrk script for the ARouter benchmark: POST an OpenAI chat request and print machine-readable
-- results. Environment: WRK_BODY (request body), WRK_HEADERS ("Name: value" lines joined by "|").
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY") or '{"model":"gpt-mock","messages":[{"role":"user","content":"Why do lighthouses blink?"}]}'
wrk.headers["Content-Type"] = "application/json"
local extra = os.getenv("WRK_HEADERS") or ""
for h in string.gmatch(extra, "[^|]+") do
  local k, v = string.match(h, "^%s*([^:]+):%s*(.-)%s*$")
  if k then wrk.headers[k] = v end
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format("requests\t%d\n", summary.requests))
  io.write(string.format("duration_s\t%.3f\n", secs))
  io.write(string.format("rps\t%.1f\n", summary.requests / secs))
  io.write(string.format("errors_connect\t%d\nerrors_read\t%d\nerrors_write\t%d\nerrors_timeout\t%d\nerrors_status\t%d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format("errors\t%d\n", e.connect + e.read + e.write + e.timeout + e.status))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("lat_p%s_ms\t%.4f\n", tostring(p):gsub("%.", "_"), latency:percentile(p) / 1000.0))
  end
  io.write(string.format("lat_mean_ms\t%.4f\nlat_max_ms\t%.4f\n", latency.mean / 1000.0, latency.max / 1000.0))
end
