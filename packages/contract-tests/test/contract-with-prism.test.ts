// @aidp/client against the stateful @aidp/mock (both through their public exports), where Prism checks every
// request and answer against our bundled spec: what the client sends is always accepted, answers come back typed, pagination reads every record and
// ends, the scripted fault header drives each documented error into its class, retries reuse one token, and
// the mock's signature check accepts what the client signs.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as clientExports from "@aidp/client";
import {
  type AidpApiError,
  AidpConflictError,
  AidpUnauthorizedError,
  apiKeyAuth,
  createAidpClient,
  type SearchAuditLogsInput,
} from "@aidp/client";
import { startMock } from "@aidp/mock";
import {
  documentedErrorClasses as documentedErrorClassesIn,
  generateTestKeyPair,
  TEST_IDENTITY,
} from "@aidp/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const documentedErrorClasses = documentedErrorClassesIn<typeof AidpApiError>(clientExports);
let mock: { url: string; stop(): Promise<void> };
/** The default data set of the mock. */
const RECORDS = 500;
const aiDataPlatformId =
  "ocid1.aidataplatform.oc1.iad.amaaaaaabgjpxjqa7kwzz5ycyq2hl5s3l2obfrqrx4rbkhmrqdkqs3xfplwq";
const cluster = {
  aiDataPlatformId,
  workspaceKey: "7f3c2a9e-1d4b-4e8f-9a6c-2b5d8e1f0a34",
  clusterKey: "c1a9d2f4-6b3e-4c7a-8d5f-0e2b4a6c8d1e",
};
const details = {
  logContentTypeContains: "driver",
  timeBegin: new Date("2025-03-16T00:00:00Z"),
  timeEnd: "2025-03-16T23:59:59+00:00",
};

beforeAll(async () => {
  mock = await startMock({ port: 0 });
}, 60_000);
afterAll(() => mock?.stop());

const client = (headers: Record<string, string> = {}) =>
  createAidpClient({ baseUrl: mock.url, headers, retry: false });

