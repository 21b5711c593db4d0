// Instance principals: code on an OCI compute instance signs as the instance. The instance metadata service (v2,
// every request with `Authorization: Bearer Oracle`) gives the region and the instance's certificate, key and
// intermediate certificate; the tenancy is the certificate subject's `opc-tenant:` (or `opc-identity:`) value.
// A fresh session key pair is federated at `POST https://auth.{region}.{domain}/v1/x509`, signed with the
// instance's key, for a session token; requests are then signed with keyId `ST$<token>` and the session key.
import { X509Certificate } from "node:crypto";
import { type RegionInfo, resolveRegionForNode } from "../../realms/node-region.js";
import { resolveRetryPolicy } from "../../retry-policy.js";
import { AidpAuthError } from "../auth-error.js";
import { signatureHeaders } from "../request-signer.js";
import type { AuthProvider } from "../types.js";
import {
  DEFAULT_IDENTITY_RETRY,
  DEFAULT_IDENTITY_TIMEOUT_MS,
  fetchSend,
  type IdentityServiceOptions,
  requestIdentityService,
  tokenOf,
} from "./identity-request.js";
import { nodePrivateKeyLoader } from "./private-key-file.js";
import { createRefreshingSessionAuth, type SessionRefreshOptions } from "./refreshing-session-auth.js";
import { generateSessionKeyPair, pemContent } from "./session-key-pair.js";

export const DEFAULT_METADATA_BASE_URL = "http://169.254.169.254/opc/v2/";
/** The Go SDK's override of the federation endpoint (its auth client's host). */
const FEDERATION_ENDPOINT_VARIABLE = "OCI_SDK_AUTH_CLIENT_REGION_URL";

/** `timeoutMs` and `retry` apply to the metadata service and the federation endpoint alike. */
export interface InstancePrincipalAuthOptions extends IdentityServiceOptions, SessionRefreshOptions {
  /** Default `OCI_METADATA_BASE_URL`, else `http://169.254.169.254/opc/v2/` (as oci-common's builder). */
  metadataBaseUrl?: string;
  /**
   * Default `OCI_SDK_AUTH_CLIENT_REGION_URL` (as the Go SDK reads it), else `https://auth.{region}.{domain}`, the
   * region from the metadata service and its realm's domain.
   */
  federationEndpoint?: string;
  /** Where `OCI_METADATA_BASE_URL` and `OCI_SDK_AUTH_CLIENT_REGION_URL` are read. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** Instance identity as the metadata service gives it. */
interface InstanceIdentity {
  certificate: X509Certificate;
  certificatePem: string;
  privateKeyPem: string;
  intermediatePem: string;
}

export function instancePrincipalAuth(options: InstancePrincipalAuthOptions = {}): AuthProvider {
  const env = options.env ?? process.env;
  const metadataBaseUrl = withTrailingSlash(
    options.metadataBaseUrl ?? env.OCI_METADATA_BASE_URL ?? DEFAULT_METADATA_BASE_URL,
  );
  const timeoutMs = options.timeoutMs ?? DEFAULT_IDENTITY_TIMEOUT_MS;
  const retry = resolveRetryPolicy(DEFAULT_IDENTITY_RETRY, options.retry);
  let region: string | undefined;
  let regionRead: Promise<RegionInfo> | undefined;

  const readMetadata = (path: string) => {
    const url = new URL(path, metadataBaseUrl).href;
    return requestIdentityService({
      step: `instance principal: reading ${path} from the instance metadata service`,
      address: url,
      send: fetchSend(url, { headers: { authorization: "Bearer Oracle" } }),
      retry,
      timeoutMs,
    });
  };

  // Once per provider (an instance does not move); a failed read is tried again by the next caller. The service
  // may answer a short code (`iad`): the region's identifier is what a client's address and the federation need.
  const readRegion = () => {
    regionRead ??= readMetadata("instance/region").then(
      (answer) => {
        const info = resolveRegionForNode(answer.trim(), env);
        region = info.regionId;
        return info;
      },
      (failure) => {
        regionRead = undefined;
        throw failure;
      },
    );
    return regionRead;
  };
  const loadRegion = async () => (await readRegion()).regionId;

  const obtain = async () => {
    const { regionId, secondLevelDomain } = await readRegion();
    const endpoint = (
      options.federationEndpoint ??
      (env[FEDERATION_ENDPOINT_VARIABLE] || undefined) ??
      `https://auth.${regionId}.${secondLevelDomain}`
    ).replace(/\/+$/, "");
    const [identity, sessionKeys] = await Promise.all([readIdentity(readMetadata), generateSessionKeyPair()]);
    const url = `${endpoint}/v1/x509`;
    const body = JSON.stringify({
      certificate: pemContent(identity.certificatePem),
      publicKey: sessionKeys.publicKeyBase64,
      intermediateCertificates: [pemContent(identity.intermediatePem)],
      purpose: "DEFAULT",
      fingerprintAlgorithm: "SHA256",
    });
    const headers = new Headers({ "content-type": "application/json" });
    const signed = await signatureHeaders(
      { method: "POST", url, headers, body: new TextEncoder().encode(body) },
      {
        keyId: federationKeyId(identity.certificate),
        privateKey: await nodePrivateKeyLoader({}, "the instance's private key (identity/key.pem)")(
          identity.privateKeyPem,
          undefined,
        ),
      },
      options.dateHeader,
    );
    for (const [name, value] of signed) if (name !== "content-length") headers.set(name, value);
    const answer = await requestIdentityService({
      step: "instance principal: federation (POST /v1/x509)",
      address: url,
      send: fetchSend(url, { method: "POST", headers, body }),
      retry,
      timeoutMs,
    });
    return { token: tokenOf(answer, url), privateKey: sessionKeys.privateKey };
  };

  return createRefreshingSessionAuth(
    { name: "instance principal", obtain, region: () => region, loadRegion },
    options,
  );
}

/** Read again for every session: the instance's certificate is rotated by OCI. */
async function readIdentity(readMetadata: (path: string) => Promise<string>): Promise<InstanceIdentity> {
  const [certificatePem, privateKeyPem, intermediatePem] = await Promise.all([
    readMetadata("identity/cert.pem"),
    readMetadata("identity/key.pem"),
    readMetadata("identity/intermediate.pem"),
  ]);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch {
    throw new AidpAuthError(
      "instance principal: identity/cert.pem from the instance metadata service is not an X.509 certificate",
    );
  }
  return { certificate, certificatePem, privateKeyPem, intermediatePem };
}

/**
 * `{tenancy}/fed-x509-sha256/{SHA-256 fingerprint}`, the Go SDK's form, rather than the TypeScript SDK's
 * `fed-x509` with a SHA-1 fingerprint: SHA-1 is deprecated for identifying certificates, and the Go SDK is the one
 * OCI keeps current (the body says `fingerprintAlgorithm: "SHA256"` to match).
 */
function federationKeyId(certificate: X509Certificate): string {
  return `${tenancyOf(certificate)}/fed-x509-sha256/${certificate.fingerprint256.toLowerCase()}`;
}

/** The `opc-tenant:` value of the subject, or else `opc-identity:` (as oci-common also accepts). */
function tenancyOf(certificate: X509Certificate): string {
  const subject = certificate.subject;
  const value = (prefix: string) => new RegExp(`${prefix}:([^\\s,+]+)`).exec(subject)?.[1];
  const tenancy = value("opc-tenant") ?? value("opc-identity");
  if (!tenancy) {
    throw new AidpAuthError(
      "instance principal: the instance certificate's subject has no opc-tenant: (or opc-identity:) value",
    );
  }
  return tenancy;
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
