// Our signer against OCI's own TypeScript SDK signer (oci-common's DefaultRequestSigner, on http-signature):
// the same key, method, URL, headers, body and date must give the same signing string and signature.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateTestKeyPair, TEST_IDENTITY as identity, TEST_PASSPHRASE } from "@aidp/test-support";
import {
  ConfigFileAuthenticationDetailsProvider,
  DefaultRequestSigner,
  type Method,
  SessionAuthDetailProvider,
  SimpleAuthenticationDetailsProvider,
} from "oci-common";
import { afterAll, describe, expect, it } from "vitest";
import { apiKeyAuth } from "../../src/auth/index.ts";
import { configFileAuth } from "../../src/auth/node/index.ts";
import type { AuthProvider } from "../../src/auth/types.ts";
import {
  importPublicKeyPem,
  parseAuthorization,
  requestTarget,
  signingString,
  verifyRequestSignature,
} from "../../src/signature.ts";

const keys = generateTestKeyPair();
const date = "Tue, 17 Nov 2026 10:20:30 GMT";
const url =
  "https://aidp.us-ashburn-1.oci.oraclecloud.com/20260430/aiDataPlatforms/ocid1.x/actions/searchAuditLogs?limit=10&page=p%2F1";

interface Case {
  method: Method;
  body?: string;
}
const cases: Case[] = [
  { method: "GET" },
  { method: "DELETE" },
  { method: "POST", body: JSON.stringify({ details: { timeBegin: "2026-01-01T00:00:00Z", text: "é ✓ 𝄞" } }) },
  { method: "POST", body: "" },
  { method: "POST" },
  { method: "PUT", body: "[1,2,3]" },
];

/** Signs with oci-common and returns the request headers it ended with. */
async function signWithOciCommon(signer: DefaultRequestSigner, { method, body }: Case): Promise<Headers> {
  const headers = new Headers({ "x-date": date, "content-type": "application/json", "opc-request-id": "r1" });
  await signer.signHttpRequest({ uri: url, method, headers, body });
  return headers;
}

/** Signs the same request with ours and returns the request headers merged with what we added. */
async function signWithOurs(auth: AuthProvider, { method, body }: Case): Promise<Headers> {
  const headers = new Headers({ "x-date": date, "content-type": "application/json", "opc-request-id": "r1" });
  const bytes = body === undefined ? undefined : new TextEncoder().encode(body);
  for (const [name, value] of await auth.signRequest({ method, url, headers, body: bytes }))
    headers.set(name, value);
  return headers;
}

const publicKey = importPublicKeyPem(keys.publicKey.export({ type: "spki", format: "pem" }) as string);

function signingStringOf(headers: Headers, method: string): string {
  const { headers: signed } = parseAuthorization(headers.get("authorization") ?? "");
  const target = new URL(url);
  return signingString(signed, (name) => {
    if (name === "(request-target)") return requestTarget(method, target);
    return name === "host" ? target.host : (headers.get(name) ?? "");
  });
}

async function expectSameSignature(ours: AuthProvider, reference: DefaultRequestSigner, testCase: Case) {
  const theirs = await signWithOciCommon(reference, testCase);
  const mine = await signWithOurs(ours, testCase);
  const theirAuthorization = parseAuthorization(theirs.get("authorization") ?? "");
  const myAuthorization = parseAuthorization(mine.get("authorization") ?? "");

  expect(signingStringOf(mine, testCase.method)).toBe(signingStringOf(theirs, testCase.method));
  // oci-common lists header names as it was given them (`Content-Type`); they are case-insensitive.
  expect(myAuthorization.headers).toEqual(theirAuthorization.headers.map((name) => name.toLowerCase()));
  expect({ ...myAuthorization, headers: [] }).toEqual({ ...theirAuthorization, headers: [] });
  for (const name of ["x-content-sha256", "content-length", "content-type"]) {
    expect(mine.get(name), name).toBe(theirs.get(name));
  }
  const target = new URL(url);
  const bytes = new TextEncoder().encode(testCase.body ?? "");
  await verifyRequestSignature(
    {
      method: testCase.method,
      target: `${target.pathname}${target.search}`,
      header: (name) => (name === "host" ? target.host : (mine.get(name) ?? undefined)),
      body: bytes,
    },
    // The signed date is fixed in the past: the clock check is not what this test is about.
    { publicKey: await publicKey, maxClockSkewMs: Number.POSITIVE_INFINITY },
  );
}

describe("signatures identical to oci-common's DefaultRequestSigner", () => {
  const { tenancy, user, fingerprint } = identity;
  const apiKeyReference = () =>
    new DefaultRequestSigner(
      new SimpleAuthenticationDetailsProvider(tenancy, user, fingerprint, keys.pkcs8, null, undefined),
    );

  it.each(cases)("API key, $method with body $body", async (testCase) => {
    const reference = apiKeyReference();
    await expectSameSignature(apiKeyAuth({ ...identity, privateKey: keys.pkcs8 }), reference, testCase);
  });

  it("a PKCS#1 key gives the same signature as the PKCS#8 form of the key in oci-common", async () => {
    await expectSameSignature(
      apiKeyAuth({ ...identity, privateKey: keys.pkcs1 }),
      apiKeyReference(),
      cases[2] as Case,
    );
  });

  describe("reading the same config file as oci-common", () => {
    const dir = mkdtempSync(join(tmpdir(), "aidp-auth-reference-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const keyFile = join(dir, "key.pem");
    const tokenFile = join(dir, "token");
    writeFileSync(keyFile, keys.encryptedPkcs1);
    // No trailing newline: oci-common puts the file's content into the header as is (a newline breaks it).
    writeFileSync(tokenFile, "the-session-token");
    const config = join(dir, "config");
    writeFileSync(
      config,
      [
        "[DEFAULT]",
        `user=${identity.user}`,
        `fingerprint=${identity.fingerprint}`,
        `tenancy=${identity.tenancy}`,
        "region=us-ashburn-1",
        `key_file=${keyFile}`,
        `pass_phrase=${TEST_PASSPHRASE}`,
        "",
        "[SESSION]",
        `security_token_file=${tokenFile}`,
        "",
      ].join("\n"),
    );

    it("API key with an encrypted PKCS#1 key and pass_phrase", async () => {
      const ours = configFileAuth({ path: config });
      expect(ours.region).toBe("us-ashburn-1");
      const reference = new DefaultRequestSigner(
        new ConfigFileAuthenticationDetailsProvider(config, "DEFAULT"),
      );
      await expectSameSignature(ours, reference, cases[2] as Case);
    });

    it("session token from security_token_file (keyId ST$<token>)", async () => {
      const ours = configFileAuth({ path: config, profile: "SESSION" });
      const reference = new DefaultRequestSigner(new SessionAuthDetailProvider(config, "SESSION"));
      await expectSameSignature(ours, reference, cases[2] as Case);
      expect(
        parseAuthorization((await signWithOurs(ours, { method: "GET" })).get("authorization") ?? "").keyId,
      ).toBe("ST$the-session-token");
    });
  });
});
