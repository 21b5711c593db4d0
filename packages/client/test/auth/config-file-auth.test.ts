// configFileAuth against real temp files: which values it takes, and that every problem is an AidpAuthError
// naming the file, line, profile and key, without ever showing the passphrase, token or key material.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  generateTestKeyPair,
  pemBody,
  TEST_IDENTITY,
  TEST_KEY_ID,
  TEST_PASSPHRASE,
} from "@aidp/test-support";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { AidpAuthError } from "../../src/auth/index.ts";
import { configFileAuth } from "../../src/auth/node/index.ts";
import { parseAuthorization } from "../../src/signature.ts";

const keys = generateTestKeyPair();
const dir = mkdtempSync(join(tmpdir(), "aidp-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
});

const files = {
  plainKey: join(dir, "plain.pem"),
  encryptedKey: join(dir, "encrypted.pem"),
  token: join(dir, "token"),
};
writeFileSync(files.plainKey, keys.pkcs1);
writeFileSync(files.encryptedKey, keys.encryptedPkcs8);
writeFileSync(files.token, "token-from-file\n");

let configCount = 0;
function writeConfig(lines: string[]): string {
  const path = join(dir, `config-${++configCount}`);
  writeFileSync(path, lines.join("\n"));
  return path;
}

const apiKeyLines = (keyFile: string) => [
  `user = ${TEST_IDENTITY.user}`,
  `fingerprint = ${TEST_IDENTITY.fingerprint}`,
  `tenancy = ${TEST_IDENTITY.tenancy}`,
  `key_file = ${keyFile}`,
];

async function keyIdOf(auth: ReturnType<typeof configFileAuth>): Promise<string> {
  const headers = await auth.signRequest({
    method: "GET",
    url: "https://example.test/a",
    headers: new Headers(),
  });
  return parseAuthorization(headers.get("authorization") ?? "").keyId;
}

/** Runs `create`, expects an AidpAuthError, and checks that no secret is in its message or JSON. */
function authError(create: () => unknown): AidpAuthError {
  let caught: unknown;
  try {
    create();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AidpAuthError);
  const error = caught as AidpAuthError;
  const shown = `${error.message} ${String(error)} ${JSON.stringify(error)}`;
  for (const secret of [
    TEST_PASSPHRASE,
    "wrong-passphrase",
    pemBody(keys.pkcs1),
    pemBody(keys.encryptedPkcs8),
  ]) {
    expect(shown).not.toContain(secret);
  }
  return error;
}

describe("configFileAuth reads the OCI config file", () => {
  it("reads the DEFAULT profile: API key identity, region, PKCS#1 key", async () => {
    const path = writeConfig([
      "# comment",
      "; another",
      "[DEFAULT]",
      ...apiKeyLines(files.plainKey),
      "region=eu-frankfurt-1",
    ]);
    const auth = configFileAuth({ path });
    expect(auth.region).toBe("eu-frankfurt-1");
    expect(await keyIdOf(auth)).toBe(TEST_KEY_ID);
  });

  it("takes a named profile, falling back to DEFAULT for the values it does not set", async () => {
    const path = writeConfig([
      "[DEFAULT]",
      ...apiKeyLines(files.plainKey),
      "region=eu-frankfurt-1",
      "",
      "[PROD]",
      "user=ocid1.user.oc1..prod",
      `key_file=${files.encryptedKey}`,
      `pass_phrase=${TEST_PASSPHRASE}`,
    ]);
    const auth = configFileAuth({ path, profile: "PROD" });
    expect(auth.region).toBe("eu-frankfurt-1");
    expect(await keyIdOf(auth)).toBe(
      `${TEST_IDENTITY.tenancy}/ocid1.user.oc1..prod/${TEST_IDENTITY.fingerprint}`,
    );
  });

  it("expands ~ in key_file and in the config path", async () => {
    vi.stubEnv("HOME", dir);
    writeFileSync(join(dir, "config"), ["[DEFAULT]", ...apiKeyLines("~/plain.pem")].join("\n"));
    expect(await keyIdOf(configFileAuth({ path: "~/config" }))).toBe(TEST_KEY_ID);
  });

  it("uses session token auth when security_token_file is set, trimming the token and re-reading it", async () => {
    const path = writeConfig([
      "[DEFAULT]",
      `key_file=${files.plainKey}`,
      `security_token_file=${files.token}`,
    ]);
    const auth = configFileAuth({ path });
    expect(await keyIdOf(auth)).toBe("ST$token-from-file");
    writeFileSync(files.token, "refreshed-token");
    expect(await keyIdOf(auth)).toBe("ST$refreshed-token");
  });

  it("authType chooses the credentials: api_key ignores security_token_file, security_token requires it", async () => {
    writeFileSync(files.token, "token-from-file\n");
    const both = writeConfig([
      "[DEFAULT]",
      ...apiKeyLines(files.plainKey),
      `security_token_file=${files.token}`,
    ]);
    expect(await keyIdOf(configFileAuth({ path: both, authType: "api_key" }))).toBe(TEST_KEY_ID);
    expect(await keyIdOf(configFileAuth({ path: both, authType: "security_token" }))).toBe(
      "ST$token-from-file",
    );
    const apiKeyOnly = writeConfig(["[DEFAULT]", ...apiKeyLines(files.plainKey)]);
    const error = authError(() => configFileAuth({ path: apiKeyOnly, authType: "security_token" }));
    expect(error.message).toContain("required key `security_token_file` is missing");
  });
});

