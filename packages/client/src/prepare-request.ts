// Turns a call's input into the parameters and body to send, validated against the operation's facts
// (./generated/operations.ts). Throws AidpValidationError listing every problem; in that case nothing is sent.
import { AidpValidationError } from "./errors.js";
import type { OperationFacts, ParameterFacts } from "./operation-types.js";
import { addIssue, type CheckContext, checkValue } from "./request-validation.js";

/** A validated request: each parameter's value by wire name and location, and the body (undefined for none). */
export interface PreparedRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body: unknown;
}

/** What fetch refuses in a header value (CR, LF, NUL) or cannot send as bytes (beyond U+00FF). */
const NOT_A_HEADER_VALUE = /[\r\n\0\u0100-\u{10FFFF}]/u;
const BODY_FIELD = "details";

export function prepareRequest(
  operationId: string,
  facts: OperationFacts,
  input: object,
  extraHeaders: Readonly<Record<string, string>>,
): PreparedRequest {
  const context: CheckContext = { issues: [], secretFields: secretFieldsOf(facts) };
  const where: Record<ParameterFacts["in"], Record<string, unknown>> = {
    path: {},
    query: {},
    header: {},
  };
  const values: Record<string, unknown> = {};

  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (Object.hasOwn(facts.parameters, name) || (name === BODY_FIELD && facts.body)) values[name] = value;
    else
      addIssue(
        context,
        name,
        "additionalProperties",
        `one of ${[...Object.keys(facts.parameters), ...(facts.body ? [BODY_FIELD] : [])].join(", ")}`,
        value,
        true, // redacted: a misspelt secret parameter (`opcRetrytoken`) must not print its value
      );
  }
  for (const [name, parameter] of Object.entries(facts.parameters)) {
    const value = values[name];
    // An empty or blank path segment would address another resource; the spec's path parameters are all required.
    if (value === undefined || (parameter.in === "path" && !String(value).trim())) {
      if (parameter.required)
        addIssue(
          context,
          name,
          "required",
          `a value (${parameter.in} parameter${parameter.in === "path" ? ", not empty" : ""})`,
          value,
        );
      continue;
    }
    // A path value is percent-encoded, but `.` and `..` stay as they are and URL parsing would
    // then move the request to another path.
    if (parameter.in === "path" && (value === "." || value === "..")) {
      addIssue(context, name, "path-segment", "an id, not . or ..", value);
      continue;
    }
    const checked = checkValue(parameter, value, name, context);
    if (parameter.in === "header") checkHeaderValue(name, checked, context.secretFields.has(name), context);
    where[parameter.in][parameter.name ?? name] = checked;
  }
  // The client's own headers may carry credentials of any name: their values are never shown.
  for (const [name, value] of Object.entries(extraHeaders))
    checkHeaderValue(`headers.${name}`, value, true, context);

  let body: unknown;
  if (facts.body) {
    const details = values[BODY_FIELD] ?? (facts.body.required.length === 0 ? {} : undefined);
    if (details === undefined) {
      addIssue(context, BODY_FIELD, "required", "an object", undefined);
    } else {
      body = checkValue(facts.body, details, BODY_FIELD, context);
    }
  }

  if (context.issues.length > 0) throw new AidpValidationError(operationId, context.issues);
  return { ...where, body };
}

/** The input names of the parameters the spec marks `x-aidp-secret`. */
function secretFieldsOf(facts: OperationFacts): ReadonlySet<string> {
  return new Set(Object.keys(facts.parameters).filter((name) => facts.parameters[name]?.secret));
}

function checkHeaderValue(field: string, value: unknown, secret: boolean, context: CheckContext) {
  if (typeof value === "string" && NOT_A_HEADER_VALUE.test(value)) {
    addIssue(context, field, "header-value", "no CR, LF, NUL or character beyond U+00FF", value, secret);
  }
}
