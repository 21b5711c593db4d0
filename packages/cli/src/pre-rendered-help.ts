// `aidp --help` (and each command's) without loading yargs, which is most of the time the help takes: the text
// yargs prints, rendered at build time by scripts/generate-help.ts from the same definitions (main.ts) and
// checked against what yargs prints at run time (test/pre-rendered-help.test.ts). Used only where yargs would
// print that very text: the width it was rendered at, and a locale yargs shows in English.
import { helpTexts } from "./generated/help-text.ts";
import { yargsShowsEnglish } from "./yargs-locale.ts";

/** The widest help yargs prints (main.ts wraps to min(this, terminal columns)); the pre-rendered width. */
export const HELP_WIDTH = 120;

/** The help text for exactly these arguments (`audit search-logs --help`), or undefined to ask yargs. */
export function preRenderedHelp(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  columns: number | undefined,
): string | undefined {
  if ((columns ?? HELP_WIDTH) < HELP_WIDTH || !yargsShowsEnglish(env)) return undefined;
  // The texts are keyed by the words joined with spaces: `"audit search-logs" --help` (one word) is not the
  // command's help request, whatever its key looks like.
  if (args.some((word) => /\s/.test(word))) return undefined;
  const index = helpTexts.byArgs[args.join(" ") as keyof typeof helpTexts.byArgs];
  return index === undefined ? undefined : helpTexts.texts[index];
}
