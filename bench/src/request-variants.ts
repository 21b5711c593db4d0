// The five ways of making one SearchAuditLogs-like call that the per-request benchmark compares. Each returns
// a function that sends one request to the local server and reads the whole answer.
import { generateKeyPairSync } from "node:crypto";
import { apiKeyAuth, createAidpClient } from "@aidp/client";
import type { paths } from "@aidp/types";
import { AiDataPlatformClient } from "oci-aidataplatform";
import { Region, SimpleAuthenticationDetailsProvider } from "oci-common";
import createClient from "openapi-fetch";

export const variantNames = [
  "raw fetch",
  "openapi-fetch",
  "@aidp/client unsigned",
  "@aidp/client signed",
  "OCI SDK signed",
] as const;
export type VariantName = (typeof variantNames)[number];

/** What one load run of a variant reports. */
export interface RequestLoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time (user + system) this client process spent per request: what the client itself costs, whatever
   * else the shared machine is doing. */
  cpuMicrosPerRequest: number;
}

export const aiDataPlatformId = "ocid1.aidataplatform.oc1.iad.bench";
export const searchAuditLogsPath = "/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs";
export const searchAuditLogsUrl = (baseUrl: string) =>
  `${baseUrl}${searchAuditLogsPath.replace("{aiDataPlatformId}", aiDataPlatformId)}`;

/** A throw-away identity: the key pair lives only in this process's memory. */
function throwawayIdentity() {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return {
    tenancy: "ocid1.tenancy.oc1..bench",
    user: "ocid1.user.oc1..bench",
    fingerprint: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
    privateKey,
  };
}

export function createVariant(name: VariantName, baseUrl: string): () => Promise<unknown> {
  switch (name) {
    case "raw fetch": {
      const url = searchAuditLogsUrl(baseUrl);
      return async () => {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        return response.json();
      };
    }
    case "openapi-fetch": {
      const client = createClient<paths>({ baseUrl });
      return () => client.POST(searchAuditLogsPath, { params: { path: { aiDataPlatformId } }, body: {} });
    }
    case "@aidp/client unsigned": {
      const aidp = createAidpClient({ baseUrl });
      return () => aidp.searchAuditLogs({ aiDataPlatformId });
    }
    case "@aidp/client signed": {
      const aidp = createAidpClient({ baseUrl, auth: apiKeyAuth(throwawayIdentity()) });
      return () => aidp.searchAuditLogs({ aiDataPlatformId });
    }
    case "OCI SDK signed": {
      // The OCI SDK has no SearchAuditLogs (it covers the control plane); listAiDataPlatforms is its closest
      // call: a signed, paginated list answered here with the same page bytes.
      const identity = throwawayIdentity();
      const provider = new SimpleAuthenticationDetailsProvider(
        identity.tenancy,
        identity.user,
        identity.fingerprint,
        identity.privateKey,
        null,
        Region.US_ASHBURN_1,
      );
      const client = new AiDataPlatformClient({ authenticationDetailsProvider: provider });
      client.endpoint = baseUrl;
      return () => client.listAiDataPlatforms({ compartmentId: "ocid1.compartment.oc1..bench" });
    }
  }
}
