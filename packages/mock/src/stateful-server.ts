// The stateful mock: one node:http server. Each request is routed and checked by Prism (contract-guard.ts)
// before the stateful layer answers it, and each answer is checked by Prism before it leaves: an answer that
// breaks the spec is a bug of this package, answered as a 500 and logged.
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { verifyRequestSignature } from "@aidp/client/signature";
import { type ApiRequest, listenApiServer } from "./api-server.ts";
import { type AuditRecord, DEFAULT_RECORD_COUNT, DEFAULT_SEED, generateRecords } from "./audit-records.ts";
import { AuditSearch, PageTokenError, type SearchDetails } from "./audit-search.ts";
import { bundledSpecJsonPath } from "./bundled-spec.ts";
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
import { queryRecord, write } from "./http-io.ts";
import { RetryTokens } from "./idempotency.ts";
import { jsonText } from "./json-text.ts";
import { apiError, type MockResponse } from "./mock-response.ts";
import { loadRecordsFile } from "./records-file.ts";
import { MAX_BODY_BYTES, parseBody, readBodyUpTo } from "./request-body.ts";
import { FAULT_HEADER, type Fault, FaultHeaderError, FaultScript } from "./scripted-faults.ts";
import { searchSemanticsOf } from "./search-semantics.ts";
import { loadPublicKeys, type PublicKeyLookup } from "./signature-keys.ts";
import { loadSpecFacts, type SpecFacts } from "./spec-facts.ts";
import { mergeViolations, pathParameters, strictViolations } from "./strict-inputs.ts";

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
  /** The mock's clock: signature dates are checked against it, as exports and retry tokens are. */
  now: () => number;
  generation: number;
  /** The mock's own URL, once it listens. */
  baseUrl: string;
  log?: ((line: string) => void) | undefined;
}

/** A request with its body read: what the handlers see. */
interface Received {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** The path parameters, per the matched operation's template, decoded. */
  path: Record<string, string>;
  bytes: Buffer;
  body?: unknown;
}

/** What answering a request comes to: an answer (or none, for the `reset` fault). */
interface Outcome {
  /** Undefined: no answer (a scripted reset, or a caller that left mid-body). */
  response?: MockResponse;
  fault?: Fault | undefined;
  /** The caller closed the connection before its body's end. */
  callerLeft?: true;
}

export async function startStatefulServer(options: StatefulServerOptions): Promise<StatefulServer> {
  const facts = loadSpecFacts();
  const guard = await loadContractGuard(bundledSpecJsonPath);
  const searchOperation = guard.operations.find(
    (operation) => operation.iid === facts.search.operation.operationId,
  );
  if (!searchOperation) throw new Error(`Prism finds no ${facts.search.operation.operationId} in the bundle`);
  const semantics = searchSemanticsOf(facts.search);
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? Date.now;
  const records: AuditRecord[] = options.recordsFile
    ? loadRecordsFile(options.recordsFile, guard, searchOperation, facts.search.itemsField)
    : generateRecords(options.records ?? DEFAULT_RECORD_COUNT, seed, facts.search.record);
  const state: MockState = {
    facts,
    guard,
    search: new AuditSearch(records, semantics),
    exports: new ClusterLogExports({
      readyAfterMs: options.exportReadyAfterMs ?? 0,
      now,
      facts: facts.export,
    }),
    retryTokens: new RetryTokens(now),
    faults: new FaultScript(options.failRate ?? 0, seed, now),
    publicKeys: options.verifySignatures ? await loadPublicKeys(options.verifySignatures) : undefined,
    requireAuth: options.requireAuth ?? false,
    now,
    generation: 0,
    baseUrl: "http://127.0.0.1",
    log: options.onLog,
  };

  const server = await listenApiServer({
    host: options.host,
    port: options.port,
    facts,
    name: "aidp-mock",
    log: state.log,
    handle: (request, incoming, response) => handle(state, request, incoming, response),
  });
  state.baseUrl = server.url;
  return {
    ...server,
    reset: () => {
      state.retryTokens.reset();
      state.faults.reset();
      state.exports.reset();
      state.generation += 1;
    },
  };
}

