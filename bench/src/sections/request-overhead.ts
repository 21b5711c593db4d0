// Section 3: per-request cost of each client against the local server, at concurrency 1 and 32.
// Each (variant, concurrency) runs once per round, the variants interleaved in a rotated order, so that a burst
// of background load on this shared 2-core machine lands on one round rather than on one variant's only run.
// Rows show medians over the rounds; ratios are taken within a round, then the median of those is reported.
import { type AuditPageServer, startAuditPageServer } from "../audit-page-server.ts";
import { runChildScript } from "../measure/run-child.ts";
import { median } from "../measure/stats.ts";
import { fixed, markdownTable, ratio, targetLine } from "../report/markdown.ts";
import { type RequestLoadResult, type VariantName, variantNames } from "../request-variants.ts";

const concurrencies = [1, 32] as const;
const rounds = 5;
const warmupMs = 500;
const durationMs = 2_000;
const loadScript = new URL("../children/request-load.ts", import.meta.url);

/** One child's run of one variant at one concurrency, with what the server saw during it. */
interface Run extends RequestLoadResult {
  serverRequests: number;
  serverSigned: number;
}

/** runs.get(`variant@concurrency`)[round]: every variant has exactly one run per round. */
type Runs = Map<string, Run[]>;
const key = (variant: VariantName, concurrency: number) => `${variant}@${concurrency}`;

/** The list starting at its `by`-th element: over `rounds` rounds every variant goes first, last, ... in turn. */
function rotated<T>(list: readonly T[], by: number): T[] {
  const start = by % list.length;
  return [...list.slice(start), ...list.slice(0, start)];
}

async function runOnce(server: AuditPageServer, variant: VariantName, concurrency: number): Promise<Run> {
  const before = { ...server.counts };
  const result = await runChildScript<RequestLoadResult>(
    loadScript,
    [variant, server.url, String(concurrency), String(warmupMs), String(durationMs)],
    durationMs + warmupMs + 30_000,
  );
  return {
    ...result,
    serverRequests: server.counts.requests - before.requests,
    serverSigned: server.counts.signed - before.signed,
  };
}

async function measureAllRounds(server: AuditPageServer): Promise<Runs> {
  const runs: Runs = new Map();
  // Rounds inside each concurrency: the runs compared with each other stay close together in time.
  for (const concurrency of concurrencies) {
    for (let round = 0; round < rounds; round++) {
      for (const variant of rotated(variantNames, round)) {
        const run = await runOnce(server, variant, concurrency);
        const list = runs.get(key(variant, concurrency)) ?? [];
        list[round] = run;
        runs.set(key(variant, concurrency), list);
      }
    }
  }
  return runs;
}

function runsOf(runs: Runs, variant: VariantName, concurrency: number): Run[] {
  return runs.get(key(variant, concurrency)) ?? [];
}

/** Median over the rounds of one metric of one row. */
function medianOf(
  runs: Runs,
  variant: VariantName,
  concurrency: number,
  metric: (run: Run) => number,
): number {
  return median(runsOf(runs, variant, concurrency).map(metric));
}

/** metric(variant) / metric(to) in each round (both ran in it, close in time); the median and every round's. */
function roundRatios(
  runs: Runs,
  variant: VariantName,
  to: VariantName,
  concurrency: number,
  metric: (run: Run) => number,
): { median: number; perRound: number[] } {
  const ours = runsOf(runs, variant, concurrency);
  const theirs = runsOf(runs, to, concurrency);
  const perRound = ours.map((run, round) => metric(run) / metric(theirs[round] as Run));
  return { median: median(perRound), perRound };
}

const requestsPerSecond = (run: Run) => run.requestsPerSecond;
const cpuMicros = (run: Run) => run.cpuMicrosPerRequest;
const p50Ms = (run: Run) => run.p50Ms;
const p99Ms = (run: Run) => run.p99Ms;
// Inverted so that above 1 means "we are cheaper", like the requests/s ratio.
const requestsPerCpuSecond = (run: Run) => 1 / run.cpuMicrosPerRequest;

