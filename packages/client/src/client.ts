// createAidpClient: one method per operation on top of openapi-fetch, plus pagination. Each call validates its
// input against the spec's facts, then goes through openapi-fetch with the operation's literal path and typed
// params/body, sent by the retrying transport; error answers become AidpApiError. `raw` is the same
// openapi-fetch client with the same transport as its fetch: signed, retried and logged alike.
import type { AuditLogSearchResultSummary, paths } from "@aidp/types";
import createClient, { type Client } from "openapi-fetch";
import { createApiError } from "./api-errors.js";
import { keptBodyRequest } from "./buffered-http.js";
import { startDeadline } from "./call-deadline.js";
import { clientAddress } from "./client-address.js";
import type { RegionResolution } from "./endpoint.js";
import { AidpValidationError } from "./errors.js";
import { callHeaders, operationFacts } from "./generated/operations.js";
import type { OperationId, OperationInput, SuccessHeaders, WireRequest } from "./operation-types.js";
import { type AidpClientOptions, type CallOptions, checkDurations, resolveTimeoutMs } from "./options.js";
import { type ItemsIterator, itemsOf, type PageOptions, paginate } from "./pagination.js";
import { prepareRequest } from "./prepare-request.js";
import { resolveRetryPolicy } from "./retry-policy.js";
import { type CallSettings, createTransport, type Transport } from "./transport.js";

type SearchAuditLogsHeaders = SuccessHeaders<"searchAuditLogs">;
type DownloadClusterLogsHeaders = SuccessHeaders<"downloadClusterLogs">;
type DownloadClusterLogsExport = (typeof operationFacts)["downloadClusterLogs"]["asyncExport"];

export interface SearchAuditLogsPage {
  items: AuditLogSearchResultSummary[];
  /**
   * The `opc-next-page` token, or undefined on the last page. Pass it as `page` to resume from here. On a page
   * an iterator cut short for `maxItems`, the token that fetched this page, so resuming skips nothing.
   */
  nextPage: SearchAuditLogsHeaders[(typeof operationFacts)["searchAuditLogs"]["pagination"]["nextPageHeader"]];
  requestId: SearchAuditLogsHeaders[typeof callHeaders.requestId];
}

export interface DownloadClusterLogsJob {
  /**
   * The service's key of the export (what its Console and support name it by). Our spec has no operation that
   * reads an export's state: wait for the file with `waitForLogFile(job)`.
   */
  asyncOperationKey: DownloadClusterLogsHeaders[DownloadClusterLogsExport["operationKeyHeader"]];
  /**
   * Pre-authenticated URL of the log file: 404 until the export has written it (`waitForLogFile(job)` polls it). It is a bearer secret, so it is
   * not enumerable: logging or JSON-serialising the job does not print it.
   */
  readonly logParUrl: DownloadClusterLogsHeaders[DownloadClusterLogsExport["fileUrlHeader"]];
  requestId: DownloadClusterLogsHeaders[typeof callHeaders.requestId];
}

export type SearchAuditLogsInput = OperationInput<"searchAuditLogs">;
/** Every record of a search, with `nextPage`: the page token to resume from. */
export type SearchAuditLogsItems = ItemsIterator<AuditLogSearchResultSummary>;
export type DownloadClusterLogsInput = OperationInput<"downloadClusterLogs">;

export interface AidpClient {
  searchAuditLogs(input: SearchAuditLogsInput, options?: CallOptions): Promise<SearchAuditLogsPage>;
  /** Every page from `input.page` (or the first), following `opc-next-page` until it is absent or a limit is reached. */
  searchAuditLogsPages(
    input: SearchAuditLogsInput,
    options?: CallOptions & PageOptions,
  ): AsyncGenerator<SearchAuditLogsPage>;
  /**
   * Every record of those pages, in order; its `nextPage` is the page token to resume from where the reading
   * stopped (see ItemsIterator).
   */
  searchAuditLogsItems(
    input: SearchAuditLogsInput,
    options?: CallOptions & PageOptions,
  ): SearchAuditLogsItems;
  downloadClusterLogs(
    input: DownloadClusterLogsInput,
    options?: CallOptions,
  ): Promise<DownloadClusterLogsJob>;
  /**
   * The underlying openapi-fetch client, for anything the methods above do not cover. Its requests go through
   * the same pipeline: signed with `auth`, retried (one opc-retry-token across attempts), timed out and logged.
   */
  readonly raw: Client<paths>;
}

