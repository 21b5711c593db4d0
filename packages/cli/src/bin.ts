#!/usr/bin/env node
// The `aidp` command. `aidp --version` answers without loading the argument parser or the client, so that
// start-up stays short; everything else goes through main().
import { cliVersion } from "./version.ts";

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  process.stdout.write(`${cliVersion}\n`);
} else {
  const { main } = await import("./main.ts");
  process.exitCode = await main(args);
}
