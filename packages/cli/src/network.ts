// The CLI's own fetch: undici's, with the OCI CLI's two timeouts on every socket (to the service and to the PAR
// URL alike): `--connection-timeout` for the TCP and TLS handshake, `--read-timeout` for each wait on the other
// side (the answer's headers, then every chunk of its body). A failure names the host and port and the system
// error in the user's terms; the client wraps it in its AidpConnectionError and retries it like any other.
import { Agent, fetch as undiciFetch } from "undici";

export interface NetworkTimeouts {
  connectionTimeoutMs: number;
  readTimeoutMs: number;
}

/** A failed connection or read, said as the user sees it: where to, what happened, the system's code. */
export class NetworkFailure extends Error {
  override name = "NetworkFailure";
  constructor(
    message: string,
    readonly code: string | undefined,
    /** A timeout ran out (as opposed to a refusal, a reset, an unknown host). */
    readonly timedOut: boolean,
    options: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function timedFetch(timeouts: NetworkTimeouts): typeof globalThis.fetch {
  const dispatcher = new Agent({
    connect: { timeout: timeouts.connectionTimeoutMs },
    headersTimeout: timeouts.readTimeoutMs,
    bodyTimeout: timeouts.readTimeoutMs,
  });
  const send = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    try {
      // undici's types describe its own Request and Response classes; at run time they are the web's.
      return (await undiciFetch(url, { ...init, dispatcher } as never)) as unknown as Response;
    } catch (error) {
      if (init?.signal?.aborted) throw error; // cancelled by the caller (Ctrl-C, a deadline): not the network
      throw describeNetworkFailure(error, url, timeouts);
    }
  };
  return send as typeof globalThis.fetch;
}

/** Words for the system error codes people meet, after the code itself (which is what they search for). */
const CODE_MEANING: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused: nothing listens there",
  ECONNRESET: "the connection was reset by the other side",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name could not be resolved now (DNS)",
  EHOSTUNREACH: "the host cannot be reached",
  ENETUNREACH: "the network cannot be reached",
  EPIPE: "the other side closed the connection",
  UND_ERR_SOCKET: "the other side closed the connection",
};

export function describeNetworkFailure(error: unknown, url: URL, timeouts: NetworkTimeouts): NetworkFailure {
  const where = `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
  const code = systemCode(error);
  const seconds = (ms: number) => `${ms / 1000} s`;
  const connectTimeout = code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT";
  const readTimeout = code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
  let message: string;
  if (connectTimeout)
    message = `no connection to ${where} within ${seconds(timeouts.connectionTimeoutMs)} (ETIMEDOUT; --connection-timeout)`;
  else if (readTimeout)
    message = `${where} sent nothing for ${seconds(timeouts.readTimeoutMs)} (${code === "UND_ERR_HEADERS_TIMEOUT" ? "no answer" : "answer cut short"}; --read-timeout)`;
  else if (code !== undefined)
    message = `cannot reach ${where}: ${code}${CODE_MEANING[code] ? ` (${CODE_MEANING[code]})` : ""}`;
  else message = `cannot reach ${where}: ${deepestMessage(error)}`;
  return new NetworkFailure(message, code, connectTimeout || readTimeout, { cause: error });
}

/** The message of the last error down the cause chain: undici's "bad port" rather than fetch's "fetch failed". */
function deepestMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; current instanceof Error && current.cause instanceof Error && depth < 5; depth++)
    current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/** The first `code` down the cause chain (fetch's TypeError → undici's error → the system error). */
function systemCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code !== "UND_ERR" && !code.startsWith("ERR_")) return code;
    current = current.cause;
  }
  return undefined;
}

/** The NetworkFailure behind an error of the client (AidpConnectionError's cause), if there is one. */
export function networkFailureIn(error: unknown): NetworkFailure | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof NetworkFailure) return current;
    current = current.cause;
  }
  return undefined;
}
