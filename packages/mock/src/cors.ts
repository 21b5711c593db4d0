// CORS: browser code may call the mock from any origin and read every response header.
import type { MockResponse } from "./mock-response.ts";

export function corsPreflight(headers: Record<string, string>): MockResponse {
  return {
    status: 204,
    headers: {
      "access-control-allow-methods": "GET, HEAD, POST, OPTIONS",
      "access-control-allow-headers": headers["access-control-request-headers"] ?? "*",
      "access-control-max-age": "600",
    },
  };
}

/** Adds the CORS headers to an answer to a request with an `origin`. */
export function addCorsHeaders(headers: Record<string, string>, answer: MockResponse): void {
  if (!headers.origin) return;
  answer.headers["access-control-allow-origin"] = headers.origin;
  answer.headers["access-control-expose-headers"] = "*";
  answer.headers.vary = "origin";
}
