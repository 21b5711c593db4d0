// Processes a test starts. Each runs in its own process group, so that ending it ends whatever it started
// (npm's scripts, Prism's workers, Chromium's renderers); its output is kept to explain a failure; and every
// one still running when a test file ends is ended then (vitest-setup.ts), whether the file passed, failed or
// timed out.
import { type ChildProcess, spawn } from "node:child_process";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import { groupMembers, hasProcFs } from "./proc.ts";
import { until, within } from "./wait.ts";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ProcessOptions {
  cwd?: string;
  /** The child's whole environment; default this process's (which carries the test run's tag). */
  env?: NodeJS.ProcessEnv;
  /** "pipe" gives the child a stdin to write to or close; default "ignore". */
  stdin?: "pipe" | "ignore";
  /** How the process is called in messages; default the command's file name. */
  name?: string;
}

export interface StartedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly name: string;
  /** The command line, for messages. */
  readonly commandLine: string;
  /** Resolves when the process itself exits (its group may live on until stop()). */
  readonly exited: Promise<Exit>;
  /** Resolves once its stdout and stderr have ended (after it exited, and whatever else held them). */
  readonly outputEnded: Promise<void>;
  /** All of stdout so far. */
  stdout(): string;
  /** All of stderr so far. */
  stderr(): string;
  /** The end of stdout and stderr interleaved, for error messages. */
  recentOutput(): string;
  /** Resolves with the first line on stdout or stderr that matches; rejects if the process exits first. */
  waitForLine(pattern: RegExp, options: { timeoutMs: number; what: string }): Promise<RegExpExecArray>;
  /** Ends the process group: SIGTERM, SIGKILL after `graceMs`; resolves when no member runs. */
  stop(graceMs?: number): Promise<void>;
}

const RECENT_OUTPUT_CHARS = 6_000;
const STOP_GRACE_MS = 3_000;
const GROUP_EXIT_TIMEOUT_MS = 5_000;

const running = new Set<StartedProcess>();
let acceptingNew = true;

export function startProcess(command: string, args: string[], options: ProcessOptions = {}): StartedProcess {
  const name = options.name ?? basename(command);
  const commandLine = [command, ...args].join(" ");
  if (!acceptingNew)
    throw new Error(
      `Not starting ${name} (\`${commandLine}\`): the test file has ended and its processes were stopped.`,
    );
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    // Its own process group (pgid = its pid): stop() signals the whole group.
    detached: true,
    stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
  });
  // A command that cannot be spawned (ENOENT) emits "error", and no "exit".
  const notStarted = (error: Error) =>
    new Error(`Could not start ${name} (\`${commandLine}\`): ${error.message}`);
  const exited = new Promise<Exit>((resolve, reject) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => reject(notStarted(error)));
  });
  exited.catch(() => {}); // callers that await it see the rejection; nobody else has to
  // "close" comes after "exit", once stdout and stderr have ended: by then all output has been read.
  const outputEnded = new Promise<void>((resolve, reject) => {
    child.once("close", () => resolve());
    child.once("error", (error) => reject(notStarted(error)));
  });
  outputEnded.catch(() => {});

  let stdout = "";
  let stderr = "";
  let recent = "";
  const remember = (text: string) => {
    recent = (recent + text).slice(-RECENT_OUTPUT_CHARS);
  };
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    remember(chunk);
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    remember(chunk);
  });
  // Every line of either stream, kept so that waitForLine() also sees lines printed before it was called.
  const lines: string[] = [];
  const lineWaiters = new Set<(line: string) => void>();
  for (const stream of [child.stdout, child.stderr])
    if (stream)
      createInterface({ input: stream }).on("line", (line) => {
        lines.push(line);
        for (const waiter of lineWaiters) waiter(line);
      });

  const pid = child.pid ?? -1;
  // kill(0) answers for the whole group cheaply, but counts zombies (ended, never reaped: an orphan's
  // grandchild in a container whose init does not reap); /proc tells them apart.
  const processGroupAlive = () => signalGroup(pid, 0) && (!hasProcFs || groupMembers(pid).length > 0);
  const stop = memoize(async (graceMs: number = STOP_GRACE_MS) => {
    if (pid > 0 && processGroupAlive()) {
      signalGroup(pid, "SIGTERM");
      const gone = () => (processGroupAlive() ? undefined : true);
      await until(gone, { timeoutMs: graceMs, what: `${name} to end on SIGTERM` }).catch(() => {
        signalGroup(pid, "SIGKILL");
        return until(gone, {
          timeoutMs: GROUP_EXIT_TIMEOUT_MS,
          what: `${name}'s process group to end on SIGKILL`,
        });
      });
    }
    if (child.exitCode === null && child.signalCode === null && pid > 0) await exited;
    running.delete(started);
  });

  const started: StartedProcess = {
    child,
    pid,
    name,
    commandLine,
    exited,
    outputEnded,
    stdout: () => stdout,
    stderr: () => stderr,
    recentOutput: () => recent.trim(),
    waitForLine(pattern, { timeoutMs, what }) {
      let waiter: (line: string) => void = () => {};
      const matched = new Promise<RegExpExecArray>((resolve, reject) => {
        waiter = (line) => {
          const match = pattern.exec(line);
          if (match) resolve(match);
        };
        for (const line of lines) waiter(line);
        lineWaiters.add(waiter);
        Promise.all([started.exited, outputEnded]).then(
          ([exit]) => reject(new Error(`${name} ${describeExit(exit)} before ${what}.\n${printed(started)}`)),
          reject,
        );
      });
      return within(matched, { timeoutMs, what, explain: () => printed(started) }).finally(() =>
        lineWaiters.delete(waiter),
      );
    },
    stop,
  };
  running.add(started);
  return started;
}

