// Each error status the spec documents, with the name of the class @aidp/client must throw for it: the
// expectation the client's error tests and the contract tests check, written once. This package does not
// depend on the client (the client's tests depend on it), so a test passes in the client's exports and gets
// the classes back.

/** Status → the name of the client's error class for it. */
export const DOCUMENTED_ERROR_CLASS_NAMES: readonly (readonly [number, string])[] = [
  [400, "AidpBadRequestError"],
  [401, "AidpUnauthorizedError"],
  [404, "AidpNotFoundError"],
  [409, "AidpConflictError"],
  [412, "AidpPreconditionFailedError"],
  [429, "AidpTooManyRequestsError"],
  [500, "AidpInternalServerError"],
];

/**
 * The documented statuses with their classes, taken from `clientExports` (`import * as client from
 * "@aidp/client"`); a name the exports lack is an error that says which.
 */
export function documentedErrorClasses<ErrorClass>(clientExports: object): [number, ErrorClass][] {
  const exported = clientExports as Record<string, unknown>;
  return DOCUMENTED_ERROR_CLASS_NAMES.map(([status, name]) => {
    if (typeof exported[name] !== "function")
      throw new Error(`the client exports no error class ${name} (for status ${status})`);
    return [status, exported[name] as ErrorClass];
  });
}
