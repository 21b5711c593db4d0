// Runs one measurement in a fresh Node process (clean heap, clean JIT, its own peak RSS) and reads the JSON
// object it prints as its last line of output. Every child has a time limit so the whole run stays bounded.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export const benchRoot = new URL("../../", import.meta.url);

export async function runChildScript<T>(
  script: URL,
  args: readonly string[],
  timeoutMs: number,
  nodeFlags: readonly string[] = [],
): Promise<T> {
  const { stdout } = await execFileAsync(process.execPath, [...nodeFlags, script.pathname, ...args], {
    cwd: benchRoot,
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  const lastLine = stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(lastLine) as T;
}

/** What a child prints: one JSON line, so the parent can read it among anything else on stdout. */
export function reportToParent(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