// Records, not lists: an option added to CallOptions or PageOptions and not named here is a type error.
const CALL_OPTIONS: Record<keyof CallOptions, true> = {
  signal: true,
  retry: true,
  timeoutMs: true,
  deadlineMs: true,
};
const PAGE_OPTIONS: Record<keyof (CallOptions & PageOptions), true> = {
  ...CALL_OPTIONS,
  maxPages: true,
  maxItems: true,
};
const CALL_OPTION_NAMES = Object.keys(CALL_OPTIONS);
const PAGE_OPTION_NAMES = Object.keys(PAGE_OPTIONS);

export function createAidpClient(options: AidpClientOptions = {}): AidpClient {
  return createClientWith(options, {});
}

/** createAidpClient with regions looked up as `resolution` says (the Node entry's: files and variables too). */
export function createClientWith(options: AidpClientOptions, resolution: RegionResolution): AidpClient {
  const { baseUrl, rebase } = clientAddress(options, resolution);
  const defaultHeaders = {
    ...options.headers,
    ...(options.userAgent ? { "user-agent": options.userAgent } : {}),
  };
  // A bad policy or duration fails at creation, not at the first call.
  const clientRetry = resolveRetryPolicy(options.retry);
  checkDurations(options, "createAidpClient: ");
  const clientTimeoutMs = resolveTimeoutMs(options.timeoutMs);
  const signedTransport = createTransport({
    fetch: options.fetch ?? globalThis.fetch,
    auth: options.auth,
    logger: options.logger,
  });
  const transport: Transport = rebase
    ? async (request, call) => signedTransport(await rebase(request), call)
    : signedTransport;
  const raw = createClient<paths>({
    baseUrl,
    headers: defaultHeaders,
    Request: keptBodyRequest(),
    fetch: (request) =>
      transport(request, {
        operation: `${request.method} ${new URL(request.url).pathname}`,
        retry: clientRetry,
        timeoutMs: clientTimeoutMs,
        signal: request.signal,
        deadline: startDeadline(options.deadlineMs),
      }),
  });

  /** Validates, sends through `send` (openapi-fetch with the operation's path) and turns an error answer into AidpApiError. */
  async function call<Op extends OperationId, Result extends { response: Response; error?: unknown }>(
    operationId: Op,
    input: object,
    callOptions: CallOptions | undefined,
    send: (request: WireRequest<Op>, fetch: (request: Request) => Promise<Response>) => Promise<Result>,
  ): Promise<Result> {
    const request = prepareRequest(operationId, input, defaultHeaders);
    if (callOptions) checkDurations(callOptions, `${operationId}: options.`);
    const settings: CallSettings = {
      operation: operationId,
      retry:
        callOptions?.retry === undefined ? clientRetry : resolveRetryPolicy(options.retry, callOptions.retry),
      timeoutMs: resolveTimeoutMs(options.timeoutMs, callOptions?.timeoutMs),
      signal: callOptions?.signal,
      deadline: startDeadline(callOptions?.deadlineMs ?? options.deadlineMs),
    };
    const result = await send(request, (wire) => transport(wire, settings));
    if (!result.response.ok) {
      const { method, path } = operationFacts[operationId];
      throw createApiError({
        status: result.response.status,
        headers: result.response.headers,
        body: result.error,
        requestId: result.response.headers.get(callHeaders.requestId) ?? undefined,
        operation: operationId,
        method,
        url: result.response.url || `${baseUrl}${path}`,
      });
    }
    return result;
  }

  const searchFacts = operationFacts.searchAuditLogs;
  async function searchAuditLogs(
    input: SearchAuditLogsInput,
    callOptions?: CallOptions,
  ): Promise<SearchAuditLogsPage> {
    const { data, response } = await call("searchAuditLogs", input, callOptions, (request, fetch) =>
      raw.POST(searchFacts.path, { ...request, fetch }),
    );
    return {
      items: data?.[searchFacts.pagination.itemsField] ?? [],
      nextPage: response.headers.get(searchFacts.pagination.nextPageHeader) ?? undefined,
      requestId: response.headers.get(callHeaders.requestId) ?? undefined,
    };
  }

  async function* searchAuditLogsPages(
    input: SearchAuditLogsInput,
    pageOptions: CallOptions & PageOptions = {},
  ): AsyncGenerator<SearchAuditLogsPage> {
    checkCallOptions("searchAuditLogs", pageOptions, PAGE_OPTION_NAMES);
    // A retry token names one request (the service refuses it with another): the caller's goes with the first
    // page's request only, and each later page gets a fresh one of its own, as a call without a token does.
    let pageInput: SearchAuditLogsInput = input;
    yield* paginate(
      (page) => {
        const sent = searchAuditLogs(
          { ...pageInput, [searchFacts.pagination.pageParameter]: page },
          pageOptions,
        );
        pageInput = withoutRetryToken(input);
        return sent;
      },
      input[searchFacts.pagination.pageParameter],
      pageOptions,
    );
  }

  const downloadFacts = operationFacts.downloadClusterLogs;
  async function downloadClusterLogs(
    input: DownloadClusterLogsInput,
    callOptions?: CallOptions,
  ): Promise<DownloadClusterLogsJob> {
    const { response } = await call("downloadClusterLogs", input, callOptions, (request, fetch) =>
      raw.POST(downloadFacts.path, { ...request, fetch }),
    );
    return headerFields(response, downloadFacts.success.headers, {
      asyncOperationKey: downloadFacts.asyncExport.operationKeyHeader,
      logParUrl: downloadFacts.asyncExport.fileUrlHeader,
      requestId: callHeaders.requestId,
    });
  }

  return {
    searchAuditLogs: async (input, callOptions) => {
      checkCallOptions("searchAuditLogs", callOptions, CALL_OPTION_NAMES);
      return searchAuditLogs(input, callOptions);
    },
    searchAuditLogsPages,
    searchAuditLogsItems: (input, pageOptions) =>
      itemsOf(searchAuditLogsPages(input, pageOptions), input[searchFacts.pagination.pageParameter]),
    downloadClusterLogs: async (input, callOptions) => {
      checkCallOptions("downloadClusterLogs", callOptions, CALL_OPTION_NAMES);
      return downloadClusterLogs(input, callOptions);
    },
    raw,
  };
}

