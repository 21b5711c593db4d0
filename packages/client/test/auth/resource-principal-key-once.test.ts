// A resource principal's private key is decrypted once per key file content: made, first token and a refresh that
// rewrote only the token share one decryption; a rewritten key file is decrypted again. The key loader is wrapped
// to count its calls (nothing outside the provider can tell one decryption from two).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateTestKeyPair, issueSessionToken, TEST_PASSPHRASE } from "@aidp/test-support";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { resourcePrincipalAuth } from "../../src/auth/node/index.ts";
import { sendSigned } from "./send-signed.ts";
import { SEARCH_PATH, type SessionTokenService, startSessionTokenService } from "./session-token-service.ts";

const decryptions = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../src/auth/node/private-key-file.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/auth/node/private-key-file.ts")>();
  return {
    ...original,
    nodePrivateKeyLoader: (...args: Parameters<typeof original.nodePrivateKeyLoader>) => {
      const load = original.nodePrivateKeyLoader(...args);
      return (...keyArgs: Parameters<typeof load>) => {
        decryptions.count++;
        return load(...keyArgs);
      };
    },
  };
});

const directory = mkdtempSync(join(tmpdir(), "aidp-rp-key-once-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const services: SessionTokenService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
});

describe("resourcePrincipalAuth decrypts its key once per key file", () => {
  it("made, first token, a token-only refresh: one decryption; a rewritten key: one more", async () => {
    const [firstKeys, secondKeys] = [generateTestKeyPair(), generateTestKeyPair()];
    let now = Date.now();
    const tokenFile = join(directory, "rpst");
    const keyFile = join(directory, "key.pem");
    const tokens = [
      issueSessionToken({ publicKey: firstKeys.publicKey, lifetimeSeconds: 600, nowMs: now }),
      issueSessionToken({ publicKey: firstKeys.publicKey, lifetimeSeconds: 600, nowMs: now + 360_000 }),
      issueSessionToken({ publicKey: secondKeys.publicKey, lifetimeSeconds: 600, nowMs: now + 720_000 }),
    ] as const;
    writeFileSync(tokenFile, tokens[0]);
    writeFileSync(keyFile, firstKeys.encryptedPkcs8);
    const provider = resourcePrincipalAuth({
      clock: () => now,
      env: {
        OCI_RESOURCE_PRINCIPAL_VERSION: "2.2",
        OCI_RESOURCE_PRINCIPAL_RPST: tokenFile,
        OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: keyFile,
        OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE: TEST_PASSPHRASE,
        OCI_RESOURCE_PRINCIPAL_REGION: "us-ashburn-1",
      },
    });
    expect(decryptions.count).toBe(1); // at creation, so that a wrong passphrase is said at once
    const service = await startSessionTokenService();
    services.push(service);
    const call = () => sendSigned(provider, `${service.url}${SEARCH_PATH}`, { method: "POST", body: "{}" });

    await call();
    expect(decryptions.count).toBe(1);
    writeFileSync(tokenFile, tokens[1]);
    now += 360_000; // 4 minutes left: the files are read again; the key file is the same
    await call();
    expect(decryptions.count).toBe(1);
    writeFileSync(tokenFile, tokens[2]);
    writeFileSync(keyFile, secondKeys.encryptedPkcs8);
    now += 360_000;
    await call();
    expect(decryptions.count).toBe(2);
    expect(service.checked).toEqual(tokens.map((token) => ({ verified: true, keyId: `ST$${token}` })));
  });
});
