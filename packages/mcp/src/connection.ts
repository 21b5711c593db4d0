// Where requests go and how they are signed, decided as the `aidp` command line decides it: the credentials by
// @aidp/client/node's resolveAuth (every --auth value, OCI_CLI_AUTH, the config-less OCI_CLI_* variables, the
// config file's profile), the address by its createAidpClient (the region's realm; an instance principal's region
// read from the metadata service before the first request).
import { type AidpClient, DEFAULT_TIMEOUT_MS } from "@aidp/client";
import { AUTH_ENVIRONMENT, AUTH_TYPES, createAidpClient, resolveAuth } from "@aidp/client/node";
import { McpUsageError } from "./errors.ts";
import { mcpVersion } from "./version.ts";

export { AUTH_TYPES };

/** The connection flags, as given on the command line (undefined when absent). */
export interface ConnectionSettings {
  endpoint?: string;
  region?: string;
  auth?: string;
  profile?: string;
  configFile?: string;
  /** Seconds each attempt may take before it is aborted. */
  timeout?: string;
}

/** The flags as resolveAuth names them in its messages. */
const FLAG_NAMES = { auth: "--auth", profile: "--profile", configFile: "--config-file", region: "--region" };
const ENDPOINT_VARIABLE = "OCI_CLI_ENDPOINT";

/** The API client for these settings. Reads key files and the config file; throws naming the flag or variable. */
export async function connectClient(
  settings: ConnectionSettings,
  environment: NodeJS.ProcessEnv,
): Promise<AidpClient> {
  const credentials = resolveAuth({
    auth: settings.auth,
    profile: settings.profile,
    configFile: settings.configFile,
    region: settings.region,
    env: environment,
    settingNames: FLAG_NAMES,
    missingConfigFileHint: "Against the mock of this project: --auth none --endpoint http://127.0.0.1:4010",
  });
  const auth = credentials.provider;
  const endpoint = settings.endpoint ?? (environment[ENDPOINT_VARIABLE] || undefined);
  if (endpoint !== undefined && !/^https?:\/\/[^/]/i.test(endpoint))
    throw new McpUsageError(
      `--endpoint must be a URL with its scheme (http:// or https://), got "${endpoint}"`,
    );
  const region = settings.region ?? (environment[AUTH_ENVIRONMENT.region] || undefined);
  if (!endpoint && !region && !auth?.region && !auth?.loadRegion)
    throw new McpUsageError(
      "no endpoint: give --endpoint or --region (or OCI_CLI_ENDPOINT, OCI_CLI_REGION, or a region in the profile)",
    );
  try {
    return createAidpClient({
      baseUrl: endpoint,
      region,
      auth,
      userAgent: `aidp-mcp/${mcpVersion}`,
      timeoutMs: secondsOf("--timeout", settings.timeout) ?? DEFAULT_TIMEOUT_MS,
    });
  } catch (error) {
    // createAidpClient's TypeError: a region that is not one.
    throw error instanceof TypeError ? new McpUsageError(error.message) : error;
  }
}

/** A flag's number of seconds in milliseconds; undefined when the flag is absent. */
function secondsOf(flag: string, value: string | undefined): number | undefined {
  return millisecondsOf(flag, value, "seconds", 1000);
}

/** A flag's positive number of `unit`s in milliseconds (`msPerUnit` each); undefined when the flag is absent. */
export function millisecondsOf(
  flag: string,
  value: string | undefined,
  unit: string,
  msPerUnit: number,
): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (value.trim() === "" || !Number.isFinite(count) || count <= 0)
    throw new McpUsageError(`${flag} must be a number of ${unit} greater than 0, got "${value}"`);
  return count * msPerUnit;
}
