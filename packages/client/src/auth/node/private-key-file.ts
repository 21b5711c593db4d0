// Node can read every PEM form an OCI key comes in (PKCS#1 or PKCS#8, encrypted or not). We let node:crypto
// decrypt and parse it, export it as PKCS#8 DER, and hand that to the same WebCrypto signer the web entry uses.
import { createPrivateKey, type KeyObject } from "node:crypto";
import { AidpAuthError, type AuthErrorSource } from "../auth-error.js";
import { importPkcs8, importPrivateKey, type PrivateKeyLoader } from "../private-key.js";

/** Both encrypted PEM forms: PKCS#8 "ENCRYPTED PRIVATE KEY" and OpenSSL's PKCS#1 "Proc-Type: 4,ENCRYPTED". */
function isEncryptedPem(pem: string): boolean {
  return pem.includes("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.includes("Proc-Type: 4,ENCRYPTED");
}

/**
 * A loader that decrypts and parses the PEM right away, so a wrong passphrase is reported when the credentials
 * are created; the WebCrypto import follows asynchronously. `source` says where the key came from and
 * `keyName` names it in messages (e.g. with its file path).
 */
export function nodePrivateKeyLoader(
  source: AuthErrorSource = {},
  keyName = "the private key",
): PrivateKeyLoader {
  return (pem, passphrase) =>
    typeof pem === "string" ? importPemPrivateKey(pem, passphrase, source, keyName) : importPrivateKey(pem);
}

function importPemPrivateKey(
  pem: string,
  passphrase: string | undefined,
  source: AuthErrorSource,
  keyName: string,
): Promise<CryptoKey> {
  const encrypted = isEncryptedPem(pem);
  if (encrypted && !passphrase) {
    throw new AidpAuthError(`${keyName} is encrypted but no passphrase was given`, source);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem", passphrase: encrypted ? passphrase : undefined });
  } catch {
    // OpenSSL's message is not helpful, and with a wrong passphrase its failure varies (bad decrypt, or a
    // decoding error of the garbage that came out), so say what it means instead of passing it on.
    throw new AidpAuthError(
      encrypted
        ? `cannot decrypt ${keyName}: the passphrase is wrong`
        : `${keyName} is not a valid PEM private key (PKCS#1 or PKCS#8)`,
      source,
    );
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw new AidpAuthError(
      `${keyName} is a ${key.asymmetricKeyType} key; OCI signing needs an RSA key`,
      source,
    );
  }
  const der = new Uint8Array(key.export({ type: "pkcs8", format: "der" }));
  return importPkcs8(der);
}
