// The guides' code blocks, and where the run test writes them: test-results/guide-blocks/, inside this package,
// so that `@aidp/client` and `@aidp/mock` resolve from its node_modules. (Every TypeScript block of every Markdown
// file, the guides' included, is compiled by tools/test/markdown-blocks.test.ts.)
import { fileURLToPath } from "node:url";
import { type FencedBlock, type Guide, readGuides } from "../scripts/guides.ts";

const BLOCKS_DIR = fileURLToPath(new URL("../test-results/guide-blocks/", import.meta.url));
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

/** The file name of a runnable block, from which an error leads back to the guide: `03-paging.md.L42.ts`. */
export function blockFileName(block: GuideBlock): string {
  return `${block.guide.file}.L${block.line}.ts`;
}
