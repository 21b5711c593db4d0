// Two things only the stateful mock can show end to end: that paging with a caller's retry token never trips over
// it (the mock answers 409 InvalidatedRetryToken when a token comes back with a different request, as the service
// does), and that waitForLogFile waits for an export that is not ready at once (the mock's PAR URL answers 404
// for the delay the `x-aidp-mock-export-ready-after` header asks, then the file).
import {
  AidpConflictError,
  AidpLogFileNotReadyError,
  createAidpClient,
  type LogFilePoll,
  waitForLogFile,
} from "@aidp/client";
import { startMock } from "@aidp/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let mock: { url: string; stop(): Promise<void> };
/** The default data set of the mock. */
const RECORDS = 500;
const aiDataPlatformId =
  "ocid1.aidataplatform.oc1.iad.amaaaaaabgjpxjqa7kwzz5ycyq2hl5s3l2obfrqrx4rbkhmrqdkqs3xfplwq";
const cluster = { aiDataPlatformId, workspaceKey: "ws-waits", clusterKey: "cl-waits" };
const details = {
  logContentTypeContains: "driver",
  timeBegin: "2025-03-16T00:00:00Z",
  timeEnd: "2025-03-16T23:59:59Z",
};

beforeAll(async () => {
  mock = await startMock({ port: 0 });
}, 60_000);
afterAll(() => mock?.stop());

describe("paging with a caller's opcRetryToken", () => {
  it(`reads all ${RECORDS} records in pages of 50, twice with the same token (a re-run job), without a 409`, async () => {
    const aidp = createAidpClient({ baseUrl: mock.url, retry: false });
    const input = { aiDataPlatformId, limit: 50, opcRetryToken: "nightly-audit-export-1" };
    const read = async () => {
      const ids: string[] = [];
      for await (const record of aidp.searchAuditLogsItems(input)) ids.push(String(record.eventId));
      return ids;
    };
    const first = await read();
    expect(first).toHaveLength(RECORDS);
    expect(new Set(first).size).toBe(RECORDS);
    expect(await read()).toEqual(first);
  });

  it("the token given to one call is still refused with a different request: the mock does check it", async () => {
    const aidp = createAidpClient({ baseUrl: mock.url, retry: false });
    const opcRetryToken = "one-request-only";
    await aidp.searchAuditLogs({ aiDataPlatformId, limit: 50, opcRetryToken });
    const error = await aidp
      .searchAuditLogs({ aiDataPlatformId, limit: 49, opcRetryToken })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AidpConflictError);
    expect(error).toMatchObject({ code: "InvalidatedRetryToken" });
  });
});

describe("waitForLogFile against the mock's delayed export", () => {
  const delayed = (ms: number) =>
    createAidpClient({ baseUrl: mock.url, headers: { "x-aidp-mock-export-ready-after": String(ms) } });

  it("an export ready after 1 s: 404 polls first, then the log file", async () => {
    const job = await delayed(1_000).downloadClusterLogs({ ...cluster, details });
    const polls: LogFilePoll[] = [];
    const answer = await waitForLogFile(job, {
      intervalMs: 50,
      maxIntervalMs: 100,
      onPoll: (poll) => polls.push(poll),
    });
    expect(answer.status).toBe(200);
    expect((await answer.text()).length).toBeGreaterThan(0);
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((poll) => poll.answer === "404")).toBe(true);
  });

  it("an export not ready within maxWaitMs: the error says a failed export looks the same, with its key", async () => {
    const job = await delayed(3_600_000).downloadClusterLogs({ ...cluster, details });
    const error = await waitForLogFile(job, { intervalMs: 50, maxWaitMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpLogFileNotReadyError);
    expect(error).toMatchObject({ lastAnswer: "404", requestId: job.requestId });
    expect(String(error)).toContain("A failed export and a slow one look the same here");
    expect(String(error)).toContain(`async operation key ${job.asyncOperationKey}`);
    expect(String(error)).not.toContain(job.logParUrl);
  });
});
