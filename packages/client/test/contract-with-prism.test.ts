// The client against the real Prism mock of our bundled spec, with Prism validating requests and responses
// (--errors): what the client sends is always accepted, answers come back typed, and `Prefer: code=NNN`
// drives each documented error into its class.
import { startMock } from "@aidp/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AidpPaginationError, createAidpClient, type SearchAuditLogsInput } from "../src/index.ts";
import { documentedErrorClasses } from "./support/documented-errors.ts";

let mock: { url: string; stop(): Promise<void> };
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
  mock = await startMock({ port: 0, errors: true });
}, 60_000);
afterAll(() => mock?.stop());

const client = (headers: Record<string, string> = {}) =>
  createAidpClient({ baseUrl: mock.url, headers, retry: false });

describe("against the Prism mock", () => {
  it("searchAuditLogs returns the example page, typed", async () => {
    const page = await client().searchAuditLogs({
      aiDataPlatformId,
      limit: 50,
      details: { status: "FAILED" },
    });
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) expect(item.objectType).toMatch(/^[A-Z_]+$/);
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
        page: "next-page-token",
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
    expect(job.logParUrl).toMatch(/^https:\/\//);
    expect(job.requestId).toEqual(expect.any(String));
  });

  it.each(documentedErrorClasses)("Prefer: code=%i becomes its error class", async (status, ErrorClass) => {
    const error = await client({ Prefer: `code=${status}` })
      .downloadClusterLogs({ ...cluster, details })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({
      status,
      code: expect.any(String),
      requestId: expect.any(String),
      operation: "downloadClusterLogs",
    });
  });

  it("auto-pagination stops with AidpPaginationError: stock Prism repeats its opc-next-page example", async () => {
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const page of client().searchAuditLogsPages({ aiDataPlatformId })) seen.push(page);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpPaginationError);
    expect(seen).toHaveLength(2);
  });

  it("maxPages ends iteration against the mock", async () => {
    const pages: unknown[] = [];
    for await (const page of client().searchAuditLogsPages({ aiDataPlatformId }, { maxPages: 1 }))
      pages.push(page);
    expect(pages).toHaveLength(1);
  });
});
