// SearchAuditLogs over a data set: filters, sort and pages. A page token is opaque to callers but stateless
// here: it carries the offset, a fingerprint of the query that made it and the data set's generation, so a
// token used with another query, or after reset(), is refused with a 400 that says why.
import { createHash } from "node:crypto";
import type { SearchAuditLogsDetails } from "@aidp/types";
import type { AuditRecord } from "./audit-records.ts";

/** The body of SearchAuditLogs (`SearchAuditLogsDetails`), already checked by Prism. */
export type SearchDetails = SearchAuditLogsDetails;

/** The fields `query` looks into (case-insensitive substring). */
export const QUERY_FIELDS = ["objectName", "startedBy", "source", "payload"] as const;
const EXACT_FIELDS = ["objectType", "operation", "status", "startedBy", "objectName"] as const;
/** sortBy value -> record field. */
const SORT_FIELDS: Record<string, keyof AuditRecord> = { time: "timeOfLog" };

export class PageTokenError extends Error {}

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

export function matches(record: AuditRecord, details: SearchDetails): boolean {
  for (const field of EXACT_FIELDS) {
    const wanted = details[field];
    if (wanted !== undefined && record[field] !== wanted) return false;
  }
  if (details.query !== undefined) {
    const needle = details.query.toLowerCase();
    if (!QUERY_FIELDS.some((field) => record[field]?.toLowerCase().includes(needle))) return false;
  }
  if (details.timeBegin !== undefined || details.timeEnd !== undefined) {
    const time = record.timeOfLog === undefined ? Number.NaN : Date.parse(record.timeOfLog);
    // timeBegin inclusive, timeEnd exclusive: consecutive windows never count a record twice.
    if (details.timeBegin !== undefined && !(time >= Date.parse(details.timeBegin))) return false;
    if (details.timeEnd !== undefined && !(time < Date.parse(details.timeEnd))) return false;
  }
  return true;
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

function encodeToken(generation: number, offset: number, query: string): string {
  return Buffer.from(JSON.stringify({ g: generation, o: offset, q: query })).toString("base64url");
}

function decodeToken(token: string): { g: number; o: number; q: string } | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (Number.isInteger(value.g) && Number.isInteger(value.o) && value.o >= 0 && typeof value.q === "string")
      return value;
  } catch {
    // not one of ours
  }
  return undefined;
}

/** A cache of sorted, filtered results per query, so paging does not re-sort the data set per page. */
export class AuditSearch {
  private readonly results = new Map<string, AuditRecord[]>();
  constructor(private readonly records: readonly AuditRecord[]) {}

  search(input: SearchInput): SearchPage {
    const query = fingerprint(input);
    let offset = 0;
    if (input.page !== undefined) {
      const token = decodeToken(input.page);
      if (!token) throw new PageTokenError("query parameter page is not a page token this mock issued");
      if (token.g !== input.generation)
        throw new PageTokenError(
          "query parameter page was issued before the mock was reset; start from page 1",
        );
      if (token.q !== query)
        throw new PageTokenError(
          "query parameter page belongs to another query: send the same body (filters, sortBy, sortOrder) as the request that returned it",
        );
      offset = token.o;
    }
    const all = this.resultsOf(query, input);
    const items = all.slice(offset, offset + input.limit);
    const next = offset + input.limit;
    return next < all.length ? { items, nextPage: encodeToken(input.generation, next, query) } : { items };
  }

  private resultsOf(query: string, input: SearchInput): AuditRecord[] {
    let result = this.results.get(query);
    if (!result) {
      const { sortBy, sortOrder } = effectiveOrder(input.details, input.defaultSortBy);
      result = sorted(
        this.records.filter((record) => matches(record, input.details)),
        sortBy,
        sortOrder,
      );
      if (this.results.size >= 256) this.results.clear(); // bounded memory under varied queries
      this.results.set(query, result);
    }
    return result;
  }
}
