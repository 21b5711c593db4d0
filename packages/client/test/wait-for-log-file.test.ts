// waitForLogFile against a local node:http server playing a PAR URL: 404 until the file exists, then the file;
// what counts as "not yet"; the wait's bounds (maxWaitMs, the caller's signal); and that no error holds the URL.
// The intervals are a few milliseconds: what is asserted is outcomes and request counts, never elapsed time.
// (Against the mock's delayed exports: packages/contract-tests.)
import type { ServerResponse } from "node:http";
import { closedPort, sendJson, startTestServer, type TestServer } from "@aidp/test-support/servers";
import { afterEach, describe, expect, it } from "vitest";
import {
  AidpAbortError,
  AidpLogFileError,
  AidpLogFileNotReadyError,
  AidpTimeoutError,
  type LogFilePoll,
  waitForLogFile,
} from "../src/index.ts";

const PAR_PATH = "/p/SECRET-par-token/n/ns/b/logs/o/driver.log";
const LOG_FILE = "2026-12-01T00:00:00Z INFO driver started\n";
const fast = { intervalMs: 5, maxIntervalMs: 20 };
let server: TestServer | undefined;
afterEach(() => server?.close());

type Answer = (response: ServerResponse) => void;
const notYet: Answer = (res) => sendJson(res, 404, { code: "ObjectNotFound", message: "not yet" });
const theFile: Answer = (res) => {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end(LOG_FILE);
};
const silent: Answer = () => {};

/** A PAR URL that answers `answers` in order (the last one repeats). */
async function parUrlAnswering(answers: Answer[]) {
  server = await startTestServer((_req, res, index) =>
    (answers[Math.min(index, answers.length - 1)] as Answer)(res),
  );
  const job = { logParUrl: `${server.url}${PAR_PATH}`, asyncOperationKey: "op-7", requestId: "REQ-7" };
  return { job, requests: server.requests };
}

function expectNoSecret(error: unknown) {
  expect(String(error)).not.toContain("SECRET");
  expect(JSON.stringify({ ...(error as object) })).not.toContain("SECRET");
}

