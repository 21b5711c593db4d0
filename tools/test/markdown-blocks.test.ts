// Every fenced block of every Markdown file in the repository is tested, or says in its info string why not:
// ```ts blocks compile strict against the built packages; ```sh blocks run against a started @aidp/mock (exit 0)
// unless a test named by `tested-by="..."` runs them, or a `no-run="<reason>"` says why they cannot run here;
// ```ts run / ```sh run blocks are run by their file's own test, which compares the output; ```json blocks
// parse. The files are found by git, so a new README is covered without editing this test.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import type { FencedBlock } from "@aidp/markdown-blocks";
import { type RunningMock, startMock } from "@aidp/mock";
import { runToExit, typeCheckBlocks } from "@aidp/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../release/workspace-packages.ts";
import { shellGivens, typeScriptGivens } from "./support/block-givens.ts";
import { blockUse, isTypeScript, markdownFiles } from "./support/markdown-files.ts";

/** The address the documentation shows for the mock (what `npx aidp-mock` and `pnpm start` serve). */
const DOCUMENTED_MOCK_URL = "http://127.0.0.1:4010";
/** A shell block is a few `aidp` commands against a local mock, one of which may wait for a log file. */
const SHELL_BLOCK_TIMEOUT_MS = 60_000;
/** tsc on every TypeScript block of the repository and the packages' declarations. */
const COMPILE_TIMEOUT_MS = 120_000;
/** A reason says something: more than a word or two. */
const MIN_REASON_LENGTH = 12;

/**
 * The files whose ```run blocks a test of their own runs and compares with the ```text output after them. A
 * ```run block elsewhere fails here: nothing would run it.
 */
const OUTPUT_RUNNERS: { files: RegExp; test: string }[] = [
  {
    files: /^packages\/docs\/guides\/\d+-[a-z0-9-]+\.md$/,
    test: "packages/docs/test/guide-blocks-run.test.ts",
  },
  { files: /^packages\/mock\/README\.md$/, test: "packages/mock/test/readme-examples.test.ts" },
];

interface Located {
  file: string;
  block: FencedBlock;
  where: string;
}

const files = markdownFiles();
const located: Located[] = files.flatMap((file) =>
  file.blocks.map((block) => ({ file: file.path, block, where: `${file.path}:${block.line}` })),
);
const usesOf = (use: ReturnType<typeof blockUse>) => located.filter(({ block }) => blockUse(block) === use);

describe("the repository's Markdown", () => {
  it("is found: the READMEs of the root and the packages, and the guides", () => {
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "README.md",
        "packages/client/README.md",
        "packages/cli/README.md",
        "packages/mock/README.md",
        "packages/docs/guides/01-getting-started.md",
      ]),
    );
    expect(paths.filter((path) => path.includes("node_modules") || path.endsWith("CHANGELOG.md"))).toEqual(
      [],
    );
  });

  it("has only blocks that say what they are", () => {
    const unknown = usesOf("unknown").map(
      ({ block, where }) =>
        `${where}: a \`\`\`${block.lang} block; say what it is (ts, sh, json, text, mermaid): a diagram or printed text is \`\`\`text`,
    );
    expect(unknown).toEqual([]);
  });

  it("gives a reason wherever a block is not run", () => {
    const noRun = usesOf("no-run");
    expect(noRun.length).toBeGreaterThan(0);
    const without = noRun.filter(
      ({ block }) => (block.attributes["no-run"] ?? "").trim().length < MIN_REASON_LENGTH,
    );
    expect(without.map(({ where }) => `${where}: no-run="" needs a reason a reader understands`)).toEqual([]);
  });

  it("names, in tested-by, a file that exists and reads this Markdown", () => {
    const wrong = usesOf("tested-by").flatMap(({ file, block, where }) => {
      const tester = block.attributes["tested-by"] ?? "";
      const path = join(repoRoot, tester);
      if (tester === "" || !existsSync(path)) return [`${where}: tested-by="${tester}" is not a file`];
      const name = file.split("/").pop() ?? file;
      // The runner names the file (`README.md`, a guide's name), or reads every Markdown file's blocks.
      const text = readFileSync(path, "utf8");
      const mentions = text.includes(name.replace(/\.md$/, "")) || text.includes("markdownFiles()");
      return mentions ? [] : [`${where}: ${tester} does not mention ${name}`];
    });
    expect(wrong).toEqual([]);
  });

  it("has ```run blocks only where a test runs them, each followed by its output", () => {
    const wrong = usesOf("run-with-output").flatMap(({ file, where }) => {
      const runner = OUTPUT_RUNNERS.find((candidate) => candidate.files.test(file));
      return runner && existsSync(join(repoRoot, runner.test))
        ? []
        : [`${where}: no test runs this file's run blocks`];
    });
    expect(wrong).toEqual([]);
    const outputs = files.flatMap((file) =>
      file.blocks.flatMap((block, index) => {
        const next = file.blocks[index + 1];
        return blockUse(block) === "run-with-output" && !next?.flags.includes("output")
          ? [
              `${file.path}:${block.line}: a run block without the \`\`\`text output block that shows what it prints`,
            ]
          : [];
      }),
    );
    expect(outputs).toEqual([]);
  });
});

