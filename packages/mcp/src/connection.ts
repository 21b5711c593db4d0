// Where requests go and how they are signed, decided as the `aidp` command line decides it, by the same
// @aidp/client/node resolveConnection: the credentials (every --auth value, OCI_CLI_AUTH, the config-less OCI_CLI_*
// variables, the config file's profile), the address (--endpoint, OCI_CLI_ENDPOINT, or the region's in its realm; an
// instance principal's region read from the metadata service at start-up), each error naming its flag or variable.
import { type AidpClient, DEFAULT_TIMEOUT_MS, type DurationFlag, durationFlagMs } from "@aidp/client";
import { AUTH_TYPES, COMMAND_LINE_NAMING, createAidpClient, resolveConnection } from "@aidp/client/node";
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

/** The API client for these settings. Reads key files and the config file; throws naming the flag or variable. */
export async function connectClient(
  settings: ConnectionSettings,
  environment: NodeJS.ProcessEnv,
): Promise<AidpClient> {
  try {
    const { baseUrl, auth } = await resolveConnection({
      ...settings,
      env: environment,
      ...COMMAND_LINE_NAMING,
    });
    return createAidpClient({
      baseUrl,
      auth,
      userAgent: `aidp-mcp/${mcpVersion}`,
      timeoutMs: durationOf("--timeout", settings.timeout) ?? DEFAULT_TIMEOUT_MS,
    });
  } catch (error) {
    // resolveConnection's and createAidpClient's TypeError: an endpoint or region that is not one, or neither.
    throw error instanceof TypeError ? new McpUsageError(error.message) : error;
  }
}

/** A duration flag (--timeout, --log-handle-hours) in milliseconds; undefined when absent. */
export function durationOf(
  flag: string,
  value: string | undefined,
  duration?: DurationFlag,
): number | undefined {
  try {
    return durationFlagMs(flag, value, duration);
  } catch (error) {
    throw new McpUsageError((error as Error).message);
  }
}
