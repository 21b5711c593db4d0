// The values a flag takes, for completion: after `--status` a Tab offers the spec's enum values, after `--output`
// the formats, after `--auth` the auth types (both tables generated). Kept apart from the parser and the client so
// that bin.ts answers these completions without loading yargs or @aidp/client: every Tab pays for what it loads.
import { globalChoices } from "./generated/global-choices.ts";
import { operationFlags } from "./generated/operation-flags.ts";
import type { OperationFlag } from "./operation-input.ts";

function valuesOf(flag: string): readonly string[] | undefined {
  for (const operation of Object.values(operationFlags)) {
    const flags: readonly OperationFlag[] = operation.flags;
    for (const candidate of flags)
      if (candidate.flag === flag && candidate.enum) return candidate.enum.map(String);
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
  const values = valuesOf(previous.replace(/^--?/, ""));
  const typed = (words.at(-1) ?? "").toLowerCase();
  return values?.filter((value) => value.toLowerCase().startsWith(typed));
}
