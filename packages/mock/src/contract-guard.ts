// Prism as a library, in this process: it routes each request to its operation, checks the request against the
// bundled spec before the stateful layer sees it, and checks every answer before it leaves. Nothing here
// re-implements a check, and nothing here reads Prism's internals or its messages (prism-adapter.ts does); this
// module only puts the adapter's violations into the API's words.
import {
  loadOperations,
  type PrismRequest,
  type PrismResponse,
  pathMatches,
  routeRequest,
  type SpecOperation,
  type SpecViolation,
  type ViolationLocation,
  validateRequest,
  validateResponse,
} from "./prism-adapter.ts";

export type { PrismRequest, PrismResponse, SpecOperation, SpecViolation } from "./prism-adapter.ts";

/** The outcome of routing: the operation, or why none matched (404 no path, 405 no method). */
export type RouteResult =
  | { operation: SpecOperation }
  | { status: 404 | 405; message: string; operation?: undefined };

/** One violated rule in the mock's words: where (`body field status`), and the rule (`must be equal to ...`). */
export interface Violation {
  field: string;
  rule: string;
}

export interface ContractGuard {
  operations: SpecOperation[];
  route(method: string, path: string): RouteResult;
  /** What the request breaks, in the mock's words. */
  checkRequest(operation: SpecOperation, request: PrismRequest): Violation[];
  /** What the answer breaks, in the mock's words. */
  checkResponse(operation: SpecOperation, response: PrismResponse): Violation[];
  /** What the request breaks, located (the gateway's drift report reads the locations). */
  validateRequest(operation: SpecOperation, request: PrismRequest): SpecViolation[];
  /** What the answer breaks, located. */
  validateResponse(operation: SpecOperation, response: PrismResponse): SpecViolation[];
}

/** Prism's guard over the spec bundle at `specPath` (Prism reads and dereferences the file itself). */
export async function loadContractGuard(specPath: string): Promise<ContractGuard> {
  const operations = await loadOperations(specPath);
  return {
    operations,
    route(method, path) {
      const routed = routeRequest(operations, method, path);
      if ("operation" in routed) return routed;
      const message =
        routed.status === 405
          ? `${method} is not allowed on ${path}; the API defines ${allowedMethods(operations, path).join(", ")} there`
          : `no API operation at ${path}`;
      return { status: routed.status, message };
    },
    checkRequest: (operation, request) => validateRequest(operation, request).map(inWords),
    checkResponse: (operation, response) => validateResponse(operation, response).map(inWords),
    validateRequest,
    validateResponse,
  };
}

function allowedMethods(operations: SpecOperation[], path: string): string[] {
  return operations
    .filter((operation) => pathMatches(path, operation.path))
    .map((operation) => operation.method.toUpperCase());
}

const PARAMETER_WORDS: Record<Exclude<ViolationLocation["in"], "body" | "message">, string> = {
  query: "query parameter",
  header: "header",
  path: "path parameter",
  status: "status",
};

/** `body field items.0.status`, `query parameter limit`, `header content-type`, `request`. */
function inWords({ direction, location, rule }: SpecViolation): Violation {
  const name = location.path.join(".");
  let field: string;
  if (location.in === "body") field = name ? `body field ${name}` : "body";
  else if (location.in === "message") field = direction;
  else field = `${PARAMETER_WORDS[location.in]} ${name}`.trim();
  return { field, rule };
}

/** "body field status must be ...; query parameter limit must be <= 1000". */
export function describeViolations(violations: Violation[]): string {
  return violations.map(({ field, rule }) => `${field} ${rule}`).join("; ");
}
