// startGateway: the validation gateway in this process, in front of the real service (or anything that speaks
// the API). It checks every request and answer against the spec and keeps a drift report of what did not match.
import { type RunningServer, startInProcess } from "../in-process-start.ts";
import type { DriftReport } from "./drift-report.ts";
import { type GatewayOptions, validateGatewayOptions } from "./gateway-options.ts";
import { startGatewayServer } from "./gateway-server.ts";

/** A running gateway. */
export interface RunningGateway extends RunningServer {
  /** The service it forwards to, without a trailing slash. */
  upstream: string;
  /** The drift report so far (also after `stop()`). */
  driftReport(): DriftReport;
}

/** The error of a gateway that did not start (port taken, no credentials, timeout). */
export class GatewayStartError extends Error {
  override name = "GatewayStartError";
}

/**
 * Starts the gateway; resolves once it listens. Bad options are a `TypeError` naming the option; a gateway that
 * could not start rejects with a {@link GatewayStartError} saying why.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  validateGatewayOptions(options);
  const { server, running } = await startInProcess(
    options,
    startGatewayServer,
    (problem) => new GatewayStartError(`The AIDP gateway ${problem}`),
  );
  const { upstream } = server.driftReport();
  return { ...running, upstream, driftReport: server.driftReport };
}
