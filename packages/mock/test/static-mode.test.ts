// The mock in static mode (Prism's own mock, as before the stateful mock) answers like the spec says.
import { operationNamed } from "@aidp/spec/facts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../src/index.ts";
import {
  call,
  corsTests,
  documentedStatuses,
  facts,
  type OperationId,
  requestIdPattern,
  responseExample,
  schemaErrors,
  violationsHeader,
} from "./support.ts";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, static: true });
});
afterAll(() => mock?.stop());

const examples = operationNamed(facts, "searchAuditLogs").success.examples;

describe("each operation answers with its examples", () => {
  it("downloadClusterLogs: 202 with no body and the three documented headers", async () => {
    const response = await call(mock.url, "downloadClusterLogs");
    expect(response.status).toBe(202);
    expect(response.body).toBeUndefined();
    expect(response.headers.get("aidp-async-operation-key")).toMatch(/^[0-9a-f-]{36}$/);
    expect(new URL(response.headers.get("datalake-cluster-log-par-url") ?? "").protocol).toBe("https:");
    expect(response.headers.get("opc-request-id")).toMatch(requestIdPattern);
  });

  it.each(["mixedRecords", "failedOperations", "empty"])(
    "searchAuditLogs: Prefer example=%s gives that example",
    async (name) => {
      const response = await call(mock.url, "searchAuditLogs", { headers: { prefer: `example=${name}` } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(examples[name]);
      expect(schemaErrors("AuditLogSearchResultCollection", response.body)).toBe("");
      expect(response.headers.get("opc-next-page")).toBeTruthy();
      expect(response.headers.get("opc-request-id")).toMatch(requestIdPattern);
    },
  );

  it("searchAuditLogs without Prefer answers with the first example", async () => {
    const response = await call(mock.url, "searchAuditLogs");
    expect(response.body).toEqual(examples.mixedRecords);
  });
});

const errorCases = (["downloadClusterLogs", "searchAuditLogs"] as OperationId[]).flatMap((operation) =>
  documentedStatuses(operation)
    .filter((status) => Number(status) >= 400)
    .map((status) => [operation, status] as const),
);

describe("every documented error status through Prefer: code=", () => {
  it("covers the statuses the spec documents", () => {
    expect(errorCases.map(([op, status]) => `${op} ${status}`)).toEqual([
      ...["400", "401", "404", "409", "412", "429", "500"].map((s) => `downloadClusterLogs ${s}`),
      ...["400", "401", "404", "409", "429", "500"].map((s) => `searchAuditLogs ${s}`),
    ]);
  });

  it.each(errorCases)("%s answers %s with an Error body and opc-request-id", async (operation, status) => {
    const response = await call(mock.url, operation, { headers: { prefer: `code=${status}` } });
    expect(response.status).toBe(Number(status));
    expect(schemaErrors("Error", response.body)).toBe("");
    expect(response.headers.get("opc-request-id")).toMatch(requestIdPattern);
  });

  it("an undocumented status falls back to the default response (UnknownError)", async () => {
    const response = await call(mock.url, "searchAuditLogs", { headers: { prefer: "code=503" } });
    expect(response.status).toBe(503);
    expect(response.body).toEqual(responseExample("searchAuditLogs", "default", "UnknownError"));
  });
});

describe("invalid requests get the spec's 400 with an Error body", () => {
  it.each<[string, OperationId, Parameters<typeof call>[2], string]>([
    ["limit below its minimum", "searchAuditLogs", { query: "?limit=0" }, "limit"],
    ["limit that is not an integer", "searchAuditLogs", { query: "?limit=ten" }, "limit"],
    ["an enum value the spec does not list", "searchAuditLogs", { body: { status: "MAYBE" } }, "status"],
    ["a property the schema does not allow", "searchAuditLogs", { body: { colour: "red" } }, "colour"],
    [
      "a missing required body field",
      "downloadClusterLogs",
      { body: { timeBegin: "2025-03-16T00:00:00Z" } },
      "timeEnd",
    ],
    [
      "an opc-request-id outside its pattern",
      "searchAuditLogs",
      { headers: { "opc-request-id": "not valid!" } },
      "opc-request-id",
    ],
  ])("%s", async (_, operation, options, named) => {
    const response = await call(mock.url, operation, options);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(responseExample(operation, "400", "InvalidParameter"));
    expect(response.headers.get(violationsHeader)).toContain(named);
  });

  it("answers a request without an Authorization header (the default)", async () => {
    const response = await unsignedSearch(mock.url);
    expect(response.status).toBe(200);
    expect(schemaErrors("AuditLogSearchResultCollection", await response.json())).toBe("");
  });

  it("with requireAuth, a request without the Authorization header gets 401", async () => {
    const strict = await startMock({ port: 0, static: true, requireAuth: true });
    try {
      const response = await unsignedSearch(strict.url);
      expect(response.status).toBe(401);
      expect(schemaErrors("Error", await response.json())).toBe("");
      expect((await call(strict.url, "searchAuditLogs")).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });
});

corsTests(() => mock.url);

function unsignedSearch(baseUrl: string) {
  return fetch(`${baseUrl}/20260430/aiDataPlatforms/x/actions/searchAuditLogs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
}
