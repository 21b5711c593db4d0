// Generates src/generated/operations.ts from @aidp/spec's facts (`@aidp/spec/facts`, the one reader of the spec):
// what the client needs to know about each operation, stripped of prose. Its method and path; its parameters
// keyed by their input name (camelCase of the wire name) with location, `required` and constraints (types,
// bounds, patterns, enums, formats); its body's constraints; the headers of its success response (always
// present or not; a constant apart from the rest); how it pages (`x-aidp-pagination`), which of those headers locate an export
// (`x-aidp-async-export`), which values are secret (`x-aidp-secret`), which
// date-time may not pass another (`x-aidp-not-after`), and, API-wide, the headers the client fills once per
// call (`x-aidp-call-header`). No limit, header name or enum value is ever retyped by hand in the client.
import { writeFileSync } from "node:fs";
import {
  type ApiFacts,
  CONSTRAINT_KEYWORDS,
  inputName,
  type PaginationFacts,
  readApiFacts,
  type SchemaFacts,
} from "@aidp/spec/facts";

// Arguments (for tests): [bundle.json] [output file]. Defaults: @aidp/spec's bundle, src/generated/operations.ts.
const [bundleArgument, outArgument] = process.argv.slice(2);
const facts = readApiFacts(bundleArgument);

/** Keeps only what validation needs (the constraint keywords, in their order), recursing into object properties. */
function rulesOf(schema: SchemaFacts): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const keyword of CONSTRAINT_KEYWORDS)
    if (schema[keyword] !== undefined) rules[keyword] = schema[keyword];
  if (schema.notAfter !== undefined) rules.notAfter = schema.notAfter;
  if (schema.type === "object") {
    rules.required = schema.required ?? [];
    rules.additionalProperties = schema.additionalProperties !== false;
    rules.properties = Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([name, child]) => [name, rulesOf(child)]),
    );
  }
  return rules;
}

const secret = (node: { secret: boolean }) => (node.secret ? { secret: true } : {});

/** The client's names for the `x-aidp-call-header` roles. */
const roleKeys: Record<keyof ApiFacts["callHeaders"], string> = {
  "request-id": "requestId",
  "retry-token": "retryToken",
};
const callHeaders = Object.fromEntries(
  Object.entries(facts.callHeaders).map(([role, name]) => [roleKeys[role as keyof typeof roleKeys], name]),
);

/**
 * The paging facts every call of a paging operation reads. Not its page size: only the pager reads that (to ask
 * for no more records than `maxItems` leaves), from a constant of its own that a one-call program does not bundle.
 */
function clientPagination({ pageParameter, nextPageHeader, itemsField }: PaginationFacts) {
  return { pageParameter, nextPageHeader, itemsField };
}

/** The page-size parameter's input name, and the size of a page that does not give it (its spec default). */
function pageSizeOf(operation: ApiFacts["operations"][string]) {
  const name = operation.pagination?.pageSizeParameter;
  const parameter = operation.parameters.find((p) => p.in === "query" && p.name === name);
  if (!parameter || typeof parameter.schema.default !== "number")
    throw new Error(
      `${operation.operationId}: the page-size parameter ${name} needs a numeric default (the page size when a request gives none)`,
    );
  return { input: inputName(parameter.name), serviceDefault: parameter.schema.default };
}

