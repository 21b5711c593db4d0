// Non-2xx answers become AidpApiError, with one subclass per status the spec documents so callers can
// `instanceof` them. The request id comes from the response's request-id header (`x-aidp-call-header: request-id`).
import type { ApiErrorBody } from "@aidp/types";
import { AidpError, describeSentRequest } from "./errors.js";
import { redactSecretHeaders } from "./secret-headers.js";

export interface ApiErrorDetails {
  status: number;
  /** The answer's headers, as received (they are redacted here). Optional for errors made by hand, e.g. in tests. */
  headers?: Headers;
  body: unknown;
  requestId: string | undefined;
  operation: string;
  method: string;
  url: string;
}

/** The service answered with an error status. */
export class AidpApiError extends AidpError {
  declare readonly status: number;
  /** The service's error code (`InvalidParameter`, `IncorrectState`, ...), or `HttpError<status>` when the body had none. */
  declare readonly code: string;
  declare readonly requestId: string | undefined;
  /**
   * The answer's headers (`error.headers.get("retry-after")`), with the value of every header the spec marks
   * secret redacted.
   */
  declare readonly headers: Headers;
  /**
   * The answer's body, parsed: usually the spec's Error, `{ code, message }`; the text when it was not JSON, and
   * for a success status (an answer the client could not use: not a JSON object) always; undefined when it was
   * empty.
   */
  declare readonly body: unknown;
  declare readonly operation: string;
  declare readonly method: string;
  declare readonly url: string;

  constructor(details: ApiErrorDetails) {
    const { code, message } = readErrorBody(details.body, details.status);
    const sent = describeSentRequest(details);
    super(`${details.operation} failed with ${details.status} ${code}: ${message}${sent && ` (${sent})`}`);
    this.status = details.status;
    this.code = code;
    this.requestId = details.requestId;
    this.headers = redactSecretHeaders(details.headers);
    this.body = details.body === "" ? undefined : details.body;
    this.operation = details.operation;
    this.method = details.method;
    this.url = details.url;
  }
}

export class AidpBadRequestError extends AidpApiError {}
export class AidpUnauthorizedError extends AidpApiError {}
export class AidpNotFoundError extends AidpApiError {}
export class AidpConflictError extends AidpApiError {}
export class AidpPreconditionFailedError extends AidpApiError {}
export class AidpTooManyRequestsError extends AidpApiError {}
export class AidpInternalServerError extends AidpApiError {}

const ERROR_CLASS_BY_STATUS: Record<number, typeof AidpApiError> = {
  400: AidpBadRequestError,
  401: AidpUnauthorizedError,
  404: AidpNotFoundError,
  409: AidpConflictError,
  412: AidpPreconditionFailedError,
  429: AidpTooManyRequestsError,
  500: AidpInternalServerError,
};

export function createApiError(details: ApiErrorDetails): AidpApiError {
  const ErrorClass = ERROR_CLASS_BY_STATUS[details.status] ?? AidpApiError;
  return new ErrorClass(details);
}

/** Reads the spec's Error body; an empty or non-JSON body still gives a clear code and message. */
function readErrorBody(body: unknown, status: number): ApiErrorBody {
  const candidate = body as Partial<ApiErrorBody> | undefined;
  if (candidate && typeof candidate === "object" && typeof candidate.code === "string") {
    return {
      code: candidate.code,
      message: typeof candidate.message === "string" ? candidate.message : "(no message)",
    };
  }
  const text = typeof body === "string" && body.trim() ? `body: ${body.slice(0, 200)}` : "empty body";
  return {
    code: `HttpError${status}`,
    message: `no error code; ${text}`,
  };
}
