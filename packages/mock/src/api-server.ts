// The node:http skeleton the mock and the gateway share: what every request gets before either of them sees it
// (its opc-request-id: the caller's when it fits the spec's pattern, else a new one; the request-target rule,
// under which only a path such as /20260430/... is a request, never `*`, `host:port` or `//host/path`), the
// parser refusals in the API's shape, idle connections kept open, and listening with its error raced.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { headerRecord, write } from "./http-io.ts";
import { keepIdleConnectionsOpen } from "./idle-connections.ts";
import { apiError } from "./mock-response.ts";
import { answerParserRefusals } from "./parser-refusals.ts";
import type { SpecFacts } from "./spec-facts.ts";

/** A request as the skeleton hands it on: its target read as a path, and the request id its answer carries. */
export interface ApiRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  requestId: string;
}

export interface ApiServerOptions {
  host: string;
  port: number;
  facts: SpecFacts;
  /** Which server, in log lines: `aidp-mock`, `aidp-gateway`. */
  name: string;
  log?: ((line: string) => void) | undefined;
  handle(request: ApiRequest, incoming: IncomingMessage, response: ServerResponse): Promise<void>;
}

export interface ApiServer {
  /** Base URL without a trailing slash. */
  url: string;
  /** Resolves when the server has closed. */
  closed: Promise<void>;
  /** Stops listening and ends every connection; resolves once closed. */
  close(): Promise<void>;
}

/** Listens on `host:port`; rejects with the listen error (port taken, no such interface). */
export async function listenApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { facts, log } = options;
  // requireHostHeader off: Node would refuse an HTTP/1.1 request without Host with a bare 400 (no Error body, no
  // request id) that never reaches the parser-refusal handler; the path alone says what the request is for.
  const server = createServer({ requireHostHeader: false }, (incoming, response) => {
    const headers = headerRecord(incoming);
    const method = incoming.method ?? "GET";
    const requestId = requestIdFor(facts, headers[facts.requestIdHeader]);
    const url = parseRequestTarget(incoming.url ?? "/");
    if (!url) {
      const refusal = apiError(facts, 400, "The request target is not a path such as /20260430/...", {
        [facts.requestIdHeader]: requestId,
      });
      // The body (if any) is left unread: the connection closes after the answer.
      if (!incoming.complete) refusal.headers.connection = "close";
      write(response, method, refusal, false);
      log?.(`${method} (not a path) 400`);
      return;
    }
    options.handle({ method, url, headers, requestId }, incoming, response).catch((error: unknown) => {
      log?.(`${options.name}: failed to answer: ${(error as Error).stack ?? error}`);
      response.destroy();
    });
  });
  // What Node's parser refuses (unknown method, oversized headers...) gets the API's Error shape too.
  answerParserRefusals(server, facts, newRequestId, log);
  keepIdleConnectionsOpen(server);
  server.listen({ host: options.host, port: options.port });
  await Promise.race([
    once(server, "listening"),
    once(server, "error").then(([error]) => Promise.reject(error)),
  ]);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  const closed = once(server, "close").then(() => undefined);
  return {
    url: `http://${host}:${port}`,
    closed,
    close: async () => {
      if (server.listening) {
        server.close();
        server.closeAllConnections();
      }
      await closed;
    },
  };
}

/** The caller's request id when it fits the spec's pattern, else a new one. */
function requestIdFor(facts: SpecFacts, callerRequestId: string | undefined): string {
  return callerRequestId && facts.requestIdPattern.test(callerRequestId) ? callerRequestId : newRequestId();
}

/** 32 upper-case hex characters: within the request id's pattern. */
function newRequestId(): string {
  return randomUUID().replaceAll("-", "").toUpperCase();
}

/**
 * The request target as a URL on a placeholder origin; undefined for one that is not a path: `*`,
 * `host:port`, an absolute URL, or `//host/path` (which URL parsing would read as a host).
 */
function parseRequestTarget(target: string): URL | undefined {
  if (!target.startsWith("/") || target.startsWith("//")) return undefined;
  try {
    return new URL(target, "http://api.invalid");
  } catch {
    return undefined;
  }
}
