// SearchAuditLogs over a data set: filters, sort and pages. A page token is opaque to callers but stateless
// here: it carries the offset, a fingerprint of the query that made it and the data set's generation under a
// MAC (page-tokens.ts), so a token used with another query, after reset(), or edited, is refused with a 400
// that says why. Filtering costs time in proportion to the data set (the query is lower-cased once, not once
// per record) and yields to the event loop between slices, so one long search does not stall other clients.
import { createHash } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { SearchAuditLogsDetails } from "@aidp/types";
import type { AuditRecord } from "./audit-records.ts";
import { PageTokenError, PageTokens } from "./page-tokens.ts";

export { PageTokenError };

/** The body of SearchAuditLogs (`SearchAuditLogsDetails`), already checked by Prism. */
export type SearchDetails = SearchAuditLogsDetails;

/** The fields `query` looks into (case-insensitive substring). */
export const QUERY_FIELDS = ["objectName", "startedBy", "source", "payload"] as const;
const EXACT_FIELDS = ["objectType", "operation", "status", "startedBy", "objectName"] as const;
/** sortBy value -> record field. */
const SORT_FIELDS: Record<string, keyof AuditRecord> = { time: "timeOfLog" };

/** How many records are filtered between two turns of the event loop. */
const RECORDS_PER_TURN = 2_000;

export interface SearchPage {
  items: AuditRecord[];
  nextPage?: string;
}

export interface SearchInput {
  details: SearchDetails;
  limit: number;
  page?: string;
  /** The path's aiDataPlatformId: a token of one platform is not valid for another. */
  scope: string;
  /** Bumped by reset(): tokens issued before are refused. */
  generation: number;
  defaultSortBy: string;
}

/** A filter for these details, with the work that does not depend on the record (lower-casing the query, parsing the times) done once. */
export function compileFilter(details: SearchDetails): (record: AuditRecord) => boolean {
  const exact = EXACT_FIELDS.flatMap((field) =>
    details[field] === undefined ? [] : [[field, details[field]] as const],
  );
  const needle = details.query?.toLowerCase();
  const begin = details.timeBegin === undefined ? undefined : Date.parse(details.timeBegin);
  const end = details.timeEnd === undefined ? undefined : Date.parse(details.timeEnd);
  return (record) => {
    for (const [field, wanted] of exact) if (record[field] !== wanted) return false;
    if (needle !== undefined && !QUERY_FIELDS.some((field) => containsIgnoringCase(record[field], needle))) {
      return false;
    }
    if (begin !== undefined || end !== undefined) {
      const time = record.timeOfLog === undefined ? Number.NaN : Date.parse(record.timeOfLog);
      // timeBegin inclusive, timeEnd exclusive: consecutive windows never count a record twice.
      if (begin !== undefined && !(time >= begin)) return false;
      if (end !== undefined && !(time < end)) return false;
    }
    return true;
  };
}

/** Whether `value` contains the lower-cased `needle`; a needle longer than the value costs nothing. */
function containsIgnoringCase(value: string | undefined, needle: string): boolean {
  // Lower-casing may change a string's length only for a few characters (e.g. U+0130): compare generously.
  if (value === undefined || needle.length > value.length * 3) return false;
  return value.toLowerCase().includes(needle);
}

/** `DESC` when sorting by time (newest first), `ASC` otherwise, unless the request says. */
export function effectiveOrder(details: SearchDetails, defaultSortBy: string) {
  const sortBy = details.sortBy ?? defaultSortBy;
  const sortOrder = details.sortOrder ?? (sortBy === "time" ? "DESC" : "ASC");
  return { sortBy, sortOrder };
}

/** Sorted copy: by the field, then by position in the data set, so the order is total and stable. */
function sorted(records: readonly AuditRecord[], sortBy: string, sortOrder: string): AuditRecord[] {
  const field = SORT_FIELDS[sortBy] ?? (sortBy as keyof AuditRecord);
  const keyed = records.map((record, index) => {
    const value = record[field];
    const key = field === "timeOfLog" ? (value === undefined ? -Infinity : Date.parse(value)) : (value ?? "");
    return { record, index, key };
  });
  const direction = sortOrder === "DESC" ? -1 : 1;
  keyed.sort((a, b) => {
    const byKey = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    return direction * (byKey !== 0 ? byKey : a.index - b.index);
  });
  return keyed.map(({ record }) => record);
}

function fingerprint(input: SearchInput): string {
  const { sortBy, sortOrder } = effectiveOrder(input.details, input.defaultSortBy);
  const filters = Object.entries(input.details)
    .filter(([name]) => name !== "sortBy" && name !== "sortOrder")
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash("sha256")
    .update(JSON.stringify([input.scope, sortBy, sortOrder, filters]))
    .digest("base64url")
    .slice(0, 16);
}

/**
 * A cache of sorted, filtered results per query, so paging does not re-sort the data set per page. It holds the
 * result while it is being computed, too: 50 clients asking for the same first page at once share one filter
 * and sort instead of running 50 (which made their first pages take a second, bench section 6).
 */
export class AuditSearch {
  private readonly results = new Map<string, Promise<AuditRecord[]>>();
  private readonly tokens = new PageTokens();
  constructor(private readonly records: readonly AuditRecord[]) {}

  async search(input: SearchInput): Promise<SearchPage> {
    if (!(Number.isInteger(input.limit) && input.limit >= 1)) {
      throw new RangeError(`limit must be a positive integer, got ${input.limit}`); // checked before: a bug
    }
    const query = fingerprint(input);
    let offset = 0;
    if (input.page !== undefined) {
      const token = this.tokens.read(input.page);
      if (token.generation !== input.generation)
        throw new PageTokenError(
          "query parameter page was issued before the mock was reset; start from page 1",
        );
      if (token.query !== query)
        throw new PageTokenError(
          "query parameter page belongs to another query: send the same body (filters, sortBy, sortOrder) as the request that returned it",
        );
      offset = token.offset;
    }
    const all = await this.resultsOf(query, input);
    const items = all.slice(offset, offset + input.limit);
    const next = offset + input.limit;
    return next < all.length
      ? { items, nextPage: this.tokens.issue({ generation: input.generation, offset: next, query }) }
      : { items };
  }

  private resultsOf(query: string, input: SearchInput): Promise<AuditRecord[]> {
    let result = this.results.get(query);
    if (!result) {
      result = this.computeResults(input);
      if (this.results.size >= 256) this.results.clear(); // bounded memory under varied queries
      this.results.set(query, result);
      // A failed computation is not kept: the next request tries again.
      result.catch(() => {
        if (this.results.get(query) === result) this.results.delete(query);
      });
    }
    return result;
  }

  private async computeResults(input: SearchInput): Promise<AuditRecord[]> {
    const { sortBy, sortOrder } = effectiveOrder(input.details, input.defaultSortBy);
    const filter = compileFilter(input.details);
    const matching: AuditRecord[] = [];
    for (let start = 0; start < this.records.length; start += RECORDS_PER_TURN) {
      if (start > 0) await nextTurn(); // let other requests in between slices
      const end = Math.min(start + RECORDS_PER_TURN, this.records.length);
      for (let index = start; index < end; index++) {
        const record = this.records[index] as AuditRecord;
        if (filter(record)) matching.push(record);
      }
    }
    return sorted(matching, sortBy, sortOrder);
  }
}
