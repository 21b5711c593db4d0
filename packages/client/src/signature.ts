// `@aidp/client/signature`: checks an OCI request signature (draft-cavage, rsa-sha256, version="1") the way the
// service does, with the same signing string the client signs with. One implementation for the mock's
// `--verify-signatures` and for tests. WebCrypto only, no `node:` import, so it runs wherever the client runs.
import { base64ToBytes, bytesToBase64 } from "./auth/base64.js";
import { RSA_SHA256 } from "./auth/private-key.js";
import {
  type SessionTokenClaims,
  sessionTokenClaims,
  sessionTokenPublicKey,
} from "./auth/session-token-claims.js";
import {
  BODY_HEADERS,
  METHODS_WITH_SIGNED_BODY,
  requestTarget,
  signingString,
} from "./auth/signing-string.js";
import { AidpError } from "./errors.js";

export { requestTarget, signingString };

/** The parameters of an `Authorization: Signature ...` header. */
export interface ParsedAuthorization {
  version: string;
  keyId: string;
  algorithm: string;
  /** The signed header names, lower-cased, in signing order. */
  headers: string[];
  signature: string;
}

/** Why a request's signature was refused; `message` says it in words. */
export type SignatureFailure =
  | "missing-authorization"
  | "malformed-authorization"
  | "unknown-key"
  | "unsigned-headers"
  | "body-mismatch"
  | "bad-signature"
  | "clock-skew";

/** A signature the verifier refuses: an `AidpError` like every error of the client, with the `reason`. */
export class AidpSignatureVerificationError extends AidpError {
  readonly reason: SignatureFailure;
  constructor(reason: SignatureFailure, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** A request as the server received it. */
export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as on the request line, e.g. `/20260430/x?limit=10`. */
  target: string;
  /** A received header's value by lower-case name, or undefined. */
  header(name: string): string | undefined;
  /** The body bytes as received (empty when there is none). */
  body: Uint8Array;
}

export interface VerifyOptions {
  /** The public key of a key id (e.g. `tenancy/user/fingerprint`); undefined for an unknown key id. */
  publicKey: CryptoKey | ((keyId: string) => CryptoKey | undefined | Promise<CryptoKey | undefined>);
  /** Largest accepted distance between the signed `date`/`x-date` and `now`. Default 5 minutes, as OCI. */
  maxClockSkewMs?: number;
  /** The verifier's clock, in epoch milliseconds. Default `Date.now()`. */
  now?: () => number;
}

const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60_000;
const PARAMETER = /([a-zA-Z]+)="([^"]*)"/g;

/** Parses `Signature version="1",keyId="...",algorithm="...",headers="...",signature="..."`. */
export function parseAuthorization(header: string): ParsedAuthorization {
  if (!header.startsWith("Signature ")) {
    throw new AidpSignatureVerificationError(
      "malformed-authorization",
      "the Authorization header does not use the Signature scheme",
    );
  }
  const parameters = new Map<string, string>();
  for (const [, name, value] of header.slice("Signature ".length).matchAll(PARAMETER)) {
    parameters.set(name as string, value as string);
  }
  const parameter = (name: string) => {
    const value = parameters.get(name);
    if (value === undefined) {
      throw new AidpSignatureVerificationError(
        "malformed-authorization",
        `the Authorization header has no ${name} parameter`,
      );
    }
    return value;
  };
  return {
    version: parameter("version"),
    keyId: parameter("keyId"),
    algorithm: parameter("algorithm"),
    headers: parameter("headers")
      .split(" ")
      .filter((name) => name !== "")
      .map((name) => name.toLowerCase()),
    signature: parameter("signature"),
  };
}

/** Imports an RSA public key PEM (`-----BEGIN PUBLIC KEY-----`, SubjectPublicKeyInfo) for verifying. */
export async function importPublicKeyPem(pem: string): Promise<CryptoKey> {
  const match = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(pem);
  if (!match?.[1]) throw new TypeError("expected a PEM block -----BEGIN PUBLIC KEY----- (SPKI)");
  try {
    const der = base64ToBytes(match[1].replace(/\s+/g, ""));
    return await globalThis.crypto.subtle.importKey("spki", der, RSA_SHA256, false, ["verify"]);
  } catch {
    throw new TypeError("the PEM is not a valid RSA public key");
  }
}

/**
 * Resolves with the parsed Authorization when `request` carries a valid OCI signature; rejects with a
 * {@link AidpSignatureVerificationError} naming what failed otherwise.
 */
