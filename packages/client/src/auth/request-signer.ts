// OCI's request signature (draft-cavage HTTP signatures, rsa-sha256, version="1") on WebCrypto alone, so it
// runs in Node, browsers, Deno and Bun. The order of the signed headers is the one of OCI's own TypeScript SDK
// (oci-common), which the tests compare us with signature for signature.
import { customAuth } from "./attempt-signing.js";
import { bytesToBase64 } from "./base64.js";
import { RSA_SHA256 } from "./private-key.js";
import { BODY_HEADERS, METHODS_WITH_SIGNED_BODY, requestTarget, signingString } from "./signing-string.js";
import type { AuthProvider, SignableRequest } from "./types.js";

/** oci-common's default when a body request has no content type. */
const DEFAULT_CONTENT_TYPE = "application/json";

export type DateHeader = "date" | "x-date";

export interface RequestSignerOptions {
  /** `tenancy/user/fingerprint`, or `ST$<token>` for session tokens; a function so tokens can be refreshed. */
  keyId: () => string | Promise<string>;
  privateKey: Promise<CryptoKey>;
  region?: string | undefined;
  /**
   * Header that carries the signed time when the request has neither. Browsers do not let scripts set `date`,
   * so use `x-date` there. A request that already has `x-date` is always signed with it.
   */
  dateHeader?: DateHeader | undefined;
}

export function createRequestSigner(options: RequestSignerOptions): AuthProvider {
  // Fail at the first request, not as an unhandled rejection if no request is ever made.
  options.privateKey.catch(() => {});
  return customAuth({
    region: options.region,
    async signRequest(request: SignableRequest): Promise<Headers> {
      const [keyId, privateKey] = await Promise.all([options.keyId(), options.privateKey]);
      return signatureHeaders(request, { keyId, privateKey }, options.dateHeader);
    },
  });
}

/** Who signs: the key id the service looks the key up by, and the private key. */
export interface SigningCredentials {
  keyId: string;
  privateKey: CryptoKey;
}

/**
 * The headers that make `request` carry a valid OCI signature by `credentials`: the date, for a body the content
 * headers and digest, and the Authorization. Shared by every provider, the federation requests included.
 */
export async function signatureHeaders(
  request: SignableRequest,
  credentials: SigningCredentials,
  defaultDateHeader: DateHeader = "date",
): Promise<Headers> {
  const url = new URL(request.url);
  const added = new Headers();
  const headerValue = (name: string) => added.get(name) ?? request.headers.get(name) ?? "";

  const dateHeader: DateHeader = request.headers.has("x-date") ? "x-date" : defaultDateHeader;
  if (!request.headers.has(dateHeader)) added.set(dateHeader, new Date().toUTCString());
  // `host` is signed as the transport will send it: fetch derives it from the URL, so it is not added.
  const names = [dateHeader, "(request-target)", "host"];

  if (METHODS_WITH_SIGNED_BODY.has(request.method.toUpperCase())) {
    const body = request.body ?? new Uint8Array(0);
    if (!request.headers.has("content-type")) added.set("content-type", DEFAULT_CONTENT_TYPE);
    added.set("content-length", String(body.byteLength));
    const digest = await globalThis.crypto.subtle.digest("SHA-256", body as Uint8Array<ArrayBuffer>);
    added.set("x-content-sha256", bytesToBase64(new Uint8Array(digest)));
    names.push(...BODY_HEADERS);
  }

  const text = signingString(names, (name) => {
    if (name === "(request-target)") return requestTarget(request.method, url);
    if (name === "host") return request.headers.get("host") ?? url.host;
    return headerValue(name);
  });
  const signature = await sign(credentials.privateKey, text);
  added.set(
    "authorization",
    `Signature version="1",keyId="${credentials.keyId}",algorithm="rsa-sha256",headers="${names.join(" ")}",signature="${signature}"`,
  );
  return added;
}

async function sign(privateKey: CryptoKey, text: string): Promise<string> {
  const signature = await globalThis.crypto.subtle.sign(
    RSA_SHA256.name,
    privateKey,
    new TextEncoder().encode(text),
  );
  return bytesToBase64(new Uint8Array(signature));
}
