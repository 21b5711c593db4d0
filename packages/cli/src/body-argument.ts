// `--body JSON|@file|-`: the whole request body as JSON text, a file holding it, or standard input.
import { readFileSync } from "node:fs";
import { UsageError } from "./exit-codes.ts";

export function readBodyArgument(argument: string): Record<string, unknown> {
  let text: string;
  let where: string;
  if (argument === "-") {
    where = "standard input";
    text = readOrExplain(0, where);
  } else if (argument.startsWith("@")) {
    if (argument === "@")
      throw new UsageError("--body @: give the file's name after the @ (--body @search.json)");
    where = `file ${argument.slice(1)}`;
    text = readOrExplain(argument.slice(1), where);
  } else {
    where = "the argument";
    text = argument;
  }
  let parsed: unknown;
  try {
    // A byte order mark, as some editors on Windows write one, is not part of the JSON.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UsageError(`--body: ${where} is not valid JSON (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new UsageError(
      `--body: ${where} must hold a JSON object, got ${Array.isArray(parsed) ? "an array" : String(parsed)}`,
    );
  if (nestsDeeperThan(parsed, MAX_DEPTH))
    throw new UsageError(`--body: ${where} nests deeper than ${MAX_DEPTH} levels of objects and arrays`);
  return parsed as Record<string, unknown>;
}

/**
 * The request's fields nest a level or two; a value nested thousands deep would only overflow the stack of the
 * code that checks or shows it (JSON.stringify among them), so it is refused here, with its flag.
 */
const MAX_DEPTH = 64;

/** Walked with a stack of its own: a recursive walk would overflow on the very input it is looking for. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== "object") continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

function readOrExplain(source: string | number, where: string): string {
  try {
    return readFileSync(source, "utf8");
  } catch (error) {
    throw new UsageError(
      `--body: cannot read ${where} (${(error as NodeJS.ErrnoException).code ?? "read error"})`,
    );
  }
}
