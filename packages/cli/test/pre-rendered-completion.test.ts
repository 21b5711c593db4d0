// A Tab on a command or flag name is answered from yargs' answers rendered at build time
// (src/generated/name-completion.ts) without loading yargs. Here each stored answer is compared with what yargs
// answers at run time (the built main() as a child process), so the two cannot drift, and the bin is checked
// to print them.
import { afterAll, describe, expect, it } from "vitest";
import { COMPLETION_SHELLS } from "../src/completion-shell.ts";
import { nameCompletions } from "../src/generated/name-completion.ts";
import { preRenderedNameCompletion } from "../src/name-completion.ts";
import { endAidpProcesses, runAidp, runBuiltMain } from "./support/run-aidp.ts";

// The cases run side by side (each is a child process that mostly waits for Node to start); every process is
// awaited by its test and ended after the file, pass or fail.
afterAll(endAidpProcesses);

/** The environment each script's shell gives the bin (yargs reads SHELL), in English. */
const SHELL_ENV = {
  bash: { SHELL: "/bin/bash", LANG: "en_US.UTF-8" },
  zsh: { SHELL: "/usr/bin/zsh", LANG: "en_US.UTF-8" },
} as const;

const completionArgs = (words: readonly string[]) => ["--get-yargs-completions", ...words];

describe("the pre-rendered name completion", () => {
  for (const shell of COMPLETION_SHELLS) {
    for (const [key, index] of Object.entries(nameCompletions.byShell[shell])) {
      const words: string[] = JSON.parse(key);
      it.concurrent(`${shell}: \`${words.join(" ")}<Tab>\` is what yargs answers at run time`, async () => {
        const byYargs = await runBuiltMain(completionArgs(words), { env: SHELL_ENV[shell] });
        expect({ code: byYargs.code, stdout: byYargs.stdout, stderr: byYargs.stderr }).toEqual({
          code: 0,
          stdout: nameCompletions.texts[index],
          stderr: "",
        });
        expect(preRenderedNameCompletion(words, SHELL_ENV[shell])).toBe(nameCompletions.texts[index]);
      });
    }
  }

  // The start of a flag is answered as `--`, the start of a subcommand as nothing typed (yargs leaves narrowing
  // to the shell); these are not rendered as they are.
  const startsOfNames = [
    ["aidp", "a"],
    ["aidp", "comp"],
    ["aidp", "audit", "search-"],
    ["aidp", "cluster", "d"],
    ["aidp", "--ou"],
    ["aidp", "audit", "search-logs", "--st"],
    ["aidp", "audit", "search-logs", "--sort"],
    ["aidp", "cluster", "download-logs", "--wa"],
    ["aidp", "cluster", "download-logs", "--zz-not-a-flag"],
  ];
  for (const shell of COMPLETION_SHELLS) {
    for (const words of startsOfNames) {
      it.concurrent(`${shell}: \`${words.join(" ")}<Tab>\` is answered by the bin as by yargs`, async () => {
        const [byYargs, byBin] = await Promise.all([
          runBuiltMain(completionArgs(words), { env: SHELL_ENV[shell] }),
          runAidp(completionArgs(words), { env: SHELL_ENV[shell] }),
        ]);
        expect(byYargs.stdout).not.toBe("");
        expect({ code: byBin.code, stdout: byBin.stdout, stderr: byBin.stderr }).toEqual({
          code: byYargs.code,
          stdout: byYargs.stdout,
          stderr: byYargs.stderr,
        });
        expect(preRenderedNameCompletion(words, SHELL_ENV[shell])).toBe(byYargs.stdout);
      });
    }
  }

  it.concurrent("the bin prints the pre-rendered answers (`aidp audit <Tab>`, `aidp audit search-logs --<Tab>`)", async () => {
    for (const shell of COMPLETION_SHELLS) {
      for (const words of [
        ["aidp", "audit", ""],
        ["aidp", "audit", "search-logs", "--"],
      ]) {
        const byBin = await runAidp(completionArgs(words), { env: SHELL_ENV[shell] });
        const index =
          nameCompletions.byShell[shell][
            JSON.stringify(words) as keyof (typeof nameCompletions.byShell)[typeof shell]
          ];
        expect({ code: byBin.code, stdout: byBin.stdout, stderr: byBin.stderr }).toEqual({
          code: 0,
          stdout: nameCompletions.texts[index],
          stderr: "",
        });
      }
    }
  });

  it("is used only where yargs would answer that very text", () => {
    const bash = SHELL_ENV.bash;
    expect(preRenderedNameCompletion(["aidp", "audit", ""], bash)).toBe("search-logs\n");
    // A word that is itself a flag changes yargs' answer: that flag is left out, or its choices are offered.
    for (const typed of [
      "--status",
      "--output",
      "--no-retry",
      "--help",
      "--o",
      "--sortBy",
      "--get-yargs-completions",
    ])
      expect(preRenderedNameCompletion(["aidp", "audit", "search-logs", typed], bash)).toBeUndefined();
    // A word that is itself a command (`aidp audit<Tab>`, rendered as it is) or not a start of one here.
    expect(preRenderedNameCompletion(["aidp", "audit"], bash)).toBe("");
    expect(preRenderedNameCompletion(["aidp", "audit", "cl"], bash)).toBeUndefined();
    expect(preRenderedNameCompletion(["aidp", "audit", "search-logs", "s"], bash)).toBeUndefined();
    // Anything not rendered: another program name, an unknown command, a word after a flag's value.
    expect(preRenderedNameCompletion(["./aidp", "audit", ""], bash)).toBeUndefined();
    expect(preRenderedNameCompletion(["aidp", "audti", ""], bash)).toBeUndefined();
    expect(
      preRenderedNameCompletion(["aidp", "audit", "search-logs", "--limit", "5", ""], bash),
    ).toBeUndefined();
    // Words are compared whole, not joined: one word with a space is not two words.
    expect(preRenderedNameCompletion(["aidp", "audit search-logs", ""], bash)).toBeUndefined();
    // fish has a format of its own; zsh's answers carry yargs' descriptions, which it translates.
    expect(preRenderedNameCompletion(["aidp", ""], { SHELL: "/usr/bin/fish" })).toBeUndefined();
    expect(
      preRenderedNameCompletion(["aidp", ""], { SHELL: "/bin/zsh", LANG: "de_DE.UTF-8" }),
    ).toBeUndefined();
    expect(preRenderedNameCompletion(["aidp", ""], { ZSH_NAME: "zsh", LC_ALL: "C" })).toBe(
      preRenderedNameCompletion(["aidp", ""], SHELL_ENV.zsh),
    );
    // bash's answers are bare names: the locale does not matter.
    expect(preRenderedNameCompletion(["aidp", ""], { SHELL: "/bin/bash", LANG: "de_DE.UTF-8" })).toBe(
      "audit\ncluster\ncompletion\n",
    );
  });
});
