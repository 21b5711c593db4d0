// Property names the build shortens in dist (esbuild `mangleProps`): each one's name ships in every program that
// bundles the client, once per use. Only names of objects that never leave the package's own code: an attempt's
// outcome as the transport sees it, the retry decision and what it is given, and the attempt hooks auth and the
// logger bring. Never a name a user can see or set: scripts/check-internal-property-names.ts fails the build when
// a type reachable from a public entry has a property of one of these names (a rename would break it at run time).
export const INTERNAL_PROPERTY_NAMES = [
  // AttemptOutcome (transport.ts), and what readWhole gives back.
  "failure",
  "failureText",
  "retriable",
  "retryAfterMs",
  "errorCode",
  // FailedAttempt and RetryDecision (retry-policy.ts): also used by the `./node` entry's identity requests.
  "msLeft",
  "waitMs",
  "deadlineTooNear",
  // TransportSettings and AttemptHooks (transport.ts), made by attempt-signing.ts and logger.ts.
  "hooks",
  "headersFor",
  "renewAfter401",
  "attemptFinished",
] as const;

/** For esbuild's `mangleProps`: exactly these names. */
export const INTERNAL_PROPERTY_PATTERN = new RegExp(`^(?:${INTERNAL_PROPERTY_NAMES.join("|")})$`);
