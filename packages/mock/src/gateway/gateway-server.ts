// The validation gateway: one node:http server in front of the real service. Each request is checked against
// the spec, signed anew with the user's credentials and forwarded; each answer is checked and passed on
// unchanged. With `strict`, a request that breaks the spec is refused with a 400 listing the violations (not
// forwarded), and an answer that breaks it is replaced by a 502 listing them. What it finds goes to the drift
// report, served at DRIFT_REPORT_PATH while running and written to `report` on stop.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthProvider } from "@aidp/client";
import { type ApiRequest, listenApiServer } from "../api-server.ts";
import { bundledSpecJsonPath } from "../bundled-spec.ts";
import { loadContractGuard, type SpecOperation } from "../contract-guard.ts";
import { apiError, type MockResponse } from "../mock-response.ts";
import { MAX_BODY_BYTES, readBodyUpTo } from "../request-body.ts";
import { loadSpecFacts, type SpecFacts } from "../spec-facts.ts";
import type { Finding } from "./drift-finding.ts";
import { DriftLedger, type DriftReport, driftReportPathProblem, writeDriftReport } from "./drift-report.ts";
import { checkForwardedRequest, checkUpstreamAnswer } from "./exchange-check.ts";
import { DEFAULT_UPSTREAM_TIMEOUT_MS, type GatewayOptions, upstreamBaseUrl } from "./gateway-options.ts";
import { readGatewayContract } from "./operation-contract.ts";
import { RecordFile } from "./record-file.ts";
import { redact, secretValues } from "./secret-redaction.ts";
import { type UpstreamAnswer, UpstreamClient, UpstreamFailure } from "./upstream-exchange.ts";

/** The reserved path where a running gateway serves its drift report (GET); never forwarded. */
export const DRIFT_REPORT_PATH = "/_aidp-mock/drift-report";

/** The largest request body the gateway reads (the stateful mock's); a larger one is refused, not forwarded. */
const MAX_REQUEST_BYTES = MAX_BODY_BYTES;
/** The largest answer it reads from the upstream (a page of 1,000 records is well under 2 MiB). */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** Answers the gateway itself writes never pass these on from the upstream (Node sets its own). */
// Headers of one connection (RFC 9110 section 7.6.1), and those of a chunked body the gateway re-sends with a
// content-length: Node refuses to write a `trailer` header without chunking, and the caller would get no answer.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "content-length",
]);

export interface GatewayServer {
  url: string;
  closed: Promise<void>;
  close(): Promise<void>;
  driftReport(): DriftReport;
}

interface Gateway {
  facts: SpecFacts;
  guard: Awaited<ReturnType<typeof loadContractGuard>>;
  contract: ReturnType<typeof readGatewayContract>;
  upstream: UpstreamClient;
  ledger: DriftLedger;
  records?: RecordFile | undefined;
  strict: boolean;
  log?: ((line: string) => void) | undefined;
}

export async function startGatewayServer(
  options: GatewayOptions & { host: string; port: number },
): Promise<GatewayServer> {
  const reportProblem = options.report === undefined ? undefined : driftReportPathProblem(options.report);
  if (reportProblem)
    throw new Error(`the drift report (--report, option "report") cannot be written: ${reportProblem}`);
  const facts = loadSpecFacts();
  const guard = await loadContractGuard(bundledSpecJsonPath);
  const baseUrl = await upstreamBaseUrl(options);
  const auth = await gatewayAuth(options.auth);
  const upstream = new UpstreamClient({
    baseUrl,
    auth,
    timeoutMs: options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
    maxAnswerBytes: MAX_ANSWER_BYTES,
  });
  const gateway: Gateway = {
    facts,
    guard,
    contract: readGatewayContract(facts.api),
    upstream,
    ledger: new DriftLedger(baseUrl.href.replace(/\/$/, "")),
    records: options.record === undefined ? undefined : new RecordFile(options.record),
    strict: options.strict ?? false,
    log: options.onLog,
  };

  let server: Awaited<ReturnType<typeof listenApiServer>>;
  try {
    server = await listenApiServer({
      host: options.host,
      port: options.port,
      facts,
      name: "aidp-gateway",
      log: options.onLog,
      handle: (request, incoming, response) => handle(gateway, request, incoming, response),
    });
  } catch (error) {
    upstream.close();
    gateway.records?.close();
    throw error;
  }
  let finished = false;
  // A report that cannot be written at the end (the disk full, the folder removed) fails close(): the gateway's
  // command says so and exits 1, rather than a CI step passing with no report.
  let reportFailure: Error | undefined;
  const finish = () => {
    if (finished) return;
    finished = true;
    upstream.close();
    gateway.records?.close();
    if (options.report === undefined) return;
    try {
      writeDriftReport(options.report, gateway.ledger.report());
    } catch (error) {
      reportFailure = new Error(
        `the drift report could not be written to ${options.report}: ${(error as Error).message}`,
      );
    }
  };
  server.closed.then(finish);
  return {
    url: server.url,
    closed: server.closed,
    close: async () => {
      await server.close();
      finish();
      if (reportFailure) throw reportFailure;
    },
    driftReport: () => gateway.ledger.report(),
  };
}

