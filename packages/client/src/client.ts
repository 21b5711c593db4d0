// createAidpClient: every operation as a method of one object, plus pagination and `raw`. The methods are the
// operation functions (./operations/) bound to one connection; `raw` is openapi-fetch with the connection's
// transport as its fetch: signed, retried and logged alike. A program that calls one operation and wants only
// that one in its bundle uses createAidpConnection and the operation's function instead.
import type { paths } from "@aidp/types";
import createClient, { type Client } from "openapi-fetch";
import { customAuth } from "./auth/attempt-signing.js";
import { keptBodyRequest, outgoingRequestOf, responseOf } from "./buffered-http.js";
import { clientAddress } from "./client-address.js";
import { type AidpConnection, createAidpConnection } from "./connection.js";
import type { RegionResolution } from "./endpoint.js";
import { attemptLogger } from "./logger.js";
import {
  type DownloadClusterLogsInput,
  type DownloadClusterLogsJob,
  downloadClusterLogs,
} from "./operations/download-cluster-logs.js";
import {
  type SearchAuditLogsInput,
  type SearchAuditLogsItems,
  type SearchAuditLogsPage,
  searchAuditLogs,
  searchAuditLogsItems,
  searchAuditLogsPages,
} from "./operations/search-audit-logs.js";
import type { AidpClientOptions, CallOptions } from "./options.js";
import type { PageOptions } from "./pagination.js";

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
  /** The client's connection, for the operation functions: `searchAuditLogs(aidp.connection, input)`. */
  readonly connection: AidpConnection;
}

export function createAidpClient(options: AidpClientOptions = {}): AidpClient {
  return createClientWith(options, {});
}

/** createAidpClient with regions looked up as `resolution` says (the Node entry's: files and variables too). */
export function createClientWith(options: AidpClientOptions, resolution: RegionResolution): AidpClient {
  const { baseUrl, rebase } = clientAddress(options, resolution);
  // The object form takes any provider and logger as they are (the connection needs their attempt hooks).
  const { auth, logger } = options;
  const direct = createAidpConnection(
    {
      ...options,
      baseUrl,
      auth: auth && customAuth(auth),
      logger: logger && attemptLogger(logger),
    },
    "createAidpClient",
  );
  // Without a region yet (an instance principal's is read at the first call), every request moves onto the
  // region's address before it is signed and sent.
  const connection: AidpConnection = rebase
    ? { ...direct, transport: async (request, call) => direct.transport(await rebase(request), call) }
    : direct;
  const raw = createClient<paths>({
    baseUrl: connection.baseUrl,
    headers: connection.headers,
    Request: keptBodyRequest(),
    fetch: async (request) =>
      responseOf(
        await connection.transport(await outgoingRequestOf(request), {
          ...connection.callSettings(`${request.method} ${new URL(request.url).pathname}`),
          signal: request.signal,
          readAs: "bytes",
        }),
      ),
  });
  return {
    searchAuditLogs: (input, callOptions) => searchAuditLogs(connection, input, callOptions),
    searchAuditLogsPages: (input, pageOptions) => searchAuditLogsPages(connection, input, pageOptions),
    searchAuditLogsItems: (input, pageOptions) => searchAuditLogsItems(connection, input, pageOptions),
    downloadClusterLogs: (input, callOptions) => downloadClusterLogs(connection, input, callOptions),
    raw,
    connection,
  };
}
