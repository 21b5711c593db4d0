// Every published workspace package, as its tarball would be: publint, are-the-types-wrong and the packed
// file list. New packages are picked up from the workspace list (they need a size bound in pack-rules.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { attwResult, declaresTypes, packListProblems, publintProblems } from "../release/package-checks.ts";
import { listPublishedPackages } from "../release/workspace-packages.ts";

const published = listPublishedPackages();

it("finds the published packages in the workspace", () => {
  expect(published.map((p) => p.name)).toEqual(
    expect.arrayContaining(["@aidp/spec", "@aidp/types", "@aidp/client"]),
  );
});

describe.each(published)("$name", (pkg) => {
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

  it("passes publint with no message at all", async () => {
    expect(await publintProblems(pkg)).toEqual([]);
  });

  it("passes attw --pack (esm-only profile: node16 from ESM and bundler)", async () => {
    const { exitCode, typed, problems } = await attwResult(pkg);
    expect(problems).toEqual([]);
    expect(exitCode).toBe(0);
    // attw only has something to check when the package ships types; it must agree with the manifest.
    expect(typed).toBe(declaresTypes(pkg.manifest));
  });

  it("packs no tests, test reports, .turbo, tsconfig or private source maps, within its size bound", async () => {
    const { files, problems } = await packListProblems(pkg);
    expect(problems).toEqual([]);
    expect(files.some((f) => f.path === "package.json")).toBe(true);
  });
});
