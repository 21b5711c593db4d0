// Call inputs and results follow the spec: path parameters required, headers in camelCase, date-time fields
// take Dates, a body with required fields is required; a wrong call does not compile.

import type { AuditLogSearchResultSummary } from "@aidp/types";
import { describe, expectTypeOf, it } from "vitest";
import {
  createAidpClient,
  type DownloadClusterLogsInput,
  type DownloadClusterLogsJob,
  type SearchAuditLogsInput,
  type SearchAuditLogsPage,
} from "../src/index.ts";

describe("operation inputs", () => {
  it("require path parameters and details with required fields", () => {
    expectTypeOf<DownloadClusterLogsInput["aiDataPlatformId"]>().toEqualTypeOf<string>();
    expectTypeOf<DownloadClusterLogsInput["details"]["logContentTypeContains"]>().toEqualTypeOf<string>();
    expectTypeOf<{
      aiDataPlatformId: string;
      workspaceKey: string;
      clusterKey: string;
    }>().not.toExtend<DownloadClusterLogsInput>();
  });

  it("take header parameters in camelCase", () => {
    expectTypeOf<SearchAuditLogsInput["opcRequestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<DownloadClusterLogsInput["opcRetryToken"]>().toEqualTypeOf<string | undefined>();
  });

  it("accept a Date or a string for date-time fields only", () => {
    expectTypeOf<DownloadClusterLogsInput["details"]["timeBegin"]>().toEqualTypeOf<string | Date>();
    expectTypeOf<NonNullable<SearchAuditLogsInput["details"]>["timeEnd"]>().toEqualTypeOf<
      string | Date | undefined
    >();
    expectTypeOf<DownloadClusterLogsInput["details"]["logLevel"]>().toEqualTypeOf<string | undefined>();
  });

  it("make details optional when no body field is required", () => {
    expectTypeOf<{ aiDataPlatformId: string }>().toExtend<SearchAuditLogsInput>();
    expectTypeOf<SearchAuditLogsInput["limit"]>().toEqualTypeOf<number | undefined>();
  });
});

describe("calls are checked at compile time", () => {
  const aidp = createAidpClient({ baseUrl: "http://127.0.0.1:9" });
  const aiDataPlatformId = "ocid1.aidataplatform.oc1.iad.example";
  const details = { logContentTypeContains: "driver", timeBegin: new Date(), timeEnd: new Date() };

  it("reject a parameter of the wrong type, an enum value the spec lacks, a missing and an unknown field", () => {
    // @ts-expect-error limit is an integer, not a string
    void aidp.searchAuditLogs({ aiDataPlatformId, limit: "10" });
    // @ts-expect-error DELETED is not a Status
    void aidp.searchAuditLogs({ aiDataPlatformId, details: { status: "DELETED" } });
    // @ts-expect-error clusterKey (a path parameter) is required
    void aidp.downloadClusterLogs({ aiDataPlatformId, workspaceKey: "ws", details });
    // @ts-expect-error logContentTypeContains is a required body field
    void aidp.downloadClusterLogs({ aiDataPlatformId, workspaceKey: "ws", clusterKey: "cl", details: {} });
    // @ts-expect-error stauts is not a field of SearchAuditLogsDetails
    void aidp.searchAuditLogs({ aiDataPlatformId, details: { stauts: "FAILED" } });
    // @ts-expect-error pageSize is not a parameter of SearchAuditLogs
    void aidp.searchAuditLogs({ aiDataPlatformId, pageSize: 10 });
  });

  it("keep call options out of the input and API parameters out of the options", () => {
    // @ts-expect-error signal is a call option: the second argument
    void aidp.searchAuditLogs({ aiDataPlatformId, signal: AbortSignal.abort() });
    // @ts-expect-error limit is an API parameter: the first argument
    void aidp.searchAuditLogs({ aiDataPlatformId }, { limit: 10 });
    // @ts-expect-error maxItems is for the paginating methods
    void aidp.searchAuditLogs({ aiDataPlatformId }, { maxItems: 10 });
    void aidp.searchAuditLogsItems({ aiDataPlatformId }, { maxItems: 10, signal: AbortSignal.abort() });
  });

  it("type results from the spec: the 200's opc-next-page is optional, the PAR URL read-only", () => {
    expectTypeOf<SearchAuditLogsPage["nextPage"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<SearchAuditLogsPage["items"]>().toEqualTypeOf<AuditLogSearchResultSummary[]>();
    expectTypeOf<DownloadClusterLogsJob["logParUrl"]>().toEqualTypeOf<string | undefined>();
    const job = {} as DownloadClusterLogsJob;
    // @ts-expect-error the pre-authenticated URL is read-only
    job.logParUrl = "https://example.invalid";
  });

  it("type raw with the spec's paths, params and bodies", () => {
    // @ts-expect-error no such path in the spec
    void aidp.raw.POST("/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLog", {});
    void aidp.raw.POST("/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs", {
      params: { path: { aiDataPlatformId } },
      // @ts-expect-error SortOrder has no UP
      body: { sortOrder: "UP" },
    });
  });
});
