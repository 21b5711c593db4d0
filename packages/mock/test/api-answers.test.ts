// Every answer of the stateful mock is the API's: invalid requests get a 400 Error naming each field and rule
// (from Prism's findings), malformed JSON gets a prompt 400, unknown routes 404 and wrong methods 405, each with
// an Error body and an opc-request-id the request pattern accepts.
import { describe, expect, it } from "vitest";
import { startMock } from "../src/index.ts";
import {
  type CallOptions,
  call,
  corsTests,
  facts,
  type OperationId,
  requestIdPattern,
  responseExample,
  schemaErrors,
  useStatefulMock,
  validBodies,
} from "./support.ts";

const mock = useStatefulMock();

/** Every non-2xx must be the API's Error with an opc-request-id the request parameter's pattern accepts. */
function expectApiError(response: { status: number; headers: Headers; body: unknown }, status: number) {
  expect(response.status).toBe(status);
  expect(schemaErrors("Error", response.body)).toBe("");
  expect(response.headers.get("opc-request-id")).toMatch(requestIdPattern);
  expect(response.headers.get("content-type")).toBe("application/json");
}

describe("invalid requests get a 400 InvalidParameter naming each field and rule", () => {
  it.each<[string, OperationId, CallOptions, string[]]>([
    [
      "limit below its minimum",
      "searchAuditLogs",
      { query: "?limit=0" },
      ["query parameter limit must be >= 1"],
    ],
    [
      "limit above its maximum",
      "searchAuditLogs",
      { query: "?limit=1001" },
      ["query parameter limit must be <= 1000"],
    ],
    [
      "limit that is not an integer",
      "searchAuditLogs",
      { query: "?limit=ten" },
      ['query parameter limit must be an integer written in decimal digits, got "ten"'],
    ],
    [
      "an enum value the spec does not list",
      "searchAuditLogs",
      { body: { status: "MAYBE" } },
      ["body field status must be equal to one of the allowed values: SUCCEEDED, FAILED"],
    ],
    [
      "a property the schema does not allow",
      "searchAuditLogs",
      { body: { colour: "red" } },
      ["body field colour is not allowed"],
    ],
    [
      "a date-time that is not one",
      "searchAuditLogs",
      { body: { timeBegin: "yesterday" } },
      ['body field timeBegin must match format "date-time"'],
    ],
    [
      "two missing required body fields of DownloadClusterLogs",
      "downloadClusterLogs",
      { body: { timeBegin: "2025-03-16T00:00:00Z" } },
      ["body field logContentTypeContains is required", "body field timeEnd is required"],
    ],
    [
      "an opc-request-id outside its pattern",
      "searchAuditLogs",
      { headers: { "opc-request-id": "not valid!" } },
      ["header opc-request-id must match pattern"],
    ],
    [
      "an opc-retry-token over 64 characters",
      "searchAuditLogs",
      { headers: { "opc-retry-token": "x".repeat(65) } },
      ["header opc-retry-token must NOT have more than 64 characters"],
    ],
  ])("%s", async (_name, operation, options, named) => {
    const response = await call(mock.url, operation, options);
    expectApiError(response, 400);
    expect(response.body.code).toBe("InvalidParameter");
    for (const part of named) expect(response.body.message).toContain(part);
  });

  it("an export without a body: the body is required", async () => {
    const response = await fetch(
      `${mock.url}/20260430/aiDataPlatforms/x/workspaces/w/clusters/c/actions/downloadLogs`,
      { method: "POST", headers: { "content-type": "application/json", "content-length": "0" } },
    );
    const body = await response.json();
    expectApiError({ status: response.status, headers: response.headers, body }, 400);
    expect(body.message).toBe("Invalid request: body is required.");
  });
});

