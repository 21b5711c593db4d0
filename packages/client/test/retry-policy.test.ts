// The retry policy of a call (client layer, then call layer, field by field over the defaults) and the one
// decision taken after each failed attempt: retry or not, and how long to wait.
import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, decideRetry, resolveRetryPolicy } from "../src/retry-policy.ts";

describe("resolveRetryPolicy", () => {
  it.each([
    ["no layer", [], DEFAULT_RETRY],
    ["client false", [false], { ...DEFAULT_RETRY, maxAttempts: 1 }],
    ["client false, call maxAttempts", [false, { maxAttempts: 3 }], { ...DEFAULT_RETRY, maxAttempts: 3 }],
    [
      "client delays, call maxAttempts",
      [{ baseDelayMs: 5 }, { maxAttempts: 2 }],
      { ...DEFAULT_RETRY, baseDelayMs: 5, maxAttempts: 2 },
    ],
    [
      "client policy, call false",
      [{ maxAttempts: 9, baseDelayMs: 5 }, false],
      { ...DEFAULT_RETRY, maxAttempts: 1 },
    ],
    [
      "an undefined field sets nothing",
      [{ maxDelayMs: 10 }, { maxDelayMs: undefined }],
      { ...DEFAULT_RETRY, maxDelayMs: 10 },
    ],
  ] as const)("%s", (_name, layers, expected) => {
    expect(resolveRetryPolicy(...layers)).toEqual(expected);
  });

  it.each([
    [{ maxAttempts: 0 }, "retry.maxAttempts must be an integer >= 1, got 0."],
    [{ baseDelayMs: -1 }, "retry.baseDelayMs must be a number >= 0, got -1."],
    [{ maxDelayMs: Number.NaN }, "retry.maxDelayMs must be a number >= 0, got NaN."],
    [{ maxRetries: 3 }, "retry.maxRetries is not a retry option (maxAttempts, baseDelayMs, maxDelayMs)."],
    [true, "retry must be an object or false, got true."],
  ])("names the bad option: %j", (layer, message) => {
    expect(() => resolveRetryPolicy(layer as never)).toThrow(new TypeError(message));
  });
});

describe("decideRetry", () => {
  const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 };
  const half = () => 0.5;

  it.each([
    ["a failure that is not retriable", { attempt: 1, retriable: false }, { retry: false }],
    ["backoff with jitter after attempt 1", { attempt: 1, retriable: true }, { retry: true, waitMs: 50 }],
    ["backoff doubles after attempt 2", { attempt: 2, retriable: true }, { retry: true, waitMs: 100 }],
    [
      "no attempt left",
      { attempt: 3, retriable: true },
      { retry: false, reason: "retry.maxAttempts (3) reached" },
    ],
    [
      "Retry-After under the cap",
      { attempt: 1, retriable: true, retryAfterMs: 1_000 },
      { retry: true, waitMs: 1_000 },
    ],
    [
      "Retry-After beyond the cap",
      { attempt: 1, retriable: true, retryAfterMs: 1_001 },
      { retry: false, reason: "Retry-After of 1001 ms is beyond retry.maxDelayMs (1000 ms)" },
    ],
    [
      "Retry-After ending just before the deadline",
      { attempt: 1, retriable: true, retryAfterMs: 500, deadline: { deadlineMs: 2_000, msLeft: 501 } },
      { retry: true, waitMs: 500 },
    ],
    [
      "Retry-After ending at the deadline",
      { attempt: 1, retriable: true, retryAfterMs: 500, deadline: { deadlineMs: 2_000, msLeft: 500 } },
      {
        retry: false,
        reason: "deadlineMs 2000 ends before the next attempt: Retry-After of 500 ms, 500 ms left",
        deadlineTooNear: true,
      },
    ],
    [
      "backoff ending past the deadline",
      { attempt: 1, retriable: true, deadline: { deadlineMs: 2_000, msLeft: 40.4 } },
      {
        retry: false,
        reason: "deadlineMs 2000 ends before the next attempt: backoff of 50 ms, 40 ms left",
        deadlineTooNear: true,
      },
    ],
    [
      "a deadline already passed, even with no wait",
      { attempt: 1, retriable: true, retryAfterMs: 0, deadline: { deadlineMs: 2_000, msLeft: -3 } },
      {
        retry: false,
        reason: "deadlineMs 2000 ends before the next attempt: Retry-After of 0 ms, 0 ms left",
        deadlineTooNear: true,
      },
    ],
    [
      "no attempt left: that reason, whatever the deadline",
      { attempt: 3, retriable: true, deadline: { deadlineMs: 2_000, msLeft: 0 } },
      { retry: false, reason: "retry.maxAttempts (3) reached" },
    ],
    [
      "a failure that is not retriable says no reason, whatever the deadline",
      { attempt: 1, retriable: false, deadline: { deadlineMs: 2_000, msLeft: 0 } },
      { retry: false },
    ],
  ])("%s", (_name, failed, expected) => {
    expect(decideRetry(policy, failed, half)).toEqual(expected);
  });

  it("caps the backoff at maxDelayMs", () => {
    expect(
      decideRetry(
        { maxAttempts: 20, baseDelayMs: 500, maxDelayMs: 2_000 },
        { attempt: 10, retriable: true },
        () => 1,
      ),
    ).toEqual({
      retry: true,
      waitMs: 2_000,
    });
  });
});
