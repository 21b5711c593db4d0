// Every published workspace package, as its tarball would be: publint, are-the-types-wrong and the packed
// file list, all three on one tarball packed by pnpm. New packages are picked up from the workspace list (they
// need a size bound in pack-rules.ts).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  attwResult,
  declaresTypes,
  type PackedPackage,
  packedFiles,
  packListProblems,
  packPackage,
  publintProblems,
} from "../release/package-checks.ts";
import { listPublishedPackages } from "../release/workspace-packages.ts";

const published = listPublishedPackages();
const tarballs = mkdtempSync(join(tmpdir(), "aidp-package-quality-"));
afterAll(() => rmSync(tarballs, { recursive: true, force: true }));

it("finds the published packages in the workspace", () => {
  expect(published.map((p) => p.name)).toEqual(
    expect.arrayContaining(["@aidp/spec", "@aidp/types", "@aidp/client"]),
  );
});

describe.each(published)("$name", (pkg) => {
  let packed: PackedPackage;
  beforeAll(async () => {
    packed = await packPackage(pkg, tarballs);
  });

  it("is built (turbo builds it before this test; run `pnpm build` otherwise)", () => {
    expect(existsSync(join(pkg.dir, "dist")), `${pkg.name} has no dist/`).toBe(true);
  });

  it("has the metadata every published package carries", () => {
    const m = pkg.manifest;
    expect(m).toMatchObject({
      license: "Apache-2.0",
      type: "module",
      sideEffects: false,
      engines: { node: expect.stringMatching(/^>=\d/) },
      publishConfig: { access: "public", provenance: true },
      repository: { type: "git", url: expect.any(String), directory: expect.any(String) },
    });
    expect(m.exports, "exports map").toBeTypeOf("object");
    expect(String(m.description ?? "").length).toBeGreaterThan(20);
    expect((m.keywords as unknown[] | undefined)?.length ?? 0).toBeGreaterThan(0);
    expect(m.files, "files list").toBeInstanceOf(Array);
  });

  it("has each bin as a committed file, so that pnpm can link it at install, before anything is built", () => {
    const bins = Object.values((pkg.manifest.bin ?? {}) as Record<string, string>);
    for (const bin of bins) {
      const path = join(pkg.dir, bin);
      // pnpm warns about, and skips, a bin whose file does not exist yet (a fresh clone has no dist/).
      const tracked = spawnSync("git", ["ls-files", "--error-unmatch", path], { cwd: pkg.dir });
      expect(tracked.status, `${pkg.name}: ${bin} is not a committed file`).toBe(0);
      expect(
        readFileSync(path, "utf8").startsWith("#!/usr/bin/env node\n"),
        `${bin} has a node shebang`,
      ).toBe(true);
    }
  });

  it("passes publint with no message at all", async () => {
    expect(await publintProblems(pkg, packed)).toEqual([]);
  });

  it("passes attw on the tarball (esm-only profile: node16 from ESM and bundler)", async () => {
    const { exitCode, typed, problems } = await attwResult(pkg, packed);
    expect(problems).toEqual([]);
    expect(exitCode).toBe(0);
    // attw only has something to check when the package ships types; it must agree with the manifest.
    expect(typed).toBe(declaresTypes(pkg.manifest));
  });

  it("packs no tests, test reports, .turbo, tsconfig or private source maps, within its size bound", () => {
    expect(packListProblems(pkg, packed)).toEqual([]);
    expect(packedFiles(packed).some((f) => f.path === "package.json")).toBe(true);
  });
});
