// One thing the gateway found wrong with a request or an answer: where (`body.items[].objectType`,
// `header opc-next-page`, `status`) and the rule broken. Prism's diagnostics are turned into this form; array
// indexes become `[]` so that the same mistake in every record of a page counts as one violation.
import { type PrismDiagnostic, toViolation } from "../contract-guard.ts";

export type Direction = "request" | "response";

export interface Finding {
  direction: Direction;
  location: string;
  rule: string;
}

const PLAIN_LOCATIONS: Record<string, string> = { header: "header", query: "query", path: "path" };

export function findingFromDiagnostic(direction: Direction, diagnostic: PrismDiagnostic): Finding {
  const media =
    /^The received media type "([^"]*)" does not match the one specified in the current \w+: (.+)$/.exec(
      diagnostic.message,
    );
  if (media) {
    return {
      direction,
      location: "header content-type",
      rule: `is "${media[1]}"; the spec declares ${media[2]}`,
    };
  }
  const [where = /^Body\b/.test(diagnostic.message) ? "body" : "", ...rest] = diagnostic.path ?? [];
  const named =
    diagnostic.code === "additionalProperties" || diagnostic.code === "required"
      ? (/found '([^']+)'/.exec(diagnostic.message) ?? /property '([^']+)'/.exec(diagnostic.message))?.[1]
      : undefined;
  const segments = named === undefined ? rest : [...rest, named];
  let location: string;
  if (where === "body") {
    location = ["body", ...segments.map((segment) => (/^\d+$/.test(segment) ? "[]" : segment))]
      .join(".")
      .replaceAll(".[]", "[]");
  } else if (PLAIN_LOCATIONS[where]) {
    location = `${PLAIN_LOCATIONS[where]} ${segments.join(".")}`.trim();
  } else {
    location = direction;
  }
  return { direction, location, rule: toViolation(diagnostic).rule };
}

/** Which record of a page a body location points into (`body.items.3.objectType` → 3), from Prism's path. */
export function itemIndex(diagnostic: PrismDiagnostic, itemsField: string): number | undefined {
  const [where, field, index] = diagnostic.path ?? [];
  return where === "body" && field === itemsField && index !== undefined && /^\d+$/.test(index)
    ? Number(index)
    : undefined;
}
