// Where requests go and how they are signed, from settings as the OCI CLI takes them: the credentials as
// resolveAuth chooses them; the address from `endpoint` (else OCI_CLI_ENDPOINT), else the region's (`region`, else
// OCI_CLI_REGION, else the credentials' own, an instance principal's read from the metadata service now). `aidp` and
// `aidp-mcp` both start here, so a value is checked, and named in an error, the same way in both.
import type { AuthProvider } from "../types.js";
import { resolveBaseUrlForNode } from "./node-endpoint.js";
import { AUTH_ENVIRONMENT, emptySetting, type ResolveAuthOptions, resolveAuth } from "./resolve-auth.js";

/** The variables read when a setting is not given, as the OCI CLI reads them. */
export const CONNECTION_ENVIRONMENT = { ...AUTH_ENVIRONMENT, endpoint: "OCI_CLI_ENDPOINT" } as const;

type ConnectionSetting = keyof typeof CONNECTION_ENVIRONMENT;

export interface ResolveConnectionOptions extends Omit<ResolveAuthOptions, "settingNames"> {
  /** The API's base URL, e.g. `http://127.0.0.1:4010` for the mock; default OCI_CLI_ENDPOINT, else the region's. */
  endpoint?: string | undefined;
  /** What the caller calls each setting in its messages, e.g. `{ endpoint: "--endpoint" }`; default its name. */
  settingNames?: Partial<Record<ConnectionSetting, string>>;
}

/**
 * The settings named as the OCI CLI's flags, with the way to the mock when there is no config file: for a command
 * line (`aidp`, `aidp-mcp`), `resolveConnection({ ...flags, env, ...COMMAND_LINE_NAMING })`.
 */
export const COMMAND_LINE_NAMING = {
  settingNames: {
    auth: "--auth",
    profile: "--profile",
    configFile: "--config-file",
    region: "--region",
    endpoint: "--endpoint",
  },
  missingConfigFileHint: "Against the mock of this project: --auth none --endpoint http://127.0.0.1:4010",
} as const satisfies Pick<ResolveConnectionOptions, "settingNames" | "missingConfigFileHint">;

export interface ResolvedConnection {
  /** The API's base URL. */
  baseUrl: string;
  /** The region whose address `baseUrl` is; undefined when an endpoint was given. */
  region: string | undefined;
  /** Undefined for `none`: requests go unsigned. */
  auth: AuthProvider | undefined;
  /** Where the credentials come from, for a debug line (never a secret). */
  authSource: string;
}

/**
 * The address and credentials these settings name. A bad credential setting is an AidpAuthError, a bad or missing
 * address a TypeError (as createAidpClient's); each message names the setting or variable the value came from.
 */
export async function resolveConnection(options: ResolveConnectionOptions = {}): Promise<ResolvedConnection> {
  const env = options.env ?? process.env;
  const given = (setting: ConnectionSetting) => options[setting] !== undefined;
  const value = (setting: ConnectionSetting) =>
    options[setting] ?? (env[CONNECTION_ENVIRONMENT[setting]] || undefined);
  const nameOf = (setting: ConnectionSetting) => options.settingNames?.[setting] ?? setting;
  const sourceOf = (setting: ConnectionSetting) =>
    given(setting) ? nameOf(setting) : CONNECTION_ENVIRONMENT[setting];

  const { provider: auth, source: authSource } = resolveAuth({ ...options, env });
  const endpoint = value("endpoint");
  if (endpoint !== undefined) {
    if (!/^https?:\/\/[^/]/i.test(endpoint)) {
      // The example is the address without whatever scheme came with it (http:/host, ftp://host), which would
      // otherwise read http://http:/host. `host:4010` has no scheme: a scheme is followed by a slash, or is http(s).
      const scheme = /^(?:https?:|[a-z][a-z0-9+.-]*:(?=\/))\/*/i.exec(endpoint)?.[0] ?? "";
      const otherScheme = scheme !== "" && !/^https?:/i.test(scheme);
      const address = endpoint.slice(scheme.length).replace(/^\/+/, "") || "HOST:PORT";
      throw new TypeError(
        `${sourceOf("endpoint")} "${endpoint}" is not ${otherScheme ? "an http or https URL" : "a URL"}: give it with its scheme, e.g. http://${address} or https://...`,
      );
    }
    const problem = endpointProblem(endpoint);
    if (problem) throw new TypeError(`${sourceOf("endpoint")} ${problem}`);
    return { baseUrl: endpoint, region: undefined, auth, authSource };
  }
  // Said as such: "" would read as no region, and the error would then be about something else.
  if (options.region === "") throw new TypeError(emptySetting(nameOf("region")));
  const region = value("region");
  // An instance principal learns its region from the metadata service: read it now, so the address is known.
  if (!region && auth?.region === undefined) await auth?.loadRegion?.();
  const fallbackRegion = auth?.region;
  if (!region && !fallbackRegion)
    throw new TypeError(
      `no endpoint: give ${nameOf("endpoint")} or ${nameOf("region")} (or ${CONNECTION_ENVIRONMENT.endpoint}, ${CONNECTION_ENVIRONMENT.region}, or a region in the profile)`,
    );
  // Where the region came from, for an error about it: the flag or variable, else the credentials (a profile's
  // region, or the one an instance, resource principal or OKE workload reports).
  const regionName = region !== undefined ? sourceOf("region") : `the region of the ${authSource}`;
  return {
    baseUrl: resolveBaseUrlForNode({ region }, { fallbackRegion, env, regionName }),
    region: region ?? fallbackRegion,
    auth,
    authSource,
  };
}

/** What is wrong with an http(s) endpoint the URL parser or fetch refuses; its password is never shown. */
function endpointProblem(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `"${endpoint}" is not a valid URL (a port is at most 65535; a host has no spaces)`;
  }
  if (url.username || url.password) return "must not hold a user name or password (fetch refuses such a URL)";
  // The API's paths are added to the endpoint: after a query or a fragment they would be part of it, not the path.
  // The text, not url.search / url.hash: a bare trailing `?` or `#` leaves both empty and still swallows the paths.
  if (/[?#]/.test(endpoint))
    return "must not hold a query (?...) or a fragment (#...): the API's paths go after it";
  return undefined;
}
