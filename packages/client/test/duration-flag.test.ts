// The duration flags of the tools built on the client (`aidp --timeout`, `aidp-mcp --log-handle-hours`): one
// reading, and one refusal naming the flag, the rule and the value as typed.
import { describe, expect, it } from "vitest";
import { durationFlagMs, MAX_TIMER_MS } from "../src/index.js";

describe("durationFlagMs", () => {
  it.each([
    ["30", {}, 30_000],
    ["0.5", {}, 500],
    [" 2 ", {}, 2_000],
    ["1.5", { unit: "hours" }, 5_400_000],
    // A log handle's lifetime is compared with the clock, not set as a timer: a bound of its own.
    ["1000", { unit: "hours", most: { ms: 8_760 * 3_600_000, why: "a year" } }, 3_600_000_000],
  ] as const)("reads %j (%j) as %d ms", (value, duration, ms) => {
    expect(durationFlagMs("--flag", value, duration)).toBe(ms);
  });

  it("is undefined for an absent flag", () => {
    expect(durationFlagMs("--flag", undefined)).toBeUndefined();
  });

  it.each(["", " ", "abc", "0", "-1", "Infinity", "NaN", "1e999"])(
    "refuses %j, naming the flag, the rule and the value as typed",
    (value) => {
      expect(() => durationFlagMs("--timeout", value)).toThrow(
        new TypeError(`--timeout must be a number of seconds greater than 0, e.g. 30 or 0.5, got "${value}"`),
      );
    },
  );

  it("refuses a timer longer than a timer holds, in the flag's unit", () => {
    expect(durationFlagMs("--timeout", String(MAX_TIMER_MS / 1000))).toBe(MAX_TIMER_MS);
    expect(() => durationFlagMs("--timeout", "99999999")).toThrow(
      '--timeout must be at most 2147483.647 seconds (about 24.8 days, the longest a timer holds), got "99999999"',
    );
    expect(() => durationFlagMs("--wait-hours", "1000", { unit: "hours" })).toThrow(
      `--wait-hours must be at most ${MAX_TIMER_MS / 3_600_000} hours`,
    );
  });

  it("refuses a duration past a bound of the flag's own, with its reason", () => {
    expect(() =>
      durationFlagMs("--log-handle-hours", "1e10", {
        unit: "hours",
        most: { ms: 8_760 * 3_600_000, why: "a year" },
      }),
    ).toThrow(new TypeError('--log-handle-hours must be at most 8760 hours (a year), got "1e10"'));
  });
});
