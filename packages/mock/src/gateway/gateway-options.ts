// The gateway's options (`upstream` or `upstreamRegion`, ...) and their rules: a gateway forwards to the service,
// so nothing that shapes the mock's own answers applies.
import type { AuthProvider } from "@aidp/client";
import type { ServerFacts } from "@aidp/spec/facts";
import { SERVER_OPTION_NAMES, type ServerOptions, validateServerOptions } from "../server-options.ts";

/** Where the gateway forwards to: one of the two. */
export interface UpstreamSelectors {
  /**
   * Forward every request to this service URL (e.g. `https://datalake.us-ashburn-1.oci.oraclecloud.com`),
   * signed, checking requests and answers against the spec. A path in the URL is put before the API's paths.
   */
  upstream?: string;
  /** Forward to the spec's regional server of this region, e.g. `us-ashburn-1`. */
  upstreamRegion?: string;
}

/** The gateway's options besides where it listens and where it forwards to. */
export interface GatewayOnlyOptions {
  /** How long an upstream exchange may take, from connecting to the last byte. Default 60000. */
  upstreamTimeoutMs?: number;
  /**
   * Gateway: signs forwarded requests. Default: the `DEFAULT` profile of `~/.oci/config`
   * (`configFileAuth()` of `@aidp/client/node`); `"none"` forwards them unsigned.
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
  if (upstreamRegion !== undefined && !(typeof upstreamRegion === "string" && REGION.test(upstreamRegion))) {
    throw new TypeError(
      `option "upstreamRegion" must be an OCI region identifier such as us-ashburn-1, got ${JSON.stringify(upstreamRegion)}`,
    );
  }
  if (upstreamTimeoutMs !== undefined && !(Number.isFinite(upstreamTimeoutMs) && upstreamTimeoutMs > 0)) {
    throw new TypeError(
      `option "upstreamTimeoutMs" must be a positive number of milliseconds, got ${String(upstreamTimeoutMs)}`,
    );
  }
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

/** Lower-case DNS labels joined by "-", as OCI region identifiers are (us-ashburn-1, eu-frankfurt-1). */
const REGION = /^[a-z0-9]+(-[a-z0-9]+)+$/;

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
 * The service URL the gateway forwards to, without a trailing slash: `upstream`, or the spec's server
 * template filled with `upstreamRegion` and the template's default second-level domain.
 */
export function upstreamBaseUrl(options: UpstreamSelectors, servers: readonly ServerFacts[]): URL {
  if (options.upstream !== undefined) {
    const url = parseUpstreamUrl(options.upstream);
    url.pathname = url.pathname.replace(/\/+$/, "");
    return url;
  }
  const [server] = servers;
  if (!server) throw new Error("the bundled spec has no server to build an upstream URL from");
  const filled = server.url.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === "region" ? String(options.upstreamRegion) : (server.variables[name]?.default ?? ""),
  );
  return new URL(filled);
}
