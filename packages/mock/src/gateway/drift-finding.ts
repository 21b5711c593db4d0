// One thing the gateway found wrong with a request or an answer, as the drift report lists it: where
// (`body.items[].objectType`, `header opc-next-page`, `status`) and the rule broken. The Prism adapter's
// violations are written in this form; array indexes become `[]` so that the same mistake in every record of a
// page counts as one violation.
import type { Direction, SpecViolation } from "../prism-adapter.ts";

export type { Direction } from "../prism-adapter.ts";

export interface Finding {
  direction: Direction;
  location: string;
  rule: string;
}

export function findingFromViolation({ direction, location, rule }: SpecViolation): Finding {
  switch (location.in) {
    case "body":
      return {
        direction,
        location: ["body", ...location.path.map((segment) => (/^\d+$/.test(segment) ? "[]" : segment))]
          .join(".")
          .replaceAll(".[]", "[]"),
        rule,
      };
    case "message":
      return { direction, location: direction, rule };
    default:
      return { direction, location: `${location.in} ${location.path.join(".")}`.trim(), rule };
  }
}

/** Which record of a page a violation points into (`body` `items.3.objectType` → 3). */
export function itemIndex(violation: SpecViolation, itemsField: string): number | undefined {
  const [field, index] = violation.location.path;
  return violation.location.in === "body" &&
    field === itemsField &&
    index !== undefined &&
    /^\d+$/.test(index)
    ? Number(index)
    : undefined;
}
