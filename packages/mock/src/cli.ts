#!/usr/bin/env node
// aidp-mock: serves the AIDP API mock until Ctrl-C or SIGTERM. With --upstream or --upstream-region it is the
// gateway instead (the same as aidp-gateway), as documented since the gateway lived inside the mock.
import { parseArgs } from "node:util";
import { MAX_EXPORT_READY_AFTER_MS } from "./cluster-log-exports.ts";
import {
  integerFlag,
  millisecondsFlag,
  runCommand,
  SERVER_FLAGS,
  SERVER_USAGE,
  serverOptionsFromFlags,
  serveUntilSignal,
  withoutUnset,
} from "./command-line.ts";
import {
  GATEWAY_FLAGS,
  GATEWAY_USAGE,
  isGatewayCommand,
  refuseGatewayFlags,
  serveGatewayFromFlags,
} from "./gateway/gateway-command-line.ts";
import { type UncheckedMockOptions, validateOptions } from "./options.ts";
import { startMock } from "./start-mock.ts";

const usage = `Usage: aidp-mock [options]

${SERVER_USAGE}
  --records N               size of the generated audit data set (default 500)
  --seed TEXT               seed of the data set and of --fail-rate (default fixed: runs repeat)
  --records-file FILE       serve these audit records (JSON array or NDJSON) instead
  --fail-rate R             share of requests (0 to 1) that fail with a random fault
  --verify-signatures KEYS  check OCI signatures with a PEM public key file or a directory of <keyId>.pem
  --require-auth            answer 401 to requests without an Authorization header
  --export-ready-after-ms MS  a log export's PAR URL answers 404 for MS milliseconds, then the file
                            (default 0; --export-ready-after MS is the older spelling)
  --static                  Prism's own mock: the spec's examples, no state
  --dynamic                 Prism's own mock: responses generated from the schemas, no state
  --errors                  with --static/--dynamic: spec violations become errors, not log warnings

Times are in milliseconds.

${GATEWAY_USAGE}
  (aidp-mock --upstream ... runs the gateway, as aidp-gateway --upstream ... does)`;

const MOCK_FLAGS = {
  records: { type: "string" },
  seed: { type: "string" },
  "records-file": { type: "string" },
  "fail-rate": { type: "string" },
  "verify-signatures": { type: "string" },
  "require-auth": { type: "boolean", default: false },
  "export-ready-after-ms": { type: "string" },
  "export-ready-after": { type: "string" },
  static: { type: "boolean", default: false },
  dynamic: { type: "boolean", default: false },
  errors: { type: "boolean", default: false },
} as const;

const FLAGS = { ...SERVER_FLAGS, ...MOCK_FLAGS, ...GATEWAY_FLAGS };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: FLAGS,
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const failRate = values["fail-rate"];
  if (failRate !== undefined && !/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(failRate)) {
    throw new TypeError(`--fail-rate must be a number from 0 to 1, got ${failRate}`);
  }
  const mockOptions: UncheckedMockOptions = withoutUnset({
    records: integerFlag("records", values.records),
    seed: values.seed,
    recordsFile: values["records-file"],
    failRate: failRate === undefined ? undefined : Number(failRate),
    verifySignatures: values["verify-signatures"],
    requireAuth: values["require-auth"],
    exportReadyAfterMs: millisecondsFlag("export-ready-after", values["export-ready-after-ms"], {
      value: values["export-ready-after"],
      unitMs: 1,
      maxMs: MAX_EXPORT_READY_AFTER_MS,
    }),
    static: values.static,
    dynamic: values.dynamic,
    errors: values.errors,
  });
  if (isGatewayCommand(values)) {
    await serveGatewayFromFlags(values, { banner: "AIDP mock", otherOptions: mockOptions });
    return;
  }
  refuseGatewayFlags(values);
  const options = { ...serverOptionsFromFlags(values), ...mockOptions };
  validateOptions(options); // the flags' combination is checked here; startMock's types take only a valid one
  await serveUntilSignal(() => startMock(options), { name: "mock", banner: "AIDP mock" });
}

runCommand(main, usage, Object.keys(FLAGS));
