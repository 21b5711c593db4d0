// Prism as a library, in this process: it routes each request to its operation, checks the request against the
// bundled spec before the stateful layer sees it, and checks every answer before it leaves. Nothing here
// re-implements a check, and nothing here reads Prism's internals or its messages (prism-adapter.ts does); this
// module only puts the adapter's violations into the API's words. Every request and answer is checked: Prism's
// verdict on an input it has judged before (the same page for the 50th client) is remembered, keyed by
// everything the verdict depends on, so that input is not judged again.

import { MAX_JSON_DEPTH, nestsDeeperThan } from "@aidp/client/value-rules";
import { exactJson } from "./exact-json.ts";
import { jsonText } from "./json-text.ts";
import {
  loadOperations,
  type PrismRequest,
  type PrismResponse,
  pathMatches,
  requestVerdictKey,
  responseVerdictKey,
  routeRequest,
  type SpecOperation,
  type SpecViolation,
  type ViolationLocation,
  validateRequest,
  validateResponse,
} from "./prism-adapter.ts";
import { VerdictCache } from "./verdict-cache.ts";

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
  /** What the answer breaks, in the mock's words: the answer as sent, its body as JSON text. */
  checkResponse(operation: SpecOperation, response: PrismResponse): Violation[];
  /** The same for an answer whose body is already the JSON text it is sent as (no body: undefined). */
  checkSentResponse(operation: SpecOperation, response: SentResponse): Violation[];
  /**
   * checkResponse, judged and not remembered: for an answer checked once and never sent (each record of a records
   * file, at start-up), whose verdict would only cost a key and fill the cache with entries never hit.
   */
  checkResponseUncached(operation: SpecOperation, response: PrismResponse): Violation[];
  /** What the request breaks, located (the gateway's drift report reads the locations). */
  validateRequest(operation: SpecOperation, request: PrismRequest): SpecViolation[];
  /** What the answer breaks, located. */
  validateResponse(operation: SpecOperation, response: PrismResponse): SpecViolation[];
  /** How many verdicts were remembered rather than judged, per direction (the bench reports it). */
  verdictStats(): { request: VerdictStats; response: VerdictStats };
}

export type VerdictStats = VerdictCache<unknown>["stats"];

/** An answer as it is written out: its JSON body as text. */
export interface SentResponse {
  statusCode: number;
  headers: Record<string, string>;
  bodyText: string | undefined;
}

/** Prism's guard over the spec bundle at `specPath` (Prism reads and dereferences the file itself). */
export async function loadContractGuard(specPath: string): Promise<ContractGuard> {
  const operations = await loadOperations(specPath);
  compileSchemasNow(operations);
  const requestVerdicts = new VerdictCache<readonly SpecViolation[]>();
  const responseVerdicts = new VerdictCache<readonly SpecViolation[]>();
  const validateRequestOnce = (operation: SpecOperation, request: PrismRequest) =>
    tooDeep(operation, "request", request.body) ??
    requestVerdicts.verdict(requestVerdictKey(operation, request), () =>
      frozen(validateRequest(operation, request)),
    );
  // One cache for both kinds of answer: a body given as a value is keyed by its exact JSON text (none when it
  // has none), and a body given as text is checked as the value that text parses to, which nothing tells apart
  // from a value with the same exact text. The same key, the same body checked.
  const validateResponseOnce = (operation: SpecOperation, response: PrismResponse) =>
    tooDeep(operation, "response", response.body) ??
    responseVerdicts.verdict(
      responseVerdictKey(operation, response, response.body === undefined ? "" : exactJson(response.body)),
      () => frozen(validateResponse(operation, response)),
    );
  // The mock's own answers: written by the mock from the spec's shapes, never nested deeper than they are.
  const validateSentResponseOnce = (operation: SpecOperation, { bodyText, ...response }: SentResponse) =>
    responseVerdicts.verdict(responseVerdictKey(operation, response, bodyText ?? ""), () =>
      frozen(
        validateResponse(operation, {
          ...response,
          body: bodyText === undefined ? undefined : JSON.parse(bodyText),
        }),
      ),
    );
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
    checkRequest: (operation, request) => validateRequestOnce(operation, request).map(inWords),
    checkResponse: (operation, { body, ...response }) =>
      validateSentResponseOnce(operation, { ...response, bodyText: jsonText(body) }).map(inWords),
    checkSentResponse: (operation, response) => validateSentResponseOnce(operation, response).map(inWords),
    checkResponseUncached: (operation, response) => validateResponse(operation, response).map(inWords),
    validateRequest: (operation, request) => [...validateRequestOnce(operation, request)],
    validateResponse: (operation, response) => [...validateResponseOnce(operation, response)],
    verdictStats: () => ({ request: requestVerdicts.stats, response: responseVerdicts.stats }),
  };
}

/**
 * The one violation of a body nested deeper than MAX_JSON_DEPTH, undefined for any other: such a body would
 * overflow the stack of the code that keys its verdict and of Prism's validator (a 10 kB body of 5,000 `[`
 * did), and the spec's bodies nest a level or two, so it breaks the spec whatever else it holds.
 */
function tooDeep(
  operation: SpecOperation,
  direction: SpecViolation["direction"],
  body: unknown,
): readonly SpecViolation[] | undefined {
  if (!nestsDeeperThan(body)) return undefined;
  return frozen([
    {
      operation: operation.iid ?? operation.id,
      direction,
      location: { in: "body", path: [] },
      rule: `must not nest objects and arrays deeper than ${MAX_JSON_DEPTH} levels`,
    },
  ]);
}

/** A verdict shared by every later caller: none of them can change it for the others. */
function frozen(violations: SpecViolation[]): readonly SpecViolation[] {
  for (const violation of violations) {
    Object.freeze(violation.location.path);
    Object.freeze(violation.location);
    Object.freeze(violation);
  }
  return Object.freeze(violations);
}

/**
 * Has Prism compile every schema of every operation now, at start-up, instead of in the time of the first
 * requests (the first pages of 50 clients paging at once waited about 90 ms for it: bench section 6). Prism keeps
 * what it compiles; the verdicts on these made-up inputs are thrown away, not remembered.
 */
function compileSchemasNow(operations: SpecOperation[]): void {
  const headers = { "content-type": "application/json" };
  for (const operation of operations) {
    validateRequest(operation, {
      method: operation.method,
      url: { path: operation.path, query: {} },
      headers,
      body: {},
    });
    for (const { code } of operation.responses ?? []) {
      // `default` (or a range such as 4XX) is matched by any status it covers; 599 is covered by nothing else.
      const statusCode = /^\d{3}$/.test(code) ? Number(code) : 599;
      validateResponse(operation, { statusCode, headers, body: {} });
    }
  }
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
