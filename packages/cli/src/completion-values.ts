// The values a flag takes, for completion: after `--status` a Tab offers the spec's enum values of the command
// being completed, after `--output` the formats, after `--auth` the auth types (the three tables generated); after
// a flag that takes a free value (`--output-file`, `--query`), nothing, so that the shell completes a file name.
// Kept apart from the parser and the client so that bin.ts answers these completions without loading yargs or
// @aidp/client: every Tab pays for what it loads.
import { globalChoices } from "./generated/global-choices.ts";
import { operationFlags } from "./generated/operation-flags.ts";
import { valueFlags } from "./generated/value-flags.ts";
import { operationNamedIn } from "./operation-commands.ts";
import type { OperationFlag, OperationId } from "./operation-input.ts";

/** The allowed values of `flag` on the command of `operationId` (the global flags' on any command). */
function valuesOf(flag: string, operationId: OperationId | undefined): readonly string[] | undefined {
  if (operationId !== undefined) {
    const flags: readonly OperationFlag[] = operationFlags[operationId].flags;
    const own = flags.find((candidate) => candidate.flag === flag);
    if (own) return own.enum?.map(String);
  }
  return globalChoices[flag];
}

/** Whether `flag` takes a value (not a boolean) on the command of `operationId`, or globally. */
function takesValue(flag: string, operationId: OperationId | undefined): boolean {
  const own: readonly string[] = operationId === undefined ? [] : valueFlags[operationId];
  return (valueFlags.global as readonly string[]).includes(flag) || own.includes(flag);
}

/**
 * `value` as it would be typed after `typed`, which it starts with but for case (the CLI takes enum values in any
 * case, and a shell keeps only the completions that start with what is typed, case and all): as the spec has it
 * when that matches, an all-capitals value in lower case after lower case (`f` → `failed`), else what was typed
 * and the rest as the spec has it (`o` → `objectType`; `objectT` → `objectType`; `Fa` → `FaILED`).
 */
function inTypedCase(value: string, typed: string): string {
  if (value.startsWith(typed)) return value;
  if (value === value.toUpperCase() && typed === typed.toLowerCase()) return value.toLowerCase();
  return typed + value.slice(typed.length);
}

/**
 * `words` as the shell passes them after `--get-yargs-completions` (the last one is being typed): the values
 * of the flag before it that start with what is typed (none, for a flag that takes a free value), or undefined
 * when that word is not a flag that takes a value.
 */
export function completeValue(words: readonly string[]): string[] | undefined {
  const previous = words.at(-2);
  if (previous === undefined || !previous.startsWith("-")) return undefined;
  // yargs also takes a flag's camelCase alias (--outputFile); the tables have the kebab-case names.
  const flag = previous.replace(/^--?/, "").replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  const operationId = operationNamedIn(words);
  const values = valuesOf(flag, operationId);
  const typed = words.at(-1) ?? "";
  if (values)
    return values
      .filter((value) => value.toLowerCase().startsWith(typed.toLowerCase()))
      .map((value) => inTypedCase(value, typed));
  return takesValue(flag, operationId) ? [] : undefined;
}
