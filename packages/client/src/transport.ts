// The one place where requests are sent and retried, for the operation functions and for `raw` alike (it is
// the `fetch` that openapi-fetch calls, beneath its middleware): every attempt is sent from the same bytes and
// re-signed, with the same request id and retry token (the spec's `x-aidp-call-header`s). A body is read
// inside its attempt, so a connection cut mid-body is a failed attempt like any other; the answer comes back
// with the body read (as text for the operation functions, as bytes for `raw`), and no Response is made again
// around it unless `raw` needs one.

import { parseOrText } from "./answer-text.js";
import { type CallDeadline, msLeftBefore } from "./call-deadline.js";
import { AidpAbortError, AidpConnectionError, AidpTimeoutError, type SentRequestDetails } from "./errors.js";
import { callHeaders } from "./generated/operations.js";
import { describeNetworkFailure } from "./network-failure.js";
import { pause } from "./pause.js";
import {
  decideRetry,
  isRetriableStatus,
  parseRetryAfter,
  type RetryDecision,
  type RetryPolicy,
} from "./retry-policy.js";

export interface TransportSettings {
  fetch: typeof globalThis.fetch;
  /** Signing and reporting, when the connection has auth or a logger. */
  hooks: AttemptHooks;
}

/**
 * What a connection does around each attempt besides sending it: signing (auth) and reporting (a logger). The
 * transport knows nothing of AuthProvider or Logger, so a program with neither bundles neither's code: the hooks
 * come with the provider and the logger (./attempt-hooks.ts).
 */
export interface AttemptHooks {
  /** The headers one attempt is sent with (a signed copy of the request's). A failure ends the call. */
  headersFor?(request: OutgoingRequest, call: CallSettings): Promise<Headers>;
  /**
   * After a 401: renews the credentials when it can (true), and the attempt is then sent once more, never twice in
   * one call; false when there is nothing to renew, and the 401 is the answer.
   */
  renewAfter401?(call: CallSettings): Promise<boolean>;
  /** Told how every attempt ended and what comes next (undefined: it succeeded). */
  attemptFinished?(
    call: CallSettings,
    sent: SentAttempt,
    outcome: AttemptOutcome,
    next: RetryDecision | undefined,
  ): void;
}

/** What one call asks of the transport. */
export interface CallSettings {
  /** Names the call in log lines and errors. */
  operation: string;
  retry: RetryPolicy;
  /** Per attempt; undefined for none. */
  timeoutMs: number | undefined;
  /** Fires when the caller cancels. */
  signal: AbortSignal | undefined;
  /** The call's `deadlineMs`, retries and waits included; undefined for none. */
  deadline: CallDeadline | undefined;
  /**
   * `"bytes"`: the answer's body is read as bytes (`raw`, whose answers may be anything); otherwise as text (the
   * operation functions parse JSON from it), which skips a copy of the body and a decoding pass.
   */
  readAs?: "bytes";
}

/** A request as the transport sends it on every attempt. Its headers get the request id and retry token. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | Uint8Array<ArrayBuffer> | undefined;
}

/** The last attempt's answer: its response (body already read) and its body, if it had one, read as the call asked. */
export interface Answer {
  response: Response;
  body: AnswerBody;
}

/** A body read whole: bytes when the call said `readAs: "bytes"`, else text; undefined when there was none. */
export type AnswerBody = string | Uint8Array<ArrayBuffer> | undefined;

export type Transport = (request: OutgoingRequest, call: CallSettings) => Promise<Answer>;

const { requestId: REQUEST_ID, retryToken: RETRY_TOKEN } = callHeaders;
/** Methods that may change something: one retry token across their attempts makes a retry safe. */
const IDEMPOTENCY_METHODS = ["POST", "PUT", "PATCH", "DELETE"];
/** Which request and attempt: what errors and log lines name. */
export interface SentAttempt {
  requestId: string | undefined;
  attempt: number;
}

