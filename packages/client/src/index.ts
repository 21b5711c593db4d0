export {
  AidpApiError,
  AidpBadRequestError,
  AidpConflictError,
  AidpInternalServerError,
  AidpNotFoundError,
  AidpPreconditionFailedError,
  AidpTooManyRequestsError,
  AidpUnauthorizedError,
} from "./api-errors.js";
export * from "./auth/index.js";
export { type AidpClient, createAidpClient } from "./client.js";
export { type AidpConnection, type AidpConnectionOptions, createAidpConnection } from "./connection.js";
export { type DurationFlag, durationFlagMs } from "./duration-flag.js";
export { type Realm, realmDomains } from "./endpoint.js";
export {
  AidpAbortError,
  AidpConnectionError,
  AidpError,
  AidpNoAnswerError,
  AidpPaginationError,
  AidpTimeoutError,
  AidpValidationError,
  describeSentRequest,
  type SentRequestDetails,
  type ValidationIssue,
} from "./errors.js";
export { type AttemptLogLine, attemptLogger, type Logger } from "./logger.js";
export {
  describeNetworkFailure,
  NetworkFailure,
  type NetworkStep,
  type NetworkTimeLimits,
  networkFailureIn,
} from "./network-failure.js";
export {
  type DownloadClusterLogsInput,
  type DownloadClusterLogsJob,
  downloadClusterLogs,
} from "./operations/download-cluster-logs.js";
export {
  type SearchAuditLogsInput,
  type SearchAuditLogsItems,
  type SearchAuditLogsPage,
  searchAuditLogs,
  searchAuditLogsItems,
  searchAuditLogsPages,
} from "./operations/search-audit-logs.js";
export { type AidpClientOptions, type CallOptions, DEFAULT_TIMEOUT_MS, MAX_TIMER_MS } from "./options.js";
export type { ItemsIterator, PageOptions } from "./pagination.js";
export { RELATIVE_TIME_HELP, resolveRelativeTime } from "./relative-time.js";
export type { RetryOptions } from "./retry-policy.js";
export {
  AidpLogFileError,
  AidpLogFileNotReadyError,
  type LogFileJob,
  type LogFilePoll,
  logParUrlProblem,
  type WaitForLogFileOptions,
  waitForLogFile,
} from "./wait-for-log-file.js";
