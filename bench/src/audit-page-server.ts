// A node:http server on 127.0.0.1 that answers every request with a fixed SearchAuditLogs page, serialised
// once up front so that the server's own cost is the same for every client being measured. With `pages` > 1
// it pages: `opc-next-page` carries the next page number until the last page.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { operationNamed, readApiFacts } from "@aidp/spec/facts";

export interface AuditPageServer {
  url: string;
  /** Requests answered, and how many of them carried an Authorization header (proof that signing ran). */
  counts: { requests: number; signed: number };
  close(): Promise<void>;
}

export interface AuditPageServerOptions {
  recordsPerPage: number;
  pages: number;
}

/** The records of the spec's own example page (`mixedRecords`), so the benchmark data has the real shape. */
function exampleRecords(): Record<string, unknown>[] {
  const page = operationNamed(readApiFacts(), "searchAuditLogs").success.examples.mixedRecords as
    | { items?: Record<string, unknown>[] }
    | undefined;
  if (!page?.items)
    throw new Error("the spec's searchAuditLogs 200 response has no example mixedRecords with items");
  return page.items;
}

/** `count` records cycling through the example ones, each with its own eventId. */
function auditRecords(count: number): Record<string, unknown>[] {
  const examples = exampleRecords();
  return Array.from({ length: count }, (_, index) => ({
    ...examples[index % examples.length],
    eventId: `bench-${String(index).padStart(8, "0")}`,
  }));
}

/** The JSON text of one page of `recordsPerPage` records, as the server sends it. */
function auditPageText(recordsPerPage: number): string {
  return JSON.stringify({ items: auditRecords(recordsPerPage) });
}

export async function startAuditPageServer(options: AuditPageServerOptions): Promise<AuditPageServer> {
  const body = Buffer.from(auditPageText(options.recordsPerPage));
  const counts = { requests: 0, signed: 0 };
  const server = createServer((request, response) => {
    counts.requests++;
    if (request.headers.authorization) counts.signed++;
    const pageNumber = Number(
      new URL(request.url ?? "/", "http://127.0.0.1").searchParams.get("page") ?? "1",
    );
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "content-length": body.length,
      "opc-request-id": "BENCH",
    };
    if (pageNumber < options.pages) headers["opc-next-page"] = String(pageNumber + 1);
    // Read the request body to its end before answering, as a real server does.
    request.resume();
    request.on("end", () => {
      response.writeHead(200, headers);
      response.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
