// SearchAuditLogs over a data set: filters, sort and pages. A page token is opaque to callers but stateless
// here: it carries the offset, a fingerprint of the query that made it and the data set's generation under a
// MAC (page-tokens.ts), so a token used with another query, after reset(), or edited, is refused with a 400
// that says why. Filtering costs time in proportion to the data set (the query is lower-cased once, not once
// per record) and yields to the event loop between slices, so one long search does not stall other clients.

import { createHash } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { AuditRecord } from "./audit-records.ts";
import { instantOf } from "./instant.ts";
import { PageTokenError, PageTokens } from "./page-tokens.ts";
import type { SearchSemantics } from "./search-semantics.ts";

export { PageTokenError };

/** The body of the search, already checked by Prism: its fields as `searchSemanticsOf` reads them. */
export type SearchDetails = Readonly<Record<string, unknown>>;

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
  /** The request's path parameters: a token of one platform is not valid for another. */
  scope: Readonly<Record<string, string>>;
  /** Bumped by reset(): tokens issued before are refused. */
  generation: number;
}

/** A record's field, as the search reads it. */
const fieldOf = (record: AuditRecord, field: string): unknown => (record as Record<string, unknown>)[field];

/** A filter for these details, with the work that does not depend on the record (lower-casing the query, parsing the times) done once. */
function compileFilter(details: SearchDetails, semantics: SearchSemantics): (record: AuditRecord) => boolean {
  const exact = semantics.exactFields.flatMap((field) =>
    details[field] === undefined ? [] : [[field, details[field]] as const],
  );
  const query = details[semantics.freeTextField];
  const needle = typeof query === "string" ? query.toLowerCase() : undefined;
  const timeOf = (field: string | undefined) => {
    const value = field === undefined ? undefined : details[field];
    return typeof value === "string" ? instantOf(value) : undefined;
  };
  const begin = timeOf(semantics.window?.from);
  const end = timeOf(semantics.window?.to);
  return (record) => {
    for (const [field, wanted] of exact) if (fieldOf(record, field) !== wanted) return false;
    if (
      needle !== undefined &&
      !semantics.freeTextReads.some((field) => containsIgnoringCase(fieldOf(record, field), needle))
    ) {
      return false;
    }
    if (begin !== undefined || end !== undefined) {
      const value = fieldOf(record, semantics.recordTime);
      const time = typeof value === "string" ? instantOf(value) : Number.NaN;
      // The window's start inclusive, its end exclusive: consecutive windows never count a record twice.
      if (begin !== undefined && !(time >= begin)) return false;
      if (end !== undefined && !(time < end)) return false;
    }
    return true;
  };
}

/** Whether `value` contains the lower-cased `needle`; a needle longer than the value costs nothing. */
function containsIgnoringCase(value: unknown, needle: string): boolean {
  // Lower-casing may change a string's length only for a few characters (e.g. U+0130): compare generously.
  if (typeof value !== "string" || needle.length > value.length * 3) return false;
  return value.toLowerCase().includes(needle);
}

/** The sort the details ask for, or the spec's default, in the direction they ask for or the mock's default. */
function effectiveOrder(details: SearchDetails, semantics: SearchSemantics) {
  const asked = details[semantics.sortField];
  const sortBy = typeof asked === "string" ? asked : semantics.defaultSort;
  const order = details[semantics.orderField];
  const sortOrder = typeof order === "string" ? order : semantics.defaultOrder(sortBy);
  return { sortBy, sortOrder };
}

/** Sorted copy: by the field, then by position in the data set, so the order is total and stable. */
function sorted(
  records: readonly AuditRecord[],
  { sortBy, sortOrder }: { sortBy: string; sortOrder: string },
  semantics: SearchSemantics,
): AuditRecord[] {
  const field = semantics.sortFields[sortBy] ?? sortBy;
  const keyed = records.map((record, index) => {
    const value = fieldOf(record, field);
    const key =
      field === semantics.recordTime
        ? typeof value === "string"
          ? instantOf(value)
          : Number.NEGATIVE_INFINITY
        : String(value ?? "");
    return { record, index, key };
  });
  const direction = sortOrder === semantics.descending ? -1 : 1;
  keyed.sort((a, b) => {
    const byKey = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    return direction * (byKey !== 0 ? byKey : a.index - b.index);
  });
  return keyed.map(({ record }) => record);
}

function fingerprint(input: SearchInput, semantics: SearchSemantics): string {
  const { sortBy, sortOrder } = effectiveOrder(input.details, semantics);
  const filters = Object.entries(input.details)
    .filter(([name]) => name !== semantics.sortField && name !== semantics.orderField)
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
  constructor(
    private readonly records: readonly AuditRecord[],
    private readonly semantics: SearchSemantics,
  ) {}

  async search(input: SearchInput): Promise<SearchPage> {
    if (!(Number.isInteger(input.limit) && input.limit >= 1)) {
      throw new RangeError(`limit must be a positive integer, got ${input.limit}`); // checked before: a bug
    }
    const query = fingerprint(input, this.semantics);
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
    const order = effectiveOrder(input.details, this.semantics);
    const filter = compileFilter(input.details, this.semantics);
    const matching: AuditRecord[] = [];
    for (let start = 0; start < this.records.length; start += RECORDS_PER_TURN) {
      if (start > 0) await nextTurn(); // let other requests in between slices
      const end = Math.min(start + RECORDS_PER_TURN, this.records.length);
      for (let index = start; index < end; index++) {
        const record = this.records[index] as AuditRecord;
        if (filter(record)) matching.push(record);
      }
    }
    return sorted(matching, order, this.semantics);
  }
}
