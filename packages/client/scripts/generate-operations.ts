// Generates src/generated/operations.ts from @aidp/spec's bundle: what the client needs to know about each
// operation, resolved of $refs and stripped of prose. Its method and path; its parameters keyed by their input
// name (camelCase of the wire name) with location, `required` and constraints (types, bounds, patterns, enums,
// formats); its body's constraints; the headers of its success response (always present or not); how it pages
// (`x-aidp-pagination`), which values are secret (`x-aidp-secret`), which date-time may not pass another
// (`x-aidp-not-after`), and, API-wide, the headers the client fills once per call (`x-aidp-call-header`). No
// limit, header name or enum value is ever retyped by hand in the client.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolveRef } from "@aidp/spec/resolve-ref";

type Json = Record<string, unknown>;
// Arguments (for tests): [bundle.json] [output file]. Defaults: @aidp/spec's bundle, src/generated/operations.ts.
const [bundleArgument, outArgument] = process.argv.slice(2);
const bundlePath = bundleArgument ?? createRequire(import.meta.url).resolve("@aidp/spec/openapi.json");
const spec = JSON.parse(readFileSync(bundlePath, "utf8"));
const CONSTRAINT_KEYWORDS = [
  "type",
  "format",
  "enum",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
];

const resolve = (node: unknown): Json => resolveRef(spec, (node ?? {}) as Json);

/** `opc-request-id` → `opcRequestId`: how a header parameter is named in a call's input. */
const inputName = (wireName: string) =>
  wireName.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Keeps only what validation needs, recursing into object properties. */
function rulesOf(schemaNode: unknown): Json {
  const schema = resolve(schemaNode);
  const rules: Json = {};
  for (const keyword of CONSTRAINT_KEYWORDS)
    if (schema[keyword] !== undefined) rules[keyword] = schema[keyword];
  if (schema["x-aidp-not-after"] !== undefined) rules.notAfter = schema["x-aidp-not-after"];
  if (schema.type === "object") {
    rules.required = schema.required ?? [];
    rules.additionalProperties = schema.additionalProperties !== false;
    rules.properties = Object.fromEntries(
      Object.entries((schema.properties ?? {}) as Record<string, Json>).map(([name, child]) => [
        name,
        rulesOf(child),
      ]),
    );
  }
  return rules;
}

const secret = (node: Json) => (node["x-aidp-secret"] === true ? { secret: true } : {});

const operations: Json = {};
/** `x-aidp-call-header` role → header name, one name per role across the whole API. */
const callHeaders: Record<string, string> = {};
const roleKeys: Record<string, string> = { "request-id": "requestId", "retry-token": "retryToken" };
for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, Json>>)) {
  for (const [method, operation] of Object.entries(item)) {
    const resolvedParameters = ((operation.parameters ?? []) as Json[]).map(resolve);
    for (const parameter of resolvedParameters) {
      const role = parameter["x-aidp-call-header"] as string | undefined;
      if (role === undefined) continue;
      const key = roleKeys[role] ?? role;
      if (callHeaders[key] !== undefined && callHeaders[key] !== parameter.name)
        throw new Error(`x-aidp-call-header ${role} names both ${callHeaders[key]} and ${parameter.name}.`);
      callHeaders[key] = parameter.name as string;
    }
    const parameters = Object.fromEntries(
      resolvedParameters.map((p) => [
        inputName(p.name as string),
        {
          in: p.in,
          // Only what differs from the default is written: the facts ship in every client bundle.
          ...(inputName(p.name as string) !== p.name ? { name: p.name } : {}),
          ...(p.required === true ? { required: true } : {}),
          ...secret(p),
          ...rulesOf(p.schema),
        },
      ]),
    );
    if (operation.requestBody && "details" in parameters)
      throw new Error(
        `${operation.operationId}: a parameter named "details" would hide the request body's input.`,
      );
    const media = (resolve(operation.requestBody).content as Record<string, Json> | undefined)?.[
      "application/json"
    ];
    const [status, response] =
      Object.entries((operation.responses ?? {}) as Record<string, Json>).find(([code]) =>
        /^2\d\d$/.test(code),
      ) ?? [];
    const headers = Object.entries((resolve(response).headers ?? {}) as Record<string, Json>).map(
      ([name, header]) => [
        name,
        { ...(resolve(header).required === true ? { required: true } : {}), ...secret(resolve(header)) },
      ],
    );
    operations[operation.operationId as string] = {
      method: method.toUpperCase(),
      path,
      parameters,
      body: media ? rulesOf(media.schema) : null,
      success: { status: Number(status), headers: Object.fromEntries(headers) },
      ...(operation["x-aidp-pagination"] ? { pagination: operation["x-aidp-pagination"] } : {}),
    };
  }
}

const server = spec.servers[0];
const output = `// Generated by packages/client/scripts/generate-operations.ts from @aidp/spec. Do not edit: run \`pnpm build\`.

/** The spec's server URL template and the defaults of its variables. */
export const serverTemplate = ${JSON.stringify({
  url: server.url,
  defaults: Object.fromEntries(Object.entries(server.variables).map(([k, v]) => [k, (v as Json).default])),
})} as const;

/** The headers the client fills once per call and repeats on every retry (\`x-aidp-call-header\`). */
export const callHeaders = ${JSON.stringify(callHeaders)} as const;

/** Each operation's method, path, parameters, body constraints, success headers, paging and secrets. */
export const operationFacts = ${JSON.stringify(operations, null, 2)} as const;
`;
writeFileSync(outArgument ?? new URL("../src/generated/operations.ts", import.meta.url), output);
