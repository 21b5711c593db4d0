// The values a flag takes, for completion: after `--status` a Tab offers the spec's enum values of the command
// being completed, after `--output` the formats, after `--auth` the auth types (both tables generated); after a
// flag that takes a free value (`--output-file`, `--query`), nothing, so that the shell completes a file name. Kept apart
// from the parser and the client so that bin.ts answers these completions without loading yargs or @aidp/client:
// every Tab pays for what it loads.
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
 * `value` as it would be typed after `typed`: in lower case when `typed` is (the CLI takes enum values in any
 * case, and a shell keeps only the completions that start with what is typed, case and all).
 */
function inTypedCase(value: string, typed: string): string {
  return typed !== "" && typed === typed.toLowerCase() ? value.toLowerCase() : value;
}

/**
 * `words` as the shell passes them after `--get-yargs-completions` (the last one is being typed): the values
 * of the flag before it that start with what is typed (none, for a flag that takes a free value), or undefined
 * when that word is not a flag that takes a value.
 */
export function completeValue(words: readonly string[]): string[] | undefined {
  const previous = words.at(-2);
  if (previous === undefined || !previous.startsWith("-")) return undefined;
  const flag = previous.replace(/^--?/, "");
  const operationId = operationNamedIn(words);
  const values = valuesOf(flag, operationId);
  const typed = words.at(-1) ?? "";
  if (values)
    return values
      .filter((value) => value.toLowerCase().startsWith(typed.toLowerCase()))
      .map((value) => inTypedCase(value, typed));
  return takesValue(flag, operationId) ? [] : undefined;
}
