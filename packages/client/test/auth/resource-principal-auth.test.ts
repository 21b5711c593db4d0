// Resource principal 2.2: the token, key, passphrase and region from the environment, each a value or the
// absolute path of a file; files read again when the token has to be replaced; missing settings named.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateTestKeyPair, issueSessionToken, pemBody, TEST_PASSPHRASE } from "@aidp/test-support";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { AidpAuthError, resourcePrincipalAuth } from "../../src/auth/node/index.ts";
import { sendSigned } from "./send-signed.ts";
import { SEARCH_PATH, type SessionTokenService, startSessionTokenService } from "./session-token-service.ts";

const keys = generateTestKeyPair();
const directory = mkdtempSync(join(tmpdir(), "aidp-rp-"));
const services: SessionTokenService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const file = (name: string, content: string) => {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
};

async function signedCall(provider: ReturnType<typeof resourcePrincipalAuth>) {
  const service = await startSessionTokenService();
  services.push(service);
  const response = await sendSigned(provider, `${service.url}${SEARCH_PATH}`, { method: "POST", body: "{}" });
  return { status: response.status, checked: service.checked };
}

describe("resourcePrincipalAuth (2.2)", () => {
  it("signs with the token and key given as values", async () => {
    const token = issueSessionToken({ publicKey: keys.publicKey });
    const provider = resourcePrincipalAuth({
      env: {
        OCI_RESOURCE_PRINCIPAL_VERSION: "2.2",
        OCI_RESOURCE_PRINCIPAL_RPST: token,
        OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: keys.pkcs1,
        OCI_RESOURCE_PRINCIPAL_REGION: "eu-frankfurt-1",
      },
    });
    expect(provider.region).toBe("eu-frankfurt-1");
    expect(await signedCall(provider)).toEqual({
      status: 200,
      checked: [{ verified: true, keyId: `ST$${token}` }],
    });
  });

  it("reads paths: an encrypted key with its passphrase in a file", async () => {
    const token = issueSessionToken({ publicKey: keys.publicKey });
    const provider = resourcePrincipalAuth({
      env: {
        OCI_RESOURCE_PRINCIPAL_VERSION: "2.2",
        OCI_RESOURCE_PRINCIPAL_RPST: file("rpst", `${token}\n`),
        OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: file("key.pem", keys.encryptedPkcs8),
        OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE: file("passphrase", `${TEST_PASSPHRASE}\n`),
        OCI_RESOURCE_PRINCIPAL_REGION: "us-ashburn-1",
      },
    });
    expect(await signedCall(provider)).toEqual({
      status: 200,
      checked: [{ verified: true, keyId: `ST$${token}` }],
    });
  });

  it("reads a rewritten token file again when the token it has is about to expire", async () => {
    let now = Date.now();
    const first = issueSessionToken({ publicKey: keys.publicKey, lifetimeSeconds: 600, nowMs: now });
    const tokenFile = file("rotating-rpst", first);
    const provider = resourcePrincipalAuth({
      clock: () => now,
      env: {
        OCI_RESOURCE_PRINCIPAL_VERSION: "2.2",
        OCI_RESOURCE_PRINCIPAL_RPST: tokenFile,
        OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: keys.pkcs8,
        OCI_RESOURCE_PRINCIPAL_REGION: "us-ashburn-1",
      },
    });
    const service = await startSessionTokenService();
    services.push(service);
    const call = () => sendSigned(provider, `${service.url}${SEARCH_PATH}`, { method: "POST", body: "{}" });
    await call();
    const second = issueSessionToken({ publicKey: keys.publicKey, lifetimeSeconds: 1200, nowMs: now });
    writeFileSync(tokenFile, second);
    await call(); // the first token has 10 minutes left: kept
    now += 6 * 60_000; // 4 minutes left: the file is read again
    await call();
    expect(service.checked.map((c) => c.keyId)).toEqual([`ST$${first}`, `ST$${first}`, `ST$${second}`]);
  });

  it("never signs with a token that has expired", async () => {
    const expired = issueSessionToken({
      publicKey: keys.publicKey,
      lifetimeSeconds: 60,
      nowMs: Date.now() - 3_600_000,
    });
    const provider = resourcePrincipalAuth({
      env: {
        OCI_RESOURCE_PRINCIPAL_VERSION: "2.2",
        OCI_RESOURCE_PRINCIPAL_RPST: expired,
        OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: keys.pkcs8,
        OCI_RESOURCE_PRINCIPAL_REGION: "us-ashburn-1",
      },
    });
    const failure = await provider
      .signRequest({ method: "GET", url: "https://x.example/", headers: new Headers() })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(AidpAuthError);
    expect(failure.message).toMatch(/^resource principal: the session token just obtained expired at \d{4}-/);
    expect(failure.message).not.toContain(expired.slice(0, 30));
  });

  const complete = {
    OCI_RESOURCE_PRINCIPAL_VERSION: "2.2",
    OCI_RESOURCE_PRINCIPAL_RPST: "header.payload.signature",
    OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: keys.pkcs8,
    OCI_RESOURCE_PRINCIPAL_REGION: "us-ashburn-1",
  };
  it.each(Object.keys(complete))("names %s when it is missing", (name) => {
    const env: Record<string, string | undefined> = { ...complete, [name]: undefined };
    expect(() => resourcePrincipalAuth({ env })).toThrow(
      new AidpAuthError(`the environment variable ${name} is not set`, { key: name }),
    );
  });

  it("names the variable and the file when a path cannot be read", () => {
    const missing = join(directory, "no-such-key.pem");
    expect(() =>
      resourcePrincipalAuth({ env: { ...complete, OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: missing } }),
    ).toThrow(
      `cannot read the file named by OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM, ${missing}: it does not exist (key OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM)`,
    );
  });

  it("says a wrong passphrase without showing it or the key", () => {
    const run = () =>
      resourcePrincipalAuth({
        env: {
          ...complete,
          OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: keys.encryptedPkcs1,
          OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE: "not the passphrase",
        },
      });
    expect(run).toThrow("cannot decrypt the resource principal private key: the passphrase is wrong");
    const message = (() => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).not.toContain("not the passphrase");
    expect(message).not.toContain(pemBody(keys.encryptedPkcs1).slice(0, 40));
  });

  it("refuses versions other than 2.2, naming the variable", () => {
    expect(() =>
      resourcePrincipalAuth({ env: { ...complete, OCI_RESOURCE_PRINCIPAL_VERSION: "1.1" } }),
    ).toThrow(
      'resource principal version "1.1" is not supported; only 2.2 is (key OCI_RESOURCE_PRINCIPAL_VERSION)',
    );
  });
});
