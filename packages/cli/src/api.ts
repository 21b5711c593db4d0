// The only module that calls @aidp/client's operations. The CLI builds each input from flags and `--body` at run
// time, so its shape is only known once the client has checked it: every call validates the input against the
// spec's rules (an unknown key, a wrong enum value, a missing field is an AidpValidationError naming the flag's
// field), which is why the flag-built record is handed over as the operation's input type here, in one place.
import type {
  AidpClient,
  CallOptions,
  DownloadClusterLogsInput,
  PageOptions,
  SearchAuditLogsInput,
} from "@aidp/client";

/** Input assembled from flags; the client validates it before anything is sent. */
export type FlagInput = Record<string, unknown>;

export function searchAuditLogsPage(client: AidpClient, input: FlagInput, options: CallOptions) {
  return client.searchAuditLogs(input as SearchAuditLogsInput, options);
}

export function searchAuditLogsPages(
  client: AidpClient,
  input: FlagInput,
  options: CallOptions & PageOptions,
) {
  return client.searchAuditLogsPages(input as SearchAuditLogsInput, options);
}

export function downloadClusterLogs(client: AidpClient, input: FlagInput, options: CallOptions) {
  return client.downloadClusterLogs(input as DownloadClusterLogsInput, options);
}
