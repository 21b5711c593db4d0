// The friendly names are the spec's schemas: required stays required, enums are the exact unions.
import { describe, expectTypeOf, it } from "vitest";
import type {
  ApiErrorBody,
  AuditLogSearchResultCollection,
  AuditLogSearchResultSummary,
  DownloadClusterLogsDetails,
  ObjectType,
  ObjectTypeValues,
  Operation,
  OperationValues,
  operations,
  paths,
  SearchAuditLogsDetails,
  SortBy,
  SortOrder,
  Status,
  StatusValues,
} from "../src/index.ts";

describe("friendly names", () => {
  it("keep DownloadClusterLogsDetails' required fields required and the rest optional", () => {
    expectTypeOf<DownloadClusterLogsDetails["logContentTypeContains"]>().toEqualTypeOf<string>();
    expectTypeOf<DownloadClusterLogsDetails["timeBegin"]>().toEqualTypeOf<string>();
    expectTypeOf<DownloadClusterLogsDetails["timeEnd"]>().toEqualTypeOf<string>();
    expectTypeOf<
      Pick<DownloadClusterLogsDetails, "logContentTypeContains" | "timeBegin" | "timeEnd">
    >().toEqualTypeOf<
      Required<Pick<DownloadClusterLogsDetails, "logContentTypeContains" | "timeBegin" | "timeEnd">>
    >();
    expectTypeOf<{
      logContentTypeContains: string;
      timeBegin: string;
    }>().not.toExtend<DownloadClusterLogsDetails>();
    expectTypeOf<DownloadClusterLogsDetails["logLevel"]>().toEqualTypeOf<string | undefined>();
  });

  it("make every SearchAuditLogsDetails field optional, with enum-typed filters", () => {
    expectTypeOf<Record<never, never>>().toExtend<SearchAuditLogsDetails>();
    expectTypeOf<SearchAuditLogsDetails["status"]>().toEqualTypeOf<Status | undefined>();
    expectTypeOf<SearchAuditLogsDetails["objectType"]>().toEqualTypeOf<ObjectType | undefined>();
    expectTypeOf<SearchAuditLogsDetails["sortBy"]>().toEqualTypeOf<SortBy | undefined>();
    expectTypeOf<SearchAuditLogsDetails["sortOrder"]>().toEqualTypeOf<SortOrder | undefined>();
  });

  it("type results and errors", () => {
    expectTypeOf<AuditLogSearchResultCollection["items"]>().toEqualTypeOf<AuditLogSearchResultSummary[]>();
    expectTypeOf<AuditLogSearchResultSummary["operation"]>().toEqualTypeOf<Operation | undefined>();
    expectTypeOf<ApiErrorBody>().toEqualTypeOf<{ code: string; message: string }>();
  });

  it("make enums the exact unions of the spec's values", () => {
    expectTypeOf<Status>().toEqualTypeOf<"SUCCEEDED" | "FAILED">();
    expectTypeOf<SortOrder>().toEqualTypeOf<"ASC" | "DESC">();
    expectTypeOf<SortBy>().toEqualTypeOf<
      "startedBy" | "status" | "operation" | "objectType" | "objectName" | "time"
    >();
    expectTypeOf<(typeof StatusValues)[number]>().toEqualTypeOf<Status>();
    expectTypeOf<(typeof ObjectTypeValues)[number]>().toEqualTypeOf<ObjectType>();
    expectTypeOf<(typeof OperationValues)[number]>().toEqualTypeOf<Operation>();
  });

  it("type the operations' parameters as the spec declares them", () => {
    type Search = operations["searchAuditLogs"];
    expectTypeOf<Search["parameters"]["path"]>().toEqualTypeOf<{ aiDataPlatformId: string }>();
    expectTypeOf<NonNullable<Search["parameters"]["query"]>["limit"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NonNullable<Search["parameters"]["header"]>["opc-retry-token"]>().toEqualTypeOf<
      string | undefined
    >();
    type Download =
      paths["/20260430/aiDataPlatforms/{aiDataPlatformId}/workspaces/{workspaceKey}/clusters/{clusterKey}/actions/downloadLogs"]["post"];
    expectTypeOf<Download["parameters"]["path"]>().toEqualTypeOf<{
      aiDataPlatformId: string;
      workspaceKey: string;
      clusterKey: string;
    }>();
  });
});

describe("response headers", () => {
  type SearchOk = operations["searchAuditLogs"]["responses"][200]["headers"];

  it("type the 200's opc-next-page as optional: the last page has none", () => {
    expectTypeOf<SearchOk["opc-next-page"]>().toEqualTypeOf<string | undefined>();
    const lastPage: SearchOk = { "opc-request-id": "A1" };
    expectTypeOf(lastPage).toMatchTypeOf<SearchOk>();
    // @ts-expect-error a page token is a string
    const wrong: SearchOk = { "opc-next-page": 2 };
    void wrong;
  });
});
