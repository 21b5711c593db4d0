// An independent checker of OCI request signatures, written from the draft-cavage spec with node:crypto: it
// parses the Authorization header, rebuilds the signing string from the request as received, and verifies the
// signature with the public key. Used by the test server and by the oci-common comparison.
import { createHash, createVerify, type KeyObject } from "node:crypto";

export interface ParsedAuthorization {
  version: string;
  keyId: string;
  algorithm: string;
  headers: string[];
  signature: string;
}

export function parseAuthorization(header: string): ParsedAuthorization {
  if (!header.startsWith("Signature ")) throw new Error("the Authorization scheme is not `Signature`");
  const params = new Map<string, string>();
  for (const match of header.slice("Signature ".length).matchAll(/([a-zA-Z]+)="([^"]*)"/g)) {
    params.set(match[1] as string, match[2] as string);
  }
  const param = (name: string) => {
    const value = params.get(name);
    if (value === undefined) throw new Error(`the Authorization header has no ${name}`);
    return value;
  };
  return {
    version: param("version"),
    keyId: param("keyId"),
    algorithm: param("algorithm"),
    headers: param("headers").split(" "),
    signature: param("signature"),
  };
}

export interface ReceivedRequest {
  method: string;
  /** Path and query, as on the request line. */
  target: string;
  /** Header value by lower-case name. */
  header(name: string): string | undefined;
  body: Uint8Array;
}

export function rebuildSigningString(request: ReceivedRequest, signedHeaders: readonly string[]): string {
  return signedHeaders
    .map((name) => {
      const lower = name.toLowerCase();
      if (lower === "(request-target)") return `${lower}: ${request.method.toLowerCase()} ${request.target}`;
      const value = request.header(lower);
      if (value === undefined) throw new Error(`signed header ${lower} was not received`);
      return `${lower}: ${value}`;
    })
    .join("\n");
}

/** Throws with the reason when the request is not correctly signed; returns the parsed Authorization. */
export function verifySignedRequest(request: ReceivedRequest, publicKey: KeyObject): ParsedAuthorization {
  const authorization = parseAuthorization(request.header("authorization") ?? "");
  if (authorization.version !== "1" || authorization.algorithm !== "rsa-sha256") {
    throw new Error("expected version 1 and rsa-sha256");
  }
  const signed = new Set(authorization.headers.map((name) => name.toLowerCase()));
  const required = ["(request-target)", "host"];
  if (["POST", "PUT", "PATCH"].includes(request.method)) {
    required.push("content-length", "content-type", "x-content-sha256");
    if (request.header("x-content-sha256") !== createHash("sha256").update(request.body).digest("base64")) {
      throw new Error("x-content-sha256 does not match the received body");
    }
    if (request.header("content-length") !== String(request.body.byteLength)) {
      throw new Error("content-length does not match the received body");
    }
  }
  for (const name of required) if (!signed.has(name)) throw new Error(`${name} is not signed`);
  if (!signed.has("date") && !signed.has("x-date")) throw new Error("neither date nor x-date is signed");

  const verifier = createVerify("RSA-SHA256");
  verifier.update(rebuildSigningString(request, authorization.headers));
  if (!verifier.verify(publicKey, authorization.signature, "base64"))
    throw new Error("the signature does not verify");
  return authorization;
}