const operations: Record<string, unknown> = {};
const successes: Record<string, unknown> = {};
const pageSizes: Record<string, unknown> = {};
for (const operation of Object.values(facts.operations)) {
  const cookie = operation.parameters.find((p) => p.in === "cookie");
  if (cookie)
    throw new Error(
      `${operation.operationId}: cookie parameter "${cookie.name}": the client sends path, query and header parameters only.`,
    );
  const parameters = Object.fromEntries(
    operation.parameters.map((p) => [
      inputName(p.name),
      {
        in: p.in,
        // Only what differs from the default is written: the facts ship in every client bundle.
        ...(inputName(p.name) !== p.name ? { name: p.name } : {}),
        ...(p.required ? { required: true } : {}),
        ...secret(p),
        ...rulesOf(p.schema),
      },
    ]),
  );
  if (operation.body && "details" in parameters)
    throw new Error(
      `${operation.operationId}: a parameter named "details" would hide the request body's input.`,
    );
  const { success } = operation;
  operations[operation.operationId] = {
    method: operation.method,
    path: operation.path,
    parameters,
    body: operation.body ? rulesOf(operation.body.schema) : null,
    ...(operation.pagination ? { pagination: clientPagination(operation.pagination) } : {}),
    ...(operation.asyncExport ? { asyncExport: operation.asyncExport } : {}),
  };
  if (operation.pagination) pageSizes[operation.operationId] = pageSizeOf(operation);
  // A constant of its own: the types read it, and at run time only an operation whose result is made from its
  // headers (downloadClusterLogs), so a program that calls another operation does not bundle it.
  successes[operation.operationId] = {
    status: Number(success.status),
    headers: Object.fromEntries(
      success.headers.map((header) => [
        header.name,
        { ...(header.required ? { required: true } : {}), ...secret(header) },
      ]),
    ),
  };
}

// Redaction of an error's headers needs only these names, not every operation's facts.
const secretHeaderNames = [
  ...new Set(
    Object.values(facts.operations).flatMap((operation) => [
      ...operation.parameters.filter((p) => p.in === "header" && p.secret).map((p) => p.name.toLowerCase()),
      ...operation.success.headers
        .filter((header) => header.secret)
        .map((header) => header.name.toLowerCase()),
    ]),
  ),
].sort();

const [server] = facts.servers;
if (!server) throw new Error("the spec has no server: the client needs its URL template");
const output = `// Generated by packages/client/scripts/generate-operations.ts from @aidp/spec. Do not edit: run \`pnpm build\`.

/** The spec's server URL template and the defaults of its variables. */
export const serverTemplate = ${JSON.stringify({
  url: server.url,
  defaults: Object.fromEntries(
    Object.entries(server.variables).map(([name, variable]) => [name, variable.default]),
  ),
})} as const;

/** The headers the client fills once per call and repeats on every retry (\`x-aidp-call-header\`). */
export const callHeaders = ${JSON.stringify(callHeaders)} as const;

${Object.entries(operations)
  .map(
    ([
      operationId,
      operationFacts,
    ]) => `/** ${operationId}'s method, path, parameters, body constraints, paging, exports and secrets. */
export const ${operationId}Facts = ${JSON.stringify(operationFacts, null, 2)} as const;

/** ${operationId}'s success status and the headers of that answer (always present or not, secret or not). */
export const ${operationId}Success = ${JSON.stringify(successes[operationId], null, 2)} as const;
${
  pageSizes[operationId] === undefined
    ? ""
    : `
/** ${operationId}'s page-size parameter (its input name) and the page size when a request gives none. */
export const ${operationId}PageSize = ${JSON.stringify(pageSizes[operationId])} as const;
`
}`,
  )
  .join("\n")}
/**
 * Every operation's facts by operation id. One constant per operation above, so a program that calls one
 * operation's function bundles that operation's facts only.
 */
export const operationFacts = { ${Object.keys(operations)
  .map((operationId) => `${operationId}: ${operationId}Facts`)
  .join(", ")} } as const;

/** Every operation's success facts by operation id. */
export const successFacts = { ${Object.keys(operations)
  .map((operationId) => `${operationId}: ${operationId}Success`)
  .join(", ")} } as const;

/** The wire names (lower case) of every header the spec marks \`x-aidp-secret\`, request and response alike. */
export const secretHeaderNames = ${JSON.stringify(secretHeaderNames)} as const;
`;
writeFileSync(outArgument ?? new URL("../src/generated/operations.ts", import.meta.url), output);
