// The options of createAidpClient and of each call. Per-call options override the client's.
import type { AuthProvider } from "./auth/types.js";
import type { EndpointOptions } from "./endpoint.js";
import { AidpValidationError } from "./errors.js";
import type { Logger } from "./logger.js";
import type { RetryOptions } from "./retry-policy.js";

/** Options every call takes on top of its parameters. */
export interface CallOptions {
  /** Cancels the call at once, also during a backoff sleep; the call then throws AidpAbortError. */
  signal?: AbortSignal;
  /** Retry policy for this call, or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /**
   * Aborts an attempt that has not finished (headers and body) after this many milliseconds; it may be retried.
   * Default {@link DEFAULT_TIMEOUT_MS} (60 s, the read timeout of the OCI SDKs); `false` for no per-attempt limit.
   */
  timeoutMs?: number | false;
  /** Aborts the whole call, retries and backoff included, after this many milliseconds. */
  deadlineMs?: number;
}

export interface AidpClientOptions extends EndpointOptions, Omit<CallOptions, "signal"> {
  /** Signs every attempt with OCI request signing. Without it, requests go unsigned (fine for the mock). */
  auth?: AuthProvider;
  /** The fetch to send requests with; `globalThis.fetch` by default. */
  fetch?: typeof globalThis.fetch;
  /** Headers added to every request. */
  headers?: Record<string, string>;
  /** Sent as `user-agent` (runtimes that forbid setting it, such as browsers, drop it). */
  userAgent?: string;
  /** Receives one line per attempt; secrets are redacted before it sees anything. */
  logger?: Logger;
}

/** The per-attempt timeout when neither the client nor the call sets `timeoutMs`: 60 s, as the OCI SDKs read. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The longest timer the runtimes keep: a longer one fires at once (Node sets it to 1 ms). About 24.8 days. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `timeoutMs` and `deadlineMs`, when given, are a number of milliseconds above 0 (not NaN, negative or 0) that a
 * timer can hold; `timeoutMs` may also be `false`.
 */
export function checkDurations(options: Pick<CallOptions, "timeoutMs" | "deadlineMs">, where: string) {
  for (const name of ["timeoutMs", "deadlineMs"] as const) {
    const value: unknown = options[name];
    if (value === undefined || (value === false && name === "timeoutMs")) continue;
    if (!(typeof value === "number" && value > 0 && value <= MAX_TIMER_MS))
      throw new TypeError(
        `${where}${name} must be a number of ms > 0 and <= ${MAX_TIMER_MS}${name === "timeoutMs" ? ", or false" : ""}, got ${String(value)}.`,
      );
  }
}

/** The per-attempt timeout of a call: the call's, else the client's, else the default; undefined when turned off. */
export function resolveTimeoutMs(...layers: (number | false | undefined)[]): number | undefined {
  let timeoutMs: number | false = DEFAULT_TIMEOUT_MS;
  for (const layer of layers) if (layer !== undefined) timeoutMs = layer;
  return timeoutMs === false ? undefined : timeoutMs;
}

// A record, not a list: an option added to CallOptions and not named here is a type error.
const CALL_OPTIONS: Record<keyof CallOptions, true> = {
  signal: true,
  retry: true,
  timeoutMs: true,
  deadlineMs: true,
};
export const CALL_OPTION_NAMES = Object.keys(CALL_OPTIONS);

/** The options argument is a separate object; an API parameter put there by mistake is named, not dropped. */
export function checkCallOptions(
  operationId: string,
  callOptions: object | undefined,
  known: readonly string[],
) {
  const unknown = Object.keys(callOptions ?? {}).filter((name) => !known.includes(name));
  if (!unknown.length) return;
  throw new AidpValidationError(
    operationId,
    unknown.map((name) => ({
      field: `options.${name}`,
      rule: "additionalProperties",
      expected: `a call option (one of ${known.join(", ")}); API parameters go first`,
      value: "(not shown)",
    })),
  );
}
