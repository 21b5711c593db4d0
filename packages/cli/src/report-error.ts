// Turns whatever stopped a command into its message on standard error and its documented exit code. Messages
// name the flag a problem is about; the client's errors never carry a secret, and nothing else is printed.
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
} from "@aidp/client";
import { ExitCode, UsageError } from "./exit-codes.ts";
import { describeMissing, type OperationId } from "./operation-input.ts";
import { ResultKeptElsewhere } from "./output/kept-result.ts";

/** The client's words, but for a date-time the forms the command line takes (a --body value is sent as it is). */
function inUserTerms(expected: string, where: string): string {
  if (!/RFC 3339/.test(expected)) return expected;
  if (where.startsWith("--body"))
    return "an RFC 3339 date-time such as 2025-03-16T08:00:00Z (relative times such as 24h are for the flag, not --body)";
  return `a date-time: ${RELATIVE_TIME_HELP}`;
}

export function reportError(
  error: unknown,
  operationId: OperationId,
  sourceOf: (field: string) => string,
  print: (line: string) => void,
): number {
  if (error instanceof ResultKeptElsewhere) {
    print(`aidp: ${error.message}`);
    return ExitCode.keptElsewhere;
  }
  if (error instanceof AidpLogFileNotReadyError) {
    print(`aidp: timed out (--max-wait-seconds): ${error.message}`);
    return ExitCode.network;
  }
  if (error instanceof AidpLogFileError) {
    print(`aidp: ${error.message}`);
    return ExitCode.service;
  }
  if (error instanceof AidpValidationError) {
    print("aidp: invalid request; nothing was sent:");
    for (const issue of error.issues) {
      const where = sourceOf(issue.field);
      const missing = issue.rule === "required" ? describeMissing(operationId, issue.field) : undefined;
      print(
        `  - ${missing ?? `${where}: expected ${inUserTerms(issue.expected, where)}, got ${issue.value}`}`,
      );
    }
    return ExitCode.usage;
  }
  if (error instanceof UsageError || error instanceof AidpAuthError) {
    print(`aidp: ${error.message}`);
    return ExitCode.usage;
  }
  if (error instanceof AidpApiError) {
    // The client's message has the status, the service's code and message, and the opc-request-id.
    print(`aidp: ${error.message}${error.requestId ? "" : " (the answer had no opc-request-id)"}`);
    return ExitCode.service;
  }
  if (error instanceof AidpPaginationError) {
    print(`aidp: ${error.message}`);
    return ExitCode.service;
  }
  if (error instanceof AidpConnectionError) {
    // The failure in the client's words, with the flag that decides a timeout (the CLI's fetch names it), and
    // (as every AidpNoAnswerError's message) the request id it sent: the service may have received the request,
    // and support asks for it.
    print(`aidp: ${networkFailureIn(error)?.timedOut ? "timed out" : "network failure"}: ${error.message}`);
    return ExitCode.network;
  }
  if (error instanceof AidpTimeoutError) {
    // The client's message ends with the opc-request-id it sent and the attempt.
    print(`aidp: timed out: ${error.message}`);
    return ExitCode.network;
  }
  print(`aidp: ${error instanceof Error ? error.message : String(error)}`);
  return ExitCode.failure;
}