export interface RunOptions extends Omit<ProcessOptions, "stdin"> {
  /** The longest this command may take; past it the process group is ended and the call rejects. */
  timeoutMs: number;
}

export interface Finished {
  exit: Exit;
  stdout: string;
  stderr: string;
  /** The end of stdout and stderr interleaved, as recentOutput(). */
  recentOutput: string;
}

/**
 * Runs a command to its end, whatever its exit code, and resolves with how it ended and everything it
 * printed. When `timeoutMs` runs out, ends the whole process group and rejects with a {@link WaitTimeoutError}
 * that names the command, where it ran and the end of what it printed.
 */
export async function runToExit(command: string, args: string[], options: RunOptions): Promise<Finished> {
  const started = startProcess(command, args, options);
  const where = options.cwd ? ` in ${options.cwd}` : "";
  try {
    const exit = await within(started.exited, {
      timeoutMs: options.timeoutMs,
      what: `\`${started.commandLine}\`${where} to finish`,
      explain: () => printed(started),
    });
    // Whatever the command left running in its group ends with it, and with it the last of the output.
    await started.stop();
    await within(started.outputEnded, {
      timeoutMs: GROUP_EXIT_TIMEOUT_MS,
      what: `the output of \`${started.commandLine}\` to end (a process outside its group holds it open)`,
    });
    return { exit, stdout: started.stdout(), stderr: started.stderr(), recentOutput: started.recentOutput() };
  } finally {
    await started.stop();
  }
}

/**
 * Runs a command to its end and resolves with its stdout. On a non-zero exit, or when `timeoutMs` runs out
 * (then the whole process group is ended first), rejects with the command, where it ran, why, and the end
 * of what it printed.
 */
export async function runProcess(command: string, args: string[], options: RunOptions): Promise<string> {
  const { exit, stdout, recentOutput } = await runToExit(command, args, options);
  if (exit.code !== 0) {
    const where = options.cwd ? ` in ${options.cwd}` : "";
    const output = describeOutput(options.name ?? basename(command), recentOutput);
    throw new Error(`\`${[command, ...args].join(" ")}\`${where} ${describeExit(exit)}.\n${output}`);
  }
  return stdout;
}

/** Ends every process started through this module that is still running; see vitest-setup.ts. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((started) => started.stop()));
}

/** After a test file's last hook no test may start a process; the next file (same worker) may again. */
export function setAcceptingNewProcesses(accepting: boolean): void {
  acceptingNew = accepting;
}

export function describeExit({ code, signal }: Exit): string {
  return signal ? `was ended by ${signal}` : `exited with code ${code}`;
}

function printed(started: StartedProcess): string {
  return describeOutput(started.name, started.recentOutput());
}

function describeOutput(name: string, output: string): string {
  return output ? `${name} printed (last lines):\n${output}` : `${name} printed nothing.`;
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // no member left
  }
}

function memoize<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let result: Promise<void> | undefined;
  return (...args) => {
    result ??= action(...args);
    return result;
  };
}
