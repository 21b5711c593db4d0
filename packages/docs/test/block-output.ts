// Compares what a guide's runnable block printed with the output block the guide shows after it, and, when
// asked (AIDP_DOCS_UPDATE_OUTPUT=1), writes what it printed into the guide instead, for a person to review.
import { readFileSync, writeFileSync } from "node:fs";
import { GUIDES_DIR } from "../scripts/guides.ts";
import type { GuideBlock } from "./guide-blocks.ts";

/** A line `...` alone in an output block stands for any number of printed lines. */
const ANY_LINES = "...";

/**
 * The lines of a printed text; a final newline ends the last line rather than starting an empty one, and a CRLF
 * line ending (CSV's, RFC 4180) is a line ending as a terminal shows it.
 */
function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\r?\n$/, "").split(/\r?\n/);
}

export function outputMatches(expected: string, actual: string): boolean {
  const shown = lines(expected);
  const printed = lines(actual);
  const matchFrom = (i: number, j: number): boolean => {
    if (i === shown.length) return j === printed.length;
    if (shown[i] === ANY_LINES) return matchFrom(i + 1, j) || (j < printed.length && matchFrom(i, j + 1));
    return j < printed.length && shown[i] === printed[j] && matchFrom(i + 1, j + 1);
  };
  return matchFrom(0, 0);
}

export const updateRequested = () => process.env.AIDP_DOCS_UPDATE_OUTPUT === "1";

/** Replaces the output block after `block` in its guide file with `actual` (adds one if there is none). */
export function writeOutputIntoGuide(block: GuideBlock, actual: string, guidesDir = GUIDES_DIR): void {
  const path = `${guidesDir}${block.guide.file}`;
  const fileLines = readFileSync(path, "utf8").split("\n");
  const printed = lines(actual);
  const runEnd = fileLines.findIndex((line, index) => index >= block.line && line === "```");
  if (block.output) {
    const outputStart = block.output.line - 1;
    const outputEnd = fileLines.findIndex((line, index) => index > outputStart && line === "```");
    fileLines.splice(outputStart + 1, outputEnd - outputStart - 1, ...printed);
  } else {
    fileLines.splice(runEnd + 1, 0, "", "```text output", ...printed, "```");
  }
  writeFileSync(path, fileLines.join("\n"));
}
