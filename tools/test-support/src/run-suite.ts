// Runs a command as one tagged test run and fails it if any process it started is still running after it:
//   node tools/test-support/src/run-suite.ts turbo run lint test
// Exits with the command's exit code, or 1 if it left processes behind (they are killed and listed).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { beginTestRun, expectNoProcessesLeft } from "./test-run.ts";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node run-suite.ts <command> [args...]");
  process.exit(2);
}
const tag = beginTestRun("suite");
// Same process group and terminal as this one: Ctrl-C reaches the command as it would without this wrapper.
const child = spawn(command, args, { stdio: "inherit" });
const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
try {
  await expectNoProcessesLeft(tag);
  console.log(`No process started by the test run is still running (checked test run ${tag}).`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
process.exit(signal ? 1 : (code ?? 1));
