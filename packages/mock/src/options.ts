/** How to run the mock. Every field is optional. */
export interface MockOptions {
  /** TCP port; `0` (the default of `startMock`) picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Generate responses from the schemas (json-schema-faker) instead of answering with the spec's examples. */
  dynamic?: boolean;
  /** Seed for dynamic mode, so that generated responses repeat from run to run. Needs `dynamic`. */
  seed?: string;
  /** Answer requests and responses that violate the spec with an error instead of a warning in the log. */
  errors?: boolean;
  /**
   * Answer 401 to requests without an `Authorization` header, as the service does. Prism checks only that the
   * header is there, never the signature. Default false: unsigned requests are answered, so a client under test
   * needs no OCI key.
   */
  requireAuth?: boolean;
  /** How long to wait for Prism to answer HTTP, in milliseconds. Default 30000. */
  startTimeoutMs?: number;
  /** Receives every line Prism logs (requests, validation warnings). Default: lines are dropped. */
  onLog?: (line: string) => void;
}

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_START_TIMEOUT_MS = 30_000;

/** Throws a `TypeError` naming the option and the rule it breaks. */
export function validateOptions(options: MockOptions): void {
  const { port, host, seed, dynamic, startTimeoutMs } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new TypeError(`option "port" must be an integer from 0 to 65535, got ${String(port)}`);
  }
  if (host !== undefined && (typeof host !== "string" || host.trim() === "")) {
    throw new TypeError(`option "host" must be a non-empty string, got ${JSON.stringify(host)}`);
  }
  if (seed !== undefined && (typeof seed !== "string" || seed === "")) {
    throw new TypeError(`option "seed" must be a non-empty string, got ${JSON.stringify(seed)}`);
  }
  if (seed !== undefined && !dynamic) {
    throw new TypeError('option "seed" needs "dynamic": true (a seed only steers generated responses)');
  }
  if (startTimeoutMs !== undefined && !(Number.isFinite(startTimeoutMs) && startTimeoutMs > 0)) {
    throw new TypeError(`option "startTimeoutMs" must be a positive number, got ${String(startTimeoutMs)}`);
  }
}

/** The `prism mock` arguments for these options. */
export function prismMockArguments(specPath: string, options: MockOptions): string[] {
  const args = [
    "mock",
    specPath,
    "--port",
    String(options.port ?? 0),
    "--host",
    options.host ?? DEFAULT_HOST,
  ];
  // Never invent properties: the spec's schemas say `additionalProperties: false`.
  args.push("--json-schema-faker-fillProperties=false");
  if (options.dynamic) args.push("--dynamic");
  if (options.seed !== undefined) args.push("--seed", options.seed);
  if (options.errors) args.push("--errors");
  return args;
}
