// startProcess/runProcess against real child processes: the whole process group ends, and failures and
// timeouts say what was awaited and what the child printed.
import { describe, expect, it } from "vitest";
import { runProcess, runToExit, startProcess, WaitTimeoutError } from "../src/index.ts";
import { isRunning } from "../src/proc.ts";
import { failsLoudly, ignoresSigterm, parentWithChild, printsThenIdles } from "./programs.ts";

const node = process.execPath;

describe("startProcess", () => {
  it("stop() ends the process and the processes it started", async () => {
    const parent = startProcess(node, ["-e", parentWithChild], { name: "parent" });
    const [, childPid] = await parent.waitForLine(/^child (\d+)$/, {
      timeoutMs: 10_000,
      what: "the child's pid",
    });
    expect(isRunning(Number(childPid))).toBe(true);

    await parent.stop();
    expect(isRunning(parent.pid)).toBe(false);
    expect(isRunning(Number(childPid))).toBe(false);
  });

  it("stop() kills a process that ignores SIGTERM once the grace period is over", async () => {
    const stubborn = startProcess(node, ["-e", ignoresSigterm]);
    await stubborn.waitForLine(/^ready$/, { timeoutMs: 10_000, what: "it to be ready" });
    await stubborn.stop(200);
    expect(await stubborn.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(stubborn.recentOutput()).toContain("ignoring SIGTERM");
  });

  it("a wait for a line that never comes says what it waited for and what the process printed", async () => {
    const quiet = startProcess(node, ["-e", printsThenIdles], { name: "the worker" });
    // First its output, for as long as a busy machine takes to start Node; only the line that never comes is
    // given the short wait (300 ms ran out before Node printed anything beside CPU-bound work).
    await quiet.waitForLine(/^working on it$/, { timeoutMs: 30_000, what: "the worker to start working" });
    const failure = await quiet
      .waitForLine(/^done$/, { timeoutMs: 300, what: "the worker to say it is done" })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WaitTimeoutError);
    expect((failure as Error).message).toContain("waiting for the worker to say it is done");
    expect((failure as Error).message).toContain("the worker printed (last lines):\nworking on it");
    await quiet.stop();
  });

  it("a wait for a line rejects as soon as the process exits without printing it", async () => {
    const failing = startProcess(node, ["-e", failsLoudly], { name: "failing" });
    await expect(
      failing.waitForLine(/^ready$/, { timeoutMs: 60_000, what: "it to be ready" }),
    ).rejects.toThrow(
      /failing exited with code 3 before it to be ready\.\nfailing printed \(last lines\):\nthe reason it failed/,
    );
  });

  it("a command that does not exist rejects, naming it", async () => {
    const missing = startProcess("/nonexistent/aidp-command", []);
    await expect(missing.exited).rejects.toThrow(
      "Could not start aidp-command (`/nonexistent/aidp-command`)",
    );
  });
});

describe("runProcess", () => {
  it("resolves with everything the command printed on stdout", async () => {
    const stdout = await runProcess(node, ["-e", "for (let i = 0; i < 3; i++) console.log('line ' + i)"], {
      timeoutMs: 30_000,
    });
    expect(stdout).toBe("line 0\nline 1\nline 2\n");
  });

  it("rejects a failed command with its exit code, where it ran and what it printed", async () => {
    const failure = runProcess(node, ["-e", failsLoudly], { cwd: "/tmp", timeoutMs: 30_000 });
    await expect(failure).rejects.toThrow(
      /in \/tmp exited with code 3\.\n.*printed \(last lines\):\nthe reason it failed/,
    );
  });

  it("past its time limit, ends the whole process group and says what it waited for and what it printed", async () => {
    let childPid = 0;
    const failure = await runProcess(node, ["-e", `${parentWithChild}; console.log("working on it")`], {
      name: "slow command",
      timeoutMs: 1_000,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WaitTimeoutError);
    const message = (failure as Error).message;
    expect(message).toMatch(/^Gave up after 1 s waiting for `[\s\S]+` to finish\./);
    expect(message).toContain("slow command printed (last lines):");
    expect(message).toContain("working on it");
    childPid = Number(/^child (\d+)$/m.exec(message)?.[1]);
    expect(childPid).toBeGreaterThan(0);
    expect(isRunning(childPid)).toBe(false);
  });
});

describe("runToExit", () => {
  it("resolves whatever the exit code, with stdout and stderr apart", async () => {
    const finished = await runToExit(node, ["-e", `console.log("out"); ${failsLoudly}`], {
      timeoutMs: 30_000,
    });
    expect(finished.exit).toEqual({ code: 3, signal: null });
    expect(finished.stdout).toBe("out\n");
    expect(finished.stderr).toBe("the reason it failed\n");
  });
});
