// The mock's options: three modes (the stateful mock, Prism's static and dynamic mocks), chosen by what is given.
// The gateway is not one of them: it has its own options and start (`startGateway` of `@aidp/mock/gateway`).
import { MAX_EXPORT_READY_AFTER_MS } from "./cluster-log-exports.ts";
import { GATEWAY_OPTION_NAMES } from "./gateway/gateway-options.ts";
import { DEFAULT_HOST, type ServerOptions, validateServerOptions } from "./server-options.ts";

/** What the mock's own answers take, stateful or Prism's. */
export interface AnsweringOptions {
  /**
   * Seed of the generated data set and of `failRate`'s draws (and of `dynamic` responses): the same seed
   * answers the same. Default: a fixed seed.
   */
  seed?: string;
  /**
   * Answer 401 to requests without an `Authorization` header, as the service does (without checking the
   * signature; `verifySignatures` does). Default false: unsigned requests are answered.
   */
  requireAuth?: boolean;
}

/** What only the stateful mock (the default mode) takes. */
export interface StatefulOnlyOptions {
  /** How many audit records the generated data set has. Default 500. */
  records?: number;
  /** Serve these audit records (a JSON array, or NDJSON) instead of generated ones; checked at start. */
  recordsFile?: string;
  /** Share of requests (0 to 1) that fail with a random scripted fault, for soak tests. Default 0. */
  failRate?: number;
  /**
   * Check the OCI signature of every request: a PEM public key file, or a directory of `<key id>.pem` files
   * (each "/" of the key id written "_"). A bad or missing signature gets 401 saying what failed. Session-token
   * key ids (`ST$<jwt>`: resource and instance principals, OKE workload identity) are checked with the session key
   * in the token's `jwk` claim.
   */
  verifySignatures?: string;
  /**
   * How long (ms) a DownloadClusterLogs export takes before its log file is ready: until then its PAR URL
   * answers 404, as Object Storage does for an object not written yet. Default 0 (ready at once); at most
   * 3600000. The request header `x-aidp-mock-export-ready-after: MS` overrides it per export.
   */
  exportReadyAfterMs?: number;
  /**
   * The mock's clock in milliseconds since the epoch, for tests that move time (retry-token expiry, exports
   * becoming ready, a client clock off by minutes for `verifySignatures`). Default `Date.now`.
   */
  now?: () => number;
}

/** What only Prism's own mock (`static`/`dynamic`) takes. */
export interface PrismOnlyOptions {
  /** With `static`/`dynamic`: Prism answers spec violations with errors instead of log warnings. */
  errors?: boolean;
}

/**
 * Options of another mode, left out: a type error if given (a boolean may still be `false`, which means "off"
 * and is accepted at run time too).
 */
type Excluded<Options> = {
  [Name in keyof Options]?: Options[Name] extends boolean | undefined ? false : never;
};

/** The default mode: the stateful mock, in this process, with Prism checking every request and answer. */
export type StatefulMockOptions = ServerOptions &
  AnsweringOptions &
  StatefulOnlyOptions & { static?: false; dynamic?: false } & Excluded<PrismOnlyOptions>;

interface PrismModeSwitches {
  /** Prism's own mock answering with the spec's examples, no state (the behaviour before 0.2). */
  static: true;
  /** Prism's own mock generating responses from the schemas (json-schema-faker), no state. */
  dynamic: true;
}
/**
 * The other modes' switches are absent, not `false`, so that each value of a boolean switch picks one mode:
 * `startMock({ static: flag })` compiles (false: the stateful mock; true: Prism's).
 */
type NoSwitches<Switch extends keyof PrismModeSwitches> = { [Name in Switch]?: never };
type PrismMockOptionsOf<Mode extends keyof PrismModeSwitches> = ServerOptions &
  AnsweringOptions &
  PrismOnlyOptions &
  Pick<PrismModeSwitches, Mode> &
  NoSwitches<Exclude<keyof PrismModeSwitches, Mode>> &
  Excluded<StatefulOnlyOptions>;
