// The options of createAidpClient and of each call. Per-call options override the client's.
import type { AuthProvider } from "./auth/types.js";
import type { EndpointOptions } from "./endpoint.js";
import type { Logger } from "./logger.js";
import type { RetryOptions } from "./retry-policy.js";

/** Options every call takes on top of its parameters. */
export interface CallOptions {
  /** Cancels the call at once, also during a backoff sleep; the call then throws AidpAbortError. */
  signal?: AbortSignal;
  /** Retry policy for this call, or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /** Aborts an attempt that has not finished (headers and body) after this many milliseconds; it may be retried. */
  timeoutMs?: number;
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

/** `timeoutMs` and `deadlineMs`, when given, are a number of milliseconds above 0 (not NaN, negative or 0). */
export function checkDurations(options: Pick<CallOptions, "timeoutMs" | "deadlineMs">, where: string) {
  for (const name of ["timeoutMs", "deadlineMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      throw new TypeError(`${where}${name} must be a number of milliseconds greater than 0, got ${value}.`);
  }
}
