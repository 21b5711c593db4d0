// Runs tsc --noEmit on a project (the code samples, the guides' TypeScript blocks) and returns what it printed.
import { createRequire } from "node:module";
import { runToExit } from "@aidp/test-support";

const require = createRequire(import.meta.url);

/** tsc's diagnostics for the project, empty when it compiles. */
export async function typeCheck(tsconfigPath: string): Promise<string> {
  const tsc = require.resolve("typescript/bin/tsc");
  // tsc exits non-zero when it reports diagnostics: those are the answer, not a failure of the run.
  const { stdout } = await runToExit(process.execPath, [tsc, "--noEmit", "-p", tsconfigPath], {
    name: "tsc",
    timeoutMs: 60_000,
  });
  return stdout;
}
