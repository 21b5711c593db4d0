// Session token authentication (`oci session authenticate`): the keyId is `ST$<token>` and requests are signed
// with the session's own key pair.
import { loadUnencryptedPrivateKey, type PrivateKeyLoader } from "./private-key.js";
import { createRequestSigner, type DateHeader } from "./request-signer.js";
import { requireText } from "./required-text.js";
import type { AuthProvider } from "./types.js";

/** The token itself, or a function returning the current one (called for every request, to allow refresh). */
export type SessionToken = string | (() => string | Promise<string>);

export interface SessionTokenAuthOptions {
  token: SessionToken;
  /** The session's private key: PEM (PKCS#8 or PKCS#1, unencrypted) or a WebCrypto key. */
  privateKey: string | CryptoKey;
  region?: string;
  /** `x-date` in browsers, where scripts cannot set `date`. Default `date`. */
  dateHeader?: DateHeader;
}

/** Session token auth with a given way of loading the key (the Node entry passes one that decrypts). */
export function createSessionTokenAuth(
  options: SessionTokenAuthOptions & { passphrase?: string },
  loadKey: PrivateKeyLoader,
): AuthProvider {
  const { token } = options;
  if (typeof token === "string") requireText(token, "token");
  const currentToken = typeof token === "string" ? () => token : token;
  return createRequestSigner({
    keyId: async () => {
      const value = await currentToken();
      requireText(value, "token");
      return `ST$${value.trim()}`;
    },
    privateKey: loadKey(options.privateKey, options.passphrase),
    region: options.region,
    dateHeader: options.dateHeader,
  });
}

/** Signs with a session token. Here: unencrypted PEM or a CryptoKey; encrypted keys need `@aidp/client/node`. */
export function sessionTokenAuth(options: SessionTokenAuthOptions): AuthProvider {
  return createSessionTokenAuth(options, loadUnencryptedPrivateKey);
}
