// OKE workload identity against an HTTPS proxymux fake whose certificate comes from a CA the test made: the
// service account token as Bearer, a podKey, the base64 answer; a certificate of another CA refused.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeTestCa } from "@aidp/test-support";
import { startProxymuxFake } from "@aidp/test-support/servers";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { AidpAuthError, okeWorkloadIdentityAuth } from "../../src/auth/node/index.ts";
import { sendSigned } from "./send-signed.ts";
import { SEARCH_PATH, type SessionTokenService, startSessionTokenService } from "./session-token-service.ts";

const directory = mkdtempSync(join(tmpdir(), "aidp-oke-"));
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function setUp(serviceAccountToken = "service-account-token-1") {
  const proxymux = await startProxymuxFake({
    serviceAccountToken: [serviceAccountToken, "service-account-token-2"],
  });
  const service = await startSessionTokenService();
  closers.push(proxymux.close, service.close);
  const caCertPath = join(directory, `ca-${proxymux.port}.crt`);
  const tokenPath = join(directory, `token-${proxymux.port}`);
  writeFileSync(caCertPath, proxymux.ca.pem);
  writeFileSync(tokenPath, `${serviceAccountToken}\n`);
  const env = {
    KUBERNETES_SERVICE_HOST: proxymux.host,
    KUBERNETES_SERVICE_PORT_PROXYMUX: String(proxymux.port),
    OCI_RESOURCE_PRINCIPAL_REGION: "us-phoenix-1",
  };
  return { proxymux, service, caCertPath, tokenPath, env };
}

const call = (service: SessionTokenService, provider: ReturnType<typeof okeWorkloadIdentityAuth>) =>
  sendSigned(provider, `${service.url}${SEARCH_PATH}`, { method: "POST", body: "{}" });

describe("okeWorkloadIdentityAuth", () => {
  it("trades the service account token and a pod key for a session token over TLS with the cluster CA", async () => {
    const { proxymux, service, caCertPath, tokenPath, env } = await setUp();
    const provider = okeWorkloadIdentityAuth({ caCertPath, tokenPath, env });
    expect((await call(service, provider)).status).toBe(200);
    expect(proxymux.requests).toHaveLength(1);
    const [request] = proxymux.requests;
    expect(request?.headers.authorization).toBe("Bearer service-account-token-1");
    expect(JSON.parse(request?.body ?? "{}").podKey).toMatch(/^[A-Za-z0-9+/=]{300,}$/);
    expect(service.checked).toEqual([{ verified: true, keyId: `ST$${proxymux.issued[0]}` }]);
    expect(provider.region).toBe("us-phoenix-1");
  });

  it("reads the service account token again for a new session", async () => {
    const { proxymux, service, caCertPath, tokenPath, env } = await setUp("service-account-token-1");
    const provider = okeWorkloadIdentityAuth({ caCertPath, tokenPath, env });
    await call(service, provider);
    writeFileSync(tokenPath, "service-account-token-2");
    await provider.refresh?.();
    expect(proxymux.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer service-account-token-1",
      "Bearer service-account-token-2",
    ]);
  });

  it("refuses a proxymux certificate from another CA with the TLS error, without retrying", async () => {
    const { proxymux, tokenPath, env } = await setUp();
    const otherCa = join(directory, "other-ca.crt");
    writeFileSync(otherCa, makeTestCa("some other CA").pem);
    const provider = okeWorkloadIdentityAuth({ caCertPath: otherCa, tokenPath, env });
    const failure = await provider
      .signRequest({ method: "GET", url: "https://x.example/", headers: new Headers() })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(AidpAuthError);
    expect(failure.message).toContain(
      `OKE workload identity: requesting a session token from the proxymux failed at https://127.0.0.1:${proxymux.port}/resourcePrincipalSessionTokens: certificate not verifiable`,
    );
    expect(failure.message).toMatch(/\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)$/);
    expect(proxymux.requests).toHaveLength(0);
  });

  it("names the service's answer when the service account token is refused", async () => {
    const { caCertPath, tokenPath, env } = await setUp();
    writeFileSync(tokenPath, "a token the cluster does not know");
    const provider = okeWorkloadIdentityAuth({ caCertPath, tokenPath, env });
    const failure = await provider.refresh?.().catch((e) => e);
    expect(failure.message).toMatch(
      /failed at https:\/\/127\.0\.0\.1:\d+\/resourcePrincipalSessionTokens: status 401: NotAuthenticated: the service account token is not valid$/,
    );
    expect(failure.message).not.toContain("a token the cluster does not know");
  });

  it("names KUBERNETES_SERVICE_HOST when it is not set, and defaults the proxymux port to 12250", async () => {
    expect(() => okeWorkloadIdentityAuth({ env: {} })).toThrow(/KUBERNETES_SERVICE_HOST is not set/);
    const { caCertPath, tokenPath } = await setUp();
    const provider = okeWorkloadIdentityAuth({
      caCertPath,
      tokenPath,
      env: { KUBERNETES_SERVICE_HOST: "127.0.0.1" },
      timeoutMs: 1_000,
      retry: { maxAttempts: 1 },
    });
    const failure = await provider.refresh?.().catch((e) => e);
    expect(failure.message).toContain("https://127.0.0.1:12250/resourcePrincipalSessionTokens");
  });
});