describe("configFileAuth reports problems with the file and line, never the secrets", () => {
  it("a malformed line", () => {
    const path = writeConfig(["[DEFAULT]", ...apiKeyLines(files.plainKey), `${TEST_PASSPHRASE}`]);
    const error = authError(() => configFileAuth({ path }));
    expect(error.message).toBe(
      `malformed line: expected \`[PROFILE]\`, \`key = value\` or a \`#\` comment (${path}:6)`,
    );
    expect(error).toMatchObject({ file: path, line: 6 });
  });

  it("a key before any profile header", () => {
    const path = writeConfig(["", `user=${TEST_IDENTITY.user}`]);
    expect(authError(() => configFileAuth({ path })).message).toBe(
      `\`user\` comes before any [PROFILE] header (${path}:2, key user)`,
    );
  });

  it("a wrong passphrase, pointing at the pass_phrase line", () => {
    const path = writeConfig([
      "[DEFAULT]",
      ...apiKeyLines(files.encryptedKey),
      "pass_phrase = wrong-passphrase",
    ]);
    const error = authError(() => configFileAuth({ path }));
    expect(error.message).toBe(
      `cannot decrypt the private key ${files.encryptedKey}: the passphrase is wrong (${path}:6, profile [DEFAULT], key pass_phrase)`,
    );
  });

  it("an encrypted key without pass_phrase", () => {
    const path = writeConfig(["[DEFAULT]", ...apiKeyLines(files.encryptedKey)]);
    expect(authError(() => configFileAuth({ path })).message).toBe(
      `the private key ${files.encryptedKey} is encrypted but no passphrase was given (${path}:5, profile [DEFAULT], key key_file)`,
    );
  });

  it("a missing key file", () => {
    const missing = join(dir, "nope.pem");
    const path = writeConfig(["[DEFAULT]", ...apiKeyLines(missing)]);
    expect(authError(() => configFileAuth({ path })).message).toBe(
      `cannot read the private key file ${missing}: it does not exist (${path}:5, profile [DEFAULT], key key_file)`,
    );
  });

  it("a missing required key, naming the profile it was looked for in", () => {
    const path = writeConfig(["[DEFAULT]", `key_file=${files.plainKey}`, "", "[DEV]", "user=u", "tenancy=t"]);
    expect(authError(() => configFileAuth({ path, profile: "DEV" })).message).toBe(
      `required key \`fingerprint\` is missing (${path}:4, profile [DEV], key fingerprint)`,
    );
  });

  it("an empty value, naming the profile it came from (here the DEFAULT fallback)", () => {
    const path = writeConfig(["[DEFAULT]", ...apiKeyLines(files.plainKey), "region =", "[DEV]", "user=u"]);
    expect(authError(() => configFileAuth({ path, profile: "DEV" })).message).toBe(
      `\`region\` is empty (${path}:6, profile [DEFAULT], key region)`,
    );
  });

  it("an unknown profile is an error listing the profiles (never silently another identity)", () => {
    const path = writeConfig(["[DEFAULT]", ...apiKeyLines(files.plainKey), "[DEV]", "user=u"]);
    expect(authError(() => configFileAuth({ path, profile: "PROD" })).message).toBe(
      `no profile [PROD] in the OCI config file; it has: [DEFAULT], [DEV] (${path}, profile [PROD])`,
    );
  });

  it("a missing config file: named in the message and as the error's file", () => {
    const path = join(dir, "no-config");
    const error = authError(() => configFileAuth({ path }));
    expect(error.message).toBe(`cannot read the OCI config file: it does not exist (${path})`);
    expect(error.file).toBe(path);
  });

  it("a key file that is not a private key", () => {
    const notAKey = join(dir, "not-a-key.pem");
    writeFileSync(notAKey, "hello");
    const path = writeConfig(["[DEFAULT]", ...apiKeyLines(notAKey)]);
    expect(authError(() => configFileAuth({ path })).message).toBe(
      `the private key ${notAKey} is not a valid PEM private key (PKCS#1 or PKCS#8) (${path}:5, profile [DEFAULT], key key_file)`,
    );
  });
});
