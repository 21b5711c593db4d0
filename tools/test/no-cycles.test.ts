// The workspace's package graph and each package's import graph have no cycle: a package that needs another's
// code depends on it one way, and a module that needs another's imports it one way. Found by madge (a cycle
// through a type-only or a lazy import counts: it still ties the two modules together). The two fixtures show
// the check can fail.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { importCycles, packageCycles, workspaceManifests } from "./support/cycles.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/**
 * Import cycles allowed for now, by source folder: none since issue 21 cut the CLI's last ones (its commands
 * declare themselves through one typed helper, with types beside their users). The test fails on any cycle not
 * listed here, and on a listed one once it is gone, so the list can only shrink: keep it empty.
 */
const KNOWN_CYCLES: Record<string, string[]> = {};

const manifests = workspaceManifests(repoRoot);
/** Each package's own source folder: `src`, or `lib` for @aidp/spec. */
const sourceDirs = manifests.flatMap((manifest) =>
  ["src", "lib"]
    .map((folder) => join(manifest.dir, folder))
    .filter((dir) => existsSync(dir))
    .map((dir) => ({
      dir,
      relative: dir.slice(repoRoot.length + 1),
      tsConfig: join(manifest.dir, "tsconfig.json"),
    })),
);

describe("the workspace's package graph", () => {
  it("has no cycle through the dependencies the packages declare", async () => {
    expect(manifests.map((m) => m.name)).toEqual(expect.arrayContaining(["@aidp/client", "@aidp/mock"]));
    expect(await packageCycles(manifests)).toEqual([]);
  });

  it("a graph with a cycle is reported, the way the client's tests once needed the mock", async () => {
    const withCycle = manifests.map((m) =>
      m.name === "@aidp/client" ? { ...m, dependsOn: [...m.dependsOn, "@aidp/mock"] } : m,
    );
    expect(await packageCycles(withCycle)).toEqual(["@aidp/client → @aidp/mock → @aidp/client"]);
  });
});

describe("each package's import graph", () => {
  it("covers every package's source folder", () => {
    expect(sourceDirs.map((s) => s.relative)).toEqual(
      expect.arrayContaining(["spec/lib", "packages/client/src", "packages/mock/src", "packages/cli/src"]),
    );
    for (const listed of Object.keys(KNOWN_CYCLES))
      expect(sourceDirs.map((s) => s.relative)).toContain(listed);
  });

  it.each(sourceDirs.map((s) => [s.relative, s] as const))(
    "%s has no cycle but the known ones",
    async (relative, { dir, tsConfig }) => {
      expect((await importCycles(dir, tsConfig)).sort()).toEqual([...(KNOWN_CYCLES[relative] ?? [])].sort());
    },
  );

  it("a cycle through a type-only import one way and a lazy import the other is reported", async () => {
    const fixture = fileURLToPath(new URL("./fixtures/import-cycle", import.meta.url));
    expect(await importCycles(fixture)).toEqual(["a.ts → b.ts → a.ts"]);
  });

  const empty = mkdtempSync(join(tmpdir(), "aidp-cycles-"));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));
  it("a folder with no TypeScript in it is an error, not a pass", async () => {
    await expect(importCycles(empty)).rejects.toThrow(/madge read no TypeScript file under/);
  });
});
