// Reading a request's inputs as the spec says, where Prism is lenient or throws: path parameters are taken from
// the matched route template and percent-decoded safely; an integer query parameter is decimal digits only
// (Prism would take `0x10`, `1e3`, `1.0` through Number()); a parameter given twice is refused; an empty value
// breaks `minLength` (Prism treats it as absent); a `content-type` that is not one media type is named (Prism
// throws on it); and `x-aidp-not-after` is checked with the rule the client checks it with (`@aidp/spec/not-after`).
// The parameters and their schemas come from the spec's facts (`@aidp/spec/facts`), not Prism's model of it.

import { type ParameterLocation, parametersIn, type SchemaFacts } from "@aidp/spec/facts";
import { notAfterBreaches } from "@aidp/spec/not-after";
import type { SpecOperation, Violation } from "./contract-guard.ts";
import { loadSpecFacts } from "./spec-facts.ts";

/** RFC 9110 `media-type`: type "/" subtype, then `;` parameters; one of them, not a list. */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = String.raw`"(?:[^"\\]|\\.)*"`;
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:[ \t]*;[ \t]*${TOKEN}=(?:${TOKEN}|${QUOTED}))*[ \t]*$`);

const templates = new WeakMap<SpecOperation, { pattern: RegExp; names: string[] }>();

/** The operation's path template as a pattern with one group per parameter (made once per operation). */
function routeTemplate(operation: SpecOperation): { pattern: RegExp; names: string[] } {
  let template = templates.get(operation);
  if (!template) {
    const names: string[] = [];
    const source = operation.path.replace(/\{([^}]+)\}|[^{]+/g, (part, name: string | undefined) => {
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    });
    template = { pattern: new RegExp(`^${source}$`), names };
    templates.set(operation, template);
  }
  return template;
}

/** The path parameters of `pathname` per the operation's template, or the first one that does not decode. */
export function pathParameters(
  operation: SpecOperation,
  pathname: string,
): { values: Record<string, string> } | { violation: Violation } | undefined {
  const { pattern, names } = routeTemplate(operation);
  const match = pattern.exec(pathname);
  if (!match) return undefined;
  const values: Record<string, string> = {};
  for (const [index, name] of names.entries()) {
    const raw = match[index + 1] as string;
    try {
      values[name] = decodeURIComponent(raw);
    } catch {
      return {
        violation: {
          field: `path parameter ${name}`,
          rule: `has a malformed percent-escape (${JSON.stringify(raw.slice(0, 80))}); write a literal % as %25`,
        },
      };
    }
  }
  return { values };
}

/** The parameters at `location` of the operation Prism routed the request to, from the spec's facts. */
function parametersOf(operation: SpecOperation, location: ParameterLocation) {
  const facts = loadSpecFacts().api.operations[operation.iid ?? ""];
  return facts ? parametersIn(facts, location) : [];
}

/** What the request breaks of the rules above (besides the path); Prism checks the rest. */
export function strictViolations(
  operation: SpecOperation,
  url: URL,
  headers: Record<string, string>,
  body: unknown,
): Violation[] {
  const violations: Violation[] = [];
  const contentType = headers["content-type"];
  if (contentType) {
    if (!MEDIA_TYPE.test(contentType)) {
      violations.push({
        field: "header content-type",
        rule: `must be one media type such as application/json, got ${JSON.stringify(contentType.slice(0, 80))}`,
      });
    }
  }
  for (const parameter of parametersOf(operation, "query")) {
    const values = url.searchParams.getAll(parameter.name);
    const field = `query parameter ${parameter.name}`;
    if (values.length > 1) violations.push({ field, rule: "must be given once" });
    else if (values.length === 1)
      violations.push(...valueViolations(field, parameter.schema, values[0] as string));
  }
  for (const parameter of parametersOf(operation, "header")) {
    const value = headers[parameter.name];
    if (value !== undefined)
      violations.push(...valueViolations(`header ${parameter.name}`, parameter.schema, value));
  }
  violations.push(...notAfterViolations(operation, body));
  return violations;
}

function valueViolations(field: string, schema: SchemaFacts, value: string): Violation[] {
  if (schema.type === "integer" && !/^(0|[1-9][0-9]*)$/.test(value)) {
    return [
      {
        field,
        rule: `must be an integer written in decimal digits, got ${JSON.stringify(value.slice(0, 80))}`,
      },
    ];
  }
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) {
    const has = length === 0 ? "it is empty" : `it has ${length}`;
    return [
      {
        field,
        rule: `must be at least ${schema.minLength} character${schema.minLength === 1 ? "" : "s"} long (${has})`,
      },
    ];
  }
  return [];
}

/** `x-aidp-not-after` with the client's rule, on the body's properties as the spec's facts give them. */
function notAfterViolations(operation: SpecOperation, body: unknown): Violation[] {
  const properties = loadSpecFacts().api.operations[operation.iid ?? ""]?.body?.schema.properties;
  if (!properties || typeof body !== "object" || body === null || Array.isArray(body)) return [];
  return notAfterBreaches(properties, body as Record<string, unknown>).map((breach) => ({
    field: `body field ${breach.name}`,
    rule: `must be not after ${breach.notAfter} (${breach.limit}), got ${JSON.stringify(breach.value)}`,
  }));
}

/**
 * The strict findings first; Prism's on the same field add nothing, nor does Prism's failure to read a request
 * whose problem is already named (its "request could not be read" after a content-type that is a list).
 */
export function mergeViolations(strict: Violation[], prism: Violation[]): Violation[] {
  const named = new Set(strict.map((violation) => violation.field));
  if (strict.length > 0) named.add("request");
  return [...strict, ...prism.filter((violation) => !named.has(violation.field))];
}
