// Fails when a published package changed since the base branch and no changeset was added.
// Usage: node tools/release/check-changesets.ts [repo dir]   (env CHANGESET_BASE=<ref> overrides the base)
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chooseChangesetBase } from "./changeset-base.ts";
import { repoRoot } from "./workspace-packages.ts";

const repo = process.argv[2] ?? repoRoot;
const changesetBin = new URL("../node_modules/.bin/changeset", import.meta.url).pathname;
const git = (...args: string[]) => spawnSync("git", args, { cwd: repo, encoding: "utf8" });

const config = JSON.parse(readFileSync(join(repo, ".changeset", "config.json"), "utf8")) as {
  baseBranch?: string;
};
const branch = git("symbolic-ref", "--quiet", "--short", "HEAD");
const choice = chooseChangesetBase({
  explicitBase: process.env.CHANGESET_BASE,
  currentBranch: branch.status === 0 ? branch.stdout.trim() : undefined,
  baseBranch: config.baseBranch ?? "main",
  refExists: (ref) => git("rev-parse", "--verify", "--quiet", `${ref}^{commit}`).status === 0,
});

if ("skip" in choice) {
  console.log(`Changeset check skipped: ${choice.skip}.`);
  process.exit(0);
}
console.log(`Changeset check: comparing with ${choice.base}`);
try {
  execFileSync(changesetBin, ["status", `--since=${choice.base}`], { cwd: repo, stdio: "inherit" });
} catch {
  console.error(
    `A published package changed since ${choice.base} without a changeset: run \`pnpm changeset\` and commit the file it writes.`,
  );
  process.exit(1);
}
