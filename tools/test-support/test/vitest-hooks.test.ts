// The vitest side, end to end: nested vitest runs of fixture files with this package's setup file and
// global setup. A hook that times out still gets its processes ended; a process nobody ends fails the run.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runToExit } from "../src/index.ts";
import { isRunning } from "../src/proc.ts";

const vitestCli = join(createRequire(import.meta.url).resolve("vitest/package.json"), "..", "vitest.mjs");
const fixtures = new URL("./fixtures/", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "aidp-test-support-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** vitest starts, runs one file and tears down in a few seconds. */
const NESTED_RUN_TIMEOUT_MS = 60_000;

function runFixture(file: string, env: NodeJS.ProcessEnv = {}) {
  return runToExit(process.execPath, [vitestCli, "run", "--root", fixtures, file], {
    env: { ...process.env, ...env, NO_COLOR: "1", FORCE_COLOR: "0" },
    name: "the nested vitest",
    timeoutMs: NESTED_RUN_TIMEOUT_MS,
  });
}

describe("a vitest run with the shared setup", () => {
  it(
    "ends the process a timed-out hook was waiting on, and the leftover check finds nothing",
    async () => {
      const pidFile = join(work, "child.pid");
      const { exit, stdout, stderr } = await runFixture("hook-timeout.fixture.ts", {
        CHILD_PID_FILE: pidFile,
      });
      expect(exit.code).toBe(1);
      expect(stdout + stderr).toContain("Hook timed out in 1000ms");
      expect(stdout + stderr).not.toContain("LeftoverProcessesError");
      expect(isRunning(Number(readFileSync(pidFile, "utf8")))).toBe(false);
    },
    NESTED_RUN_TIMEOUT_MS,
  );

  it(
    "fails when a test left a process running, naming it, and kills it",
    async () => {
      const { exit, stdout, stderr } = await runFixture("untracked-leak.fixture.ts");
      expect(exit.code).toBe(1);
      expect(stdout + stderr).toMatch(
        /LeftoverProcessesError: 1 process\(es\) started by test run .+ still ran/,
      );
      expect(stdout + stderr).toContain("left-behind-by-a-test");
    },
    NESTED_RUN_TIMEOUT_MS,
  );
});
