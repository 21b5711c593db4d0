// Generates src/generated/operation-flags.ts from @aidp/spec's facts (`@aidp/spec/facts`, the one reader of the
// spec): for each operation, one command-line flag per path parameter, query parameter and request body field,
// with its help text, type, enum values, bounds, default and whether it is required; and the result columns of
// a paged operation (the properties of its records, in spec order: the CSV header).
import { writeFileSync } from "node:fs";
import {
  CONSTRAINT_KEYWORDS,
  inputName,
  type OperationFacts,
  type ParameterFacts,
  readApiFacts,
  type SchemaFacts,
} from "@aidp/spec/facts";
import type { FlagRules } from "../src/operation-input.ts";

// Arguments (for tests): [bundle.json] [output file]. Defaults: @aidp/spec's bundle, src/generated/operation-flags.ts.
const [bundleArgument, outArgument] = process.argv.slice(2);
const facts = readApiFacts(bundleArgument);

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
const FLAG_LOCATIONS: ReadonlySet<ParameterFacts["in"]> = new Set(["path", "query"]);
/** What a flag says about its value: the spec's constraints and its default (src/operation-input.ts's FlagRules). */
const FLAG_RULES = [...CONSTRAINT_KEYWORDS, "default"] as const satisfies readonly (keyof FlagRules)[];

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
/**
 * Help text is plain text for a terminal: a Markdown link keeps its text and its URL (`List Pagination
 * (https://...)`), whitespace collapses, and the text ends as a sentence does (the spec's do not all).
 */
const plain = (text: string | undefined) =>
  (text ?? "")
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, "$1 ($2)")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
const sentences = (text: string | undefined) => {
  const flat = plain(text);
  return flat === "" || /[.!?:]$/.test(flat) ? flat : `${flat}.`;
};

type Flag = Record<string, unknown> & { flag: string; input: string };

/** One flag: `input` is where its value goes (a parameter's name, or `details.<field>` for a body field). */
function flagOf(
  input: string,
  name: string,
  required: boolean,
  description: string | undefined,
  schema: SchemaFacts,
): Flag {
  const flag: Flag = {
    flag: FLAG_NAME_OVERRIDES[input] ?? kebab(name),
    input,
    description: sentences(description),
    required,
  };
  for (const keyword of FLAG_RULES) if (schema[keyword] !== undefined) flag[keyword] = schema[keyword];
  return flag;
}

/** The properties of the records a paged operation returns (its items field's array items), in spec order. */
function resultColumns(operation: OperationFacts) {
  if (!operation.pagination) return [];
  const items = operation.success.body?.properties?.[operation.pagination.itemsField]?.items;
  return Object.entries(items?.properties ?? {}).map(
    ([name, { type, format, enum: values }]: [string, SchemaFacts]) => ({
      name,
      type,
      ...(format ? { format } : {}),
      ...(values ? { enum: values } : {}),
    }),
  );
}

interface OperationEntry {
  summary: string;
  description: string;
  requestIdInput?: string;
  flags: Flag[];
  resultColumns: ReturnType<typeof resultColumns>;
}
const generated: Record<string, OperationEntry> = {};
for (const operation of Object.values(facts.operations)) {
  const { operationId, parameters } = operation;
  const flags = [
    ...parameters
      .filter((p) => FLAG_LOCATIONS.has(p.in))
      .map((p) => flagOf(p.name, p.name, p.required, p.description ?? p.schema.description, p.schema)),
    ...(operation.body?.fields ?? []).map((field) =>
      flagOf(`details.${field.name}`, field.name, field.required, field.schema.description, field.schema),
    ),
  ];
  const names = flags.map((f) => f.flag);
  const twice = names.filter((name, index) => names.indexOf(name) !== index);
  if (twice.length > 0) throw new Error(`${operationId}: flag --${twice[0]} would be defined twice`);
  // The header parameter the spec marks as the call's request id: the global --request-id sets it.
  const requestId = parameters.find((p) => p.callHeader === "request-id");
  generated[operationId] = {
    summary: plain(operation.summary),
    description: sentences(operation.description),
    ...(requestId ? { requestIdInput: inputName(requestId.name) } : {}),
    flags,
    resultColumns: resultColumns(operation),
  };
}
for (const input of Object.keys(FLAG_NAME_OVERRIDES)) {
  const known = Object.values(generated).some((op) => op.flags.some((f) => f.input === input));
  if (!known) throw new Error(`FLAG_NAME_OVERRIDES names ${input}, which no operation has`);
}

const output = `// Generated by packages/cli/scripts/generate-operation-flags.ts from @aidp/spec. Do not edit: run \`pnpm build\`.

/** Each operation's flags (path and query parameters, body properties) and result columns, as the spec declares them. */
export const operationFlags = ${JSON.stringify(generated, null, 2)} as const;
`;
writeFileSync(outArgument ?? new URL("../src/generated/operation-flags.ts", import.meta.url), output);
