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
const SINGLE_ATTEMPT: RetryPolicy = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

export function resolveRetryPolicy(...layers: (RetryOptions | false | undefined)[]): RetryPolicy {
  let policy = DEFAULT_RETRY;
  for (const layer of layers) {
    if (layer === false) policy = SINGLE_ATTEMPT;
    else if (layer) policy = { ...policy, ...layer };
  }
  for (const [name, value] of Object.entries(policy)) {
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

const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);
/** 409 codes that mean "the resource is busy changing state", which passes. */
const TRANSIENT_CONFLICT_CODES = new Set(["IncorrectState"]);

export function isRetriableStatus(status: number, errorCode: string | undefined): boolean {
  if (RETRIED_STATUSES.has(status)) return true;
  return status === 409 && errorCode !== undefined && TRANSIENT_CONFLICT_CODES.has(errorCode);
}

export function backoffDelay(
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
