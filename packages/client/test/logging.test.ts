// The logger gets one line per attempt with operation, attempt, status, latency and request id, and nothing
// secret: no Authorization header, retry token or pre-authenticated URL.

import { record, sendJson, startTestServer, type TestServer } from "@aidp/test-support/servers";
import { afterEach, describe, expect, it } from "vitest";
import { createAidpClient } from "../src/index.ts";
import { capturingLogger } from "./capturing-logger.ts";

let server: TestServer | undefined;
afterEach(() => server?.close());

describe("logger", () => {
  it("gets one line per attempt: a warning per retry, then the success", async () => {
    server = await startTestServer((_req, res, index) =>
      index < 2
        ? sendJson(res, 503, { code: "Busy", message: "busy" }, { "opc-request-id": "srv" })
        : sendJson(res, 200, { items: [record(0)] }),
    );
    const { logger, lines } = capturingLogger();
    const aidp = createAidpClient({ baseUrl: server.url, logger, retry: { baseDelayMs: 5 } });
    await aidp.searchAuditLogs({
      aiDataPlatformId: "ocid1.x",
      opcRequestId: "REQ-42",
      opcRetryToken: "secret-retry-token",
    });
    expect(lines.map((l) => [l.level, l.fields?.attempt, l.fields?.status, l.fields?.outcome])).toEqual([
      ["warn", 1, 503, "retry"],
      ["warn", 2, 503, "retry"],
      ["debug", 3, 200, "success"],
    ]);
    for (const line of lines) {
      expect(line.fields).toMatchObject({ operation: "searchAuditLogs", requestId: "REQ-42" });
      expect(line.fields?.latencyMs).toEqual(expect.any(Number));
    }
    expect(JSON.stringify(lines)).not.toContain("secret-retry-token");
  });

  it("logs a transport failure as an error line on the last attempt", async () => {
    server = await startTestServer((_req, res) => {
      res.socket?.destroy();
    });
    const { logger, lines } = capturingLogger();
    const aidp = createAidpClient({ baseUrl: server.url, logger, retry: { maxAttempts: 2, baseDelayMs: 5 } });
    await expect(aidp.searchAuditLogs({ aiDataPlatformId: "ocid1.x" })).rejects.toThrow(
      `searchAuditLogs failed: exchange with ${new URL(server.url).host}: connection closed (UND_ERR_SOCKET)`,
    );
    expect(lines.map((l) => [l.level, l.fields?.attempt, l.fields?.outcome])).toEqual([
      ["warn", 1, "retry"],
      ["error", 2, "failure"],
    ]);
    expect(lines[1]?.fields?.error).toEqual(expect.any(String));
  });

  it("says 'retrying in N ms' with the wait it takes: the server's Retry-After", async () => {
    server = await startTestServer((_req, res, index) =>
      index === 0
        ? sendJson(res, 429, { code: "TooManyRequests", message: "slow down" }, { "retry-after": "1" })
        : sendJson(res, 200, { items: [record(0)] }),
    );
    const { logger, lines } = capturingLogger();
    const aidp = createAidpClient({ baseUrl: server.url, logger, retry: { maxDelayMs: 2_000 } });
    await aidp.searchAuditLogs({ aiDataPlatformId: "ocid1.x" });
    expect(lines.map((l) => [l.level, l.fields?.outcome, l.fields?.retryInMs])).toEqual([
      ["warn", "retry", 1_000],
      ["debug", "success", undefined],
    ]);
    expect(lines[0]?.message).toMatch(/^searchAuditLogs attempt 1: 429 in \d+ ms; retrying in 1000 ms$/);
  });

  it("never says 'retrying' when a Retry-After beyond maxDelayMs ends the retries, and says why", async () => {
    server = await startTestServer((_req, res) =>
      sendJson(res, 429, { code: "TooManyRequests", message: "slow down" }, { "retry-after": "120" }),
    );
    const { logger, lines } = capturingLogger();
    const aidp = createAidpClient({ baseUrl: server.url, logger, retry: { maxDelayMs: 2_000 } });
    await expect(aidp.searchAuditLogs({ aiDataPlatformId: "ocid1.x" })).rejects.toMatchObject({
      status: 429,
    });
    expect(lines.map((l) => [l.level, l.fields?.attempt, l.fields?.outcome])).toEqual([
      ["error", 1, "failure"],
    ]);
    expect(lines[0]?.message).not.toContain("retrying");
    expect(lines[0]?.message).toMatch(
      /; not retried: Retry-After of 120000 ms is beyond retry\.maxDelayMs \(2000 ms\)$/,
    );
    expect(server.requests).toHaveLength(1);
  });
});
