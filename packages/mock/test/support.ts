// What the behaviour tests share: requests to the mock, the spec bundle the mock ships, and a JSON
// Schema validator for its schemas.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { bundledSpecPath } from "../src/index.ts";

export const spec = parse(readFileSync(bundledSpecPath, "utf8"));

export const operations = {
  downloadClusterLogs:
    "/20260430/aiDataPlatforms/ocid1.aidataplatform.oc1.iad.test/workspaces/ws-1/clusters/cl-1/actions/downloadLogs",
  searchAuditLogs: "/20260430/aiDataPlatforms/ocid1.aidataplatform.oc1.iad.test/actions/searchAuditLogs",
} as const;
export type OperationId = keyof typeof operations;

export const validBodies: Record<OperationId, object> = {
  downloadClusterLogs: spec.components.examples.DownloadClusterLogsDriverErrors.value,
  searchAuditLogs: spec.components.examples.SearchAuditLogsFailedOperations.value,
};

/** The spec's security scheme is an `Authorization` header; Prism checks only that it is there. */
const authorization =
  'Signature version="1",keyId="test/test/test",algorithm="rsa-sha256",signature="dGVzdA=="';

export interface CallOptions {
  query?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export async function call(baseUrl: string, operation: OperationId, options: CallOptions = {}) {
  const response = await fetch(`${baseUrl}${operations[operation]}${options.query ?? ""}`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json", ...options.headers },
    body: JSON.stringify(options.body ?? validBodies[operation]),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : JSON.parse(text),
  };
}

interface SpecOperation {
  operationId: string;
  responses: Record<string, unknown>;
}

/** The documented numeric statuses of an operation: what Prism's `Prefer: code=` can pick. */
export function documentedStatuses(operationId: OperationId): string[] {
  const all = Object.values(spec.paths as Record<string, Record<string, SpecOperation>>).flatMap(
    Object.values,
  );
  const operation = all.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId} in the bundle`);
  return Object.keys(operation.responses).filter((status) => /^\d{3}$/.test(status));
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(spec, "bundle");

/** Validates `value` against `#/components/schemas/<name>` of the bundle; returns ajv's errors. */
export function schemaErrors(name: string, value: unknown): string {
  const validate = ajv.getSchema(`bundle#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name} in the bundle`);
  return validate(value) ? "" : ajv.errorsText(validate.errors);
}

/** Prism's own header, listing what it found wrong with the request or response. */
export const violationsHeader = "sl-violations";
