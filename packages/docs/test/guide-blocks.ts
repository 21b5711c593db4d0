// The guides' code blocks as files the tests can compile and run: each TypeScript block is written to
// test-results/guide-blocks/ (inside this package, so `@aidp/client` and `@aidp/mock` resolve from its
// node_modules), named after its guide and line so that an error points back at the guide.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type FencedBlock, type Guide, readGuides } from "../scripts/guides.ts";

const BLOCKS_DIR = fileURLToPath(new URL("../test-results/guide-blocks/", import.meta.url));
/** Separate folders: the compile test and the run test may run at the same time. */
export const COMPILE_DIR = `${BLOCKS_DIR}compile/`;
export const RUN_DIR = `${BLOCKS_DIR}run/`;

/** The address the guides show (what `npx aidp-mock` and `pnpm start` serve); the tests swap in their mock's. */
export const DOCUMENTED_MOCK_URL = "http://127.0.0.1:4010";

export interface GuideBlock extends FencedBlock {
  guide: Guide;
  /** `guides/03-paging-through-audit-logs.md:42`, what a failure names. */
  where: string;
  /** The output block that follows a runnable block, if any. */
  output?: FencedBlock;
}

const TYPESCRIPT = new Set(["ts", "typescript"]);
const RUNNABLE_LANGS = new Set(["ts", "typescript", "sh", "bash"]);

export function guideBlocks(): GuideBlock[] {
  return readGuides().flatMap((guide) =>
    guide.blocks.map((block, index) => {
      const next = guide.blocks[index + 1];
      const output = block.flags.includes("run") && next?.flags.includes("output") ? next : undefined;
      return { ...block, guide, where: `guides/${guide.file}:${block.line}`, ...(output ? { output } : {}) };
    }),
  );
}

export const isTypeScript = (block: FencedBlock) => TYPESCRIPT.has(block.lang);

export function runnableBlocks(): GuideBlock[] {
  const blocks = guideBlocks();
  for (const block of blocks) {
    if (block.flags.includes("run") && !RUNNABLE_LANGS.has(block.lang)) {
      throw new Error(`${block.where}: only ts and sh blocks can run, not ${block.lang}`);
    }
  }
  return blocks.filter((block) => block.flags.includes("run"));
}

/** The file name of a block, from which a tsc diagnostic leads back to the guide: `03-paging.md.L42.ts`. */
export function blockFileName(block: GuideBlock): string {
  return `${block.guide.file}.L${block.line}.ts`;
}

/** Writes every TypeScript block and a tsconfig that compiles them against the built packages. */
export function writeTypeScriptBlocks(): { tsconfig: string; blocks: GuideBlock[] } {
  rmSync(COMPILE_DIR, { recursive: true, force: true });
  mkdirSync(COMPILE_DIR, { recursive: true });
  const blocks = guideBlocks().filter(isTypeScript);
  for (const block of blocks) writeFileSync(`${COMPILE_DIR}${blockFileName(block)}`, block.source);
  const tsconfig = `${COMPILE_DIR}tsconfig.json`;
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: "../../../../../tsconfig.base.json",
      // Each block is a module of its own (top-level await, no shared globals between blocks).
      compilerOptions: { noEmit: true, types: ["node"], moduleDetection: "force" },
      include: ["*.ts"],
    }),
  );
  return { tsconfig, blocks };
}

/** tsc's `03-paging.md.L42.ts(5,3): error ...` as `guides/03-paging.md:47:3: error ...`. */
export function diagnosticsAtGuideLines(diagnostics: string): string {
  return diagnostics.replace(
    /(?:[^\s(]*\/)?(\d+-[a-z0-9-]+\.md)\.L(\d+)\.ts\((\d+),(\d+)\)/g,
    (_, file: string, fence: string, row: string, column: string) =>
      `guides/${file}:${Number(fence) + Number(row)}:${column}`,
  );
}
