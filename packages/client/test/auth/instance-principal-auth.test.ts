// Instance principals against fakes of the metadata service and the federation endpoint, and a service that
// verifies `ST$` signatures with the key in the token: what is asked, what is signed, when a token is replaced.
import { once } from "node:events";
import { createServer, type Socket } from "node:net";
import { pemBody, sessionTokenPayload } from "@aidp/test-support";
import { closedPort, type FederationFake, type MetadataServiceFake } from "@aidp/test-support/servers";
import { afterEach, describe, expect, it } from "vitest";
import { instancePrincipalAuth } from "../../src/auth/node/index.ts";
import { AidpAuthError, AidpUnauthorizedError, createAidpClient } from "../../src/index.ts";
import { type InstanceIdentityFakesOptions, startInstanceIdentityFakes } from "./instance-identity-fakes.ts";
import { sendSigned } from "./send-signed.ts";
import { SEARCH_PATH, type SessionTokenService } from "./session-token-service.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };

const fakes = (options: InstanceIdentityFakesOptions = {}) => startInstanceIdentityFakes(closers, options);

function auth(
  metadata: MetadataServiceFake,
  federation: FederationFake,
  extra: Parameters<typeof instancePrincipalAuth>[0] = {},
) {
  return instancePrincipalAuth({
    metadataBaseUrl: metadata.url,
    federationEndpoint: federation.url,
    retry: fastRetry,
    ...extra,
  });
}

const search = (service: SessionTokenService, provider: ReturnType<typeof instancePrincipalAuth>) =>
  sendSigned(provider, `${service.url}${SEARCH_PATH}`, { method: "POST", body: "{}" });

