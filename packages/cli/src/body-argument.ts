// `--body JSON|@file|-`: the whole request body as JSON text, a file holding it, or standard input.
import { readFileSync } from "node:fs";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "@aidp/client/value-rules";
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
  if (nestsDeeperThan(parsed))
    throw new UsageError(`--body: ${where} nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`);
  return parsed as Record<string, unknown>;
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
