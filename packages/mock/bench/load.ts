// Load benchmark of the stateful mock (not a test; prints a table, asserts nothing). The mock runs as the
// `aidp-mock` CLI in a child process, as users run it, so its event loop is not shared with the load:
//   1. start to first answer: spawning the CLI until the first searchAuditLogs page is answered;
//   2. autocannon with 20 connections for 10 s against one search page (limit 100);
//   3. paging through 100,000 records at limit=1000 with @aidp/client's searchAuditLogsItems.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { createAidpClient } from "@aidp/client";
import autocannon from "autocannon";

const cli = new URL("../dist/cli.js", import.meta.url).pathname;
const searchPath = "/20260430/aiDataPlatforms/ocid1.aidataplatform.oc1.iad.bench/actions/searchAuditLogs";
const children: ChildProcess[] = [];

async function startCli(args: string[]): Promise<{ url: string; startedAt: number }> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [cli, "--port", "0", "--quiet", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const match = /listening on (\S+)/.exec(line);
    if (match?.[1]) return { url: match[1], startedAt };
  }
  throw new Error("aidp-mock exited before it was listening");
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

  const errors = load.errors + load.timeouts + load.non2xx + (records === 100_000 ? 0 : 1);
  console.table({
    "start to first answer (ms)": Math.round(firstAnswerMs),
    "search page requests/s at 20 connections": Math.round(load.requests.average),
    "search page p99 latency (ms)": load.latency.p99,
    "100,000 records at limit=1000 via the client (ms)": Math.round(pagingMs),
    "records read": records,
    errors,
  });
  console.log(
    `targets: first answer under 1500 ms: ${firstAnswerMs < 1500 ? "met" : "not met"}; at least 1500 requests/s: ${load.requests.average >= 1500 ? "met" : "not met"}`,
  );
  if (errors > 0) process.exitCode = 1;
} finally {
  await stopAll();
}
