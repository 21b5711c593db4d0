// Turns whatever stopped a command into a Failure: its documented exit code, its kind, its message and what is
// known of the request. Messages name the flag a problem is about; the client's errors never carry a secret, and
// only their messages and plain fields (status, code, request id, attempt) are taken, never a raw object.
import {
  AidpApiError,
  AidpAuthError,
  AidpConnectionError,
  AidpLogFileError,
  AidpLogFileNotReadyError,
  AidpPaginationError,
  AidpTimeoutError,
  AidpValidationError,
  networkFailureIn,
  RELATIVE_TIME_HELP,
  type ValidationIssue,
} from "@aidp/client";
import { ExitCode, UsageError } from "./exit-codes.ts";
import type { Failure, FailureIssue } from "./failure.ts";
import { describeMissing, type OperationId } from "./operation-input.ts";
import { ResultKeptElsewhere } from "./output/kept-result.ts";
import { UnusableAnswer } from "./unusable-answer.ts";

/** The client's words, but for a date-time the forms the command line takes (a --body value is sent as it is). */
function inUserTerms(expected: string, where: string): string {
  if (!/RFC 3339/.test(expected)) return expected;
  if (where.startsWith("--body"))
    return "an RFC 3339 date-time such as 2025-03-16T08:00:00Z (relative times such as 24h are for the flag, not --body)";
  return `a date-time: ${RELATIVE_TIME_HELP}`;
}

/** How many of a request's problems are listed, in words and in the JSON error's `issues`. */
const MAX_ISSUES_SHOWN = 50;

export function describeFailure(
  error: unknown,
  operationId: OperationId,
  sourceOf: (field: string) => string,
): Failure {
  if (error instanceof ResultKeptElsewhere) {
    return {
      exitCode: ExitCode.keptElsewhere,
      kind: "kept-elsewhere",
      lines: [`aidp: ${error.message}`],
      opcRequestId: error.requestId,
    };
  }
  if (error instanceof AidpLogFileNotReadyError) {
    // The request id is the export's (DownloadClusterLogs'), the one to give support about the export.
    return {
      exitCode: ExitCode.network,
      kind: "timeout",
      lines: [`aidp: timed out (--max-wait-seconds): ${error.message}`],
      opcRequestId: error.requestId,
    };
  }
  if (error instanceof AidpLogFileError) {
    return {
      exitCode: ExitCode.service,
      kind: "log-file",
      lines: [`aidp: ${error.message}`],
      status: error.status,
    };
  }
  if (error instanceof AidpValidationError) {
    // A body of thousands of unknown fields would print megabytes: the first problems say what is wrong.
    const shown = error.issues.slice(0, MAX_ISSUES_SHOWN);
    const issues = shown.map((issue) => userIssue(issue, sourceOf));
    const more = error.issues.length - shown.length;
    const lines = issues.map((issue, index) => {
      const missing = issue.rule === "required" ? describeMissing(operationId, issue.field) : undefined;
      if (missing) return `  - ${missing}`;
      // A field the operation does not take: its value is beside the point, the names it does take are not.
      if (issue.rule === "additionalProperties")
        return `  - ${issue.flag}: no such field, expected ${issue.expected}`;
      return `  - ${issue.flag}: expected ${issue.expected}, got ${error.issues[index]?.value}`;
    });
    return {
      exitCode: ExitCode.usage,
      kind: "validation",
      lines: [
        "aidp: invalid request; nothing was sent:",
        ...lines,
        ...(more > 0 ? [`  - and ${more} more problem${more === 1 ? "" : "s"} of the same request`] : []),
      ],
      issues,
    };
  }
  if (error instanceof UsageError) {
    return { exitCode: ExitCode.usage, kind: "usage", lines: [`aidp: ${error.message}`] };
  }
  if (error instanceof AidpAuthError) {
    return { exitCode: ExitCode.usage, kind: "auth", lines: [`aidp: ${error.message}`] };
  }
  if (error instanceof AidpApiError) {
    // The client's message has the status, the service's code and message, and the opc-request-id.
    return {
      exitCode: ExitCode.service,
      kind: "service",
      lines: [`aidp: ${error.message}${error.requestId ? "" : " (the answer had no opc-request-id)"}`],
      status: error.status,
      code: error.code,
      opcRequestId: error.requestId,
    };
  }
  if (error instanceof UnusableAnswer) {
    return {
      exitCode: ExitCode.service,
      kind: "service",
      lines: [`aidp: ${error.message} (opc-request-id ${error.requestId ?? "none"})`],
      opcRequestId: error.requestId,
    };
  }
  if (error instanceof AidpPaginationError) {
    return { exitCode: ExitCode.service, kind: "pagination", lines: [`aidp: ${error.message}`] };
  }
  if (error instanceof AidpConnectionError || error instanceof AidpTimeoutError) {
    // The failure in the client's words, with the flag that decides a timeout (the CLI's fetch names it), and
    // (as every AidpNoAnswerError's message) the request id it sent and the attempt: the service may have
    // received the request, and support asks for it.
    const timedOut = error instanceof AidpTimeoutError || networkFailureIn(error)?.timedOut === true;
    return {
      exitCode: ExitCode.network,
      kind: timedOut ? "timeout" : "network",
      lines: [`aidp: ${timedOut ? "timed out" : "network failure"}: ${error.message}`],
      opcRequestId: error.requestId,
      attempt: error.attempt,
    };
  }
  const network = networkFailureIn(error);
  if (network) {
    // A failure on the way to a URL outside the API (the log file's download): no request id of ours went there.
    return {
      exitCode: ExitCode.network,
      kind: network.timedOut ? "timeout" : "network",
      lines: [`aidp: ${network.timedOut ? "timed out" : "network failure"}: ${(error as Error).message}`],
    };
  }
  return {
    exitCode: ExitCode.failure,
    kind: "other",
    lines: [`aidp: ${error instanceof Error ? error.message : String(error)}`],
  };
}

function userIssue(issue: ValidationIssue, sourceOf: (field: string) => string): FailureIssue {
  const flag = sourceOf(issue.field);
  return {
    flag,
    field: issue.field,
    rule: issue.rule,
    expected: inUserTerms(issue.expected, flag),
    // The client shows a missing value as `undefined`: for a script, no value at all.
    got: issue.rule === "required" ? null : issue.value,
  };
}
