// The call's deadlineMs and retries: a wait (Retry-After or backoff) that would end at or past the deadline is not
// taken. The log never announces a retry that cannot happen; it says why the attempt is not retried, and the call
// ends at once with AidpTimeoutError (the deadline's documented error) instead of at the deadline.
import { record, sendJson, startTestServer, type TestServer } from "@aidp/test-support/servers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AidpTimeoutError, createAidpClient, type Logger } from "../src/index.ts";
import { capturingLogger, type LoggedLine } from "./capturing-logger.ts";

const aiDataPlatformId = "ocid1.aidataplatform.oc1.iad.example";
const busy = { code: "ServiceUnavailable", message: "busy" };
let server: TestServer | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  return server?.close();
});

/**
 * A client whose backoff after attempt 1 is 9990 ms, past the deadlines below: full jitter draws the wait at random
 * up to 10 s, and the draw is pinned near its ceiling.
 */
function longBackoffClient(baseUrl: string, logger: Logger, options: { deadlineMs?: number } = {}) {
  vi.spyOn(Math, "random").mockReturnValue(0.999);
  return createAidpClient({
    baseUrl,
    logger,
    retry: { maxAttempts: 4, baseDelayMs: 10_000, maxDelayMs: 10_000 },
    ...options,
  });
}

const summary = (lines: LoggedLine[]) =>
  lines.map((l) => [l.level, l.fields?.attempt, l.fields?.status, l.fields?.outcome, l.fields?.retryInMs]);

describe("a deadline that ends before the next attempt", () => {
  it("503 with a Retry-After past the deadline: not retried, logged why, AidpTimeoutError at once", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 503, busy, { "retry-after": "5" }));
    const { logger, lines } = capturingLogger();
    const aidp = createAidpClient({ baseUrl: server.url, logger });
    // The call's deadline (3 s) is shorter than the server's Retry-After (5 s) and far longer than one attempt.
    const error = await aidp
      .searchAuditLogs({ aiDataPlatformId }, { deadlineMs: 3_000 })
      .catch((e: unknown) => e);

    expect(summary(lines)).toEqual([["error", 1, 503, "failure", undefined]]);
    const reason = /deadlineMs 3000 ends before the next attempt: Retry-After of 5000 ms, \d+ ms left/;
    expect(lines[0]?.message).toMatch(
      new RegExp(`^searchAuditLogs attempt 1: 503 in \\d+ ms; not retried: ${reason.source}$`),
    );
    expect(lines[0]?.message).not.toContain("retrying");
    expect(lines[0]?.fields?.notRetried).toMatch(new RegExp(`^${reason.source}$`));
    expect(error).toBeInstanceOf(AidpTimeoutError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^searchAuditLogs missed its deadline: attempt 1 got status 503, not retried as ${reason.source} \\(opc-request-id ${server.requests[0]?.headers["opc-request-id"]}, attempt 1\\)$`,
      ),
    );
    expect(server.requests).toHaveLength(1);
  });

  it("a backoff past the deadline: not retried, logged why, AidpTimeoutError at once", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 503, busy));
    const { logger, lines } = capturingLogger();
    const aidp = longBackoffClient(server.url, logger, { deadlineMs: 5_000 });
    const error = await aidp.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e);

    expect(summary(lines)).toEqual([["error", 1, 503, "failure", undefined]]);
    expect(lines[0]?.message).toMatch(
      /; not retried: deadlineMs 5000 ends before the next attempt: backoff of 9990 ms, \d+ ms left$/,
    );
    expect(error).toBeInstanceOf(AidpTimeoutError);
    expect((error as Error).message).toMatch(/attempt 1 got status 503, not retried as deadlineMs 5000 ends/);
    expect(server.requests).toHaveLength(1);
  });

  it("a connection failure: the AidpTimeoutError's cause is the failure of the last attempt", async () => {
    server = await startTestServer((_req, res) => {
      res.socket?.destroy();
    });
    const { logger, lines } = capturingLogger();
    const aidp = longBackoffClient(server.url, logger);
    const error = await aidp
      .searchAuditLogs({ aiDataPlatformId }, { deadlineMs: 5_000 })
      .catch((e: unknown) => e);

    expect(summary(lines)).toEqual([["error", 1, undefined, "failure", undefined]]);
    expect(lines[0]?.fields?.notRetried).toMatch(/^deadlineMs 5000 ends before the next attempt/);
    expect(error).toBeInstanceOf(AidpTimeoutError);
    expect((error as Error).message).toContain(`attempt 1 got ${lines[0]?.fields?.error}, not retried`);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
  });

  it("a wait that ends before the deadline is still taken", async () => {
    server = await startTestServer((_req, res, index) =>
      index === 0
        ? sendJson(res, 503, busy, { "retry-after": "0" })
        : sendJson(res, 200, { items: [record(0)] }),
    );
    const { logger, lines } = capturingLogger();
    const aidp = createAidpClient({ baseUrl: server.url, logger });
    const page = await aidp.searchAuditLogs({ aiDataPlatformId }, { deadlineMs: 10_000 });

    expect(page.items).toHaveLength(1);
    expect(summary(lines)).toEqual([
      ["warn", 1, 503, "retry", 0],
      ["debug", 2, 200, "success", undefined],
    ]);
  });
});

describe("a deadline that passes during an attempt", () => {
  it("aborts the attempt: AidpTimeoutError", async () => {
    // A server that never answers: only the deadline (or the 60 s attempt timeout) can end the call.
    server = await startTestServer(() => {});
    const aidp = createAidpClient({ baseUrl: server.url });
    const error = await aidp
      .searchAuditLogs({ aiDataPlatformId }, { deadlineMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpTimeoutError);
    const sentId = server.requests[0]?.headers["opc-request-id"];
    expect((error as Error).message).toBe(
      `searchAuditLogs missed its deadline (opc-request-id ${sentId}, attempt 1)`,
    );
  });
});
