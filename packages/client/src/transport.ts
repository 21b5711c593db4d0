// The one place where requests are sent and retried. It is the `fetch` that openapi-fetch calls, beneath its
// middleware, so every attempt is a fresh Request built from the same bytes and re-signed, with the same
// opc-request-id and opc-retry-token. Bodies are read inside the attempt, so a connection cut mid-body is a
// failed attempt like any other.
import type { AuthProvider } from "./auth/types.js";
import { AidpAbortError, AidpConnectionError, AidpTimeoutError } from "./errors.js";
import { type Logger, logAttempt } from "./logger.js";
import { backoffDelay, isRetriableStatus, parseRetryAfter, type RetryPolicy } from "./retry-policy.js";

export interface TransportContext {
  operation: string;
  fetch: typeof globalThis.fetch;
  retry: RetryPolicy;
  auth: AuthProvider | undefined;
  logger: Logger | undefined;
  timeoutMs: number | undefined;
  /** Fires when the caller cancels. */
  callerSignal: AbortSignal | undefined;
  /** Fires when the call's deadline passes. */
  deadlineSignal: AbortSignal | undefined;
}

/** Statuses whose Response must not have a body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
/** Headers the runtime computes itself; setting them by hand can only disagree with what is sent. */
const RUNTIME_OWNED_HEADERS = new Set(["host", "content-length"]);

interface AttemptOutcome {
  response?: Response;
  /** The failure when no complete response arrived. */
  failure?: unknown;
  retriable: boolean;
  retryAfterMs?: number;
}

export function createTransport(context: TransportContext): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    let last: AttemptOutcome | undefined;
    for (let attempt = 1; attempt <= context.retry.maxAttempts; attempt++) {
      if (attempt > 1) {
        const wait = waitBeforeRetry(context, attempt - 1, last?.retryAfterMs);
        if (wait === undefined) break; // Retry-After beyond the cap: give the caller the error now.
        await sleep(wait, context);
      }
      throwIfCancelled(context);
      last = await sendAttempt(context, request, body, attempt);
      if (last.response && !last.retriable) return last.response;
      if (!last.retriable) break;
    }
    if (last?.response) return last.response;
    throw finalFailure(context, last?.failure);
  };
}

async function sendAttempt(
  context: TransportContext,
  request: Request,
  body: Uint8Array<ArrayBuffer> | undefined,
  attempt: number,
): Promise<AttemptOutcome> {
  const started = Date.now();
  const requestId = request.headers.get("opc-request-id") ?? undefined;
  const attemptTimeout = context.timeoutMs !== undefined ? AbortSignal.timeout(context.timeoutMs) : undefined;
  const signals = [context.callerSignal, context.deadlineSignal, attemptTimeout].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  const log = (status: number | undefined, outcome: "success" | "retry" | "failure", error?: string) =>
    logAttempt(context.logger, {
      operation: context.operation,
      attempt,
      status,
      latencyMs: Date.now() - started,
      requestId,
      outcome,
      ...(error ? { error } : {}),
    });
  const canRetry = attempt < context.retry.maxAttempts;
  try {
    const headers = await signedHeaders(context, request, body);
    const response = await context.fetch(
      new Request(request.url, {
        method: request.method,
        headers,
        body: body ?? null,
        signal: signals.length ? AbortSignal.any(signals) : null,
      }),
    );
    const bytes = await response.arrayBuffer();
    const complete = new Response(NULL_BODY_STATUSES.has(response.status) ? null : bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    const retriable = isRetriableStatus(
      complete.status,
      complete.status === 409 ? readErrorCode(bytes) : undefined,
    );
    log(complete.status, complete.ok ? "success" : retriable && canRetry ? "retry" : "failure");
    const retryAfterMs = parseRetryAfter(complete.headers.get("retry-after"));
    return { response: complete, retriable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  } catch (failure) {
    throwIfCancelled(context);
    const description = attemptTimeout?.aborted
      ? `timed out after ${context.timeoutMs} ms`
      : describeFailure(failure);
    log(undefined, canRetry ? "retry" : "failure", description);
    return {
      failure: attemptTimeout?.aborted
        ? new AidpTimeoutError(`${context.operation}: attempt ${attempt} ${description}.`)
        : failure,
      retriable: true,
    };
  }
}

async function signedHeaders(
  context: TransportContext,
  request: Request,
  body: Uint8Array<ArrayBuffer> | undefined,
): Promise<Headers> {
  const headers = new Headers(request.headers);
  if (!context.auth) return headers;
  const added = await context.auth.signRequest({
    method: request.method,
    url: request.url,
    headers,
    ...(body ? { body } : {}),
  });
  added.forEach((value, name) => {
    if (!RUNTIME_OWNED_HEADERS.has(name)) headers.set(name, value);
  });
  return headers;
}

function waitBeforeRetry(
  context: TransportContext,
  failedAttempt: number,
  retryAfterMs: number | undefined,
): number | undefined {
  if (retryAfterMs === undefined) return backoffDelay(context.retry, failedAttempt);
  return retryAfterMs <= context.retry.maxDelayMs ? retryAfterMs : undefined;
}

function readErrorCode(bytes: ArrayBuffer): string | undefined {
  try {
    const code = JSON.parse(new TextDecoder().decode(bytes))?.code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

function throwIfCancelled(context: TransportContext) {
  if (context.callerSignal?.aborted) {
    throw new AidpAbortError(`${context.operation} was cancelled by the caller's AbortSignal.`, {
      cause: context.callerSignal.reason,
    });
  }
  if (context.deadlineSignal?.aborted) {
    throw new AidpTimeoutError(`${context.operation} did not finish within its deadline.`, {
      cause: context.deadlineSignal.reason,
    });
  }
}

/** Waits `ms`, but not past a cancellation or the deadline. */
function sleep(ms: number, context: TransportContext): Promise<void> {
  const signals = [context.callerSignal, context.deadlineSignal].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      try {
        throwIfCancelled(context);
      } catch (error) {
        reject(error);
      }
    };
    const timer = setTimeout(() => {
      for (const signal of signals) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    for (const signal of signals) signal.addEventListener("abort", onAbort, { once: true });
    if (signals.some((s) => s.aborted)) onAbort();
  });
}

function describeFailure(failure: unknown): string {
  const cause = (failure as { cause?: { code?: string; message?: string } })?.cause;
  const message = failure instanceof Error ? failure.message : String(failure);
  return cause?.code ? `${message} (${cause.code})` : message;
}

function finalFailure(context: TransportContext, failure: unknown): Error {
  if (failure instanceof AidpTimeoutError) return failure;
  return new AidpConnectionError(
    `${context.operation} could not reach the service: ${describeFailure(failure)}.`,
    { cause: failure },
  );
}
