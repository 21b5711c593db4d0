// The JSON error a run printed (with an explicit --output json or ndjson): standard error must be exactly one JSON
// document on one line, `{"error": {...}}` with every documented field, in the documented order.
import { expect } from "vitest";

export const JSON_ERROR_FIELDS = [
  "exitCode",
  "kind",
  "message",
  "status",
  "code",
  "opcRequestId",
  "attempt",
  "issues",
] as const;

export type JsonError = Record<(typeof JSON_ERROR_FIELDS)[number], unknown>;

export function jsonError(stderr: string): JsonError {
  expect(stderr.endsWith("\n") && stderr.indexOf("\n") === stderr.length - 1, stderr).toBe(true);
  const document = JSON.parse(stderr) as { error: JsonError };
  expect(Object.keys(document)).toEqual(["error"]);
  expect(Object.keys(document.error)).toEqual(JSON_ERROR_FIELDS);
  return document.error;
}
