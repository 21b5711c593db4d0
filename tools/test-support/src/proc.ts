// What Linux's /proc says about processes: their parent, process group, state, command line and environment.
// Elsewhere (no /proc) every function answers "nothing known", and callers say so instead of guessing.
import { existsSync, readdirSync, readFileSync } from "node:fs";

export const hasProcFs = existsSync("/proc/self/stat");

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** One letter: R running, S sleeping, Z zombie (exited, not yet reaped), ... */
  state: string;
}

export function processInfo(pid: number): ProcessInfo | undefined {
  try {
    // "pid (name) state ppid pgrp ...": the name may hold spaces and parentheses, so split after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state = "?", ppid, pgid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(ppid), pgid: Number(pgid), state };
  } catch {
    return undefined; // ended while we looked
  }
}

export function allPids(): number[] {
  if (!hasProcFs) return [];
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** A process that still runs: a zombie has ended and only waits for a parent (maybe none) to reap it. */
export function isRunning(pid: number): boolean {
  const info = processInfo(pid);
  return info !== undefined && info.state !== "Z";
}

/** The running members of process group `pgid`. */
export function groupMembers(pgid: number): number[] {
  return allPids().filter((pid) => {
    const info = processInfo(pid);
    return info?.pgid === pgid && info.state !== "Z";
  });
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

/** The value of `name` in the environment the process started with (a zombie's reads as empty). */
export function startEnvironmentValue(pid: number, name: string): string | undefined {
  try {
    const prefix = `${name}=`;
    return readFileSync(`/proc/${pid}/environ`, "utf8")
      .split("\0")
      .find((entry) => entry.startsWith(prefix))
      ?.slice(prefix.length);
  } catch {
    return undefined;
  }
}

/** This process and every process above it, up to init. */
export function selfAndAncestors(): Set<number> {
  const chain = new Set<number>();
  for (let pid = process.pid; pid > 0 && !chain.has(pid); ) {
    chain.add(pid);
    pid = processInfo(pid)?.ppid ?? 0;
  }
  return chain;
}