/** `static: true`: Prism's own mock in a child process, answering with the spec's examples. */
export type StaticMockOptions = PrismMockOptionsOf<"static">;
/** `dynamic: true`: Prism's own mock in a child process, generating answers from the schemas. */
export type DynamicMockOptions = PrismMockOptionsOf<"dynamic">;

/**
 * How to run the mock: one of three modes, chosen by what is given. Nothing (or only the stateful mock's options)
 * is the stateful mock; `static: true` or `dynamic: true` is Prism's own mock. An option of another mode is a
 * type error, and a `TypeError` at run time.
 */
export type MockOptions = StatefulMockOptions | StaticMockOptions | DynamicMockOptions;

/** The mode a {@link MockOptions} chooses. */
type MockMode = "stateful" | "static" | "dynamic";

/** The options with their mode: what `startMock` switches on. */
export type ModeOptions =
  | { mode: "stateful"; options: StatefulMockOptions }
  | { mode: "static" | "dynamic"; options: StaticMockOptions | DynamicMockOptions };

/**
 * Every option of every mode, each optional: what a JavaScript caller or the command line may hand over before
 * {@link chooseMode} has checked it.
 */
export type UncheckedMockOptions = ServerOptions &
  AnsweringOptions &
  StatefulOnlyOptions &
  PrismOnlyOptions & { static?: boolean; dynamic?: boolean };

const MAX_RECORDS = 10_000_000;

/** The stateful mock's own options (a record, so that the compiler sees each one of the type is listed). */
const STATEFUL_ONLY = Object.keys({
  records: true,
  recordsFile: true,
  failRate: true,
  verifySignatures: true,
  exportReadyAfterMs: true,
  now: true,
} satisfies Record<keyof StatefulOnlyOptions, true>) as (keyof StatefulOnlyOptions)[];

/** The mode these options choose (not checked: see {@link chooseMode}). */
function modeOf(options: UncheckedMockOptions): MockMode {
  if (options.static === true) return "static";
  if (options.dynamic === true) return "dynamic";
  return "stateful";
}

/**
 * The options checked, with the one mode they choose; throws a `TypeError` naming the option and the rule it
 * breaks (the types say the same to TypeScript callers; JavaScript callers and the command line need this).
 */
export function chooseMode(options: UncheckedMockOptions): ModeOptions {
  const mode = modeOf(options);
  checkOptions(options, mode);
  switch (mode) {
    case "stateful":
      return { mode, options: options as StatefulMockOptions };
    case "static":
    case "dynamic":
      return { mode, options: options as StaticMockOptions | DynamicMockOptions };
  }
}

/** Throws a `TypeError` naming the option and the rule it breaks; once it returns, the options are a MockOptions. */
export function validateOptions(options: UncheckedMockOptions): asserts options is MockOptions {
  chooseMode(options);
}

function checkOptions(options: UncheckedMockOptions, mode: MockMode): void {
  const gatewayOption = GATEWAY_OPTION_NAMES.find(
    (name) => (options as Record<string, unknown>)[name] !== undefined,
  );
  if (gatewayOption) {
    throw new TypeError(
      `option "${gatewayOption}" belongs to the gateway: startGateway of "@aidp/mock/gateway" takes it, startMock does not`,
    );
  }
  validateServerOptions(options);
  const { seed, records, recordsFile, failRate, verifySignatures } = options;
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
  if (options.errors && mode === "stateful") {
    throw new TypeError(
      'option "errors" needs "static" or "dynamic" (the stateful mock always answers errors)',
    );
  }
  if (mode === "static" || mode === "dynamic") {
    const used = STATEFUL_ONLY.find((name) => options[name] !== undefined);
    if (used) {
      throw new TypeError(`option "${used}" needs the stateful mock (leave out "static" and "dynamic")`);
    }
  }
}

/** The `prism mock` arguments for these options (`static`/`dynamic` mode). */
export function prismMockArguments(
  specPath: string,
  mode: "static" | "dynamic",
  options: StaticMockOptions | DynamicMockOptions,
): string[] {
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
  if (mode === "dynamic") args.push("--dynamic");
  if (options.seed !== undefined) args.push("--seed", options.seed);
  if (options.errors) args.push("--errors");
  return args;
}
