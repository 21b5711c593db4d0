// Helpers of the start/stop tests: child processes and what is left of them.
import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { startProcess } from "@aidp/test-support";

export const distDir = new URL("../dist/", import.meta.url);

/**
 * Runs a Node program in its own process group, which ends after the test file whatever its outcome
 * (@aidp/test-support's vitest setup) if the test did not end it.
 */
export function spawnNode(args: string[]): { child: ChildProcess; stderr: () => string } {
  const { child, stderr } = startProcess(process.execPath, args, { name: "node" });
  return { child, stderr };
}

export function firstLineMatching(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) throw new Error("child has no stdout pipe");
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const match = pattern.exec(line);
      if (match) resolve(match);
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code} before printing ${pattern}`)));
  });
}

/** The pids of the Prism processes whose parent is `parentPid`, found through /proc. */
export function prismChildrenOf(parentPid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // /proc/PID/stat: "pid (name) state ppid ..."; the name may hold spaces, so split after ")".
        const ppid = Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
        return ppid === parentPid && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("prism-cli");
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(50);
  }
  return check();
}

/** A plain TCP server holding a port, to make Prism's start fail. */
export async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return { port: address.port, server };
}
