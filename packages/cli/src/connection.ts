// Where requests go and how they are signed, the way the OCI CLI decides it: a flag, else its OCI_CLI_*
// environment variable, else the profile of the OCI config file. `--auth none` sends unsigned requests (the mock).
// The decision is @aidp/client/node's resolveConnection, shared with aidp-mcp (and its credentials with the gateway).
import { type AidpClientOptions, durationFlagMs, type Logger } from "@aidp/client";
// Types only: @aidp/client/node is loaded when a command connects, not by a usage error or help (about 15 ms).
import type { ResolvedConnection } from "@aidp/client/node";
import { UsageError } from "./exit-codes.ts";
import type { NetworkTimeouts } from "./network-failure.ts";
import { cliVersion } from "./version.ts";
import { wholeNumberFlag } from "./whole-number-flag.ts";

/** The global flags that shape the connection, as yargs parsed them. */
export interface ConnectionFlags {
  profile?: string;
  configFile?: string;
  region?: string;
  endpoint?: string;
  auth?: string;
  timeout?: string;
  connectionTimeout?: string;
  readTimeout?: string;
  maxRetries?: string;
  retry?: boolean;
  debug?: boolean;
}

/** The OCI CLI's defaults, in seconds: a connection that does not open, or an answer that stops, fails. */
export const DEFAULT_TIMEOUT_SECONDS = { connection: 10, read: 60 } as const;

/** The client's options, and the fetch for URLs outside the API (the PAR URL), with the same timeouts. */
export interface Connection {
  clientOptions: AidpClientOptions;
  fetchOutsideApi: typeof globalThis.fetch;
}

export async function connectionOptions(
  flags: ConnectionFlags,
  environment: NodeJS.ProcessEnv,
  debugLine: (line: string) => void,
): Promise<Connection> {
  const connection = await resolveConnection(flags, environment);
  const timeouts = networkTimeouts(flags);
  const attemptTimeoutMs = secondsToMs("--timeout", flags.timeout);
  // Loaded here, not at start-up (global-flags.ts imports this module): `--help` never sends anything (and
  // ./network.ts loads undici only for timeouts the runtime's fetch does not have).
  const { timedFetch } = await import("./network.ts");
  const options: AidpClientOptions = {
    baseUrl: connection.baseUrl,
    auth: connection.auth,
    // The client reads each answer whole within an attempt, and ends the attempt at --timeout when given.
    fetch: timedFetch(timeouts, attemptTimeoutMs),
    userAgent: `aidp-cli/${cliVersion}`,
    // No limit on a whole attempt unless --timeout says one, as in the OCI CLI: the connection and read timeouts
    // bound every wait. The client's own default (60 s) would cut an answer under a longer --read-timeout, and
    // end a stall before the read timeout could name itself.
    timeoutMs: attemptTimeoutMs ?? false,
    retry: retryOptions(flags),
    logger: flags.debug ? debugLogger(debugLine) : undefined,
  };
  if (flags.debug)
    debugLine(
      `endpoint ${options.baseUrl}${connection.region === undefined ? "" : ` (region ${connection.region})`}, auth ${connection.authSource}, connection timeout ${timeouts.connectionTimeoutMs / 1000} s, read timeout ${timeouts.readTimeoutMs / 1000} s`,
    );
  return { clientOptions: options, fetchOutsideApi: timedFetch(timeouts) };
}

/** resolveConnection of @aidp/client/node, loaded now; its TypeError (a bad endpoint or region, or neither) is a usage error. */
async function resolveConnection(
  flags: ConnectionFlags,
  environment: NodeJS.ProcessEnv,
): Promise<ResolvedConnection> {
  const { resolveConnection, COMMAND_LINE_NAMING } = await import("@aidp/client/node");
  try {
    return await resolveConnection({ ...flags, env: environment, ...COMMAND_LINE_NAMING });
  } catch (error) {
    throw error instanceof TypeError ? new UsageError(error.message) : error;
  }
}

/** The OCI CLI's timeouts, the defaults unless a flag says otherwise. */
function networkTimeouts(flags: ConnectionFlags): NetworkTimeouts {
  return {
    connectionTimeoutMs:
      secondsToMs("--connection-timeout", flags.connectionTimeout) ??
      DEFAULT_TIMEOUT_SECONDS.connection * 1000,
    readTimeoutMs: secondsToMs("--read-timeout", flags.readTimeout) ?? DEFAULT_TIMEOUT_SECONDS.read * 1000,
  };
}

/** A seconds flag (--timeout, --max-wait-seconds, ...) in milliseconds; undefined when absent. */
export function secondsToMs(flag: string, value: string | undefined): number | undefined {
  try {
    return durationFlagMs(flag, value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function retryOptions(flags: ConnectionFlags): AidpClientOptions["retry"] {
  if (flags.retry === false && flags.maxRetries !== undefined)
    throw new UsageError("--no-retry and --max-retries contradict each other: give one of them");
  if (flags.retry === false) return false;
  if (flags.maxRetries === undefined) return undefined;
  return { maxAttempts: wholeNumberFlag("--max-retries", flags.maxRetries, 0) + 1 };
}

/** One line per attempt on standard error. The client redacts secrets before its logger sees anything. */
function debugLogger(debugLine: (line: string) => void): Logger {
  const write = (message: string, fields?: Record<string, unknown>) => {
    const requestId = fields?.requestId ? ` opc-request-id ${String(fields.requestId)}` : "";
    debugLine(`${message}${requestId}`);
  };
  return { debug: write, info: write, warn: write, error: write };
}
