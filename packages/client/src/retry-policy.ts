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

/**
 * The policy of one call from its layers (the client's `retry`, then the call's), field by field over the
 * defaults: a field no layer gives (or gives as undefined) keeps its default. `false` means a single attempt; a
 * later layer that gives `maxAttempts` turns retries back on with the default waits.
 */
export function resolveRetryPolicy(...layers: (RetryOptions | false | undefined)[]): RetryPolicy {
  let given: RetryOptions = {};
  for (const layer of layers) {
    if (layer === false) given = { maxAttempts: 1 };
    else if (layer !== undefined) {
      if (typeof layer !== "object" || layer === null)
        throw new TypeError(`retry must be an object or false, got ${String(layer)}.`);
      for (const [name, value] of Object.entries(layer))
        if (value !== undefined) given = { ...given, [name]: value };
    }
  }
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...given };
  for (const [name, value] of Object.entries(policy)) {
    if (!(name in DEFAULT_RETRY))
      throw new TypeError(`retry.${name} is not a retry option (${Object.keys(DEFAULT_RETRY).join(", ")}).`);
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

/** What the transport does after an attempt that did not succeed. */
export type RetryDecision =
  | { retry: true; waitMs: number }
  | {
      retry: false;
      /** Why a retriable failure is not retried, for the log; absent when the failure is not retriable. */
      reason?: string;
      /** True when it is the call's deadline that leaves no time for the wait and the next attempt. */
      deadlineTooNear?: true;
    };

/** A failed attempt as the retry decision sees it. */
export interface FailedAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  retriable: boolean;
  /** The server's Retry-After, in milliseconds from now. */
  retryAfterMs?: number | undefined;
  /** The call's `deadlineMs` and how much of it is left now; absent when the call has no deadline. */
  deadline?: { deadlineMs: number; msLeft: number } | undefined;
}

/**
 * The one place that decides whether a failed attempt is retried and how long to wait first: the server's
 * Retry-After when it fits under `maxDelayMs` (one beyond it ends the retries, so the caller gets the error now
 * rather than after a wait it did not allow), else exponential backoff with full jitter. A wait that would end at
 * or past the call's deadline is not taken either: the next attempt could never be sent, so the call ends now
 * instead of announcing a retry and then running out of time in the middle of the wait.
 */
export function decideRetry(
  policy: RetryPolicy,
  failed: FailedAttempt,
  random: () => number = Math.random,
): RetryDecision {
  if (!failed.retriable) return { retry: false };
  if (failed.attempt >= policy.maxAttempts)
    return { retry: false, reason: `retry.maxAttempts (${policy.maxAttempts}) reached` };
  if (failed.retryAfterMs !== undefined && failed.retryAfterMs > policy.maxDelayMs)
    return {
      retry: false,
      reason: `Retry-After of ${failed.retryAfterMs} ms is beyond retry.maxDelayMs (${policy.maxDelayMs} ms)`,
    };
  const waitMs = failed.retryAfterMs ?? backoffDelay(policy, failed.attempt, random);
  const { deadline } = failed;
  if (deadline !== undefined && waitMs >= deadline.msLeft) {
    const wait = failed.retryAfterMs !== undefined ? "Retry-After" : "backoff";
    const msLeft = Math.max(0, Math.round(deadline.msLeft));
    return {
      retry: false,
      reason: `deadlineMs ${deadline.deadlineMs} ends before the next attempt: ${wait} of ${waitMs} ms, ${msLeft} ms left`,
      deadlineTooNear: true,
    };
  }
  return { retry: true, waitMs };
}

const RETRIED_STATUSES = [429, 500, 502, 503, 504];

/** `errorCode`: the body's `code` as it came. A 409 `IncorrectState` means the resource is busy changing state, which passes. */
export function isRetriableStatus(status: number, errorCode: unknown): boolean {
  return RETRIED_STATUSES.includes(status) || (status === 409 && errorCode === "IncorrectState");
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
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
