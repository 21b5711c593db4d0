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
export type {
  AidpClient,
  DownloadClusterLogsInput,
  DownloadClusterLogsJob,
  SearchAuditLogsInput,
  SearchAuditLogsPage,
} from "./client.js";
export { createAidpClient } from "./client.js";
export { type Realm, realmDomains } from "./endpoint.js";
export {
  AidpAbortError,
  AidpConnectionError,
  AidpError,
  AidpPaginationError,
  AidpTimeoutError,
  AidpValidationError,
  type ValidationIssue,
} from "./errors.js";
export type { AttemptLogLine, Logger } from "./logger.js";
export { type AidpClientOptions, type CallOptions, DEFAULT_TIMEOUT_MS } from "./options.js";
export type { PageOptions } from "./pagination.js";
export { RELATIVE_TIME_HELP, resolveRelativeTime } from "./relative-time.js";
export type { RetryOptions } from "./retry-policy.js";
