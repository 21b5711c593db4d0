// Every error the client throws is an AidpError: a real Error with a clear message that never contains a
// secret (no Authorization header, key material, retry token or pre-authenticated URL).

/** Base class of every error thrown by @aidp/client. */
export class AidpError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // Every subclass is named here, once: `error.name === "AidpTimeoutError"`. Not enumerable, as on native
    // errors. (A consumer's minifier renames classes unless told to keep names; `instanceof` always works.)
    Object.defineProperty(this, "name", { value: new.target.name, writable: true, configurable: true });
  }
}

/** One broken rule of a request, found before anything was sent. */
export interface ValidationIssue {
  /** Where the value was given, e.g. `limit`, `opcRequestId`, `details.timeBegin`. */
  field: string;
  /** The rule it breaks, e.g. `maximum`, `enum`, `required`, `pattern`. */
  rule: string;
  /** What the rule asks for, in words. */
  expected: string;
  /** The rejected value as shown (secret values are shown redacted). */
  value: string;
}

/** A request that breaks the spec's constraints: nothing was sent. Lists every problem, not just the first. */
export class AidpValidationError extends AidpError {
  readonly operation: string;
  readonly issues: readonly ValidationIssue[];

  constructor(operation: string, issues: readonly ValidationIssue[]) {
    const lines = issues.map((i) => `  - ${i.field}: ${i.expected} (rule \`${i.rule}\`), got ${i.value}`);
    super(`Invalid ${operation} request; nothing was sent:\n${lines.join("\n")}`);
    this.operation = operation;
    this.issues = issues;
  }
}

/** The transport failed (connection refused or reset, socket closed mid-body) on the last attempt. */
export class AidpConnectionError extends AidpError {}

/** A per-attempt `timeoutMs` or the call's `deadlineMs` ran out; the underlying fetch was aborted. */
export class AidpTimeoutError extends AidpError {}

/** The caller's AbortSignal cancelled the call. */
export class AidpAbortError extends AidpError {}

/** Pagination cannot go on: the server repeated a page token, which would loop forever. */
export class AidpPaginationError extends AidpError {}
