// What the client and the signature check read from an OCI session token (a JWT): when it expires (`exp`), and
// the session's public key (`jwk`, a JSON text in real tokens, an object accepted too). The token's own signature
// is the identity service's business, not ours. WebCrypto and atob only, so the mock and browsers can use it.
import { AidpAuthError } from "./auth-error.js";
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
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    claims = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AidpAuthError(`${what} is not a JWT (header.payload.signature with a JSON payload)`);
  }
  const result: SessionTokenClaims = {};
  if (typeof claims.exp === "number") result.exp = claims.exp;
  const jwk = typeof claims.jwk === "string" ? parseJson(claims.jwk) : claims.jwk;
  if (typeof jwk === "object" && jwk !== null) result.jwk = jwk as JsonWebKey;
  return result;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The RSA public key a session token names in its `jwk` claim, for verifying `ST$` signatures. */
export async function sessionTokenPublicKey(token: string): Promise<CryptoKey | undefined> {
  const { jwk } = sessionTokenClaims(token);
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
