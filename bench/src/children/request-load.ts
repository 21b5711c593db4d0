// Child process of the per-request benchmark: `concurrency` callers loop over one client variant until the
// time is up (after a warm-up), and the latency of each call goes into a histogram.
import { createHistogram } from "node:perf_hooks";
import { reportToParent } from "../measure/run-child.ts";
import { createVariant, type RequestLoadResult, type VariantName } from "../request-variants.ts";

const [variant, baseUrl, concurrencyText, warmupMsText, durationMsText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const call = createVariant(variant as VariantName, baseUrl as string);

async function loop(until: number, onDone: (nanoseconds: number) => void) {
  const callers = Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      const started = process.hrtime.bigint();
      await call();
      onDone(Number(process.hrtime.bigint() - started));
    }
  });
  await Promise.all(callers);
}

await loop(performance.now() + Number(warmupMsText), () => {});
const histogram = createHistogram();
const started = performance.now();
const cpuBefore = process.cpuUsage();
await loop(started + Number(durationMsText), (nanoseconds) => histogram.record(Math.max(1, nanoseconds)));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);

reportToParent({
  requests: histogram.count,
  requestsPerSecond: histogram.count / seconds,
  p50Ms: histogram.percentile(50) / 1e6,
  p99Ms: histogram.percentile(99) / 1e6,
  cpuMicrosPerRequest: (cpu.user + cpu.system) / histogram.count,
} satisfies RequestLoadResult);
