// The README's runnable examples (```ts run) run as a user would run them, and what each prints must be the
// ```text output block that follows it. A failure names the README line of the block. (They, like every
// TypeScript block of the repository's Markdown, are compiled by tools/test/markdown-blocks.test.ts.)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fencedBlocks } from "@aidp/markdown-blocks";
import { runToExit } from "@aidp/test-support";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
// Inside the package, so that `@aidp/mock` (itself) and `@aidp/client` resolve as after `npm install`.
const blocksDir = `${packageDir}test-results/readme-examples/`;
const blocks = fencedBlocks(readFileSync(`${packageDir}README.md`, "utf8"), "README.md");
const examples = blocks.flatMap((block, index) => {
  const next = blocks[index + 1];
  if (block.lang !== "ts" || !block.flags.includes("run")) return [];
  return [{ block, output: next?.flags.includes("output") ? next.source : undefined }];
});

describe("the README's runnable examples", () => {
  it("exist, each followed by what it prints", () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.filter((example) => example.output === undefined).map((e) => e.block.line)).toEqual([]);
  });

  it.each(examples.map((example) => [`README.md:${example.block.line}`, example] as const))(
    "%s prints what the README shows",
    async (where, example) => {
      const file = `${blocksDir}run/L${example.block.line}.ts`;
      mkdirSync(`${blocksDir}run/`, { recursive: true });
      writeFileSync(file, example.block.source);
      // In its own process group, ended with it whatever happens (the mock it starts included).
      const run = await runToExit(process.execPath, [file], {
        cwd: packageDir,
        name: where,
        timeoutMs: 30_000,
      });
      expect(run.exit.code, `${where} failed:\n${run.stderr}`).toBe(0);
      expect(run.stdout).toBe(example.output);
    },
    40_000,
  );
});
