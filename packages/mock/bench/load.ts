// Load benchmark of the stateful mock (not a test; prints a table, asserts nothing). The mock runs as the
// `aidp-mock` CLI in a child process, as users run it, so its event loop is not shared with the load:
//   1. start to first answer: spawning the CLI until the first searchAuditLogs page is answered;
//   2. autocannon with 20 connections for 10 s against one search page (limit 100);
//   3. paging through 100,000 records at limit=1000 with @aidp/client's searchAuditLogsItems;
//   4. 50 clients paging through 20,000 records at once (limit 100): requests/s and p99 latency;
//   5. small searches while one with a 1 MB `query` runs over the 20,000 records: their p99 latency;
//   6. the mock's RSS before and after 10,000 searches with new retry tokens, and 100 exports with 1 MB fields;
//   7. where the mock's CPU time goes under the load of 4, from a CPU profile of a separate run (cpu-shares.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createAidpClient } from "@aidp/client";
import autocannon from "autocannon";
import { type CpuProfile, cpuShares } from "./cpu-shares.ts";

const cli = new URL("../dist/cli.js", import.meta.url).pathname;
const searchPath = "/20260430/aiDataPlatforms/ocid1.aidataplatform.oc1.iad.bench/actions/searchAuditLogs";
const children: ChildProcess[] = [];

async function startCli(
  args: string[],
  nodeFlags: string[] = [],
): Promise<{ url: string; startedAt: number; pid: number; child: ChildProcess }> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, cli, "--port", "0", "--quiet", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const match = /listening on (\S+)/.exec(line);
    if (match?.[1]) return { url: match[1], startedAt, pid: child.pid as number, child };
  }
  throw new Error("aidp-mock exited before it was listening");
}

/**
 * Where the mock's CPU time goes while 50 clients page through 20,000 records: the same load on a mock run with
 * `--cpu-prof` (not one of the timed runs: the profiler costs time), its profile read when it exits.
 */
async function cpuSharesWhilePaging(): Promise<{ part: string; share: number }[]> {
  const folder = mkdtempSync(join(tmpdir(), "aidp-mock-profile-"));
  try {
    const profiled = await startCli(["--records", "20000"], ["--cpu-prof", "--cpu-prof-dir", folder]);
    const paging = await concurrentPaging(profiled.url, 50, 20_000);
    if (paging.failures > 0) throw new Error(`${paging.failures} pagers failed in the profiled run`);
    profiled.child.kill("SIGTERM");
    await once(profiled.child, "exit");
    const [file] = readdirSync(folder).filter((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error("the profiled mock wrote no CPU profile");
    return cpuShares(JSON.parse(readFileSync(join(folder, file), "utf8")) as CpuProfile);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function stopAll(): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    }),
  );
}

/** The resident set size of a process, in MB (Linux /proc). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Math.round(Number(kb) / 1024);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);
}

/** One POST; resolves with its status and how long it took (ms). */
async function timedPost(url: string, body: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    ms: performance.now() - started,
    text,
    next: response.headers.get("opc-next-page"),
  };
}

/** 50 clients each paging through every record at limit 100, all at once. */
async function concurrentPaging(url: string, clients: number, expected: number) {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      let page: string | null = null;
      let records = 0;
      do {
        const query: string = page ? `?limit=100&page=${page}` : "?limit=100";
        const answer = await timedPost(`${url}${searchPath}${query}`, "{}");
        latencies.push(answer.ms);
        if (answer.status !== 200) {
          failures += 1;
          return;
        }
        records += (JSON.parse(answer.text).items as unknown[]).length;
        page = answer.next;
      } while (page);
      if (records !== expected) failures += 1;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: Math.round(latencies.length / seconds),
    p99: percentile(latencies, 99),
    failures,
  };
}

/** Small searches, 4 at a time, for as long as 3 searches with a 1 MB query take one after the other. */
async function smallSearchesBesideLongQuery(url: string) {
  const long = JSON.stringify({ query: "q".repeat(1_000_000) });
  let running = true;
  const latencies: number[] = [];
  const longMs: number[] = [];
  let failures = 0;
  const small = Array.from({ length: 4 }, async () => {
    while (running) {
      const answer = await timedPost(`${url}${searchPath}?limit=10`, '{"status":"FAILED"}');
      latencies.push(answer.ms);
      if (answer.status !== 200) failures += 1;
    }
  });
  for (let i = 0; i < 3; i++) {
    const answer = await timedPost(`${url}${searchPath}`, long);
    longMs.push(answer.ms);
    if (answer.status !== 200) failures += 1;
  }
  running = false;
  await Promise.all(small);
  return { longMs: Math.max(...longMs), p99: percentile(latencies, 99), count: latencies.length, failures };
}

