// A command line's duration flag (`--timeout 30`, `--log-handle-hours 0.5`), for the tools built on the client
// (the `aidp` command line, the MCP server): one parser, so a flag is read, and refused, in the same words in both.
import { MAX_TIMER_MS } from "./options.js";

const MS_PER_UNIT = { seconds: 1_000, hours: 3_600_000 } as const;

/** The longest a duration that sets a timer may be: a longer timer fires at once (Node sets it to 1 ms). */
const TIMER_BOUND = { ms: MAX_TIMER_MS, why: "about 24.8 days, the longest a timer holds" };

export interface DurationFlag {
  /** The unit the flag counts in. Default: seconds. */
  unit?: keyof typeof MS_PER_UNIT;
  /**
   * The longest duration the flag takes, and why, for its refusal. Default: MAX_TIMER_MS, for a duration that sets
   * a timer (a longer one would end every attempt or wait at its start).
   */
  most?: { ms: number; why: string };
}

/**
 * The flag's positive number of units in milliseconds, or undefined when the flag is absent. Anything else is a
 * TypeError naming the flag and the rule, with the value as typed: the tool reports it as a usage error.
 */
export function durationFlagMs(
  flag: string,
  value: string | undefined,
  { unit = "seconds", most = TIMER_BOUND }: DurationFlag = {},
): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (value.trim() === "" || !Number.isFinite(count) || count <= 0)
    throw new TypeError(`${flag} must be a number of ${unit} greater than 0, e.g. 30 or 0.5, got "${value}"`);
  const ms = count * MS_PER_UNIT[unit];
  if (ms > most.ms)
    throw new TypeError(
      `${flag} must be at most ${most.ms / MS_PER_UNIT[unit]} ${unit} (${most.why}), got "${value}"`,
    );
  return ms;
}
