// Fault injection against a real node:http server: which failures are retried, how often, how long it waits,
// and that every attempt carries the same opc-retry-token and opc-request-id.
import type { ServerResponse } from "node:http";
import { runInNewContext } from "node:vm";
import {
  closedPort,
  type RecordedRequest,
  record,
  sendJson,
  startTestServer,
  type TestServer,
} from "@aidp/test-support/servers";
import { afterEach, describe, expect, it } from "vitest";
import {
  AidpAbortError,
  AidpAuthError,
  AidpBadRequestError,
  AidpConnectionError,
  AidpTimeoutError,
  AidpTooManyRequestsError,
  createAidpClient,
  describeNetworkFailure,
  NetworkFailure,
} from "../src/index.ts";

const aiDataPlatformId = "ocid1.aidataplatform.oc1.iad.example";
const fastRetry = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 2_000 };
const page = { items: [record(0)] };
const apiError = (code: string) => ({ code, message: `${code} from the fault server` });
let server: TestServer | undefined;
afterEach(() => server?.close());

type Step = (response: ServerResponse) => void;
const status =
  (code: number, body: unknown = apiError(`Status${code}`), headers: Record<string, string> = {}): Step =>
  (res) =>
    sendJson(res, code, body, headers);
const ok: Step = status(200, page);
const reset: Step = (res) => res.socket?.destroy();
const cutMidBody: Step = (res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
  res.write('{"items":[{"eventId":');
  setTimeout(() => res.socket?.destroy(), 20);
};
/** Reads the request and never answers (the test server closes the connection when the test ends). */
const silent: Step = () => {};

/** A logger that keeps each attempt's number, outcome and failure text. */
function attemptLines() {
  const outcomes: [unknown, unknown, unknown][] = [];
  const keep = (_message: string, fields?: Record<string, unknown>) =>
    outcomes.push([fields?.attempt, fields?.outcome, fields?.error]);
  return { outcomes, logger: { debug: keep, info: keep, warn: keep, error: keep } };
}

/** Starts a server that plays `steps` in order (the last one repeats). */
async function serverPlaying(steps: Step[]) {
  server = await startTestServer((_req, res, index) =>
    (steps[Math.min(index, steps.length - 1)] as Step)(res),
  );
  return server;
}

function expectSameIdsOnEveryAttempt(requests: RecordedRequest[]) {
  const tokens = new Set(requests.map((r) => r.headers["opc-retry-token"]));
  const ids = new Set(requests.map((r) => r.headers["opc-request-id"]));
  expect(tokens.size, "one retry token for all attempts").toBe(1);
  expect(ids.size, "one request id for all attempts").toBe(1);
  expect([...tokens][0]).toMatch(/^[\w-]{1,64}$/);
}

/** The call's value or its error. */
function settled<T>(run: () => Promise<T>) {
  return run().then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
}

