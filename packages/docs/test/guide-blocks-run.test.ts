// Every runnable block of the guides (```ts run, ```sh run) runs against a started @aidp/mock, and what it
// prints must be what the guide's following ```text output block shows. A failure names the guide, the block's
// line and the difference. The guides show the mock's documented address; the test swaps in its own mock's
// (started on a free port) before running a block, and swaps it back in what the block printed.
//
// After an intended change: AIDP_DOCS_UPDATE_OUTPUT=1 pnpm exec vitest run test/guide-blocks-run.test.ts
// writes what each block printed into the guides (the order of the blocks in a file is kept); review the diff.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningMock, startMock } from "@aidp/mock";
import { runToExit } from "@aidp/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outputMatches, updateRequested, writeOutputIntoGuide } from "./block-output.ts";
import {
  blockFileName,
  DOCUMENTED_MOCK_URL,
  type GuideBlock,
  isTypeScript,
  RUN_DIR,
  runnableBlocks,
} from "./guide-blocks.ts";
import { type IdentityStandIns, startIdentityStandIns } from "./identity-stand-ins.ts";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
/** One block's time limit: the slowest blocks page through the whole data set or start a mock of their own. */
const BLOCK_TIMEOUT_MS = 60_000;

let mock: RunningMock;
let identity: IdentityStandIns;
let workDir: string;
const printedByBlock = new Map<GuideBlock, string>();

beforeAll(async () => {
  mock = await startMock({ port: 0 });
  workDir = mkdtempSync(join(tmpdir(), "aidp-guide-blocks-"));
  identity = await startIdentityStandIns(workDir);
  mkdirSync(RUN_DIR, { recursive: true });
});

afterAll(async () => {
  await Promise.all([mock?.stop(), identity?.close()]);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  // Last block first, so that the line numbers of the blocks before it stay right.
  if (updateRequested()) {
    for (const [block, printed] of [...printedByBlock].reverse()) writeOutputIntoGuide(block, printed);
  }
});

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

async function runBlock(block: GuideBlock): Promise<Run> {
  const source = identity.replacements.reduce(
    (text, [documented, actual]) => text.replaceAll(documented, actual),
    block.source.replaceAll(DOCUMENTED_MOCK_URL, mock.url),
  );
  const [command, args] = isTypeScript(block)
    ? (() => {
        const file = `${RUN_DIR}${blockFileName(block)}`;
        writeFileSync(file, source);
        return [process.execPath, [file]] as const;
      })()
    : // As typed into a terminal: no -e or pipefail, the exit code is the last command's.
      (["bash", ["-c", source]] as const);
  const env = {
    ...process.env,
    ...identity.env,
    // `aidp`, `aidp-mock`: the bins of this package's dependencies, as after `npm install`.
    PATH: `${join(packageDir, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}`,
    NO_COLOR: "1",
  };
  // In its own process group, ended with it whatever happens (a block that starts a server included).
  const run = await runToExit(command, [...args], {
    cwd: workDir,
    env,
    name: `${block.guide.file}:${block.line}`,
    timeoutMs: BLOCK_TIMEOUT_MS,
  });
  return {
    exitCode: run.exit.code ?? 1,
    stdout: run.stdout.replaceAll(mock.url, DOCUMENTED_MOCK_URL),
    stderr: run.stderr,
  };
}

describe("the guides' runnable blocks", () => {
  it("exist, and each shows its output", () => {
    const blocks = runnableBlocks();
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.filter((block) => !block.output).map((block) => block.where)).toEqual([]);
  });

  it.each(runnableBlocks().map((block) => [`${block.where} (${block.lang} run)`, block] as const))(
    "%s prints what the guide shows",
    async (name, block) => {
      const run = await runBlock(block);
      printedByBlock.set(block, run.stdout);
      if (run.exitCode !== 0) {
        throw new Error(`${name} exited with ${run.exitCode}:\n${run.stderr || run.stdout}`);
      }
      const shown = block.output?.source ?? "";
      if (updateRequested() || outputMatches(shown, run.stdout)) return;
      // Not a match: vitest shows the difference line by line.
      expect(
        run.stdout,
        `${name}: the output differs from the block at guides/${block.guide.file}:${block.output?.line}`,
      ).toBe(shown);
    },
    BLOCK_TIMEOUT_MS + 10_000,
  );
});
