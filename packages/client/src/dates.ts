// Date-time values are sent as RFC 3339 in UTC whatever the caller gives: a Date or an ISO string with any
// offset. (The OCI SDK sends local time; a server then reads another instant.)

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The value as an RFC 3339 UTC string, or undefined when it is not a valid date-time. */
export function toUtcDateTime(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value !== "string" || !RFC3339.test(value)) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}
