// The web entry's key handling: PEM forms it accepts, the PKCS#1 → PKCS#8 wrapper, and clear refusals.
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generateTestKeyPair, pemBody, TEST_IDENTITY, TEST_PASSPHRASE } from "@aidp/test-support";
import { describe, expect, it } from "vitest";
import { AidpAuthError, apiKeyAuth, sessionTokenAuth } from "../../src/auth/index.ts";
import { pkcs1ToPkcs8 } from "../../src/auth/pkcs1-to-pkcs8.ts";
import { importPrivateKey } from "../../src/auth/private-key.ts";

const keys = generateTestKeyPair();

async function rejection(promise: Promise<unknown>): Promise<AidpAuthError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AidpAuthError);
  const shown = `${String(error)} ${JSON.stringify(error)}`;
  for (const pem of Object.values(keys).filter((value) => typeof value === "string")) {
    expect(shown).not.toContain(pemBody(pem));
  }
  expect(shown).not.toContain(TEST_PASSPHRASE);
  return error as AidpAuthError;
}

describe("pkcs1ToPkcs8", () => {
  it.each([1024, 2048, 4096])(
    "wraps a %i-bit PKCS#1 key exactly as OpenSSL's PKCS#8 export",
    (modulusLength) => {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength });
      const pkcs1 = privateKey.export({ type: "pkcs1", format: "der" });
      const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" });
      expect(Buffer.from(pkcs1ToPkcs8(pkcs1))).toEqual(pkcs8);
    },
  );
});

describe("importPrivateKey (web entry)", () => {
  it("imports PKCS#8 and PKCS#1 PEM as the same non-extractable rsa-sha256 signing key", async () => {
    const data = new TextEncoder().encode("same input");
    const signatures = await Promise.all(
      [keys.pkcs8, keys.pkcs1].map(async (pem) => {
        const key = await importPrivateKey(pem);
        expect(key).toMatchObject({
          extractable: false,
          usages: ["sign"],
          algorithm: { name: "RSASSA-PKCS1-v1_5" },
        });
        return Buffer.from(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, data)).toString("base64");
      }),
    );
    expect(signatures[0]).toBe(signatures[1]);
  });

  it.each(["encryptedPkcs8", "encryptedPkcs1"] as const)(
    "refuses an %s key, pointing to the Node entry",
    async (form) => {
      expect((await rejection(importPrivateKey(keys[form]))).message).toBe(
        "the private key is encrypted; encrypted keys are supported by the Node entry (@aidp/client/node) with a passphrase",
      );
    },
  );

  it("refuses what is not an RSA private key PEM", async () => {
    expect((await rejection(importPrivateKey("not a pem"))).message).toBe(
      "the private key is not a PEM block (-----BEGIN ... PRIVATE KEY-----)",
    );
    const publicPem = keys.publicKey.export({ type: "spki", format: "pem" }) as string;
    expect((await rejection(importPrivateKey(publicPem))).message).toBe(
      'the PEM block is a "PUBLIC KEY", expected "PRIVATE KEY" or "RSA PRIVATE KEY"',
    );
    const ecPem = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    }) as string;
    expect((await rejection(importPrivateKey(ecPem))).message).toBe(
      "the private key is not a valid RSA private key",
    );
  });

  it("checks a CryptoKey's algorithm", async () => {
    const pss = await crypto.subtle.importKey(
      "pkcs8",
      createPrivateKey(keys.pkcs8).export({ type: "pkcs8", format: "der" }),
      { name: "RSA-PSS", hash: "SHA-256" },
      false,
      ["sign"],
    );
    expect((await rejection(importPrivateKey(pss))).message).toBe(
      'the CryptoKey must be an RSASSA-PKCS1-v1_5 key with hash SHA-256 and the "sign" usage',
    );
  });
});

describe("web providers refuse bad options clearly", () => {
  it("a passphrase (the web entry cannot decrypt keys): a type error, and refused from plain JavaScript", () => {
    expect(() =>
      // @ts-expect-error the web entry's options have no passphrase (the Node entry's have)
      apiKeyAuth({ ...TEST_IDENTITY, privateKey: keys.encryptedPkcs8, passphrase: TEST_PASSPHRASE }),
    ).toThrow(
      "a passphrase was given, but encrypted private keys are decrypted only by the Node entry (@aidp/client/node) (key passphrase)",
    );
    expect(() =>
      // @ts-expect-error the web entry's options have no passphrase (the Node entry's have)
      sessionTokenAuth({ token: "t", privateKey: keys.encryptedPkcs8, passphrase: TEST_PASSPHRASE }),
    ).toThrow(
      "a passphrase was given, but encrypted private keys are decrypted only by the Node entry (@aidp/client/node) (key passphrase)",
    );
  });

  it("an empty identity field or token, naming the field", () => {
    expect(() => apiKeyAuth({ ...TEST_IDENTITY, fingerprint: " ", privateKey: keys.pkcs8 })).toThrow(
      "fingerprint is required and must be a non-empty string (key fingerprint)",
    );
    expect(() => sessionTokenAuth({ token: "", privateKey: keys.pkcs8 })).toThrow(
      "token is required and must be a non-empty string (key token)",
    );
  });

  it.each([
    ["user", "ocid1.user\r\nX-Injected: yes"],
    ["fingerprint", "12:34\u0001"],
    ["tenancy", "ocid1.tenancy.€"],
  ] as const)(
    "an identity field (%s) a header cannot carry, naming the field and never its value",
    (field, value) => {
      let error: unknown;
      try {
        apiKeyAuth({ ...TEST_IDENTITY, [field]: value, privateKey: keys.pkcs8 });
      } catch (failure) {
        error = failure;
      }
      expect(String(error)).toContain(
        `${field} must not hold a control character (such as CR or LF) or a character beyond U+00FF: it goes into the Authorization header (key ${field})`,
      );
      expect(String(error)).not.toContain(value);
    },
  );

  it("a bad key surfaces at signing time as the same AidpAuthError", async () => {
    const auth = apiKeyAuth({ ...TEST_IDENTITY, privateKey: keys.encryptedPkcs1 });
    const signing = auth.signRequest({ method: "GET", url: "https://example.test/", headers: new Headers() });
    expect((await rejection(signing)).message).toContain("the private key is encrypted");
  });
});

describe("the signing core runs outside Node", () => {
  it("imports nothing from node: outside src/auth/node", () => {
    const dir = join(import.meta.dirname, "../../src/auth");
    const webFiles = readdirSync(dir).filter((name) => name.endsWith(".ts"));
    expect(webFiles.length).toBeGreaterThan(5);
    for (const name of webFiles)
      expect(readFileSync(join(dir, name), "utf8"), name).not.toMatch(/from "node:/);
  });
});
