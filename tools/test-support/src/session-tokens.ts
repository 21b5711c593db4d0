// OCI session tokens as the identity fakes issue them: JWTs (RS256, signed by a test issuer key) whose `jwk` claim
// carries the session's public key as a JSON text, as real OCI tokens do, so a verifier can check `ST$` signatures.
import { createPublicKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";

const issuer = generateKeyPairSync("rsa", { modulusLength: 2048 });

export interface SessionTokenRequest {
  /** The session public key: a KeyObject, or base64 SPKI DER as the identity services receive it. */
  publicKey: KeyObject | string;
  /** Seconds from `nowMs` to `exp`. Default 1200 (20 minutes, as instance principal tokens). */
  lifetimeSeconds?: number;
  /** Issue time, epoch milliseconds. Default now. */
  nowMs?: number;
  /** More claims (`sub`, `tenant`, ...). */
  claims?: Record<string, unknown>;
}

export function issueSessionToken(request: SessionTokenRequest): string {
  const publicKey =
    typeof request.publicKey === "string"
      ? createPublicKey({ key: Buffer.from(request.publicKey, "base64"), format: "der", type: "spki" })
      : request.publicKey;
  const { n, e } = publicKey.export({ format: "jwk" });
  const iat = Math.floor((request.nowMs ?? Date.now()) / 1000);
  const payload = {
    iss: "authService.oracle.com",
    iat,
    exp: iat + (request.lifetimeSeconds ?? 1200),
    ...request.claims,
    jwk: JSON.stringify({ kid: "asw", n, e, kty: "RSA", alg: "RS256", use: "sig" }),
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const signed = `${encode({ alg: "RS256", typ: "JWT", kid: "asw" })}.${encode(payload)}`;
  return `${signed}.${sign("sha256", Buffer.from(signed), issuer.privateKey).toString("base64url")}`;
}

/** The payload of a JWT, for tests that look at what was issued. */
export function sessionTokenPayload(token: string): Record<string, unknown> {
  return JSON.parse(
    Buffer.from(token.replace(/^ST\$/, "").split(".")[1] ?? "", "base64url").toString("utf8"),
  );
}
