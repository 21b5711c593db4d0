// What the parser does not do by itself: "did you mean" for a misspelt flag, and completion that offers a flag's
// allowed values after the flag instead of more flags.
import type { Argv } from "yargs";
import { completeValue } from "./completion-values.ts";

/** Every long flag the parser knew when it failed (the command's and the global ones). */
export function knownFlags(parser: Argv | undefined): string[] {
  // yargs has getOptions(); @types/yargs 17 does not declare it.
  const withOptions = parser as (Argv & { getOptions(): { key: Record<string, unknown> } }) | undefined;
  const keys = withOptions?.getOptions().key ?? {};
  return Object.keys(keys).filter((key) => key.length > 1 && /^[a-z][a-z0-9-]*$/.test(key));
}

/** yargs' "Unknown argument: staus", with the closest known flag: "; did you mean --status?" */
export function withSuggestion(message: string, known: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message)?.[1]?.split(", ");
  if (!unknown) return message;
  const suggestions = unknown.flatMap((word) => {
    const closest = closestFlag(word.replace(/^-+/, ""), known);
    return closest ? [{ word: word.replace(/^-+/, ""), closest }] : [];
  });
  if (suggestions.length === 0) return message;
  if (unknown.length === 1) return `${message}; did you mean --${suggestions[0]?.closest}?`;
  return `${message}; did you mean ${suggestions.map((s) => `--${s.closest} for --${s.word}`).join(", ")}?`;
}

function closestFlag(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const candidate of known) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit (`--staus`, `--stauts`). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

type DefaultCompletion = (
  onCompleted?: (error: Error | null, completions: string[] | undefined) => void,
) => void;

/**
 * yargs' completion function: after a flag with allowed values, those values (./completion-values.ts; bin.ts
 * answers those before loading yargs); else yargs' own list, without the `--q`-style entries it makes of
 * one-letter aliases. The name completions bin.ts prints without yargs are this function's answers, rendered
 * at build time (scripts/generate-completion.ts), so this filter applies to them too.
 */
export function completeWord(
  _current: string,
  _argv: unknown,
  defaultCompletion: DefaultCompletion,
  done: (completions: string[]) => void,
): void {
  const words = process.argv.slice(process.argv.indexOf("--get-yargs-completions") + 1);
  const values = completeValue(words);
  if (values) {
    done(values);
    return;
  }
  defaultCompletion((_error, completions) => {
    done((completions ?? []).filter((completion) => !/^--[a-zA-Z](:|$)/.test(completion)));
  });
}
