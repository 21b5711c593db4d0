// Runs tsc --noEmit on a project (the code samples, the guides' TypeScript blocks) and returns what it printed.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";

const require = createRequire(import.meta.url);

/** tsc's diagnostics for the project, empty when it compiles. */
export async function typeCheck(tsconfigPath: string): Promise<string> {
  const tsc = require.resolve("typescript/bin/tsc");
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [tsc, "--noEmit", "-p", tsconfigPath]);
    return stdout;
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    if (stdout === undefined) throw error;
    return stdout;
  }
}
