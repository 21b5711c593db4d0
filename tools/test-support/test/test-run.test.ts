// The leftover check finds a process of the run however it was started (here: detached, so nothing but its
// environment links it to the run), kills it, and names it.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  expectNoProcessesLeft,
  LeftoverProcessesError,
  processesOfRun,
  startProcess,
  TEST_RUN_ENV,
} from "../src/index.ts";
import { isRunning } from "../src/proc.ts";

/** A run nested in this vitest run, so that the package's own check also covers what this test starts. */
function nestedRunTag(): string {
  return `${process.env[TEST_RUN_ENV] ?? "test"}/leak-check-${randomUUID().slice(0, 8)}`;
}

function detachedIdler(tag: string) {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1e9)", "left-behind-on-purpose"], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, [TEST_RUN_ENV]: `${tag}/deeper` },
  });
  child.unref();
  return child;
}

describe("the leftover process check", () => {
  it("this vitest run's processes carry its tag", () => {
    expect(process.env[TEST_RUN_ENV]).toMatch(/@aidp\/test-support-[0-9a-f]{8}$/);
  });

  it("finds a process of a nested run, kills it and fails naming its command line", async () => {
    const tag = nestedRunTag();
    const leftover = detachedIdler(tag);
    expect(processesOfRun(tag).map((p) => p.pid)).toEqual([leftover.pid]);

    const failure = await expectNoProcessesLeft(tag, 200).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LeftoverProcessesError);
    expect((failure as Error).message).toContain(`pid ${leftover.pid}`);
    expect((failure as Error).message).toContain("left-behind-on-purpose");
    expect(isRunning(leftover.pid ?? -1)).toBe(false);
    expect(processesOfRun(tag)).toEqual([]);
  });

  it("passes when the run's processes end within the grace period", async () => {
    const tag = nestedRunTag();
    const ending = startProcess(process.execPath, ["-e", "setInterval(() => {}, 1e9)"], {
      env: { ...process.env, [TEST_RUN_ENV]: tag },
    });
    expect(processesOfRun(tag)).toHaveLength(1);
    await Promise.all([expectNoProcessesLeft(tag, 10_000), ending.stop()]);
    expect(processesOfRun(tag)).toEqual([]);
  });

  it("does not count this process or its ancestors, which carry the tag too", () => {
    const own = process.env[TEST_RUN_ENV] ?? "";
    expect(processesOfRun(own).map((p) => p.pid)).not.toContain(process.pid);
  });
});
