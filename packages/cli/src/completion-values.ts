// The values a flag takes, for completion: after `--status` a Tab offers the spec's enum values of the command
// being completed, after `--output` the formats, after `--auth` the auth types (both tables generated). Kept apart
// from the parser and the client so that bin.ts answers these completions without loading yargs or @aidp/client:
// every Tab pays for what it loads.
import { globalChoices } from "./generated/global-choices.ts";
import { operationFlags } from "./generated/operation-flags.ts";
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

/**
 * `words` as the shell passes them after `--get-yargs-completions` (the last one is being typed): the values
 * of the flag before it that start with what is typed, or undefined when that word is not such a flag.
 */
export function completeValue(words: readonly string[]): string[] | undefined {
  const previous = words.at(-2);
  if (previous === undefined || !previous.startsWith("-")) return undefined;
  const values = valuesOf(previous.replace(/^--?/, ""), operationNamedIn(words));
  const typed = (words.at(-1) ?? "").toLowerCase();
  return values?.filter((value) => value.toLowerCase().startsWith(typed));
}
