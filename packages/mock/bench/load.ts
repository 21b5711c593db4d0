// Load benchmark of the mock (not a test): startup time to the first answered request, then
// autocannon with 20 connections for 10 s against searchAuditLogs on 127.0.0.1.
import autocannon from "autocannon";
import { startMock } from "../src/index.ts";

const started = performance.now();
const mock = await startMock({ port: 0 });
const startupMs = performance.now() - started;

try {
  const result = await autocannon({
    url: `${mock.url}/20260430/aiDataPlatforms/ocid1.aidataplatform.oc1.iad.bench/actions/searchAuditLogs`,
    method: "POST",
    headers: { authorization: 'Signature version="1"', "content-type": "application/json" },
    body: "{}",
    connections: 20,
    duration: 10,
  });
  console.table({
    "startup to first answer (ms)": Math.round(startupMs),
    "requests/s (mean)": Math.round(result.requests.average),
    "p99 latency (ms)": result.latency.p99,
    errors: result.errors + result.timeouts,
    "non-2xx answers": result.non2xx,
  });
  if (result.errors + result.timeouts + result.non2xx > 0) process.exitCode = 1;
} finally {
  await mock.stop();
}
