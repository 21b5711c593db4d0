// `@aidp/client/node`: what needs Node — the OCI config file, key files, encrypted private keys, the workload
// identities of code running inside OCI (instance and resource principals, OKE workload identity), and regions
// described by files and environment variables (createAidpClient here finds those; the main entry's cannot).
// The providers here accept every PEM form (PKCS#1 or PKCS#8, encrypted or not); signing itself is the same
// WebCrypto code as the main entry's.
import { createApiKeyAuth, type NodeApiKeyAuthOptions } from "../api-key-auth.js";
import { AidpAuthError } from "../auth-error.js";
import { createSessionTokenAuth, type SessionTokenAuthOptions } from "../session-token-auth.js";
import type { AuthProvider } from "../types.js";
import { resolveHomePath } from "./home-path.js";
import { nodePrivateKeyLoader } from "./private-key-file.js";
import { sessionTokenFromFile } from "./session-token-file.js";

export { type RegionInfo, resolveRegionForNode } from "../../realms/node-region.js";
export { AidpAuthError } from "../auth-error.js";
export type { AuthProvider, SignableRequest } from "../types.js";
export {
  type ConfigFileAuthOptions,
  configFileAuth,
  DEFAULT_CONFIG_FILE,
  DEFAULT_PROFILE,
} from "./config-file-auth.js";
export {
  DEFAULT_METADATA_BASE_URL,
  type InstancePrincipalAuthOptions,
  instancePrincipalAuth,
} from "./instance-principal-auth.js";
export { createAidpClient, resolveBaseUrlForNode } from "./node-endpoint.js";
export {
  DEFAULT_PROXYMUX_PORT,
  DEFAULT_SERVICE_ACCOUNT_CA_PATH,
  DEFAULT_SERVICE_ACCOUNT_TOKEN_PATH,
  type OkeWorkloadIdentityAuthOptions,
  okeWorkloadIdentityAuth,
} from "./oke-workload-identity-auth.js";
export {
  API_KEY_ENVIRONMENT,
  AUTH_ENVIRONMENT,
  AUTH_TYPES,
  type AuthType,
  type ResolveAuthOptions,
  type ResolvedAuth,
  resolveAuth,
  resolveAuthType,
} from "./resolve-auth.js";
export {
  COMMAND_LINE_NAMING,
  CONNECTION_ENVIRONMENT,
  type ResolveConnectionOptions,
  type ResolvedConnection,
  resolveConnection,
} from "./resolve-connection.js";
export {
  RESOURCE_PRINCIPAL_ENV,
  type ResourcePrincipalAuthOptions,
  resourcePrincipalAuth,
} from "./resource-principal-auth.js";
export type { NodeApiKeyAuthOptions };

/** Signs with an API key; `privateKey` may be PKCS#1 or PKCS#8 PEM, encrypted with `passphrase` or not. */
export function apiKeyAuth(options: NodeApiKeyAuthOptions): AuthProvider {
  return createApiKeyAuth(options, nodePrivateKeyLoader());
}

export type NodeSessionTokenAuthOptions = Omit<SessionTokenAuthOptions, "token"> & {
  /** Passphrase of an encrypted key. */
  passphrase?: string;
} & (
    | { token: SessionTokenAuthOptions["token"]; tokenFile?: undefined }
    | { token?: undefined; tokenFile: string }
  );

/** Signs with a session token given as `token` or read from `tokenFile` (re-read per request, for refresh). */
export function sessionTokenAuth(options: NodeSessionTokenAuthOptions): AuthProvider {
  const { tokenFile, token, ...rest } = options;
  if (tokenFile !== undefined) {
    const tokenFromFile = sessionTokenFromFile(resolveHomePath(tokenFile), { key: "tokenFile" });
    return createSessionTokenAuth({ ...rest, token: tokenFromFile }, nodePrivateKeyLoader());
  }
  if (token === undefined) throw new AidpAuthError("give either `token` or `tokenFile`", { key: "token" });
  return createSessionTokenAuth({ ...rest, token }, nodePrivateKeyLoader());
}
