#!/usr/bin/env node
// The `aidp` command. `aidp --version`, a help request (`aidp audit search-logs --help`), a Tab after a flag
// with allowed values (`--status <Tab>`) and a Tab on a command or flag name (`aidp audit <Tab>`, `--<Tab>`)
// answer without loading the argument parser or the client, so that they stay quick; everything else goes
// through main().
import nodeModule from "node:module";
import { terminalColumns } from "./terminal-columns.ts";
import { cliVersion } from "./version.ts";

// V8's compiled code of the modules loaded from here on (the client, undici, yargs) is kept on disk and reused by
// the next run: about 20 ms less CPU per command (bench section 7). Node >= 22.1 has it; NODE_DISABLE_COMPILE_CACHE=1
// turns it off. The cache lives in the OS's temporary folder (NODE_COMPILE_CACHE=DIR puts it elsewhere).
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const args = process.argv.slice(2);
const valueCompletion =
  args[0] === "--get-yargs-completions"
    ? (await import("./completion-values.ts")).completeValue(args.slice(1))
    : undefined;
const nameCompletion =
  args[0] === "--get-yargs-completions" && !valueCompletion
    ? (await import("./name-completion.ts")).preRenderedNameCompletion(args.slice(1), process.env)
    : undefined;
const isHelpRequest = args.length === 0 || args.at(-1) === "--help" || args.at(-1) === "-h";
const helpText = isHelpRequest
  ? (await import("./pre-rendered-help.ts")).preRenderedHelp(args, process.env, terminalColumns())
  : undefined;
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  process.stdout.write(`${cliVersion}\n`);
} else if (valueCompletion) {
  // A Tab after a flag with allowed values: answered from the generated table, without the parser.
  process.stdout.write(valueCompletion.map((value) => `${value}\n`).join(""));
} else if (nameCompletion !== undefined) {
  // Exactly what yargs would answer here (see ./name-completion.ts).
  process.stdout.write(nameCompletion);
} else if (helpText !== undefined) {
  // Exactly what yargs would print here (see ./pre-rendered-help.ts).
  process.stdout.write(helpText);
} else {
  const { main } = await import("./main.ts");
  process.exitCode = await main(args);
}
