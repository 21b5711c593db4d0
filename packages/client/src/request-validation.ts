// Checks a value against the constraints the spec declares (generated into ./generated/operations.ts)
// and normalises it for the wire. It collects every broken rule instead of stopping at the first.
// A small interpreter of the few keywords our spec uses keeps the client bundle small; a general JSON
// Schema validator would cost more than the whole client.
import { notAfterBreaches } from "@aidp/spec/not-after";
import { isoOrNull, toUtcDateTime } from "./dates.js";
import type { ValidationIssue } from "./errors.js";

export interface ValueRules {
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly required?: readonly string[] | boolean;
  readonly additionalProperties?: boolean;
  readonly properties?: Readonly<Record<string, ValueRules>>;
  /** `x-aidp-not-after`: the sibling date-time property this one may not be later than. */
  readonly notAfter?: string;
}

export interface CheckContext {
  issues: ValidationIssue[];
  /** Fields whose values must never be shown (retry tokens). */
  secretFields: ReadonlySet<string>;
}

export function showValue(value: unknown, secret: boolean): string {
  if (secret && typeof value === "string") return `<redacted, ${value.length} characters>`;
  if (value instanceof Date) return `Date(${isoOrNull(value) ?? "Invalid Date"})`;
  // JSON.stringify gives undefined for undefined (and a function): shown as "undefined". It throws for a BigInt
  // and a cycle, which are shown as String() shows them, so that the issue is still reported.
  let text: string;
  try {
    text = String(JSON.stringify(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Records one broken rule; the value is shown as showValue shows it (redacted when `secret`). */
export function addIssue(
  context: CheckContext,
  field: string,
  rule: string,
  expected: string,
  value: unknown,
  secret = false,
) {
  context.issues.push({ field, rule, expected, value: showValue(value, secret) });
}

/** Checks `value` at `field` against `rules`; returns the value to send (date-times in UTC). */
export function checkValue(rules: ValueRules, value: unknown, field: string, context: CheckContext): unknown {
  const issue = (rule: string, expected: string) =>
    addIssue(context, field, rule, expected, value, context.secretFields.has(field));

  if (rules.format === "date-time") {
    const utc = toUtcDateTime(value);
    if (utc === undefined) issue("format", "an RFC 3339 date-time (2025-03-16T00:00:00Z) or a valid Date");
    return utc ?? value;
  }
  if (rules.type === "object") return checkObject(rules, value, field, context, issue);
  // The two scalar types the spec uses; a value of any other declared type is taken as it is.
  const integer = rules.type === "integer";
  if (integer ? !Number.isInteger(value) : rules.type === "string" && typeof value !== "string") {
    issue("type", integer ? "an integer" : "a string");
    return value;
  }

  if (rules.enum && !rules.enum.includes(value as string)) issue("enum", `one of ${rules.enum.join(", ")}`);
  // An absent bound is the one nothing breaks.
  if (typeof value === "number") {
    if (value < (rules.minimum ?? -Infinity)) issue("minimum", `at least ${rules.minimum}`);
    if (value > (rules.maximum ?? Infinity)) issue("maximum", `at most ${rules.maximum}`);
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (length < (rules.minLength ?? 0)) issue("minLength", `at least ${rules.minLength} characters`);
    if (length > (rules.maxLength ?? Infinity)) issue("maxLength", `at most ${rules.maxLength} characters`);
    if (rules.pattern !== undefined && !new RegExp(rules.pattern, "u").test(value))
      issue("pattern", `to match ${rules.pattern}`);
  }
  return value;
}

function checkObject(
  rules: ValueRules,
  value: unknown,
  field: string,
  context: CheckContext,
  issue: (rule: string, expected: string) => void,
): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Date) {
    issue("type", "an object");
    return value;
  }
  const properties = rules.properties ?? {};
  const input = value as Record<string, unknown>;
  const output: Record<string, unknown> = {};
  const required = Array.isArray(rules.required) ? rules.required : [];
  for (const name of required) {
    if (input[name] === undefined) {
      addIssue(context, `${field}.${name}`, "required", "a value", undefined);
    }
  }
  for (const [name, child] of Object.entries(input)) {
    if (child === undefined) continue;
    // Own properties only: `constructor` or `toString` is not a field because every object inherits one.
    const childRules = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (!childRules) {
      if (rules.additionalProperties === false) {
        addIssue(
          context,
          `${field}.${name}`,
          "additionalProperties",
          `one of ${Object.keys(properties).join(", ")}`,
          child,
        );
      }
      output[name] = child;
      continue;
    }
    output[name] = checkValue(childRules, child, `${field}.${name}`, context);
  }
  checkNotAfter(properties, output, field, context);
  return output;
}

/** A start after its end (`x-aidp-not-after`) can only be a mistake; compared once both are valid UTC times. */
function checkNotAfter(
  properties: Readonly<Record<string, ValueRules>>,
  output: Record<string, unknown>,
  field: string,
  context: CheckContext,
) {
  for (const breach of notAfterBreaches(properties, output)) {
    addIssue(
      context,
      `${field}.${breach.name}`,
      `${breach.name} <= ${breach.notAfter}`,
      `not after ${breach.notAfter} (${breach.limit})`,
      breach.value,
    );
  }
}
