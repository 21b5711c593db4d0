// Section 9: what a workload-identity provider adds to the first call (getting a session: metadata service and
// federation, the OKE proxymux, or the resource principal's files, plus a fresh RSA-2048 session key) over a call
// that reuses the session, against the identity fakes of @aidp/test-support on 127.0.0.1. Signing only, no
// service call: the difference is the provider's own cost.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AuthProvider,
  instancePrincipalAuth,
  okeWorkloadIdentityAuth,
  resourcePrincipalAuth,
} from "@aidp/client/node";
import * as signature from "@aidp/client/signature";
import { resourcePrincipalEnvironment } from "@aidp/test-support";
import { startFederationFake, startMetadataServiceFake, startProxymuxFake } from "@aidp/test-support/servers";
import { inRounds, medianOver } from "../measure/rounds.ts";
import { fixed, markdownTable } from "../report/markdown.ts";

const rounds = 9;
const request = () => ({
  method: "POST",
  url: "https://datalake.us-ashburn-1.oci.oraclecloud.com/20260430/x",
  headers: new Headers({ "content-type": "application/json" }),
  body: new TextEncoder().encode("{}"),
});

interface Run {
  firstMs: number;
  laterMs: number;
}

async function timeCalls(provider: AuthProvider): Promise<Run> {
  let started = performance.now();
  await provider.signRequest(request());
  const firstMs = performance.now() - started;
  started = performance.now();
  await provider.signRequest(request());
  return { firstMs, laterMs: performance.now() - started };
}

export async function workloadIdentitySection(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), "aidp-bench-identity-"));
  const serviceAccountToken = "bench-service-account-token";
  const [metadata, proxymux] = await Promise.all([
    startMetadataServiceFake(),
    startProxymuxFake({ serviceAccountToken }),
  ]);
  const federation = await startFederationFake({ signature, identity: metadata.identity });
  try {
    const caCertPath = join(directory, "ca.crt");
    const tokenPath = join(directory, "token");
    writeFileSync(caCertPath, proxymux.ca.pem);
    writeFileSync(tokenPath, serviceAccountToken);
    const resourceEnv = resourcePrincipalEnvironment();
    const providers: Record<string, () => AuthProvider> = {
      "instance principal (metadata service + federation)": () =>
        instancePrincipalAuth({ metadataBaseUrl: metadata.url, federationEndpoint: federation.url }),
      "resource principal 2.2 (values)": () => resourcePrincipalAuth({ env: resourceEnv }),
      "OKE workload identity (proxymux over TLS)": () =>
        okeWorkloadIdentityAuth({
          caCertPath,
          tokenPath,
          env: {
            KUBERNETES_SERVICE_HOST: proxymux.host,
            KUBERNETES_SERVICE_PORT_PROXYMUX: String(proxymux.port),
          },
        }),
    };
    const names = Object.keys(providers);
    const runs = await inRounds(names, rounds, (name) =>
      timeCalls((providers[name] as () => AuthProvider)()),
    );
    const rows = names.map((name) => {
      const all = runs.get(name) ?? [];
      const first = medianOver(all, (run) => run.firstMs);
      const later = medianOver(all, (run) => run.laterMs);
      return [name, fixed(first, 1), fixed(later, 2), fixed(first - later, 1)];
    });
    return [
      "## 9. Workload identity: the first call's added latency",
      "",
      `Signing one request with a new provider (first) and again (later), median of ${rounds} rounds, against the ` +
        "identity fakes of @aidp/test-support on 127.0.0.1 (the real services add their network round trips). " +
        "The first call of instance principal and OKE includes generating the RSA-2048 session key.",
      "",
      markdownTable(["provider", "first call ms", "later call ms", "added ms"], rows),
    ].join("\n");
  } finally {
    await Promise.all([metadata.close(), federation.close(), proxymux.close()]);
    rmSync(directory, { recursive: true, force: true });
  }
}
