// Turns a call's input into the path, query, headers and body to send, validated against the spec's
// constraints. Throws AidpValidationError listing every problem; in that case nothing is sent.
import { AidpValidationError, type ValidationIssue } from "./errors.js";
import type { OperationId, OperationRules } from "./operation-types.js";
import { type CheckContext, checkValue, showValue } from "./request-validation.js";

export interface PreparedRequest {
  path: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

/** `opc-request-id` is given as `opcRequestId`, and so on for every header parameter. */
export const headerInputName = (header: string) =>
  header.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

const SECRET_FIELDS: ReadonlySet<string> = new Set(["opcRetryToken"]);
const LINE_BREAK = /[\r\n]/;

export function prepareRequest(
  operationId: OperationId,
  rules: OperationRules,
  input: Readonly<Record<string, unknown>>,
  extraHeaders: Readonly<Record<string, string>>,
): PreparedRequest {
  const context: CheckContext = { issues: [], secretFields: SECRET_FIELDS };
  const prepared: PreparedRequest = { path: {}, query: {}, headers: {}, body: undefined };

  for (const [name, parameter] of Object.entries(rules.pathParameters)) {
    const value = input[name];
    if (value === undefined || value === "") {
      context.issues.push({
        field: name,
        rule: "required",
        expected: "a non-empty string (path parameter)",
        value: showValue(value, false),
      });
    } else {
      prepared.path[name] = checkValue(parameter, value, name, context) as string;
    }
  }
  for (const [name, parameter] of Object.entries(rules.queryParameters)) {
    if (input[name] !== undefined) prepared.query[name] = checkValue(parameter, input[name], name, context);
  }
  for (const [header, parameter] of Object.entries(rules.headerParameters)) {
    const field = headerInputName(header);
    const value = input[field];
    if (value === undefined) continue;
    const checked = checkValue(parameter, value, field, context);
    checkHeaderValue(field, checked, context);
    prepared.headers[header] = checked as string;
  }
  for (const [header, value] of Object.entries(extraHeaders))
    checkHeaderValue(`headers.${header}`, value, context);

  if (rules.body) {
    const details = input.details ?? (rules.body.required.length === 0 ? {} : undefined);
    if (details === undefined) {
      context.issues.push({
        field: "details",
        rule: "required",
        expected: "the request body object",
        value: "undefined",
      });
    } else {
      prepared.body = checkValue(rules.body, details, "details", context) as Record<string, unknown>;
      checkTimeRange(prepared.body, context.issues);
    }
  }

  if (context.issues.length > 0) throw new AidpValidationError(operationId, context.issues);
  return prepared;
}

function checkHeaderValue(field: string, value: unknown, context: CheckContext) {
  if (typeof value === "string" && LINE_BREAK.test(value)) {
    context.issues.push({
      field,
      rule: "no-line-breaks",
      expected: "a header value without CR or LF",
      value: showValue(value, context.secretFields.has(field)),
    });
  }
}

/** A time window whose start is after its end can only be a mistake. */
function checkTimeRange(body: Record<string, unknown> | undefined, issues: ValidationIssue[]) {
  const { timeBegin, timeEnd } = body ?? {};
  if (typeof timeBegin !== "string" || typeof timeEnd !== "string") return;
  if (Date.parse(timeBegin) > Date.parse(timeEnd)) {
    issues.push({
      field: "details.timeBegin",
      rule: "timeBegin <= timeEnd",
      expected: `not after timeEnd (${timeEnd})`,
      value: JSON.stringify(timeBegin),
    });
  }
}
