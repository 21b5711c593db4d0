// SearchAuditLogs as functions of a connection: one page, every page, every record. A program that calls none of
// them bundles none of this, nor the operation's facts: nothing at the top of this module reads them.
import type { AuditLogSearchResultSummary } from "@aidp/types";
import type { AidpConnection } from "../connection.js";
import type { ValidationIssue } from "../errors.js";
import {
  callHeaders,
  searchAuditLogsFacts as facts,
  searchAuditLogsPageSize as pageSize,
} from "../generated/operations.js";
import type { OperationInput, SuccessHeaders } from "../operation-types.js";
import { CALL_OPTION_NAMES, type CallOptions, checkCallOptions } from "../options.js";
import { type ItemsIterator, itemsOf, type PageOptions, paginate } from "../pagination.js";
import { checkValue } from "../request-validation.js";
import { sendOperation } from "../send-operation.js";

type SearchAuditLogsHeaders = SuccessHeaders<"searchAuditLogs">;
type Pagination = typeof facts.pagination;

export type SearchAuditLogsInput = OperationInput<"searchAuditLogs">;

export interface SearchAuditLogsPage {
  items: AuditLogSearchResultSummary[];
  /**
   * The `opc-next-page` token, or undefined on the last page. Pass it as `page` to resume from here. On a page
   * an iterator cut short for `maxItems`, the token that fetched this page, so resuming skips nothing.
   */
  nextPage: SearchAuditLogsHeaders[Pagination["nextPageHeader"]];
  requestId: SearchAuditLogsHeaders[typeof callHeaders.requestId];
}

/** Every record of a search, with `nextPage`: the page token to resume from. */
export type SearchAuditLogsItems = ItemsIterator<AuditLogSearchResultSummary>;

/** One page of audit records. */
export async function searchAuditLogs(
  connection: AidpConnection,
  input: SearchAuditLogsInput,
  callOptions?: CallOptions,
): Promise<SearchAuditLogsPage> {
  checkCallOptions("searchAuditLogs", callOptions, CALL_OPTION_NAMES);
  return searchPage(connection, input, callOptions);
}

async function searchPage(
  connection: AidpConnection,
  input: SearchAuditLogsInput,
  callOptions: CallOptions | undefined,
): Promise<SearchAuditLogsPage> {
  const { data, response } = await sendOperation(connection, "searchAuditLogs", facts, input, callOptions);
  const { itemsField, nextPageHeader } = facts.pagination;
  return {
    items: (data as Record<typeof itemsField, AuditLogSearchResultSummary[]> | undefined)?.[itemsField] ?? [],
    nextPage: response.headers.get(nextPageHeader) ?? undefined,
    requestId: response.headers.get(callHeaders.requestId) ?? undefined,
  };
}

/** Every page from `input.page` (or the first), following `opc-next-page` until it is absent or a limit is reached. */
export function searchAuditLogsPages(
  connection: AidpConnection,
  input: SearchAuditLogsInput,
  pageOptions: CallOptions & PageOptions = {},
): AsyncGenerator<SearchAuditLogsPage> {
  const { pageParameter } = facts.pagination;
  // A retry token names one request (the service refuses it with another): the caller's goes with the first
  // page's request only, and each later page gets a fresh one of its own, as a call without a token does.
  let laterPages: SearchAuditLogsInput | undefined;
  return paginate(
    "searchAuditLogs",
    (page, wanted) => {
      const thisPage = { ...(laterPages ?? input), [pageParameter]: page };
      laterPages ??= withoutRetryToken(input);
      // Every page asks for no more records than are left, the one with the caller's retry token too: a page cut
      // instead would give no token to resume from when it is the first (undefined reads as "the last page"). So a
      // re-run of a job must give the same maxItems, or its first request is another one and the service refuses
      // the token (409 InvalidatedRetryToken), which says so, where a cut page would have ended the reading early.
      return searchPage(connection, noMoreThan(thisPage, wanted), pageOptions);
    },
    // `?.`: a missing input (from plain JavaScript) fails the first next() with the validation's error, as every
    // paging failure does, not this call.
    input?.[pageParameter],
    pageOptions,
  );
}

/**
 * Every record of those pages, in order; its `nextPage` is the page token to resume from where the reading
 * stopped (see ItemsIterator).
 */
export function searchAuditLogsItems(
  connection: AidpConnection,
  input: SearchAuditLogsInput,
  pageOptions?: CallOptions & PageOptions,
): SearchAuditLogsItems {
  return itemsOf(
    searchAuditLogsPages(connection, input, pageOptions),
    input?.[facts.pagination.pageParameter],
  );
}

/**
 * The page's input asking for at most `wanted` records, when fewer than its page size (the one given, else the
 * service's default). A page size the validation refuses is left to it: replacing it would hide the mistake.
 */
function noMoreThan(input: SearchAuditLogsInput, wanted: number): SearchAuditLogsInput {
  if (wanted === Number.POSITIVE_INFINITY) return input; // no maxItems: nothing to ask for, on every page
  const given: unknown = input[pageSize.input];
  const size = given === undefined ? pageSize.serviceDefault : given;
  // The validation's own check of the page size, not a second copy of its rules.
  const issues: ValidationIssue[] = [];
  checkValue(facts.parameters[pageSize.input], size, pageSize.input, { issues, secretFields: new Set() });
  return issues.length === 0 && wanted < (size as number) ? { ...input, [pageSize.input]: wanted } : input;
}

function withoutRetryToken(input: SearchAuditLogsInput): SearchAuditLogsInput {
  // The input field sent as the opc-retry-token header, as the spec's facts name it (`opcRetryToken`).
  const retryTokenField = Object.entries(facts.parameters).find(
    ([, parameter]) =>
      parameter.in === "header" && "name" in parameter && parameter.name === callHeaders.retryToken,
  )?.[0];
  // Not an object (plain JavaScript): left for the validation to refuse.
  if (retryTokenField === undefined || typeof input !== "object" || !input || !(retryTokenField in input))
    return input;
  const { [retryTokenField]: _dropped, ...rest } = input as Record<string, unknown>;
  return rest as SearchAuditLogsInput;
}
