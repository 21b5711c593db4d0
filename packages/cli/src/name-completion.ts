// A Tab on a command or flag NAME (`aidp <Tab>`, `aidp audit se<Tab>`, `aidp audit search-logs --<Tab>`) without
// loading yargs, which is most of the time such a Tab takes: yargs' own answers, rendered at build time by
// scripts/generate-completion.ts from the same definitions (main.ts) and checked against what yargs answers at
// run time (test/pre-rendered-completion.test.ts). Used only where yargs would answer that very text.
import { completionShell } from "./completion-shell.ts";
import { nameCompletions } from "./generated/name-completion.ts";
import { yargsShowsEnglish } from "./yargs-locale.ts";

const commands: ReadonlySet<string> = new Set(nameCompletions.commands);
const longFlags: ReadonlySet<string> = new Set(nameCompletions.longFlags);
const bashAnswers: Readonly<Record<string, number>> = nameCompletions.byShell.bash;

const keyOf = (words: readonly string[]) => JSON.stringify(words);

/*
 * yargs does not narrow its answer to the word being typed (the shell does): the word only changes the answer
 * when it is itself a command (its subcommands are offered) or a flag (that flag is left out, a flag with
 * choices gets its choices, `--no-x` is x negated), or when it is empty or starts with `-` (flags are offered).
 * So the start of a subcommand's name is answered as nothing typed, and the start of a long flag as `--`.
 */

/** `--st`: two characters or more, lower case (yargs' camel-case aliases have capitals), not itself a flag. */
function isStartOfLongFlag(word: string): boolean {
  const name = /^--([a-z][a-z0-9-]+)$/.exec(word)?.[1];
  return (
    name !== undefined && !longFlags.has(name) && !name.startsWith("no-") && name !== "get-yargs-completions"
  );
}

/** `se` after `aidp audit`: the start of a subcommand's name there, and not itself a command anywhere. */
function isStartOfSubcommand(before: readonly string[], word: string): boolean {
  const index = bashAnswers[keyOf([...before, ""])];
  if (index === undefined || word === "" || commands.has(word)) return false;
  const offered = (nameCompletions.texts[index] as string).split("\n").filter((line) => line !== "");
  // Where yargs offers flags with nothing typed, there are no subcommands and a typed word gets no flags.
  return offered.every((name) => commands.has(name)) && offered.some((name) => name.startsWith(word));
}

/** The words whose rendered answer is yargs' answer to these, or undefined when none is. */
function renderedEquivalent(words: readonly string[]): readonly string[] | undefined {
  const typed = words.at(-1);
  if (typed === undefined) return undefined;
  const before = words.slice(0, -1);
  if (bashAnswers[keyOf(words)] !== undefined) return words;
  if (isStartOfLongFlag(typed)) return [...before, "--"];
  if (isStartOfSubcommand(before, typed)) return [...before, ""];
  return undefined;
}

/**
 * yargs' answer to `--get-yargs-completions` followed by `words` (as the completion script passes them, the
 * program's name first; the last one is being typed), or undefined to ask yargs.
 */
export function preRenderedNameCompletion(
  words: readonly string[],
  env: NodeJS.ProcessEnv,
): string | undefined {
  const shell = completionShell(env);
  // zsh's answers carry yargs' own descriptions ("Show help"), which yargs translates.
  if (shell === undefined || (shell === "zsh" && !yargsShowsEnglish(env))) return undefined;
  const equivalent = renderedEquivalent(words);
  if (equivalent === undefined) return undefined;
  const answers: Readonly<Record<string, number>> = nameCompletions.byShell[shell];
  const index = answers[keyOf(equivalent)];
  return index === undefined ? undefined : nameCompletions.texts[index];
}
