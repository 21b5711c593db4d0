// --verify-signatures: the mock checks the OCI signature of every request with @aidp/client/signature, and a
// refused request gets 401 NotAuthenticated whose message names what failed.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AidpUnauthorizedError, apiKeyAuth, createAidpClient } from "@aidp/client";
import { afterAll, describe, expect, it } from "vitest";
import { keyIdToFileName, type RunningMock, startMock } from "../src/index.ts";
import { operations, requestIdPattern, validBodies } from "./support.ts";

const identity = { tenancy: "ocid1.tenancy.oc1..t", user: "ocid1.user.oc1..u", fingerprint: "12:34:56" };
const keyId = `${identity.tenancy}/${identity.user}/${identity.fingerprint}`;

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: "spki", format: "pem" }) as string,
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  };
}
const [ours, theirs] = [keyPair(), keyPair()];
const directory = mkdtempSync(join(tmpdir(), "aidp-mock-keys-"));
const keyFile = join(directory, keyIdToFileName(keyId));
writeFileSync(keyFile, ours.publicPem);

const mocks: RunningMock[] = [];
afterAll(async () => {
  await Promise.all(mocks.map((mock) => mock.stop()));
  rmSync(directory, { recursive: true, force: true });
});
async function started(verifySignatures: string): Promise<RunningMock> {
  const mock = await startMock({ port: 0, verifySignatures });
  mocks.push(mock);
  return mock;
}
const [fileMock, directoryMock] = await Promise.all([started(keyFile), started(directory)]);

const auth = (privateKey: string, id = identity) => apiKeyAuth({ ...id, privateKey });

/** Signs a search with `signer`, lets `tamper` change what is sent, and returns the mock's answer. */
async function signedSearch(
  mock: RunningMock,
  options: {
    privateKey?: string;
    headers?: Record<string, string>;
    tamper?: (headers: Headers) => string | undefined;
  } = {},
) {
  const url = `${mock.url}${operations.searchAuditLogs}?limit=2`;
  const body = JSON.stringify(validBodies.searchAuditLogs);
  const headers = new Headers({ "content-type": "application/json", ...options.headers });
  const added = await auth(options.privateKey ?? ours.privatePem).signRequest({
    method: "POST",
    url,
    headers,
    body: new TextEncoder().encode(body),
  });
  for (const [name, value] of added) headers.set(name, value);
  headers.delete("content-length"); // fetch sets it from the body
  const sentBody = options.tamper?.(headers) ?? body;
  const response = await fetch(url, { method: "POST", headers, body: sentBody });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function expectRefused(response: Awaited<ReturnType<typeof signedSearch>>, reason: string) {
  expect(response.status).toBe(401);
  expect(response.body.code).toBe("NotAuthenticated");
  expect(response.body.message).toContain(reason);
  expect(response.headers.get("opc-request-id")).toMatch(requestIdPattern);
}

describe("a signed client", () => {
  it.each([
    ["a key file", fileMock],
    ["a key directory", directoryMock],
  ])("passes with %s, for both operations", async (_name, mock) => {
    const client = createAidpClient({ baseUrl: mock.url, auth: auth(ours.privatePem), retry: false });
    const page = await client.searchAuditLogs({ aiDataPlatformId: "ocid1.x", limit: 5 });
    expect(page.items).toHaveLength(5);
    const job = await client.downloadClusterLogs({
      aiDataPlatformId: "ocid1.x",
      workspaceKey: "ws",
      clusterKey: "cl",
      details: {
        logContentTypeContains: "driver",
        timeBegin: "2025-03-16T00:00:00Z",
        timeEnd: "2025-03-16T01:00:00Z",
      },
    });
    expect(job.asyncOperationKey).toEqual(expect.any(String));
  });

  it("with the wrong key fails with AidpUnauthorizedError", async () => {
    const client = createAidpClient({ baseUrl: fileMock.url, auth: auth(theirs.privatePem), retry: false });
    const error = await client.searchAuditLogs({ aiDataPlatformId: "ocid1.x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpUnauthorizedError);
    expect((error as Error).message).toContain("does not verify");
  });
});

describe("each refusal names what failed", () => {
  it("no Authorization header", async () => {
    expectRefused(
      await signedSearch(fileMock, { tamper: (headers) => void headers.delete("authorization") }),
      "no Authorization header",
    );
  });

  it("an unknown key id (directory of keys)", async () => {
    const other = { ...identity, fingerprint: "99:99:99" };
    const url = `${directoryMock.url}${operations.searchAuditLogs}`;
    const headers = new Headers({ "content-type": "application/json" });
    const body = "{}";
    for (const [name, value] of await auth(ours.privatePem, other).signRequest({
      method: "POST",
      url,
      headers,
      body: new TextEncoder().encode(body),
    }))
      headers.set(name, value);
    headers.delete("content-length");
    const response = await fetch(url, { method: "POST", headers, body });
    expectRefused(
      { status: response.status, headers: response.headers, body: await response.json() },
      'unknown key id "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/99:99:99"',
    );
  });

  it("headers missing from the signature", async () => {
    const response = await signedSearch(fileMock, {
      tamper: (headers) => {
        headers.set(
          "authorization",
          (headers.get("authorization") as string).replace(
            / content-type content-length x-content-sha256"/,
            '"',
          ),
        );
        return undefined;
      },
    });
    expectRefused(
      response,
      "headers missing from the signature: content-type, content-length, x-content-sha256",
    );
  });

  it("a body that does not match x-content-sha256", async () => {
    const response = await signedSearch(fileMock, { tamper: () => JSON.stringify({ status: "SUCCEEDED" }) });
    expectRefused(response, "x-content-sha256 does not match");
  });

  it("a signature that does not verify (signed with another key)", async () => {
    expectRefused(
      await signedSearch(fileMock, { privateKey: theirs.privatePem }),
      "the signature does not verify",
    );
  });

  it("a date more than 5 minutes off", async () => {
    const date = new Date(Date.now() - 6 * 60_000).toUTCString();
    expectRefused(
      await signedSearch(fileMock, { headers: { date } }),
      "away from the server's clock (at most 300 s allowed)",
    );
  });

  it("a date more than 5 minutes off the mock's own clock (`now`), as a client whose clock is wrong", async () => {
    const ahead = await startMock({ port: 0, verifySignatures: keyFile, now: () => Date.now() + 6 * 60_000 });
    mocks.push(ahead);
    expectRefused(await signedSearch(ahead), "away from the server's clock (at most 300 s allowed)");
    expect((await signedSearch(fileMock)).status).toBe(200);
  });

  it("a key file that is not a public key stops the start", async () => {
    const bad = join(directory, "not-a-key.txt");
    writeFileSync(bad, "hello");
    await expect(startMock({ port: 0, verifySignatures: bad })).rejects.toThrow(
      `verifySignatures: ${bad}: expected a PEM block`,
    );
  });
});
