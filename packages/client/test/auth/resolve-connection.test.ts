// resolveConnection, where `aidp` and `aidp-mcp` decide the address and credentials: the endpoint from the setting,
// else OCI_CLI_ENDPOINT, else the region's (the setting, OCI_CLI_REGION, the profile's, an instance principal's);
// and every error names where its value came from, the variable when the value came from a variable.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateTestKeyPair, resourcePrincipalEnvironment, TEST_IDENTITY } from "@aidp/test-support";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type ResolveConnectionOptions, resolveConnection } from "../../src/auth/node/index.ts";
import { startInstanceIdentityFakes } from "./instance-identity-fakes.ts";

const dir = mkdtempSync(join(tmpdir(), "aidp-resolve-connection-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

// A HOME of nothing, so that no ~/.oci file of the machine running the tests decides a region.
const emptyHome = join(dir, "home");
mkdirSync(emptyHome);
const keyFile = join(dir, "key.pem");
writeFileSync(keyFile, generateTestKeyPair().pkcs1);
const configFile = join(dir, "config");
writeFileSync(
  configFile,
  `[DEFAULT]\nuser=${TEST_IDENTITY.user}\nfingerprint=${TEST_IDENTITY.fingerprint}\ntenancy=${TEST_IDENTITY.tenancy}\nkey_file=${keyFile}\nregion=eu-frankfurt-2\n`,
);

const FLAG_NAMES = { endpoint: "--endpoint", region: "--region", auth: "--auth" };
const resolve = (options: ResolveConnectionOptions, env: Record<string, string> = {}) =>
  resolveConnection({ settingNames: FLAG_NAMES, ...options, env: { HOME: emptyHome, ...env } });

const ASHBURN = "https://datalake.us-ashburn-1.oci.oraclecloud.com";

describe("resolveConnection: the address", () => {
  it.each<[string, ResolveConnectionOptions, Record<string, string>, string, string | undefined]>([
    ["the endpoint", { endpoint: "http://127.0.0.1:4010" }, {}, "http://127.0.0.1:4010", undefined],
    [
      "OCI_CLI_ENDPOINT",
      {},
      { OCI_CLI_ENDPOINT: "http://127.0.0.1:4011" },
      "http://127.0.0.1:4011",
      undefined,
    ],
    [
      "the endpoint over OCI_CLI_ENDPOINT and the region",
      { endpoint: "http://127.0.0.1:4010", region: "us-ashburn-1" },
      { OCI_CLI_ENDPOINT: "http://127.0.0.1:4011" },
      "http://127.0.0.1:4010",
      undefined,
    ],
    ["the region", { region: "us-ashburn-1" }, {}, ASHBURN, "us-ashburn-1"],
    ["OCI_CLI_REGION, a short code", {}, { OCI_CLI_REGION: "iad" }, ASHBURN, "iad"],
  ])("%s", async (_, options, env, baseUrl, region) => {
    expect(await resolve({ auth: "none", ...options }, env)).toEqual({
      baseUrl,
      region,
      auth: undefined,
      authSource: "none (unsigned requests)",
    });
  });

  it("the profile's region, in its realm", async () => {
    const connection = await resolve({ configFile });
    expect(connection.baseUrl).toBe("https://datalake.eu-frankfurt-2.oci.oraclecloud.eu");
    expect(connection.region).toBe("eu-frankfurt-2");
    expect(connection.authSource).toBe(`profile DEFAULT of ${configFile}`);
  });

  it("an instance principal's region, read from the metadata service before it answers", async () => {
    const { metadata } = await startInstanceIdentityFakes(closers, { identity: { region: "iad" } });
    const connection = await resolve({ auth: "instance_principal" }, { OCI_METADATA_BASE_URL: metadata.url });
    expect(connection.baseUrl).toBe(ASHBURN);
    expect(connection.region).toBe("us-ashburn-1");
  });
});

describe("resolveConnection: each error names where the value came from", () => {
  it.each<[string, ResolveConnectionOptions, Record<string, string>, string]>([
    [
      "an endpoint without its scheme",
      { endpoint: "127.0.0.1:4010" },
      {},
      '--endpoint "127.0.0.1:4010" is not a URL: give it with its scheme, e.g. http://127.0.0.1:4010 or https://...',
    ],
    [
      "OCI_CLI_ENDPOINT without its scheme",
      {},
      { OCI_CLI_ENDPOINT: "127.0.0.1:4010" },
      'OCI_CLI_ENDPOINT "127.0.0.1:4010" is not a URL: give it with its scheme, e.g. http://127.0.0.1:4010 or https://...',
    ],
    [
      "an endpoint with a port out of range",
      { endpoint: "http://127.0.0.1:99999" },
      {},
      '--endpoint "http://127.0.0.1:99999" is not a valid URL (a port is at most 65535; a host has no spaces)',
    ],
    [
      "an endpoint with a user and password, which fetch refuses (and which is not shown)",
      { endpoint: "http://admin:hunter2@127.0.0.1:4010" },
      {},
      "--endpoint must not hold a user name or password (fetch refuses such a URL)",
    ],
    [
      "an endpoint with a query, after which the API's paths would go",
      { endpoint: "http://127.0.0.1:4010?x=1" },
      {},
      "--endpoint must not hold a query (?...) or a fragment (#...): the API's paths go after it",
    ],
    [
      "an endpoint ending in a bare ?, which the URL parser drops from its search",
      { endpoint: "http://127.0.0.1:4010/?" },
      {},
      "--endpoint must not hold a query (?...) or a fragment (#...): the API's paths go after it",
    ],
    [
      "an endpoint with a fragment, which would swallow the API's paths",
      {},
      { OCI_CLI_ENDPOINT: "http://127.0.0.1:4010/#frag" },
      "OCI_CLI_ENDPOINT must not hold a query (?...) or a fragment (#...): the API's paths go after it",
    ],
    [
      "an endpoint with a scheme other than http or https",
      { endpoint: "ftp://127.0.0.1:4010" },
      {},
      '--endpoint "ftp://127.0.0.1:4010" is not an http or https URL: give it with its scheme, e.g. http://127.0.0.1:4010 or https://...',
    ],
    ...[
      ["http:/127.0.0.1:4010", "a URL", "127.0.0.1:4010"],
      ["http:127.0.0.1:4010", "a URL", "127.0.0.1:4010"],
      ["http:///x", "a URL", "x"],
      ["ftp:/host", "an http or https URL", "host"],
      ["https://", "a URL", "HOST:PORT"],
      ["localhost:4010", "a URL", "localhost:4010"],
      ["//host", "a URL", "host"],
    ].map(([endpoint, what, address]): [string, ResolveConnectionOptions, Record<string, string>, string] => [
      `a malformed endpoint: ${endpoint}`,
      { endpoint },
      {},
      `--endpoint "${endpoint}" is not ${what}: give it with its scheme, e.g. http://${address} or https://...`,
    ]),
    [
      "neither endpoint nor region",
      {},
      {},
      "no endpoint: give --endpoint or --region (or OCI_CLI_ENDPOINT, OCI_CLI_REGION, or a region in the profile)",
    ],
  ])("%s", async (_, options, env, message) => {
    await expect(resolve({ auth: "none", ...options }, env)).rejects.toThrow(new TypeError(message));
  });

  it.each<[string, ResolveConnectionOptions, Record<string, string>, string]>([
    ["--region", { region: "ashburn" }, {}, "--region"],
    ["OCI_CLI_REGION", {}, { OCI_CLI_REGION: "ashburn" }, "OCI_CLI_REGION"],
  ])("a region that is not one, from %s", async (_, options, env, name) => {
    await expect(resolve({ auth: "none", ...options }, env)).rejects.toThrow(
      expect.objectContaining({ name: "TypeError", message: expect.stringContaining(name) }),
    );
  });

  it("a region the credentials report that is not one: the error names those credentials", async () => {
    const env = resourcePrincipalEnvironment({ region: "ashburn" });
    const error = await resolve({ auth: "resource_principal" }, env).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toContain("the region of the resource principal");
    expect(String(error)).not.toContain("profile");
  });

  it("without setting names, the options' own names", async () => {
    await expect(resolveConnection({ auth: "none", env: { HOME: emptyHome } })).rejects.toThrow(
      "no endpoint: give endpoint or region (or OCI_CLI_ENDPOINT",
    );
  });
});
