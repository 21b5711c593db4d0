// The maintainer's release commands, read from the README's Releasing section, so that
// the publish test runs exactly what the documentation says.
import { readFileSync } from "node:fs";
import { shBlockLines } from "@aidp/markdown-blocks";

export function releaseCommands(
  markdown = readFileSync(new URL("../../README.md", import.meta.url), "utf8"),
): string[] {
  const lines = shBlockLines(markdown, "### Cutting a release");
  if (lines.length === 0) throw new Error("README.md: no sh block under '### Cutting a release'.");
  return lines;
}
