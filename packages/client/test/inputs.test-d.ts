// Call inputs follow the spec: path parameters required, headers in camelCase, date-time fields take Dates,
// and a body with required fields is required.
import { describe, expectTypeOf, it } from "vitest";
import type { DownloadClusterLogsInput, SearchAuditLogsInput } from "../src/index.ts";

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
