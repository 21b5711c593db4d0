// Relative times as people type them, for the tools built on the client (the `aidp` command line, the MCP
// server): one parser, so `24h` means the same everywhere.
// `--time-begin 24h` means 24 hours ago: a number and a unit, as people type it; `2025-03-30` (a date) means its
// midnight UTC. Anything else is passed on unchanged for the client to check as an RFC 3339 date-time.
import { toUtcDateTime } from "./dates.js";

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const RELATIVE = /^(\d+)([smhdw])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function resolveRelativeTime(value: string, now: number = Date.now()): string {
  if (DATE.test(value.trim())) {
    const midnight = `${value.trim()}T00:00:00Z`;
    // A date the calendar does not have (2025-02-30) is left as typed, for the validation to refuse in the user's
    // terms rather than as the midnight made of it.
    return toUtcDateTime(midnight) === undefined ? value : midnight;
  }
  const match = RELATIVE.exec(value.trim());
  if (!match) return value;
  const [, amount, unit] = match;
  const time = new Date(now - Number(amount) * (UNIT_MS[unit as string] as number));
  // Before year 0 (or beyond a Date): no RFC 3339 date-time says it, so it is left as typed, for the validation to
  // refuse in the user's terms rather than as "Invalid time value".
  return toUtcDateTime(time) ?? value;
}

export const RELATIVE_TIME_HELP =
  "RFC 3339 (2025-03-16T08:00:00Z), a date (2025-03-16, midnight UTC), or relative to now: 30m, 24h, 7d, 2w";
