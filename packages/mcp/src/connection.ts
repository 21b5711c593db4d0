// Where requests go and how they are signed, decided as the `aidp` command line decides it, by the same
// @aidp/client/node resolveConnection: the credentials (every --auth value, OCI_CLI_AUTH, the config-less OCI_CLI_*
// variables, the config file's profile), the address (--endpoint, OCI_CLI_ENDPOINT, or the region's in its realm; an
// instance principal's region read from the metadata service at start-up), each error naming its flag or variable.
import { type AidpClient, DEFAULT_TIMEOUT_MS, MAX_TIMER_MS } from "@aidp/client";
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
      timeoutMs: secondsOf("--timeout", settings.timeout) ?? DEFAULT_TIMEOUT_MS,
    });
  } catch (error) {
    // resolveConnection's and createAidpClient's TypeError: an endpoint or region that is not one, or neither.
    throw error instanceof TypeError ? new McpUsageError(error.message) : error;
  }
}

/** A timeout flag's number of seconds in milliseconds; undefined when the flag is absent. */
function secondsOf(flag: string, value: string | undefined): number | undefined {
  const ms = millisecondsOf(flag, value, "seconds", 1000);
  // A longer timer fires at once (Node sets it to 1 ms), which would end every attempt at its start.
  if (ms !== undefined && ms > MAX_TIMER_MS)
    throw new McpUsageError(
      `${flag} must be at most ${MAX_TIMER_MS / 1000} seconds (about 24.8 days, the longest a timer holds), got "${value}"`,
    );
  return ms;
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
