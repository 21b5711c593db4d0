// How a failure is printed on standard error: words, or one JSON document for a script that asked for JSON.
// JSON errors only when the user gave `--output json` or `--output ndjson` (`-o`, `--output=`) themselves: json
// is the default output, and scripts written before JSON errors read the words on standard error, so the default
// keeps them. ndjson counts as asking for JSON: the error is one line, which is a valid NDJSON record too.
import type { Failure } from "./failure.ts";
import { terminalSafe } from "./terminal-safe.ts";

export type ErrorForm = "words" | "json";

const ASKS_FOR_JSON: ReadonlySet<unknown> = new Set(["json", "ndjson"]);

/**
 * The form the command line asked for, read in a yargs middleware: the parsed flags, and the yargs instance (the
 * same object parses the top level and each command). yargs types no way to tell a default from a value given;
 * its parser's detailed result does (`defaulted`, from yargs-parser), which yargs keeps as `parsed` on the
 * instance. The tests cover `-o json`, `--output=json`, `--output json` and the default, so an upgrade that
 * moves it fails there.
 */
export function askedErrorForm(flags: { output?: unknown }, parser: unknown): ErrorForm {
  const defaulted = (parser as { parsed?: { defaulted?: Record<string, boolean> } }).parsed?.defaulted;
  if (defaulted === undefined || defaulted.output === true) return "words";
  return ASKS_FOR_JSON.has(flags.output) ? "json" : "words";
}

/**
 * The text for standard error. The JSON form, on one line: `{"error": {...}}` with every field present, null when
 * it does not apply or is not known (see the README's "Errors as JSON"); `message` is exactly the words.
 */
export function formatFailure(failure: Failure, form: ErrorForm): string {
  if (form === "words") return `${terminalSafe(failure.lines.join("\n"))}\n`;
  const error = {
    exitCode: failure.exitCode,
    kind: failure.kind,
    message: failure.lines.join("\n"),
    status: failure.status ?? null,
    code: failure.code ?? null,
    opcRequestId: failure.opcRequestId ?? null,
    attempt: failure.attempt ?? null,
    issues: failure.issues ?? null,
  };
  return `${JSON.stringify({ error })}\n`;
}
