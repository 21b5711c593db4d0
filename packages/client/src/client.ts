// createAidpClient: one method per operation on top of openapi-fetch, plus auto-pagination. Each call
// validates its input, then sends through the retrying transport and turns error answers into AidpApiError.
import type { AuditLogSearchResultSummary, paths } from "@aidp/types";
import createClient, { type Client } from "openapi-fetch";
import { createApiError } from "./api-errors.js";
import { resolveBaseUrl } from "./endpoint.js";
import { requestRules } from "./generated/request-rules.js";
import type { OperationId, OperationInput, OperationRules } from "./operation-types.js";
import type { AidpClientOptions, CallOptions } from "./options.js";
import { type PageOptions, paginate } from "./pagination.js";
import { prepareRequest } from "./prepare-request.js";
import { resolveRetryPolicy } from "./retry-policy.js";
import { createTransport } from "./transport.js";

export interface SearchAuditLogsPage {
  items: AuditLogSearchResultSummary[];
  /** The `opc-next-page` token, or undefined on the last page. */
  nextPage: string | undefined;
  requestId: string | undefined;
}

export interface DownloadClusterLogsJob {
  /** Track the export with GetAsyncOperation and this key. */
  asyncOperationKey: string | undefined;
  /**
   * Pre-authenticated URL of the log file, usable once the operation SUCCEEDED. It is a bearer secret, so it is
   * not enumerable: logging or JSON-serialising the job does not print it.
   */
  readonly logParUrl: string | undefined;
  requestId: string | undefined;
}

export type SearchAuditLogsInput = OperationInput<"searchAuditLogs">;
export type DownloadClusterLogsInput = OperationInput<"downloadClusterLogs">;

export interface AidpClient {
  searchAuditLogs(input: SearchAuditLogsInput): Promise<SearchAuditLogsPage>;
  /** Every page, following `opc-next-page` until it is absent (or `maxPages`/`maxItems` is reached). */
  searchAuditLogsPages(input: SearchAuditLogsInput & PageOptions): AsyncGenerator<SearchAuditLogsPage>;
  /** Every record of every page, in order. */
  searchAuditLogsItems(
    input: SearchAuditLogsInput & PageOptions,
  ): AsyncGenerator<AuditLogSearchResultSummary>;
  downloadClusterLogs(input: DownloadClusterLogsInput): Promise<DownloadClusterLogsJob>;
  /** The underlying openapi-fetch client, for anything the methods above do not cover. */
  readonly raw: Client<paths>;
}

const CALL_OPTION_NAMES = ["signal", "retry", "timeoutMs", "deadlineMs"] as const;

/** A fresh id in the charset opc-request-id allows. */
const newRequestId = () => crypto.randomUUID().replaceAll("-", "").toUpperCase();

export function createAidpClient(options: AidpClientOptions = {}): AidpClient {
  const baseUrl = resolveBaseUrl(options, options.auth?.region);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const defaultHeaders = {
    ...options.headers,
    ...(options.userAgent ? { "user-agent": options.userAgent } : {}),
  };
  resolveRetryPolicy(options.retry); // fail at creation on a bad policy, not at the first call
  const raw = createClient<paths>({ baseUrl, headers: defaultHeaders, fetch: fetchImpl });

  async function call(operationId: OperationId, input: Record<string, unknown> & CallOptions) {
    const rules: OperationRules = requestRules[operationId];
    const withIds = {
      opcRequestId: newRequestId(),
      opcRetryToken: crypto.randomUUID(),
      ...dropUndefined(input),
    };
    const prepared = prepareRequest(operationId, rules, withIds, defaultHeaders);
    const deadlineMs = input.deadlineMs ?? options.deadlineMs;
    const timeoutMs = input.timeoutMs ?? options.timeoutMs;
    const transport = createTransport({
      operation: operationId,
      fetch: fetchImpl,
      retry: resolveRetryPolicy(options.retry, input.retry),
      auth: options.auth,
      logger: options.logger,
      timeoutMs,
      callerSignal: input.signal,
      deadlineSignal: deadlineMs !== undefined ? AbortSignal.timeout(deadlineMs) : undefined,
    });
    const { data, error, response } = await raw.request(
      rules.method.toLowerCase() as "post",
      rules.path as never,
      {
        params: { path: prepared.path, query: prepared.query, header: prepared.headers },
        body: prepared.body,
        fetch: transport,
      } as never,
    );
    const requestId = response.headers.get("opc-request-id") ?? undefined;
    if (!response.ok) {
      throw createApiError({
        status: response.status,
        body: error,
        requestId,
        operation: operationId,
        method: rules.method,
        url: response.url || `${baseUrl}${rules.path}`,
      });
    }
    return { data: data as unknown, response, requestId };
  }

  async function searchAuditLogs(input: SearchAuditLogsInput): Promise<SearchAuditLogsPage> {
    const { data, response, requestId } = await call("searchAuditLogs", input as never);
    const items = (data as { items?: AuditLogSearchResultSummary[] } | undefined)?.items ?? [];
    return { items, nextPage: response.headers.get("opc-next-page") ?? undefined, requestId };
  }

  async function downloadClusterLogs(input: DownloadClusterLogsInput): Promise<DownloadClusterLogsJob> {
    const { response, requestId } = await call("downloadClusterLogs", input as never);
    const job = {
      asyncOperationKey: response.headers.get("aidp-async-operation-key") ?? undefined,
      requestId,
    } as DownloadClusterLogsJob;
    Object.defineProperty(job, "logParUrl", {
      value: response.headers.get("datalake-cluster-log-par-url") ?? undefined,
      enumerable: false,
    });
    return job;
  }

  function searchAuditLogsPages(input: SearchAuditLogsInput & PageOptions) {
    return paginate((page) => searchAuditLogs({ ...input, ...(page ? { page } : {}) }), input);
  }

  async function* searchAuditLogsItems(input: SearchAuditLogsInput & PageOptions) {
    let yielded = 0;
    for await (const page of searchAuditLogsPages({ ...input, maxItems: undefined })) {
      for (const item of page.items) {
        if (input.maxItems !== undefined && yielded >= input.maxItems) return;
        yielded++;
        yield item;
      }
    }
  }

  return { searchAuditLogs, searchAuditLogsPages, searchAuditLogsItems, downloadClusterLogs, raw };
}

function dropUndefined(input: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined && !(CALL_OPTION_NAMES as readonly string[]).includes(key)) kept[key] = value;
  }
  return kept;
}
