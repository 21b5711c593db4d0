// The one module that knows Prism's internals: it loads the spec's operations, routes, validates requests and
// answers with `@stoplight/prism-http` as a library, and turns each of Prism's findings into a SpecViolation
// (operation, direction, location, rule). Prism says where a finding is partly as data (`path`) and partly in
// English; every message shape read here is listed in MESSAGE_SHAPES and pinned by test/prism-adapter.test.ts,
// so a Prism upgrade that rewords one fails there, not as a silently different drift report.
import { createRequire } from "node:module";
import { exactJson } from "./exact-json.ts";

const require = createRequire(import.meta.url);

/** A parameter of an operation, as Prism's http-spec turns it out; only its name is read here. */
interface SpecParameter {
  name: string;
}

/** An operation as Prism's http-spec turns it out; only what this package reads. */
export interface SpecOperation {
  id: string;
  iid?: string;
  method: string;
  path: string;
  request?: { headers?: SpecParameter[] };
  responses?: { code: string; headers?: SpecParameter[] }[];
}

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

/** One finding of Prism's validator, as it gives it. */
export interface PrismDiagnostic {
  path?: string[];
  code?: string | number;
  message: string;
}

export type Direction = "request" | "response";

/**
 * Where a violation is: a body field (`path` from the body's root, array indexes as digits), a query, header or
 * path parameter (`path` is its name), the status, or the message as a whole (`path` empty).
 */
export interface ViolationLocation {
  in: "body" | "query" | "header" | "path" | "status" | "message";
  path: string[];
}

/** One rule of the spec a request or an answer breaks. */
export interface SpecViolation {
  /** The operation's id (`searchAuditLogs`), or null when the request matches none. */
  operation: string | null;
  direction: Direction;
  location: ViolationLocation;
  /** The rule, as a predicate of the location: `must be <= 1000`, `is required`. */
  rule: string;
}

type Either<L, R> = { _tag: "Left"; left: L } | { _tag: "Right"; right: R };

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
const prismRoute = (
  require("@stoplight/prism-http/dist/router") as {
    default: (args: {
      resources: SpecOperation[];
      input: PrismRequest;
    }) => Either<{ status?: number; detail?: string }, SpecOperation>;
  }
).default;
const { matchPath } = require("@stoplight/prism-http/dist/router/matchPath") as {
  matchPath(requestPath: string, operationPath: string): Either<Error, string>;
};

/** The operations of the spec bundle at `specPath` (Prism reads and dereferences the file itself). */
export function loadOperations(specPath: string): Promise<SpecOperation[]> {
  return getHttpOperationsFromSpec(specPath);
}

/** The operation of `method path`, or Prism's reason for none: 405 (the path exists) or 404. */
export function routeRequest(
  operations: SpecOperation[],
  method: string,
  path: string,
): { operation: SpecOperation } | { status: 404 | 405 } {
  const result = prismRoute({
    resources: operations,
    input: { method, url: { path, query: {} }, headers: {} },
  });
  if (result._tag === "Right") return { operation: result.right };
  return { status: result.left.status === 405 ? 405 : 404 };
}

/** Whether a request path fits an operation's path template. */
export function pathMatches(path: string, template: string): boolean {
  const match = matchPath(path, template);
  return match._tag === "Right" && match.right !== "no-match";
}

/** What the request breaks of the spec; input Prism cannot read is one violation saying so, never a throw. */
export function validateRequest(operation: SpecOperation, request: PrismRequest): SpecViolation[] {
  return violationsOf(operation, "request", () => validateInput({ resource: operation, element: request }));
}

/** What the answer breaks of the spec. */
export function validateResponse(operation: SpecOperation, response: PrismResponse): SpecViolation[] {
  return violationsOf(operation, "response", () =>
    validateOutput({ resource: operation, element: response }),
  );
}

/**
 * A key that stands exactly for what Prism's verdict on a request depends on, undefined when there is none.
 * validateInput reads the operation, the path (its parameters), every query parameter (a form-style object
 * parameter reads them all), the body, and of the headers only `content-type`, `content-length` and the
 * operation's declared header parameters (by name, any case; a security scheme's header is not checked there).
 * The method is not read, and is in the key all the same. Two requests with the same key get the same verdict.
 */
export function requestVerdictKey(operation: SpecOperation, request: PrismRequest): string | undefined {
  const read = headerNamesRead(operation, "request");
  return exactJson([
    operation.id,
    request.method,
    request.url.path,
    request.url.query,
    headersRead(request.headers, read),
    request.body === undefined ? [] : [request.body],
  ]);
}

/**
 * The same for an answer whose body is given as the exact text of its JSON (`bodyKey`, "" for no body):
 * validateOutput reads the status, `content-type`, the headers the operation's answers declare (those of every
 * status: a superset of the matched one's), and the body.
 */
export function responseVerdictKey(
  operation: SpecOperation,
  response: Omit<PrismResponse, "body">,
  bodyKey: string | undefined,
): string | undefined {
  if (bodyKey === undefined) return undefined;
  const head = exactJson([
    operation.id,
    response.statusCode,
    headersRead(response.headers, headerNamesRead(operation, "response")),
  ]);
  return head === undefined ? undefined : `${head}\n${bodyKey}`;
}

const headerNamesByOperation = new WeakMap<SpecOperation, Record<Direction, ReadonlySet<string>>>();

