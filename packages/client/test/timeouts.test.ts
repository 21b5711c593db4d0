// The per-attempt timeout against a real server that accepts the request and never answers: on by default
// (60 s, the read timeout of the OCI SDKs), set per client or per call, turned off with `false`.

import { record, sendJson, startTestServer, type TestServer } from "@aidp/test-support/servers";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AidpAbortError,
  AidpTimeoutError,
  createAidpClient,
  DEFAULT_TIMEOUT_MS,
  type Logger,
} from "../src/index.ts";

const aiDataPlatformId = "ocid1.aidataplatform.oc1.iad.example";
let server: TestServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
});

// The fake timers below move only the client's timers; this file's own waits are bounded on real time, so a slow
// machine neither moves the client's clock nor waits forever.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** Settles like `promise`, or fails after 10 s of real time naming what it waited for. */
function withinRealTime<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = realSetTimeout(() => reject(new Error(`Gave up after 10 s waiting for ${what}.`)), 10_000);
  });
  return Promise.race([promise, bound]).finally(() => realClearTimeout(timer));
}

/** A server that reads each request, then holds the connection open; `arrived` settles with the first request. */
async function neverAnswering() {
  let onArrival = () => {};
  const arrived = new Promise<void>((resolve) => {
    onArrival = resolve;
  });
  server = await startTestServer(() => onArrival());
  return { ...server, arrived };
}

/** The call's outcome: `settled` turns true when it ends; `ended` resolves with its error (or "answered"). */
function watch(call: Promise<unknown>) {
  const watched = { settled: false, ended: Promise.resolve<unknown>(undefined) };
  watched.ended = call.then(
    () => "answered",
    (error: unknown) => error,
  );
  void watched.ended.finally(() => {
    watched.settled = true;
  });
  return watched;
}

describe("per-attempt timeout", () => {
  it("is 60 s unless set", () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(60_000);
  });

  it("is on by default: a server that never answers ends the call with AidpTimeoutError after 60 s", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { url, arrived, requests } = await neverAnswering();
    const aidp = createAidpClient({ baseUrl: url, retry: false });
    const call = watch(aidp.searchAuditLogs({ aiDataPlatformId }));
    await withinRealTime(arrived, "the request to reach the server");
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1);
    expect(call.settled, "still waiting 1 ms before the default timeout").toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await withinRealTime(call.ended, "the call to fail once 60 s have passed");
    expect(error).toBeInstanceOf(AidpTimeoutError);
    const sentId = requests[0]?.headers["opc-request-id"];
    expect((error as Error).message).toBe(
      `searchAuditLogs timed out after 60000 ms (opc-request-id ${sentId}, attempt 1)`,
    );
  });

  it("timeoutMs: false turns it off: the call waits until cancelled", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { url, arrived } = await neverAnswering();
    const controller = new AbortController();
    const aidp = createAidpClient({ baseUrl: url, retry: false, timeoutMs: 1_000 });
    const call = watch(
      aidp.searchAuditLogs({ aiDataPlatformId }, { timeoutMs: false, signal: controller.signal }),
    );
    await withinRealTime(arrived, "the request to reach the server");
    await vi.advanceTimersByTimeAsync(10 * DEFAULT_TIMEOUT_MS);
    expect(call.settled, "no timeout fired in 10 minutes").toBe(false);
    controller.abort();
    expect(await withinRealTime(call.ended, "the call to end on the caller's abort")).toBeInstanceOf(
      AidpAbortError,
    );
  });

  it("a short timeoutMs ends each attempt against a server that never answers, then the call, with the request id the server saw", async () => {
    const { url, requests } = await neverAnswering();
    const aidp = createAidpClient({ baseUrl: url, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await aidp
      .searchAuditLogs({ aiDataPlatformId }, { timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpTimeoutError);
    expect(requests).toHaveLength(2);
    const sentIds = new Set(requests.map((request) => request.headers["opc-request-id"]));
    expect(sentIds.size, "one id on both attempts").toBe(1);
    const [sentId] = sentIds;
    expect(sentId).toMatch(/^[0-9A-F]{32}$/);
    expect(error).toMatchObject({ requestId: sentId, attempt: 2 });
    expect((error as Error).message).toBe(
      `searchAuditLogs timed out after 100 ms (opc-request-id ${sentId}, attempt 2)`,
    );
  });

  it("a cancellation while waiting for the answer: AidpAbortError with the caller's request id and the attempt", async () => {
    const { url, arrived, requests } = await neverAnswering();
    const controller = new AbortController();
    const aidp = createAidpClient({ baseUrl: url, retry: false, timeoutMs: false });
    const call = watch(
      aidp.searchAuditLogs({ aiDataPlatformId, opcRequestId: "my-run-7" }, { signal: controller.signal }),
    );
    await withinRealTime(arrived, "the request to reach the server");
    controller.abort();
    const error = await withinRealTime(call.ended, "the call to end on the caller's abort");
    expect(error).toBeInstanceOf(AidpAbortError);
    expect(requests.map((request) => request.headers["opc-request-id"])).toEqual(["my-run-7"]);
    expect(error).toMatchObject({ requestId: "my-run-7", attempt: 1 });
    expect((error as Error).message).toBe(
      "searchAuditLogs was cancelled by its AbortSignal (opc-request-id my-run-7, attempt 1)",
    );
  });

  it("is in every attempt's log line: the default, the client's, the call's, or none", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 200, { items: [record(0)] }));
    const timeouts: unknown[] = [];
    const log = (_message: string, fields?: Record<string, unknown>) => timeouts.push(fields?.timeoutMs);
    const logger: Logger = { debug: log, info: log, warn: log, error: log };
    await createAidpClient({ baseUrl: server.url, logger }).searchAuditLogs({ aiDataPlatformId });
    const client = createAidpClient({ baseUrl: server.url, logger, timeoutMs: 5_000 });
    await client.searchAuditLogs({ aiDataPlatformId });
    await client.searchAuditLogs({ aiDataPlatformId }, { timeoutMs: 7_000 });
    await client.searchAuditLogs({ aiDataPlatformId }, { timeoutMs: false });
    expect(timeouts).toEqual([60_000, 5_000, 7_000, undefined]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, true, "100"])(
    "timeoutMs %s is refused, naming the option and the rule",
    (timeoutMs) => {
      expect(() =>
        createAidpClient({ baseUrl: "http://127.0.0.1:9", timeoutMs: timeoutMs as number }),
      ).toThrow(
        new TypeError(
          `createAidpClient: timeoutMs must be a number of ms > 0 and <= 2147483647, or false, got ${String(timeoutMs)}.`,
        ),
      );
    },
  );

  it("a deadline beyond what a timer holds is refused (Node would fire it after 1 ms)", () => {
    expect(() => createAidpClient({ baseUrl: "http://127.0.0.1:9", deadlineMs: 2 ** 31 })).toThrow(
      "createAidpClient: deadlineMs must be a number of ms > 0 and <= 2147483647, got 2147483648.",
    );
  });
});