/** How one attempt ended: with a response (its body read), or with a failure and no response. */
export type AttemptOutcome = {
  retriable: boolean;
  latencyMs: number;
} & (
  | {
      response: Response;
      body?: AnswerBody;
      retryAfterMs?: number | undefined;
      failure?: never;
      failureText?: never;
    }
  | {
      response?: never;
      body?: never;
      retryAfterMs?: never;
      /** A NetworkFailure, or the AidpTimeoutError of the attempt's timeout. */
      failure: Error;
      /** What the log line shows of that failure. */
      failureText: string;
    }
);

/**
 * 128 random bits, in the charset the request-id header allows and within the retry token's 64 characters: 32 hex
 * digits from randomUUID where there is one (getRandomValues costs about 7 µs more per call in Node, two ids a call:
 * bench section 3 saw it), else two random 64-bit integers in decimal (a browser page served over plain http has
 * only getRandomValues).
 */
function randomId(): string {
  return crypto.randomUUID?.().replaceAll("-", "") ?? crypto.getRandomValues(new BigUint64Array(2)).join("");
}

export function createTransport(settings: TransportSettings): Transport {
  const { hooks } = settings;
  return async (request, call) => {
    // One id and one retry token for every attempt of the call: the caller's when given, else fresh ones.
    const requestId = request.headers.get(REQUEST_ID) ?? randomId().toUpperCase();
    request.headers.set(REQUEST_ID, requestId);
    if (IDEMPOTENCY_METHODS.includes(request.method) && !request.headers.has(RETRY_TOKEN))
      request.headers.set(RETRY_TOKEN, randomId());
    let reauthenticated = false;
    // Cancelled before the first attempt; before each later one, the wait for it checks (see sleep).
    throwIfCancelled(call, { requestId });
    for (let attempt = 1; ; attempt++) {
      const sent: SentAttempt = { requestId, attempt };
      let outcome = await sendAttempt(settings, call, request, sent);
      // A 401 to a session-token provider may mean its token was revoked or rotated early: one new token and the
      // same attempt once more. This belongs to authentication, not to the retry policy, so `retry: false` keeps it.
      if (outcome.response?.status === 401 && hooks.renewAfter401 && !reauthenticated) {
        reauthenticated = true;
        if (await hooks.renewAfter401(call)) {
          throwIfCancelled(call, sent);
          outcome = await sendAttempt(settings, call, request, sent);
        }
      }
      const decision = outcome.response?.ok
        ? undefined
        : decideRetry(call.retry, {
            attempt,
            retriable: outcome.retriable,
            retryAfterMs: outcome.retryAfterMs,
            deadline: call.deadline && { deadlineMs: call.deadline.ms, msLeft: msLeftBefore(call.deadline) },
          });
      hooks.attemptFinished?.(call, sent, outcome, decision);
      if (!decision?.retry) {
        if (decision?.deadlineTooNear) throw deadlineTooNearError(call, sent, outcome, decision.reason);
        if (outcome.response) return { response: outcome.response, body: outcome.body };
        throw finalFailure(call, outcome.failure, sent);
      }
      await sleep(decision.waitMs, call, sent);
    }
  };
}

