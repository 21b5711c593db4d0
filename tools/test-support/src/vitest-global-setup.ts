// A vitest `globalSetup` entry: tags every process of this vitest run (see test-run.ts) and, after the run
// and the other global teardowns, fails it if any of them is still running.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beginTestRun, expectNoProcessesLeft } from "./test-run.ts";

export default function setup(): () => Promise<void> {
  const tag = beginTestRun(packageName(process.cwd()));
  return () => expectNoProcessesLeft(tag);
}

function packageName(dir: string): string {
  try {
    return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name ?? "vitest";
  } catch {
    return "vitest";
  }
}