function tableRow(runs: Runs, variant: VariantName, concurrency: number): (string | number)[] {
  const all = runsOf(runs, variant, concurrency);
  const signed = all.reduce((sum, run) => sum + run.serverSigned, 0);
  const requests = all.reduce((sum, run) => sum + run.serverRequests, 0);
  return [
    variant,
    concurrency,
    Math.round(medianOf(runs, variant, concurrency, requestsPerSecond)),
    fixed(medianOf(runs, variant, concurrency, p50Ms), 2),
    fixed(medianOf(runs, variant, concurrency, p99Ms), 2),
    Math.round(medianOf(runs, variant, concurrency, cpuMicros)),
    `${Math.round((signed / requests) * 100)} %`,
  ];
}

function verdictLines(runs: Runs, concurrency: number): string[] {
  const between = (ours: VariantName, theirs: VariantName, metric: (run: Run) => number) =>
    roundRatios(runs, ours, theirs, concurrency, metric);
  const unsigned = between("@aidp/client unsigned", "openapi-fetch", requestsPerSecond);
  const unsignedCpu = between("@aidp/client unsigned", "openapi-fetch", requestsPerCpuSecond);
  const ofRaw = between("@aidp/client unsigned", "raw fetch", requestsPerSecond);
  const signed = between("@aidp/client signed", "OCI SDK signed", requestsPerSecond);
  const cpu = (variant: VariantName) => fixed(medianOf(runs, variant, concurrency, cpuMicros), 0);
  return [
    targetLine(
      unsigned.median >= 0.95,
      `unsigned client >= 0.95x bare openapi-fetch, concurrency ${concurrency}`,
      `${ratio(unsigned.median)} in requests/s, rounds ${unsigned.perRound.map(ratio).join(", ")}; ` +
        `${ratio(unsignedCpu.median)} in CPU time per request; ${ratio(ofRaw.median)} of raw fetch`,
    ),
    `- CPU per request at concurrency ${concurrency}: @aidp/client unsigned ${cpu("@aidp/client unsigned")} µs, ` +
      `openapi-fetch ${cpu("openapi-fetch")} µs; the client adds validation, the retry loop, one id and retry ` +
      "token per call and the read of the whole body inside the attempt, and saves openapi-fetch's streamed " +
      "request body (it sends the JSON text).",
    targetLine(
      signed.median > 1,
      `signed client faster than the OCI SDK signed, concurrency ${concurrency}`,
      `${ratio(signed.median)}, rounds ${signed.perRound.map(ratio).join(", ")}`,
    ),
  ];
}

export async function requestOverheadSection(): Promise<string> {
  const server = await startAuditPageServer({ recordsPerPage: 4, pages: 1 });
  let runs: Runs;
  try {
    runs = await measureAllRounds(server);
  } finally {
    await server.close();
  }
  const rows = concurrencies.flatMap((concurrency) =>
    variantNames.map((variant) => tableRow(runs, variant, concurrency)),
  );
  return [
    "## 3. Per-request overhead",
    "",
    `A local node:http server answers every request with the same 4-record SearchAuditLogs page (serialised once). ` +
      `Each run is its own Node process: ${warmupMs / 1000} s of warm-up, then ${durationMs / 1000} s measured ` +
      `with that many callers in a closed loop. Every client runs ${rounds} times per concurrency, in ${rounds} ` +
      "interleaved rounds (each round runs every client once, starting one client later than the round before), " +
      "so a burst of background load hits one round, not one client. Each cell is the median over the rounds; " +
      "each ratio below is taken between two clients of the same round, and the median of those per-round ratios " +
      "is reported. The OCI SDK has no SearchAuditLogs, so it calls `listAiDataPlatforms` " +
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
    ...concurrencies.flatMap((concurrency) => verdictLines(runs, concurrency)),
  ].join("\n");
}
