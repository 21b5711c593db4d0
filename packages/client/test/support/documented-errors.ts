// Each error status the spec documents, with the class the client must throw for it (the expectation the
// error tests check, written once).
import {
  type AidpApiError,
  AidpBadRequestError,
  AidpConflictError,
  AidpInternalServerError,
  AidpNotFoundError,
  AidpPreconditionFailedError,
  AidpTooManyRequestsError,
  AidpUnauthorizedError,
} from "../../src/index.ts";

export const documentedErrorClasses: [number, typeof AidpApiError][] = [
  [400, AidpBadRequestError],
  [401, AidpUnauthorizedError],
  [404, AidpNotFoundError],
  [409, AidpConflictError],
  [412, AidpPreconditionFailedError],
  [429, AidpTooManyRequestsError],
  [500, AidpInternalServerError],
];
