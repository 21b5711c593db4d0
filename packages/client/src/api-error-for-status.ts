// The AidpApiError subclass of a status, for `instanceof` by status. Apart from the classes (./api-errors.ts) because
// the package's other entries take the classes from the main entry, which does not export this.
import {
  AidpApiError,
  AidpBadRequestError,
  AidpConflictError,
  AidpInternalServerError,
  AidpNotFoundError,
  AidpPreconditionFailedError,
  AidpTooManyRequestsError,
  AidpUnauthorizedError,
  type ApiErrorDetails,
} from "./api-errors.js";

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
