// resolveAuth, the one place the CLI and the gateway choose credentials, table-driven over settings, OCI_CLI_*
// variables and real config and key files: each case signs a request, and the signature is verified with the
// public key of the key the case should have used (a wrong choice fails the check or has another keyId).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
import { AidpAuthError } from "../../src/auth/auth-error.ts";
import { type ResolveAuthOptions, resolveAuth } from "../../src/auth/node/index.ts";
import type { AuthProvider } from "../../src/auth/types.ts";
import { importPublicKeyPem, parseAuthorization, verifyRequestSignature } from "../../src/signature.ts";

const dir = mkdtempSync(join(tmpdir(), "aidp-resolve-auth-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const configKeys = generateTestKeyPair();
const variableKeys = generateTestKeyPair();
const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const configKeyFile = write("config-key.pem", configKeys.pkcs1);
const variableKeyFile = write("variable-key.pem", variableKeys.pkcs8);
const tokenFile = write("token", "session-token-value\n");
const configFile = write(
  "config",
  [
    "[DEFAULT]",
    `user=${TEST_IDENTITY.user}`,
    `fingerprint=${TEST_IDENTITY.fingerprint}`,
    `tenancy=${TEST_IDENTITY.tenancy}`,
    `key_file=${configKeyFile}`,
    "region=eu-frankfurt-2",
    "[OTHER]",
    "user=ocid1.user.oc1..other",
    "[SESSION]",
    `security_token_file=${tokenFile}`,
    "",
  ].join("\n"),
);
const otherConfigFile = write(
  "other-config",
  [
    "[DEFAULT]",
    "user=ocid1.user.oc1..elsewhere",
    `fingerprint=f`,
    `tenancy=t`,
    `key_file=${configKeyFile}`,
  ].join("\n"),
);

const configLess = {
  OCI_CLI_USER: "ocid1.user.oc1..ci",
  OCI_CLI_TENANCY: "ocid1.tenancy.oc1..ci",
  OCI_CLI_FINGERPRINT: "11:22:33",
};
const CONFIG_LESS_KEY_ID = "ocid1.tenancy.oc1..ci/ocid1.user.oc1..ci/11:22:33";

/** Signs a request with `provider` and verifies it with `keys`' public key; returns the keyId. */
async function signedKeyId(provider: AuthProvider | undefined, keys: typeof configKeys): Promise<string> {
  if (!provider) throw new Error("no provider");
  const url = "https://datalake.eu-frankfurt-2.oci.oraclecloud.eu/20260430/x?limit=1";
  const headers = await provider.signRequest({ method: "GET", url, headers: new Headers() });
  await verifyRequestSignature(
    {
      method: "GET",
      target: "/20260430/x?limit=1",
      body: new Uint8Array(),
      header: (name) => (name === "host" ? new URL(url).host : (headers.get(name) ?? undefined)),
    },
    { publicKey: await importPublicKeyPem(keys.publicKey.export({ type: "spki", format: "pem" }) as string) },
  );
  return parseAuthorization(headers.get("authorization") ?? "").keyId;
}

describe("resolveAuth picks the credentials as the OCI CLI does", () => {
  it.each<[string, ResolveAuthOptions, string | undefined, string, typeof configKeys, string | undefined]>([
    [
      "the config file's DEFAULT profile",
      { configFile },
      undefined,
      TEST_KEY_ID,
      configKeys,
      "eu-frankfurt-2",
    ],
    [
      "OCI_CLI_CONFIG_FILE",
      { env: { OCI_CLI_CONFIG_FILE: configFile } },
      undefined,
      TEST_KEY_ID,
      configKeys,
      "eu-frankfurt-2",
    ],
    [
      "configFile over OCI_CLI_CONFIG_FILE",
      { configFile, env: { OCI_CLI_CONFIG_FILE: otherConfigFile } },
      undefined,
      TEST_KEY_ID,
      configKeys,
      "eu-frankfurt-2",
    ],
    [
      "OCI_CLI_PROFILE",
      { configFile, env: { OCI_CLI_PROFILE: "OTHER" } },
      undefined,
      `${TEST_IDENTITY.tenancy}/ocid1.user.oc1..other/${TEST_IDENTITY.fingerprint}`,
      configKeys,
      "eu-frankfurt-2",
    ],
    [
      "profile over OCI_CLI_PROFILE",
      { configFile, profile: "DEFAULT", env: { OCI_CLI_PROFILE: "OTHER" } },
      undefined,
      TEST_KEY_ID,
      configKeys,
      "eu-frankfurt-2",
    ],
    [
      "a security_token_file in the profile",
      { configFile, profile: "SESSION" },
      undefined,
      "ST$session-token-value",
      configKeys,
      "eu-frankfurt-2",
    ],
    [
      "--auth api_key ignores the profile's token",
      { configFile, profile: "SESSION", auth: "api_key" },
      "api_key",
      TEST_KEY_ID,
      configKeys,
      "eu-frankfurt-2",
    ],
    [
      "config-less OCI_CLI_KEY_FILE",
      { env: { ...configLess, OCI_CLI_KEY_FILE: variableKeyFile, OCI_CLI_REGION: "us-ashburn-1" } },
      "api_key",
      CONFIG_LESS_KEY_ID,
      variableKeys,
      "us-ashburn-1",
    ],
    [
      "config-less before the config file",
      { configFile, env: { ...configLess, OCI_CLI_KEY_FILE: variableKeyFile } },
      "api_key",
      CONFIG_LESS_KEY_ID,
      variableKeys,
      undefined,
    ],
    [
      "config-less with region",
      {
        region: "me-dcc-doha-1",
        env: { ...configLess, OCI_CLI_KEY_FILE: variableKeyFile, OCI_CLI_REGION: "us-ashburn-1" },
      },
      "api_key",
      CONFIG_LESS_KEY_ID,
      variableKeys,
      "me-dcc-doha-1",
    ],
    [
      "config-less OCI_CLI_KEY_CONTENT, line breaks as \\n",
      { env: { ...configLess, OCI_CLI_KEY_CONTENT: variableKeys.pkcs1.replaceAll("\n", "\\n") } },
      "api_key",
      CONFIG_LESS_KEY_ID,
      variableKeys,
      undefined,
    ],
    [
      "config-less encrypted key with OCI_CLI_PASSPHRASE",
      {
        env: {
          ...configLess,
          OCI_CLI_KEY_CONTENT: variableKeys.encryptedPkcs8,
          OCI_CLI_PASSPHRASE: TEST_PASSPHRASE,
        },
      },
      "api_key",
      CONFIG_LESS_KEY_ID,
      variableKeys,
      undefined,
    ],
    [
      "OCI_CLI_AUTH=security_token: the profile, not the variables",
      {
        configFile,
        profile: "SESSION",
        env: { ...configLess, OCI_CLI_KEY_FILE: variableKeyFile, OCI_CLI_AUTH: "security_token" },
      },
      "security_token",
      "ST$session-token-value",
      configKeys,
      "eu-frankfurt-2",
    ],
  ])("%s", async (_, options, authType, keyId, keys, region) => {
    const resolved = resolveAuth({ env: {}, ...options });
    expect(resolved.authType).toBe(authType);
    expect(resolved.provider?.region).toBe(region);
    expect(await signedKeyId(resolved.provider, keys)).toBe(keyId);
  });

  it("auth none (or OCI_CLI_AUTH=none) signs nothing, whatever else is set", () => {
    expect(resolveAuth({ auth: "none", configFile: "/nonexistent" })).toMatchObject({
      authType: "none",
      provider: undefined,
    });
    expect(resolveAuth({ env: { OCI_CLI_AUTH: "none", ...configLess } }).provider).toBeUndefined();
  });

  it("an auth type in any case (OCI_CLI_AUTH=NONE, auth API_KEY), as the command line's enum values", async () => {
    expect(resolveAuth({ env: { OCI_CLI_AUTH: "NONE", ...configLess } })).toMatchObject({
      authType: "none",
      provider: undefined,
    });
    const resolved = resolveAuth({ auth: "API_Key", configFile });
    expect(resolved.authType).toBe("api_key");
    expect(await signedKeyId(resolved.provider, configKeys)).toBe(TEST_KEY_ID);
  });

  it('an empty setting the credentials do not use is not looked at (auth none, config file "")', () => {
    expect(resolveAuth({ auth: "none", configFile: "", profile: "", region: "" }).provider).toBeUndefined();
  });

  it("--auth over OCI_CLI_AUTH", async () => {
    const resolved = resolveAuth({ auth: "api_key", configFile, env: { OCI_CLI_AUTH: "none" } });
    expect(await signedKeyId(resolved.provider, configKeys)).toBe(TEST_KEY_ID);
  });
});

describe("resolveAuth's errors name the setting and never show a secret", () => {
  function authError(options: ResolveAuthOptions): AidpAuthError {
    let caught: unknown;
    try {
      resolveAuth({ env: {}, ...options });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AidpAuthError);
    const shown = `${(caught as Error).message} ${JSON.stringify(caught)}`;
    for (const secret of [
      pemBody(variableKeys.pkcs8),
      pemBody(variableKeys.encryptedPkcs8),
      TEST_PASSPHRASE,
      "wrong horse",
    ])
      expect(shown).not.toContain(secret);
    return caught as AidpAuthError;
  }

  it.each<[string, ResolveAuthOptions, string]>([
    [
      "an unknown --auth",
      { auth: "password", settingNames: { auth: "--auth" } },
      '--auth must be one of api_key, security_token, instance_principal, resource_principal, oke_workload_identity, none, got "password"',
    ],
    [
      "an unknown OCI_CLI_AUTH",
      { env: { OCI_CLI_AUTH: "password" }, settingNames: { auth: "--auth" } },
      'OCI_CLI_AUTH must be one of api_key, security_token, instance_principal, resource_principal, oke_workload_identity, none, got "password"',
    ],
    [
      "some config-less variables",
      { env: { OCI_CLI_USER: "u" } },
      "config-less auth needs OCI_CLI_USER, OCI_CLI_TENANCY, OCI_CLI_FINGERPRINT and OCI_CLI_KEY_FILE (or OCI_CLI_KEY_CONTENT); missing: OCI_CLI_TENANCY, OCI_CLI_FINGERPRINT, OCI_CLI_KEY_FILE",
    ],
    [
      "an OCI_CLI_USER with a line break (it would start another header after the Authorization header's)",
      {
        env: { ...configLess, OCI_CLI_USER: "ocid1.user\r\nX-Injected: yes", OCI_CLI_KEY_CONTENT: "unused" },
      },
      "OCI_CLI_USER must not hold a control character (such as CR or LF) or a character beyond U+00FF: it goes into the Authorization header (key OCI_CLI_USER)",
    ],
    [
      "an OCI_CLI_KEY_FILE that does not exist",
      { env: { ...configLess, OCI_CLI_KEY_FILE: join(dir, "missing.pem") } },
      `cannot read the private key file ${join(dir, "missing.pem")}: it does not exist (key OCI_CLI_KEY_FILE)`,
    ],
    [
      "a wrong OCI_CLI_PASSPHRASE",
      {
        env: {
          ...configLess,
          OCI_CLI_KEY_CONTENT: variableKeys.encryptedPkcs8,
          OCI_CLI_PASSPHRASE: "wrong horse",
        },
      },
      "OCI_CLI_KEY_CONTENT",
    ],
    [
      "a config file that does not exist",
      {
        configFile: join(dir, "nope"),
        settingNames: { configFile: "--config-file" },
        missingConfigFileHint: "Or --auth none.",
      },
      `no OCI config file at ${join(dir, "nope")}. Create one with \`oci setup config\` (the OCI CLI), name yours with --config-file or OCI_CLI_CONFIG_FILE, or set OCI_CLI_USER, OCI_CLI_TENANCY, OCI_CLI_FINGERPRINT and OCI_CLI_KEY_FILE. Or --auth none.`,
    ],
    [
      "an empty --config-file (it would read the current folder)",
      { configFile: "", settingNames: { configFile: "--config-file" } },
      "--config-file is empty: give a value, or leave it out for the default",
    ],
    [
      "an empty profile option",
      { configFile, profile: "" },
      "profile is empty: give a value, or leave it out for the default",
    ],
    [
      "a profile that does not exist",
      { configFile, profile: "PROD" },
      "no profile [PROD] in the OCI config file; it has: [DEFAULT], [OTHER], [SESSION]",
    ],
    [
      "security_token without a token file",
      { configFile, auth: "security_token" },
      "required key `security_token_file` is missing",
    ],
  ])("%s", (_, options, message) => {
    expect(authError(options).message).toContain(message);
  });

  it("the default config file, ~/.oci/config, is named as the default", () => {
    const home = join(dir, "home");
    mkdirSync(home, { recursive: true });
    vi.stubEnv("HOME", home);
    expect(authError({}).message).toContain(
      `no OCI config file at ${join(home, ".oci", "config")} (the default).`,
    );
  });
});