describe("the spec's examples fit what the API answers", () => {
  it.each<OperationId>(["searchAuditLogs", "downloadClusterLogs"])(
    "%s: the 400 example is the answer to its mistake",
    async (operation) => {
      const body = { ...validBodies[operation], timeEnd: "yesterday" };
      const response = await call(mock.url, operation, { body });
      expect(response.body).toEqual(responseExample(operation, "400", "InvalidParameter"));
    },
  );

  it("the response opc-request-id example is one the request parameter accepts", () => {
    const answers = Object.values(facts.operations).flatMap((operation) => operation.responses);
    const examples = answers.flatMap((answer) =>
      answer.headers
        .filter((header) => header.name === "opc-request-id")
        .flatMap((header) => header.schema.examples ?? []),
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      expect(example).toMatch(requestIdPattern);
    }
  });

  it("the 412 example does not talk about a header the operation does not take", () => {
    expect(responseExample("downloadClusterLogs", "412", "NoEtagMatch").message).not.toMatch(
      /if-match|etag/i,
    );
  });
});

describe("what Prism itself cannot answer", () => {
  it.each(["{not json", '{"status": "FAILED"', "[1,2"])(
    "malformed JSON %s gets a prompt 400",
    async (rawBody) => {
      const response = await call(mock.url, "searchAuditLogs", { rawBody });
      expectApiError(response, 400);
      expect(response.body).toEqual({
        code: "InvalidParameter",
        message: expect.stringContaining("not valid JSON"),
      });
    },
  );

  it.each([
    ["arrays", (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`],
    ["objects", (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`],
  ])(
    "a body of %s nested 5,000 deep (10 kB) gets a 400 naming the bound, not a 500",
    async (_kind, nested) => {
      const response = await call(mock.url, "searchAuditLogs", { rawBody: `{"query":${nested(5_000)}}` });
      expectApiError(response, 400);
      expect(response.body).toEqual({
        code: "InvalidParameter",
        message: "Invalid request: body must not nest objects and arrays deeper than 64 levels.",
      });
    },
  );

  it.each(["/", "/20260430/nothing", "/20260430/aiDataPlatforms/x/actions/deleteEverything"])(
    "an unknown route %s gets 404 NotAuthorizedOrNotFound",
    async (path) => {
      const response = await fetch(`${mock.url}${path}`, { method: "POST", body: "{}" });
      expectApiError(
        { status: response.status, headers: response.headers, body: await response.json() },
        404,
      );
    },
  );

  it.each(["GET", "PUT", "DELETE"])(
    "%s on an operation's path gets 405 naming the allowed method",
    async (method) => {
      const response = await fetch(`${mock.url}/20260430/aiDataPlatforms/x/actions/searchAuditLogs`, {
        method,
      });
      const body = await response.json();
      expectApiError({ status: response.status, headers: response.headers, body }, 405);
      expect(body.message).toContain("POST");
    },
  );
});

describe("opc-request-id", () => {
  it("echoes the caller's own", async () => {
    const response = await call(mock.url, "searchAuditLogs", {
      headers: { "opc-request-id": "my_request-1" },
    });
    expect(response.headers.get("opc-request-id")).toBe("my_request-1");
  });

  it("makes a fresh one in the request pattern for each answer otherwise", async () => {
    const [a, b] = await Promise.all([
      call(mock.url, "searchAuditLogs"),
      call(mock.url, "downloadClusterLogs"),
    ]);
    for (const response of [a, b]) expect(response.headers.get("opc-request-id")).toMatch(requestIdPattern);
    expect(a.headers.get("opc-request-id")).not.toBe(b.headers.get("opc-request-id"));
  });
});

describe("authentication", () => {
  it("answers unsigned requests by default", async () => {
    const response = await call(mock.url, "searchAuditLogs", { headers: { authorization: "" } });
    expect(response.status).toBe(200);
  });

  it("with requireAuth, a request without Authorization gets 401 NotAuthenticated", async () => {
    const strict = await startMock({ port: 0, requireAuth: true });
    try {
      const response = await fetch(`${strict.url}/20260430/aiDataPlatforms/x/actions/searchAuditLogs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      const body = await response.json();
      expectApiError({ status: response.status, headers: response.headers, body }, 401);
      expect(body.code).toBe("NotAuthenticated");
      expect((await call(strict.url, "searchAuditLogs")).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });
});

corsTests(() => mock.url);
