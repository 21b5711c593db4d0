// Turbo caches the build exactly along the workspace graph: with no change every build task is a cache hit,
// and editing one file rebuilds its package and the packages that depend on it, nothing else. Runs in a
// temporary copy of the repository so the working tree and its cache are untouched. The copy starts with a
// copy of the working tree's cache: when the tree was built as it is (as `pnpm test` has done before this
// runs), the copy's first build is replayed from it, which also shows the cache does not depend on where the
// repository lies; otherwise that build runs and fills the copy's cache.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runProcess } from "@aidp/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRepository } from "./support/repo-copy.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", NO_COLOR: "1" };
let copy: string;

/** A full build of every package with nothing to replay takes a minute or two on a busy 2-core machine. */
const BUILD_TIMEOUT_MS = 180_000;
/** pnpm links the copy's node_modules from its store, offline. */
const INSTALL_TIMEOUT_MS = 120_000;

const turbo = (...args: string[]) =>
  runProcess("pnpm", ["exec", "turbo", "run", "build", ...args], {
    cwd: copy,
    env,
    timeoutMs: BUILD_TIMEOUT_MS,
  });

/** Build task cache status by package name, as turbo would run it now. */
async function plannedBuild(): Promise<Map<string, string>> {
  const plan = JSON.parse(await turbo("--dry-run=json"));
  const tasks: { package: string; command: string; cache: { status: string } }[] = plan.tasks;
  // Packages without a build script are listed too, with a command turbo will not run.
  return new Map(
    tasks.filter((task) => task.command !== "<NONEXISTENT>").map((task) => [task.package, task.cache.status]),
  );
}

/** Workspace packages that depend on `name`, directly or not, by their package.json files. */
function dependentsOf(name: string): Set<string> {
  const manifests = ["spec", ...readdirSync(join(copy, "packages")).map((dir) => `packages/${dir}`)]
    .filter((dir) => existsSync(join(copy, dir, "package.json")))
    .map((dir) => JSON.parse(readFileSync(join(copy, dir, "package.json"), "utf8")))
    .map((pkg) => ({
      name: pkg.name as string,
      deps: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }),
    }));
  const found = new Set([name]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const pkg of manifests) {
      if (!found.has(pkg.name) && pkg.deps.some((dep) => found.has(dep))) {
        found.add(pkg.name);
        grew = true;
      }
    }
  }
  return found;
}

function editFile(relativePath: string, from: string, to: string) {
  const file = join(copy, relativePath);
  const text = readFileSync(file, "utf8");
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

beforeAll(async () => {
  copy = copyRepository(repoRoot);
  const workingTreeCache = join(repoRoot, ".turbo", "cache");
  if (existsSync(workingTreeCache))
    cpSync(workingTreeCache, join(copy, ".turbo", "cache"), { recursive: true });
  await runProcess("pnpm", ["install", "--frozen-lockfile", "--offline"], {
    cwd: copy,
    env,
    timeoutMs: INSTALL_TIMEOUT_MS,
  });
  await turbo();
}, INSTALL_TIMEOUT_MS + BUILD_TIMEOUT_MS);
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("turbo build cache", () => {
  it("replays a second build with no change entirely from the cache", async () => {
    expect(await turbo()).toContain(">>> FULL TURBO");
    const plan = await plannedBuild();
    expect(plan.size).toBeGreaterThanOrEqual(5);
    expect([...plan.values()].every((status) => status === "HIT")).toBe(true);
  });

  it.each([
    [
      "@aidp/spec",
      "spec/components/schemas/Status.yaml",
      "description: Status of log.",
      "description: Status of the log.",
    ],
    [
      "@aidp/mock",
      "packages/mock/src/options.ts",
      "/** What only the stateful mock (the default mode) takes. */",
      "/** What only the stateful mock of AIDP (the default mode) takes. */",
    ],
  ])("rebuilds %s and its dependents, nothing else, after one edit", async (name, file, from, to) => {
    editFile(file, from, to);
    const plan = await plannedBuild();
    const rebuilt = [...plan].filter(([, status]) => status === "MISS").map(([pkg]) => pkg);
    const expected = [...dependentsOf(name)].filter((pkg) => plan.has(pkg));
    expect(rebuilt.sort()).toEqual(expected.sort());
    expect(rebuilt.length).toBeLessThanOrEqual(plan.size);
    editFile(file, to, from);
  });
});
