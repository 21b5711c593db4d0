// Every error the client throws is an AidpError: a real Error with a clear message that never contains a
// secret (no Authorization header, key material, retry token or pre-authenticated URL). Their fields are `declare`d
// (assigned in the constructor, so nothing changes at run time): an initialised field would ship its name twice in
// every bundle.
import { callHeaders } from "./generated/operations.js";

/** Base class of every error thrown by @aidp/client. */
export class AidpError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // Every subclass is named here, once: `error.name === "AidpTimeoutError"`. An own property, as a class field
    // would make it (Node's inspect does not repeat it beside the stack; JSON.stringify shows it). A consumer's
    // minifier renames classes unless told to keep names; `instanceof` always works.
    this.name = new.target.name;
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
  declare readonly operation: string;
  declare readonly issues: readonly ValidationIssue[];

  constructor(operation: string, issues: readonly ValidationIssue[]) {
    const lines = issues.map((i) => `  - ${i.field}: ${i.expected} (rule \`${i.rule}\`), got ${i.value}`);
    super(`Invalid ${operation} request; nothing was sent:\n${lines.join("\n")}`);
    this.operation = operation;
    this.issues = issues;
  }
}

/** Which request a failure without an answer belongs to: what a user reports, and what the service logged. */
export interface SentRequestDetails {
  /** The `opc-request-id` the client sent (the caller's, or the one it made); undefined if nothing was sent yet. */
  requestId?: string | undefined;
  /** The attempt that failed (1 for the first); undefined if none had started. */
  attempt?: number | undefined;
}

/** `opc-request-id X, attempt 2` (what is known of the two), or "" when neither is known. */
export function describeSentRequest({ requestId, attempt }: SentRequestDetails): string {
  return [requestId && `${callHeaders.requestId} ${requestId}`, attempt && `attempt ${attempt}`]
    .filter(Boolean)
    .join(", ");
}

/**
 * A call that ended without an answer to report (a network failure, a timeout, a cancellation). It carries the
 * request id the client sent, which the message repeats: the service may have received the request and logged it.
 */
export class AidpNoAnswerError extends AidpError {
  declare readonly requestId: string | undefined;
  declare readonly attempt: number | undefined;

  constructor(message: string, options: ErrorOptions & SentRequestDetails = {}) {
    const { requestId, attempt, ...errorOptions } = options;
    const sent = describeSentRequest(options);
    super(sent ? `${message} (${sent})` : message, errorOptions);
    this.requestId = requestId;
    this.attempt = attempt;
  }
}

/** The network failed (connection refused or reset, socket closed mid-body) on the last attempt. `cause` is a NetworkFailure. */
export class AidpConnectionError extends AidpNoAnswerError {}

/** A per-attempt `timeoutMs` or the call's `deadlineMs` ran out; the underlying fetch was aborted. */
export class AidpTimeoutError extends AidpNoAnswerError {}

/** The caller's AbortSignal cancelled the call. */
export class AidpAbortError extends AidpNoAnswerError {}

/** Pagination cannot go on: the server repeated a page token, which would loop forever. */
export class AidpPaginationError extends AidpError {}