export async function verifyRequestSignature(
  request: ReceivedRequest,
  options: VerifyOptions,
): Promise<ParsedAuthorization> {
  const header = request.header("authorization");
  if (header === undefined || header === "") {
    throw new AidpSignatureVerificationError(
      "missing-authorization",
      "the request has no Authorization header",
    );
  }
  const authorization = parseAuthorization(header);
  if (authorization.version !== "1" || authorization.algorithm !== "rsa-sha256") {
    throw new AidpSignatureVerificationError(
      "malformed-authorization",
      `expected version="1" and algorithm="rsa-sha256", got version="${authorization.version}" and algorithm="${authorization.algorithm}"`,
    );
  }
  checkSignedHeaders(request, authorization.headers);
  await checkBody(request);
  checkClock(request, authorization.headers, options);

  const publicKey =
    typeof options.publicKey === "function"
      ? await options.publicKey(authorization.keyId)
      : options.publicKey;
  if (publicKey === undefined) {
    throw new AidpSignatureVerificationError(
      "unknown-key",
      `unknown key id "${displayKeyId(authorization.keyId)}"`,
    );
  }
  const text = signingString(authorization.headers, (name) =>
    name === "(request-target)"
      ? `${request.method.toLowerCase()} ${request.target}`
      : (request.header(name) ?? ""),
  );
  let verified = false;
  try {
    verified = await globalThis.crypto.subtle.verify(
      RSA_SHA256.name,
      publicKey,
      base64ToBytes(authorization.signature),
      new TextEncoder().encode(text),
    );
  } catch {
    verified = false; // not base64, or a key of another kind: a bad signature either way
  }
  if (!verified) {
    throw new AidpSignatureVerificationError(
      "bad-signature",
      `the signature does not verify with the public key of "${displayKeyId(authorization.keyId)}"`,
    );
  }
  return authorization;
}

function checkSignedHeaders(request: ReceivedRequest, signed: readonly string[]): void {
  const required = ["(request-target)", "host"];
  if (METHODS_WITH_SIGNED_BODY.has(request.method.toUpperCase())) required.push(...BODY_HEADERS);
  const missing = required.filter((name) => !signed.includes(name));
  if (!signed.includes("date") && !signed.includes("x-date")) missing.unshift("date or x-date");
  if (missing.length > 0) {
    throw new AidpSignatureVerificationError(
      "unsigned-headers",
      `headers missing from the signature: ${missing.join(", ")}`,
    );
  }
  const absent = signed.filter((name) => name !== "(request-target)" && request.header(name) === undefined);
  if (absent.length > 0) {
    throw new AidpSignatureVerificationError(
      "unsigned-headers",
      `signed headers missing from the request: ${absent.join(", ")}`,
    );
  }
}

async function checkBody(request: ReceivedRequest): Promise<void> {
  if (!METHODS_WITH_SIGNED_BODY.has(request.method.toUpperCase())) return;
  const body = request.body as Uint8Array<ArrayBuffer>;
  const digest = bytesToBase64(new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", body)));
  if (request.header("x-content-sha256") !== digest) {
    throw new AidpSignatureVerificationError(
      "body-mismatch",
      "x-content-sha256 does not match the SHA-256 of the received body",
    );
  }
  if (request.header("content-length") !== String(body.byteLength)) {
    throw new AidpSignatureVerificationError(
      "body-mismatch",
      `content-length is ${request.header("content-length")}, the received body has ${body.byteLength} bytes`,
    );
  }
}

function checkClock(request: ReceivedRequest, signed: readonly string[], options: VerifyOptions): void {
  const name = signed.includes("x-date") ? "x-date" : "date";
  const value = request.header(name) ?? "";
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new AidpSignatureVerificationError(
      "clock-skew",
      `the ${name} header is not an HTTP date: "${value}"`,
    );
  }
  const maxSkewMs = options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  const skewMs = Math.abs((options.now?.() ?? Date.now()) - time);
  if (skewMs > maxSkewMs) {
    throw new AidpSignatureVerificationError(
      "clock-skew",
      `the ${name} header is ${Math.round(skewMs / 1000)} s away from the server's clock (at most ${Math.round(maxSkewMs / 1000)} s allowed)`,
    );
  }
}

/**
 * The key of a session-token key id (`ST$<jwt>`): the session public key in the token's `jwk` claim, as OCI
 * session tokens carry it. An expired token is refused; undefined for a token without a usable `jwk`.
 * (The token's own signature is not checked: that needs the identity service's key.)
 */
export async function sessionTokenKey(
  keyId: string,
  now: number = Date.now(),
): Promise<CryptoKey | undefined> {
  const token = keyId.slice("ST$".length);
  let claims: SessionTokenClaims;
  try {
    claims = sessionTokenClaims(token);
  } catch {
    throw new AidpSignatureVerificationError("unknown-key", "the ST$ key id does not hold a JWT");
  }
  const { exp, jwk } = claims;
  if (exp !== undefined && exp * 1000 <= now) {
    throw new AidpSignatureVerificationError(
      "unknown-key",
      `the session token expired at ${new Date(exp * 1000).toISOString()}`,
    );
  }
  return sessionTokenPublicKey(jwk);
}

/** Session-token key ids (`ST$<token>`) carry a secret: show only the scheme. */
function displayKeyId(keyId: string): string {
  return keyId.startsWith("ST$") ? "ST$<redacted>" : keyId;
}
