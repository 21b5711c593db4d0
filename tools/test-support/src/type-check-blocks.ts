// Type-checks the TypeScript blocks of a Markdown file (a README's examples) against the packages installed where
// they are written: each block becomes a module of its own, `L<line>.ts` under `dir`, after one line of prelude
// (the `declare`s a fragment takes as given), and tsc's diagnostics come back pointing at the Markdown's lines.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { runToExit } from "./processes.ts";

export interface MarkdownBlock {
  /** 1-based line of the opening fence. */
  line: number;
  source: string;
}

export interface TypeCheckBlocksOptions {
  /** How diagnostics name the Markdown file, e.g. `README.md`. */
  markdownName: string;
  /** Where the block files go: inside the package whose dependencies they import. Emptied first. */
  dir: string;
  blocks: readonly MarkdownBlock[];
  /** The one line put before a block (without a line break); empty by default. */
  prelude?: (source: string) => string;
}

const baseTsconfig = fileURLToPath(new URL("../../../tsconfig.base.json", import.meta.url));

/** tsc's diagnostics as `README.md:<line>:<column>: error ...`; empty when every block compiles. */
export async function typeCheckBlocks(options: TypeCheckBlocksOptions): Promise<string> {
  const dir = options.dir.endsWith("/") ? options.dir : `${options.dir}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const block of options.blocks)
    writeFileSync(`${dir}L${block.line}.ts`, `${options.prelude?.(block.source) ?? ""}\n${block.source}`);
  writeFileSync(
    `${dir}tsconfig.json`,
    JSON.stringify({
      extends: baseTsconfig,
      // Each block is a module of its own (top-level await, no shared names between blocks).
      compilerOptions: { noEmit: true, types: ["node"], moduleDetection: "force" },
      include: ["*.ts"],
    }),
  );
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  // tsc exits non-zero when it reports diagnostics: those are the answer, not a failure of the run.
  const { stdout } = await runToExit(process.execPath, [tsc, "--noEmit", "-p", `${dir}tsconfig.json`], {
    name: "tsc",
    timeoutMs: 60_000,
  });
  // Row 2 of `L84.ts` is the block's first line, README line 85.
  return stdout.replace(
    /(?:\S*\/)?L(\d+)\.ts\((\d+),(\d+)\)/g,
    (_, fence: string, row: string, column: string) =>
      `${options.markdownName}:${Number(fence) + Number(row) - 1}:${column}`,
  );
}
