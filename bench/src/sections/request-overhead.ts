// Section 3: per-request cost of each client against the local server, at concurrency 1 and 32.
import { startAuditPageServer } from "../audit-page-server.ts";
import { runChildScript } from "../measure/run-child.ts";
import { fixed, markdownTable, ratio, targetLine } from "../report/markdown.ts";
import { type RequestLoadResult, type VariantName, variantNames } from "../request-variants.ts";

const concurrencies = [1, 32] as const;
const warmupMs = 1_000;
const durationMs = 3_000;
const loadScript = new URL("../children/request-load.ts", import.meta.url);

export async function requestOverheadSection(): Promise<string> {
  const server = await startAuditPageServer({ recordsPerPage: 4, pages: 1 });
  const rows: (string | number)[][] = [];
  const rate = new Map<string, number>();
  const cpuCost = new Map<string, number>();
  try {
    for (const concurrency of concurrencies) {
      for (const variant of variantNames) {
        const before = { ...server.counts };
        const result = await runChildScript<RequestLoadResult>(
          loadScript,
          [variant, server.url, String(concurrency), String(warmupMs), String(durationMs)],
          durationMs + warmupMs + 30_000,
        );
        const signedShare =
          (server.counts.signed - before.signed) / (server.counts.requests - before.requests);
        rate.set(`${variant}@${concurrency}`, result.requestsPerSecond);
        cpuCost.set(`${variant}@${concurrency}`, result.cpuMicrosPerRequest);
        rows.push([
          variant,
          concurrency,
          Math.round(result.requestsPerSecond),
          fixed(result.p50Ms, 2),
          fixed(result.p99Ms, 2),
          Math.round(result.cpuMicrosPerRequest),
          `${Math.round(signedShare * 100)} %`,
        ]);
      }
    }
  } finally {
    await server.close();
  }
  const relative = (variant: VariantName, to: VariantName, concurrency: number) =>
    (rate.get(`${variant}@${concurrency}`) ?? 0) / (rate.get(`${to}@${concurrency}`) ?? 1);
  const verdicts = concurrencies.flatMap((concurrency) => {
    const unsigned = relative("@aidp/client unsigned", "openapi-fetch", concurrency);
    const signed = relative("@aidp/client signed", "OCI SDK signed", concurrency);
    // The same comparison in CPU time per request (openapi-fetch's over ours): robust to a busy machine.
    const unsignedCpu =
      (cpuCost.get(`openapi-fetch@${concurrency}`) ?? 0) /
      (cpuCost.get(`@aidp/client unsigned@${concurrency}`) ?? 1);
    return [
      targetLine(
        unsigned >= 0.95,
        `unsigned client >= 0.95x bare openapi-fetch, concurrency ${concurrency}`,
        `${ratio(unsigned)} in requests/s, ${ratio(unsignedCpu)} in CPU time per request; ` +
          `${ratio(relative("@aidp/client unsigned", "raw fetch", concurrency))} of raw fetch`,
      ),
      `- CPU per request at concurrency ${concurrency}: @aidp/client unsigned ` +
        `${fixed(cpuCost.get(`@aidp/client unsigned@${concurrency}`) ?? 0, 0)} µs, openapi-fetch ` +
        `${fixed(cpuCost.get(`openapi-fetch@${concurrency}`) ?? 0, 0)} µs; the client adds validation, the ` +
        "retry loop, one id and retry token per call and the read of the whole body inside the attempt, and saves " +
        "openapi-fetch's streamed request body (it sends the JSON text).",
      targetLine(
        signed > 1,
        `signed client faster than the OCI SDK signed, concurrency ${concurrency}`,
        ratio(signed),
      ),
    ];
  });
  return [
    "## 3. Per-request overhead",
    "",
    `A local node:http server answers every request with the same 4-record SearchAuditLogs page (serialised once). ` +
      `Each row is its own Node process: ${warmupMs / 1000} s of warm-up, then ${durationMs / 1000} s measured with ` +
      "that many callers in a closed loop. The OCI SDK has no SearchAuditLogs, so it calls `listAiDataPlatforms` " +
      "(signed, paginated list) with its endpoint pointed at the same server and answered with the same bytes. " +
      "Signing uses a 2048-bit RSA key generated at run time. The server shares the 2 cores with the client, so " +
      "compare rows with each other, not with other machines. The client CPU column is the CPU time of the client's " +
      "process per request: it does not count time spent waiting for a core another process holds.",
    "",
    markdownTable(
      ["client", "concurrency", "requests/s", "p50 ms", "p99 ms", "client CPU µs/request", "signed requests"],
      rows,
    ),
    "",
    ...verdicts,
  ].join("\n");
}
