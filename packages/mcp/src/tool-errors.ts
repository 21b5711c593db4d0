// A failed call is a tool result with `isError: true`, in the API's words: a validation error names each
// argument and the rule it breaks; an API error carries the status, `code`, `message` and `opc-request-id`.
// Protocol errors are left to the SDK for protocol faults (an unknown tool, a malformed request).
import { AidpApiError, AidpError, AidpValidationError, type ValidationIssue } from "@aidp/client";
import { headAtWord } from "./cut-text.ts";
import type { ToolOutcome } from "./tool-definition.ts";

export function errorOutcome(
  tool: string,
  error: unknown,
  argumentOf: (field: string) => string = (f) => f,
  redact: (text: string) => string = (text) => text,
): ToolOutcome {
  if (error instanceof AidpValidationError) {
    const issues = error.issues.map((issue) => ({ ...issue, field: argumentOf(issue.field) }));
    return {
      structured: {
        error: {
          kind: "invalid-arguments",
          issues: issues.map(({ field, rule, expected }) => ({ field, rule, expected })),
        },
      },
      text: `Invalid ${tool} arguments; nothing was sent:\n${issues.map(issueLine).join("\n")}`,
    };
  }
  if (error instanceof AidpApiError) {
    const serviceMessage = apiMessage(error.body);
    const message = cutMessage(serviceMessage ?? error.message, redact);
    const requestId = `(opc-request-id ${error.requestId ?? "none"})`;
    return {
      structured: {
        error: {
          kind: "api",
          status: error.status,
          code: error.code,
          message,
          requestId: error.requestId ?? null,
        },
      },
      // Without a message of the service's, the client's own says the status and code already.
      text:
        serviceMessage === undefined
          ? `${tool} failed: ${message} ${requestId}`
          : `${tool} failed: the service answered ${error.status} ${error.code}: ${message} ${requestId}`,
    };
  }
  const kind = error instanceof AidpError ? error.name : "InternalError";
  const message = error instanceof AidpError ? error.message : "the server failed unexpectedly; see its log";
  return { structured: { error: { kind, message } }, text: `${tool} failed: ${message}` };
}

// An argument the tool does not take: its value is beside the point (and read beside "one of ..." as if it should
// have been one of the names), the names it does take are not.
const issueLine = (issue: ValidationIssue) =>
  issue.rule === "additionalProperties"
    ? `  - ${issue.field}: no such argument, expected ${issue.expected} (rule \`${issue.rule}\`)`
    : `  - ${issue.field}: ${issue.expected} (rule \`${issue.rule}\`), got ${issue.value}`;

/** An error message an agent can read: a service's can be any length, and the result's budget is for the rest. */
const MESSAGE_CHARS = 2_000;
/** Redacted before it is cut: a secret cut in two is no longer one the redactor recognises. */
function cutMessage(message: string, redact: (text: string) => string): string {
  const whole = redact(message);
  const head = headAtWord(whole, MESSAGE_CHARS);
  if (head === whole) return whole;
  return `${head}${head ? " " : ""}[${whole.length - head.length} more characters left out]`;
}

function apiMessage(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? message : undefined;
}
