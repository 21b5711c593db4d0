// Date-time values are sent as RFC 3339 in UTC whatever the caller gives: a Date or an ISO string with any
// offset. (The OCI SDK sends local time; a server then reads another instant.)

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

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
  return isoOrNull(date) ?? undefined;
}

/**
 * `toISOString()` of a valid Date, null for an invalid one (where toISOString would throw), undefined for no Date.
 * Not `toJSON()`, which answers the same but is an application's to override (some write local times with it).
 */
export function isoOrNull(date: Date | undefined): string | null | undefined {
  return date && (Number.isNaN(+date) ? null : date.toISOString());
}
