// What the behaviour tests share: requests to the mock, the API's facts as @aidp/spec/facts reads them (the one
// reader of the spec bundle; the mock ships a byte-identical copy of it), and a JSON Schema validator for its schemas.
import { type JsonValue, operationNamed, readApiFacts } from "@aidp/spec/facts";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockOptions, type RunningMock, startMock } from "../src/index.ts";
import type { UncheckedMockOptions } from "../src/options.ts";

/** The API as the spec describes it. */
export const facts = readApiFacts();

/** `startMock` as a JavaScript caller sees it, without the types: for the run-time checks of bad options. */
export const startMockUnchecked = startMock as (options: UncheckedMockOptions) => Promise<RunningMock>;

export const operations = {
  downloadClusterLogs:
    "/20260430/aiDataPlatforms/ocid1.aidataplatform.oc1.iad.test/workspaces/ws-1/clusters/cl-1/actions/downloadLogs",
  searchAuditLogs: "/20260430/aiDataPlatforms/ocid1.aidataplatform.oc1.iad.test/actions/searchAuditLogs",
} as const;
export type OperationId = keyof typeof operations;

/** The example named `name` of one of the spec's `examples` maps, or an error naming the ones there are. */
function exampleNamed(examples: Record<string, JsonValue> | undefined, name: string, where: string) {
  const example = examples?.[name];
  if (example === undefined)
    throw new Error(`${where} has no example ${name} (it has ${Object.keys(examples ?? {}).join(", ")})`);
  return example as Record<string, unknown>;
}

/** A valid request body of each operation: one of the spec's examples of it. */
export const validBodies: Record<OperationId, Record<string, unknown>> = {
  downloadClusterLogs: exampleNamed(
    operationNamed(facts, "downloadClusterLogs").body?.examples,
    "driverErrors",
    "downloadClusterLogs' request body",
  ),
  searchAuditLogs: exampleNamed(
    operationNamed(facts, "searchAuditLogs").body?.examples,
    "failedOperations",
    "searchAuditLogs' request body",
  ),
};

/** A valid SearchAuditLogs page of records of every kind: the spec's `mixedRecords` example of its 200 answer. */
export const mixedRecordsPage = exampleNamed(
  operationNamed(facts, "searchAuditLogs").success.examples,
  "mixedRecords",
  "searchAuditLogs' success answer",
) as { items: Record<string, unknown>[] };

/** The spec's security scheme is an `Authorization` header; Prism checks only that it is there. */
const authorization =
  'Signature version="1",keyId="test/test/test",algorithm="rsa-sha256",signature="dGVzdA=="';

export interface CallOptions {
  query?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** The body exactly as sent (e.g. malformed JSON); wins over `body`. */
  rawBody?: string;
}

export async function call(baseUrl: string, operation: OperationId, options: CallOptions = {}) {
  const response = await fetch(`${baseUrl}${operations[operation]}${options.query ?? ""}`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json", ...options.headers },
    body: options.rawBody ?? JSON.stringify(options.body ?? validBodies[operation]),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : JSON.parse(text),
  };
}

/** An audit record as the mock answers it. */
export type AuditRecord = Record<string, string>;

/** Reads every page of a search, following opc-next-page; returns the items and the number of pages. */
export async function pageThrough(baseUrl: string, body: object, limit?: number) {
  const items: AuditRecord[] = [];
  let pages = 0;
  let page: string | null = null;
  do {
    const query = new URLSearchParams();
    if (limit !== undefined) query.set("limit", String(limit));
    if (page) query.set("page", page);
    const response = await call(baseUrl, "searchAuditLogs", { query: `?${query}`, body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    items.push(...response.body.items);
    pages += 1;
    page = response.headers.get("opc-next-page");
  } while (page);
  return { items, pages };
}

/** What the request id parameter (`x-aidp-call-header: request-id`) allows, from the spec. */
export const requestIdPattern = new RegExp(
  operationNamed(facts, "searchAuditLogs").parameters.find(
    (parameter) => parameter.callHeader === "request-id",
  )?.schema.pattern ?? "the spec gives no pattern for the request id",
);

/**
 * Starts the stateful mock for one test file (beforeAll), stopped after it (afterAll). Any answer Prism found
 * to break the spec (logged by the mock as a bug) fails the file.
 */
export function useStatefulMock(options: MockOptions = {}) {
  let running: RunningMock | undefined;
  const bugs: string[] = [];
  const lines: string[] = [];
  beforeAll(async () => {
    running = await startMock({
      port: 0,
      ...options,
      onLog: (line) => {
        lines.push(line);
        if (line.startsWith("aidp-mock bug")) bugs.push(line);
      },
    });
  });
  afterAll(async () => {
    await running?.stop();
    expect(bugs).toEqual([]);
  });
  const mock = () => {
    if (!running) throw new Error("the mock did not start");
    return running;
  };
  return {
    get url() {
      return mock().url;
    },
    reset: () => mock().reset(),
    /** Every line the mock logged so far. */
    lines,
  };
}
/** The spec's example `name` of the answer `status` of `operationId`. */
export function responseExample(operationId: OperationId, status: string, name: string) {
  const response = operationNamed(facts, operationId).responses.find(
    (candidate) => candidate.status === status,
  );
  return exampleNamed(response?.examples, name, `${operationId}' ${status} answer`);
}

/** The documented numeric statuses of an operation: what Prism's `Prefer: code=` can pick. */
export function documentedStatuses(operationId: OperationId): string[] {
  return operationNamed(facts, operationId)
    .responses.map((response) => response.status)
    .filter((status) => /^\d{3}$/.test(status));
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const validators = new Map<string, ValidateFunction>();

/**
 * Validates `value` against the spec's component schema `name` (its facts: every `$ref` resolved, the
 * keywords our schemas use); returns ajv's errors.
 */
export function schemaErrors(name: string, value: unknown): string {
  const schema = facts.schemas[name];
  if (!schema)
    throw new Error(`no schema ${name} in the spec (it has ${Object.keys(facts.schemas).join(", ")})`);
  const validate = validators.get(name) ?? ajv.compile(schema);
  validators.set(name, validate);
  return validate(value) ? "" : ajv.errorsText(validate.errors);
}

/** Prism's own header, listing what it found wrong with the request or response. */
export const violationsHeader = "sl-violations";

/** The CORS behaviour every mode shares: browser code may call the mock from any origin. */
export function corsTests(baseUrl: () => string): void {
  describe("CORS", () => {
    it("answers a browser's preflight for the API's headers", async () => {
      const response = await fetch(`${baseUrl()}${operations.searchAuditLogs}`, {
        method: "OPTIONS",
        headers: {
          origin: "http://app.example.test",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type,opc-request-id,opc-retry-token",
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("http://app.example.test");
      expect(response.headers.get("access-control-allow-methods")).toContain("POST");
      expect(response.headers.get("access-control-allow-headers")).toContain("opc-retry-token");
    });

    it("exposes the response headers to browser code", async () => {
      const response = await call(baseUrl(), "searchAuditLogs", {
        headers: { origin: "http://app.example.test" },
      });
      expect(response.headers.get("access-control-allow-origin")).toBe("http://app.example.test");
      expect(response.headers.get("access-control-expose-headers")).toBe("*");
    });
  });
}