describe("retries", () => {
  it("503, 503, then 200: three attempts and the page", async () => {
    const { url, requests } = await serverPlaying([status(503), status(503), ok]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry });
    const { value } = await settled(() => aidp.searchAuditLogs({ aiDataPlatformId }));
    expect(value?.items).toEqual(page.items);
    expect(requests).toHaveLength(3);
    expectSameIdsOnEveryAttempt(requests);
  });

  it("429 with Retry-After: 1 waits about a second, then succeeds", async () => {
    const { url, requests } = await serverPlaying([
      status(429, apiError("TooManyRequests"), { "retry-after": "1" }),
      ok,
    ]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry });
    const { value } = await settled(() => aidp.searchAuditLogs({ aiDataPlatformId }));
    expect(value?.items).toHaveLength(1);
    expect(requests).toHaveLength(2);
    const gap = (requests[1]?.receivedAt ?? 0) - (requests[0]?.receivedAt ?? 0);
    expect(gap).toBeGreaterThanOrEqual(950);
    expectSameIdsOnEveryAttempt(requests);
  });

  it("a Retry-After beyond maxDelayMs ends the retries with the 429", async () => {
    const { url, requests } = await serverPlaying([
      status(429, apiError("TooManyRequests"), { "retry-after": "120" }),
      ok,
    ]);
    const lines = attemptLines();
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry, logger: lines.logger });
    const { error } = await settled(() => aidp.searchAuditLogs({ aiDataPlatformId }));
    // Not the 120 s it was asked to wait: the first attempt's outcome is the call's, with no wait announced.
    expect(error).toBeInstanceOf(AidpTooManyRequestsError);
    expect(requests).toHaveLength(1);
    expect(lines.outcomes).toEqual([[1, "failure", undefined]]);
  });

  it("a call's retry options merge over the defaults: client `retry: false`, call `{ maxAttempts: 3 }`", async () => {
    // Unspecified fields come from the defaults (maxDelayMs 30 s), so a Retry-After of 1 s is honoured; a merge
    // over `false` gave maxDelayMs 0, and any Retry-After ended the retries.
    const { url, requests } = await serverPlaying([
      status(429, apiError("TooManyRequests"), { "retry-after": "1" }),
      ok,
    ]);
    const aidp = createAidpClient({ baseUrl: url, retry: false });
    const result = await aidp.searchAuditLogs({ aiDataPlatformId }, { retry: { maxAttempts: 3 } });
    expect(result.items).toEqual(page.items);
    expect(requests).toHaveLength(2);
    expectSameIdsOnEveryAttempt(requests);
  });

  it("a connection reset before the response is retried", async () => {
    const { url, requests } = await serverPlaying([reset, ok]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry });
    expect((await aidp.searchAuditLogs({ aiDataPlatformId })).items).toHaveLength(1);
    expect(requests).toHaveLength(2);
    expectSameIdsOnEveryAttempt(requests);
  });

  it("a response cut off mid-JSON is retried", async () => {
    const { url, requests } = await serverPlaying([cutMidBody, ok]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry });
    expect((await aidp.searchAuditLogs({ aiDataPlatformId })).items).toHaveLength(1);
    expect(requests).toHaveLength(2);
    expectSameIdsOnEveryAttempt(requests);
  });

  it("resets on every attempt end in AidpConnectionError carrying the cause", async () => {
    const { url, requests } = await serverPlaying([reset]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry });
    const { error } = await settled(() => aidp.searchAuditLogs({ aiDataPlatformId }));
    expect(error).toBeInstanceOf(AidpConnectionError);
    expect((error as Error).cause).toBeDefined();
    expect(requests).toHaveLength(4);
    expectSameIdsOnEveryAttempt(requests);
  });

  it("a response slower than timeoutMs is aborted and retried", async () => {
    const { url, requests } = await serverPlaying([silent, ok]);
    const lines = attemptLines();
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry, timeoutMs: 200, logger: lines.logger });
    const { value } = await settled(() => aidp.searchAuditLogs({ aiDataPlatformId }));
    // The page came from the second attempt: the first was aborted at its timeout (the server never answers it).
    expect(value?.items).toHaveLength(1);
    expect(requests).toHaveLength(2);
    expect(lines.outcomes).toEqual([
      [1, "retry", "timed out after 200 ms"],
      [2, "success", undefined],
    ]);
    expectSameIdsOnEveryAttempt(requests);
  });

  it("slow on every attempt ends in AidpTimeoutError", async () => {
    const { url, requests } = await serverPlaying([silent]);
    const aidp = createAidpClient({ baseUrl: url, retry: { ...fastRetry, maxAttempts: 2 }, timeoutMs: 150 });
    const { error } = await settled(() => aidp.searchAuditLogs({ aiDataPlatformId }));
    // The server never answers: only the timeout can have ended the call, on its second attempt.
    expect(error).toBeInstanceOf(AidpTimeoutError);
    expect(error).toMatchObject({ attempt: 2, requestId: requests[0]?.headers["opc-request-id"] });
    expect(requests).toHaveLength(2);
  });

  it("400 is not retried", async () => {
    const { url, requests } = await serverPlaying([status(400, apiError("InvalidParameter")), ok]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry });
    const { error } = await settled(() => aidp.searchAuditLogs({ aiDataPlatformId }));
    expect(error).toBeInstanceOf(AidpBadRequestError);
    expect(requests).toHaveLength(1);
  });

  it.each([401, 404, 412])("%i is not retried", async (code) => {
    const { url, requests } = await serverPlaying([status(code), ok]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry });
    await expect(aidp.searchAuditLogs({ aiDataPlatformId })).rejects.toMatchObject({ status: code });
    expect(requests).toHaveLength(1);
  });

  it("409 IncorrectState is retried; any other 409 is not", async () => {
    const transient = await serverPlaying([status(409, apiError("IncorrectState")), ok]);
    const aidp = createAidpClient({ baseUrl: transient.url, retry: fastRetry });
    expect((await aidp.searchAuditLogs({ aiDataPlatformId })).items).toHaveLength(1);
    expect(transient.requests).toHaveLength(2);
    expectSameIdsOnEveryAttempt(transient.requests);
    await transient.close();

    const permanent = await serverPlaying([status(409, apiError("Conflict")), ok]);
    const other = createAidpClient({ baseUrl: permanent.url, retry: fastRetry });
    await expect(other.searchAuditLogs({ aiDataPlatformId })).rejects.toMatchObject({
      status: 409,
      code: "Conflict",
    });
    expect(permanent.requests).toHaveLength(1);
  });

  it("a 409 IncorrectState on the last attempt is logged as a 503 would be: not retried, maxAttempts reached", async () => {
    const { url } = await serverPlaying([status(409, apiError("IncorrectState"))]);
    const errors: string[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (message: string) => errors.push(message) };
    const aidp = createAidpClient({ baseUrl: url, retry: { ...fastRetry, maxAttempts: 2 }, logger });
    await expect(aidp.searchAuditLogs({ aiDataPlatformId })).rejects.toMatchObject({
      code: "IncorrectState",
    });
    expect(errors).toEqual([expect.stringMatching(/; not retried: retry\.maxAttempts \(2\) reached$/)]);
  });

  it("409 IncorrectState is retried through raw too, whose answers are read as bytes", async () => {
    const transient = await serverPlaying([status(409, apiError("IncorrectState")), ok]);
    const aidp = createAidpClient({ baseUrl: transient.url, retry: fastRetry });
    const { data, response } = await aidp.raw.POST(
      "/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs",
      { params: { path: { aiDataPlatformId } }, body: {} },
    );
    expect(response.status).toBe(200);
    expect(data?.items).toHaveLength(1);
    expect(transient.requests).toHaveLength(2);
  });

  it.each([500, 502, 504])("%i is retried", async (code) => {
    const { url, requests } = await serverPlaying([status(code), ok]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry });
    expect((await aidp.searchAuditLogs({ aiDataPlatformId })).items).toHaveLength(1);
    expect(requests).toHaveLength(2);
  });

  it("retry: false makes one attempt", async () => {
    const { url, requests } = await serverPlaying([status(503), ok]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry });
    await expect(aidp.searchAuditLogs({ aiDataPlatformId }, { retry: false })).rejects.toMatchObject({
      status: 503,
    });
    expect(requests).toHaveLength(1);
  });

  it("a retried DownloadClusterLogs sends one retry token, so the export cannot start twice", async () => {
    const accepted: Step = (res) => {
      res.writeHead(202, { "aidp-async-operation-key": "op-1", "opc-request-id": "rid" });
      res.end();
    };
    const { url, requests } = await serverPlaying([status(503), reset, accepted]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry });
    const job = await aidp.downloadClusterLogs({
      aiDataPlatformId,
      workspaceKey: "ws",
      clusterKey: "cl",
      details: {
        logContentTypeContains: "driver",
        timeBegin: "2025-03-16T00:00:00Z",
        timeEnd: "2025-03-16T23:59:59Z",
      },
    });
    expect(job.asyncOperationKey).toBe("op-1");
    expect(requests).toHaveLength(3);
    expectSameIdsOnEveryAttempt(requests);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
  });

  it("keeps a caller's own retry token and request id on every attempt", async () => {
    const { url, requests } = await serverPlaying([status(500), ok]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry });
    await aidp.searchAuditLogs({ aiDataPlatformId, opcRetryToken: "my-token", opcRequestId: "my-request" });
    expect(requests.map((r) => [r.headers["opc-retry-token"], r.headers["opc-request-id"]])).toEqual([
      ["my-token", "my-request"],
      ["my-token", "my-request"],
    ]);
  });
});

