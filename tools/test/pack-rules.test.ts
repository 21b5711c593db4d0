// The pack rules themselves, on made-up file lists: each rule must be able to fail.
import { describe, expect, it } from "vitest";
import { packProblems } from "../release/pack-rules.ts";
import { assetEntrypoints } from "../release/package-checks.ts";

const noMaps = () => ({ sources: [] });

describe("packProblems", () => {
  it("accepts a clean tarball within its bound", () => {
    const files = [
      { path: "package.json", size: 10 },
      { path: "dist/index.js", size: 10 },
      { path: "dist/index.d.ts", size: 10 },
    ];
    expect(packProblems("@aidp/types", files, 30, noMaps)).toEqual([]);
  });

  it.each([
    ["test/client.test.ts", "no tests"],
    ["dist/client.test.js", "no tests"],
    ["test-results/vitest.json", "no test reports"],
    [".turbo/turbo-build.log", "no turbo cache"],
    ["tsconfig.build.json", "no tsconfig"],
    ["src/index.ts", "no TypeScript sources"],
    ["bench/load.js", "no benchmarks"],
  ])("rejects %s (%s)", (path, rule) => {
    const [problem] = packProblems("@aidp/client", [{ path, size: 1 }], 1, noMaps);
    expect(problem).toContain(path);
    expect(problem).toContain(rule);
  });

  it("rejects a source map that points outside the package, accepts one that points inside", () => {
    const files = [
      { path: "dist/index.js", size: 1 },
      { path: "dist/index.js.map", size: 1 },
      { path: "src/index.ts.txt", size: 1 },
    ];
    const outside = packProblems("@aidp/client", files, 3, () => ({
      sources: ["../../../home/dev/src/index.ts"],
    }));
    expect(outside).toEqual([expect.stringContaining("no source maps of private paths")]);
    expect(packProblems("@aidp/client", files, 3, () => ({ sources: ["index.js"] }))).toEqual([]);
  });

  it("rejects a package over its size bound and a package with no bound", () => {
    expect(packProblems("@aidp/types", [], 10_000_000, noMaps)).toEqual([
      expect.stringContaining("over its bound"),
    ]);
    expect(packProblems("@aidp/unknown", [], 1, noMaps)).toEqual([expect.stringContaining("no size bound")]);
  });
});

describe("assetEntrypoints", () => {
  it("names the export subpaths that are data files, not modules", () => {
    const exportsMap = {
      ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
      "./openapi.yaml": "./dist/openapi.yaml",
      "./openapi.json": "./dist/openapi.json",
      "./index.html": "./dist/index.html",
      "./cli": "./dist/cli.js",
    };
    expect(assetEntrypoints({ exports: exportsMap })).toEqual(["./openapi.yaml", "./index.html"]);
    expect(assetEntrypoints({})).toEqual([]);
  });
});
