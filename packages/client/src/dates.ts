// Date-time values are sent as RFC 3339 in UTC whatever the caller gives: a Date or an ISO string with any
// offset. (The OCI SDK sends local time; a server then reads another instant.)

// Not hour 24: a Date reads 24:00 as the next day's midnight, which RFC 3339 does not write.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt](?!24)\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The value as an RFC 3339 UTC string, or undefined when it is not a valid date-time. */
export function toUtcDateTime(value: unknown): string | undefined {
  const date =
    value instanceof Date
      ? value
      : typeof value === "string" &&
          RFC3339.test(value) &&
          // A day the month does not have (2025-02-30) would roll over into the next month.
          new Date(value.slice(0, 10)).getUTCDate() === +value.slice(8, 10)
        ? new Date(value)
        : undefined;
  const utc = isoOrNull(date);
  // A year outside 0000-9999 in UTC (0000-01-01T00:00:00+01:00 is in year -1) comes out as ±YYYYYY, not RFC 3339.
  return utc?.length === 24 ? utc : undefined;
}

/**
 * `toISOString()` of a valid Date, null for an invalid one (where toISOString would throw), undefined for no Date.
 * Not `toJSON()`, which answers the same but is an application's to override (some write local times with it).
 */
export function isoOrNull(date: Date | undefined): string | null | undefined {
  return date && (Number.isNaN(+date) ? null : date.toISOString());
}