describe("network failures", () => {
  it("connection refused names the host, the port and ECONNREFUSED, keeps the cause, and shows no path", async () => {
    const port = await closedPort();
    const aidp = createAidpClient({ baseUrl: `http://127.0.0.1:${port}/api/private-path`, retry: false });
    const error = (await aidp
      .searchAuditLogs({ aiDataPlatformId, opcRequestId: "refused-1" })
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(AidpConnectionError);
    expect(error.message).toBe(
      `searchAuditLogs failed: connecting to 127.0.0.1:${port}: connection refused: nothing listens there (ECONNREFUSED) (opc-request-id refused-1, attempt 1)`,
    );
    expect(error).toMatchObject({ requestId: "refused-1", attempt: 1 });
    expect(error.cause).toBeInstanceOf(NetworkFailure);
    expect(error.cause).toMatchObject({ step: "connect", code: "ECONNREFUSED", timedOut: false });
    expect((error.cause as Error).cause).toBeInstanceOf(TypeError);
  });

  it("an unknown host names the host, the default port and the lookup's code", async () => {
    const aidp = createAidpClient({ baseUrl: "http://no-such-host.invalid", retry: false });
    const error = (await aidp.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(AidpConnectionError);
    expect(error.message).toMatch(
      /^searchAuditLogs failed: looking up no-such-host\.invalid:80: (no such host \(ENOTFOUND\)|DNS cannot resolve it now \(EAI_AGAIN\)) \(opc-request-id [0-9A-F]{32}, attempt 1\)$/,
    );
  });

  it("a NetworkFailure made by hand takes its five fields, nothing else of the object it is given", () => {
    const details = {
      step: "connect",
      hostPort: "example.invalid:443",
      code: "ECONNREFUSED",
      words: "refused",
    };
    const failure = new NetworkFailure({
      ...details,
      timedOut: false,
      message: "not mine",
      extra: 1,
    } as never);
    expect(failure.message).toBe("connecting to example.invalid:443: refused (ECONNREFUSED)");
    expect(Object.keys(failure).sort()).toEqual(["code", "hostPort", "name", "step", "timedOut", "words"]);
  });

  it("finds the code down causes that are not this realm's Errors: a vm context's, a plain object", () => {
    const url = "https://aidp.example.invalid/x";
    // fetch's TypeError whose cause was made in another realm (a vm context, as Jest's environments are).
    const otherRealm = runInNewContext(
      'Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" })',
    ) as object;
    expect(otherRealm instanceof Error).toBe(false);
    expect(describeNetworkFailure(new TypeError("fetch failed", { cause: otherRealm }), url).message).toBe(
      "connecting to aidp.example.invalid:443: connection refused: nothing listens there (ECONNREFUSED)",
    );
    // A custom fetch's cause given as a plain object, inside an AggregateError of the addresses tried.
    const tried = new AggregateError([{ code: "ECONNRESET" }], "every address failed");
    expect(describeNetworkFailure(new TypeError("fetch failed", { cause: tried }), url)).toMatchObject({
      step: "exchange",
      code: "ECONNRESET",
      words: "connection reset",
    });
  });

  it("a connection closed before the answer says so, with undici's code", async () => {
    const { url } = await serverPlaying([reset]);
    const aidp = createAidpClient({ baseUrl: url, retry: false });
    const error = (await aidp.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(AidpConnectionError);
    expect(error.message).toMatch(
      `searchAuditLogs failed: exchange with ${new URL(url).host}: connection closed (UND_ERR_SOCKET) (opc-request-id `,
    );
  });
});

describe("answers that arrive in pieces", () => {
  it("a character split between two pieces of the answer is read whole", async () => {
    // "é" is 2 bytes and the rocket 4 in UTF-8: each chunk ends inside one, and the next one finishes it.
    const bytes = Buffer.from(JSON.stringify({ items: [{ ...record(0), objectName: "café 🚀" }] }));
    const splits = [bytes.indexOf("é") + 1, bytes.indexOf(Buffer.from("🚀")) + 2];
    const { url } = await serverPlaying([
      (res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": String(bytes.length) });
        res.write(bytes.subarray(0, splits[0]));
        setTimeout(() => res.write(bytes.subarray(splits[0], splits[1])), 20);
        setTimeout(() => res.end(bytes.subarray(splits[1])), 40);
      },
    ]);
    const page = await createAidpClient({ baseUrl: url }).searchAuditLogs({ aiDataPlatformId });
    expect(page.items[0]?.objectName).toBe("café 🚀");
  });
});

describe("ids", () => {
  it("needs no crypto.randomUUID, which a browser page served over plain http does not have", async () => {
    const { requests } = await serverPlaying([ok]);
    const randomUUID = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(crypto), "randomUUID");
    Object.defineProperty(Object.getPrototypeOf(crypto), "randomUUID", {
      value: undefined,
      configurable: true,
    });
    try {
      const aidp = createAidpClient({ baseUrl: (server as TestServer).url });
      await aidp
        .downloadClusterLogs({
          aiDataPlatformId,
          workspaceKey: "w",
          clusterKey: "c",
          details: {
            logContentTypeContains: "x",
            timeBegin: "2025-03-01T00:00:00Z",
            timeEnd: "2025-03-02T00:00:00Z",
          },
        })
        .catch(() => undefined);
    } finally {
      if (randomUUID) Object.defineProperty(Object.getPrototypeOf(crypto), "randomUUID", randomUUID);
    }
    // Two random 64-bit integers in decimal: the header's charset, within the retry token's 64 characters.
    expect(requests[0]?.headers["opc-request-id"]).toMatch(/^\d{2,40}$/);
    expect(requests[0]?.headers["opc-retry-token"]).toMatch(/^\d{2,40}$/);
    expect(requests[0]?.headers["opc-retry-token"]).not.toBe(requests[0]?.headers["opc-request-id"]);
  });

  it("are 32 hex digits from crypto.randomUUID where there is one", async () => {
    const { requests } = await serverPlaying([ok]);
    const aidp = createAidpClient({ baseUrl: (server as TestServer).url });
    await aidp.searchAuditLogs({ aiDataPlatformId }).catch(() => undefined);
    expect(requests[0]?.headers["opc-request-id"]).toMatch(/^[0-9A-F]{32}$/);
    expect(requests[0]?.headers["opc-retry-token"]).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("signing failures", () => {
  it.each([
    ["an AidpAuthError of the provider", new AidpAuthError("The session token file cannot be read")],
    ["any other failure, as an AidpAuthError", new DOMException("key unusable", "InvalidAccessError")],
  ])("%s: one try, nothing sent, not a connection error", async (_name, failure) => {
    const { requests } = await serverPlaying([ok]);
    let tries = 0;
    const auth = {
      region: undefined,
      async signRequest(): Promise<Headers> {
        tries++;
        throw failure;
      },
    };
    const aidp = createAidpClient({ baseUrl: (server as TestServer).url, auth, retry: fastRetry });
    const error = await aidp.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpAuthError);
    expect(String(error)).toMatch(
      failure instanceof AidpAuthError ? /session token file/ : /signing the request failed: key unusable/,
    );
    expect(tries).toBe(1);
    expect(requests).toHaveLength(0);
  });
});

describe("cancellation (deadlines: deadline.test.ts)", () => {
  it("an abort during the backoff sleep ends the call at once with AidpAbortError", async () => {
    const { url, requests } = await serverPlaying([status(503)]);
    const controller = new AbortController();
    // Abort when the client says it will retry: from then on it sleeps its 10 s backoff (an event, not a
    // fixed delay, so a busy machine that is slow to send the first attempt changes nothing).
    const abortOnRetry = (_message: string, fields?: Record<string, unknown>) => {
      if (fields?.outcome === "retry") controller.abort();
    };
    const aidp = createAidpClient({
      baseUrl: url,
      retry: { maxAttempts: 4, baseDelayMs: 10_000, maxDelayMs: 10_000 },
      logger: { debug() {}, info() {}, warn: abortOnRetry, error() {} },
    });
    const { error } = await settled(() =>
      aidp.searchAuditLogs({ aiDataPlatformId }, { signal: controller.signal }),
    );
    // The test's own timeout (20 s) is past the 10 s backoff, so only the abort can have ended this call early
    // with AidpAbortError, naming the attempt it followed; no second attempt was sent.
    expect(error).toBeInstanceOf(AidpAbortError);
    expect(error).toMatchObject({ attempt: 1, requestId: requests[0]?.headers["opc-request-id"] });
    expect(requests.length).toBe(1);
  });

  it("an abort while waiting for the response aborts the fetch", async () => {
    // Aborted once the request has reached the server, which never answers it: the attempt is then in flight
    // however busy the machine is (a fixed 100 ms timeout could fire before the request was even sent).
    const controller = new AbortController();
    const { url, requests } = await serverPlaying([() => controller.abort()]);
    const aidp = createAidpClient({ baseUrl: url, retry: fastRetry, timeoutMs: false });
    const { error } = await settled(() =>
      aidp.searchAuditLogs({ aiDataPlatformId }, { signal: controller.signal }),
    );
    // The server never answers and there is no per-attempt timeout: only the abort can end the call.
    expect(error).toBeInstanceOf(AidpAbortError);
    expect(requests).toHaveLength(1);
    expect(error).toMatchObject({ attempt: 1, requestId: requests[0]?.headers["opc-request-id"] });
  });
});