describe("the Markdown's JSON blocks", () => {
  it.each(usesOf("parse").map((entry) => [entry.where, entry] as const))("%s parses", (_where, { block }) => {
    expect(() => JSON.parse(block.source)).not.toThrow();
  });
});

describe("the Markdown's TypeScript blocks", () => {
  it(
    "compile with tsc --strict against the built packages",
    async () => {
      const blocks = located.filter(({ block }) => isTypeScript(block));
      expect(blocks.length).toBeGreaterThan(20);
      const diagnostics = await typeCheckBlocks({
        // Inside this package, whose node_modules has every published package, as a user's project would.
        dir: join(repoRoot, "tools/test-results/markdown-blocks/"),
        blocks: blocks.map(({ file, block }) => ({ file, line: block.line, source: block.source })),
        prelude: typeScriptGivens,
      });
      expect(diagnostics).toBe("");
    },
    COMPILE_TIMEOUT_MS,
  );
});

describe("the Markdown's shell blocks", () => {
  let mock: RunningMock;
  const workDirs: string[] = [];

  beforeAll(async () => {
    mock = await startMock({ port: 0 });
  });
  afterAll(async () => {
    await mock?.stop();
    for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
  });

  const shellBlocks = usesOf("run-here");

  it.each(shellBlocks.map((entry) => [entry.where, entry] as const))(
    "%s runs against the mock",
    async (where, { block }) => {
      const workDir = mkdtempSync(join(tmpdir(), "aidp-markdown-block-"));
      workDirs.push(workDir);
      // As typed into a terminal, in an empty directory, with `aidp` installed and the shell the docs assume;
      // -e and pipefail so that a failing line in the middle is not hidden by the last one.
      const run = await runToExit(
        "bash",
        ["-euo", "pipefail", "-c", block.source.replaceAll(DOCUMENTED_MOCK_URL, mock.url)],
        {
          cwd: workDir,
          env: {
            ...process.env,
            ...shellGivens(mock.url),
            HOME: workDir,
            // `npm install -g` in a block installs into the block's directory, never the machine's.
            npm_config_prefix: join(workDir, "global"),
            PATH: `${join(repoRoot, "tools/node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`,
            NO_COLOR: "1",
          },
          name: where,
          timeoutMs: SHELL_BLOCK_TIMEOUT_MS,
        },
      );
      expect(run.exit.code, `${where} failed:\n${run.stderr || run.stdout}`).toBe(0);
    },
    SHELL_BLOCK_TIMEOUT_MS + 10_000,
  );
});
