// `grep` of read_cluster_log: a pattern a model chose, run over lines a cluster's jobs wrote. Neither is trusted, so
// the pattern is matched by RE2 (re2js), in time linear in the line: JavaScript's backtracking RegExp can run for
// ever on a pattern such as `(a+)+$` and a long line, and with it the whole server. RE2's syntax is JavaScript's
// without lookaround and backreferences.
import type { ValidationIssue } from "@aidp/client/value-rules";
import type { LineFilter } from "./log-excerpt.ts";

/** The lines `source` matches anywhere in them; undefined, with an issue, when it is not an RE2 pattern. */
export async function linePattern(
  source: string | undefined,
  issues: ValidationIssue[],
): Promise<LineFilter | undefined> {
  if (typeof source !== "string") return undefined;
  // Loaded by the first grep: a server that never greps does not load the engine (about 260 kB of JavaScript).
  const { RE2JS } = await import("re2js");
  try {
    const pattern = RE2JS.compile(source);
    return { test: (line) => pattern.test(line) };
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, "");
    issues.push({
      field: "grep",
      rule: "regular-expression",
      expected: `a regular expression in RE2's syntax (JavaScript's, without lookaround or backreferences); here: ${reason}`,
      value: JSON.stringify(source),
    });
    return undefined;
  }
}