async function handle(
  state: MockState,
  { method, url, headers, requestId }: ApiRequest,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const started = performance.now();
  let answer: Outcome;
  try {
    answer = await answerRequest(state, method, url, headers, () => readBodyUpTo(request));
  } catch (error) {
    state.log?.(`aidp-mock bug: ${(error as Error).stack ?? error}`);
    answer = { response: apiError(state.facts, 500, "The mock failed to answer (a bug in @aidp/mock).") };
  }
  const { pathname } = url;
  const logPath = pathname.startsWith(PAR_PREFIX) ? `${PAR_PREFIX}<redacted>` : pathname;
  if (answer.callerLeft) {
    state.log?.(`${method} ${logPath} the caller closed the connection before its body's end; not answered`);
    response.destroy();
    return;
  }
  if (!answer.response) {
    state.log?.(`${method} ${logPath} connection reset (${FAULT_HEADER})`);
    response.socket?.resetAndDestroy();
    return;
  }
  const answered = answer.response;
  answered.headers[state.facts.requestIdHeader] = requestId;
  addCorsHeaders(headers, answered);
  // A body left unread (too large, or a request that needs none) is not drained: the connection closes.
  if (!request.complete) answered.headers.connection = "close";
  write(response, method, answered, answer.fault?.kind === "truncate");
  state.log?.(`${method} ${logPath} ${answered.status} ${Math.round(performance.now() - started)} ms`);
}

/**
 * Routes before reading anything: a CORS preflight, a PAR URL and a request with no route are answered without
 * reading the body. `readBody` reads it (up to MAX_BODY_BYTES) for an operation.
 */
async function answerRequest(
  state: MockState,
  method: string,
  url: URL,
  headers: Record<string, string>,
  readBody: () => ReturnType<typeof readBodyUpTo>,
): Promise<Outcome> {
  const { facts } = state;
  if (method === "OPTIONS" && headers.origin && headers["access-control-request-method"]) {
    return { response: corsPreflight(headers) };
  }
  if (url.pathname.startsWith(PAR_PREFIX) && (method === "GET" || method === "HEAD")) {
    return { response: logFileAnswer(state, url.pathname) };
  }
  const routed = state.guard.route(method, url.pathname);
  if (!routed.operation) return { response: apiError(facts, routed.status, routed.message) };
  const { operation } = routed;
  const path = pathParameters(operation, url.pathname);
  if (!path) return { response: apiError(facts, 404, `no API operation at ${url.pathname}`) };
  if ("violation" in path) {
    return { response: apiError(facts, 400, `Invalid request: ${describeViolations([path.violation])}.`) };
  }
  const body = await readBody();
  if (body.kind === "cut") return { callerLeft: true };
  if (body.kind === "too-large") {
    return {
      response: apiError(
        facts,
        400,
        `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB), the most the mock reads.`,
      ),
    };
  }
  const received: Received = { method, url, headers, path: path.values, bytes: body.bytes };
  const result = await answerOperationRequest(state, operation, received);
  if (result.response) result.response = checkedResponse(state, operation, result.response);
  return result;
}

function logFileAnswer(state: MockState, pathname: string): MockResponse {
  const file = state.exports.logFile(pathname);
  if (file.kind === "unknown") return apiError(state.facts, 404, "No cluster log export has this URL.");
  if (file.kind === "pending") {
    return apiError(state.facts, 404, "The cluster log export is not ready yet; try again later.");
  }
  return { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, text: file.text };
}

async function answerOperationRequest(
  state: MockState,
  operation: SpecOperation,
  received: Received,
): Promise<Outcome> {
  const { facts } = state;
  const { method, url, headers } = received;
  try {
    received.body = parseBody(operation, received.bytes);
  } catch (error) {
    return {
      response: apiError(facts, 400, `The request body is not valid JSON: ${(error as Error).message}`),
    };
  }
  const unauthenticated = await checkAuthentication(state, received);
  if (unauthenticated) return { response: unauthenticated };

  const violations = mergeViolations(
    strictViolations(operation, url, headers, received.body),
    state.guard.checkRequest(operation, {
      method: method.toLowerCase(),
      url: { path: url.pathname, query: queryRecord(url) },
      headers,
      body: received.body,
    }),
  );
  if (violations.length > 0) {
    return { response: apiError(facts, 400, `Invalid request: ${describeViolations(violations)}.`) };
  }

  const retryToken = headers[facts.retryTokenHeader];
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

  return { response: await answerIdempotently(state, operation, received, retryToken), fault };
}

