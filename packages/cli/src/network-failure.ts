// A network failure in the user's terms: the host and port, the system's error code and what it means, and for a
// timeout the flag that decides it. Apart from ./network.ts so that reporting an error does not load undici.

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
