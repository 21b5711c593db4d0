// Resource principals, version 2.2 (what OCI Functions and Big Data Service set): the session token (RPST), its
// private key, the key's passphrase and the region come from the environment, each either the value itself or
// the absolute path of a file holding it. Files are read when the provider is made (so a bad setting fails at
// once) and again whenever the token has to be replaced: the platform rewrites them before the token expires.
import { isAbsolute } from "node:path";
import { AidpAuthError } from "../auth-error.js";
import type { AuthProvider } from "../types.js";
import { nodePrivateKeyLoader } from "./private-key-file.js";
import { readTextFile } from "./read-text-file.js";
import { createRefreshingSessionAuth, type SessionRefreshOptions } from "./refreshing-session-auth.js";

export const RESOURCE_PRINCIPAL_ENV = {
  version: "OCI_RESOURCE_PRINCIPAL_VERSION",
  token: "OCI_RESOURCE_PRINCIPAL_RPST",
  privateKey: "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM",
  passphrase: "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE",
  region: "OCI_RESOURCE_PRINCIPAL_REGION",
} as const;

export interface ResourcePrincipalAuthOptions extends SessionRefreshOptions {
  /** Where the variables are read. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

export function resourcePrincipalAuth(options: ResourcePrincipalAuthOptions = {}): AuthProvider {
  const env = options.env ?? process.env;
  const version = required(env, RESOURCE_PRINCIPAL_ENV.version).trim();
  if (version !== "2.2") {
    throw new AidpAuthError(`resource principal version "${version}" is not supported; only 2.2 is`, {
      key: RESOURCE_PRINCIPAL_ENV.version,
    });
  }
  const region = required(env, RESOURCE_PRINCIPAL_ENV.region).trim();

  const loadKey = nodePrivateKeyLoader(
    { key: RESOURCE_PRINCIPAL_ENV.privateKey },
    "the resource principal private key",
  );
  // The key last decrypted, by the PEM and passphrase it came from: a token taken with the same key file (the first
  // one, or a refresh that rewrote only the token) decrypts nothing again.
  let lastKey: { pem: string; passphrase: string | undefined; key: Promise<CryptoKey> } | undefined;
  const keyOf = (pem: string, passphrase: string | undefined) => {
    if (lastKey?.pem !== pem || lastKey.passphrase !== passphrase)
      lastKey = { pem, passphrase, key: loadKey(pem, passphrase) };
    return lastKey.key;
  };
  const readSettings = () => ({
    token: valueOrFile(env, RESOURCE_PRINCIPAL_ENV.token).trim(),
    privateKeyPem: valueOrFile(env, RESOURCE_PRINCIPAL_ENV.privateKey),
    passphrase: env[RESOURCE_PRINCIPAL_ENV.passphrase]
      ? valueOrFile(env, RESOURCE_PRINCIPAL_ENV.passphrase).trim()
      : undefined,
  });
  // Read and decrypt now, so a missing file or a wrong passphrase is reported when the provider is made; the first
  // token reads the files again (they may have been rewritten since) and reuses the key if its file is the same.
  const initial = readSettings();
  keyOf(initial.privateKeyPem, initial.passphrase).catch(() => {}); // the first token awaits it, and says why

  const obtain = async () => {
    const settings = readSettings();
    return { token: settings.token, privateKey: await keyOf(settings.privateKeyPem, settings.passphrase) };
  };

  return createRefreshingSessionAuth({ name: "resource principal", obtain, region: () => region }, options);
}

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === "") {
    throw new AidpAuthError(`the environment variable ${name} is not set`, { key: name });
  }
  return value;
}

/** The variable's value, or the content of the file when the value is an absolute path. */
function valueOrFile(env: Record<string, string | undefined>, name: string): string {
  const value = required(env, name);
  return isAbsolute(value.trim())
    ? readTextFile(value.trim(), `the file named by ${name},`, { key: name })
    : value;
}