describe("waitForLogFile", () => {
  it("404, 404, then the file: resolves with the file's answer, its body unread, after three polls", async () => {
    const { job, requests } = await parUrlAnswering([notYet, notYet, theFile]);
    const polls: LogFilePoll[] = [];
    const answer = await waitForLogFile(job, { ...fast, onPoll: (poll) => polls.push(poll) });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(LOG_FILE);
    expect(requests.map((request) => [request.method, request.url])).toEqual([
      ["GET", PAR_PATH],
      ["GET", PAR_PATH],
      ["GET", PAR_PATH],
    ]);
    // Backoff: the second pause is twice the first.
    expect(polls.map(({ poll, answer, nextPollInMs }) => [poll, answer, nextPollInMs])).toEqual([
      [1, "404", 5],
      [2, "404", 10],
    ]);
  });

  it("with a custom fetch whose Response is a class of its own (undici's, a polyfill)", async () => {
    const { job, requests } = await parUrlAnswering([notYet, theFile]);
    const ownClass: typeof fetch = async (input, init) => {
      const { ok, status, statusText, body } = await fetch(input, init);
      return { ok, status, statusText, body } as Response;
    };
    const answer = await waitForLogFile(job, { ...fast, fetch: ownClass });
    expect(answer.status).toBe(200);
    expect(await new Response(answer.body).text()).toBe(LOG_FILE);
    expect(requests).toHaveLength(2);
  });

  it.each([429, 500, 503])("%i is 'not yet' too", async (status) => {
    const { job, requests } = await parUrlAnswering([
      (res) => sendJson(res, status, { code: "Busy", message: "later" }),
      theFile,
    ]);
    expect((await waitForLogFile(job, fast)).status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it("maxWaitMs runs out: AidpLogFileNotReadyError saying a failed export looks like a slow one, and what to check", async () => {
    const { job, requests } = await parUrlAnswering([notYet]);
    const error = await waitForLogFile(job, { ...fast, maxWaitMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpLogFileNotReadyError);
    expect(error).toBeInstanceOf(AidpTimeoutError);
    expect(error).toMatchObject({ lastAnswer: "404", requestId: "REQ-7" });
    expect((error as Error).message).toBe(
      "the log file was not ready after 0.2 s; last answer: 404. A failed export and a slow one look the same here (its URL answers 404 until the file exists, and forever if the export failed): check the export (async operation key op-7) in the OCI Console (the instance's work requests), or try a shorter time range, before waiting longer (opc-request-id REQ-7)",
    );
    expect(requests.length).toBeGreaterThan(1);
    expectNoSecret(error);
  });

  it("a poll that never gets an answer is bounded by maxWaitMs too", async () => {
    const { job, requests } = await parUrlAnswering([silent]);
    const error = await waitForLogFile(job, { ...fast, maxWaitMs: 300 }).catch((e: unknown) => e);
    // The server never answers: only maxWaitMs can have ended the wait.
    expect(error).toBeInstanceOf(AidpLogFileNotReadyError);
    expect(error).toMatchObject({ lastAnswer: "no answer yet" });
    expect(requests).toHaveLength(1);
  });

  it("403 (an expired URL): AidpLogFileError with the status, at once, without the URL", async () => {
    const { job, requests } = await parUrlAnswering([
      (res) => sendJson(res, 403, { code: "NotAuthorized", message: "expired" }),
    ]);
    const error = await waitForLogFile(job, fast).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpLogFileError);
    expect(error).toMatchObject({ status: 403, message: "the log file's PAR URL answered 403 Forbidden" });
    expect(requests).toHaveLength(1);
    expectNoSecret(error);
  });

  it("a refused connection is 'not yet', said with host:port and the code, never the URL's path", async () => {
    const port = await closedPort();
    const job = { logParUrl: `http://127.0.0.1:${port}${PAR_PATH}` };
    const polls: LogFilePoll[] = [];
    const error = await waitForLogFile(job, {
      ...fast,
      // Long enough for a refused connect to come back on a busy machine (100 ms did not, once, beside a
      // loaded suite run): the answer asserted is the last poll's, so the wait must outlast one poll.
      maxWaitMs: 2_000,
      onPoll: (poll) => polls.push(poll),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpLogFileNotReadyError);
    const refused = `connecting to 127.0.0.1:${port}: connection refused: nothing listens there (ECONNREFUSED)`;
    expect(error).toMatchObject({ lastAnswer: refused });
    expect(polls[0]?.answer).toBe(refused);
    expectNoSecret(error);
  });

  it("the caller's signal ends the wait during a pause: AidpAbortError with the job's request id", async () => {
    const { job, requests } = await parUrlAnswering([notYet]);
    const controller = new AbortController();
    const error = await waitForLogFile(job, {
      intervalMs: 60_000,
      onPoll: () => controller.abort(),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    // The pause after the first poll is a minute (the test's own timeout is 20 s): only the abort ended it.
    expect(error).toBeInstanceOf(AidpAbortError);
    expect(error).toMatchObject({ requestId: "REQ-7" });
    expect(requests).toHaveLength(1);
  });

  it("the caller's signal ends a poll in flight", async () => {
    // Aborted once the poll has reached the server, which never answers it: the poll is then in flight however
    // busy the machine is (a fixed 100 ms timeout could fire before the request was even sent).
    const controller = new AbortController();
    const { job, requests } = await parUrlAnswering([() => controller.abort()]);
    const error = await waitForLogFile(job, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpAbortError);
    expect(requests).toHaveLength(1);
  });

  it("a job without a PAR URL: an AidpLogFileError; a bad option: a TypeError naming it; nothing sent", async () => {
    await expect(waitForLogFile({ logParUrl: undefined })).rejects.toThrow(AidpLogFileError);
    await expect(waitForLogFile({ logParUrl: "" })).rejects.toThrow(
      "waitForLogFile: the service's answer has no log file URL (its PAR URL header is missing or empty)",
    );
    const { job, requests } = await parUrlAnswering([theFile]);
    for (const [name, value] of [
      ["maxWaitMs", 0],
      ["intervalMs", Number.NaN],
      ["maxIntervalMs", 2 ** 31],
    ] as const)
      await expect(waitForLogFile(job, { [name]: value })).rejects.toThrow(
        new TypeError(
          `waitForLogFile: options.${name} must be a number of ms > 0 and <= 2147483647, got ${value}.`,
        ),
      );
    expect(requests).toHaveLength(0);
  });

  // "Invalid URL" from fetch, or a scheme fetch cannot reach, polled as "not yet" until maxWaitMs ran out.
  it.each([
    "SECRET-PAR not a url",
    "ftp://objectstorage.example.invalid/SECRET-PAR",
    "javascript:SECRET-PAR",
  ])(
    "a PAR URL that is not an http(s) URL (%j): AidpLogFileError at once, without the URL",
    async (logParUrl) => {
      const polled: string[] = [];
      const fetch = async (url: string | URL | Request) => {
        polled.push(String(url));
        return globalThis.fetch(url);
      };
      const error = (await waitForLogFile({ logParUrl }, { fetch, maxWaitMs: 200, intervalMs: 50 }).catch(
        (e: unknown) => e,
      )) as AidpLogFileError;
      expect(error).toBeInstanceOf(AidpLogFileError);
      expect(error.message).toBe(
        "waitForLogFile: the service's answer has a log file URL that is not an http(s) URL: there is nothing to wait for",
      );
      expect(error.status).toBeUndefined();
      expect(polled).toEqual([]);
    },
  );
});
