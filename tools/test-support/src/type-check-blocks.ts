// Type-checks code blocks of Markdown files (guides, README examples) against the packages installed where they
// are written, and tsc projects in general. Each block becomes a module of its own under `dir`, after one line of
// prelude (the `declare`s a fragment takes as given), and tsc's diagnostics come back pointing at the Markdown.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { runToExit } from "./processes.ts";

export interface MarkdownBlock {
  /** How diagnostics name the block's Markdown file, e.g. `README.md` or `guides/03-paging.md`. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  source: string;
}

export interface TypeCheckBlocksOptions {
  /** Where the block files go: inside the package whose dependencies they import. Emptied first. */
  dir: string;
  blocks: readonly MarkdownBlock[];
  /** The one line put before a block (without a line break); empty by default. */
  prelude?: (source: string) => string;
}

const baseTsconfig = fileURLToPath(new URL("../../../tsconfig.base.json", import.meta.url));

/** tsc's diagnostics for a project, empty when it compiles. */
export async function typeCheck(tsconfigPath: string): Promise<string> {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  // tsc exits non-zero when it reports diagnostics: those are the answer, not a failure of the run.
  const { stdout } = await runToExit(process.execPath, [tsc, "--noEmit", "-p", tsconfigPath], {
    name: "tsc",
    timeoutMs: 60_000,
  });
  return stdout;
}

/** tsc's diagnostics as `<file>:<line>:<column>: error ...`; empty when every block compiles. */
export async function typeCheckBlocks(options: TypeCheckBlocksOptions): Promise<string> {
  const dir = options.dir.endsWith("/") ? options.dir : `${options.dir}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  options.blocks.forEach((block, index) => {
    writeFileSync(`${dir}block-${index}.ts`, `${options.prelude?.(block.source) ?? ""}\n${block.source}`);
  });
  writeFileSync(
    `${dir}tsconfig.json`,
    JSON.stringify({
      extends: baseTsconfig,
      // Each block is a module of its own (top-level await, no shared names between blocks).
      compilerOptions: { noEmit: true, types: ["node"], moduleDetection: "force" },
      include: ["*.ts"],
    }),
  );
  // Row 2 of a block's file is the block's first line: the fence's line + 1.
  return (await typeCheck(`${dir}tsconfig.json`)).replace(
    /(?:\S*\/)?block-(\d+)\.ts\((\d+),(\d+)\)/g,
    (found, index: string, row: string, column: string) => {
      const block = options.blocks[Number(index)];
      return block ? `${block.file}:${block.line + Number(row) - 1}:${column}` : found;
    },
  );
}