describe("against the stateful mock", () => {
  it("searchAuditLogs returns a page of the filtered records, typed", async () => {
    const page = await client().searchAuditLogs({
      aiDataPlatformId,
      limit: 50,
      details: { status: "FAILED" },
    });
    expect(page.items).toHaveLength(50);
    for (const item of page.items) expect(item.status).toBe("FAILED");
    expect(page.requestId).toEqual(expect.any(String));
    expect(page.nextPage).toEqual(expect.any(String));
  });

  it.each<[string, SearchAuditLogsInput]>([
    ["no body fields", { aiDataPlatformId }],
    [
      "every body field, Dates included",
      {
        aiDataPlatformId,
        limit: 1000,
        opcRequestId: "my_request-1",
        opcRetryToken: "t".repeat(64),
        details: {
          objectName: "sales.orders",
          objectType: "KNOWLEDGE_BASE_JOB_RUN",
          operation: "MANAGE_ACCESS",
          query: "orders",
          sortBy: "objectName",
          sortOrder: "ASC",
          startedBy: "jane.doe@example.com",
          status: "SUCCEEDED",
          timeBegin: new Date("2025-03-16T00:00:00+02:00"),
          timeEnd: "2025-03-16T23:59:59.999Z",
        },
      },
    ],
  ])("Prism's request validation accepts what the client sends: %s", async (_name, input) => {
    await expect(client().searchAuditLogs(input)).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it("downloadClusterLogs returns the job from the 202's headers", async () => {
    const job = await client().downloadClusterLogs({
      ...cluster,
      details: {
        ...details,
        logLevel: "ERROR",
        logStreamTypeContains: "stderr",
        thread: "main",
        executionContextId: "aaa-bbb",
      },
    });
    expect(job.asyncOperationKey).toEqual(expect.any(String));
    expect(job.requestId).toEqual(expect.any(String));
    const log = await fetch(job.logParUrl as string);
    expect(log.status).toBe(200);
    expect(await log.text()).toContain("placeholder");
  });

  it("a retry token reused with another request is a conflict the client does not retry", async () => {
    const attempts: unknown[] = [];
    const retrying = createAidpClient({
      baseUrl: mock.url,
      retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 1 },
      logger: {
        debug() {},
        info() {},
        warn: (_m, f) => attempts.push(f),
        error: (_m, f) => attempts.push(f),
      },
    });
    const opcRetryToken = "contract-reused-token";
    await retrying.downloadClusterLogs({ ...cluster, opcRetryToken, details });
    attempts.length = 0;
    const error = await retrying
      .downloadClusterLogs({ ...cluster, opcRetryToken, details: { ...details, logLevel: "WARN" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AidpConflictError);
    expect(error).toMatchObject({ status: 409, code: "InvalidatedRetryToken" });
    expect(attempts).toHaveLength(1); // one failed attempt, no retry
  });

  it.each(documentedErrorClasses)(
    "x-aidp-mock-fail: %i becomes its error class",
    async (status, ErrorClass) => {
      const error = await client({ "x-aidp-mock-fail": String(status) })
        .downloadClusterLogs({ ...cluster, details })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({
        status,
        code: expect.any(String),
        requestId: expect.any(String),
        operation: "downloadClusterLogs",
      });
    },
  );

  it("searchAuditLogsItems returns every record once and stops with no error", async () => {
    const eventIds: string[] = [];
    for await (const item of client().searchAuditLogsItems({ aiDataPlatformId, limit: 7 }))
      eventIds.push(item.eventId as string);
    expect(eventIds).toHaveLength(RECORDS);
    expect(new Set(eventIds).size).toBe(RECORDS);
  });

  it("resuming from a saved page token continues where the first page ended", async () => {
    const first = await client().searchAuditLogs({ aiDataPlatformId, limit: 10 });
    const second = await client().searchAuditLogs({ aiDataPlatformId, limit: 10, page: first.nextPage });
    const both = await client().searchAuditLogs({ aiDataPlatformId, limit: 20 });
    expect([...first.items, ...second.items]).toEqual(both.items);
  });

  it("x-aidp-mock-fail: 503,503 is retried to success with one retry token seen three times", async () => {
    const sent: (string | null)[] = [];
    const retrying = createAidpClient({
      baseUrl: mock.url,
      headers: { "x-aidp-mock-fail": "503,503" },
      retry: { baseDelayMs: 10 },
      fetch: (input, init) => {
        const headers = input instanceof Request ? input.headers : new Headers(init?.headers);
        sent.push(headers.get("opc-retry-token"));
        return fetch(input, init);
      },
    });
    const page = await retrying.searchAuditLogs({ aiDataPlatformId, limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(sent).toHaveLength(3);
    expect(new Set(sent).size).toBe(1);
    expect(sent[0]).toEqual(expect.any(String));
  });

  it("maxPages ends iteration against the mock", async () => {
    const pages: unknown[] = [];
    for await (const page of client().searchAuditLogsPages({ aiDataPlatformId }, { maxPages: 1 }))
      pages.push(page);
    expect(pages).toHaveLength(1);
  });
});

describe("against the mock checking signatures (--verify-signatures)", () => {
  const keys = generateTestKeyPair();
  const directory = mkdtempSync(join(tmpdir(), "aidp-client-keys-"));
  const keyFile = join(directory, "api-key.pem");
  writeFileSync(keyFile, keys.publicKey.export({ type: "spki", format: "pem" }));
  let verifying: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    verifying = await startMock({ port: 0, verifySignatures: keyFile });
  });
  afterAll(async () => {
    await verifying?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it("a client signing with the key passes, for both operations", async () => {
    const auth = apiKeyAuth({ ...TEST_IDENTITY, privateKey: keys.pkcs8 });
    const signed = createAidpClient({ baseUrl: verifying.url, auth, retry: false });
    expect((await signed.searchAuditLogs({ aiDataPlatformId, limit: 3 })).items).toHaveLength(3);
    const job = await signed.downloadClusterLogs({ ...cluster, details });
    expect(job.asyncOperationKey).toEqual(expect.any(String));
  });

  it("a client signing with another key fails with AidpUnauthorizedError", async () => {
    const auth = apiKeyAuth({ ...TEST_IDENTITY, privateKey: generateTestKeyPair().pkcs8 });
    const wrong = createAidpClient({ baseUrl: verifying.url, auth, retry: false });
    const error = await wrong.searchAuditLogs({ aiDataPlatformId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpUnauthorizedError);
    expect(error).toMatchObject({ status: 401, code: "NotAuthenticated" });
  });
});
