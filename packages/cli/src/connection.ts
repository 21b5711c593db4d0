// Where requests go and how they are signed, the way the OCI CLI decides it: a flag, else its OCI_CLI_*
// environment variable, else the profile of the OCI config file. `--auth none` sends unsigned requests (the mock).
// Both decisions are @aidp/client/node's (resolveAuth, resolveBaseUrlForNode), shared with the gateway.
import type { AidpClientOptions, Logger } from "@aidp/client";
import {
  API_KEY_ENVIRONMENT,
  AUTH_ENVIRONMENT,
  AUTH_TYPES,
  type AuthType,
  resolveAuth,
  resolveBaseUrlForNode,
} from "@aidp/client/node";
import { UsageError } from "./exit-codes.ts";
import type { NetworkTimeouts } from "./network-failure.ts";
import { cliVersion } from "./version.ts";

export { API_KEY_ENVIRONMENT, AUTH_TYPES, type AuthType };

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

/** The environment variable read when a flag is not given, by flag. */
export const CONNECTION_ENVIRONMENT = { ...AUTH_ENVIRONMENT, endpoint: "OCI_CLI_ENDPOINT" } as const;

/** The flags as resolveAuth names them in its messages. */
const FLAG_NAMES = { auth: "--auth", profile: "--profile", configFile: "--config-file", region: "--region" };

export async function connectionOptions(
  flags: ConnectionFlags,
  environment: NodeJS.ProcessEnv,
  debugLine: (line: string) => void,
): Promise<AidpClientOptions> {
  const pick = (name: keyof typeof CONNECTION_ENVIRONMENT) =>
    flags[name] ?? (environment[CONNECTION_ENVIRONMENT[name]] || undefined);
  const credentials = resolveAuth({
    auth: flags.auth,
    profile: flags.profile,
    configFile: flags.configFile,
    region: flags.region,
    env: environment,
    settingNames: FLAG_NAMES,
    missingConfigFileHint: "Against the mock of this project: --auth none --endpoint http://127.0.0.1:4010",
  });
  const auth = credentials.provider;
  const endpoint = pick("endpoint");
  if (endpoint !== undefined && !/^https?:\/\/[^/]/i.test(endpoint)) {
    const source = flags.endpoint !== undefined ? "--endpoint" : CONNECTION_ENVIRONMENT.endpoint;
    throw new UsageError(
      `${source} "${endpoint}" is not a URL: give it with its scheme, e.g. http://${endpoint.replace(/^\/+/, "")} or https://...`,
    );
  }
  const region = pick("region");
  // An instance principal learns its region from the metadata service: read it now, for the address and --debug.
  if (!endpoint && !region && auth?.region === undefined) await auth?.loadRegion?.();
  if (!endpoint && !region && !auth?.region)
    throw new UsageError(
      "no endpoint: give --endpoint or --region (or OCI_CLI_ENDPOINT, OCI_CLI_REGION, or a region in the profile)",
    );
  const timeouts = networkTimeouts(flags);
  const options: AidpClientOptions = {
    baseUrl: endpoint ?? regionalEndpoint(flags, region, auth?.region, environment),
    auth,
    // Loaded here, not at start-up: undici is the slowest module to load, and `--help` never sends anything.
    fetch: (await import("./network.ts")).timedFetch(timeouts),
    userAgent: `aidp-cli/${cliVersion}`,
    timeoutMs: secondsToMs("--timeout", flags.timeout),
    retry: retryOptions(flags),
    logger: flags.debug ? debugLogger(debugLine) : undefined,
  };
  if (flags.debug)
    debugLine(
      `endpoint ${options.baseUrl}${endpoint ? "" : ` (region ${region ?? auth?.region})`}, auth ${credentials.source}, connection timeout ${timeouts.connectionTimeoutMs / 1000} s, read timeout ${timeouts.readTimeoutMs / 1000} s`,
    );
  return options;
}

/** The region's endpoint in its realm (short codes, ~/.oci/regions-config.json and OCI_REGION_METADATA too). */
function regionalEndpoint(
  flags: ConnectionFlags,
  region: string | undefined,
  profileRegion: string | undefined,
  environment: NodeJS.ProcessEnv,
): string {
  const regionName =
    flags.region !== undefined
      ? "--region"
      : region !== undefined
        ? CONNECTION_ENVIRONMENT.region
        : "the profile's region";
  try {
    return resolveBaseUrlForNode({ region }, { fallbackRegion: profileRegion, env: environment, regionName });
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

export function secondsToMs(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(
      `${flag} must be a number of seconds greater than 0, e.g. 30 or 0.5, got "${value}"`,
    );
  return seconds * 1000;
}

function retryOptions(flags: ConnectionFlags): AidpClientOptions["retry"] {
  if (flags.retry === false && flags.maxRetries !== undefined)
    throw new UsageError("--no-retry and --max-retries contradict each other: give one of them");
  if (flags.retry === false) return false;
  if (flags.maxRetries === undefined) return undefined;
  const retries = Number(flags.maxRetries);
  if (!Number.isInteger(retries) || retries < 0)
    throw new UsageError(`--max-retries must be an integer of at least 0, got "${flags.maxRetries}"`);
  return { maxAttempts: retries + 1 };
}

/** One line per attempt on standard error. The client redacts secrets before its logger sees anything. */
function debugLogger(debugLine: (line: string) => void): Logger {
  const write = (message: string, fields?: Record<string, unknown>) => {
    const requestId = fields?.requestId ? ` opc-request-id ${String(fields.requestId)}` : "";
    debugLine(`${message}${requestId}`);
  };
  return { debug: write, info: write, warn: write, error: write };
}
