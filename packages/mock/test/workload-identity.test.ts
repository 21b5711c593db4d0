// Code that signs as a workload identity, run against the mock with --verify-signatures: the mock checks `ST$`
// key ids with the session key in the token's `jwk` claim. Both @aidp/client's providers and Oracle's own
// (oci-common: instance principals, resource principal, OKE workload identity) get their tokens from the same
// fakes of the identity side, and both their signed calls verify.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AidpUnauthorizedError, createAidpClient, sessionTokenAuth } from "@aidp/client";
import {
  type AuthProvider,
  instancePrincipalAuth,
  okeWorkloadIdentityAuth,
  resourcePrincipalAuth,
} from "@aidp/client/node";
import * as signature from "@aidp/client/signature";
import { issueSessionToken } from "@aidp/test-support";
import {
  type FederationFake,
  type MetadataServiceFake,
  type ProxymuxFake,
  startFederationFake,
  startMetadataServiceFake,
  startProxymuxFake,
} from "@aidp/test-support/servers";
import {
  type AuthenticationDetailsProvider,
  DefaultRequestSigner,
  FetchHttpClient,
  InstancePrincipalsAuthenticationDetailsProviderBuilder,
  OkeWorkloadIdentityAuthenticationDetailsProvider,
  ResourcePrincipalAuthenticationDetailsProvider,
} from "oci-common";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../src/index.ts";
import { operations, validBodies } from "./support.ts";

const directory = mkdtempSync(join(tmpdir(), "aidp-mock-workload-identity-"));
const write = (name: string, content: string) => {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
};
const serviceAccountToken = "oke-service-account-token";
// The resource principal's session key and token, as OCI Functions would put them in the environment.
const resourceKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const resourceEnv = {
  OCI_RESOURCE_PRINCIPAL_VERSION: "2.2",
  OCI_RESOURCE_PRINCIPAL_RPST: write("rpst", issueSessionToken({ publicKey: resourceKeys.publicKey })),
  OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: write(
    "rp.pem",
    resourceKeys.privateKey.export({ type: "pkcs1", format: "pem" }) as string,
  ),
  OCI_RESOURCE_PRINCIPAL_REGION: "us-ashburn-1",
};

let mock: RunningMock;
let metadata: MetadataServiceFake;
let federation: FederationFake;
let proxymux: ProxymuxFake;
let caCertPath: string;
let tokenPath: string;
beforeAll(async () => {
  // Any key file: API-key key ids are looked up there; ST$ key ids are checked with the token's jwk.
  const unrelated = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
  const keyFile = write("unrelated.pem", unrelated.export({ type: "spki", format: "pem" }) as string);
  [mock, metadata, proxymux] = await Promise.all([
    startMock({ port: 0, verifySignatures: keyFile }),
    startMetadataServiceFake(),
    startProxymuxFake({ serviceAccountToken }),
  ]);
  federation = await startFederationFake({ signature, identity: metadata.identity });
  caCertPath = write("ca.crt", proxymux.ca.pem);
  tokenPath = write("token", serviceAccountToken);
});
afterAll(async () => {
  await Promise.all([mock?.stop(), metadata?.close(), federation?.close(), proxymux?.close()]);
  rmSync(directory, { recursive: true, force: true });
});

const okeEnv = () => ({
  KUBERNETES_SERVICE_HOST: proxymux.host,
  KUBERNETES_SERVICE_PORT_PROXYMUX: String(proxymux.port),
});