async function answerIdempotently(
  state: MockState,
  operation: SpecOperation,
  received: Received,
  retryToken: string | undefined,
): Promise<MockResponse> {
  if (retryToken === undefined) return answerOperation(state, operation, received);
  const fingerprint = RetryTokens.fingerprint(
    received.method,
    `${received.url.pathname}${received.url.search}`,
    received.body,
  );
  const remembered = state.retryTokens.lookup(retryToken, fingerprint);
  if (remembered.kind === "replay") {
    // A search page is a function of the request and the data set: recomputed, not stored.
    return remembered.response
      ? structuredClone(remembered.response)
      : answerOperation(state, operation, received);
  }
  if (remembered.kind === "conflict") {
    // OCI's code for a reused token, not the spec example's IncorrectState: clients retry IncorrectState as a
    // passing conflict, and resending the same token can only conflict again.
    return apiError(
      state.facts,
      409,
      `The ${state.facts.retryTokenHeader} was already used with a different request (path, query or body); use a new token for a new request.`,
      {},
      RETRY_TOKEN_CONFLICT_CODE,
    );
  }
  const response = await answerOperation(state, operation, received);
  if (response.status < 300) {
    const replayed =
      operation.iid === state.facts.search.operation.operationId ? undefined : structuredClone(response);
    state.retryTokens.remember(retryToken, fingerprint, replayed);
  }
  return response;
}

async function answerOperation(
  state: MockState,
  operation: SpecOperation,
  received: Received,
): Promise<MockResponse> {
  const { facts } = state;
  const { search } = facts;
  if (operation.iid === search.operation.operationId) {
    try {
      const limit = received.url.searchParams.get(search.pageSizeParameter);
      const page = await state.search.search({
        details: (received.body ?? {}) as SearchDetails,
        limit: limit === null ? search.defaultPageSize : Number(limit),
        page: received.url.searchParams.get(search.pageParameter) ?? undefined,
        scope: received.path,
        generation: state.generation,
      });
      return {
        status: 200,
        headers: {
          "content-type": "application/json",
          ...(page.nextPage ? { [search.nextPageHeader]: page.nextPage } : {}),
        },
        body: { [search.itemsField]: page.items },
      };
    } catch (error) {
      if (error instanceof PageTokenError) return apiError(facts, 400, `${error.message}.`);
      throw error;
    }
  }
  if (operation.iid === facts.export.operation.operationId) {
    let readyAfterMs: number | undefined;
    try {
      readyAfterMs = parseExportDelayHeader(received.headers[EXPORT_READY_AFTER_HEADER]);
    } catch (error) {
      if (error instanceof ExportDelayError) return apiError(facts, 400, `${error.message}.`);
      throw error;
    }
    const job = state.exports.start(received.path, received.body as ExportDetails, readyAfterMs);
    // The Host the client used (the mock may sit behind a port mapping), when it is a plain host[:port].
    const host = received.headers.host;
    const origin = host && /^[A-Za-z0-9.[\]:-]{1,255}$/.test(host) ? `http://${host}` : state.baseUrl;
    return {
      status: 202,
      headers: {
        [facts.export.operationKeyHeader]: job.asyncOperationKey,
        [facts.export.fileUrlHeader]: `${origin}${job.parPath}`,
      },
    };
  }
  return apiError(facts, 404, `The mock does not implement ${operation.iid}.`);
}

/**
 * Prism checks the answer as it is sent (its body serialised once, for the check and the wire); one that breaks
 * the spec becomes a 500 and a log line: a bug to fix here.
 */
function checkedResponse(state: MockState, operation: SpecOperation, response: MockResponse): MockResponse {
  const bodyText = jsonText(response.body);
  const violations = state.guard.checkSentResponse(operation, {
    statusCode: response.status,
    headers: response.headers,
    bodyText,
  });
  if (violations.length === 0) return bodyText === undefined ? response : { ...response, text: bodyText };
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
        { publicKey: state.publicKeys, now: state.now },
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