/** `count` requests, `concurrency` at a time. */
async function inParallel(count: number, concurrency: number, send: (index: number) => Promise<number>) {
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const status = await send(next++);
        if (status >= 300) failures += 1;
      }
    }),
  );
  return failures;
}

try {
  const { url, startedAt } = await startCli([]);
  const first = await fetch(`${url}${searchPath}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  await first.arrayBuffer();
  const firstAnswerMs = performance.now() - startedAt;

  const load = await autocannon({
    url: `${url}${searchPath}?limit=100`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
    connections: 20,
    duration: 10,
  });

  const big = await startCli(["--records", "100000"]);
  const client = createAidpClient({ baseUrl: big.url, retry: false });
  const pagingStarted = performance.now();
  let records = 0;
  for await (const _ of client.searchAuditLogsItems({ aiDataPlatformId: "ocid1.bench", limit: 1000 }))
    records++;
  const pagingMs = performance.now() - pagingStarted;

  const twenty = await startCli(["--records", "20000"]);
  const paging = await concurrentPaging(twenty.url, 50, 20_000);
  const beside = await smallSearchesBesideLongQuery(twenty.url);

  const tokens = await startCli([]);
  const tokensBefore = rssMb(tokens.pid);
  const tokenFailures = await inParallel(10_000, 20, async (index) => {
    const answer = await timedPost(`${tokens.url}${searchPath}?limit=100`, "{}", {
      "opc-retry-token": `bench-${index}`,
    });
    return answer.status;
  });
  const tokensAfter = rssMb(tokens.pid);

  const exportsMock = await startCli([]);
  const exportsBefore = rssMb(exportsMock.pid);
  const half = "x".repeat(500_000);
  const exportBody = JSON.stringify({
    logContentTypeContains: half,
    subjectContains: half,
    timeBegin: "2025-03-16T00:00:00Z",
    timeEnd: "2025-03-17T00:00:00Z",
  });
  const downloadPath =
    "/20260430/aiDataPlatforms/ocid1.bench/workspaces/ws-1/clusters/cl-1/actions/downloadLogs";
  const exportFailures = await inParallel(100, 4, async (index) => {
    const answer = await timedPost(`${exportsMock.url}${downloadPath}`, exportBody, {
      "opc-retry-token": `export-${index}`,
    });
    return answer.status;
  });
  const exportsAfter = rssMb(exportsMock.pid);

  const shares = await cpuSharesWhilePaging();

  const errors =
    load.errors +
    load.timeouts +
    load.non2xx +
    (records === 100_000 ? 0 : 1) +
    paging.failures +
    beside.failures +
    tokenFailures +
    exportFailures;
  console.table({
    "start to first answer (ms)": Math.round(firstAnswerMs),
    "search page requests/s at 20 connections": Math.round(load.requests.average),
    "search page p99 latency (ms)": load.latency.p99,
    "100,000 records at limit=1000 via the client (ms)": Math.round(pagingMs),
    "records read": records,
    "50 clients paging 20,000 records: requests/s": paging.requestsPerSecond,
    "50 clients paging 20,000 records: p99 latency (ms)": paging.p99,
    "1 MB-query search over 20,000 records (ms)": Math.round(beside.longMs),
    "small searches beside it: p99 latency (ms)": beside.p99,
    "small searches beside it: count": beside.count,
    "RSS at start (MB)": tokensBefore,
    "RSS after 10,000 searches with new retry tokens (MB)": tokensAfter,
    "RSS at start, exports mock (MB)": exportsBefore,
    "RSS after 100 exports with 1 MB fields (MB)": exportsAfter,
    errors,
  });
  // A second table: the section of pnpm bench tells its rows apart by this prefix.
  console.table(
    Object.fromEntries(
      shares.map(({ part, share }) => [`CPU share: ${part}`, `${(share * 100).toFixed(1)} %`]),
    ),
  );
  console.log(
    `targets: first answer under 1500 ms: ${firstAnswerMs < 1500 ? "met" : "not met"}; at least 1500 requests/s: ${load.requests.average >= 1500 ? "met" : "not met"}; 50 pagers' p99 within 100 ms: ${paging.p99 <= 100 ? "met" : "not met"}`,
  );
  if (errors > 0) process.exitCode = 1;
} finally {
  await stopAll();
}
