// The gateway's checks of one exchange: the request as the caller sent it, and the answer as it came back. Prism
// (through the Prism adapter) checks parameters, headers, content type and body schemas; this module adds
// what Prism leaves out: a status the operation does not list (Prism lets `default` cover any), a documented
// header that is missing, and a JSON body that does not parse.
import type { IncomingHttpHeaders } from "node:http";
import type { ContractGuard, SpecOperation, SpecViolation } from "../contract-guard.ts";
import { headerRecord, queryRecord } from "../http-io.ts";
import { parseBody } from "../request-body.ts";
import { type Finding, findingFromViolation, itemIndex } from "./drift-finding.ts";
import type { OperationContract } from "./operation-contract.ts";

/** A body as Prism should see it: parsed JSON, or the text and why it is not JSON. */
function readJsonBody(bytes: Buffer): { body?: unknown; notJson?: string } {
  if (bytes.byteLength === 0) return {};
  const text = bytes.toString("utf8");
  try {
    return { body: JSON.parse(text) };
  } catch (error) {
    return { body: text, notJson: (error as Error).message };
  }
}

const isAboutBody = (violation: SpecViolation) => violation.location.in === "body";

/** One finding per location and rule: the same mistake in each record of a page counts once per exchange. */
function distinct(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const finding of findings) seen.set(`${finding.location}\n${finding.rule}`, finding);
  return [...seen.values()];
}

export function checkForwardedRequest(
  guard: ContractGuard,
  operation: SpecOperation,
  request: { method: string; url: URL; headers: Record<string, string>; body: Buffer },
): Finding[] {
  // As the mock reads it: a zero-length body of SearchAuditLogs is `{}`, as Oracle's own SDK sends it.
  let body: unknown;
  let notJson: string | undefined;
  try {
    body = parseBody(operation, request.body);
  } catch (error) {
    body = request.body.toString("utf8");
    notJson = (error as Error).message;
  }
  let violations = guard.validateRequest(operation, {
    method: request.method.toLowerCase(),
    url: { path: request.url.pathname, query: queryRecord(request.url) },
    headers: request.headers,
    body,
  });
  const findings: Finding[] = [];
  if (notJson !== undefined) {
    findings.push({ direction: "request", location: "body", rule: `is not valid JSON (${notJson})` });
    violations = violations.filter((violation) => !isAboutBody(violation));
  }
  findings.push(...violations.map(findingFromViolation));
  return distinct(findings);
}

export interface AnswerCheck {
  findings: Finding[];
  /** The parsed JSON body, when it parsed. */
  body?: unknown;
  /** Indexes of the page's records that break the spec (not recorded). */
  badItems: Set<number>;
}

export function checkUpstreamAnswer(
  guard: ContractGuard,
  operation: SpecOperation,
  contract: OperationContract,
  answer: { status: number; headers: IncomingHttpHeaders; body: Buffer },
): AnswerCheck {
  const findings: Finding[] = [];
  const status = String(answer.status);
  if (!contract.declaredStatuses.includes(status)) {
    findings.push({
      direction: "response",
      location: "status",
      rule: `${status} is not a status ${contract.operationId} declares (${contract.declaredStatuses.join(", ")}); only "default" covers it`,
    });
  }
  const headers = headerRecord(answer);
  for (const name of contract.documentedHeaders(answer.status)) {
    if (name !== contract.optionalHeader && headers[name] === undefined) {
      findings.push({
        direction: "response",
        location: `header ${name}`,
        rule: "is missing (the spec documents it on this answer)",
      });
    }
  }
  const contentType = headers["content-type"] ?? "";
  const isJson = /\bjson\b/i.test(contentType);
  const { body, notJson } = isJson
    ? readJsonBody(answer.body)
    : { body: answer.body.byteLength > 0 ? answer.body.toString("utf8") : undefined, notJson: undefined };
  let violations = guard.validateResponse(operation, { statusCode: answer.status, headers, body });
  if (notJson !== undefined) {
    findings.push({ direction: "response", location: "body", rule: `is not valid JSON (${notJson})` });
  }
  // A body that is not JSON (or not declared JSON) has one finding; Prism's schema errors on the text add none.
  if (notJson !== undefined || !isJson)
    violations = violations.filter((violation) => !isAboutBody(violation));
  const badItems = new Set<number>();
  for (const violation of violations) {
    const index = contract.itemsField ? itemIndex(violation, contract.itemsField) : undefined;
    if (index !== undefined) badItems.add(index);
    findings.push(findingFromViolation(violation));
  }
  return { findings: distinct(findings), body: notJson === undefined && isJson ? body : undefined, badItems };
}