/** The input field sent as the opc-retry-token header, as the spec's facts name it (`opcRetryToken`). */
const RETRY_TOKEN_FIELD = Object.entries(operationFacts.searchAuditLogs.parameters).find(
  ([, parameter]) => parameter.in === "header" && parameter.name === callHeaders.retryToken,
)?.[0];

function withoutRetryToken(input: SearchAuditLogsInput): SearchAuditLogsInput {
  if (RETRY_TOKEN_FIELD === undefined || !(RETRY_TOKEN_FIELD in input)) return input;
  const { [RETRY_TOKEN_FIELD]: _dropped, ...rest } = input as Record<string, unknown>;
  return rest as SearchAuditLogsInput;
}

/**
 * Result fields read from response headers. A header the spec marks `x-aidp-secret` becomes a non-enumerable
 * field: JSON.stringify, console.log and object spreads do not show it.
 */
function headerFields<Header extends string, Field extends string>(
  response: Response,
  headers: Readonly<Record<Header, { readonly required?: boolean; readonly secret?: boolean }>>,
  fields: Readonly<Record<Field, Header>>,
): Record<Field, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [field, header] of Object.entries<Header>(fields)) {
    const secret = headers[header].secret === true;
    Object.defineProperty(result, field, {
      value: response.headers.get(header) ?? undefined,
      enumerable: !secret,
      writable: !secret,
      configurable: !secret,
    });
  }
  return result;
}

/** The options argument is a separate object; an API parameter put there by mistake is named, not dropped. */
function checkCallOptions(
  operationId: OperationId,
  callOptions: object | undefined,
  known: readonly string[],
) {
  const unknown = Object.keys(callOptions ?? {}).filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  throw new AidpValidationError(
    operationId,
    unknown.map((name) => ({
      field: `options.${name}`,
      rule: "additionalProperties",
      expected: `a call option (one of ${known.join(", ")}); API parameters go in the first argument`,
      value: "(not shown)",
    })),
  );
}
