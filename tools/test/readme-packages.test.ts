// The root README names every published package where it lists them (the Packages table, the packages released
// together), each with a README of its own: taken from pnpm's workspace list, so a new package is a failure here
// until the README says what it is.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { listPublishedPackages, repoRoot } from "../release/workspace-packages.ts";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const published = listPublishedPackages();

describe("the root README's packages", () => {
  it("are found (the spec, the client, the mock...)", () => {
    expect(published.map((pkg) => pkg.name)).toEqual(expect.arrayContaining(["@aidp/spec", "@aidp/client"]));
  });

  it("table has a row for each published package, linking to its README", () => {
    const rows = [...readme.matchAll(/^\| \[`(@aidp\/[\w-]+)`\]\(([^)]+)\)/gm)].map((match) => ({
      name: match[1],
      link: match[2],
    }));
    const expected = published.map((pkg) => ({
      name: pkg.name,
      link: `${relative(repoRoot, pkg.dir)}/README.md`,
    }));
    const byName = (a: { name?: string }, b: { name?: string }) => (a.name ?? "").localeCompare(b.name ?? "");
    expect(rows.sort(byName)).toEqual(expected.sort(byName));
    for (const pkg of published) expect(existsSync(join(pkg.dir, "README.md")), pkg.name).toBe(true);
  });

  it("released together: the Releasing section names each of them", () => {
    const sentence = /^Every published package \(([^:]+):/m.exec(readme)?.[1] ?? "";
    const named = [...sentence.matchAll(/`(@aidp\/[\w-]+)`/g)].map((match) => match[1]);
    expect(named.sort()).toEqual(published.map((pkg) => pkg.name).sort());
  });
});
