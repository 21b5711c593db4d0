// A client made with an auth provider and neither `baseUrl` nor `region` goes to the provider's region: an instance
// principal's is read from the metadata service (a short code such as `iad` becomes its region identifier) before
// the first request; a resource principal's is OCI_RESOURCE_PRINCIPAL_REGION. The regional host cannot be reached
// from a test, so the client's `fetch` stands in for DNS only: it sends each request, Host header and all, to a
// local service that verifies its `ST$` signature, and records the URL the client asked for.
import { request as httpRequest } from "node:http";
import { resourcePrincipalEnvironment } from "@aidp/test-support";
import { closedPort, type FederationFake, type MetadataServiceFake } from "@aidp/test-support/servers";
import { afterEach, describe, expect, it } from "vitest";
import {
  AidpAuthError,
  createAidpClient,
  instancePrincipalAuth,
  resourcePrincipalAuth,
} from "../../src/auth/node/index.ts";
import { createAidpClient as createWebClient } from "../../src/index.ts";
import { startInstanceIdentityFakes } from "./instance-identity-fakes.ts";
import { type SessionTokenService, startSessionTokenService } from "./session-token-service.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A fetch that resolves every host to `service` (as DNS would), keeping the Host the request was signed for. */
function routedTo(service: SessionTokenService, asked: string[]): typeof fetch {
  const target = new URL(service.url);
  return async (input, init) => {
    const request = new Request(input, init);
    asked.push(request.url);
    const url = new URL(request.url);
    const body = Buffer.from(await request.arrayBuffer());
    const headers = { ...Object.fromEntries(request.headers), host: url.host };
    return new Promise<Response>((resolve, reject) => {
      const sent = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: `${url.pathname}${url.search}`,
          headers: { ...headers, "content-length": String(body.length) },
          signal: request.signal,
        },
        async (answer) => {
          const chunks: Buffer[] = [];
          for await (const chunk of answer) chunks.push(chunk as Buffer);
          resolve(
            new Response(Buffer.concat(chunks), {
              status: answer.statusCode ?? 0,
              headers: answer.headers as Record<string, string>,
            }),
          );
        },
      );
      sent.on("error", reject);
      sent.end(body);
    });
  };
}

const instanceFakes = (region: string) => startInstanceIdentityFakes(closers, { identity: { region } });

const instanceAuth = (metadata: MetadataServiceFake, federation: FederationFake) =>
  instancePrincipalAuth({ metadataBaseUrl: metadata.url, federationEndpoint: federation.url });

const ASHBURN_SEARCH =
  "https://datalake.us-ashburn-1.oci.oraclecloud.com/20260430/aiDataPlatforms/ocid1.x/actions/searchAuditLogs";

describe("a client without baseUrl or region", () => {
  it.each([
    ["createAidpClient of @aidp/client/node", createAidpClient],
    ["createAidpClient of @aidp/client", createWebClient],
  ])(
    "%s, instance principal: the region from the metadata service (a short code), read once",
    async (_, create) => {
      const { metadata, federation, service } = await instanceFakes("iad");
      const auth = instanceAuth(metadata, federation);
      const asked: string[] = [];
      const client = create({ auth, fetch: routedTo(service, asked), retry: false });
      expect(metadata.requests).toHaveLength(0); // nothing is read before the first call

      for (const limit of [1, 2]) await client.searchAuditLogs({ aiDataPlatformId: "ocid1.x", limit });
      expect(asked).toEqual([`${ASHBURN_SEARCH}?limit=1`, `${ASHBURN_SEARCH}?limit=2`]);
      expect(service.checked.map((check) => check.verified)).toEqual([true, true]);
      expect(service.requests.map((request) => request.headers.host)).toEqual([
        "datalake.us-ashburn-1.oci.oraclecloud.com",
        "datalake.us-ashburn-1.oci.oraclecloud.com",
      ]);
      expect(metadata.requests.filter((request) => request.url.endsWith("instance/region"))).toHaveLength(1);
      expect(auth.region).toBe("us-ashburn-1");
    },
  );

  it("instance principal: the region's realm decides the domain (eu-frankfurt-2 is in oraclecloud.eu)", async () => {
    const { metadata, federation, service } = await instanceFakes("eu-frankfurt-2");
    const asked: string[] = [];
    const client = createAidpClient({
      auth: instanceAuth(metadata, federation),
      fetch: routedTo(service, asked),
    });
    await client.searchAuditLogs({ aiDataPlatformId: "ocid1.x" });
    expect(new URL(asked[0] ?? "").host).toBe("datalake.eu-frankfurt-2.oci.oraclecloud.eu");
  });

  it("instance principal: a metadata service that cannot be reached fails the call, naming its address", async () => {
    const service = await startSessionTokenService();
    closers.push(service.close);
    const port = await closedPort();
    const asked: string[] = [];
    const client = createAidpClient({
      auth: instancePrincipalAuth({
        metadataBaseUrl: `http://127.0.0.1:${port}/opc/v2/`,
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
      }),
      fetch: routedTo(service, asked),
    });
    const failure = await client.searchAuditLogs({ aiDataPlatformId: "ocid1.x" }).catch((error) => error);
    expect(failure).toBeInstanceOf(AidpAuthError);
    expect(failure.message).toContain(`http://127.0.0.1:${port}/opc/v2/instance/region`);
    expect(asked).toEqual([]);
  });

  it("resource principal: OCI_RESOURCE_PRINCIPAL_REGION, known at once", async () => {
    const service = await startSessionTokenService();
    closers.push(service.close);
    const auth = resourcePrincipalAuth({ env: resourcePrincipalEnvironment({ region: "uk-gov-london-1" }) });
    const asked: string[] = [];
    const client = createAidpClient({ auth, fetch: routedTo(service, asked) });
    await client.searchAuditLogs({ aiDataPlatformId: "ocid1.x" });
    expect(new URL(asked[0] ?? "").host).toBe("datalake.uk-gov-london-1.oci.oraclegovcloud.uk");
    expect(service.checked).toEqual([expect.objectContaining({ verified: true })]);
  });
});
