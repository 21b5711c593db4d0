// Which failures are retried and how long to wait: exponential backoff with full jitter, capped, and the
// server's Retry-After honoured when it fits under the cap (the OCI SDK ignores it).

export interface RetryOptions {
  /** Attempts in all, the first included. Default 4. */
  maxAttempts?: number;
  /** Backoff base: attempt n waits a random time up to baseDelayMs * 2^(n-1). Default 500. */
  baseDelayMs?: number;
  /** No wait is longer; a Retry-After beyond it ends the retries with the error. Default 30000. */
  maxDelayMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };
const RETRY_FIELDS = ["maxAttempts", "baseDelayMs", "maxDelayMs"] as const satisfies (keyof RetryPolicy)[];

/**
 * The policy of one call from its layers (the client's `retry`, then the call's), field by field over the
 * defaults: a field no layer gives keeps its default. `false` means a single attempt; a later layer that gives
 * `maxAttempts` turns retries back on with the default waits.
 */
export function resolveRetryPolicy(...layers: (RetryOptions | false | undefined)[]): RetryPolicy {
  let given: RetryOptions = {};
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (layer === false) given = { maxAttempts: 1 };
    else given = { ...given, ...givenFields(layer) };
  }
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...given };
  for (const name of RETRY_FIELDS) {
    const value = policy[name];
    if (
      !Number.isFinite(value) ||
      value < 0 ||
      (name === "maxAttempts" && (value < 1 || !Number.isInteger(value)))
    ) {
      throw new TypeError(
        `retry.${name} must be ${name === "maxAttempts" ? "an integer >= 1" : "a number >= 0"}, got ${value}.`,
      );
    }
  }
  return policy;
}

/** The fields a layer sets (an `undefined` field sets nothing); anything but RetryOptions is named. */
function givenFields(layer: RetryOptions): RetryOptions {
  if (typeof layer !== "object" || layer === null)
    throw new TypeError(`retry must be an object of retry options or false, got ${String(layer)}.`);
  const given: RetryOptions = {};
  for (const [name, value] of Object.entries(layer)) {
    if (!(RETRY_FIELDS as readonly string[]).includes(name))
      throw new TypeError(`retry.${name} is not a retry option (${RETRY_FIELDS.join(", ")}).`);
    if (value !== undefined) given[name as keyof RetryOptions] = value;
  }
  return given;
}

/** What the transport does after an attempt that did not succeed. */
export type RetryDecision =
  | { retry: true; waitMs: number }
  | {
      retry: false;
      /** Why a retriable failure is not retried, for the log; absent when the failure is not retriable. */
      reason?: string;
    };

/** A failed attempt as the retry decision sees it. */
export interface FailedAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  retriable: boolean;
  /** The server's Retry-After, in milliseconds from now. */
  retryAfterMs?: number | undefined;
}

/**
 * The one place that decides whether a failed attempt is retried and how long to wait first: the server's
 * Retry-After when it fits under `maxDelayMs` (one beyond it ends the retries, so the caller gets the error now
 * rather than after a wait it did not allow), else exponential backoff with full jitter.
 */
export function decideRetry(
  policy: RetryPolicy,
  failed: FailedAttempt,
  random: () => number = Math.random,
): RetryDecision {
  if (!failed.retriable) return { retry: false };
  if (failed.attempt >= policy.maxAttempts)
    return { retry: false, reason: `retry.maxAttempts (${policy.maxAttempts}) reached` };
  if (failed.retryAfterMs === undefined)
    return { retry: true, waitMs: backoffDelay(policy, failed.attempt, random) };
  if (failed.retryAfterMs > policy.maxDelayMs)
    return {
      retry: false,
      reason: `Retry-After of ${failed.retryAfterMs} ms is beyond retry.maxDelayMs (${policy.maxDelayMs} ms)`,
    };
  return { retry: true, waitMs: failed.retryAfterMs };
}

const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);
/** 409 codes that mean "the resource is busy changing state", which passes. */
const TRANSIENT_CONFLICT_CODES = new Set(["IncorrectState"]);

export function isRetriableStatus(status: number, errorCode: string | undefined): boolean {
  if (RETRIED_STATUSES.has(status)) return true;
  return status === 409 && errorCode !== undefined && TRANSIENT_CONFLICT_CODES.has(errorCode);
}

function backoffDelay(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(random() * ceiling);
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
