// What a user of the published packages writes: both operations, one typed error, and pagination.
// Type-checked with tsc --strict under moduleResolution nodenext and bundler, then run on Node 20 and 24.
import {
  AidpApiError,
  AidpNotFoundError,
  AidpPaginationError,
  createAidpClient,
  type SearchAuditLogsPage,
} from "@aidp/client";
import { type Status, StatusValues } from "@aidp/types";

const aiDataPlatformId =
  "ocid1.aidataplatform.oc1.iad.amaaaaaabgjpxjqa7kwzz5ycyq2hl5s3l2obfrqrx4rbkhmrqdkqs3xfplwq";

export interface ConsumerReport {
  search: { items: number; requestId: string | undefined };
  download: { asyncOperationKey: string | undefined; hasLogUrl: boolean };
  notFound: { errorClass: string; status: number; isApiError: boolean };
  pagination: { pages: number; stoppedBy: string | undefined };
  statusValues: readonly Status[];
}

// The mock answers unsigned requests unless started with --require-auth or --verify-signatures; against Oracle
// Cloud the client's `auth` option signs each request.
const mockAuthorization = { authorization: "Signature mock" };

export async function runConsumer(baseUrl: string): Promise<ConsumerReport> {
  const aidp = createAidpClient({ baseUrl, headers: mockAuthorization });
  const failed: Status = "FAILED";

  const page: SearchAuditLogsPage = await aidp.searchAuditLogs({
    aiDataPlatformId,
    limit: 10,
    details: { status: failed, timeBegin: new Date("2025-03-16T00:00:00Z") },
  });

  const job = await aidp.downloadClusterLogs({
    aiDataPlatformId,
    workspaceKey: "2b7e4c1a-9f3d-4a6b-8c5e-1d0f3a7b9c2e",
    clusterKey: "e4d2c0b8-a6f4-4e2c-9a8b-7c5d3e1f9a0b",
    details: {
      logContentTypeContains: "driver",
      logLevel: "WARN",
      timeBegin: new Date("2025-04-01T08:00:00Z"),
      timeEnd: "2025-04-01T09:30:00Z",
    },
  });

  // The mock answers with the documented 404 when asked to through its fault header.
  const askingFor404 = createAidpClient({
    baseUrl,
    headers: { ...mockAuthorization, "x-aidp-mock-fail": "404" },
  });
  let notFound: ConsumerReport["notFound"] | undefined;
  try {
    await askingFor404.searchAuditLogs({ aiDataPlatformId, details: {} });
  } catch (error) {
    if (!(error instanceof AidpApiError)) throw error;
    notFound = {
      errorClass: error instanceof AidpNotFoundError ? "AidpNotFoundError" : error.constructor.name,
      status: error.status,
      isApiError: true,
    };
  }
  if (notFound === undefined) throw new Error("x-aidp-mock-fail: 404 did not produce an error");

  let pages = 0;
  let stoppedBy: string | undefined;
  try {
    for await (const _ of aidp.searchAuditLogsPages({ aiDataPlatformId, details: {} }, { maxPages: 2 }))
      pages++;
  } catch (error) {
    // A server that repeats a page token makes the client stop with this error instead of looping.
    if (!(error instanceof AidpPaginationError)) throw error;
    stoppedBy = "AidpPaginationError";
  }

  return {
    search: { items: page.items.length, requestId: page.requestId },
    download: { asyncOperationKey: job.asyncOperationKey, hasLogUrl: typeof job.logParUrl === "string" },
    notFound,
    pagination: { pages, stoppedBy },
    statusValues: StatusValues,
  };
}
