// Generates src/generated/operation-flags.ts from @aidp/spec's bundle: for each operation, one command-line
// flag per path parameter, query parameter and request body property, with its help text, type, enum
// values, bounds, default and whether it is required; and the result columns of SearchAuditLogs in spec
// order (the CSV header). The spec is read with the client's spec reader, so both read it the same way.
import { writeFileSync } from "node:fs";
import { inputName, type Json, readSpec } from "../../../spec/lib/spec-reader.ts";

// Arguments (for tests): [bundle.json] [output file]. Defaults: @aidp/spec's bundle, src/generated/operation-flags.ts.
const [bundleArgument, outArgument] = process.argv.slice(2);
const { resolve, operations } = readSpec(bundleArgument);

/**
 * The command line's own naming decisions, where the spec's name would read badly at a terminal or clash with
 * the OCI CLI's habits: `--instance-id` as Oracle's CLI calls the platform, and `query` renamed because the
 * OCI CLI's global `--query` is a JMESPath filter of the output.
 */
const FLAG_NAME_OVERRIDES: Record<string, string> = {
  aiDataPlatformId: "instance-id",
  "details.query": "search-text",
  // A filter of the logs; `--request-id` is the OCI CLI's global flag for the request's own opc-request-id.
  "details.opcRequestId": "log-request-id",
};
/** Header parameters (request ids, retry tokens) are set by the client, not by flags. */
const FLAG_LOCATIONS = new Set(["path", "query"]);
const CONSTRAINTS = ["type", "format", "enum", "minimum", "maximum", "minLength", "maxLength", "default"];

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
/**
 * Help text is plain text for a terminal: a Markdown link keeps its text and its URL (`List Pagination
 * (https://...)`), whitespace collapses, and the text ends as a sentence does (the spec's do not all).
 */
const plain = (text: unknown) =>
  String(text ?? "")
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, "$1 ($2)")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
const sentences = (text: unknown) => {
  const flat = plain(text);
  return flat === "" || /[.!?:]$/.test(flat) ? flat : `${flat}.`;
};

function flagOf(input: string, name: string, schemaNode: Json, description: unknown, required: boolean) {
  const schema = resolve(schemaNode);
  const flag: Json = {
    flag: FLAG_NAME_OVERRIDES[input] ?? kebab(name),
    input,
    description: sentences(description ?? schema.description),
    required,
  };
  for (const keyword of CONSTRAINTS) if (schema[keyword] !== undefined) flag[keyword] = schema[keyword];
  return flag;
}

/** The properties of the array items of an operation's success body (the records a search returns), in order. */
function resultColumns(operation: Json): Json[] {
  for (const [status, responseNode] of Object.entries(operation.responses as Record<string, Json>)) {
    if (!status.startsWith("2")) continue;
    const content = resolve(responseNode).content as Record<string, Json> | undefined;
    const body = content?.["application/json"]?.schema;
    if (!body) continue;
    for (const property of Object.values((resolve(body as Json).properties ?? {}) as Record<string, Json>)) {
      const resolved = resolve(property);
      if (resolved.type !== "array") continue;
      const columns = resolve(resolved.items as Json).properties as Record<string, Json>;
      return Object.entries(columns).map(([name, column]) => {
        const { type, format, enum: values } = resolve(column);
        return { name, type, ...(format ? { format } : {}), ...(values ? { enum: values } : {}) };
      });
    }
  }
  return [];
}

const generated: Json = {};
for (const { operationId, parameters, bodySchema, node } of operations()) {
  const flags: Json[] = parameters
    .filter((p) => FLAG_LOCATIONS.has(p.in as string))
    .map((p) =>
      flagOf(p.name as string, p.name as string, p.schema as Json, p.description, p.required === true),
    );
  if (bodySchema) {
    const body = resolve(bodySchema);
    const required = new Set((body.required ?? []) as string[]);
    for (const [name, property] of Object.entries((body.properties ?? {}) as Record<string, Json>))
      flags.push(flagOf(`details.${name}`, name, property, property.description, required.has(name)));
  }
  const names = flags.map((f) => f.flag as string);
  const twice = names.filter((name, index) => names.indexOf(name) !== index);
  if (twice.length > 0) throw new Error(`${operationId}: flag --${twice[0]} would be defined twice`);
  // The header parameter the spec marks as the call's request id: the global --request-id sets it.
  const requestId = parameters.find((p) => p.in === "header" && p["x-aidp-call-header"] === "request-id");
  generated[operationId] = {
    summary: plain(node.summary),
    description: sentences(node.description),
    ...(requestId ? { requestIdInput: inputName(requestId.name as string) } : {}),
    flags,
    resultColumns: resultColumns(node),
  };
}
for (const input of Object.keys(FLAG_NAME_OVERRIDES)) {
  const known = Object.values(generated).some((op) =>
    (op as { flags: Json[] }).flags.some((f) => f.input === input),
  );
  if (!known) throw new Error(`FLAG_NAME_OVERRIDES names ${input}, which no operation has`);
}

const output = `// Generated by packages/cli/scripts/generate-operation-flags.ts from @aidp/spec. Do not edit: run \`pnpm build\`.

/** Each operation's flags (path and query parameters, body properties) and result columns, as the spec declares them. */
export const operationFlags = ${JSON.stringify(generated, null, 2)} as const;
`;
writeFileSync(outArgument ?? new URL("../src/generated/operation-flags.ts", import.meta.url), output);
