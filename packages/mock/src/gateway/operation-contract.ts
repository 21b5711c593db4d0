// What the gateway checks beyond Prism, read from the bundled spec when it starts (never retyped): the statuses
// each operation declares, the headers each of its answers documents, which header may be absent because its
// absence means something (the next-page header of `x-aidp-pagination`: the last page), and which header values
// are secrets (`x-aidp-secret`).
import { resolveRef } from "@aidp/spec/resolve-ref";

type Json = Record<string, unknown>;

export interface OperationContract {
  operationId: string;
  /** Statuses listed one by one (`default` not included). */
  declaredStatuses: string[];
  /** Header names (lower case) the answer with this status documents; `default`'s for undeclared statuses. */
  documentedHeaders(status: number): string[];
  /** A header whose absence is meaningful, so it may be missing (the next-page header). */
  optionalHeader?: string | undefined;
  /** The array field of a page's body (`items`), for paging operations. */
  itemsField?: string | undefined;
}

export interface GatewayContract {
  operation(operationId: string): OperationContract | undefined;
  /** Lower-case names of headers whose values are secrets, in requests and answers (`authorization` too). */
  secretHeaders: Set<string>;
}

export function readGatewayContract(document: Json): GatewayContract {
  const resolve = (node: unknown): Json => resolveRef(document, node as Json);
  const operations = new Map<string, OperationContract>();
  const secretHeaders = new Set(["authorization"]);
  for (const pathItem of Object.values(document.paths as Json)) {
    for (const candidate of Object.values(pathItem as Json)) {
      const operation = candidate as Json;
      if (typeof operation.operationId !== "string") continue;
      for (const parameter of ((operation.parameters as unknown[] | undefined) ?? []).map(resolve)) {
        if (parameter.in === "header" && parameter["x-aidp-secret"] === true) {
          secretHeaders.add(String(parameter.name).toLowerCase());
        }
      }
      const responses = operation.responses as Json;
      const headersByStatus = new Map<string, string[]>();
      for (const [status, reference] of Object.entries(responses)) {
        const headers = (resolve(reference).headers as Json | undefined) ?? {};
        headersByStatus.set(
          status,
          Object.keys(headers).map((name) => name.toLowerCase()),
        );
        for (const [name, header] of Object.entries(headers)) {
          if (resolve(header)["x-aidp-secret"] === true) secretHeaders.add(name.toLowerCase());
        }
      }
      const pagination = operation["x-aidp-pagination"] as
        | { nextPageHeader?: string; itemsField?: string }
        | undefined;
      operations.set(operation.operationId, {
        operationId: operation.operationId,
        declaredStatuses: Object.keys(responses).filter((status) => /^\d{3}$/.test(status)),
        documentedHeaders: (status) =>
          headersByStatus.get(String(status)) ?? headersByStatus.get("default") ?? [],
        optionalHeader: pagination?.nextPageHeader?.toLowerCase(),
        itemsField: pagination?.itemsField,
      });
    }
  }
  return { operation: (operationId) => operations.get(operationId), secretHeaders };
}
