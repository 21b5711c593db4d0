// Prints line N (1 or 2) of the first ```sh block under "## Quick start" in README.md,
// so that CI runs exactly what the README tells people to run.
import { readFileSync } from "node:fs";
// By path, not by the name @aidp/markdown-blocks: CI runs this before anything is installed.
import { shBlockLines } from "./markdown-blocks/markdown-blocks.mjs";

const lineNumber = Number(process.argv[2]);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const lines = shBlockLines(readme, "## Quick start");
if (lines.length !== 2 || !(lineNumber === 1 || lineNumber === 2)) {
  console.error(
    `README.md: the Quick start must be one sh block of exactly two lines (found ${lines.length}).`,
  );
  process.exit(1);
}
console.log(lines[lineNumber - 1]);
