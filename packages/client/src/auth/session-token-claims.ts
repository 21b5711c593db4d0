// What the client and the signature check read from an OCI session token (a JWT): when it expires (`exp`), and
// the session's public key (`jwk`, a JSON text in real tokens, an object accepted too). The token's own signature
// is the identity service's business, not ours. WebCrypto and atob only, so the mock and browsers can use it.
import { decoder, parseOrText } from "../answer-text.js";
import { AidpAuthError } from "./auth-error.js";
import { base64ToBytes } from "./base64.js";
import { RSA_SHA256 } from "./private-key.js";

export interface SessionTokenClaims {
  /** Expiry, epoch seconds. */
  exp?: number;
  /** The session's public key as a JWK. */
  jwk?: JsonWebKey;
}

/** The claims of a JWT; `what` names the token in the error (never its content). */
export function sessionTokenClaims(token: string, what = "the session token"): SessionTokenClaims {
  const payload = token.replace(/^ST\$/, "").split(".")[1];
  let claims: Record<string, unknown>;
  try {
    const base64 = (payload ?? "").replace(/-/g, "+").replace(/_/g, "/");
    claims = JSON.parse(decoder.decode(base64ToBytes(base64)));
  } catch {
    throw new AidpAuthError(`${what} is not a JWT (header.payload.signature with a JSON payload)`);
  }
  const result: SessionTokenClaims = {};
  if (typeof claims.exp === "number") result.exp = claims.exp;
  // A `jwk` text that is not JSON stays a string, which the object check below refuses.
  const jwk = typeof claims.jwk === "string" ? parseOrText(claims.jwk) : claims.jwk;
  if (typeof jwk === "object" && jwk !== null) result.jwk = jwk as JsonWebKey;
  return result;
}

/** The RSA public key of a session token's `jwk` claim, for verifying `ST$` signatures. */
export async function sessionTokenPublicKey(jwk: JsonWebKey | undefined): Promise<CryptoKey | undefined> {
  if (jwk?.kty !== "RSA" || !jwk.n || !jwk.e) return undefined;
  try {
    return await globalThis.crypto.subtle.importKey(
      "jwk",
      { kty: "RSA", n: jwk.n, e: jwk.e },
      RSA_SHA256,
      false,
      ["verify"],
    );
  } catch {
    return undefined;
  }
}
