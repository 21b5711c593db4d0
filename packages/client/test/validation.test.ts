// Every constraint of the spec is checked before sending: a violation throws AidpValidationError naming the
// field, the rule and the value, lists every problem at once, and no request reaches the server.

import { sendJson, startTestServer, type TestServer } from "@aidp/test-support/servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AidpClient, AidpValidationError, createAidpClient } from "../src/index.ts";

let server: TestServer;
let aidp: AidpClient;
const aiDataPlatformId = "ocid1.aidataplatform.oc1.iad.example";
const download = { aiDataPlatformId, workspaceKey: "ws", clusterKey: "cl" };
const validDetails = {
  logContentTypeContains: "driver",
  timeBegin: "2025-03-16T00:00:00Z",
  timeEnd: "2025-03-16T23:59:59Z",
};

beforeAll(async () => {
  server = await startTestServer((_request, response) => sendJson(response, 200, { items: [] }));
  aidp = createAidpClient({ baseUrl: server.url, retry: false });
});
afterAll(() => server.close());

async function issuesOf(call: Promise<unknown>) {
  const before = server.requests.length;
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AidpValidationError);
  expect(server.requests.length, "no request may leave the process").toBe(before);
  return (error as AidpValidationError).issues;
}

// biome-ignore lint/suspicious/noExplicitAny: the cases pass deliberately wrong types
type AnyInput = any;

