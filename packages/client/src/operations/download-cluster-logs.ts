// DownloadClusterLogs as a function of a connection. A program that does not call it bundles none of this, nor
// the operation's facts: nothing at the top of this module reads them.
import type { AidpConnection } from "../connection.js";
import {
  callHeaders,
  downloadClusterLogsFacts as facts,
  downloadClusterLogsSuccess as success,
} from "../generated/operations.js";
import type { OperationInput, SuccessHeaders } from "../operation-types.js";
import { CALL_OPTION_NAMES, type CallOptions, checkCallOptions } from "../options.js";
import { sendOperation } from "../send-operation.js";

type DownloadClusterLogsHeaders = SuccessHeaders<"downloadClusterLogs">;
type Export = typeof facts.asyncExport;

export type DownloadClusterLogsInput = OperationInput<"downloadClusterLogs">;

export interface DownloadClusterLogsJob {
  /**
   * The service's key of the export (what its Console and support name it by). Our spec has no operation that
   * reads an export's state: wait for the file with `waitForLogFile(job)`.
   */
  asyncOperationKey: DownloadClusterLogsHeaders[Export["operationKeyHeader"]];
  /**
   * Pre-authenticated URL of the log file: 404 until the export has written it (`waitForLogFile(job)` polls it). It is a bearer secret, so it is
   * not enumerable: logging or JSON-serialising the job does not print it.
   */
  readonly logParUrl: DownloadClusterLogsHeaders[Export["fileUrlHeader"]];
  requestId: DownloadClusterLogsHeaders[typeof callHeaders.requestId];
}

/** Starts an export of a cluster's logs; the job says where the file will be. */
export async function downloadClusterLogs(
  connection: AidpConnection,
  input: DownloadClusterLogsInput,
  callOptions?: CallOptions,
): Promise<DownloadClusterLogsJob> {
  checkCallOptions("downloadClusterLogs", callOptions, CALL_OPTION_NAMES);
  const { response } = await sendOperation(connection, "downloadClusterLogs", facts, input, callOptions);
  return headerFields(response, success.headers, {
    asyncOperationKey: facts.asyncExport.operationKeyHeader,
    logParUrl: facts.asyncExport.fileUrlHeader,
    requestId: callHeaders.requestId,
  });
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