/** The user's credentials: given, none, or what the OCI CLI would find (OCI_CLI_* variables, ~/.oci/config). */
async function gatewayAuth(auth: GatewayOptions["auth"]): Promise<AuthProvider | undefined> {
  if (auth === "none") return undefined;
  if (auth !== undefined) return auth;
  // Loaded only for a gateway: node:fs key reading is not needed by the other modes.
  const { resolveAuth } = await import("@aidp/client/node");
  return resolveAuth().provider;
}

async function handle(
  gateway: Gateway,
  { method, url, headers, requestId: fallbackRequestId }: ApiRequest,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const started = performance.now();
  const target = `${url.pathname}${url.search}`;
  const { requestIdHeader } = gateway.facts;
  const callerRequestId = headers[requestIdHeader];

  if (url.pathname === DRIFT_REPORT_PATH && (method === "GET" || method === "HEAD")) {
    writeAnswer(response, method, {
      status: 200,
      headers: { "content-type": "application/json", "cache-control": "no-store" },
      body: gateway.ledger.report(),
    });
    return;
  }
  const read = await readBodyUpTo(request, MAX_REQUEST_BYTES);
  if (read.kind === "cut") {
    gateway.log?.(
      `${method} ${url.pathname} the caller closed the connection before its body's end; not forwarded`,
    );
    response.destroy();
    return;
  }
  const body = read.kind === "read" ? read.bytes : undefined;
  if (body === undefined) {
    const answer = apiError(
      gateway.facts,
      400,
      `The request body is larger than ${MAX_REQUEST_BYTES} bytes.`,
    );
    answer.headers[requestIdHeader] = fallbackRequestId;
    answer.headers.connection = "close";
    writeAnswer(response, method, answer);
    const outcome = `400 (body over ${MAX_REQUEST_BYTES} bytes; not forwarded)`;
    logExchange(gateway, null, `${method} ${url.pathname}`, outcome, started, [], "-");
    return;
  }

  gateway.ledger.countRequest();
  const routed = route(gateway, method, url.pathname);
  const operationId = routed.operation?.iid ?? null;
  const contract = operationId === null ? undefined : gateway.contract.operation(operationId);
  const logPath = `${method} ${url.pathname}`;
  // Checked as the caller sent it: a mistake of the application is reported even if the upstream fails.
  const requestFindings =
    routed.operation && contract
      ? checkForwardedRequest(gateway.guard, routed.operation, { method, url, headers, body })
      : [{ direction: "request" as const, location: "path", rule: routed.message ?? "matches no operation" }];

  if (gateway.strict && requestFindings.length > 0) {
    const secrets = secretValues(gateway.contract.secretHeaders, headers);
    const findings = record(
      gateway,
      { operationId, status: null, requestId: fallbackRequestId },
      requestFindings,
      secrets,
    );
    const answer = apiError(
      gateway.facts,
      400,
      `The request breaks the spec and was not forwarded (--strict): ${describeFindings(findings)}.`,
    );
    answer.headers[requestIdHeader] = fallbackRequestId;
    writeAnswer(response, method, answer);
    logExchange(gateway, operationId, logPath, "400 (--strict; not forwarded)", started, findings, "-");
    return;
  }

  let exchange: Awaited<ReturnType<UpstreamClient["exchange"]>>;
  try {
    exchange = await gateway.upstream.exchange({ method, target, headers, body });
  } catch (error) {
    const secrets = secretValues(gateway.contract.secretHeaders, headers);
    const cause = redact(
      error instanceof UpstreamFailure
        ? error.message
        : `the request could not be signed: ${(error as Error).message}`,
      secrets,
    );
    record(gateway, { operationId, status: null, requestId: fallbackRequestId }, requestFindings, secrets);
    gateway.ledger.addFailure(operationId, cause, fallbackRequestId);
    gateway.log?.(`${logPath} → 502 (gateway): ${cause}`);
    const answer = apiError(
      gateway.facts,
      502,
      `The aidp-mock gateway got no answer from the upstream service: ${cause}.`,
    );
    answer.headers[requestIdHeader] = fallbackRequestId;
    writeAnswer(response, method, answer);
    return;
  }

  const { sentHeaders, answer } = exchange;
  const secrets = secretValues(gateway.contract.secretHeaders, headers, sentHeaders, answer.headers);
  const checked =
    routed.operation && contract
      ? checkUpstreamAnswer(gateway.guard, routed.operation, contract, answer)
      : { findings: [], badItems: new Set<number>() };
  const upstreamRequestId = headerText(answer.headers[requestIdHeader]);
  const findings = record(
    gateway,
    { operationId, status: answer.status, requestId: upstreamRequestId ?? callerRequestId ?? null },
    [...requestFindings, ...checked.findings],
    secrets,
  );

  const responseFindings = findings.filter((finding) => finding.direction === "response");
  const rejected = gateway.strict && responseFindings.length > 0;
  if (rejected) {
    const replaced = apiError(
      gateway.facts,
      502,
      `The upstream's ${answer.status} answer breaks the spec (--strict): ${describeFindings(responseFindings)}.`,
    );
    replaced.headers[requestIdHeader] = upstreamRequestId ?? fallbackRequestId;
    writeAnswer(response, method, replaced);
  } else {
    passOn(response, method, answer);
    if (gateway.records && contract?.itemsField && answer.status === 200) {
      const items = (checked.body as Record<string, unknown> | undefined)?.[contract.itemsField];
      if (Array.isArray(items))
        gateway.records.append(items.filter((_, index) => !checked.badItems.has(index)));
    }
  }
  const outcome = rejected ? `502 (--strict; upstream ${answer.status})` : String(answer.status);
  logExchange(gateway, operationId, logPath, outcome, started, findings, String(answer.status), secrets);
}

