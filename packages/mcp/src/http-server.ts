// `--transport http`: Streamable HTTP at http://127.0.0.1:PORT/mcp, on the loopback interface only. A request
// whose Host is not a loopback name, or whose Origin is a foreign site, is refused before anything else reads it
// (a web page cannot reach the server through DNS rebinding). The SDK's handler serves the current protocol and,
// statelessly, the 2025 revisions.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  createMcpHandler,
  hostHeaderValidationResponse,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  type McpServerFactory,
  originValidationResponse,
} from "@modelcontextprotocol/server";
import { InFlightCalls } from "./legacy-cancellation.ts";

const MCP_PATH = "/mcp";
const HOST = "127.0.0.1";
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface RunningHttpServer {
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(
  factory: McpServerFactory,
  port: number,
  log: (line: string) => void,
): Promise<RunningHttpServer> {
  const inFlight = new InFlightCalls();
  const handler = createMcpHandler(factory, {
    legacy: "stateless",
    onerror: (error) => log(`http: ${error.message}`),
  });
  const server: Server = createServer((request, response) => {
    serve(request, response).catch((error: Error) => {
      log(`http: ${error.message}`);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  async function serve(request: IncomingMessage, response: ServerResponse) {
    const controller = new AbortController();
    response.on("close", () => controller.abort());
    const read = await readRequest(request, controller.signal);
    if (read === undefined) return void response.writeHead(413).end();
    const { webRequest, body } = read;
    const refused =
      hostHeaderValidationResponse(webRequest, localhostAllowedHostnames()) ??
      originValidationResponse(webRequest, localhostAllowedOrigins());
    if (refused) {
      log(`http: refused a request (Host or Origin not local)`);
      return writeWebResponse(refused, response);
    }
    if (new URL(webRequest.url).pathname !== MCP_PATH) return void response.writeHead(404).end();
    const done = body ? inFlight.observe(body, controller) : () => {};
    try {
      await writeWebResponse(await handler.fetch(webRequest), response);
    } finally {
      done();
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://${HOST}:${boundPort}${MCP_PATH}`,
    async close() {
      await handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readRequest(
  request: IncomingMessage,
  signal: AbortSignal,
): Promise<{ webRequest: Request; body: Uint8Array | undefined } | undefined> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const method = request.method ?? "GET";
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== "GET" && method !== "HEAD") {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) return undefined;
      chunks.push(chunk);
    }
    body = new Uint8Array(Buffer.concat(chunks));
  }
  // The URL is built on our own address: the Host header is checked, not trusted to build URLs.
  return {
    webRequest: new Request(`http://${HOST}${request.url ?? "/"}`, { method, headers, body, signal }),
    body,
  };
}

async function writeWebResponse(webResponse: Response, response: ServerResponse): Promise<void> {
  response.writeHead(webResponse.status, Object.fromEntries(webResponse.headers));
  if (!webResponse.body) return void response.end();
  for await (const chunk of webResponse.body as unknown as AsyncIterable<Uint8Array>) {
    if (!response.write(chunk)) await new Promise((resolve) => response.once("drain", resolve));
  }
  response.end();
}
