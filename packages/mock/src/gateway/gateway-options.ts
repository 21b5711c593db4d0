// The gateway's options (`upstream` or `upstreamRegion`, ...) and their rules: a gateway forwards to the service,
// so nothing that shapes the mock's own answers applies.
import type { AuthProvider } from "@aidp/client";
import {
  checkTimerOption,
  SERVER_OPTION_NAMES,
  type ServerOptions,
  validateServerOptions,
} from "../server-options.ts";

/** Where the gateway forwards to: one of the two. */
export interface UpstreamSelectors {
  /**
   * Forward every request to this service URL (e.g. `https://datalake.us-ashburn-1.oci.oraclecloud.com`),
   * signed, checking requests and answers against the spec. A path in the URL is put before the API's paths.
   */
  upstream?: string;
  /**
   * Forward to the spec's regional server of this region in its realm, e.g. `eu-frankfurt-2` (oraclecloud.eu), as
   * `createAidpClient` of `@aidp/client/node` resolves it (short codes, ~/.oci/regions-config.json too).
   */
  upstreamRegion?: string;
}

/** The gateway's options besides where it listens and where it forwards to. */
export interface GatewayOnlyOptions {
  /** How long an upstream exchange may take, from connecting to the last byte. Default 60000. */
  upstreamTimeoutMs?: number;
  /**
   * Gateway: signs forwarded requests. Default: what `resolveAuth()` of `@aidp/client/node` finds, as the OCI CLI
   * does (OCI_CLI_AUTH, the config-less OCI_CLI_USER... variables, else `~/.oci/config`'s profile);
   * `"none"` forwards them unsigned.
   */
  auth?: AuthProvider | "none";
  /** Write the JSON drift report to this file when the gateway stops. */
  report?: string;
  /**
   * Refuse a request that breaks the spec with a 400 listing the violations (it is not forwarded), and replace an
   * upstream answer that breaks the spec with a 502 listing them.
   */
  strict?: boolean;
  /** Append the audit records of every search answer passed on to this NDJSON file. */
  record?: string;
}

/** How to run the gateway: where it listens, `upstream` or `upstreamRegion` (one of them), and its own options. */
export type GatewayOptions = ServerOptions &
  GatewayOnlyOptions &
  ({ upstream: string; upstreamRegion?: never } | { upstreamRegion: string; upstream?: never });

/** Every option, each optional: what a JavaScript caller or the command line may hand over before it is checked. */
export type UncheckedGatewayOptions = ServerOptions & UpstreamSelectors & GatewayOnlyOptions;

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 60_000;

/** The gateway's own option names (a record, so that the compiler sees each one of the types is listed). */
export const GATEWAY_OPTION_NAMES = Object.keys({
  upstream: true,
  upstreamRegion: true,
  upstreamTimeoutMs: true,
  auth: true,
  report: true,
  strict: true,
  record: true,
} satisfies Record<keyof UpstreamSelectors | keyof GatewayOnlyOptions, true>) as (
  | keyof UpstreamSelectors
  | keyof GatewayOnlyOptions
)[];
/**
 * What a gateway accepts: its own options and where it listens. Any other option shapes the mock's own answers
 * (records, faults, signatures, Prism's mock...), which a gateway has none of.
 */
const GATEWAY_ACCEPTS = new Set<string>([...GATEWAY_OPTION_NAMES, ...SERVER_OPTION_NAMES]);

const given = (value: unknown) => value !== undefined && value !== false;

/** Throws a `TypeError` naming the option and the rule it breaks; once it returns, the options are a GatewayOptions. */
export function validateGatewayOptions(options: UncheckedGatewayOptions): asserts options is GatewayOptions {
  const { upstream, upstreamRegion, upstreamTimeoutMs, report, record, auth } = options;
  if (upstream === undefined && upstreamRegion === undefined) {
    throw new TypeError('the gateway needs "upstream" (a service URL) or "upstreamRegion" (an OCI region)');
  }
  const mode = upstream !== undefined ? "upstream" : "upstreamRegion";
  if (upstream !== undefined && upstreamRegion !== undefined) {
    throw new TypeError('options "upstream" and "upstreamRegion" exclude each other (give one)');
  }
  const misplaced = Object.keys(options).find(
    (name) => !GATEWAY_ACCEPTS.has(name) && given((options as Record<string, unknown>)[name]),
  );
  if (misplaced) {
    throw new TypeError(
      `options "${mode}" and "${misplaced}" exclude each other (a gateway forwards to the service; "${misplaced}" shapes the mock's own answers)`,
    );
  }
  validateServerOptions(options);
  if (upstream !== undefined) parseUpstreamUrl(upstream);
  checkTimerOption("upstreamTimeoutMs", upstreamTimeoutMs);
  for (const [name, value] of [
    ["report", report],
    ["record", record],
  ] as const) {
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      throw new TypeError(`option "${name}" must be a file path, got ${JSON.stringify(value)}`);
    }
  }
  if (report !== undefined && report === record) {
    throw new TypeError('options "report" and "record" must name different files');
  }
  if (auth !== undefined && auth !== "none" && typeof auth?.signRequest !== "function") {
    throw new TypeError('option "auth" must be an AuthProvider of @aidp/client or "none"');
  }
}

function parseUpstreamUrl(upstream: string): URL {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    throw new TypeError(`option "upstream" must be an absolute http(s) URL, got ${JSON.stringify(upstream)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`option "upstream" must be an http: or https: URL, got ${url.protocol}`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new TypeError('option "upstream" must be a base URL without query, fragment or user info');
  }
  return url;
}

/**
 * The service URL the gateway forwards to, without a trailing slash: `upstream`, or the regional endpoint of
 * `upstreamRegion` in its realm, from the client's one resolver (a malformed region is a TypeError naming it).
 */
export async function upstreamBaseUrl(options: UpstreamSelectors): Promise<URL> {
  if (options.upstream !== undefined) {
    const url = parseUpstreamUrl(options.upstream);
    url.pathname = url.pathname.replace(/\/+$/, "");
    return url;
  }
  // Loaded only for a gateway: the mock needs none of @aidp/client/node.
  const { resolveBaseUrlForNode } = await import("@aidp/client/node");
  return new URL(
    resolveBaseUrlForNode({ region: options.upstreamRegion }, { regionName: 'option "upstreamRegion"' }),
  );
}
