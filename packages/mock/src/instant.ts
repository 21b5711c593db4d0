// An RFC 3339 date-time as an instant (ms since the epoch). Date.parse knows no leap second: `23:59:60Z` is valid
// RFC 3339 (and to Prism, which let it through), but NaN to Date.parse, which made a search window match nothing
// and an export's log file fail with a 500. A leap second is read as the start of the next minute, the instant
// that follows it.

/** The instant of `text`, NaN when it is not a date-time. */
export function instantOf(text: string): number {
  const parsed = Date.parse(text);
  if (!Number.isNaN(parsed)) return parsed;
  const leap = /^(.+T\d\d:\d\d:)60(?:\.\d+)?(.*)$/i.exec(text);
  return leap ? Date.parse(`${leap[1]}59${leap[2]}`) + 1000 : Number.NaN;
}
