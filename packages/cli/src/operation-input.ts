// From the generated flag table to the command line and back: the help text of each flag (the spec's
// description and constraints), and the client input built from the flags given and the --body object.
// Flags are read as strings and handed to the client as they are (numbers as numbers): the client validates
// them against the spec and lists every problem, so no rule is checked twice.

import { RELATIVE_TIME_HELP, resolveRelativeTime } from "@aidp/client";
import type { CONSTRAINT_KEYWORDS, SchemaFacts } from "@aidp/spec/facts";
import { operationFlags } from "./generated/operation-flags.ts";

export type OperationId = keyof typeof operationFlags;
/** The spec's rules for a flag's value (its constraints and default), typed as the facts hold them, read-only. */
export type FlagRules = {
  readonly [Keyword in (typeof CONSTRAINT_KEYWORDS)[number] | "default"]?: Readonly<SchemaFacts[Keyword]>;
};
export interface OperationFlag extends FlagRules {
  readonly flag: string;
  /** Where the value goes in the client's input: a parameter name, or `details.<property>` for the body. */
  readonly input: string;
  readonly description: string;
  readonly required: boolean;
}

/** Environment variables that stand in for a flag (the OCI CLI's habit for the resource the user works on). */
const ENVIRONMENT_FOR_INPUT: Readonly<Record<string, string>> = { aiDataPlatformId: "AIDP_INSTANCE_ID" };
const BODY_PREFIX = "details.";

export function flagsOf(operationId: OperationId): readonly OperationFlag[] {
  return operationFlags[operationId].flags;
}

/** The spec's description followed by what the spec allows, e.g. `[required] One of: ASC, DESC.` */
export function helpText(flag: OperationFlag): string {
  const notes: string[] = [];
  if (flag.enum) notes.push(`One of: ${flag.enum.join(", ")}.`);
  if (flag.format === "date-time") notes.push(`${RELATIVE_TIME_HELP}.`);
  const bounds = [
    flag.type === "integer" ? "a whole number" : flag.type === "number" ? "a number" : "",
    flag.minimum !== undefined ? `at least ${flag.minimum}` : "",
    flag.maximum !== undefined ? `at most ${flag.maximum}` : "",
    flag.minLength === 1
      ? "not empty"
      : flag.minLength !== undefined
        ? `at least ${flag.minLength} characters`
        : "",
    flag.maxLength !== undefined ? `at most ${flag.maxLength} characters` : "",
  ].filter(Boolean);
  if (bounds.length > 0) notes.push(`${capitalise(bounds.join(", "))}.`);
  if (flag.default !== undefined) notes.push(`Service default: ${String(flag.default)}.`);
  const environment = ENVIRONMENT_FOR_INPUT[flag.input];
  if (environment) notes.push(`Default: $${environment}.`);
  if (flag.required)
    notes.push(flag.input.startsWith(BODY_PREFIX) ? "Required (here or in --body)." : "Required.");
  return [flag.description, ...notes].filter(Boolean).join(" ");
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What the command line gave for one flag (yargs' parsed values, by flag name). */
export type FlagValues = Readonly<Record<string, unknown>>;

/**
 * The client input: parameters from their flags (or environment variables), `details` from --body with the
 * flags given on top. Integers that look like integers become numbers; relative times become RFC 3339, all
 * measured from one `now` (so `--time-begin 24h --time-end 30m` is exactly 23.5 hours).
 */
export function buildInput(
  operationId: OperationId,
  values: FlagValues,
  body: Record<string, unknown> | undefined,
  environment: NodeJS.ProcessEnv,
  now: number = Date.now(),
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const details: Record<string, unknown> = { ...body };
  for (const flag of flagsOf(operationId)) {
    const given = values[flag.flag];
    const environmentName = ENVIRONMENT_FOR_INPUT[flag.input];
    const raw = given ?? (environmentName ? environment[environmentName] || undefined : undefined);
    if (raw === undefined) continue;
    const value = toInputValue(flag, String(raw), now);
    if (flag.input.startsWith(BODY_PREFIX)) details[flag.input.slice(BODY_PREFIX.length)] = value;
    else input[flag.input] = value;
  }
  const requestIdField = requestIdInput(operationId);
  if (requestIdField !== undefined && values.requestId !== undefined)
    input[requestIdField] = values.requestId;
  const hasBody = operationFlags[operationId].flags.some((flag) => flag.input.startsWith(BODY_PREFIX));
  if (hasBody) input.details = details;
  return input;
}

function toInputValue(flag: OperationFlag, raw: string, now: number): unknown {
  if (flag.type === "integer" && /^-?\d+$/.test(raw.trim())) return Number(raw);
  // Enum values are case-insensitive at the command line (the OCI CLI's habit) and sent in the spec's case.
  if (flag.enum) return flag.enum.find((value) => String(value).toLowerCase() === raw.toLowerCase()) ?? raw;
  if (flag.format === "date-time") return resolveRelativeTime(raw, now);
  return raw;
}

/** The input field of the operation's opc-request-id header (`opcRequestId`), set by the global --request-id. */
function requestIdInput(operationId: OperationId): string | undefined {
  const facts: { requestIdInput?: string } = operationFlags[operationId];
  return facts.requestIdInput;
}

/**
 * Where the user gave (or should give) the value a client validation issue is about, in their terms: the flag
 * (`details.timeBegin` → `--time-begin`), the environment variable that stood in for it, or the --body field
 * when the value came from --body.
 */
export function sourceOfField(
  operationId: OperationId,
  field: string,
  values: FlagValues,
  environment: NodeJS.ProcessEnv,
): string {
  const flag = flagsOf(operationId).find((candidate) => candidate.input === field);
  if (flag) {
    if (values[flag.flag] !== undefined) return `--${flag.flag}`;
    const variable = ENVIRONMENT_FOR_INPUT[flag.input];
    if (variable && environment[variable]) return `${variable} (--${flag.flag})`;
    const bodyField = field.startsWith(BODY_PREFIX) ? field.slice(BODY_PREFIX.length) : undefined;
    if (bodyField !== undefined && values.body !== undefined)
      return `--body field "${bodyField}" (or --${flag.flag})`;
    return `--${flag.flag}`;
  }
  if (field === requestIdInput(operationId)) return "--request-id";
  if (field === "details") return "--body";
  if (field.startsWith(BODY_PREFIX)) return `--body field "${field.slice(BODY_PREFIX.length)}"`;
  return field;
}

/** A missing value said as what to give: the flag, or the environment variable or --body field that can stand in. */
export function describeMissing(operationId: OperationId, field: string): string | undefined {
  const flag = flagsOf(operationId).find((candidate) => candidate.input === field);
  if (!flag) return undefined;
  const variable = ENVIRONMENT_FOR_INPUT[flag.input];
  if (variable) return `--${flag.flag}: required (give the flag, or set ${variable})`;
  if (field.startsWith(BODY_PREFIX))
    return `--${flag.flag}: required (the flag, or "${field.slice(BODY_PREFIX.length)}" in --body)`;
  return `--${flag.flag}: required`;
}
