// The changeset check: which base it picks (unit), and the real script on a throw-away git repository
// with one published and one private package (integration: real git, real `changeset status`).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseChangesetBase } from "../release/changeset-base.ts";

describe("chooseChangesetBase", () => {
  const facts = (currentBranch: string | undefined, refs: string[], explicitBase?: string) => ({
    explicitBase,
    currentBranch,
    baseBranch: "main",
    refExists: (ref: string) => refs.includes(ref),
  });

  it("prefers origin/main, on any branch", () => {
    expect(chooseChangesetBase(facts("main", ["main", "origin/main"]))).toEqual({ base: "origin/main" });
    expect(chooseChangesetBase(facts("feature", ["main", "origin/main"]))).toEqual({ base: "origin/main" });
  });
  it("uses the local main from a feature branch of a clone with no remote", () => {
    expect(chooseChangesetBase(facts("feature", ["main"]))).toEqual({ base: "main" });
    expect(chooseChangesetBase(facts(undefined, ["main"]))).toEqual({ base: "main" });
  });
  it("skips with a reason on main itself with no remote (CI's fresh clone of main)", () => {
    expect(chooseChangesetBase(facts("main", ["main"]))).toEqual({
      skip: expect.stringContaining("no base branch"),
    });
  });
  it("takes CHANGESET_BASE, and rejects one that does not exist", () => {
    expect(chooseChangesetBase(facts("main", ["main", "v1"], "v1"))).toEqual({ base: "v1" });
    expect(() => chooseChangesetBase(facts("main", ["main"], "nope"))).toThrow("CHANGESET_BASE=nope");
  });
});

describe("check-changesets.ts on a real repository", () => {
  let repo: string;
  const script = new URL("../release/check-changesets.ts", import.meta.url).pathname;
  const sh = (command: string, ...args: string[]) => {
    const result = spawnSync(command, args, { cwd: repo, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stderr}`);
  };
  const check = () => {
    const { CHANGESET_BASE: _, ...env } = process.env;
    const result = spawnSync(process.execPath, [script, repo], { encoding: "utf8", env });
    return { status: result.status, output: result.stdout + result.stderr };
  };
  const write = (path: string, text: string) => {
    mkdirSync(join(repo, path, ".."), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  const manifest = (name: string, extra: object = {}) => JSON.stringify({ name, version: "1.0.0", ...extra });

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), "aidp-changeset-check-"));
    write("package.json", manifest("root", { private: true }));
    write("pnpm-workspace.yaml", "packages:\n  - packages/*\n");
    write("packages/lib/package.json", manifest("@demo/lib"));
    write("packages/lib/index.js", "export const a = 1;\n");
    write("packages/tools/package.json", manifest("@demo/tools", { private: true }));
    write(
      ".changeset/config.json",
      JSON.stringify({
        changelog: false,
        commit: false,
        baseBranch: "main",
        privatePackages: { version: false, tag: false },
      }),
    );
    sh("git", "init", "--quiet", "--initial-branch=main");
    sh("git", "add", ".");
    sh("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "base");
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("on main with no remote: skips and prints why", () => {
    const { status, output } = check();
    expect(output).toContain("Changeset check skipped: on main itself with no origin/main");
    expect(status).toBe(0);
  });

  it("on a branch: fails for a published package changed without a changeset, passes once one is added", () => {
    sh("git", "checkout", "--quiet", "-b", "feature");
    write("packages/lib/index.js", "export const a = 2;\n");
    sh("git", "add", ".");
    sh("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "change lib");
    const missing = check();
    expect(missing.output).toContain("comparing with main");
    expect(missing.output).toContain("no changesets were found");
    expect(missing.output).toContain("without a changeset");
    expect(missing.status).toBe(1);

    write(".changeset/lib-change.md", '---\n"@demo/lib": patch\n---\n\nA changed.\n');
    sh("git", "add", ".");
    sh("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "changeset");
    expect(check().status).toBe(0);
  });

  it("does not ask for a changeset when only a private package changed", () => {
    sh("git", "checkout", "--quiet", "-b", "tools-only", "main");
    write("packages/tools/script.js", "console.log(1);\n");
    sh("git", "add", ".");
    sh("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "tools");
    const result = check();
    expect(result.output).toContain("comparing with main");
    expect(result.status).toBe(0);
  });
});
