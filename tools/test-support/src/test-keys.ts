// Throwaway RSA keys made at test time (never committed), in every PEM form an OCI key can take: shared by the
// client's, the CLI's and the contract tests.
import { generateKeyPairSync, type KeyObject } from "node:crypto";

/** The OCIDs and fingerprint of a made-up API key user. */
export const TEST_IDENTITY = {
  tenancy: "ocid1.tenancy.oc1..tenancy",
  user: "ocid1.user.oc1..user",
  fingerprint: "ab:cd:ef",
};
export const TEST_KEY_ID = `${TEST_IDENTITY.tenancy}/${TEST_IDENTITY.user}/${TEST_IDENTITY.fingerprint}`;

export const TEST_PASSPHRASE = "correct horse battery staple";

export interface TestKeyPair {
  publicKey: KeyObject;
  pkcs8: string;
  pkcs1: string;
  encryptedPkcs8: string;
  encryptedPkcs1: string;
}

export function generateTestKeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const encrypted = { cipher: "aes-256-cbc", passphrase: TEST_PASSPHRASE } as const;
  return {
    publicKey,
    pkcs8: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    pkcs1: privateKey.export({ type: "pkcs1", format: "pem" }) as string,
    encryptedPkcs8: privateKey.export({ type: "pkcs8", format: "pem", ...encrypted }) as string,
    encryptedPkcs1: privateKey.export({ type: "pkcs1", format: "pem", ...encrypted }) as string,
  };
}

/** The base64 body of a PEM, which must never show up in an error message. */
export function pemBody(pem: string): string {
  return pem.split("\n").slice(1, -2).join("");
}
