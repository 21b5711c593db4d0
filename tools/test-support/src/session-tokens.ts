// OCI session tokens as the identity fakes issue them: JWTs (RS256, signed by a test issuer key) whose `jwk` claim
// carries the session's public key as a JSON text, as real OCI tokens do, so a verifier can check `ST$` signatures.
import { createPublicKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { writeFileSync } from "node:fs";

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

export interface ResourcePrincipalOptions {
  /** The key the token's `jwk` claim names. Default the session key's public half (a token that verifies). */
  tokenKey?: KeyObject;
  /** Write the private key (PKCS#1) to this file and give its path, as OCI Functions does. Default: the PEM itself. */
  privateKeyFile?: string;
  /** OCI_RESOURCE_PRINCIPAL_REGION. Default us-ashburn-1. */
  region?: string;
}

/** The variables OCI Functions sets for a resource principal (version 2.2): a fresh session key and its token. */
export function resourcePrincipalEnvironment(options: ResourcePrincipalOptions = {}): Record<string, string> {
  const session = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = session.privateKey.export({ type: "pkcs1", format: "pem" }) as string;
  if (options.privateKeyFile !== undefined) writeFileSync(options.privateKeyFile, pem, { mode: 0o600 });
  return {
    OCI_RESOURCE_PRINCIPAL_VERSION: "2.2",
    OCI_RESOURCE_PRINCIPAL_RPST: issueSessionToken({ publicKey: options.tokenKey ?? session.publicKey }),
    OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: options.privateKeyFile ?? pem,
    OCI_RESOURCE_PRINCIPAL_REGION: options.region ?? "us-ashburn-1",
  };
}
