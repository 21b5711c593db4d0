// The node:http side of the stateful mock: a request's headers and query as records, and writing a
// MockResponse (whole, or cut mid-body for the `truncate` fault). Reading the body is request-body.ts.
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { MockResponse } from "./mock-response.ts";

/** A request's (or an upstream answer's) headers, a repeated one joined with ", " as HTTP allows. */
export function headerRecord(message: { headers: IncomingHttpHeaders }): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

export function queryRecord(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

export function write(
  response: ServerResponse,
  method: string,
  answer: MockResponse,
  truncate: boolean,
): void {
  const payload =
    answer.text !== undefined
      ? Buffer.from(answer.text)
      : answer.body === undefined
        ? Buffer.alloc(0)
        : Buffer.from(JSON.stringify(answer.body));
  if (truncate && payload.byteLength === 0) {
    response.socket?.resetAndDestroy(); // nothing to cut (a 202): fail the attempt all the same
    return;
  }
  response.writeHead(answer.status, { ...answer.headers, "content-length": String(payload.byteLength) });
  if (method === "HEAD") {
    response.end();
  } else if (truncate) {
    // Headers promise the whole body; half of it arrives, then the connection ends.
    response.write(payload.subarray(0, Math.floor(payload.byteLength / 2)), () => response.socket?.destroy());
  } else {
    response.end(payload);
  }
}
