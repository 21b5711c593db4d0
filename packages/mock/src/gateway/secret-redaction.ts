// Secrets never reach a log line, the report or the record file. The gateway writes no header value anywhere,
// and as a second line of defence every text it writes about an exchange has that exchange's secret values
// (the Authorization headers, retry tokens, the PAR URL: the headers the spec marks `x-aidp-secret`) replaced.
import type { IncomingHttpHeaders } from "node:http";

const REDACTED = "<redacted>";

/** The values of `secretHeaders` among these header sets, longest first (so no part of one is left). */
export function secretValues(
  secretHeaders: Set<string>,
  ...headerSets: (Record<string, string> | IncomingHttpHeaders)[]
): string[] {
  const values = new Set<string>();
  for (const headers of headerSets) {
    for (const name of secretHeaders) {
      const value = headers[name];
      for (const one of Array.isArray(value) ? value : [value]) {
        if (typeof one === "string" && one.length >= 4) values.add(one);
      }
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) redacted = redacted.replaceAll(secret, REDACTED);
  return redacted;
}
