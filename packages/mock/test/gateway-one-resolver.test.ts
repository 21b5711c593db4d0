// The built `aidp-mock` gateway takes its upstream region and its credentials from @aidp/client/node's one
// resolver, as `aidp` does: `--upstream-region eu-frankfurt-2` goes to oraclecloud.eu (oc19), and the config-less
// OCI_CLI_* variables sign what it forwards, checked by a second mock started with --verify-signatures.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateTestKeyPair, type StartedProcess, startProcess, TEST_IDENTITY } from "@aidp/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../src/index.ts";
import { distDir } from "./processes.ts";
import { call } from "./support.ts";

const cli = new URL("cli.js", distDir).pathname;
const home = mkdtempSync(join(tmpdir(), "aidp-gateway-resolver-"));
const keys = generateTestKeyPair();
const publicKeyFile = join(home, "public.pem");
writeFileSync(publicKeyFile, keys.publicKey.export({ type: "spki", format: "pem" }) as string);
const keyFile = join(home, "key.pem");
writeFileSync(keyFile, keys.pkcs8, { mode: 0o600 });

let verifying: RunningMock;
beforeAll(async () => {
  verifying = await startMock({ port: 0, records: 3, verifySignatures: publicKeyFile });
});
const gateways: StartedProcess[] = [];
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.stop()));
});
afterAll(async () => {
  await verifying?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** The gateway with only these variables (a HOME without ~/.oci, no OCI_CLI_* of the machine). */
async function startGateway(args: string[], env: Record<string, string> = {}) {
  const gateway = startProcess(process.execPath, [cli, "--port", "0", ...args], {
    name: "aidp-mock",
    env: { PATH: process.env.PATH ?? "", HOME: home, ...env },
  });
  gateways.push(gateway);
  const [, url] = await gateway.waitForLine(/^AIDP mock listening on (http:\/\/127\.0\.0\.1:\d+)$/, {
    timeoutMs: 30_000,
    what: "the gateway to listen",
  });
  return { gateway, url: url as string };
}

const configLess = {
  OCI_CLI_USER: TEST_IDENTITY.user,
  OCI_CLI_TENANCY: TEST_IDENTITY.tenancy,
  OCI_CLI_FINGERPRINT: TEST_IDENTITY.fingerprint,
};

describe("the gateway's one resolver", () => {
  it.each([
    ["eu-frankfurt-2", "https://datalake.eu-frankfurt-2.oci.oraclecloud.eu"],
    ["ap-chiyoda-1", "https://datalake.ap-chiyoda-1.oci.oraclecloud8.com"],
  ])("--upstream-region %s forwards to %s", async (region, upstream) => {
    const { gateway } = await startGateway(["--upstream-region", region, "--auth", "none"]);
    await gateway.waitForLine(/^Gateway to /, { timeoutMs: 10_000, what: "the gateway's upstream line" });
    expect(gateway.stderr()).toContain(`Gateway to ${upstream};`);
  });

  it("config-less OCI_CLI_* variables sign the forwarded requests: the verifying mock accepts them", async () => {
    const { url } = await startGateway(["--upstream", verifying.url], {
      ...configLess,
      OCI_CLI_KEY_FILE: keyFile,
    });
    const answer = await call(url, "searchAuditLogs", { body: {} }); // no filter: all 3 seeded records
    expect(answer.status).toBe(200);
    expect(answer.body.items).toHaveLength(3);
  });

  it("OCI_CLI_KEY_CONTENT with another key: the verifying mock refuses it (the variables are really used)", async () => {
    const { url } = await startGateway(["--upstream", verifying.url], {
      ...configLess,
      OCI_CLI_KEY_CONTENT: generateTestKeyPair().pkcs8,
    });
    expect((await call(url, "searchAuditLogs")).status).toBe(401);
  });
});
