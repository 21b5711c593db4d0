// API key authentication: the key pair whose public half is uploaded to the OCI user, identified by
// `tenancy/user/fingerprint`.
import { loadUnencryptedPrivateKey, type PrivateKeyLoader } from "./private-key.js";
import { createRequestSigner, type DateHeader } from "./request-signer.js";
import { requireText } from "./required-text.js";
import type { AuthProvider } from "./types.js";

export interface ApiKeyAuthOptions {
  /** OCID of the tenancy. */
  tenancy: string;
  /** OCID of the user the API key belongs to. */
  user: string;
  /** Fingerprint of the API key, as shown in the console (`aa:bb:...`). */
  fingerprint: string;
  /** PEM (PKCS#8 or PKCS#1, unencrypted) or a WebCrypto RSASSA-PKCS1-v1_5/SHA-256 key. */
  privateKey: string | CryptoKey;
  region?: string;
  /** `x-date` in browsers, where scripts cannot set `date`. Default `date`. */
  dateHeader?: DateHeader;
}

/** The Node entry's options: its loader decrypts, so an encrypted key may come with its passphrase. */
export interface NodeApiKeyAuthOptions extends ApiKeyAuthOptions {
  /** PEM (PKCS#8 or PKCS#1), encrypted or not. */
  privateKey: string | CryptoKey;
  /** Passphrase of an encrypted key. */
  passphrase?: string;
}

type IdentityField = "tenancy" | "user" | "fingerprint";

/**
 * API key auth with a given way of loading the key (the Node entry passes one that decrypts). `settingNames`: what
 * the caller's user set each identity field as (`OCI_CLI_USER`), for its messages; default the option's name.
 */
export function createApiKeyAuth(
  options: ApiKeyAuthOptions & { passphrase?: string },
  loadKey: PrivateKeyLoader,
  settingNames: Partial<Record<IdentityField, string>> = {},
): AuthProvider {
  for (const field of ["tenancy", "user", "fingerprint"] as const)
    requireText(options[field], settingNames[field] ?? field);
  // Trimmed, as the session token is: a value's surrounding spaces or final line break are not part of it.
  const keyId = `${options.tenancy.trim()}/${options.user.trim()}/${options.fingerprint.trim()}`;
  return createRequestSigner({
    keyId: () => keyId,
    privateKey: loadKey(options.privateKey, options.passphrase),
    region: options.region,
    dateHeader: options.dateHeader,
  });
}

/** Signs with an API key. Here: unencrypted PEM or a CryptoKey; encrypted keys need `@aidp/client/node`. */
export function apiKeyAuth(options: ApiKeyAuthOptions): AuthProvider {
  return createApiKeyAuth(options, loadUnencryptedPrivateKey);
}
