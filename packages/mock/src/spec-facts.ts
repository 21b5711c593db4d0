// What the stateful layer needs to know about the API, read from the bundled spec when the mock starts:
// defaults, the opc-request-id pattern and the error code of each documented status. Never retyped.
import { readFileSync } from "node:fs";
import { resolveRef } from "@aidp/spec/resolve-ref";
import { bundledSpecJsonPath } from "./bundled-spec.ts";

type Json = Record<string, unknown>;

export interface SpecFacts {
  /** The spec document itself (Prism reads it too). */
  document: Json;
  defaultSortBy: string;
  defaultLimit: number;
  /** What an `opc-request-id` must match (the request parameter's pattern). */
  requestIdPattern: RegExp;
  /** The `code` of the spec's example for an error status, or of its `default` response. */
  errorCode(status: number): string;
}

let cached: SpecFacts | undefined;

export function loadSpecFacts(): SpecFacts {
  cached ??= readSpecFacts(JSON.parse(readFileSync(bundledSpecJsonPath, "utf8")) as Json);
  return cached;
}

export function readSpecFacts(document: Json): SpecFacts {
  const resolve = (node: unknown): Json => resolveRef(document, node as Json);
  const operation = (operationId: string): Json => {
    for (const pathItem of Object.values(document.paths as Json)) {
      for (const candidate of Object.values(pathItem as Json)) {
        if ((candidate as Json).operationId === operationId) return candidate as Json;
      }
    }
    throw new Error(`the bundled spec has no operation ${operationId}`);
  };
  const search = operation("searchAuditLogs");
  const parameter = (name: string): Json => {
    const found = (search.parameters as unknown[]).map(resolve).find((candidate) => candidate.name === name);
    if (!found) throw new Error(`searchAuditLogs has no parameter ${name}`);
    return found;
  };
  const detailsSchema = resolve(
    ((resolve(search.requestBody).content as Json)["application/json"] as Json).schema,
  );
  const sortBy = resolve((detailsSchema.properties as Json).sortBy);
  const limit = resolve(parameter("limit").schema);
  const requestIdSchema = resolve(parameter("opc-request-id").schema);

  const responses = search.responses as Json;
  const codes = new Map<string, string>();
  for (const [status, reference] of Object.entries({
    ...(operation("downloadClusterLogs").responses as Json),
    ...responses,
  })) {
    const content = resolve(reference).content as Json | undefined;
    const examples = (content?.["application/json"] as Json | undefined)?.examples as Json | undefined;
    const first = examples && Object.values(examples)[0];
    const code = first && (resolve(first).value as Json | undefined)?.code;
    if (typeof code === "string") codes.set(status, code);
  }
  const fallback = codes.get("default");
  if (!fallback) throw new Error("the bundled spec's default response has no example with a code");

  return {
    document,
    defaultSortBy: String(sortBy.default),
    defaultLimit: Number(limit.default),
    requestIdPattern: new RegExp(String(requestIdSchema.pattern)),
    errorCode: (status) => codes.get(String(status)) ?? fallback,
  };
}