/** One line per exchange, then one per violation found in it. */
function logExchange(
  gateway: Gateway,
  operationId: string | null,
  logPath: string,
  outcome: string,
  started: number,
  findings: Finding[],
  upstreamStatus: string,
  secrets: readonly string[] = [],
): void {
  const elapsed = Math.round(performance.now() - started);
  gateway.log?.(
    redact(
      `${logPath} → ${outcome} in ${elapsed} ms, ${findings.length} violation${findings.length === 1 ? "" : "s"}`,
      secrets,
    ),
  );
  for (const { direction, location, rule } of findings) {
    gateway.log?.(
      `  drift: ${operationId ?? "(no operation)"} ${direction} ${upstreamStatus} ${location} ${rule}`,
    );
  }
}

/** "query limit must be <= 1000; body.sortOrder must be equal to one of ...". */
function describeFindings(findings: Finding[]): string {
  return findings.map(({ location, rule }) => `${location} ${rule}`).join("; ");
}

/** The operation of a request, or why none: a path the router cannot read is no operation either. */
function route(
  gateway: Gateway,
  method: string,
  path: string,
): { operation?: SpecOperation; message?: string } {
  try {
    const routed = gateway.guard.route(method, path);
    return routed.operation ? routed : { message: routed.message };
  } catch (error) {
    return { message: `the path cannot be read: ${(error as Error).message}` };
  }
}

/** Adds the findings of one exchange to the report, with that exchange's secrets taken out of their words. */
function record(
  gateway: Gateway,
  exchange: { operationId: string | null; status: number | null; requestId: string | null },
  findings: Finding[],
  secrets: readonly string[],
): Finding[] {
  const redacted = findings.map((finding) => ({ ...finding, rule: redact(finding.rule, secrets) }));
  gateway.ledger.addFindings(exchange, redacted);
  return redacted;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The upstream's answer as it came: status, headers (but hop-by-hop ones) and the same bytes. */
function passOn(response: ServerResponse, method: string, answer: UpstreamAnswer): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers["content-length"] = String(answer.body.byteLength);
  response.writeHead(answer.status, headers);
  response.end(method === "HEAD" ? undefined : answer.body);
}

function writeAnswer(response: ServerResponse, method: string, answer: MockResponse): void {
  const payload = Buffer.from(JSON.stringify(answer.body));
  response.writeHead(answer.status, { ...answer.headers, "content-length": String(payload.byteLength) });
  response.end(method === "HEAD" ? undefined : payload);
}
