// The built `aidp` signing as a workload identity, against the mock with --verify-signatures (it checks `ST$` key
// ids with the session key in the token's `jwk` claim, and answers 401 otherwise): a resource principal from OCI
// Functions' variables (`--auth` or OCI_CLI_AUTH), and an instance principal that asks the metadata service fake at
// OCI_METADATA_BASE_URL and federates at the federation fake (OCI_SDK_AUTH_CLIENT_REGION_URL, as the Go SDK).
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as signature from "@aidp/client/signature";
import { type RunningMock, startMock } from "@aidp/mock";
import { resourcePrincipalEnvironment } from "@aidp/test-support";
import {
  type FederationFake,
  type MetadataServiceFake,
  makeInstanceIdentity,
  startFederationFake,
  startMetadataServiceFake,
} from "@aidp/test-support/servers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { endAidpProcesses, runAidp } from "./support/run-aidp.ts";

const directory = mkdtempSync(join(tmpdir(), "aidp-cli-workload-identity-"));
const refuseDns = fileURLToPath(new URL("./support/refuse-dns.mjs", import.meta.url));
const RECORDS = 3;

let mock: RunningMock;
let metadata: MetadataServiceFake;
let federation: FederationFake;
beforeAll(async () => {
  // API-key key ids would be looked up in this file; ST$ key ids are checked with the token's jwk claim.
  const unrelated = join(directory, "unrelated.pem");
  writeFileSync(
    unrelated,
    generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }),
  );
  // The instance's region as the metadata service may answer it: a short code (fra: eu-frankfurt-1).
  const identity = makeInstanceIdentity({ region: "fra" });
  [mock, metadata, federation] = await Promise.all([
    startMock({ port: 0, records: RECORDS, verifySignatures: unrelated }),
    startMetadataServiceFake({ identity }),
    startFederationFake({ signature, identity }),
  ]);
});
afterEach(() => {
  endAidpProcesses();
  metadata.requests.length = 0;
  federation.checked.length = 0;
});
afterAll(async () => {
  await Promise.all([mock?.stop(), metadata?.close(), federation?.close()]);
  rmSync(directory, { recursive: true, force: true });
});

const search = (args: string[], env: Record<string, string>) =>
  runAidp(["audit", "search-logs", "--instance-id", "ocid1.x", "--no-retry", ...args], { env });

/** OCI Functions' variables, the key in a file; `tokenKey`: the token names another key than the one signing. */
const resourcePrincipal = (tokenKey?: KeyObject) =>
  resourcePrincipalEnvironment({ tokenKey, privateKeyFile: join(directory, "rp.pem") });

const recordsIn = (stdout: string) => (JSON.parse(stdout) as { items: unknown[] }).items.length;

describe("resource principal", () => {
  it.each([
    ["--auth resource_principal", ["--auth", "resource_principal"], {}],
    ["OCI_CLI_AUTH=resource_principal", [], { OCI_CLI_AUTH: "resource_principal" }],
  ])("%s: the mock verifies the ST$ signature", async (_, args, env) => {
    const { code, stdout, stderr } = await search(["--endpoint", mock.url, ...args], {
      ...resourcePrincipal(),
      ...env,
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(recordsIn(stdout)).toBe(RECORDS);
  });

  it("a token that names another key than the one signing: the mock refuses it, exit 3", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    const { code, stderr } = await search(
      ["--endpoint", mock.url, "--auth", "resource_principal"],
      resourcePrincipal(other),
    );
    expect(stderr).toMatch(/401/);
    expect(code).toBe(3);
  });

  it("the region from OCI_RESOURCE_PRINCIPAL_REGION: no --region needed", async () => {
    const { code, stderr } = await search(["--auth", "resource_principal", "--debug"], {
      ...resourcePrincipal(),
      NODE_OPTIONS: `--import=${refuseDns}`,
    });
    expect(stderr).toContain(
      "aidp debug: endpoint https://datalake.us-ashburn-1.oci.oraclecloud.com (region us-ashburn-1), auth resource principal",
    );
    expect(code).toBe(4);
  });
});

describe("instance principal", () => {
  const instanceEnvironment = () => ({
    OCI_METADATA_BASE_URL: metadata.url,
    OCI_SDK_AUTH_CLIENT_REGION_URL: federation.url,
  });

  it("--auth instance_principal asks the metadata service at OCI_METADATA_BASE_URL, federates, and the call verifies", async () => {
    const { code, stdout, stderr } = await search(
      ["--endpoint", mock.url, "--auth", "instance_principal"],
      instanceEnvironment(),
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(recordsIn(stdout)).toBe(RECORDS);
    expect(metadata.requests.map((request) => request.url).sort()).toEqual(
      ["identity/cert.pem", "identity/intermediate.pem", "identity/key.pem", "instance/region"].map(
        (file) => `/opc/v2/${file}`,
      ),
    );
    expect(metadata.requests.every((request) => request.headers.authorization === "Bearer Oracle")).toBe(
      true,
    );
    expect(federation.checked.map((check) => check.verified)).toEqual([true]);
  });

  it("without --region or --endpoint: the region the metadata service answers (a short code) sets the address", async () => {
    const { code, stderr } = await search(["--auth", "instance_principal", "--debug"], {
      ...instanceEnvironment(),
      NODE_OPTIONS: `--import=${refuseDns}`,
    });
    expect(stderr).toContain(
      "aidp debug: endpoint https://datalake.eu-frankfurt-1.oci.oraclecloud.com (region eu-frankfurt-1), auth instance principal",
    );
    expect(stderr).toContain(
      "looking up datalake.eu-frankfurt-1.oci.oraclecloud.com:443: no such host (ENOTFOUND)",
    );
    expect(federation.checked.map((check) => check.verified)).toEqual([true]);
    expect(code).toBe(4);
  });
});
