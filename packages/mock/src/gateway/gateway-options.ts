// The gateway mode's options (`upstream`, `upstreamRegion`, ...) and the rules that keep it apart from the
// other three modes: a gateway forwards to the service, so nothing that shapes the mock's own answers applies.
import type { AuthProvider } from "@aidp/client";
import type { ServerFacts } from "@aidp/spec/facts";

export interface GatewayOptions {
  /**
   * Gateway mode: forward every request to this service URL (e.g.
   * `https://datalake.us-ashburn-1.oci.oraclecloud.com`), signed, checking requests and answers against the spec.
   * A path in the URL is put before the API's paths.
   */
  upstream?: string;
  /** Gateway mode with the spec's regional server of this region, e.g. `us-ashburn-1`. */
  upstreamRegion?: string;
  /** Gateway: how long an upstream exchange may take, from connecting to the last byte. Default 60000. */
  upstreamTimeoutMs?: number;
  /**
   * Gateway: signs forwarded requests. Default: the `DEFAULT` profile of `~/.oci/config`
   * (`configFileAuth()` of `@aidp/client/node`); `"none"` forwards them unsigned.
   */
  auth?: AuthProvider | "none";
  /** Gateway: write the JSON drift report to this file when the gateway stops. */
  report?: string;
  /** Gateway: answer an upstream answer that breaks the spec with a 502 listing the violations. */
  strict?: boolean;
  /** Gateway: append the audit records of every search answer passed on to this NDJSON file. */
  record?: string;
}

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 60_000;

/** Options that only mean something to a gateway. */
const GATEWAY_ONLY = ["upstreamTimeoutMs", "auth", "report", "strict", "record"] as const;
/**
 * What a gateway accepts: its own options and those every mode shares. Any other option belongs to another mode
 * and shapes the mock's own answers (records, faults, signatures, Prism's mock...), which a gateway has none of.
 */
const GATEWAY_ACCEPTS = new Set<string>([
  "upstream",
  "upstreamRegion",
  ...GATEWAY_ONLY,
  "port",
  "host",
  "startTimeoutMs",
  "onLog",
]);

const given = (value: unknown) => value !== undefined && value !== false;

/** Whether these options ask for the validation gateway (the fourth mode). */
export function isGatewayMode(options: GatewayOptions): boolean {
  return options.upstream !== undefined || options.upstreamRegion !== undefined;
}

/** Throws a `TypeError` naming the option and the rule it breaks. */
export function validateGatewayOptions(options: GatewayOptions): void {
  if (!isGatewayMode(options)) {
    const used = GATEWAY_ONLY.find((name) => given(options[name]));
    if (used) throw new TypeError(`option "${used}" needs a gateway ("upstream" or "upstreamRegion")`);
    return;
  }
  const { upstream, upstreamRegion, upstreamTimeoutMs, report, record, auth } = options;
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
export function upstreamBaseUrl(options: GatewayOptions, servers: readonly ServerFacts[]): URL {
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
