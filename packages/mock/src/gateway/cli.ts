#!/usr/bin/env node
// aidp-gateway: serves the validation gateway in front of the service until Ctrl-C or SIGTERM, then writes the
// drift report and exits (1 with --fail-on-drift and drift).
import { parseArgs } from "node:util";
import { runCommand, SERVER_FLAGS, SERVER_USAGE } from "../command-line.ts";
import { GATEWAY_FLAGS, GATEWAY_USAGE, serveGatewayFromFlags } from "./gateway-command-line.ts";

const usage = `Usage: aidp-gateway (--upstream URL | --upstream-region REGION) [options]

${SERVER_USAGE}

${GATEWAY_USAGE}`;

const FLAGS = { ...SERVER_FLAGS, ...GATEWAY_FLAGS };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: FLAGS, strict: true });
  if (values.help) {
    console.log(usage);
    return;
  }
  await serveGatewayFromFlags(values, { banner: "AIDP gateway" });
}

runCommand(main, usage, Object.keys(FLAGS));
