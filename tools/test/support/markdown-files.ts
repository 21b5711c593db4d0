// Every Markdown file of the repository a reader can open (READMEs, guides, bench results), each with its fenced
// blocks and what is done with each block: found by git, so a new README is covered the day it is written.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { type FencedBlock, fencedBlocks } from "@aidp/markdown-blocks";
import { repoRoot } from "../../release/workspace-packages.ts";

export interface MarkdownFile {
  /** Relative to the repository's root: `packages/cli/README.md`. */
  path: string;
  blocks: FencedBlock[];
}

/** Written by tools (changesets' CHANGELOGs, changeset files), not by a person for readers to copy from. */
const NOT_DOCUMENTATION = /(^|\/)CHANGELOG\.md$|^\.changeset\//;

/** Tracked and untracked (not ignored) Markdown files, outside node_modules and build output. */
export function markdownFiles(): MarkdownFile[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.md"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return [...new Set(listed.split("\n").filter((path) => path !== "" && !NOT_DOCUMENTATION.test(path)))]
    .sort()
    .map((path) => ({ path, blocks: fencedBlocks(readFileSync(`${repoRoot}/${path}`, "utf8"), path) }));
}

/**
 * What the tests do with a block, from its language and the words of its info string:
 * - `compile`: a ```ts block, compiled strict against the built packages (and run too if it says `run`);
 * - `run-here`: a ```sh block this repository's Markdown test runs against the mock;
 * - `run-with-output`: a ```ts run or ```sh run block whose file has a test that runs it and compares what it
 *   prints with the ```text output block after it (the guides, the mock's README);
 * - `tested-by`: a block that another named test or script runs as it is (```sh tested-by="tools/test/x.test.ts");
 * - `no-run`: a block that cannot run here, with the reason (```sh no-run="needs Oracle Cloud credentials");
 * - `parse`: a ```json block, parsed;
 * - `shown`: text (an output, a diagram) with nothing to run;
 * - `unknown`: no language the tests know (a bare ``` included): the Markdown test fails on it.
 */
export type BlockUse =
  | "compile"
  | "run-here"
  | "run-with-output"
  | "tested-by"
  | "no-run"
  | "parse"
  | "shown"
  | "unknown";

const TYPESCRIPT = new Set(["ts", "typescript"]);
const SHELL = new Set(["sh", "bash"]);
const SHOWN = new Set(["text", "mermaid"]);

export function blockUse(block: FencedBlock): BlockUse {
  if (block.attributes["no-run"] !== undefined) return "no-run";
  if (block.attributes["tested-by"] !== undefined) return "tested-by";
  if (TYPESCRIPT.has(block.lang)) return block.flags.includes("run") ? "run-with-output" : "compile";
  if (SHELL.has(block.lang)) return block.flags.includes("run") ? "run-with-output" : "run-here";
  if (block.lang === "json") return "parse";
  if (SHOWN.has(block.lang)) return "shown";
  return "unknown";
}

export const isTypeScript = (block: FencedBlock) => TYPESCRIPT.has(block.lang);