/** Runs `build` with `variables` in process.env (oci-common reads only there), then puts the env back. */
async function withEnv<T>(variables: Record<string, string>, build: () => T | Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await build();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe("@aidp/client's workload-identity providers against the verifying mock", () => {
  const providers: [string, () => AuthProvider][] = [
    [
      "instancePrincipalAuth",
      () => instancePrincipalAuth({ metadataBaseUrl: metadata.url, federationEndpoint: federation.url }),
    ],
    ["resourcePrincipalAuth", () => resourcePrincipalAuth({ env: resourceEnv })],
    ["okeWorkloadIdentityAuth", () => okeWorkloadIdentityAuth({ caCertPath, tokenPath, env: okeEnv() })],
  ];
  it.each(providers)("%s: its signed calls verify", async (_name, provider) => {
    const client = createAidpClient({ baseUrl: mock.url, auth: provider(), retry: false });
    const page = await client.searchAuditLogs({ aiDataPlatformId: "ocid1.x", limit: 3 });
    expect(page.items).toHaveLength(3);
  });

  it("refuses a session token whose jwk is not the signing key", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const client = createAidpClient({
      baseUrl: mock.url,
      retry: false,
      auth: resourcePrincipalAuth({
        env: {
          ...resourceEnv,
          OCI_RESOURCE_PRINCIPAL_RPST: issueSessionToken({ publicKey: other.publicKey }),
        },
      }),
    });
    const failure = await client.searchAuditLogs({ aiDataPlatformId: "ocid1.x" }).catch((e) => e);
    expect(failure).toBeInstanceOf(AidpUnauthorizedError);
    expect(failure.message).toContain('the signature does not verify with the public key of "ST$<redacted>"');
  });
});

describe("session-token signatures the mock refuses", () => {
  it("an expired token, even with its own key", async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const expired = issueSessionToken({
      publicKey: resourceKeys.publicKey,
      nowMs: (nowSeconds - 3600) * 1000,
      lifetimeSeconds: 60,
    });
    const client = createAidpClient({
      baseUrl: mock.url,
      retry: false,
      // sessionTokenAuth signs with whatever token it is given, so the mock's check is what is tested here.
      auth: sessionTokenAuth({
        token: expired,
        privateKey: resourceKeys.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      }),
    });
    const failure = await client.searchAuditLogs({ aiDataPlatformId: "ocid1.x" }).catch((e) => e);
    expect(failure).toBeInstanceOf(AidpUnauthorizedError);
    expect(failure.message).toContain("the session token expired at");
    expect(failure.message).not.toContain(expired.slice(0, 40));
  });
});

describe("oci-common's providers against the same fakes and the verifying mock", () => {
  async function searchWith(provider: AuthenticationDetailsProvider) {
    const client = new FetchHttpClient(new DefaultRequestSigner(provider));
    const response = await client.send({
      uri: `${mock.url}${operations.searchAuditLogs}?limit=2`,
      method: "POST",
      headers: new Headers({ "content-type": "application/json" }),
      body: JSON.stringify(validBodies.searchAuditLogs),
    });
    return { status: response.status, body: await response.json() };
  }

  it("InstancePrincipalsAuthenticationDetailsProviderBuilder (metadataBaseUrl, federationEndpoint)", async () => {
    const before = federation.checked.length;
    const builder = new InstancePrincipalsAuthenticationDetailsProviderBuilder();
    builder.metadataBaseUrl = metadata.url;
    builder.federationEndpoint = federation.url;
    const provider = await builder.build();
    const { status, body } = await searchWith(provider);
    expect(body.message).toBeUndefined();
    expect(status).toBe(200);
    expect(Array.isArray(body.items)).toBe(true);
    // oci-common's own federation form was accepted: fed-x509 with the SHA-1 fingerprint.
    const ours = federation.checked.slice(before);
    expect(ours.at(-1)?.verified).toBe(true);
    expect(ours.at(-1)?.keyId).toMatch(/\/fed-x509\/([0-9a-f]{2}:){19}[0-9a-f]{2}$/);
  });

  it("ResourcePrincipalAuthenticationDetailsProvider.builder()", async () => {
    const provider = await withEnv(resourceEnv, () =>
      ResourcePrincipalAuthenticationDetailsProvider.builder(),
    );
    const { status, body } = await searchWith(provider);
    expect(body.message).toBeUndefined();
    expect(status).toBe(200);
  });

  it("OkeWorkloadIdentityAuthenticationDetailsProvider.builder(ca, token)", async () => {
    const before = proxymux.requests.length;
    const provider = await withEnv(okeEnv(), () =>
      OkeWorkloadIdentityAuthenticationDetailsProvider.builder(caCertPath, tokenPath),
    );
    const { status, body } = await searchWith(provider);
    expect(body.message).toBeUndefined();
    expect(status).toBe(200);
    expect(proxymux.requests.length).toBeGreaterThan(before);
  });
});
