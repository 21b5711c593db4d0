// A failed connection or exchange in the user's terms, one wording for the client, the CLI and the gateway: the
// step it failed at, host:port (never the path or query, which may be a secret such as a PAR URL's), the system's
// error code (what people search for) and what it means. Runs in browsers too: it reads only `code`, `cause`
// and `errors` down the error's chain.
import { AidpError } from "./errors.js";

/** Where a connection or exchange failed, as far as the error's code tells. */
export type NetworkStep = "name lookup" | "connect" | "TLS handshake" | "exchange" | "answer";

/** How a caller names its time limits in the message, e.g. `"0.5 s (--read-timeout)"`. */
export interface NetworkTimeLimits {
  /** The limit on opening the connection. */
  connect?: string;
  /** The limit on each wait for the answer (its headers, then each chunk of its body). */
  read?: string;
}

/**
 * Each step: the words before host:port, and the codes people meet there (Node's system errors, undici's) with
 * their words. `{connect}` / `{read}` stand for the caller's name of that time limit, so words that name one are
 * a time limit running out. Grouped by step and without per-entry objects: the table ships in every client bundle.
 */
const STEPS: readonly (readonly [
  step: NetworkStep,
  phrase: string,
  words: Readonly<Record<string, string>>,
])[] = [
  ["name lookup", "looking up", { ENOTFOUND: "no such host", EAI_AGAIN: "DNS cannot resolve it now" }],
  [
    "connect",
    "connecting to",
    {
      ECONNREFUSED: "connection refused: nothing listens there",
      EHOSTUNREACH: "host unreachable",
      ENETUNREACH: "network unreachable",
      ETIMEDOUT: "no connection within {connect}",
      UND_ERR_CONNECT_TIMEOUT: "no connection within {connect}",
    },
  ],
  [
    "TLS handshake",
    "TLS handshake with",
    {
      // Node's code when the other side's bytes are not TLS (e.g. plain HTTP on the port), or its TLS version is refused.
      EPROTO: "not TLS there, or no TLS version in common",
      CERT_HAS_EXPIRED: "certificate expired",
      DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed certificate",
      SELF_SIGNED_CERT_IN_CHAIN: "untrusted self-signed certificate in the chain",
      UNABLE_TO_VERIFY_LEAF_SIGNATURE: "certificate not verifiable",
      ERR_TLS_CERT_ALTNAME_INVALID: "certificate not for this host name",
    },
  ],
  [
    "exchange",
    "exchange with",
    {
      ECONNRESET: "connection reset",
      EPIPE: "connection closed",
      UND_ERR_SOCKET: "connection closed",
    },
  ],
  [
    "answer",
    "waiting for the answer of",
    {
      UND_ERR_HEADERS_TIMEOUT: "no answer within {read}",
      UND_ERR_BODY_TIMEOUT: "answer stalled beyond {read}",
    },
  ],
];

/** Node's TLS and certificate codes not in the table above. */
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** A code's step and words: the table's, else a TLS handshake's for any other TLS code; undefined for the rest. */
function meaningOf(code: string): [step: NetworkStep, words: string] | undefined {
  for (const [step, , words] of STEPS) if (Object.hasOwn(words, code)) return [step, words[code] as string];
  return TLS_CODE.test(code) ? ["TLS handshake", "handshake failed"] : undefined;
}

/** What `{connect}` and `{read}` say when the caller has not named its limits. */
const UNNAMED_LIMITS: Required<NetworkTimeLimits> = {
  connect: "the connection timeout",
  read: "the read timeout",
};

/** A failed connection or exchange, said as the user sees it. Its message never holds more of the URL than host:port. */
export class NetworkFailure extends AidpError {
  /** The step that failed; undefined when the error's code does not tell. */
  declare readonly step: NetworkStep | undefined;
  /** `host:port` of the other side. */
  declare readonly hostPort: string;
  /** The system's (or undici's) error code, e.g. `ECONNREFUSED`; undefined when the error had none. */
  declare readonly code: string | undefined;
  /** What the code means, in words. */
  declare readonly words: string;
  /** A time limit ran out (as opposed to a refusal, a reset, an unknown host). */
  declare readonly timedOut: boolean;