const cases: [string, () => Promise<unknown>, { field: string; rule: string }][] = [
  [
    "limit below 1",
    () => aidp.searchAuditLogs({ aiDataPlatformId, limit: 0 }),
    { field: "limit", rule: "minimum" },
  ],
  [
    "limit above 1000",
    () => aidp.searchAuditLogs({ aiDataPlatformId, limit: 1001 }),
    { field: "limit", rule: "maximum" },
  ],
  [
    "limit not an integer",
    () => aidp.searchAuditLogs({ aiDataPlatformId, limit: 2.5 }),
    { field: "limit", rule: "type" },
  ],
  [
    "empty page token",
    () => aidp.searchAuditLogs({ aiDataPlatformId, page: "" }),
    { field: "page", rule: "minLength" },
  ],
  [
    "opc-request-id with a slash",
    () => aidp.searchAuditLogs({ aiDataPlatformId, opcRequestId: "a/b" }),
    { field: "opcRequestId", rule: "pattern" },
  ],
  [
    "empty opc-retry-token",
    () => aidp.searchAuditLogs({ aiDataPlatformId, opcRetryToken: "" }),
    { field: "opcRetryToken", rule: "minLength" },
  ],
  [
    "opc-retry-token of 65 characters",
    () => aidp.searchAuditLogs({ aiDataPlatformId, opcRetryToken: "t".repeat(65) }),
    { field: "opcRetryToken", rule: "maxLength" },
  ],
  [
    "unknown status",
    () => aidp.searchAuditLogs({ aiDataPlatformId, details: { status: "BROKEN" as AnyInput } }),
    { field: "details.status", rule: "enum" },
  ],
  [
    "unknown objectType",
    () => aidp.searchAuditLogs({ aiDataPlatformId, details: { objectType: "TABLES" as AnyInput } }),
    { field: "details.objectType", rule: "enum" },
  ],
  [
    "unknown sortBy",
    () => aidp.searchAuditLogs({ aiDataPlatformId, details: { sortBy: "TIME" as AnyInput } }),
    { field: "details.sortBy", rule: "enum" },
  ],
  [
    "unparsable timeBegin",
    () => aidp.searchAuditLogs({ aiDataPlatformId, details: { timeBegin: "yesterday" } }),
    { field: "details.timeBegin", rule: "format" },
  ],
  [
    "invalid Date",
    () => aidp.searchAuditLogs({ aiDataPlatformId, details: { timeEnd: new Date("nope") } }),
    { field: "details.timeEnd", rule: "format" },
  ],
  [
    "timeBegin after timeEnd",
    () =>
      aidp.downloadClusterLogs({
        ...download,
        details: { ...validDetails, timeBegin: "2025-03-17T00:00:00Z" },
      }),
    { field: "details.timeBegin", rule: "timeBegin <= timeEnd" },
  ],
  [
    "missing required body field",
    () =>
      aidp.downloadClusterLogs({
        ...download,
        details: { timeBegin: validDetails.timeBegin, timeEnd: validDetails.timeEnd } as AnyInput,
      }),
    { field: "details.logContentTypeContains", rule: "required" },
  ],
  [
    "missing body",
    () => aidp.downloadClusterLogs({ ...download } as AnyInput),
    { field: "details", rule: "required" },
  ],
  [
    "unknown body field",
    () => aidp.searchAuditLogs({ aiDataPlatformId, details: { stauts: "FAILED" } as AnyInput }),
    { field: "details.stauts", rule: "additionalProperties" },
  ],
  // Names every object inherits are not fields: before, `constructor` passed the check and was sent.
  ...["constructor", "toString", "hasOwnProperty", "__proto__"].map(
    (name): [string, () => Promise<unknown>, { field: string; rule: string }] => [
      `a body field named ${name}`,
      () => aidp.searchAuditLogs({ aiDataPlatformId, details: JSON.parse(`{"${name}": 1}`) as AnyInput }),
      { field: `details.${name}`, rule: "additionalProperties" },
    ],
  ),
  [
    "an input key named toString",
    () => aidp.searchAuditLogs({ aiDataPlatformId, toString: 1 } as AnyInput),
    { field: "toString", rule: "additionalProperties" },
  ],
  [
    "unknown input key (a call option put in the input)",
    () => aidp.searchAuditLogs({ aiDataPlatformId, signal: AbortSignal.abort() } as AnyInput),
    { field: "signal", rule: "additionalProperties" },
  ],
  [
    "misspelt parameter",
    () => aidp.downloadClusterLogs({ ...download, clustreKey: "cl", details: validDetails } as AnyInput),
    { field: "clustreKey", rule: "additionalProperties" },
  ],
  [
    "API parameter put in the call options",
    () => aidp.searchAuditLogs({ aiDataPlatformId }, { limit: 5 } as AnyInput),
    { field: "options.limit", rule: "additionalProperties" },
  ],
  [
    "empty path parameter",
    () => aidp.downloadClusterLogs({ ...download, clusterKey: "", details: validDetails }),
    { field: "clusterKey", rule: "required" },
  ],
  [
    "blank path parameter (spaces only: sent as %20%20%20, another resource)",
    () => aidp.searchAuditLogs({ aiDataPlatformId: "   " }),
    { field: "aiDataPlatformId", rule: "required" },
  ],
  [
    "a Symbol as a path parameter (a type error, not a crash of the blank check)",
    () => aidp.searchAuditLogs({ aiDataPlatformId: Symbol("x") as unknown as string }),
    { field: "aiDataPlatformId", rule: "type" },
  ],
  [
    "CR/LF in a header parameter",
    () => aidp.searchAuditLogs({ aiDataPlatformId, opcRetryToken: "abc\r\nx-evil: 1" }),
    { field: "opcRetryToken", rule: "header-value" },
  ],
  [
    "NUL in a header parameter",
    () => aidp.searchAuditLogs({ aiDataPlatformId, opcRequestId: "abc\0" }),
    { field: "opcRequestId", rule: "header-value" },
  ],
  [
    ". or .. as a path parameter",
    () => aidp.downloadClusterLogs({ ...download, workspaceKey: "..", details: validDetails }),
    { field: "workspaceKey", rule: "path-segment" },
  ],
];

