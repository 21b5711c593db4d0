// The README's runnable examples (```ts run) are type-checked against the built packages, then run as a user
// would run them, and what each prints must be the ```text output block that follows it. A failure names the
// README line of the block.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { runToExit } from "@aidp/test-support";
import { describe, expect, it } from "vitest";
import { fencedBlocks } from "../../../tools/markdown-blocks.mjs";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
// Inside the package, so that `@aidp/mock` (itself) and `@aidp/client` resolve as after `npm install`.
const blocksDir = `${packageDir}test-results/readme-examples/`;
const blocks = fencedBlocks(readFileSync(`${packageDir}README.md`, "utf8"), "README.md");
const examples = blocks.flatMap((block, index) => {
  const next = blocks[index + 1];
  if (block.lang !== "ts" || !block.flags.includes("run")) return [];
  return [
    { block, output: next?.flags.includes("output") ? next.source : undefined, file: `L${block.line}.ts` },
  ];
});

function writeExamples() {
  rmSync(blocksDir, { recursive: true, force: true });
  mkdirSync(blocksDir, { recursive: true });
  for (const example of examples) writeFileSync(`${blocksDir}${example.file}`, example.block.source);
  writeFileSync(
    `${blocksDir}tsconfig.json`,
    JSON.stringify({
      extends: "../../../../tsconfig.base.json",
      compilerOptions: { noEmit: true, types: ["node"], moduleDetection: "force" },
      include: ["*.ts"],
    }),
  );
}

describe("the README's runnable examples", () => {
  writeExamples();

  it("exist, each followed by what it prints", () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.filter((example) => example.output === undefined).map((e) => e.block.line)).toEqual([]);
  });

  it("compile against the built packages", async () => {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const { stdout } = await runToExit(
      process.execPath,
      [tsc, "--noEmit", "-p", `${blocksDir}tsconfig.json`],
      {
        name: "tsc",
        timeoutMs: 60_000,
      },
    );
    // `L171.ts(5,3)` is README.md line 171 + 5.
    const atReadmeLines = stdout.replace(/L(\d+)\.ts\((\d+),(\d+)\)/g, (_, fence, row, column) => {
      return `README.md:${Number(fence) + Number(row)}:${column}`;
    });
    expect(atReadmeLines).toBe("");
  }, 70_000);

  it.each(examples.map((example) => [`README.md:${example.block.line}`, example] as const))(
    "%s prints what the README shows",
    async (where, example) => {
      // In its own process group, ended with it whatever happens (the mock it starts included).
      const run = await runToExit(process.execPath, [`${blocksDir}${example.file}`], {
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
