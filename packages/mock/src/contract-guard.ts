// Prism as a library, in this process: it routes each request to its operation, checks the request against the
// bundled spec before the stateful layer sees it, and checks every answer before it leaves. Nothing here
// re-implements a check; this module only turns Prism's findings into the API's words.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** An operation as Prism's http-spec turns it out; only what this package reads. */
export interface SpecOperation {
  id: string;
  iid?: string;
  method: string;
  path: string;
}

/** One finding of Prism's validator, as it gives it (the gateway reads `path` as data). */
export interface PrismDiagnostic {
  path?: string[];
  code?: string | number;
  message: string;
}
type Either<L, R> = { _tag: "Left"; left: L } | { _tag: "Right"; right: R };
export interface PrismRequest {
  method: string;
  url: { path: string; query: Record<string, string | string[]> };
  headers: Record<string, string>;
  body?: unknown;
}
export interface PrismResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

// Deep requires: the validator and router alone, not Prism's mocker and its faker (faster start).
const { getHttpOperationsFromSpec } = require("@stoplight/prism-http/dist/utils/operations") as {
  getHttpOperationsFromSpec(spec: string | object): Promise<SpecOperation[]>;
};
const { validateInput, validateOutput } = require("@stoplight/prism-http/dist/validator") as {
  validateInput(args: { resource: SpecOperation; element: PrismRequest }): Either<PrismDiagnostic[], unknown>;
  validateOutput(args: {
    resource: SpecOperation;
    element: PrismResponse;
  }): Either<PrismDiagnostic[], unknown>;
};
const route = (require("@stoplight/prism-http/dist/router") as { default: PrismRoute }).default;
const { matchPath } = require("@stoplight/prism-http/dist/router/matchPath") as {
  matchPath(requestPath: string, operationPath: string): Either<Error, string>;
};
type PrismRoute = (args: {
  resources: SpecOperation[];
  input: PrismRequest;
}) => Either<{ status?: number; detail?: string }, SpecOperation>;

/** The outcome of routing: the operation, or why none matched (404 no path, 405 no method). */
export type RouteResult =
  | { operation: SpecOperation }
  | { status: 404 | 405; message: string; operation?: undefined };

/** One violated rule: where (`body field status`), and the rule (`must be equal to one of ...`). */
export interface Violation {
  field: string;
  rule: string;
}

export interface ContractGuard {
  operations: SpecOperation[];
  route(method: string, path: string): RouteResult;
  checkRequest(operation: SpecOperation, request: PrismRequest): Violation[];
  checkResponse(operation: SpecOperation, response: PrismResponse): Violation[];
  /** Prism's findings on a response as it gives them (the gateway's drift report needs their paths). */
  diagnoseResponse(operation: SpecOperation, response: PrismResponse): PrismDiagnostic[];
  /** Prism's findings on a request as it gives them. */
  diagnoseRequest(operation: SpecOperation, request: PrismRequest): PrismDiagnostic[];
}

/** Prism's guard over the spec bundle at `specPath` (Prism reads and dereferences the file itself). */
export async function loadContractGuard(specPath: string): Promise<ContractGuard> {
  const operations = await getHttpOperationsFromSpec(specPath);
  return {
    operations,
    route(method, path) {
      const result = route({
        resources: operations,
        input: { method, url: { path, query: {} }, headers: {} },
      });
      if (result._tag === "Right") return { operation: result.right };
      const status = result.left.status === 405 ? 405 : 404;
      const message =
        status === 405
          ? `${method} is not allowed on ${path}; the API defines ${allowedMethods(operations, path).join(", ")} there`
          : `no API operation at ${path}`;
      return { status, message };
    },
    checkRequest(operation, request) {
      let result: ReturnType<typeof validateInput>;
      try {
        result = validateInput({ resource: operation, element: request });
      } catch (error) {
        // Prism throws on some inputs it cannot read (a malformed escape, a list as content-type): the
        // request's fault, so a 400 that says what Prism could not read, never a 500.
        return [{ field: "request", rule: `could not be read: ${(error as Error).message}` }];
      }
      return result._tag === "Left" ? result.left.map(toViolation) : [];
    },
    checkResponse(operation, response) {
      const result = validateOutput({ resource: operation, element: response });
      return result._tag === "Left" ? result.left.map(toViolation) : [];
    },
    diagnoseResponse(operation, response) {
      return diagnose(() => validateOutput({ resource: operation, element: response }));
    },
    diagnoseRequest(operation, request) {
      return diagnose(() => validateInput({ resource: operation, element: request }));
    },
  };
}

/** Prism's findings; what Prism throws on (input it cannot read) is one finding saying so, never a crash. */
function diagnose(validate: () => Either<PrismDiagnostic[], unknown>): PrismDiagnostic[] {
  try {
    const result = validate();
    return result._tag === "Left" ? result.left : [];
  } catch (error) {
    return [{ message: `could not be read: ${(error as Error).message}` }];
  }
}

function allowedMethods(operations: SpecOperation[], path: string): string[] {
  return operations
    .filter((operation) => {
      const match = matchPath(path, operation.path);
      return match._tag === "Right" && match.right !== "no-match";
    })
    .map((operation) => operation.method.toUpperCase());
}

const LOCATIONS: Record<string, string> = {
  body: "body field",
  query: "query parameter",
  header: "header",
  path: "path parameter",
};

/**
 * Prism says "Request body property status must be equal to one of the allowed values: ...": the part from
 * "must"/"is"/"Body parameter" on is the rule, the path names the field.
 */
export function toViolation(diagnostic: PrismDiagnostic): Violation {
  // "Body parameter is required" comes without a path.
  const [location = /^Body\b/.test(diagnostic.message) ? "body" : "", ...rest] = diagnostic.path ?? [];
  let name = rest.join(".");
  const found = /found '([^']+)'/.exec(diagnostic.message) ?? /property '([^']+)'/.exec(diagnostic.message);
  if ((diagnostic.code === "additionalProperties" || diagnostic.code === "required") && found?.[1]) {
    name = name ? `${name}.${found[1]}` : found[1];
  }
  const field = name
    ? `${LOCATIONS[location] ?? location} ${name}`
    : location === "body"
      ? "body"
      : (LOCATIONS[location] ?? "request");
  const ruleStart = diagnostic.message.search(
    /\b(must|is|should|does|Body parameter|Supported|No supported)\b/,
  );
  let rule = ruleStart === -1 ? diagnostic.message : diagnostic.message.slice(ruleStart);
  if (diagnostic.code === "required") rule = "is required";
  if (diagnostic.code === "additionalProperties") rule = "is not allowed (the schema has no such property)";
  return { field, rule };
}

/** "body field status must be ...; query parameter limit must be <= 1000". */
export function describeViolations(violations: Violation[]): string {
  return violations.map(({ field, rule }) => `${field} ${rule}`).join("; ");
}
