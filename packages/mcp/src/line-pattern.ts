// `grep` of read_cluster_log: a pattern a model chose, run over lines a cluster's jobs wrote. Neither is trusted, so
// the pattern is matched by RE2 (re2js), in time linear in the line: JavaScript's backtracking RegExp can run for
// ever on a pattern such as `(a+)+$` and a long line, and with it the whole server. RE2's time also grows with the
// size of the compiled pattern (`(?:a|aa){999}` ten times over takes seconds a line), so that size is bounded too.
// RE2's syntax is Go's regexp: no lookaround, no backreferences, `\x{e9}` where JavaScript writes `\u00e9`.
import type { ValidationIssue } from "@aidp/client/value-rules";
import type { LineFilter } from "./log-excerpt.ts";

/** The largest compiled pattern taken, in RE2 instructions: a few ms for the longest line kept (9,500 characters). */
const MAX_PATTERN_INSTRUCTIONS = 500;
export const GREP_SYNTAX = "RE2 syntax, as Go's regexp: no lookaround or backreferences, \\x{e9} for \\u00e9";

/** The lines `source` matches anywhere in them; undefined, with an issue, when it is not one to run. */
export async function linePattern(
  source: string | undefined,
  issues: ValidationIssue[],
): Promise<LineFilter | undefined> {
  if (typeof source !== "string") return undefined;
  // Loaded by the first grep: a server that never greps does not load the engine (about 260 kB of JavaScript).
  const { RE2JS } = await import("re2js");
  const refuse = (rule: string, expected: string) => {
    issues.push({ field: "grep", rule, expected, value: JSON.stringify(source) });
    return undefined;
  };
  let pattern: InstanceType<typeof RE2JS>;
  try {
    pattern = RE2JS.compile(source);
  } catch (error) {
    // RE2 reads `(?<=` as a malformed named group: say what the pattern asked for instead.
    const reason = /\(\?<?[=!]/.test(source)
      ? "lookahead and lookbehind are not supported"
      : (error as Error).message.replace(/^error parsing regexp: /, "");
    return refuse("regular-expression", `a regular expression in ${GREP_SYNTAX}; here: ${reason}`);
  }
  const size = pattern.programSize();
  if (size > MAX_PATTERN_INSTRUCTIONS)
    return refuse(
      "complexity",
      `a pattern of at most ${MAX_PATTERN_INSTRUCTIONS} RE2 instructions (this one compiles to ${size}; matching time grows with it)`,
    );
  return { test: (line) => pattern.test(line) };
}
