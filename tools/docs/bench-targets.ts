// The root README's benchmark summary is the run of record's own verdicts: every "Target ...: met/NOT met" line
// of bench/results.md, under its section's name, with the run's commit and date. Written here, never by hand, so
// the README cannot show figures older than bench/results.md. `node tools/docs/bench-targets.ts --write` (on the
// repository's Node 24, e.g. through `pnpm exec`) rewrites the README's summary after `pnpm bench`.
import { readFileSync, writeFileSync } from "node:fs";

const START = "<!-- bench-targets:start: written by tools/docs/bench-targets.ts from bench/results.md -->";
const END = "<!-- bench-targets:end -->";

export const README_PATH = new URL("../../README.md", import.meta.url);
export const RESULTS_PATH = new URL("../../bench/results.md", import.meta.url);

/** The summary: the run's commit and date, then each section's target lines. */
export function benchTargets(results: string): string {
  const written = /^Written by `pnpm bench` on (\S+?)\./m.exec(results)?.[1];
  const commit = /^\| commit \| (\w+) \|/m.exec(results)?.[1];
  if (!written || !commit)
    throw new Error("bench/results.md: no run date or commit (not written by `pnpm bench`?)");
  // A partial run (`pnpm bench 1.`) measured only some sections: say which, and when the rest was measured.
  const partial = /This run \(`[^`]+`\) measured sections ([\d, ]+?) \(.*?the last full one on (\S+?)\)/.exec(
    results,
  );
  const scope = partial
    ? `: sections ${partial[1]} measured then, the others by the full run of ${partial[2]?.slice(0, 10)}`
    : "";
  const lines = [
    `The run of record: commit ${commit}, ${written.slice(0, 10)} (\`bench/results.md\`${scope}).`,
    "",
  ];
  let section = "";
  for (const line of results.split("\n")) {
    const heading = /^## \d+\. (.+)$/.exec(line);
    if (heading) section = heading[1] ?? "";
    const target = /^- Target (.+)$/.exec(line);
    if (target && section) lines.push(`- ${section}: ${target[1]}`);
  }
  return lines.join("\n");
}

/** `readme` with the text between the markers replaced by the summary of `results`. */
export function withBenchTargets(readme: string, results: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md: no "${START}" ... "${END}" markers`);
  return `${readme.slice(0, start + START.length)}\n${benchTargets(results)}\n${readme.slice(end)}`;
}

if (process.argv[2] === "--write") {
  const readme = readFileSync(README_PATH, "utf8");
  writeFileSync(README_PATH, withBenchTargets(readme, readFileSync(RESULTS_PATH, "utf8")));
}
