import { MAX_EXPORT_READY_AFTER_MS } from "./cluster-log-exports.ts";

/** How to run the mock. Every field is optional. */
export interface MockOptions {
  /** TCP port; `0` (the default of `startMock`) picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** How many audit records the generated data set has. Default 500. */
  records?: number;
  /**
   * Seed of the generated data set and of `failRate`'s draws (and of `dynamic` responses): the same seed
   * answers the same. Default: a fixed seed.
   */
  seed?: string;
  /** Serve these audit records (a JSON array, or NDJSON) instead of generated ones; checked at start. */
  recordsFile?: string;
  /** Share of requests (0 to 1) that fail with a random scripted fault, for soak tests. Default 0. */
  failRate?: number;
  /**
   * Check the OCI signature of every request: a PEM public key file, or a directory of `<key id>.pem` files
   * (each "/" of the key id written "_"). A bad or missing signature gets 401 saying what failed.
   */
  verifySignatures?: string;
  /**
   * Answer 401 to requests without an `Authorization` header, as the service does (without checking the
   * signature; `verifySignatures` does). Default false: unsigned requests are answered.
   */
  requireAuth?: boolean;
  /**
   * How long (ms) a DownloadClusterLogs export takes before its log file is ready: until then its PAR URL
   * answers 404, as Object Storage does for an object not written yet. Default 0 (ready at once); at most
   * 3600000. The request header `x-aidp-mock-export-ready-after: MS` overrides it per export.
   */
  exportReadyAfterMs?: number;
  /**
   * The mock's clock in milliseconds since the epoch, for tests that move time (retry-token expiry, exports
   * becoming ready). Default `Date.now`.
   */
  now?: () => number;
  /** Prism's own mock answering with the spec's examples, no state (the behaviour before 0.2). */
  static?: boolean;
  /** Prism's own mock generating responses from the schemas (json-schema-faker), no state. */
  dynamic?: boolean;
  /** With `static`/`dynamic`: Prism answers spec violations with errors instead of log warnings. */
  errors?: boolean;
  /** How long to wait for the mock to answer HTTP, in milliseconds. Default 30000. */
  startTimeoutMs?: number;
  /** Receives every log line (one per request, and any contract violation). Default: lines are dropped. */
  onLog?: (line: string) => void;
}

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_START_TIMEOUT_MS = 30_000;
const MAX_RECORDS = 10_000_000;

/** Whether these options ask for Prism's stateless mock instead of the stateful one. */
export function isPrismMode(options: MockOptions): boolean {
  return options.static === true || options.dynamic === true;
}

const STATEFUL_ONLY = [
  "records",
  "recordsFile",
  "failRate",
  "verifySignatures",
  "exportReadyAfterMs",
  "now",
] as const;

/** Throws a `TypeError` naming the option and the rule it breaks. */
export function validateOptions(options: MockOptions): void {
  const { port, host, seed, records, recordsFile, failRate, verifySignatures, startTimeoutMs } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new TypeError(`option "port" must be an integer from 0 to 65535, got ${String(port)}`);
  }
  if (host !== undefined && (typeof host !== "string" || host.trim() === "")) {
    throw new TypeError(`option "host" must be a non-empty string, got ${JSON.stringify(host)}`);
  }
  if (seed !== undefined && (typeof seed !== "string" || seed === "")) {
    throw new TypeError(`option "seed" must be a non-empty string, got ${JSON.stringify(seed)}`);
  }
  if (records !== undefined && !(Number.isInteger(records) && records >= 0 && records <= MAX_RECORDS)) {
    throw new TypeError(
      `option "records" must be an integer from 0 to ${MAX_RECORDS}, got ${String(records)}`,
    );
  }
  if (records !== undefined && recordsFile !== undefined) {
    throw new TypeError('options "records" and "recordsFile" exclude each other (the file sets the records)');
  }
  for (const [name, value] of [
    ["recordsFile", recordsFile],
    ["verifySignatures", verifySignatures],
  ] as const) {
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      throw new TypeError(`option "${name}" must be a path, got ${JSON.stringify(value)}`);
    }
  }
  if (failRate !== undefined && !(typeof failRate === "number" && failRate >= 0 && failRate <= 1)) {
    throw new TypeError(`option "failRate" must be a number from 0 to 1, got ${String(failRate)}`);
  }
  const { exportReadyAfterMs, now } = options;
  if (
    exportReadyAfterMs !== undefined &&
    !(
      Number.isInteger(exportReadyAfterMs) &&
      exportReadyAfterMs >= 0 &&
      exportReadyAfterMs <= MAX_EXPORT_READY_AFTER_MS
    )
  ) {
    throw new TypeError(
      `option "exportReadyAfterMs" must be an integer from 0 to ${MAX_EXPORT_READY_AFTER_MS}, got ${String(exportReadyAfterMs)}`,
    );
  }
  if (now !== undefined && typeof now !== "function") {
    throw new TypeError(`option "now" must be a function returning milliseconds, got ${typeof now}`);
  }
  if (options.static && options.dynamic) {
    throw new TypeError('options "static" and "dynamic" exclude each other');
  }
  if (options.errors && !isPrismMode(options)) {
    throw new TypeError(
      'option "errors" needs "static" or "dynamic" (the stateful mock always answers errors)',
    );
  }
  if (isPrismMode(options)) {
    const used = STATEFUL_ONLY.filter((name) => options[name] !== undefined);
    if (used.length > 0) {
      throw new TypeError(`option "${used[0]}" needs the stateful mock (leave out "static" and "dynamic")`);
    }
  }
  if (startTimeoutMs !== undefined && !(Number.isFinite(startTimeoutMs) && startTimeoutMs > 0)) {
    throw new TypeError(`option "startTimeoutMs" must be a positive number, got ${String(startTimeoutMs)}`);
  }
}

/** The `prism mock` arguments for these options (`static`/`dynamic` mode). */
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
