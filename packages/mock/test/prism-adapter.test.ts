// Every shape of Prism message the adapter reads, produced by Prism itself from a real request or answer, and the
// violation it becomes. A Prism upgrade that rewords one of them fails here (the adapter then keeps the whole
// message as the rule, which no row below expects), not as a silently different drift report elsewhere.
import { describe, expect, it } from "vitest";
import { bundledSpecJsonPath } from "../src/bundled-spec.ts";
import {
  loadOperations,
  MESSAGE_SHAPES,
  type SpecViolation,
  validateRequest,
  validateResponse,
} from "../src/prism-adapter.ts";

const operations = await loadOperations(bundledSpecJsonPath);
const search = operations.find((operation) => operation.iid === "searchAuditLogs");
const download = operations.find((operation) => operation.iid === "downloadClusterLogs");
if (!search || !download) throw new Error("the bundle lacks an operation");
const searchPath = "/20260430/aiDataPlatforms/x/actions/searchAuditLogs";
const json = { "content-type": "application/json" };
const searchRequest = (change: {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}) =>
  validateRequest(search, {
    method: "post",
    url: { path: searchPath, query: change.query ?? {} },
    headers: { ...json, ...change.headers },
    body: "body" in change ? change.body : {},
  });
const searchAnswer = (status: number, body: unknown, headers: Record<string, string> = json) =>
  validateResponse(search, { statusCode: status, headers, body });

type Row = [
  shape: string,
  example: string,
  violations: () => SpecViolation[],
  expected: Omit<SpecViolation, "operation">,
];

const rows: Row[] = [
  [
    "required property",
    "an answer without its items",
    () => searchAnswer(200, {}),
    { direction: "response", location: { in: "body", path: ["items"] }, rule: "is required" },
  ],
  [
    "additional property",
    "a record with a property the schema lacks",
    () => searchAnswer(200, { items: [{ colour: "red" }] }),
    {
      direction: "response",
      location: { in: "body", path: ["items", "0", "colour"] },
      rule: "is not allowed (the schema has no such property)",
    },
  ],
  [
    "schema rule",
    "a query parameter over its maximum",
    () => searchRequest({ query: { limit: "5000" } }),
    { direction: "request", location: { in: "query", path: ["limit"] }, rule: "must be <= 1000" },
  ],
  [
    "schema rule",
    "a header over its maximum length",
    () => searchRequest({ headers: { "opc-retry-token": "x".repeat(100) } }),
    {
      direction: "request",
      location: { in: "header", path: ["opc-retry-token"] },
      rule: "must NOT have more than 64 characters",
    },
  ],
  [
    "schema rule",
    "an enum value the spec does not list, deep in a body",
    () => searchAnswer(200, { items: [{ status: "MAYBE" }] }),
    {
      direction: "response",
      location: { in: "body", path: ["items", "0", "status"] },
      rule: "must be equal to one of the allowed values: SUCCEEDED, FAILED",
    },
  ],
  [
    "body required",
    "a DownloadClusterLogs request without its body",
    () =>
      validateRequest(download, {
        method: "post",
        url: { path: "/20260430/aiDataPlatforms/x/workspaces/w/clusters/c/actions/downloadLogs", query: {} },
        headers: json,
      }),
    { direction: "request", location: { in: "body", path: [] }, rule: "is required" },
  ],
  [
    "media type",
    "an answer of the wrong content type",
    () => searchAnswer(200, { items: [] }, { "content-type": "application/xml" }),
    {
      direction: "response",
      location: { in: "header", path: ["content-type"] },
      rule: 'is "application/xml"; the spec declares application/json',
    },
  ],
  [
    "supported content types",
    "a request body of a media type the operation does not take",
    () => searchRequest({ headers: { "content-type": "application/xml", "content-length": "2" } }),
    {
      direction: "request",
      location: { in: "header", path: ["content-type"] },
      rule: "must be one of application/json",
    },
  ],
];

describe("the Prism adapter", () => {
  it.each(rows)("reads Prism's %s message (%s)", (_shape, _example, violations, expected) => {
    expect(violations()).toContainEqual({ operation: expect.any(String), ...expected });
  });

  it("has an example above for every message shape it reads", () => {
    expect(new Set(rows.map(([shape]) => shape))).toEqual(new Set(MESSAGE_SHAPES.map(({ name }) => name)));
  });

  it("names the operation of each violation", () => {
    expect(searchRequest({ query: { limit: "5000" } }).map((violation) => violation.operation)).toEqual([
      "searchAuditLogs",
    ]);
  });

  it("turns input Prism cannot read into one violation of the whole request, not a throw", () => {
    const violations = searchRequest({ headers: { "content-type": ["a", "b"] as unknown as string } });
    expect(violations).toEqual([
      {
        operation: "searchAuditLogs",
        direction: "request",
        location: { in: "message", path: [] },
        rule: expect.stringMatching(/^could not be read: /),
      },
    ]);
  });

  it("accepts what the spec allows", () => {
    expect(searchRequest({ query: { limit: "10" } })).toEqual([]);
    expect(searchAnswer(200, { items: [] })).toEqual([]);
  });
});
