// What stopped a command, as a script needs it: the exit code, a kind, the words a person reads, and what is known
// of the request (the service's status and code, the opc-request-id, the attempt) or of the invalid input.
// src/describe-failure.ts makes one from an error; src/error-form.ts prints it as words or as JSON.

/** The `kind` of a JSON error (the README's table says which exit code and fields go with each). */
export const FAILURE_KINDS = [
  "validation",
  "usage",
  "auth",
  "service",
  "pagination",
  "network",
  "timeout",
  "log-file",
  "kept-elsewhere",
  "interrupted",
  "other",
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** One broken rule of the input, in the user's terms: where it was given and what was wrong with it. */
export interface FailureIssue {
  /** Where the user gave (or should give) the value: `--limit`, `AIDP_INSTANCE_ID (--instance-id)`, `--body field "x"`. */
  flag: string;
  /** The client's input field: `limit`, `details.timeBegin`. */
  field: string;
  /** The rule it breaks: `maximum`, `enum`, `required`, `pattern`... */
  rule: string;
  /** What the rule asks for, in words. */
  expected: string;
  /** The rejected value as shown (a secret redacted); null when the value is missing. */
  got: string | null;
}

export interface Failure {
  exitCode: number;
  kind: FailureKind;
  /** The words printed without JSON, one entry a line, each complete (`aidp: ...`). */
  lines: readonly string[];
  /** The HTTP status of the service's (or the log file URL's) answer. */
  status?: number | undefined;
  /** The service's error code (`NotAuthorizedOrNotFound`). */
  code?: string | undefined;
  /** The service's answer's opc-request-id; without an answer, the one the CLI sent. */
  opcRequestId?: string | undefined;
  /** The attempt that failed (1 for the first), when no answer came. */
  attempt?: number | undefined;
  /** Every broken rule, for a validation failure. */
  issues?: readonly FailureIssue[] | undefined;
}
