// The root README's benchmark summary is what bench/results.md, the run of record, says: every target's verdict
// and figures, from that file's own lines.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { benchTargets, README_PATH, RESULTS_PATH, withBenchTargets } from "../docs/bench-targets.ts";

const readme = readFileSync(README_PATH, "utf8");
const results = readFileSync(RESULTS_PATH, "utf8");

describe("the README's benchmark summary", () => {
  it("is bench/results.md's (after `pnpm bench`: pnpm exec node tools/docs/bench-targets.ts --write)", () => {
    expect(withBenchTargets(readme, results)).toBe(readme);
  });

  it("has each target line of the results, with the run's commit", () => {
    const targets = results.split("\n").filter((line) => line.startsWith("- Target "));
    const summary = benchTargets(results);
    expect(targets.length).toBeGreaterThan(10);
    expect(summary.split("\n").filter((line) => line.startsWith("- "))).toHaveLength(targets.length);
    expect(summary).toMatch(/^The run of record: commit [0-9a-f]{7,}, \d{4}-\d{2}-\d{2} /);
  });

  it("changes with the results: a verdict edited in the file is not the README's any more", () => {
    const edited = results.replace("**met**", "**NOT met**");
    expect(edited).not.toBe(results);
    expect(withBenchTargets(readme, edited)).not.toBe(readme);
  });
});