async function sendAttempt(
  settings: TransportSettings,
  call: CallSettings,
  request: OutgoingRequest,
  sent: SentAttempt,
): Promise<AttemptOutcome> {
  const started = Date.now();
  // Signing is not the network: a bad key or an unreadable token file fails the call now, with its own error,
  // instead of being retried and reported as a connection failure.
  const headers = settings.hooks.headersFor
    ? await settings.hooks.headersFor(request, call)
    : request.headers;
  // A timer of our own rather than AbortSignal.timeout: it is cleared when the attempt ends, so no timer outlives
  // the call, and tests can move it with fake timers.
  const attemptTimeout = call.timeoutMs !== undefined ? new AbortController() : undefined;
  const timer = attemptTimeout && setTimeout(() => attemptTimeout.abort(), call.timeoutMs);
  try {
    // Called unbound: a browser's fetch called as a method of another object throws "Illegal invocation".
    const { fetch } = settings;
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      // An undefined member of fetch's options is an absent one (WebIDL dictionaries).
      body: request.body,
      signal: oneSignal(call.signal, call.deadline?.signal, attemptTimeout?.signal),
    });
    const { body: answerBody, errorCode } = await readWhole(response, call.readAs !== "bytes");
    const retriable = isRetriableStatus(response.status, errorCode);
    // Retry-After is an HTTP header (RFC 9110) any server may send with a 429 or 503, documented or not.
    const retryAfterMs = retriable ? parseRetryAfter(response.headers.get("retry-after")) : undefined;
    return { response, body: answerBody, retriable, retryAfterMs, latencyMs: Date.now() - started };
  } catch (failure) {
    throwIfCancelled(call, sent);
    const timedOut = attemptTimeout?.signal.aborted;
    // The network's failure in the one wording (./network-failure.ts): host:port, step, code and words.
    const network = timedOut ? undefined : describeNetworkFailure(failure, request.url);
    const failureText = network?.message ?? `timed out after ${call.timeoutMs} ms`;
    return {
      failure: network ?? new AidpTimeoutError(`${call.operation} ${failureText}`, sent),
      failureText,
      retriable: true,
      latencyMs: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the whole body inside the attempt (a cut body throws here and fails the attempt); a response without
 * a body has none. Only a 409's body is looked into: its code says whether the conflict passes (and so whether
 * it is retried, or, on the last attempt, why it is not).
 */
async function readWhole(
  response: Response,
  asText: boolean,
): Promise<{ body?: AnswerBody; errorCode?: unknown }> {
  if (response.body === null) return {};
  const body = asText ? await response.text() : new Uint8Array(await response.arrayBuffer());
  const text = response.status === 409 && (typeof body === "string" ? body : new TextDecoder().decode(body));
  return { body, errorCode: text && (parseOrText(text) as { code?: unknown } | null)?.code };
}

function throwIfCancelled(call: CallSettings, sent: SentRequestDetails) {
  if (call.signal?.aborted) {
    throw new AidpAbortError(`${call.operation} was cancelled by its AbortSignal`, {
      cause: call.signal.reason,
      ...sent,
    });
  }
  if (call.deadline?.signal.aborted) {
    throw new AidpTimeoutError(`${call.operation} missed its deadline`, {
      cause: call.deadline.signal.reason,
      ...sent,
    });
  }
}

/**
 * The error of a call whose next attempt could only start at or after its deadline: the deadline's error, as when
 * the deadline passes during a wait (the documented outcome), thrown now rather than at the deadline. It says what
 * the last attempt got; its failure, when it had no response, is the cause.
 */
function deadlineTooNearError(
  call: CallSettings,
  sent: SentRequestDetails,
  outcome: AttemptOutcome,
  reason: string | undefined,
): AidpTimeoutError {
  const got = outcome.response ? `status ${outcome.response.status}` : outcome.failureText;
  return new AidpTimeoutError(
    `${call.operation} missed its deadline: attempt ${sent.attempt} got ${got}, not retried as ${reason}`,
    outcome.failure === undefined ? sent : { cause: outcome.failure, ...sent },
  );
}

/** Waits `ms`, but not past a cancellation or the deadline: either ends the wait with its error. */
async function sleep(ms: number, call: CallSettings, sent: SentRequestDetails): Promise<void> {
  await pause(ms, oneSignal(call.signal, call.deadline?.signal));
  throwIfCancelled(call, sent);
}

/** One signal that aborts when any of those given does; undefined when none is given. */
function oneSignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const given = signals.filter((signal) => signal !== undefined);
  return given.length > 1 ? AbortSignal.any(given) : given[0];
}

function finalFailure(call: CallSettings, failure: Error, sent: SentRequestDetails): Error {
  if (failure instanceof AidpTimeoutError) return failure;
  return new AidpConnectionError(`${call.operation} failed: ${failure.message}`, { cause: failure, ...sent });
}
