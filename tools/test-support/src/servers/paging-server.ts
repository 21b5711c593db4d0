// A node:http server that really pages through `total` audit records: `limit` per page, the offset in an
// opaque `page` token, `opc-next-page` on every page but the last.
import { type Handler, sendJson, startTestServer, type TestServer } from "./test-server.ts";

export const record = (index: number) => ({
  eventId: `event-${index}`,
  objectType: "TABLE",
  operation: "VIEW",
  status: "SUCCEEDED",
});

/** `makeRecord` builds the record at an index (the CLI's tests page through records with awkward text). */
export function pagingHandler(total: number, makeRecord: (index: number) => object = record): Handler {
  return (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const limit = Number(url.searchParams.get("limit") ?? 100);
    const offset = url.searchParams.has("page")
      ? Number(Buffer.from(url.searchParams.get("page") ?? "", "base64url").toString())
      : 0;
    const end = Math.min(total, offset + limit);
    const items = Array.from({ length: end - offset }, (_, i) => makeRecord(offset + i));
    const next: Record<string, string> =
      end < total ? { "opc-next-page": Buffer.from(String(end)).toString("base64url") } : {};
    sendJson(response, 200, { items }, { "opc-request-id": `page-at-${offset}`, ...next });
  };
}

export const startPagingServer = (total: number): Promise<TestServer> =>
  startTestServer(pagingHandler(total));
