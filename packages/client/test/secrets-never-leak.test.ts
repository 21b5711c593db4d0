// Runs signed calls through the faults the client meets (retries, resets, cut bodies, timeouts, error
// statuses, cancellation, bad input) and scans every log line and every error it produced, in every form a
// user might print it, for the secrets: Authorization values, key material, passphrase, retry tokens, PAR URL.
import type { ServerResponse } from "node:http";
import { generateTestKeyPair, pemBody, TEST_IDENTITY, TEST_PASSPHRASE } from "@aidp/test-support";
import { record, sendJson, startTestServer, type TestServer } from "@aidp/test-support/servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyAuth as nodeApiKeyAuth } from "../src/auth/node/index.ts";
import { type CallOptions, createAidpClient, type Logger } from "../src/index.ts";

const PAR_URL =
  "https://objectstorage.us-ashburn-1.oraclecloud.com/p/PAR-SECRET-abc123/n/ns/b/logs/o/driver.log.gz";
const RETRY_TOKEN = "caller-retry-token-0123456789";
const keys = generateTestKeyPair();
const produced: unknown[] = [];
const logLines: unknown[] = [];
let server: TestServer;

const logger: Logger = {
  debug: (...args) => logLines.push(args),
  info: (...args) => logLines.push(args),
  warn: (...args) => logLines.push(args),
  error: (...args) => logLines.push(args),
};

/** Each scenario answers by the request's `x-scenario` header and attempt number. */
const attemptsByScenario = new Map<string, number>();
const scenarios: Record<string, (res: ServerResponse, attempt: number) => void> = {
  "retry-then-accept": (res, attempt) => {
    if (attempt === 1) return sendJson(res, 503, { code: "Busy", message: "busy" });
    res.writeHead(202, {
      "aidp-async-operation-key": "op",
      "datalake-cluster-log-par-url": PAR_URL,
      "opc-request-id": "rid",
    });
    res.end();
  },
  "par-url-on-error": (res) =>
    sendJson(
      res,
      500,
      { code: "InternalServerError", message: "boom" },
      { "datalake-cluster-log-par-url": PAR_URL },
    ),
  reset: (res) => void res.socket?.destroy(),
  "cut-body": (res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "400" });
    res.write('{"items":[');
    setTimeout(() => res.socket?.destroy(), 10);
  },
  slow: (res) => void setTimeout(() => sendJson(res, 200, { items: [record(0)] }), 1_000),
  "bad-request": (res) => sendJson(res, 400, { code: "InvalidParameter", message: "bad" }),
  "non-json": (res) => {
    res.writeHead(502, { "content-type": "text/plain" });
    res.end("upstream failed");
  },
};

beforeAll(async () => {
  server = await startTestServer((request, response) => {
    const scenario = String(request.headers["x-scenario"]);
    const attempt = (attemptsByScenario.get(scenario) ?? 0) + 1;
    attemptsByScenario.set(scenario, attempt);
    scenarios[scenario]?.(response, attempt);
  });
});
afterAll(() => server.close());

function clientFor(scenario: string) {
  return createAidpClient({
    baseUrl: server.url,
    headers: { "x-scenario": scenario },
    auth: nodeApiKeyAuth({ ...TEST_IDENTITY, privateKey: keys.encryptedPkcs1, passphrase: TEST_PASSPHRASE }),
    logger,
    retry: { maxAttempts: 2, baseDelayMs: 5 },
    timeoutMs: 200,
  });
}

const download = (scenario: string) =>
  clientFor(scenario).downloadClusterLogs({
    aiDataPlatformId: "ocid1.aidataplatform.oc1.iad.x",
    workspaceKey: "ws",
    clusterKey: "cl",
    opcRetryToken: RETRY_TOKEN,
    details: {
      logContentTypeContains: "driver",
      timeBegin: "2025-03-16T00:00:00Z",
      timeEnd: "2025-03-16T23:59:59Z",
    },
  });
const search = (scenario: string, extra: Record<string, unknown> = {}, options?: CallOptions) =>
  clientFor(scenario).searchAuditLogs(
    { aiDataPlatformId: "ocid1.aidataplatform.oc1.iad.x", opcRetryToken: RETRY_TOKEN, ...extra },
    options,
  );

async function capture(call: Promise<unknown>) {
  produced.push(await call.catch((error: unknown) => error));
}

/** Every way a user might print an error or a result. */
function renderings(value: unknown): string[] {
  if (!(value instanceof Error)) return [JSON.stringify(value) ?? "", String(value)];
  const withCause = (error: unknown): string =>
    error instanceof Error
      ? `${error.name}: ${error.message}\n${error.stack}\n${withCause(error.cause)}`
      : String(error ?? "");
  // An AidpApiError carries the answer's headers and body: a Headers object stringifies as `{}`, so list them.
  const answer =
    "headers" in value && value.headers instanceof Headers
      ? [JSON.stringify([...value.headers]), JSON.stringify((value as { body?: unknown }).body)]
      : [];
  return [String(value), withCause(value), JSON.stringify(value), JSON.stringify({ ...value }), ...answer];
}

describe("secrets", () => {
  it("never appear in what the fault suite logs or throws", async () => {
    await capture(download("retry-then-accept"));
    await capture(search("par-url-on-error"));
    await capture(search("reset"));
    await capture(search("cut-body"));
    await capture(search("slow"));
    await capture(search("bad-request"));
    await capture(search("non-json"));
    await capture(search("reset", {}, { signal: AbortSignal.abort() }));
    await capture(search("bad-request", { opcRetryToken: `${RETRY_TOKEN}\n` }));
    await capture(
      (async () => {
        const auth = nodeApiKeyAuth({
          ...TEST_IDENTITY,
          privateKey: keys.encryptedPkcs8,
          passphrase: "wrong",
        });
        return createAidpClient({ baseUrl: server.url, auth }).searchAuditLogs({ aiDataPlatformId: "x" });
      })(),
    );

    const authorizations = server.requests.map((r) => String(r.headers.authorization));
    expect(authorizations.filter((a) => a.startsWith("Signature ")).length).toBeGreaterThan(8);
    const signatures = authorizations
      .map((a) => /signature="([^"]+)"/.exec(a)?.[1])
      .filter((s): s is string => Boolean(s));
    const secrets = [
      PAR_URL,
      "PAR-SECRET-abc123",
      RETRY_TOKEN,
      TEST_PASSPHRASE,
      pemBody(keys.pkcs8),
      pemBody(keys.encryptedPkcs1),
      pemBody(keys.encryptedPkcs8),
      ...signatures,
    ];

    expect(produced.filter((p) => p instanceof Error).length).toBeGreaterThanOrEqual(8);
    expect(logLines.length).toBeGreaterThan(10);
    const everything = [
      ...produced.flatMap(renderings),
      ...logLines.map((line) => JSON.stringify(line)),
    ].join("\n");
    for (const secret of secrets)
      expect(everything.includes(secret), `leaked: ${secret.slice(0, 24)}...`).toBe(false);
  });
});