/** The lower-cased names of the headers Prism reads of a request or an answer of this operation. */
function headerNamesRead(operation: SpecOperation, direction: Direction): ReadonlySet<string> {
  let names = headerNamesByOperation.get(operation);
  if (!names) {
    const lowerCased = (parameters: SpecParameter[] | undefined) =>
      (parameters ?? []).map((parameter) => parameter.name.toLowerCase());
    names = {
      request: new Set(["content-type", "content-length", ...lowerCased(operation.request?.headers)]),
      response: new Set([
        "content-type",
        ...(operation.responses ?? []).flatMap((response) => lowerCased(response.headers)),
      ]),
    };
    headerNamesByOperation.set(operation, names);
  }
  return names[direction];
}

/** The headers among `names`, as [name, value] pairs in their order (Prism's case-insensitive reads may pick either of two spellings). */
function headersRead(headers: Record<string, string>, names: ReadonlySet<string>): [string, string][] {
  return Object.entries(headers).filter(([name]) => names.has(name.toLowerCase()));
}

function violationsOf(
  operation: SpecOperation,
  direction: Direction,
  validate: () => Either<PrismDiagnostic[], unknown>,
): SpecViolation[] {
  let diagnostics: PrismDiagnostic[];
  try {
    const result = validate();
    diagnostics = result._tag === "Left" ? result.left : [];
  } catch (error) {
    // Prism throws on some input it cannot read (a malformed escape, a list as content-type).
    diagnostics = [{ message: `${UNREADABLE}${(error as Error).message}` }];
  }
  const operationId = operation.iid ?? operation.id;
  return diagnostics.map((diagnostic) => ({
    operation: operationId,
    direction,
    ...readDiagnostic(diagnostic, direction),
  }));
}

const UNREADABLE = "could not be read: ";

/** A message shape of Prism's this module reads, and how it becomes a location and a rule. */
interface MessageShape {
  name: string;
  pattern: RegExp;
  read(match: RegExpExecArray, diagnostic: PrismDiagnostic): { location: ViolationLocation; rule: string };
}

const PARAMETER_PLACES: Record<string, ViolationLocation["in"]> = {
  query: "query",
  header: "header",
  path: "path",
};

/** Prism's `path` (`["body", "items", "0", "status"]`, `["query", "limit"]`) as a location. */
function locationOfPath(path: readonly string[] | undefined, extra?: string): ViolationLocation {
  const [where = "", ...rest] = path ?? [];
  const names = extra === undefined ? rest : [...rest, extra];
  if (where === "body") return { in: "body", path: names };
  const place = PARAMETER_PLACES[where];
  return place ? { in: place, path: names } : { in: "message", path: [] };
}

/** Every shape of Prism message read here; the first that matches wins. */
export const MESSAGE_SHAPES: readonly MessageShape[] = [
  {
    // Ajv through Prism: "Response body must have required property 'items'".
    name: "required property",
    pattern: /^(?:Request|Response) body(?: property \S+)? must have required property '([^']+)'$/,
    read: (match, diagnostic) => ({
      location: locationOfPath(diagnostic.path, match[1]),
      rule: "is required",
    }),
  },
  {
    // "Request body property items.0 must NOT have additional properties; found 'colour'".
    name: "additional property",
    pattern:
      /^(?:Request|Response) body(?: property \S+)? must NOT have additional properties; found '([^']+)'$/,
    read: (match, diagnostic) => ({
      location: locationOfPath(diagnostic.path, match[1]),
      rule: "is not allowed (the schema has no such property)",
    }),
  },
  {
    // Any other schema rule: "Request query parameter limit must be <= 1000",
    // "Response body property items.0.status must be equal to one of the allowed values: ...".
    name: "schema rule",
    pattern:
      /^(?:Request|Response) (?:body(?: property \S+)?|(?:query|header|path) parameter \S+) ((?:must|should) .+)$/,
    read: (match, diagnostic) => ({ location: locationOfPath(diagnostic.path), rule: match[1] as string }),
  },
  {
    name: "body required",
    pattern: /^Body parameter is required$/,
    read: () => ({ location: { in: "body", path: [] }, rule: "is required" }),
  },
  {
    name: "media type",
    pattern: /^The received media type "([^"]*)" does not match the one specified in the current \w+: (.+)$/,
    read: (match) => ({
      location: { in: "header", path: ["content-type"] },
      rule: `is "${match[1]}"; the spec declares ${match[2]}`,
    }),
  },
  {
    name: "supported content types",
    pattern: /^Supported content types: (.+)$/,
    read: (match) => ({
      location: { in: "header", path: ["content-type"] },
      rule: `must be one of ${match[1]}`,
    }),
  },
];

/** Where a diagnostic is and the rule it states; a message of no known shape is kept whole as the rule. */
function readDiagnostic(
  diagnostic: PrismDiagnostic,
  direction: Direction,
): { location: ViolationLocation; rule: string } {
  if (diagnostic.message.startsWith(UNREADABLE)) {
    return { location: { in: "message", path: [] }, rule: diagnostic.message };
  }
  for (const shape of MESSAGE_SHAPES) {
    const match = shape.pattern.exec(diagnostic.message);
    if (match) return shape.read(match, diagnostic);
  }
  // Unknown wording (a Prism upgrade): keep every word, and the location Prism gives as data.
  const location = locationOfPath(diagnostic.path);
  return { location, rule: `${location.in === "message" ? `${direction}: ` : ""}${diagnostic.message}` };
}
