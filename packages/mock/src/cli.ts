#!/usr/bin/env node
// aidp-mock: serves the AIDP API mock until Ctrl-C or SIGTERM.
import { parseArgs } from "node:util";
import {
  GATEWAY_FLAGS,
  GATEWAY_USAGE,
  gatewayAuthFromFlags,
  gatewayExitCode,
  gatewayOptionsFromFlags,
} from "./gateway/gateway-command-line.ts";
import { DRIFT_REPORT_PATH } from "./gateway/gateway-server.ts";
import { type UncheckedMockOptions, validateOptions } from "./options.ts";
import { startMock } from "./start-mock.ts";

const usage = `Usage: aidp-mock [options]

  --port N                  TCP port to listen on; 0 picks a free one (default 4010)
  --host HOST               interface to listen on (default 127.0.0.1)
  --records N               size of the generated audit data set (default 500)
  --seed TEXT               seed of the data set and of --fail-rate (default fixed: runs repeat)
  --records-file FILE       serve these audit records (JSON array or NDJSON) instead
  --fail-rate R             share of requests (0 to 1) that fail with a random fault
  --verify-signatures KEYS  check OCI signatures with a PEM public key file or a directory of <keyId>.pem
  --require-auth            answer 401 to requests without an Authorization header
  --export-ready-after MS   a log export's PAR URL answers 404 for MS milliseconds, then the file (default 0)
  --static                  Prism's own mock: the spec's examples, no state
  --dynamic                 Prism's own mock: responses generated from the schemas, no state
  --errors                  with --static/--dynamic: spec violations become errors, not log warnings
  --quiet                   do not print the request log
  --help                    print this text

${GATEWAY_USAGE}`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new TypeError(`--${name} must be an integer, got ${value}`);
  return Number(value);
}

async function parseCommandLine(): Promise<
  UncheckedMockOptions & { help: boolean; quiet: boolean; failOnDrift: boolean }
> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      records: { type: "string" },
      seed: { type: "string" },
      "records-file": { type: "string" },
      "fail-rate": { type: "string" },
      "verify-signatures": { type: "string" },
      "require-auth": { type: "boolean", default: false },
      "export-ready-after": { type: "string" },
      static: { type: "boolean", default: false },
      dynamic: { type: "boolean", default: false },
      errors: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
      ...GATEWAY_FLAGS,
    },
    strict: true,
  });
  const failRate = values["fail-rate"];
  if (failRate !== undefined && !/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(failRate)) {
    throw new TypeError(`--fail-rate must be a number from 0 to 1, got ${failRate}`);
  }
  const options: UncheckedMockOptions & { help: boolean; quiet: boolean; failOnDrift: boolean } = {
    port: integer("port", values.port),
    host: values.host,
    records: integer("records", values.records),
    seed: values.seed,
    recordsFile: values["records-file"],
    failRate: failRate === undefined ? undefined : Number(failRate),
    verifySignatures: values["verify-signatures"],
    requireAuth: values["require-auth"],
    exportReadyAfterMs: integer("export-ready-after", values["export-ready-after"]),
    static: values.static,
    dynamic: values.dynamic,
    errors: values.errors,
    help: values.help,
    quiet: values.quiet,
    failOnDrift: values["fail-on-drift"],
    ...(values.help ? {} : gatewayOptionsFromFlags(values, process.env)),
  };
  // Unset options stay absent: startMock's checks tell apart "not given" and "given".
  for (const key of Object.keys(options) as (keyof typeof options)[]) {
    if (options[key] === undefined) delete options[key];
  }
  if (options.upstream !== undefined || options.upstreamRegion !== undefined) {
    const { help: _help, quiet: _quiet, failOnDrift: _failOnDrift, ...mockOptions } = options;
    validateOptions(mockOptions); // bad combinations are told before the credential files are read
    options.auth = await gatewayAuthFromFlags(values, process.env);
  }
  return options;
}

async function main(): Promise<void> {
  const { help, quiet, failOnDrift, ...options } = await parseCommandLine();
  if (help) {
    console.log(usage);
    return;
  }
  // The signal handlers come first: a signal during start-up waits for the mock to be up, then stops it,
  // rather than killing this process and leaving Prism to notice its parent is gone.
  let stopRequested: NodeJS.Signals | undefined;
  let stopNow: (signal: NodeJS.Signals) => void = (signal) => {
    stopRequested = signal;
  };
  const onSignal = (signal: NodeJS.Signals) => stopNow(signal);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const mockOptions = { ...options, onLog: quiet ? undefined : (line: string) => console.error(line) };
  validateOptions(mockOptions); // the flags' combination is checked here; startMock's types take only a valid one
  const mock = await startMock(mockOptions);
  console.log(`AIDP mock listening on ${mock.url}`);
  const upstream = mock.driftReport?.().upstream;
  if (upstream) console.error(`Gateway to ${upstream}; drift report at ${mock.url}${DRIFT_REPORT_PATH}`);

  let stopping = false;
  stopNow = async (signal) => {
    // A second signal while stopping (an impatient Ctrl-C) must not end the process half-way: the stop under
    // way ends Prism and frees the port, then exits 0.
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping the mock`);
    await mock.stop();
    process.exit(gatewayExitCode(mock, failOnDrift));
  };
  if (stopRequested) stopNow(stopRequested);
  const { code, signal } = await mock.exited;
  if (stopping) return; // shutDown exits once the port is free
  console.error(`The mock stopped unexpectedly (${signal ?? `code ${code}`})`);
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // Bad arguments (parseArgs' errors and ours are TypeErrors) deserve the usage text; a failed start does not.
  if (error instanceof TypeError) console.error(`\n${usage}`);
  process.exit(1);
});
