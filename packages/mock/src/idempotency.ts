// The service's promise for `opc-retry-token`: the same token with the same request gets the same answer; the
// same token with a different request is refused (409). Tokens expire after 24 hours, as the spec's
// description of `opc-retry-token` says, and at most MAX_RETRY_TOKENS are kept (the oldest goes first), so a
// long soak with a new token per request holds bounded memory.
import { createHash } from "node:crypto";
import { BoundedStore } from "./bounded-store.ts";
import type { MockResponse } from "./mock-response.ts";

/** "Retry tokens expire after 24 hours" (the spec, `opc-retry-token`). */
export const RETRY_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** How many retry tokens the mock remembers at most; beyond, the oldest is forgotten. */
export const MAX_RETRY_TOKENS = 50_000;

/**
 * What a token replays: a stored answer, or (`response` undefined) an answer the mock recomputes because it is
 * a function of the request and the data set (a search page): storing pages of records per token would cost
 * megabytes per hundred tokens.
 */
export type Remembered =
  | { kind: "replay"; response: MockResponse | undefined }
  | { kind: "conflict" }
  | { kind: "new" };

export class RetryTokens {
  private readonly answers: BoundedStore<{ request: string; response: MockResponse | undefined }>;

  constructor(now: () => number, maxTokens = MAX_RETRY_TOKENS) {
    this.answers = new BoundedStore({ maxEntries: maxTokens, ttlMs: RETRY_TOKEN_LIFETIME_MS, now });
  }

  /** A fingerprint of what makes two requests "the same": method, path, query and the parsed body. */
  static fingerprint(method: string, pathAndQuery: string, body: unknown): string {
    return createHash("sha256")
      .update(JSON.stringify([method, pathAndQuery, canonical(body)]))
      .digest("hex");
  }

  lookup(token: string, request: string): Remembered {
    const known = this.answers.get(token);
    if (!known) return { kind: "new" };
    return known.request === request ? { kind: "replay", response: known.response } : { kind: "conflict" };
  }

  /** Remembers the answer to replay, or undefined for an answer that is recomputed the same. */
  remember(token: string, request: string, response: MockResponse | undefined): void {
    this.answers.set(token, { request, response });
  }

  get size(): number {
    return this.answers.size;
  }

  reset(): void {
    this.answers.clear();
  }
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, inner]) => [key, canonical(inner)]),
    );
  }
  return value;
}
