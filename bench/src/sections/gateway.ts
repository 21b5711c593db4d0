// Section 8: what the validation gateway (`aidp-mock --upstream`) adds to each request. Two `aidp-mock`
// processes: the stateful mock as the upstream, and a gateway in front of it that signs with a generated key
// (as it would for Oracle Cloud) and checks both ways. One client sends the same search page directly and
// through the gateway, one request at a time, interleaved in rounds; the table gives p50 and p99 of each and
// the difference. Not a test: nothing here fails on a timing.
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { inRounds } from "../measure/rounds.ts";
import { percentile } from "../measure/stats.ts";
import { fixed, markdownTable } from "../report/markdown.ts";

const rounds = 5;
const requestsPerRun = 200;
const warmupRequests = 50;
const searchPath =
  "/20260430/aiDataPlatforms/ocid1.aidataplatform.oc1.iad.bench/actions/searchAuditLogs?limit=100";
const mockCli = join(
  dirname(createRequire(import.meta.url).resolve("@aidp/mock/package.json")),
  "dist",
  "cli.js",
);

async function startAidpMock(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [mockCli, "--port", "0", "--quiet", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await Promise.race([
    new Promise<string>((resolve) =>
      lines.on("line", (line) => {
        const match = /listening on (http:\S+)$/.exec(line);
        if (match?.[1]) resolve(match[1]);
      }),
    ),
    once(child, "exit").then(() => {
      throw new Error(`aidp-mock ${args.join(" ")} exited before listening: ${stderr.join("")}`);
    }),
  ]);
  return { url, child };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await once(child, "exit");
}

/** Latencies in ms of `count` searches sent one after the other. */
async function latencies(baseUrl: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${searchPath}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${baseUrl} answered ${response.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function gatewaySection(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), "aidp-bench-gateway-"));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyFile = join(directory, "key.pem");
  writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }) as string, { mode: 0o600 });
  const configFile = join(directory, "config");
  writeFileSync(
    configFile,
    `[DEFAULT]\nuser=ocid1.user.oc1..bench\nfingerprint=00:11\ntenancy=ocid1.tenancy.oc1..bench\nkey_file=${keyFile}\n`,
    { mode: 0o600 },
  );
  const children: ChildProcess[] = [];
  try {
    const upstream = await startAidpMock(["--records", "1000"]);
    children.push(upstream.child);
    const gateway = await startAidpMock(["--upstream", upstream.url, "--config-file", configFile]);
    children.push(gateway.child);
    const targets = { direct: upstream.url, "through the gateway": gateway.url } as const;
    type Target = keyof typeof targets;
    for (const url of Object.values(targets)) await latencies(url, warmupRequests);
    const runs = await inRounds(Object.keys(targets) as Target[], rounds, (target) =>
      latencies(targets[target], requestsPerRun),
    );
    const all = (target: Target) => (runs.get(target) ?? []).flat();
    const [direct, through] = [all("direct"), all("through the gateway")];
    const row = (name: string, samples: number[]) => [
      name,
      fixed(percentile(samples, 50), 2),
      fixed(percentile(samples, 99), 2),
    ];
    const added = (rank: number) => fixed(percentile(through, rank) - percentile(direct, rank), 2);
    return [
      "## 8. Validation gateway",
      "",
      "`aidp-mock --upstream` in front of `aidp-mock --records 1000` (two processes on 127.0.0.1): the gateway signs " +
        "each request with an RSA-2048 key from an OCI config file and checks the request and the answer against the " +
        `spec. One client, one request at a time: a search page of 100 records (about 30 kB), ${requestsPerRun} ` +
        `requests per target in each of ${rounds} interleaved rounds after ${warmupRequests} warm-up requests each.`,
      "",
      markdownTable(
        ["target", "p50 (ms)", "p99 (ms)"],
        [row("direct", direct), row("through the gateway", through)],
      ),
      "",
      `Added per request by the gateway: **${added(50)} ms at p50, ${added(99)} ms at p99** (the difference of the ` +
        "percentiles). No target: this is the price of a check, paid in a test environment, not in production.",
    ].join("\n");
  } finally {
    await Promise.all(children.map(stop));
    rmSync(directory, { recursive: true, force: true });
  }
}
