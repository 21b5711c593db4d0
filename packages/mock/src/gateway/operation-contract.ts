// What the gateway checks beyond Prism, projected from `@aidp/spec/facts` (never retyped): the statuses each
// operation declares, the headers each of its answers documents, which header may be absent because its absence
// means something (the next-page header of `x-aidp-pagination`: the last page), and which header values are
// secrets (`x-aidp-secret`).
import type { ApiFacts } from "@aidp/spec/facts";

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

export function readGatewayContract(api: ApiFacts): GatewayContract {
  const operations = new Map<string, OperationContract>();
  // Authorization is the security scheme's, not a parameter: no `x-aidp-secret` to read, always a secret.
  const secretHeaders = new Set(["authorization"]);
  for (const operation of Object.values(api.operations)) {
    for (const parameter of operation.parameters) {
      if (parameter.in === "header" && parameter.secret) secretHeaders.add(parameter.name.toLowerCase());
    }
    const headersByStatus = new Map<string, string[]>();
    for (const response of operation.responses) {
      headersByStatus.set(
        response.status,
        response.headers.map((header) => header.name.toLowerCase()),
      );
      for (const header of response.headers) {
        if (header.secret) secretHeaders.add(header.name.toLowerCase());
      }
    }
    operations.set(operation.operationId, {
      operationId: operation.operationId,
      declaredStatuses: operation.responses
        .map((response) => response.status)
        .filter((status) => /^\d{3}$/.test(status)),
      documentedHeaders: (status) =>
        headersByStatus.get(String(status)) ?? headersByStatus.get("default") ?? [],
      optionalHeader: operation.pagination?.nextPageHeader.toLowerCase(),
      itemsField: operation.pagination?.itemsField,
    });
  }
  return { operation: (operationId) => operations.get(operationId), secretHeaders };
}