describe("request validation", () => {
  it.each(cases)("rejects %s before sending", async (_name, call, expected) => {
    const issues = await issuesOf(call());
    expect(issues).toContainEqual(expect.objectContaining(expected));
  });

  it("rejects CR/LF in a client-wide header, and never shows its value", async () => {
    const secret = "Bearer SECRET-credential";
    const client = createAidpClient({ baseUrl: server.url, headers: { authorization: `${secret}\n` } });
    const call = client.searchAuditLogs({ aiDataPlatformId });
    const issues = await issuesOf(call);
    expect(issues).toEqual([
      expect.objectContaining({ field: "headers.authorization", rule: "header-value" }),
    ]);
    const error = await call.catch((e: unknown) => e);
    expect(String(error)).not.toContain("SECRET");
    expect(String(error)).toContain("<redacted, 25 characters>");
  });

  it("rejects a character fetch cannot send as a header byte, without fetch quoting the value", async () => {
    const client = createAidpClient({ baseUrl: server.url, headers: { "x-team": "caf\u{1F375}" } });
    const issues = await issuesOf(client.searchAuditLogs({ aiDataPlatformId }));
    expect(issues).toEqual([expect.objectContaining({ field: "headers.x-team", rule: "header-value" })]);
  });

  it("does not show the value of an unknown parameter: it may be a misspelt secret", async () => {
    const token = "retry-token-SECRET-value";
    const call = aidp.searchAuditLogs({ aiDataPlatformId, opcRetrytoken: token } as AnyInput);
    expect(await issuesOf(call)).toEqual([
      expect.objectContaining({ field: "opcRetrytoken", rule: "additionalProperties" }),
    ]);
    expect(String(await call.catch((e: unknown) => e))).not.toContain("SECRET");
  });

  it("rejects a timeout or deadline that is not a positive number, naming it, before sending", async () => {
    expect(() => createAidpClient({ baseUrl: server.url, timeoutMs: -1 })).toThrow(
      "createAidpClient: timeoutMs must be a number of ms > 0 and <= 2147483647, or false, got -1.",
    );
    const sent = server.requests.length;
    await expect(aidp.searchAuditLogs({ aiDataPlatformId }, { deadlineMs: Number.NaN })).rejects.toThrow(
      "searchAuditLogs: options.deadlineMs must be a number of ms > 0 and <= 2147483647, got NaN.",
    );
    expect(server.requests.length).toBe(sent);
  });

  it("lists every problem at once, with the value and the rule in the message", async () => {
    const call = aidp.searchAuditLogs({
      aiDataPlatformId,
      limit: 5000,
      page: "",
      details: { status: "NOPE" as AnyInput, timeBegin: "soon" },
    });
    const issues = await issuesOf(call);
    expect(issues.map((i) => i.field).sort()).toEqual([
      "details.status",
      "details.timeBegin",
      "limit",
      "page",
    ]);
    const error = (await call.catch((e: unknown) => e)) as AidpValidationError;
    expect(error.message).toContain("limit: at most 1000 (rule `maximum`), got 5000");
    expect(error.message).toContain('details.status: one of SUCCEEDED, FAILED (rule `enum`), got "NOPE"');
  });

  it("never shows a retry token's value", async () => {
    const token = `secret-token-${"x".repeat(60)}`;
    const error = await aidp
      .searchAuditLogs({ aiDataPlatformId, opcRetryToken: token })
      .catch((e: unknown) => e);
    if (!(error instanceof Error)) throw new Error("expected an error");
    expect(String(error)).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
    expect(error.message).toContain("<redacted, 73 characters>");
  });

  it("sends valid input, with dates converted to RFC 3339 UTC and an empty body as {}", async () => {
    await aidp.searchAuditLogs({
      aiDataPlatformId,
      details: { timeBegin: new Date(Date.UTC(2025, 2, 16)), timeEnd: "2025-03-16T02:00:00+02:00" },
    });
    expect(JSON.parse(server.requests.at(-1)?.body ?? "")).toEqual({
      timeBegin: "2025-03-16T00:00:00.000Z",
      timeEnd: "2025-03-16T00:00:00.000Z",
    });
    await aidp.searchAuditLogs({ aiDataPlatformId });
    expect(server.requests.at(-1)?.body).toBe("{}");
  });

  // A Date would make each of these another instant than the one written (2025-02-30 is March 2, 24:00 the next
  // day), or one no RFC 3339 date-time can write (year -1, year 10000 once in UTC).
  it.each([
    "2025-02-30T00:00:00Z",
    "2025-02-29T12:00:00+01:00",
    "2025-04-31T23:00:00-05:00",
    "2025-02-28T24:00:00Z",
    "0000-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
  ])("refuses %s, naming the field and the rule", async (timeBegin) => {
    const sent = server.requests.length;
    const issues = await issuesOf(aidp.searchAuditLogs({ aiDataPlatformId, details: { timeBegin } }));
    expect(issues).toEqual([
      expect.objectContaining({
        field: "details.timeBegin",
        rule: "format",
        value: JSON.stringify(timeBegin),
      }),
    ]);
    expect(server.requests.length).toBe(sent);
  });

  it("refuses a Date beyond year 9999, which RFC 3339 cannot write", async () => {
    const issues = await issuesOf(
      aidp.searchAuditLogs({ aiDataPlatformId, details: { timeEnd: new Date(Date.UTC(10_000, 0, 1)) } }),
    );
    expect(issues).toEqual([expect.objectContaining({ field: "details.timeEnd", rule: "format" })]);
  });

  it("sends a date-time whose offset moves it into another day, as the instant it names", async () => {
    await aidp.searchAuditLogs({ aiDataPlatformId, details: { timeBegin: "2024-02-29T23:00:00-05:00" } });
    expect(JSON.parse(server.requests.at(-1)?.body ?? "")).toEqual({ timeBegin: "2024-03-01T04:00:00.000Z" });
  });

  it("reports a value JSON cannot write (a BigInt, a cycle) as an issue naming its field, not a crash", async () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const error = await aidp
      .searchAuditLogs({ aiDataPlatformId, limit: 10n as never, details: { bogus: cycle } as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpValidationError);
    expect(String(error)).toContain("limit: an integer (rule `type`), got 10");
    expect(String(error)).toContain("details.bogus: one of objectName, ");
    expect(String(error)).toContain("(rule `additionalProperties`), got [object Object]");
  });

  it("sends dates in UTC even where the application overrides Date.prototype.toJSON", async () => {
    const toJSON = Object.getOwnPropertyDescriptor(Date.prototype, "toJSON") as PropertyDescriptor;
    // Some applications write local times with it; the client must not.
    Date.prototype.toJSON = function (this: Date) {
      return `local:${this.getTime()}`;
    };
    try {
      await aidp.searchAuditLogs({
        aiDataPlatformId,
        details: { timeBegin: new Date(Date.UTC(2025, 2, 16)), timeEnd: "2025-03-16T02:00:00+02:00" },
      });
      const error = await aidp
        .searchAuditLogs({
          aiDataPlatformId,
          details: { timeBegin: new Date(Date.UTC(2025, 2, 17)), timeEnd: new Date(Date.UTC(2025, 2, 16)) },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AidpValidationError);
      expect(String(error)).toContain("details.timeBegin: not after timeEnd (2025-03-16T00:00:00.000Z)");
    } finally {
      Object.defineProperty(Date.prototype, "toJSON", toJSON);
    }
    expect(JSON.parse(server.requests.at(-1)?.body ?? "")).toEqual({
      timeBegin: "2025-03-16T00:00:00.000Z",
      timeEnd: "2025-03-16T00:00:00.000Z",
    });
  });

  it("percent-encodes path parameters so an id cannot change the path", async () => {
    await aidp.searchAuditLogs({ aiDataPlatformId: "../x?y=1#z" });
    expect(server.requests.at(-1)?.url).toBe(
      "/20260430/aiDataPlatforms/..%2Fx%3Fy%3D1%23z/actions/searchAuditLogs",
    );
  });
});
