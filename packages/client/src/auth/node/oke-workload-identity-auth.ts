// OKE workload identity: a pod signs as its Kubernetes service account. The service account token goes as a
// Bearer token, with a fresh session public key (`podKey`), to the cluster's proxymux at
// `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT_PROXYMUX/resourcePrincipalSessionTokens`, over TLS
// that trusts the service account CA; it answers base64 of `{"token":"ST$<jwt>"}`. node:https with that CA as
// its only trust anchor, not fetch: Node's fetch ignored oci-common's custom CA agent (oci-typescript-sdk#416).
import { resolveRetryPolicy } from "../../retry-policy.js";
import { AidpAuthError } from "../auth-error.js";
import type { AuthProvider } from "../types.js";
import {
  DEFAULT_IDENTITY_RETRY,
  DEFAULT_IDENTITY_TIMEOUT_MS,
  type IdentitySend,
  type IdentityServiceOptions,
  requestIdentityService,
  tokenOf,
} from "./identity-request.js";
import { readTextFile } from "./read-text-file.js";
import { createRefreshingSessionAuth, type SessionRefreshOptions } from "./refreshing-session-auth.js";
import { generateSessionKeyPair } from "./session-key-pair.js";

export const DEFAULT_SERVICE_ACCOUNT_CA_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";
export const DEFAULT_SERVICE_ACCOUNT_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token";
export const DEFAULT_PROXYMUX_PORT = "12250";

export interface OkeWorkloadIdentityAuthOptions extends IdentityServiceOptions, SessionRefreshOptions {
  /** The CA the proxymux's certificate must chain to. Default the service account's `ca.crt`. */
  caCertPath?: string;
  /** The service account token, read again for every new session. Default the service account's `token`. */
  tokenPath?: string;
  /** Where `KUBERNETES_SERVICE_HOST`, `KUBERNETES_SERVICE_PORT_PROXYMUX` and `OCI_RESOURCE_PRINCIPAL_REGION` are read. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

export function okeWorkloadIdentityAuth(options: OkeWorkloadIdentityAuthOptions = {}): AuthProvider {
  const env = options.env ?? process.env;
  const host = env.KUBERNETES_SERVICE_HOST?.trim();
  if (!host) {
    throw new AidpAuthError(
      "OKE workload identity: the environment variable KUBERNETES_SERVICE_HOST is not set (is this a pod?)",
      { key: "KUBERNETES_SERVICE_HOST" },
    );
  }
  const port = env.KUBERNETES_SERVICE_PORT_PROXYMUX?.trim() || DEFAULT_PROXYMUX_PORT;
  const url = `https://${host.includes(":") ? `[${host}]` : host}:${port}/resourcePrincipalSessionTokens`;
  const caCertPath = options.caCertPath ?? DEFAULT_SERVICE_ACCOUNT_CA_PATH;
  const tokenPath = options.tokenPath ?? DEFAULT_SERVICE_ACCOUNT_TOKEN_PATH;
  const retry = resolveRetryPolicy(DEFAULT_IDENTITY_RETRY, options.retry);
  const ca = readTextFile(caCertPath, "the service account CA certificate", { key: "caCertPath" });

  const obtain = async () => {
    const serviceAccountToken = readTextFile(tokenPath, "the service account token", {
      key: "tokenPath",
    }).trim();
    const sessionKeys = await generateSessionKeyPair();
    const answer = await requestIdentityService({
      step: "OKE workload identity: requesting a session token from the proxymux",
      address: url,
      send: httpsSend(url, ca, serviceAccountToken, JSON.stringify({ podKey: sessionKeys.publicKeyBase64 })),
      retry,
      timeoutMs: options.timeoutMs ?? DEFAULT_IDENTITY_TIMEOUT_MS,
    });
    const decoded = Buffer.from(answer.trim().replace(/^"|"$/g, ""), "base64").toString("utf8");
    return { token: tokenOf(decoded, url), privateKey: sessionKeys.privateKey };
  };

  const region = () => env.OCI_RESOURCE_PRINCIPAL_REGION?.trim() || undefined;
  return createRefreshingSessionAuth({ name: "OKE workload identity", obtain, region }, options);
}

/** POST over TLS trusting `ca` alone. */
function httpsSend(url: string, ca: string, bearer: string, body: string): IdentitySend {
  return async (signal) => {
    // Loaded when a pod asks for its token: node:https (and TLS with it) costs every other import of
    // @aidp/client/node, such as each `aidp` command's, several milliseconds.
    const { request: httpsRequest } = await import("node:https");
    return new Promise((resolve, reject) => {
      const request = httpsRequest(
        url,
        {
          method: "POST",
          ca,
          signal,
          headers: {
            authorization: `Bearer ${bearer}`,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
          );
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  };
}
