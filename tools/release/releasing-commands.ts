// The maintainer's release commands, read from the README's Releasing section, so that
// the publish test runs exactly what the documentation says.
import { readFileSync } from "node:fs";

export function releaseCommands(
  markdown = readFileSync(new URL("../../README.md", import.meta.url), "utf8"),
): string[] {
  const section = markdown.split(/^### /m).find((part) => part.startsWith("Cutting a release"));
  const block = section && /```sh\n([\s\S]*?)```/.exec(section);
  const lines = block?.[1]?.trim().split("\n") ?? [];
  if (lines.length === 0) throw new Error("README.md: no sh block under '### Cutting a release'.");
  return lines;
}
