// The only module that calls @aidp/client's operations. It is written against the client's current call shape,
// where call options (signal, retry, maxItems...) are mixed into the input object. When the two-argument shape
// `(input, options)` lands (CONTRACTS.md section 1), the lead switches these three functions and nothing else:
//   client.searchAuditLogs(input, options), client.searchAuditLogsPages(input, options),
//   client.downloadClusterLogs(input, options).
import type {
  AidpClient,
  CallOptions,
  DownloadClusterLogsInput,
  PageOptions,
  SearchAuditLogsInput,
} from "@aidp/client";

export function searchAuditLogsPage(client: AidpClient, input: SearchAuditLogsInput, options: CallOptions) {
  return client.searchAuditLogs({ ...input, ...options });
}

export function searchAuditLogsPages(
  client: AidpClient,
  input: SearchAuditLogsInput,
  options: CallOptions & PageOptions,
) {
  return client.searchAuditLogsPages({ ...input, ...options });
}

export function downloadClusterLogs(
  client: AidpClient,
  input: DownloadClusterLogsInput,
  options: CallOptions,
) {
  return client.downloadClusterLogs({ ...input, ...options });
}
