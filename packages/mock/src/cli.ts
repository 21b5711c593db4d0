#!/usr/bin/env node
// aidp-mock: serves the AIDP API mock until Ctrl-C or SIGTERM.
import { parseArgs } from "node:util";
import { startMock } from "./start-mock.ts";

const usage = `Usage: aidp-mock [--port 4010] [--host 127.0.0.1] [--dynamic [--seed TEXT]] [--errors] [--require-auth]

  --port     TCP port to listen on; 0 picks a free one (default 4010)
  --host     interface to listen on (default 127.0.0.1)
  --dynamic  generate responses from the schemas instead of the spec's examples
  --seed     make dynamic responses repeat from run to run
  --errors   answer spec violations with errors instead of log warnings
  --require-auth  answer 401 to requests without an Authorization header, as the service does
  --quiet    do not print Prism's request log`;

function parseCommandLine() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      dynamic: { type: "boolean", default: false },
      seed: { type: "string" },
      errors: { type: "boolean", default: false },
      "require-auth": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (!/^\d+$/.test(values.port)) throw new TypeError(`--port must be an integer, got ${values.port}`);
  const { "require-auth": requireAuth, ...rest } = values;
  return { ...rest, requireAuth, port: Number(values.port) };
}

async function main(): Promise<void> {
  const { help, quiet, ...options } = parseCommandLine();
  if (help) {
    console.log(usage);
    return;
  }
  const mock = await startMock({ ...options, onLog: quiet ? undefined : (line) => console.error(line) });
  console.log(`AIDP mock listening on ${mock.url}`);

  let stopping = false;
  const shutDown = async (signal: NodeJS.Signals) => {
    stopping = true;
    console.error(`${signal}: stopping the mock`);
    await mock.stop();
    process.exit(0);
  };
  process.once("SIGINT", shutDown);
  process.once("SIGTERM", shutDown);
  const { code, signal } = await mock.exited;
  if (stopping) return; // shutDown exits once the port is free
  console.error(`Prism stopped unexpectedly (${signal ?? `code ${code}`})`);
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // Bad arguments (parseArgs' errors and ours are TypeErrors) deserve the usage text; a failed start does not.
  if (error instanceof TypeError) console.error(`\n${usage}`);
  process.exit(1);
});
