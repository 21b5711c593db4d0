// Turns a PEM private key into a WebCrypto signing key (RSASSA-PKCS1-v1_5 with SHA-256, i.e. `rsa-sha256`).
// Works in any runtime with WebCrypto. Encrypted keys need a decryption that WebCrypto does not offer; the
// Node entry (`@aidp/client/node`) handles those.
import { AidpAuthError } from "./auth-error.js";
import { base64ToBytes } from "./base64.js";
import { pkcs1ToPkcs8 } from "./pkcs1-to-pkcs8.js";

export const RSA_SHA256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;
const ENCRYPTED_KEY_HINT =
  "the private key is encrypted; encrypted keys are supported by the Node entry (@aidp/client/node) with a passphrase";

/** Imports PKCS#8 DER as a non-extractable signing key. */
export async function importPkcs8(der: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  try {
    return await globalThis.crypto.subtle.importKey("pkcs8", der, RSA_SHA256, false, ["sign"]);
  } catch {
    // The WebCrypto error says nothing useful and the key itself must not be shown.
    throw new AidpAuthError("the private key is not a valid RSA private key");
  }
}

/** A CryptoKey given by the caller must be an RSASSA-PKCS1-v1_5 / SHA-256 key allowed to sign. */
function checkSigningKey(key: CryptoKey): CryptoKey {
  const algorithm = key.algorithm as RsaHashedKeyAlgorithm;
  if (
    algorithm.name !== RSA_SHA256.name ||
    algorithm.hash?.name !== RSA_SHA256.hash ||
    !key.usages.includes("sign")
  ) {
    throw new AidpAuthError(
      `the CryptoKey must be an ${RSA_SHA256.name} key with hash ${RSA_SHA256.hash} and the "sign" usage`,
    );
  }
  return key;
}

/** Accepts an unencrypted PKCS#8 ("PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY") PEM, or a ready CryptoKey. */
export async function importPrivateKey(privateKey: string | CryptoKey): Promise<CryptoKey> {
  if (typeof privateKey !== "string") return checkSigningKey(privateKey);
  const block = PEM_BLOCK.exec(privateKey);
  if (!block) throw new AidpAuthError("the private key is not a PEM block (-----BEGIN ... PRIVATE KEY-----)");
  const [, label, content = ""] = block;
  if (label === "ENCRYPTED PRIVATE KEY" || content.includes("Proc-Type: 4,ENCRYPTED")) {
    throw new AidpAuthError(ENCRYPTED_KEY_HINT);
  }
  if (label !== "PRIVATE KEY" && label !== "RSA PRIVATE KEY") {
    throw new AidpAuthError(`the PEM block is a "${label}", expected "PRIVATE KEY" or "RSA PRIVATE KEY"`);
  }
  let der: Uint8Array<ArrayBuffer>;
  try {
    der = base64ToBytes(content.replace(/\s+/g, ""));
  } catch {
    throw new AidpAuthError("the private key PEM does not contain valid base64");
  }
  return importPkcs8(label === "RSA PRIVATE KEY" ? pkcs1ToPkcs8(der) : der);
}

/** Loads a signing key given as PEM (maybe encrypted, if the loader can decrypt) or CryptoKey. */
export type PrivateKeyLoader = (
  privateKey: string | CryptoKey,
  passphrase: string | undefined,
) => Promise<CryptoKey>;

/** The web entry's loader: no decryption, so a passphrase is a mistake worth saying. */
export const loadUnencryptedPrivateKey: PrivateKeyLoader = (privateKey, passphrase) => {
  if (passphrase !== undefined) {
    throw new AidpAuthError(
      "a passphrase was given, but encrypted private keys are decrypted only by the Node entry (@aidp/client/node)",
      { key: "passphrase" },
    );
  }
  return importPrivateKey(privateKey);
};
