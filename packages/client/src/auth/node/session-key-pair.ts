// A fresh RSA-2048 key pair per session, as the OCI SDKs make one: the public half goes to the identity service
// (base64 SPKI, PEM armour stripped, as `publicKey` / `podKey`), the private half stays in memory, unexportable.
import { bytesToBase64 } from "../base64.js";
import { RSA_SHA256 } from "../private-key.js";

export interface SessionKeyPair {
  privateKey: CryptoKey;
  /** Base64 of the SubjectPublicKeyInfo DER: a PEM public key without its armour and line breaks. */
  publicKeyBase64: string;
}

export async function generateSessionKeyPair(): Promise<SessionKeyPair> {
  const pair = await globalThis.crypto.subtle.generateKey(
    { ...RSA_SHA256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    false,
    ["sign", "verify"],
  );
  const spki = await globalThis.crypto.subtle.exportKey("spki", pair.publicKey);
  return { privateKey: pair.privateKey, publicKeyBase64: bytesToBase64(new Uint8Array(spki)) };
}

/** A certificate's or key's PEM as the identity services take it: the base64 alone, no armour, no breaks. */
export function pemContent(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, "").replace(/\s+/g, "");
}
