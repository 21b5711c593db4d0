// The guard every answer passes before it leaves: Prism, fed the bundled spec, finds what breaks it. (An answer
// it refuses becomes a 500 and an "aidp-mock bug" log line, which fails the HTTP test files.) Its verdicts are
// remembered per distinct input: a change to anything Prism reads must be judged afresh.
import { describe, expect, it } from "vitest";
import { bundledSpecJsonPath } from "../src/bundled-spec.ts";
import {
  loadContractGuard,
  type PrismRequest,
  type PrismResponse,
  type Violation,
} from "../src/contract-guard.ts";
import { call, useStatefulMock } from "./support.ts";

const guard = await loadContractGuard(bundledSpecJsonPath);
const search = guard.operations.find((operation) => operation.iid === "searchAuditLogs");
if (!search) throw new Error("no searchAuditLogs in the bundle");
const json = { "content-type": "application/json" };

describe("the response guard", () => {
  it("accepts a page the spec allows", () => {
    expect(guard.checkResponse(search, { statusCode: 200, headers: json, body: { items: [] } })).toEqual([]);
  });

  it.each([
    ["an enum value the spec does not list", { items: [{ status: "MAYBE" }] }, "body field items.0.status"],
    ["a property the schema does not have", { items: [{ colour: "red" }] }, "body field items.0.colour"],
    ["a missing required property", {}, "body field items"],
  ])("names the field of %s", (_name, body, field) => {
    const violations = guard.checkResponse(search, { statusCode: 200, headers: json, body });
    expect(violations.map((violation) => violation.field)).toContain(field);
  });

  it("refuses an Error body without its message", () => {
    const violations = guard.checkResponse(search, { statusCode: 400, headers: json, body: { code: "X" } });
    expect(violations).toEqual([{ field: "body field message", rule: "is required" }]);
  });
});

describe("remembered verdicts: the same input is judged once, a changed one again", () => {
  const searchPath = "/20260430/aiDataPlatforms/x/actions/searchAuditLogs";
  const validRequest: PrismRequest = {
    method: "post",
    url: { path: searchPath, query: { limit: "10" } },
    headers: { ...json, "content-length": "2" },
    body: {},
  };
  const page = { items: [{ status: "SUCCEEDED", operation: "STOP" }] };
  const validAnswer: PrismResponse = {
    statusCode: 200,
    headers: { ...json, "opc-next-page": "x" },
    body: page,
  };
  const fields = (violations: Violation[]) => violations.map((violation) => violation.field);

  it("judges a request once and answers the same request with the same verdict", async () => {
    const fresh = await loadContractGuard(bundledSpecJsonPath);
    expect(fresh.checkRequest(search, validRequest)).toEqual([]);
    expect(fresh.checkRequest(search, structuredClone(validRequest))).toEqual([]);
    expect(fresh.verdictStats().request).toMatchObject({ hits: 1, misses: 1, size: 1 });
  });

  it.each<[string, (request: PrismRequest) => PrismRequest, string]>([
    [
      "a query parameter",
      (r) => ({ ...r, url: { ...r.url, query: { limit: "5000" } } }),
      "query parameter limit",
    ],
    ["a body field", (r) => ({ ...r, body: { status: "MAYBE" } }), "body field status"],
    [
      "a declared header",
      (r) => ({ ...r, headers: { ...r.headers, "opc-request-id": "not an id!" } }),
      "header opc-request-id",
    ],
    [
      "a declared header spelt in capitals",
      (r) => ({ ...r, headers: { ...r.headers, "OPC-REQUEST-ID": "not an id!" } }),
      "header opc-request-id",
    ],
    [
      "the content type",
      (r) => ({ ...r, headers: { ...r.headers, "content-type": "application/xml" } }),
      "header content-type",
    ],
  ])("checks a request again when %s changes", async (_change, change, field) => {
    const fresh = await loadContractGuard(bundledSpecJsonPath);
    expect(fresh.checkRequest(search, validRequest)).toEqual([]);
    expect(fields(fresh.checkRequest(search, change(validRequest)))).toContain(field);
    expect(fresh.verdictStats().request).toMatchObject({ hits: 0, misses: 2 });
  });

  it("judges every time an input JSON cannot write exactly (Infinity would be written as null)", async () => {
    const fresh = await loadContractGuard(bundledSpecJsonPath);
    const infinite = { ...validRequest, body: { query: Number.POSITIVE_INFINITY } };
    expect(fields(fresh.checkRequest(search, infinite))).toContain("body field query");
    expect(fields(fresh.checkRequest(search, infinite))).toContain("body field query");
    expect(fresh.verdictStats().request).toMatchObject({ hits: 0, misses: 2, size: 0 });
  });

  it("remembers an answer's verdict whether its body comes as a value or as the text it is sent as", async () => {
    const fresh = await loadContractGuard(bundledSpecJsonPath);
    expect(fresh.checkResponse(search, validAnswer)).toEqual([]);
    const sent = { statusCode: 200, headers: validAnswer.headers, bodyText: JSON.stringify(page) };
    expect(fresh.checkSentResponse(search, sent)).toEqual([]);
    expect(fresh.validateResponse(search, structuredClone(validAnswer))).toEqual([]);
    expect(fresh.verdictStats().response).toMatchObject({ hits: 2, misses: 1, size: 1 });
  });

  it.each<[string, PrismResponse, string]>([
    [
      "a record's field",
      { ...validAnswer, body: { items: [{ status: "MAYBE" }] } },
      "body field items.0.status",
    ],
    ["the content type", { ...validAnswer, headers: { "content-type": "text/html" } }, "header content-type"],
    ["the status", { ...validAnswer, statusCode: 400 }, "body field message"],
  ])("checks an answer again when %s changes", async (_change, changed, field) => {
    const fresh = await loadContractGuard(bundledSpecJsonPath);
    expect(fresh.checkResponse(search, validAnswer)).toEqual([]);
    expect(fields(fresh.checkResponse(search, changed))).toContain(field);
    expect(fresh.verdictStats().response).toMatchObject({ hits: 0, misses: 2 });
  });

  it("hands out a remembered verdict that no caller can change for the next", async () => {
    const fresh = await loadContractGuard(bundledSpecJsonPath);
    const bad = { ...validRequest, url: { ...validRequest.url, query: { limit: "5000" } } };
    const first = fresh.validateRequest(search, bad);
    first.pop();
    expect(() => {
      (fresh.validateRequest(search, bad)[0] as { rule: string }).rule = "changed";
    }).toThrow(TypeError);
    expect(fresh.validateRequest(search, bad).map((violation) => violation.rule)).toContain(
      "must be <= 1000",
    );
  });
});

describe("the mock over HTTP, after it has answered a request once", () => {
  const mock = useStatefulMock();

  it("answers the same request again and still refuses a changed one", async () => {
    expect((await call(mock.url, "searchAuditLogs", { query: "?limit=5", body: {} })).status).toBe(200);
    const again = await call(mock.url, "searchAuditLogs", { query: "?limit=5", body: {} });
    expect(again.status).toBe(200);
    expect(again.body.items).toHaveLength(5);
    const over = await call(mock.url, "searchAuditLogs", { query: "?limit=5000" });
    expect(over.status).toBe(400);
    expect(over.body.message).toContain("query parameter limit must be <= 1000");
    const badBody = await call(mock.url, "searchAuditLogs", { query: "?limit=5", body: { status: "MAYBE" } });
    expect(badBody.status).toBe(400);
    expect(badBody.body.message).toContain("body field status must be equal to one of the allowed values");
  });
});
