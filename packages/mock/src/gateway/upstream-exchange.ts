// One signed exchange with the upstream service: the caller's request minus any old signature, signed anew with
// the client's AuthProvider for the upstream's host, sent with node:http(s) (which, unlike fetch, sends the
// `host` it was signed with), and the answer read whole within a deadline. Failures become an UpstreamFailure
// whose message names the cause in the client's words for network failures (describeNetworkFailure).
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { type AuthProvider, describeNetworkFailure } from "@aidp/client";

/** What the gateway forwards: the caller's method, path and query, headers and body bytes. */
export interface ForwardedRequest {
  method: string;
  /** Path and query as the caller sent them, e.g. `/20260430/...?limit=5`. */
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** The upstream's answer, read whole. */
export interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The exchange as it happened: the headers sent upstream (signed) and the answer. */
export interface UpstreamExchange {
  sentHeaders: Record<string, string>;
  answer: UpstreamAnswer;
}

export class UpstreamFailure extends Error {
  override name = "UpstreamFailure";
}

/** The request went out on a kept-alive connection the upstream had closed: nothing reached it. */
class StaleConnection extends Error {
  override name = "StaleConnection";
}

/** Never forwarded: the old signature and what it covered (re-made for the upstream's host), and hop-by-hop headers. */
const DROPPED_HEADERS = new Set([
  "authorization",
  "date",
  "x-date",
  "x-content-sha256",
  "content-length",
  "host",
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authorization",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  // The gateway reads the answer to check it: ask for it uncompressed.
  "accept-encoding",
]);

export interface UpstreamClientOptions {
  baseUrl: URL;
  auth: AuthProvider | undefined;
  timeoutMs: number;
  /** Largest answer read; a bigger one is an UpstreamFailure (memory stays bounded). */
  maxAnswerBytes: number;
}

export class UpstreamClient {
  private readonly agent: HttpAgent;

  constructor(private readonly options: UpstreamClientOptions) {
    const Agent = options.baseUrl.protocol === "https:" ? HttpsAgent : HttpAgent;
    this.agent = new Agent({ keepAlive: true });
  }

  close(): void {
    this.agent.destroy();
  }

  async exchange(request: ForwardedRequest): Promise<UpstreamExchange> {
    const { baseUrl, auth, timeoutMs } = this.options;
    // The caller's target after the base URL's own path (e.g. `/api`); never read as `//host/...`.
    const url = new URL(`${baseUrl.origin}${baseUrl.pathname.replace(/\/+$/, "")}${request.target}`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (!DROPPED_HEADERS.has(name)) headers.set(name, value);
    }
    const hasBody = request.body.byteLength > 0;
    if (auth) {
      const added = await auth.signRequest({
        method: request.method,
        url: url.href,
        headers,
        body: hasBody ? new Uint8Array(request.body) : undefined,
      });
      for (const [name, value] of added) headers.set(name, value);
    }
    const sentHeaders: Record<string, string> = { host: url.host };
    for (const [name, value] of headers) sentHeaders[name] = value;
    if (hasBody || sentHeaders["content-length"] !== undefined) {
      sentHeaders["content-length"] = String(request.body.byteLength);
    }
    const deadline = Date.now() + timeoutMs;
    let answer: UpstreamAnswer;
    try {
      answer = await this.send(url, request.method, sentHeaders, request.body, deadline);
    } catch (error) {
      // A kept-alive connection the upstream had already closed (load balancers close idle ones): the request
      // never reached it, so it is sent once more on a new connection, as Node's documentation advises.
      if (!(error instanceof StaleConnection)) throw error;
      answer = await this.send(url, request.method, sentHeaders, request.body, deadline);
    }
    return { sentHeaders, answer };
  }

  private send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: Buffer,
    deadline: number,
  ): Promise<UpstreamAnswer> {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const { timeoutMs } = this.options;
    return new Promise((resolve, reject) => {
      let answered = false;
      const fail = (error: unknown) => {
        clearTimeout(timer);
        outgoing.destroy();
        const code = (error as NodeJS.ErrnoException).code;
        if (!answered && outgoing.reusedSocket && (code === "ECONNRESET" || code === "EPIPE")) {
          reject(new StaleConnection());
          return;
        }
        reject(
          error instanceof UpstreamFailure
            ? error
            : new UpstreamFailure(describeNetworkFailure(error, url).message, { cause: error }),
        );
      };
      const timer = setTimeout(
        () =>
          fail(new UpstreamFailure(`timeout: no complete answer from ${url.origin} within ${timeoutMs} ms`)),
        Math.max(0, deadline - Date.now()),
      );
      const outgoing = send(url, { method, headers, agent: this.agent }, (incoming) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on("data", (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > this.options.maxAnswerBytes) {
            fail(
              new UpstreamFailure(
                `answer too large: ${url.origin} sent more than ${this.options.maxAnswerBytes} bytes`,
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        incoming.on("error", fail);
        incoming.on("end", () => {
          clearTimeout(timer);
          if (!incoming.complete) {
            reject(new UpstreamFailure(`connection closed: ${url.origin} ended the answer before its end`));
            return;
          }
          const status = incoming.statusCode ?? 0;
          // Node parses any three digits; an answer with another status cannot be passed on (writeHead throws).
          if (status < 100 || status > 599) {
            reject(
              new UpstreamFailure(
                `bad status: ${url.origin} answered ${status}, not an HTTP status (100 to 599)`,
              ),
            );
            return;
          }
          resolve({ status, headers: incoming.headers, body: Buffer.concat(chunks) });
        });
      });
      outgoing.on("error", fail);
      outgoing.end(body);
    });
  }
}
