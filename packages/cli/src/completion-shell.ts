// Which format yargs answers completions in, chosen as yargs chooses it (its Completion class reads SHELL and
// ZSH_NAME): `name:description` lines for zsh, `name TAB description` for fish, bare names otherwise (bash).

/** The shells whose completion answers are pre-rendered (src/generated/name-completion.ts). */
export const COMPLETION_SHELLS = ["bash", "zsh"] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** The format yargs would answer in; undefined for fish, whose answers are not pre-rendered. */
export function completionShell(env: NodeJS.ProcessEnv): CompletionShell | undefined {
  // yargs tests fish first when it formats an answer, so SHELL naming fish wins over ZSH_NAME.
  if (env.SHELL?.includes("fish")) return undefined;
  return env.SHELL?.includes("zsh") || env.ZSH_NAME?.includes("zsh") ? "zsh" : "bash";
}
