// Which git ref `changeset status --since` compares against. A pull request's clone has the base branch
// (as origin/main or a local main beside the feature branch); CI's fresh clone of main itself has no
// remote and nothing to compare to, and then the check says so instead of passing quietly.

export interface BaseFacts {
  /** CHANGESET_BASE from the environment, if set: an explicit ref wins. */
  explicitBase: string | undefined;
  /** The checked-out branch, or undefined when HEAD is detached. */
  currentBranch: string | undefined;
  /** The changesets config's baseBranch (main). */
  baseBranch: string;
  refExists: (ref: string) => boolean;
}

export type BaseChoice = { base: string } | { skip: string };

export function chooseChangesetBase({
  explicitBase,
  currentBranch,
  baseBranch,
  refExists,
}: BaseFacts): BaseChoice {
  if (explicitBase !== undefined && explicitBase !== "") {
    if (!refExists(explicitBase))
      throw new Error(`CHANGESET_BASE=${explicitBase} is not a git ref in this clone.`);
    return { base: explicitBase };
  }
  const remoteBase = `origin/${baseBranch}`;
  if (refExists(remoteBase)) return { base: remoteBase };
  if (currentBranch !== baseBranch && refExists(baseBranch)) return { base: baseBranch };
  return {
    skip:
      currentBranch === baseBranch
        ? `on ${baseBranch} itself with no ${remoteBase}: there is no base branch to compare to (set CHANGESET_BASE to check against a ref)`
        : `neither ${remoteBase} nor a local ${baseBranch} exists: there is no base branch to compare to (set CHANGESET_BASE)`,
  };
}
