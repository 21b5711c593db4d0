// Signed runs from a temporary ~/.oci/config, checked by an independent signature verifier (@aidp/test-support's
// signature-checking server): the profile's key signs, OCI_CLI_PROFILE / OCI_CLI_CONFIG_FILE pick the profile,
// --auth picks the credentials, a wrong key gets 401 and exit 3, and --debug never shows the Authorization header
// or the key.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as signature from "@aidp/client/signature";
import {
  generateTestKeyPair,
  pemBody,
  TEST_IDENTITY,
  TEST_KEY_ID,
  TEST_PASSPHRASE,
} from "@aidp/test-support";
import { type SignatureCheckingServer, startSignatureCheckingServer } from "@aidp/test-support/servers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { endAidpProcesses, runAidp } from "./support/run-aidp.ts";

const keys = generateTestKeyPair();
const otherKeys = generateTestKeyPair();
const home = mkdtempSync(join(tmpdir(), "aidp-cli-signed-home-"));
const ociDir = join(home, ".oci");
mkdirSync(ociDir);
writeFileSync(join(ociDir, "key.pem"), keys.encryptedPkcs8, { mode: 0o600 });
writeFileSync(join(ociDir, "other.pem"), otherKeys.pkcs1, { mode: 0o600 });
writeFileSync(join(ociDir, "token"), "session-token-value\n");
const identity = [
  `user=${TEST_IDENTITY.user}`,
  `fingerprint=${TEST_IDENTITY.fingerprint}`,
  `tenancy=${TEST_IDENTITY.tenancy}`,
];
writeFileSync(
  join(ociDir, "config"),
  [
    "[DEFAULT]",
    ...identity,
    "key_file=~/.oci/key.pem",
    `pass_phrase=${TEST_PASSPHRASE}`,
    "region=us-ashburn-1",
    "[WRONG_KEY]",
    "key_file=~/.oci/other.pem",
    "[SESSION]",
    "security_token_file=~/.oci/token",
  ].join("\n"),
);
const elsewhere = join(home, "elsewhere-config");
writeFileSync(
  elsewhere,
  ["[CI]", ...identity, `key_file=${join(ociDir, "key.pem")}`, `pass_phrase=${TEST_PASSPHRASE}`].join("\n"),
);

let server: SignatureCheckingServer;
beforeAll(async () => {
  server = await startSignatureCheckingServer(signature, keys.publicKey);
});
afterEach(() => {
  endAidpProcesses();
  server.checked.length = 0;
});
afterAll(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

const search = (flags: string[], env: Record<string, string> = {}) =>
  runAidp(["audit", "search-logs", "--endpoint", server.url, "--instance-id", "ocid1.x", ...flags], {
    env: { HOME: home, ...env },
  });

describe("signed with the OCI config file", () => {
  it("the DEFAULT profile of ~/.oci/config signs (encrypted key, pass_phrase), and the signature verifies", async () => {
    const { code, stderr } = await search([]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(server.checked).toMatchObject([{ verified: true, keyId: TEST_KEY_ID }]);
  });

  it("OCI_CLI_CONFIG_FILE and OCI_CLI_PROFILE choose another file and profile", async () => {
    const { code } = await search([], { OCI_CLI_CONFIG_FILE: elsewhere, OCI_CLI_PROFILE: "CI" });
    expect(code).toBe(0);
    expect(server.checked).toMatchObject([{ verified: true, keyId: TEST_KEY_ID }]);
  });

  it("a wrong key: the service answers 401, exit 3 naming 401", async () => {
    const { code, stdout, stderr } = await search(["--profile", "WRONG_KEY", "--no-retry"]);
    expect(code).toBe(3);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/failed with 401/);
    expect(server.checked).toMatchObject([{ verified: false }]);
  });

  it("--auth security_token signs with the profile's session token, --auth api_key with its API key", async () => {
    // [SESSION] has a security_token_file; its other values fall back to [DEFAULT]'s.
    expect((await search(["--profile", "SESSION", "--auth", "security_token"])).code).toBe(0);
    expect((await search(["--profile", "SESSION", "--auth", "api_key"])).code).toBe(0);
    expect(server.checked).toMatchObject([
      { verified: true, keyId: "ST$session-token-value" },
      { verified: true, keyId: TEST_KEY_ID },
    ]);
  });

  it("--debug shows one line per attempt and never the Authorization header, the key or the passphrase", async () => {
    const { code, stderr } = await search(["--debug", "--profile", "WRONG_KEY", "--max-retries", "0"]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/aidp debug: searchAuditLogs attempt 1: 401/);
    for (const secret of [
      "Signature",
      "signature=",
      "keyId",
      TEST_PASSPHRASE,
      pemBody(keys.encryptedPkcs8),
      pemBody(otherKeys.pkcs1),
      "session-token-value",
    ])
      expect(stderr).not.toContain(secret);
  });
});
