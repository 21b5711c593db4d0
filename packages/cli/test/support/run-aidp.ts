// Runs the BUILT `aidp` bin as a user would: a child process in its own process group, with a clean
// environment (a temporary HOME, no OCI_CLI_* from the machine running the tests). Every process started here
// is ended by endAidpProcesses() (afterEach), pass or fail.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TEST_RUN_ENV } from "@aidp/test-support";

const aidpBin = fileURLToPath(new URL("../../bin/aidp.js", import.meta.url));

export interface AidpResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface AidpOptions {
  /** Added to the clean environment. */
  env?: Record<string, string>;
  cwd?: string;
  /** Written to standard input, which is then closed. */
  stdin?: string;
  /** Run this command line instead (it runs the bin itself, e.g. under `script` for a terminal). */
  scriptCommand?: readonly string[];
}

export interface AidpProcess {
  child: ChildProcess;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  result: Promise<AidpResult>;
}

const started = new Set<ChildProcess>();
const homes: string[] = [];

/** A HOME of its own for each run, so that no real ~/.oci/config is ever read. */
function temporaryHome(): string {
  const home = mkdtempSync(join(tmpdir(), "aidp-cli-home-"));
  homes.push(home);
  return home;
}

export function startAidp(args: readonly string[], options: AidpOptions = {}): AidpProcess {
  const [command, ...commandArgs] = options.scriptCommand ?? [process.execPath, aidpBin, ...args];
  const child = spawn(command as string, commandArgs, {
    cwd: options.cwd,
    // The test run's tag stays, so the suite's leftover-process check sees the bin too.
    env: {
      PATH: process.env.PATH ?? "",
      HOME: temporaryHome(),
      [TEST_RUN_ENV]: process.env[TEST_RUN_ENV] ?? "",
      ...options.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
  started.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  // A child that is done before it reads its standard input (--version, a usage error, a completion) has closed
  // the pipe by the time the write below is flushed on a busy machine: that EPIPE says nothing about the run.
  let stdinError: Error | undefined;
  child.stdin?.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") stdinError = error;
  });
  child.stdin?.end(options.stdin ?? "");
  const result = new Promise<AidpResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      started.delete(child);
      if (stdinError) reject(stdinError);
      else resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, result };
}

export function runAidp(args: readonly string[], options: AidpOptions = {}): Promise<AidpResult> {
  return startAidp(args, options).result;
}

const builtMain = new URL("../../dist/main.js", import.meta.url).href;

/**
 * The built main() as a child process, as the bin runs it for whatever it does not answer itself: yargs at
 * run time, for comparing the bin's pre-rendered answers with where no environment would make the bin ask it.
 */
export function runBuiltMain(args: readonly string[], options: AidpOptions = {}): Promise<AidpResult> {
  const script = `const { main } = await import(${JSON.stringify(builtMain)}); process.exitCode = await main(process.argv.slice(1));`;
  return startAidp([], {
    ...options,
    scriptCommand: [process.execPath, "--input-type=module", "-e", script, "--", ...args],
  }).result;
}

/** Kills the process group of every run still alive, and removes the temporary HOMEs. */
export function endAidpProcesses(): void {
  for (const child of started) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  started.clear();
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
}

/**
 * The bin on a terminal: `script` (util-linux) runs it on a pseudo-terminal (standard output and standard error
 * both on it, as at a prompt) and copies what it shows to the child's standard output. `columns` sets the
 * terminal's width first.
 */
export function startOnTerminal(args: readonly string[], options: { columns?: number } = {}): AidpProcess {
  const command = [process.execPath, aidpBin, ...args].map((word) => `'${word.replaceAll("'", "'\\''")}'`);
  const width = options.columns === undefined ? "" : `stty cols ${options.columns}; `;
  return startAidp([], {
    scriptCommand: ["script", "-qec", `${width}exec ${command.join(" ")}`, "/dev/null"],
  });
}
