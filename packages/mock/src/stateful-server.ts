// The stateful mock: one node:http server. Each request is routed and checked by Prism (contract-guard.ts)
// before the stateful layer answers it, and each answer is checked by Prism before it leaves: an answer that
// breaks the spec is a bug of this package, answered as a 500 and logged.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { verifyRequestSignature } from "@aidp/client/signature";
import { type AuditRecord, DEFAULT_RECORD_COUNT, DEFAULT_SEED, generateRecords } from "./audit-records.ts";
import { AuditSearch, PageTokenError, type SearchDetails } from "./audit-search.ts";
import {
  ClusterLogExports,
  EXPORT_READY_AFTER_HEADER,
  ExportDelayError,
  type ExportDetails,
  PAR_PREFIX,
  parseExportDelayHeader,
} from "./cluster-log-exports.ts";
import {
  type ContractGuard,
  describeViolations,
  loadContractGuard,
  type SpecOperation,
} from "./contract-guard.ts";
import { addCorsHeaders, corsPreflight } from "./cors.ts";
import { headerRecord, queryRecord, readBody, write } from "./http-io.ts";
import { RetryTokens } from "./idempotency.ts";
import { apiError, type MockResponse } from "./mock-response.ts";
import { loadRecordsFile } from "./records-file.ts";
import { FAULT_HEADER, type Fault, FaultHeaderError, FaultScript } from "./scripted-faults.ts";
import { loadPublicKeys, type PublicKeyLookup } from "./signature-keys.ts";
import { loadSpecFacts, type SpecFacts } from "./spec-facts.ts";

/** The error code OCI services answer a retry token reused with another request with. */
const RETRY_TOKEN_CONFLICT_CODE = "InvalidatedRetryToken";

export interface StatefulServerOptions {
  host: string;
  port: number;
  records?: number | undefined;
  seed?: string | undefined;
  recordsFile?: string | undefined;
  failRate?: number | undefined;
  verifySignatures?: string | undefined;
  requireAuth?: boolean | undefined;
  exportReadyAfterMs?: number | undefined;
  now?: (() => number) | undefined;
  onLog?: ((line: string) => void) | undefined;
}

