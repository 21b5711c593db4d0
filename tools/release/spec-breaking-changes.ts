// The breaking changes between two bundled OpenAPI documents, as api-smart-diff classifies them (it knows
// the request side from the response side: a new required request property is breaking, a new optional
// response property is not). On top of that, anything removed counts as breaking: our generated types and
// the client drop it, so code that used it stops compiling.
import { apiDiff } from "api-smart-diff";

export interface BreakingChange {
  action: string;
  where: string;
  description: string;
}

export function breakingChanges(released: unknown, current: unknown): BreakingChange[] {
  return apiDiff(released, current)
    .filter((diff) => diff.type === "breaking" || (diff.action === "remove" && diff.type !== "annotation"))
    .map((diff) => ({
      action: diff.action,
      where: diff.path.join(" › "),
      description: diff.description ?? `${diff.action} ${JSON.stringify(diff.before ?? diff.after)}`,
    }));
}
