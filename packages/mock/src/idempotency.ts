// The service's promise for `opc-retry-token`: the same token with the same request gets the same answer; the
// same token with a different request is refused (409).
import { createHash } from "node:crypto";
import type { MockResponse } from "./mock-response.ts";

export type Remembered = { kind: "replay"; response: MockResponse } | { kind: "conflict" } | { kind: "new" };

export class RetryTokens {
  private readonly answers = new Map<string, { request: string; response: MockResponse }>();

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

  remember(token: string, request: string, response: MockResponse): void {
    this.answers.set(token, { request, response });
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
