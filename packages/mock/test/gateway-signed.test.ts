// The gateway in front of our own stateful mock run with --verify-signatures: the upstream checks real OCI
// signatures, so a request only gets through if the gateway signed it for the upstream's host. Both operations,
// every page of a search, the drift report (zero violations) and the record file.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiKeyAuth, createAidpClient } from "@aidp/client";
import { afterAll, describe, expect, it } from "vitest";
import {
  DRIFT_REPORT_PATH,
  type DriftReport,
  type GatewayOptions,
  type RunningGateway,
  startGateway,
} from "../src/gateway/index.ts";
import { type RunningMock, startMock } from "../src/index.ts";
import { call, pageThrough, validBodies } from "./support.ts";

const identity = { tenancy: "ocid1.tenancy.oc1..t", user: "ocid1.user.oc1..u", fingerprint: "12:34:56" };
const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const directory = mkdtempSync(join(tmpdir(), "aidp-gateway-signed-"));
const publicKeyFile = join(directory, "key.pem");
writeFileSync(publicKeyFile, publicKey.export({ type: "spki", format: "pem" }) as string);
const auth = apiKeyAuth({
  ...identity,
  privateKey: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
});
const reportFile = join(directory, "report.json");
const recordFile = join(directory, "records.ndjson");

const started: (RunningMock | RunningGateway)[] = [];
afterAll(async () => {
  await Promise.all(started.map((running) => running.stop()));
  rmSync(directory, { recursive: true, force: true });
});
async function start(options: Parameters<typeof startMock>[0]): Promise<RunningMock> {
  const running = await startMock({ port: 0, ...options });
  started.push(running);
  return running;
}
async function startGatewayTo(options: GatewayOptions): Promise<RunningGateway> {
  const running = await startGateway({ port: 0, ...options });
  started.push(running);
  return running;
}

const upstream = await start({ verifySignatures: publicKeyFile, records: 250 });
const logLines: string[] = [];
const gateway = await startGatewayTo({
  upstream: upstream.url,
  auth,
  report: reportFile,
  record: recordFile,
  onLog: (line) => logLines.push(line),
});
const unsignedGateway = await startGatewayTo({ upstream: upstream.url, auth: "none" });

async function liveReport(url: string): Promise<DriftReport> {
  const response = await fetch(`${url}${DRIFT_REPORT_PATH}`);
  expect(response.status).toBe(200);
  return (await response.json()) as DriftReport;
}

describe("a gateway in front of a mock that verifies signatures", () => {
  it("the upstream refuses what the gateway forwards unsigned (the control)", async () => {
    const answer = await call(unsignedGateway.url, "searchAuditLogs");
    expect(answer.status).toBe(401);
    expect(answer.body.message).toContain("Authorization");
  });

  it("signs a search sent with someone else's signature, and every page comes through", async () => {
    // support.ts's `call` sends an Authorization header that signs nothing: the gateway must drop it.
    const through = await pageThrough(gateway.url, {}, 40);
    expect(through.pages).toBe(7);
    expect(through.items).toHaveLength(250);
    const keys = through.items.map((item) => item.eventId);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("an unsigned client reads every record through it (searchAuditLogsItems) and starts a log export", async () => {
    const client = createAidpClient({ baseUrl: gateway.url, retry: false });
    const items = [];
    for await (const item of client.searchAuditLogsItems({ aiDataPlatformId: "ocid1.x", limit: 100 })) {
      items.push(item);
    }
    expect(items).toHaveLength(250);
    const job = await client.downloadClusterLogs({
      aiDataPlatformId: "ocid1.x",
      workspaceKey: "ws-1",
      clusterKey: "cl-1",
      details: validBodies.downloadClusterLogs as never,
    });
    expect(job.asyncOperationKey).toMatch(/\S/);
    expect(job.logParUrl).toContain(upstream.url);
  });

  it("reports every request and no violation, live and in the file written on stop", async () => {
    const live = await liveReport(gateway.url);
    expect(live.violations).toEqual([]);
    expect(live.upstreamFailures).toEqual([]);
    expect(live.requests).toBeGreaterThanOrEqual(4);
    expect(live.upstream).toBe(upstream.url);
    const lines = logLines.filter((line) => line.startsWith("POST /20260430/"));
    expect(lines).toHaveLength(live.requests); // one line per request
    expect(lines.filter((line) => /→ 200 in \d+ ms, 0 violations$/.test(line))).toHaveLength(
      live.requests - 1,
    );
    expect(lines.filter((line) => /→ 202 in \d+ ms, 0 violations$/.test(line))).toHaveLength(1);

    await gateway.stop();
    const written = JSON.parse(readFileSync(reportFile, "utf8")) as DriftReport;
    expect(written).toEqual(gateway.driftReport());
    expect(written.requests).toBe(live.requests);
    expect(statSync(reportFile).mode & 0o777).toBe(0o600);
  });

  it("recorded exactly the records it served, in a file that aidp-mock --records-file serves", async () => {
    await gateway.stop();
    const recorded = readFileSync(recordFile, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    // The whole data set (250) twice: paged by `call` above, then by the client.
    const everything = await pageThrough(
      await startGatewayTo({ upstream: upstream.url, auth }).then((other) => other.url),
      {},
      1000,
    );
    expect(recorded).toEqual([...everything.items, ...everything.items]);

    const replay = await start({ recordsFile: recordFile });
    const replayed = await pageThrough(replay.url, {}, 1000);
    expect(replayed.items).toHaveLength(recorded.length);
    expect(statSync(recordFile).mode & 0o777).toBe(0o600);
  });
});