  constructor(
    details: Pick<NetworkFailure, "step" | "hostPort" | "code" | "words" | "timedOut">,
    options?: ErrorOptions,
  ) {
    const code = details.code === undefined ? "" : ` (${details.code})`;
    super(
      `${STEPS.find(([step]) => step === details.step)?.[1] ?? "reaching"} ${details.hostPort}: ${details.words}${code}`,
      options,
    );
    // Field by field: a spread of `details` would copy whatever else the caller's object carries (a `message`).
    this.step = details.step;
    this.hostPort = details.hostPort;
    this.code = details.code;
    this.words = details.words;
    this.timedOut = details.timedOut;
  }
}

/**
 * `error`, as fetch or node:http threw it while talking to `url`, as a NetworkFailure (its cause); a
 * NetworkFailure found down its chain (made by a custom fetch that knows its limits' names) is returned as it is.
 */
export function describeNetworkFailure(
  error: unknown,
  url: string | URL,
  limits: NetworkTimeLimits = {},
): NetworkFailure {
  const described = networkFailureIn(error);
  if (described) return described;
  const code = systemErrorCode(error);
  const meaning = code === undefined ? undefined : meaningOf(code);
  const words =
    meaning === undefined
      ? withoutUrls(deepestMessage(error))
      : meaning[1].replace(
          /\{(connect|read)\}/,
          (_, limit: keyof NetworkTimeLimits) => limits[limit] ?? UNNAMED_LIMITS[limit],
        );
  return new NetworkFailure(
    {
      step: meaning?.[0],
      hostPort: hostAndPort(url),
      code,
      words,
      timedOut: meaning?.[1].includes("{") === true,
    },
    { cause: error },
  );
}

/** The NetworkFailure down an error's cause chain (e.g. an AidpConnectionError's cause), if there is one. */
export function networkFailureIn(error: unknown): NetworkFailure | undefined {
  return causeChain(error).find((current) => current instanceof NetworkFailure) as NetworkFailure | undefined;
}

/**
 * `error` and what lies down its chain, at most 6: each one's `cause`, else an AggregateError's first error
 * (fetch's TypeError → undici's error → the system error, or the first of the addresses it tried). Any object,
 * not only an `instanceof Error`: an error made in another realm (a `vm` context, Jest's environments) is not
 * one, and a custom fetch may give a plain `{ code }` as the cause.
 */
function causeChain(error: unknown): ChainLink[] {
  const chain: ChainLink[] = [];
  for (
    let current = error as ChainLink | null | undefined;
    typeof current === "object" && current && chain.length < 6;
    current = current.cause ?? current.errors?.[0]
  )
    chain.push(current);
  return chain;
}

/** What the chain reads of each link. */
interface ChainLink {
  cause?: ChainLink;
  errors?: ChainLink[];
  code?: unknown;
  message?: string;
}

/** host:port of a URL, and nothing else of it. */
function hostAndPort(url: string | URL): string {
  const { protocol, hostname, port } = new URL(url);
  return `${hostname}:${port || (protocol === "https:" ? "443" : "80")}`;
}

/** The most telling code down the chain: the first one we have words for, else the first one at all. */
function systemErrorCode(error: unknown): string | undefined {
  const codes = causeChain(error)
    .map((current) => current.code)
    .filter((code): code is string => typeof code === "string" && code !== "");
  return codes.find(meaningOf) ?? codes[0];
}

/** The message of the last error down the cause chain: undici's "bad port" rather than fetch's "fetch failed". */
function deepestMessage(error: unknown): string {
  return causeChain(error).at(-1)?.message ?? String(error);
}

/** A runtime's message may quote the URL it was given; the URL may be a secret. */
function withoutUrls(message: string): string {
  return message.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "(URL)");
}
