// The X.509 federation endpoint (`POST /v1/x509` of auth.{region}.{domain}) on 127.0.0.1. It checks what the real
// one checks of an instance: the leaf certificate is the instance's and chains to its intermediate, the keyId is
// `{tenancy}/fed-x509/{SHA-1}` (oci-common) or `{tenancy}/fed-x509-sha256/{SHA-256}` (Go) of that certificate,
// and the request signature verifies with the certificate's key. It answers `{"token": <JWT>}` whose `jwk` claim
// is the session public key sent as `publicKey`; anything else gets 401 with the reason.
// The signature check is `@aidp/client/signature`, handed in (this package cannot depend on the client).
import { createHash, createPublicKey, X509Certificate } from "node:crypto";
import { issueSessionToken } from "../session-tokens.ts";
import type { InstanceIdentity } from "./metadata-service-fake.ts";
import type { SignatureModule } from "./signature-checking-server.ts";
import { type RecordedRequest, sendJson, startTestServer } from "./test-server.ts";

export interface FederationRequestCheck {
  verified: boolean;
  reason?: string;
  keyId?: string;
  /** The JSON body as received. */
  body?: Record<string, unknown>;
  /** The token issued, when verified. */
  token?: string;
}

export interface FederationFake {
  /** As `federationEndpoint` takes it: `http://127.0.0.1:PORT`. */
  url: string;
  requests: RecordedRequest[];
  checked: FederationRequestCheck[];
  close(): Promise<void>;
}

export interface FederationFakeOptions {
  signature: SignatureModule;
  identity: InstanceIdentity;
  /** Lifetime of the tokens issued. Default 1200 s. */
  tokenLifetimeSeconds?: number;
  /** Statuses of the first correctly signed requests, instead of 200 (e.g. 503). */
  statuses?: number[];
}

const KEY_ID = /^(.+)\/(fed-x509|fed-x509-sha256)\/([0-9a-fA-F:]+)$/;

export async function startFederationFake(options: FederationFakeOptions): Promise<FederationFake> {
  const statuses = [...(options.statuses ?? [])];
  const checked: FederationRequestCheck[] = [];
  const server = await startTestServer(async (request, response) => {
    const check = await checkFederationRequest(request, options);
    checked.push(check);
    if (!check.verified) {
      sendJson(response, 401, { code: "NotAuthenticated", message: check.reason });
      return;
    }
    const status = statuses.shift();
    if (status !== undefined) {
      sendJson(response, status, { code: "Unavailable", message: `scripted status ${status}` });
      return;
    }
    sendJson(response, 200, { token: check.token });
  });
  return { url: server.url, requests: server.requests, checked, close: server.close };
}

async function checkFederationRequest(
  request: RecordedRequest,
  options: FederationFakeOptions,
): Promise<FederationRequestCheck> {
  const refuse = (reason: string, extra: Partial<FederationRequestCheck> = {}) => ({
    verified: false,
    reason,
    ...extra,
  });
  if (request.method !== "POST" || request.url !== "/v1/x509")
    return refuse(`no such operation ${request.method} ${request.url}`);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(request.body);
  } catch {
    return refuse("the body is not JSON");
  }
  const { identity } = options;
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(Buffer.from(String(body.certificate), "base64"));
  } catch {
    return refuse("certificate is not a base64 DER certificate", { body });
  }
  if (!leaf.raw.equals(identity.leaf.x509.raw) || !leaf.verify(identity.intermediate.x509.publicKey)) {
    return refuse("certificate is not the instance's leaf certificate", { body });
  }
  const intermediates = Array.isArray(body.intermediateCertificates) ? body.intermediateCertificates : [];
  if (!intermediates.includes(identity.intermediate.x509.raw.toString("base64"))) {
    return refuse("intermediateCertificates lacks the instance's intermediate certificate", { body });
  }
  try {
    const sessionKey = createPublicKey({
      key: Buffer.from(String(body.publicKey), "base64"),
      format: "der",
      type: "spki",
    });
    if (sessionKey.asymmetricKeyDetails?.modulusLength !== 2048)
      return refuse("publicKey is not an RSA-2048 key", { body });
  } catch {
    return refuse("publicKey is not a base64 SPKI public key", { body });
  }
  const authorization = String(request.headers.authorization ?? "");
  const keyId = /keyId="([^"]*)"/.exec(authorization)?.[1] ?? "";
  const [, tenancy, form, fingerprint] = KEY_ID.exec(keyId) ?? [];
  if (!tenancy || !form || !fingerprint)
    return refuse(`keyId "${keyId}" is not {tenancy}/fed-x509[-sha256]/{fingerprint}`, { body, keyId });
  if (tenancy !== identity.tenancy)
    return refuse(`keyId names tenancy ${tenancy}, the certificate ${identity.tenancy}`, { body, keyId });
  const expected = createHash(form === "fed-x509" ? "sha1" : "sha256")
    .update(leaf.raw)
    .digest("hex");
  if (fingerprint.replaceAll(":", "").toLowerCase() !== expected) {
    return refuse(
      `keyId's fingerprint is not the ${form === "fed-x509" ? "SHA-1" : "SHA-256"} of the certificate`,
      { body, keyId },
    );
  }
  try {
    await options.signature.verifyRequestSignature(
      {
        method: request.method,
        target: request.url,
        header: (name) => request.headers[name] as string | undefined,
        body: Buffer.from(request.body, "utf8"),
      },
      {
        publicKey: await options.signature.importPublicKeyPem(
          leaf.publicKey.export({ type: "spki", format: "pem" }) as string,
        ),
        maxClockSkewMs: 5 * 60_000,
      },
    );
  } catch (error) {
    return refuse(`signature: ${(error as Error).message}`, { body, keyId });
  }
  const token = issueSessionToken({
    publicKey: String(body.publicKey),
    ...(options.tokenLifetimeSeconds !== undefined ? { lifetimeSeconds: options.tokenLifetimeSeconds } : {}),
    claims: { sub: "ocid1.instance.oc1.iad.testinstance", tenant: identity.tenancy, ptype: "instance" },
  });
  return { verified: true, keyId, body, token };
}
