// One request to an identity service (the instance metadata service, the federation endpoint, the OKE proxymux),
// retried on what passes (no answer, 429, 5xx) with the client's backoff and jitter, and bounded as a whole: a
// service that cannot be reached fails within `timeoutMs`. Every failure names the step, the address and the
// cause (status and the service's message, the TLS error, the errno); never what was sent, which may hold keys.
import { describeNetworkFailure } from "../../network-failure.js";
import { pause } from "../../pause.js";
import { decideRetry, isRetriableStatus, type RetryOptions, type RetryPolicy } from "../../retry-policy.js";
import { AidpAuthError } from "../auth-error.js";

/** Bound of each step against an identity service, retries included. */
export const DEFAULT_IDENTITY_TIMEOUT_MS = 30_000;
/** The Python SDK retries the metadata service 8 times; the waits are the client's backoff with full jitter. */
export const DEFAULT_IDENTITY_RETRY: Required<RetryOptions> = {
  maxAttempts: 8,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
};

/** The options of a provider that asks an identity service. */
export interface IdentityServiceOptions {
  /** Bound of each step against the identity service, retries included. Default 30 s. */
  timeoutMs?: number;
  /** Retries of the identity service. Default 8 attempts, backoff with jitter from 100 ms up to 5 s. */
  retry?: RetryOptions;
}

/** What an identity service answered. */
export interface IdentityAnswer {
  status: number;
  text: string;
}

/** Sends the request once; must stop when `signal` aborts. */
export type IdentitySend = (signal: AbortSignal) => Promise<IdentityAnswer>;

export interface IdentityRequest {
  /** What this request is for, in words: "reading identity/cert.pem from the instance metadata service". */
  step: string;
  /** The address shown in errors (no query, no secret). */
  address: string;
  send: IdentitySend;
  retry: RetryPolicy;
  /** Bound of the whole step, retries and waits included. */
  timeoutMs: number;
}

/** The answer's text on a 2xx; an AidpAuthError naming the step, address and cause otherwise. */
export async function requestIdentityService(request: IdentityRequest): Promise<string> {
  const bound = new AbortController();
  const started = Date.now();
  const timer = setTimeout(() => bound.abort(), request.timeoutMs);
  let lastCause = "no answer";
  try {
    for (let attempt = 1; ; attempt++) {
      let retriable: boolean;
      try {
        const answer = await request.send(bound.signal);
        if (answer.status >= 200 && answer.status < 300) return answer.text;
        lastCause = `status ${answer.status}${serviceMessage(answer.text)}`;
        retriable = isRetriableStatus(answer.status, undefined);
      } catch (failure) {
        if (bound.signal.aborted) break;
        const network = describeNetworkFailure(failure, request.address);
        lastCause = network.code === undefined ? network.words : `${network.words} (${network.code})`;
        // A certificate the client does not trust stays untrusted: no retry.
        retriable = network.step !== "TLS handshake";
      }
      const msLeft = request.timeoutMs - (Date.now() - started);
      const decision = decideRetry(request.retry, {
        attempt,
        retriable,
        deadline: { deadlineMs: request.timeoutMs, msLeft },
      });
      if (!decision.retry) {
        if (!retriable) throw failed(request, `${lastCause}`);
        throw failed(request, `${lastCause}, after ${attempt} attempt${attempt === 1 ? "" : "s"}`);
      }
      await pause(decision.waitMs, bound.signal);
      if (bound.signal.aborted) break;
    }
  } finally {
    clearTimeout(timer);
  }
  throw failed(request, `no answer within ${request.timeoutMs} ms (last: ${lastCause})`);
}

function failed(request: IdentityRequest, cause: string): AidpAuthError {
  return new AidpAuthError(`${request.step} failed at ${request.address}: ${cause}`);
}

/** The service's own words from an OCI error body (`code`, `message`), or a short plain text. */
function serviceMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    const words = [body.code, body.message].filter((part) => typeof part === "string" && part !== "");
    return words.length ? `: ${words.join(": ")}` : "";
  } catch {
    const plain = text.trim().replace(/\s+/g, " ");
    return plain === "" ? "" : `: ${plain.length > 200 ? `${plain.slice(0, 200)}...` : plain}`;
  }
}

/** A send over the runtime's fetch (plain HTTP or public TLS). */
export function fetchSend(
  url: string,
  init: { method?: string; headers?: Headers | Record<string, string>; body?: string },
): IdentitySend {
  return async (signal) => {
    const response = await fetch(url, { ...init, signal });
    return { status: response.status, text: await response.text() };
  };
}

/** `{"token": "<JWT>"}` from the federation endpoint (or the proxymux's decoded answer). */
export function tokenOf(answer: string, address: string): string {
  let token: unknown;
  try {
    token = (JSON.parse(answer) as { token?: unknown }).token;
  } catch {
    token = undefined;
  }
  if (typeof token !== "string" || token === "") {
    throw new AidpAuthError(`the answer of ${address} is not JSON with a "token" string`);
  }
  return token;
}
