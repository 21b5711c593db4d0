// Requests signed by our providers, sent with the global fetch to a local server that verifies each signature
// with the public key from what it actually received.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  generateTestKeyPair,
  TEST_IDENTITY as identity,
  TEST_KEY_ID as keyId,
  TEST_PASSPHRASE,
} from "@aidp/test-support";
import type { CheckedRequest, SignatureCheckingServer } from "@aidp/test-support/servers";
import { startSignatureCheckingServer } from "@aidp/test-support/servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyAuth, sessionTokenAuth } from "../../src/auth/index.ts";
import {
  apiKeyAuth as nodeApiKeyAuth,
  sessionTokenAuth as nodeSessionTokenAuth,
} from "../../src/auth/node/index.ts";
import { AidpError, createAidpClient } from "../../src/index.ts";
import * as signature from "../../src/signature.ts";
import { sendSigned } from "./send-signed.ts";

const keys = generateTestKeyPair();
let server: SignatureCheckingServer;

beforeAll(async () => {
  server = await startSignatureCheckingServer(signature, keys.publicKey);
});
afterAll(() => server.close());

async function check(response: Response): Promise<CheckedRequest> {
  const result = (await response.json()) as CheckedRequest;
  expect(result.reason).toBeUndefined();
  expect(response.status).toBe(200);
  return result;
}

describe("a node:http server verifying every signature", () => {
  const auth = apiKeyAuth({ ...identity, privateKey: keys.pkcs8 });
  const path = "/20260430/aiDataPlatforms/ocid1.x/actions/searchAuditLogs?limit=10&page=a%20b";

  it("accepts a signed GET with a query string, signing date, (request-target) and host only", async () => {
    const result = await check(await sendSigned(auth, `${server.url}${path}`, { method: "GET" }));
    expect(result).toMatchObject({
      keyId,
      signedHeaders: ["date", "(request-target)", "host"],
      bodyLength: 0,
    });
  });

  it("accepts a signed POST with a JSON body, also signing the body headers", async () => {
    const body = JSON.stringify({ query: "é ✓ 𝄞", limit: 5 });
    const response = await sendSigned(auth, `${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "opc-request-id": "abc" },
      body,
    });
    const result = await check(response);
    expect(result.signedHeaders).toEqual([
      "date",
      "(request-target)",
      "host",
      "content-type",
      "content-length",
      "x-content-sha256",
    ]);
    expect(result.bodyLength).toBe(new TextEncoder().encode(body).byteLength);
  });

  it("accepts POST and PUT without a body: the empty body is signed", async () => {
    for (const method of ["POST", "PUT", "PATCH"]) {
      const result = await check(await sendSigned(auth, `${server.url}/empty`, { method }));
      expect(result.signedHeaders).toContain("x-content-sha256");
      expect(result.bodyLength).toBe(0);
    }
  });

  it("signs with x-date when the request carries one, or when asked to", async () => {
    const given = await sendSigned(auth, `${server.url}/x`, {
      method: "GET",
      headers: { "x-date": new Date().toUTCString() },
    });
    expect((await check(given)).signedHeaders?.[0]).toBe("x-date");
    const browserStyle = apiKeyAuth({ ...identity, privateKey: keys.pkcs1, dateHeader: "x-date" });
    expect(
      (await check(await sendSigned(browserStyle, `${server.url}/x`, { method: "GET" }))).signedHeaders?.[0],
    ).toBe("x-date");
  });

  it("accepts a session token signature with keyId ST$<token>", async () => {
    const session = sessionTokenAuth({ token: "session-token-value", privateKey: keys.pkcs1 });
    const result = await check(await sendSigned(session, `${server.url}/s`, { method: "POST", body: "{}" }));
    expect(result.keyId).toBe("ST$session-token-value");
  });

  it("accepts requests signed with an encrypted key through the Node entry", async () => {
    for (const privateKey of [keys.encryptedPkcs1, keys.encryptedPkcs8]) {
      const nodeAuth = nodeApiKeyAuth({ ...identity, privateKey, passphrase: TEST_PASSPHRASE });
      await check(await sendSigned(nodeAuth, `${server.url}/n`, { method: "POST", body: '{"a":1}' }));
    }
  });

  it("accepts a session token read from a file by the Node entry, with an encrypted key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aidp-token-"));
    try {
      writeFileSync(join(dir, "token"), "file-token\n");
      const session = nodeSessionTokenAuth({
        tokenFile: join(dir, "token"),
        privateKey: keys.encryptedPkcs1,
        passphrase: TEST_PASSPHRASE,
      });
      expect((await check(await sendSigned(session, `${server.url}/f`, { method: "GET" }))).keyId).toBe(
        "ST$file-token",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects a request whose body was changed after signing (the server really checks)", async () => {
    const headers = new Headers({ "content-type": "application/json" });
    const signedBody = new TextEncoder().encode('{"limit":1}');
    const added = await auth.signRequest({
      method: "POST",
      url: `${server.url}/t`,
      headers,
      body: signedBody,
    });
    for (const [name, value] of added) headers.set(name, value);
    const response = await fetch(`${server.url}/t`, { method: "POST", headers, body: '{"limit":9}' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as CheckedRequest).reason).toBe(
      "x-content-sha256 does not match the SHA-256 of the received body",
    );
  });

  it("rejects a signature made with another key", async () => {
    const other = apiKeyAuth({ ...identity, privateKey: generateTestKeyPair().pkcs8 });
    const response = await sendSigned(other, `${server.url}/o`, { method: "GET" });
    expect(response.status).toBe(401);
    expect(((await response.json()) as CheckedRequest).reason).toMatch(/^the signature does not verify/);
  });
});

describe("the client's request pipeline signs every attempt", () => {
  it("a retried SearchAuditLogs POST is re-signed on each attempt, and every signature verifies", async () => {
    const retryingServer = await startSignatureCheckingServer(signature, keys.publicKey, [503, 503]);
    try {
      const auth = apiKeyAuth({ ...identity, privateKey: keys.pkcs1 });
      const aidp = createAidpClient({
        baseUrl: retryingServer.url,
        auth,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
      });
      const page = await aidp.searchAuditLogs({
        aiDataPlatformId: "ocid1.aidataplatform.oc1.iad.example",
        limit: 10,
        details: { status: "FAILED" },
      });
      expect(page.items).toEqual([]);
      expect(retryingServer.checked).toHaveLength(3);
      for (const check of retryingServer.checked) {
        expect(check).toMatchObject({ verified: true, keyId });
        expect(check.signedHeaders).toContain("x-content-sha256");
        expect(check.bodyLength).toBeGreaterThan(0);
      }
    } finally {
      await retryingServer.close();
    }
  });
});

describe("a refused signature", () => {
  it("is an AidpSignatureVerificationError, an AidpError like the rest, with its reason", async () => {
    const unsigned = signature.verifyRequestSignature(
      { method: "GET", target: "/x", header: () => undefined, body: new Uint8Array() },
      { publicKey: () => undefined },
    );
    const refusal = await unsigned.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(signature.AidpSignatureVerificationError);
    expect(refusal).toBeInstanceOf(AidpError);
    expect(refusal).toMatchObject({
      name: "AidpSignatureVerificationError",
      reason: "missing-authorization",
      message: "the request has no Authorization header",
    });
  });
});
