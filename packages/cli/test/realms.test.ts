// `--region` and OCI_CLI_REGION go to the region's realm: eu-frankfurt-2 is in oc19, whose domain is
// oraclecloud.eu. The built `aidp` runs with every DNS lookup refused (./support/refuse-dns.mjs), so the test sees
// the host it would reach, in the --debug line and in the network error, and nothing leaves the machine.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { endAidpProcesses, runAidp } from "./support/run-aidp.ts";

afterEach(() => endAidpProcesses());

const refuseDns = fileURLToPath(new URL("./support/refuse-dns.mjs", import.meta.url));
const search = [
  "audit",
  "search-logs",
  "--instance-id",
  "ocid1.x",
  "--auth",
  "none",
  "--no-retry",
  "--debug",
];

async function searchIn(args: string[], env: Record<string, string> = {}) {
  return runAidp([...search, ...args], { env: { NODE_OPTIONS: `--import=${refuseDns}`, ...env } });
}

describe("the region's realm", () => {
  it.each([
    [["--region", "eu-frankfurt-2"], {}, "datalake.eu-frankfurt-2.oci.oraclecloud.eu", "eu-frankfurt-2"],
    [[], { OCI_CLI_REGION: "VLL" }, "datalake.eu-madrid-2.oci.oraclecloud.eu", "VLL"],
    [
      ["--region", "uk-gov-london-1"],
      {},
      "datalake.uk-gov-london-1.oci.oraclegovcloud.uk",
      "uk-gov-london-1",
    ],
    [
      ["--region", "xx-newcity-1"],
      { OCI_DEFAULT_REALM: "oraclecloud9.com" },
      "datalake.xx-newcity-1.oci.oraclecloud9.com",
      "xx-newcity-1",
    ],
  ])("%j %j reaches %s", async (args, env, host, region) => {
    const { code, stderr } = await searchIn(args, env);
    expect(stderr).toContain(`aidp debug: endpoint https://${host} (region ${region}), auth none`);
    expect(stderr).toContain(
      `aidp: network failure: searchAuditLogs failed: looking up ${host}:443: no such host (ENOTFOUND)`,
    );
    expect(code).toBe(4);
  });

  it("a region of ~/.oci/regions-config.json", async () => {
    const home = mkdtempSync(join(tmpdir(), "aidp-cli-realms-"));
    onTestFinished(() => rmSync(home, { recursive: true, force: true }));
    mkdirSync(join(home, ".oci"), { recursive: true });
    writeFileSync(
      join(home, ".oci", "regions-config.json"),
      JSON.stringify([
        {
          realmKey: "oc99",
          realmDomainComponent: "sovereign.example",
          regionKey: "zzz",
          regionIdentifier: "xx-sovereign-1",
        },
      ]),
    );
    const { code, stderr } = await searchIn(["--region", "zzz"], { HOME: home });
    expect(stderr).toContain(
      "aidp debug: endpoint https://datalake.xx-sovereign-1.oci.sovereign.example (region zzz)",
    );
    expect(code).toBe(4);
  });

  it("a region that is no region's name: exit 2 naming --region, nothing sent", async () => {
    const { code, stderr } = await searchIn(["--region", "US Ashburn"]);
    expect(stderr).toContain(
      "aidp: --region must be an OCI region identifier such as us-ashburn-1 or uk-gov-london-1 or a short code such as iad",
    );
    expect(stderr).not.toContain("attempt 1");
    expect(code).toBe(2);
  });
});
