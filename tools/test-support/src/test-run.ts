// Which processes a test run started, whoever started them and however they were started: every process of
// the run inherits the environment variable AIDP_TEST_RUN (a child gets its parent's environment), and
// Linux keeps each process's starting environment in /proc/PID/environ. A run nested in another (one
// package's vitest inside the whole suite) extends the outer tag: "suite-1a2b/@aidp/mock-3c4d".
import { randomUUID } from "node:crypto";
import {
  allPids,
  commandLine,
  hasProcFs,
  isRunning,
  processInfo,
  selfAndAncestors,
  startEnvironmentValue,
} from "./proc.ts";
import { formatDuration, until } from "./wait.ts";

export const TEST_RUN_ENV = "AIDP_TEST_RUN";

/**
 * vitest's own workers and their watchdog (which renames itself): vitest ends them after the global
 * teardown, where the check runs.
 */
const VITEST_WORKER = /[/\\]vitest[/\\]dist[/\\]workers[/\\]|^vitest-watchdog/;

/**
 * Starts a run named `scope` inside the current one (if any): sets AIDP_TEST_RUN in this process's
 * environment, so that every process started from here on carries it. Returns the tag.
 */
export function beginTestRun(scope: string): string {
  const outer = process.env[TEST_RUN_ENV];
  const tag = `${outer ? `${outer}/` : ""}${scope}-${randomUUID().slice(0, 8)}`;
  process.env[TEST_RUN_ENV] = tag;
  return tag;
}

export interface TaggedProcess {
  pid: number;
  pgid: number;
  commandLine: string;
  tag: string;
}

/** The running processes of run `tag` and of the runs nested in it, except this one and its ancestors. */
export function processesOfRun(tag: string): TaggedProcess[] {
  const exempt = selfAndAncestors();
  const found: TaggedProcess[] = [];
  for (const pid of allPids()) {
    if (exempt.has(pid)) continue;
    const processTag = startEnvironmentValue(pid, TEST_RUN_ENV);
    if (processTag === undefined || (processTag !== tag && !processTag.startsWith(`${tag}/`))) continue;
    const info = processInfo(pid);
    const command = commandLine(pid);
    if (!info || info.state === "Z" || VITEST_WORKER.test(command)) continue;
    found.push({ pid, pgid: info.pgid, commandLine: command, tag: processTag });
  }
  return found;
}

export class LeftoverProcessesError extends Error {
  override name = "LeftoverProcessesError";
}

/**
 * Fails when a process of run `tag` is still running once the run is over. Processes being stopped get
 * `graceMs` to finish ending; whatever is left then is killed (so one leak does not spill into the next
 * run) and reported with its command line.
 */
export async function expectNoProcessesLeft(tag: string, graceMs = 5_000): Promise<void> {
  if (!hasProcFs) {
    console.warn(`No /proc on this system: cannot check that test run ${tag} left no process behind.`);
    return;
  }
  const noneLeft = () => (processesOfRun(tag).length === 0 ? true : undefined);
  // Each look reads every process's environment: every 100 ms is often enough.
  const ended = await until(noneLeft, {
    timeoutMs: graceMs,
    intervalMs: 100,
    what: "the run's processes to end",
  }).catch(() => false);
  if (ended) return;
  const leftovers = processesOfRun(tag);
  if (leftovers.length === 0) return;
  for (const leftover of leftovers) {
    try {
      process.kill(leftover.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await until(() => (leftovers.some((p) => isRunning(p.pid)) ? undefined : true), {
    timeoutMs: graceMs,
    what: "the leftover processes to die on SIGKILL",
  }).catch(() => {});
  const list = leftovers.map((p) => `  pid ${p.pid} (group ${p.pgid}): ${p.commandLine}`).join("\n");
  throw new LeftoverProcessesError(
    `${leftovers.length} process(es) started by test run ${tag} still ran ${formatDuration(graceMs)} after it ended ` +
      `(now killed). A test must end every process it starts, pass or fail:\n${list}`,
  );
}
