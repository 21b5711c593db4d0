// The identity side of the Authentication guide's workload-identity blocks: fakes of the instance metadata service,
// the federation endpoint and the OKE proxymux (from @aidp/test-support), and a resource principal's environment.
// The guide shows documented addresses; the run test swaps in the fakes', and gives each block this environment.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as signature from "@aidp/client/signature";
import { resourcePrincipalEnvironment } from "@aidp/test-support";
import { startFederationFake, startMetadataServiceFake, startProxymuxFake } from "@aidp/test-support/servers";

/** The addresses the guide shows for the metadata service and the federation endpoint. */
const DOCUMENTED_METADATA_URL = "http://127.0.0.1:4011/opc/v2/";
const DOCUMENTED_FEDERATION_URL = "http://127.0.0.1:4012";

export interface IdentityStandIns {
  /** Documented address, then the stand-in's. */
  replacements: [string, string][];
  /** Variables a block runs with: the resource principal's and the pod's. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the stand-ins; `workDir` (the blocks' working directory) receives the pod's `ca.crt` and `token`. */
export async function startIdentityStandIns(workDir: string): Promise<IdentityStandIns> {
  const serviceAccountToken = "guide-service-account-token";
  const [metadata, proxymux] = await Promise.all([
    startMetadataServiceFake(),
    startProxymuxFake({ serviceAccountToken }),
  ]);
  const federation = await startFederationFake({ signature, identity: metadata.identity });
  writeFileSync(join(workDir, "ca.crt"), proxymux.ca.pem);
  writeFileSync(join(workDir, "token"), serviceAccountToken);
  return {
    replacements: [
      [DOCUMENTED_METADATA_URL, metadata.url],
      [DOCUMENTED_FEDERATION_URL, federation.url],
    ],
    env: {
      ...resourcePrincipalEnvironment(),
      KUBERNETES_SERVICE_HOST: proxymux.host,
      KUBERNETES_SERVICE_PORT_PROXYMUX: String(proxymux.port),
    },
    close: async () => {
      await Promise.all([metadata.close(), federation.close(), proxymux.close()]);
    },
  };
}