describe("instancePrincipalAuth", () => {
  it("federates with the instance's certificate, signed with its key, and signs calls with the session token", async () => {
    const { identity, metadata, federation, service } = await fakes();
    const provider = auth(metadata, federation);
    expect((await search(service, provider)).status).toBe(200);

    // Bearer Oracle on every metadata request, for the region and the three identity files.
    expect(metadata.requests.map((r) => r.url).sort()).toEqual(
      ["identity/cert.pem", "identity/intermediate.pem", "identity/key.pem", "instance/region"].map(
        (p) => `/opc/v2/${p}`,
      ),
    );
    expect(metadata.requests.every((r) => r.headers.authorization === "Bearer Oracle")).toBe(true);

    // The fake verified the signature with the leaf certificate's key and the keyId's SHA-256 fingerprint.
    expect(federation.checked).toHaveLength(1);
    const [check] = federation.checked;
    expect(check?.reason).toBeUndefined();
    expect(check?.keyId).toBe(
      `${identity.tenancy}/fed-x509-sha256/${identity.leaf.x509.fingerprint256.toLowerCase()}`,
    );
    expect(check?.body).toMatchObject({
      certificate: identity.leaf.x509.raw.toString("base64"),
      intermediateCertificates: [identity.intermediate.x509.raw.toString("base64")],
      purpose: "DEFAULT",
      fingerprintAlgorithm: "SHA256",
    });
    expect(String(check?.body?.publicKey)).toMatch(/^[A-Za-z0-9+/=]{300,}$/);
    expect(federation.requests[0]?.headers.authorization).toMatch(
      /headers="date \(request-target\) host content-type content-length x-content-sha256"/,
    );

    // The service verified the call with the key in the token just issued.
    expect(service.checked).toEqual([{ verified: true, keyId: `ST$${check?.token}` }]);
    expect(sessionTokenPayload(check?.token ?? "").tenant).toBe(identity.tenancy);
    expect(provider.region).toBe("us-ashburn-1");
  });

  it("takes the metadata address from OCI_METADATA_BASE_URL, the federation endpoint from OCI_SDK_AUTH_CLIENT_REGION_URL and the tenancy from opc-identity:", async () => {
    const { metadata, federation, service } = await fakes({
      identity: { tenancyAttribute: "opc-identity", tenancy: "ocid1.tenancy.oc1..byidentity" },
    });
    const provider = instancePrincipalAuth({
      env: { OCI_METADATA_BASE_URL: metadata.url, OCI_SDK_AUTH_CLIENT_REGION_URL: federation.url },
    });
    expect((await search(service, provider)).status).toBe(200);
    expect(metadata.requests).toHaveLength(4);
    expect(federation.checked.map((check) => check.verified)).toEqual([true]);
    expect(federation.checked[0]?.keyId).toMatch(/^ocid1\.tenancy\.oc1\.\.byidentity\/fed-x509-sha256\//);
  });

  it("makes one federation request for 50 concurrent first calls", async () => {
    const { metadata, federation, service } = await fakes();
    const provider = auth(metadata, federation);
    const responses = await Promise.all(Array.from({ length: 50 }, () => search(service, provider)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(federation.requests).toHaveLength(1);
    expect(metadata.requests).toHaveLength(4);
    expect(new Set(service.checked.map((c) => c.keyId)).size).toBe(1);
  });

  it("replaces the token 5 minutes before its exp, on the clock it is given", async () => {
    const { metadata, federation, service } = await fakes({ tokenLifetimeSeconds: 1200 });
    let now = Date.now();
    const provider = auth(metadata, federation, { clock: () => now });
    await search(service, provider);
    now += 14 * 60_000; // 6 minutes before exp: the token is kept
    await search(service, provider);
    expect(federation.requests).toHaveLength(1);
    now += 2 * 60_000; // 4 minutes before exp: a new token
    await search(service, provider);
    expect(federation.requests).toHaveLength(2);
    const keyIds = service.checked.map((c) => c.keyId);
    expect(keyIds[0]).toBe(keyIds[1]);
    expect(keyIds[2]).not.toBe(keyIds[1]);
    expect(service.checked.every((c) => c.verified)).toBe(true);
    // The certificate is read again for the new session (OCI rotates it); the region is not.
    expect(metadata.requests.filter((r) => r.url.endsWith("cert.pem"))).toHaveLength(2);
    expect(metadata.requests.filter((r) => r.url.endsWith("region"))).toHaveLength(1);
  });

  it("on a 401 federates once more and re-sends that attempt, with retry: false", async () => {
    const { metadata, federation, service } = await fakes({ serviceStatuses: [401] });
    const client = createAidpClient({ baseUrl: service.url, auth: auth(metadata, federation), retry: false });
    const page = await client.searchAuditLogs({ aiDataPlatformId: "ocid1.x" });
    expect(page.items).toEqual([]);
    expect(federation.requests).toHaveLength(2);
    expect(service.requests).toHaveLength(2);
    expect(service.checked[1]?.keyId).not.toBe(service.checked[0]?.keyId);
  });

  it("does not loop on a persistent 401: one re-federation, then the 401 is the answer", async () => {
    const { metadata, federation, service } = await fakes({
      serviceStatuses: [401, 401, 401, 401, 401, 401],
    });
    const client = createAidpClient({ baseUrl: service.url, auth: auth(metadata, federation) });
    await expect(client.searchAuditLogs({ aiDataPlatformId: "ocid1.x" })).rejects.toBeInstanceOf(
      AidpUnauthorizedError,
    );
    expect(service.requests).toHaveLength(2);
    expect(federation.requests).toHaveLength(2);
  });

  it("re-federates at most once per call, even across retried attempts", async () => {
    const { metadata, federation, service } = await fakes({ serviceStatuses: [401, 503, 401] });
    const client = createAidpClient({
      baseUrl: service.url,
      auth: auth(metadata, federation),
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    await expect(client.searchAuditLogs({ aiDataPlatformId: "ocid1.x" })).rejects.toBeInstanceOf(
      AidpUnauthorizedError,
    );
    expect(service.requests).toHaveLength(3); // 401, re-signed 503, retried 401 (not refreshed again)
    expect(federation.requests).toHaveLength(2);
  });

  it("retries the metadata service's 500s", async () => {
    const { metadata, federation, service } = await fakes({ failFirst: 3 });
    expect((await search(service, auth(metadata, federation))).status).toBe(200);
    expect(metadata.requests).toHaveLength(7);
    expect(federation.requests).toHaveLength(1);
  });

  it("fails within its bound when the metadata service refuses connections, naming the address and errno", async () => {
    const port = await closedPort();
    const provider = instancePrincipalAuth({
      metadataBaseUrl: `http://127.0.0.1:${port}/opc/v2/`,
      timeoutMs: 2_000,
      retry: { baseDelayMs: 20, maxDelayMs: 100 },
    });
    const failure = await search({ url: "http://127.0.0.1:9" } as SessionTokenService, provider).catch(
      (e) => e,
    );
    expect(failure).toBeInstanceOf(AidpAuthError);
    expect(failure.message).toContain(
      `reading instance/region from the instance metadata service failed at http://127.0.0.1:${port}/opc/v2/instance/region`,
    );
    expect(failure.message).toContain("ECONNREFUSED");
    expect(failure.message).toContain("after 8 attempts");
  });

  it("fails at its bound when the metadata service never answers", async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket)); // accepts connections, never answers
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    closers.push(
      () =>
        new Promise((resolve) => {
          for (const socket of sockets) socket.destroy();
          silent.close(() => resolve());
        }),
    );
    const { port } = silent.address() as { port: number };
    const provider = instancePrincipalAuth({
      metadataBaseUrl: `http://127.0.0.1:${port}/opc/v2/`,
      timeoutMs: 300,
    });
    const failure = await provider
      .signRequest({ method: "GET", url: "https://x.example/", headers: new Headers() })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(AidpAuthError);
    expect(failure.message).toContain(`http://127.0.0.1:${port}/opc/v2/instance/region`);
    expect(failure.message).toContain("no answer within 300 ms");
  });

  it("names the federation step, address, status and the service's message, and nothing secret", async () => {
    const { identity, metadata, federation, service } = await fakes({ federationStatuses: [400] });
    const failure = await search(service, auth(metadata, federation)).catch((e) => e);
    expect(failure).toBeInstanceOf(AidpAuthError);
    expect(failure.message).toBe(
      `instance principal: federation (POST /v1/x509) failed at ${federation.url}/v1/x509: status 400: Unavailable: scripted status 400`,
    );
    for (const secret of [pemBody(identity.leaf.privateKeyPem), pemBody(identity.leaf.pem)]) {
      expect(failure.message).not.toContain(secret.slice(0, 40));
    }
  });

  it("retries a federation 503 and then succeeds", async () => {
    const { metadata, federation, service } = await fakes({ federationStatuses: [503] });
    expect((await search(service, auth(metadata, federation))).status).toBe(200);
    expect(federation.requests).toHaveLength(2);
  });
});
