// How the mock's search reads a request: what the spec says (which body fields are record fields, the time
// window, the record's time, the sort values and the default sort) read from the facts, plus the few choices
// the spec leaves to the mock, declared once below and checked against the facts when the mock starts, so that
// a renamed field stops the start with its name instead of silently matching nothing.
import { SpecFactsError } from "@aidp/spec/facts";
import { type SearchFacts, type TimeWindow, timeWindowOf } from "./spec-facts.ts";

/**
 * The mock's own choices for SearchAuditLogs, where the spec names a field but not what it does. The service's
 * behaviour is not documented; these are what the mock does (its README says so).
 */
export const MOCK_SEARCH_CHOICES = {
  /** The body field that is a free-text query (a case-insensitive substring)... */
  freeTextField: "query",
  /** ...of any of these record fields. */
  freeTextReads: ["objectName", "startedBy", "source", "payload"],
  /** The body field that names the sort; its values name record fields, except `timeSortValue`. */
  sortField: "sortBy",
  /** The sort value that sorts by the record's date-time field. */
  timeSortValue: "time",
  /** The body field that gives the direction, its two values, and the default: newest first for time. */
  orderField: "sortOrder",
  ascending: "ASC",
  descending: "DESC",
} as const;

/** What a search does with a request body, every name checked against the spec. */
export interface SearchSemantics {
  /** Body fields that are record fields too: an exact, case-sensitive match. */
  exactFields: string[];
  freeTextField: string;
  freeTextReads: readonly string[];
  /** The body's time window, applied to `recordTime` (from inclusive, to exclusive). */
  window: TimeWindow | undefined;
  /** The record's date-time field. */
  recordTime: string;
  sortField: string;
  orderField: string;
  /** Each sort value → the record field it sorts by. */
  sortFields: Record<string, string>;
  /** The sort when the request gives none: the spec's default of the sort field. */
  defaultSort: string;
  /** The direction of a sort the request gives no direction for. */
  defaultOrder(sort: string): string;
  descending: string;
}

export function searchSemanticsOf(search: SearchFacts): SearchSemantics {
  const choices = MOCK_SEARCH_CHOICES;
  const where = search.operation.operationId;
  const body = search.details.properties ?? {};
  const record = search.record.properties ?? {};
  const fail = (rule: string): never => {
    throw new SpecFactsError(`${where}: the mock's search ${rule}`);
  };
  for (const field of [choices.freeTextField, choices.sortField, choices.orderField])
    if (!body[field]) fail(`reads the body field ${field}, which the spec does not have`);
  for (const field of choices.freeTextReads)
    if (record[field]?.type !== "string")
      fail(`searches the record field ${field} as text, which is not a string field of a record`);
  const times = Object.entries(record).filter(([, schema]) => schema.format === "date-time");
  const [recordTime] = times.map(([name]) => name);
  if (times.length !== 1 || recordTime === undefined)
    return fail(`sorts by the record's one date-time field; a record has ${times.length}`);
  const order = body[choices.orderField]?.enum ?? [];
  if (!order.includes(choices.ascending) || !order.includes(choices.descending))
    fail(
      `reads ${choices.orderField} as ${choices.ascending} or ${choices.descending}; the spec allows ${order.join(", ")}`,
    );
  const sortFields: Record<string, string> = {};
  for (const value of body[choices.sortField]?.enum ?? []) {
    const field = value === choices.timeSortValue ? recordTime : String(value);
    if (!record[field]) fail(`sorts by ${choices.sortField} ${value}, which names no record field`);
    sortFields[String(value)] = field;
  }
  const defaultSort = body[choices.sortField]?.default;
  if (typeof defaultSort !== "string" || sortFields[defaultSort] === undefined)
    return fail(`needs a default ${choices.sortField} among its values`);
  return {
    exactFields: Object.keys(body).filter((field) => record[field] !== undefined),
    freeTextField: choices.freeTextField,
    freeTextReads: choices.freeTextReads,
    window: timeWindowOf(search.details),
    recordTime,
    sortField: choices.sortField,
    orderField: choices.orderField,
    sortFields,
    defaultSort,
    defaultOrder: (sort) => (sort === choices.timeSortValue ? choices.descending : choices.ascending),
    descending: choices.descending,
  };
}
