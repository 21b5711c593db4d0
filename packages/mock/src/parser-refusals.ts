// What Node's HTTP layer refuses before a request reaches the mock (an unknown method such as FOO, headers over
// its 16 KB limit, a duplicate or malformed Content-Length, a request that did not arrive in time) and CONNECT,
// which Node hands to a separate event: answered here in the API's shape, an Error body and an
// request id, instead of Node's bare status line or a dropped connection. The connection is closed after:
// what follows the bad bytes cannot be read reliably.
import { type Server, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { apiError, type MockResponse } from "./mock-response.ts";
import type { SpecFacts } from "./spec-facts.ts";

interface ParserError extends Error {
  code?: string;
}

/** The answer to a request Node's parser refused, by the parser's error code. */
function parserRefusal(facts: SpecFacts, error: ParserError): MockResponse {
  switch (error.code) {
    case "HPE_INVALID_METHOD":
      return apiError(
        facts,
        405,
        "The request method is not one the API uses: POST, and GET for a log file's PAR URL.",
      );
    case "HPE_HEADER_OVERFLOW":
      return apiError(facts, 431, "The request headers are larger than the mock accepts (16 KB in all).");
    case "ERR_HTTP_REQUEST_TIMEOUT":
    case "HPE_REQUEST_TIMEOUT":
      return apiError(facts, 408, "The request did not arrive in time.");
    default:
      return apiError(facts, 400, `The request is not valid HTTP/1.1 (${error.code ?? "parse error"}).`);
  }
}

/**
 * Writes `answer` straight to the socket and closes it; as Node's own handler does, only when no answer to an
 * earlier request on this connection has begun (that would corrupt it): then the connection is just closed.
 */
function writeToSocket(
  socket: Duplex,
  answer: MockResponse,
  requestId: { header: string; value: string },
): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || socket.destroyed || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const payload = Buffer.from(JSON.stringify(answer.body ?? {}));
  const headers = {
    ...answer.headers,
    [requestId.header]: requestId.value,
    "content-length": String(payload.byteLength),
    connection: "close",
  };
  const head = [
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? "Error"}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join("\r\n");
  socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, "latin1"), payload]));
}

/** Answers parser refusals and CONNECT on `server`; `log` gets one line per refusal. */
export function answerParserRefusals(
  server: Server,
  facts: SpecFacts,
  newRequestId: () => string,
  log: ((line: string) => void) | undefined,
): void {
  server.on("clientError", (error: ParserError, socket: Duplex) => {
    if (error.code === "ECONNRESET" || error.code === "EPIPE") {
      socket.destroy(); // the client is gone: nobody to answer
      return;
    }
    const answer = parserRefusal(facts, error);
    writeToSocket(socket, answer, { header: facts.requestIdHeader, value: newRequestId() });
    log?.(`(unparsed request) ${answer.status} ${error.code ?? error.message}`);
  });
  server.on("connect", (request: { url?: string }, socket: Duplex) => {
    writeToSocket(
      socket,
      apiError(
        facts,
        405,
        "CONNECT is not allowed: the API uses POST, and GET for a log file's PAR URL; the mock is no proxy.",
      ),
      { header: facts.requestIdHeader, value: newRequestId() },
    );
    log?.(`CONNECT ${request.url?.slice(0, 80) ?? ""} 405`);
  });
}
