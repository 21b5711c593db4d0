// The README's TypeScript blocks compile against the built package: each block is a module of its own, with
// `declare`s for the names it uses without defining them (the ids, `aidp`, `auth`...), so a renamed option,
// a wrong call shape or a removed export in the README is a tsc error that names the README line.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fencedBlocks } from "@aidp/markdown-blocks";
import { typeCheckBlocks } from "@aidp/test-support";
import { expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("../", import.meta.url));

/** What the README's fragments take as given, and their types. */
const GIVEN: Record<string, string> = {
  aiDataPlatformId: "string",
  workspaceKey: "string",
  clusterKey: "string",
  timeBegin: "string",
  timeEnd: "string",
  pem: "string",
  method: "string",
  baseUrl: "string",
  headers: "Record<string, string>",
  body: "Uint8Array",
  signal: "AbortSignal",
  auth: 'import("@aidp/client").AuthProvider',
  aidp: 'import("@aidp/client").AidpClient',
};

/** A `declare const` for each given name the block uses but does not define. */
function givensOf(source: string): string {
  const defined = new Set(
    [...source.matchAll(/\b(?:const|let|import)\s+\{?\s*([\w\s,]+?)\s*\}?\s*(?:=|from)/g)].flatMap((match) =>
      (match[1] ?? "").split(",").map((name) => name.trim()),
    ),
  );
  return Object.entries(GIVEN)
    .filter(([name]) => !defined.has(name) && new RegExp(`\\b${name}\\b`).test(source))
    .map(([name, type]) => `declare const ${name}: ${type};`)
    .join(" ");
}

it("the README's TypeScript blocks compile against the built package", async () => {
  const blocks = fencedBlocks(readFileSync(`${packageDir}README.md`, "utf8"), "README.md").filter(
    (block) => block.lang === "ts",
  );
  expect(blocks.length).toBeGreaterThanOrEqual(6);
  const diagnostics = await typeCheckBlocks({
    // Inside the package, so that `@aidp/client` resolves to itself (its built dist) as it would for a user.
    dir: `${packageDir}test-results/readme-examples/`,
    blocks: blocks.map((block) => ({ ...block, file: "README.md" })),
    prelude: givensOf,
  });
  expect(diagnostics).toBe("");
}, 70_000);