export interface StatefulServer {
  url: string;
  /** Resolves when the server has closed. */
  closed: Promise<void>;
  close(): Promise<void>;
  /** Forgets retry tokens, fault attempt counts, issued page tokens and exports. */
  reset(): void;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Everything a request handler reads or changes. */
interface MockState {
  facts: SpecFacts;
  guard: ContractGuard;
  search: AuditSearch;
  exports: ClusterLogExports;
  retryTokens: RetryTokens;
  faults: FaultScript;
  publicKeys?: PublicKeyLookup | undefined;
  requireAuth: boolean;
  generation: number;
  log?: ((line: string) => void) | undefined;
}

/** A request with its body read: what the handlers see. */
interface Received {
  method: string;
  url: URL;
  headers: Record<string, string>;
  bytes: Buffer;
  body?: unknown;
}

export async function startStatefulServer(options: StatefulServerOptions): Promise<StatefulServer> {
  const facts = loadSpecFacts();
  const guard = await loadContractGuard(facts.document);
  const searchOperation = guard.operations.find((operation) => operation.iid === "searchAuditLogs");
  if (!searchOperation) throw new Error("the bundled spec has no searchAuditLogs operation");
  const seed = options.seed ?? DEFAULT_SEED;
  const records: AuditRecord[] = options.recordsFile
    ? loadRecordsFile(options.recordsFile, guard, searchOperation)
    : generateRecords(options.records ?? DEFAULT_RECORD_COUNT, seed);
  const state: MockState = {
    facts,
    guard,
    search: new AuditSearch(records),
    exports: new ClusterLogExports({
      readyAfterMs: options.exportReadyAfterMs ?? 0,
      now: options.now ?? Date.now,
    }),
    retryTokens: new RetryTokens(),
    faults: new FaultScript(options.failRate ?? 0, seed),
    publicKeys: options.verifySignatures ? await loadPublicKeys(options.verifySignatures) : undefined,
    requireAuth: options.requireAuth ?? false,
    generation: 0,
    log: options.onLog,
  };

  const server = createServer((request, response) => {
    handle(state, request, response).catch((error: unknown) => {
      state.log?.(`aidp-mock: failed to answer: ${(error as Error).stack ?? error}`);
      response.destroy();
    });
  });
  server.listen({ host: options.host, port: options.port });
  await Promise.race([
    once(server, "listening"),
    once(server, "error").then(([error]) => Promise.reject(error)),
  ]);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  const closed = once(server, "close").then(() => undefined);
  return {
    url: `http://${host}:${port}`,
    closed,
    close: async () => {
      if (!server.listening) return closed;
      server.close();
      server.closeAllConnections();
      await closed;
    },
    reset: () => {
      state.retryTokens.reset();
      state.faults.reset();
      state.exports.reset();
      state.generation += 1;
    },
  };
}

async function handle(state: MockState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const started = performance.now();
  const headers = headerRecord(request);
  const callerId = headers["opc-request-id"];
  const requestId = callerId && state.facts.requestIdPattern.test(callerId) ? callerId : newRequestId();
  const url = new URL(request.url ?? "/", "http://mock.invalid");
  const bytes = await readBody(request);
  const received: Received = { method: request.method ?? "GET", url, headers, bytes };

  let answer: { response?: MockResponse; fault?: Fault | undefined };
  try {
    answer = await answerRequest(state, received);
  } catch (error) {
    state.log?.(`aidp-mock bug: ${(error as Error).stack ?? error}`);
    answer = { response: apiError(state.facts, 500, "The mock failed to answer (a bug in @aidp/mock).") };
  }
  const logPath = url.pathname.startsWith(PAR_PREFIX) ? `${PAR_PREFIX}<redacted>` : url.pathname;
  if (!answer.response) {
    state.log?.(`${received.method} ${logPath} connection reset (${FAULT_HEADER})`);
    response.socket?.resetAndDestroy();
    return;
  }
  const answered = answer.response;
  answered.headers["opc-request-id"] = requestId;
  addCorsHeaders(headers, answered);
  write(response, received.method, answered, answer.fault?.kind === "truncate");
  state.log?.(
    `${received.method} ${logPath} ${answered.status} ${Math.round(performance.now() - started)} ms`,
  );
}

async function answerRequest(
  state: MockState,
  received: Received,
): Promise<{ response?: MockResponse; fault?: Fault }> {
  const { facts } = state;
  const { method, url, headers } = received;
  if (method === "OPTIONS" && headers.origin && headers["access-control-request-method"]) {
    return { response: corsPreflight(headers) };
  }
  if (url.pathname.startsWith(PAR_PREFIX) && (method === "GET" || method === "HEAD")) {
    const file = state.exports.logFile(url.pathname);
    if (file.kind === "unknown")
      return { response: apiError(facts, 404, "No cluster log export has this URL.") };
    if (file.kind === "pending") {
      return { response: apiError(facts, 404, "The cluster log export is not ready yet; try again later.") };
    }
    return {
      response: { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, text: file.text },
    };
  }
  const routed = state.guard.route(method, url.pathname);
  if (!routed.operation) return { response: apiError(facts, routed.status, routed.message) };
  const result = await answerOperationRequest(state, routed.operation, received);
  if (result.response) result.response = checkedResponse(state, routed.operation, result.response);
  return result;
}

async function answerOperationRequest(
  state: MockState,
  operation: SpecOperation,
  received: Received,
): Promise<{ response?: MockResponse; fault?: Fault }> {
  const { facts } = state;
  const { method, url, headers } = received;
  if (received.bytes.byteLength > MAX_BODY_BYTES) {
    return { response: apiError(facts, 400, `The request body is larger than ${MAX_BODY_BYTES} bytes.`) };
  }
  if (received.bytes.byteLength > 0) {
    try {
      received.body = JSON.parse(received.bytes.toString("utf8"));
    } catch (error) {
      return {
        response: apiError(facts, 400, `The request body is not valid JSON: ${(error as Error).message}`),
      };
    }
  }
  const unauthenticated = await checkAuthentication(state, received);
  if (unauthenticated) return { response: unauthenticated };

  const violations = state.guard.checkRequest(operation, {
    method: method.toLowerCase(),
    url: { path: url.pathname, query: queryRecord(url) },
    headers,
    body: received.body,
  });
  if (violations.length > 0) {
    return { response: apiError(facts, 400, `Invalid request: ${describeViolations(violations)}.`) };
  }

  const retryToken = headers["opc-retry-token"];
  let fault: Fault | undefined;
  try {
    fault = state.faults.faultFor(headers[FAULT_HEADER], retryToken);
  } catch (error) {
    if (!(error instanceof FaultHeaderError)) throw error;
    return { response: apiError(facts, 400, `${error.message}.`) };
  }
  if (fault?.kind === "reset") return { fault };
  if (fault?.kind === "status") return { response: scriptedFailure(facts, fault), fault };
  if (fault?.kind === "delay") await sleep(fault.ms);

  return { response: answerIdempotently(state, operation, received, retryToken), fault };
}

function answerIdempotently(
  state: MockState,
  operation: SpecOperation,
  received: Received,
  retryToken: string | undefined,
): MockResponse {
  if (retryToken === undefined) return answerOperation(state, operation, received);
  const fingerprint = RetryTokens.fingerprint(
    received.method,
    `${received.url.pathname}${received.url.search}`,
    received.body,
  );
  const remembered = state.retryTokens.lookup(retryToken, fingerprint);
  if (remembered.kind === "replay") return structuredClone(remembered.response);
  if (remembered.kind === "conflict") {
    // OCI's code for a reused token, not the spec example's IncorrectState: clients retry IncorrectState as a
    // passing conflict, and resending the same token can only conflict again.
    return apiError(
      state.facts,
      409,
      "The opc-retry-token was already used with a different request (path, query or body); use a new token for a new request.",
      {},
      RETRY_TOKEN_CONFLICT_CODE,
    );
  }
  const response = answerOperation(state, operation, received);
  if (response.status < 300) state.retryTokens.remember(retryToken, fingerprint, structuredClone(response));
  return response;
}

function answerOperation(state: MockState, operation: SpecOperation, received: Received): MockResponse {
  const { facts } = state;
  if (operation.iid === "searchAuditLogs") {
    try {
      const limit = received.url.searchParams.get("limit");
      const page = state.search.search({
        details: (received.body ?? {}) as SearchDetails,
        limit: limit === null ? facts.defaultLimit : Number(limit),
        page: received.url.searchParams.get("page") ?? undefined,
        scope: received.url.pathname,
        generation: state.generation,
        defaultSortBy: facts.defaultSortBy,
      });
      return {
        status: 200,
        headers: {
          "content-type": "application/json",
          ...(page.nextPage ? { "opc-next-page": page.nextPage } : {}),
        },
        body: { items: page.items },
      };
    } catch (error) {
      if (error instanceof PageTokenError) return apiError(facts, 400, `${error.message}.`);
      throw error;
    }
  }
  if (operation.iid === "downloadClusterLogs") {
    const segments = received.url.pathname.split("/");
    const clusterKey = decodeURIComponent(segments[segments.indexOf("clusters") + 1] ?? "");
    let readyAfterMs: number | undefined;
    try {
      readyAfterMs = parseExportDelayHeader(received.headers[EXPORT_READY_AFTER_HEADER]);
    } catch (error) {
      if (error instanceof ExportDelayError) return apiError(facts, 400, `${error.message}.`);
      throw error;
    }
    const job = state.exports.start(clusterKey, received.body as ExportDetails, readyAfterMs);
    const origin = received.headers.host ? `http://${received.headers.host}` : "http://127.0.0.1";
    return {
      status: 202,
      headers: {
        "aidp-async-operation-key": job.asyncOperationKey,
        "datalake-cluster-log-par-url": `${origin}${job.parPath}`,
      },
    };
  }
  return apiError(facts, 404, `The mock does not implement ${operation.iid}.`);
}

/** Prism checks the answer; one that breaks the spec becomes a 500 and a log line: a bug to fix here. */
function checkedResponse(state: MockState, operation: SpecOperation, response: MockResponse): MockResponse {
  const violations = state.guard.checkResponse(operation, {
    statusCode: response.status,
    headers: response.headers,
    body: response.body,
  });
  if (violations.length === 0) return response;
  const problem = describeViolations(violations).replaceAll("body field", "response body field");
  state.log?.(`aidp-mock bug: a ${response.status} answer of ${operation.iid} breaks the spec: ${problem}`);
  return apiError(
    state.facts,
    500,
    `The mock produced an answer that breaks the spec (a bug in @aidp/mock): ${problem}.`,
  );
}

async function checkAuthentication(state: MockState, received: Received): Promise<MockResponse | undefined> {
  const authorization = received.headers.authorization;
  if (state.publicKeys) {
    try {
      await verifyRequestSignature(
        {
          method: received.method,
          target: `${received.url.pathname}${received.url.search}`,
          header: (name) => received.headers[name],
          body: received.bytes,
        },
        { publicKey: state.publicKeys },
      );
    } catch (error) {
      return apiError(state.facts, 401, `The request signature was refused: ${(error as Error).message}.`);
    }
  } else if (state.requireAuth && !authorization) {
    return apiError(state.facts, 401, "The request has no Authorization header.");
  }
  return undefined;
}

function scriptedFailure(facts: SpecFacts, fault: Extract<Fault, { kind: "status" }>): MockResponse {
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
  return apiError(facts, fault.status, `Scripted failure ${fault.status} (${FAULT_HEADER}).`, headers);
}

/** 32 upper-case hex characters: within the opc-request-id pattern. */
function newRequestId(): string {
  return randomUUID().replaceAll("-", "").toUpperCase();
}
