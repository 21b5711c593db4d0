// A temporary copy of the repository to release from, so the working tree is never changed: every file git
// would see (tracked or untracked, not ignored), committed into a fresh git repository on `main`.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const gitIdentity = {
  GIT_AUTHOR_NAME: "Release Test",
  GIT_AUTHOR_EMAIL: "release-test@example.com",
  GIT_COMMITTER_NAME: "Release Test",
  GIT_COMMITTER_EMAIL: "release-test@example.com",
};

/** `prepare` may adjust the copy before its first commit. */
export function copyRepository(repoRoot: string, prepare: (copy: string) => void = () => {}): string {
  const copy = mkdtempSync(join(tmpdir(), "aidp-release-repo-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    encoding: "utf8",
  })
    .split("\0")
    .filter((file) => file !== "");
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(copy, file), { verbatimSymlinks: true });
  }
  prepare(copy);
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: copy, env: { ...process.env, ...gitIdentity } });
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git("commit", "--quiet", "--message", "Copy of the working tree to release from");
  return copy;
}
