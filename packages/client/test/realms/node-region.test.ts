// resolveRegionForNode with real files in a temporary HOME and real variables: the OCI SDKs' order (built-in list,
// ~/.oci/regions-config.json, OCI_REGION_METADATA), the fallback for a region none of them knows
// (OCI_DEFAULT_REALM, else oraclecloud.com), and an error naming the file or variable for each bad input.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AidpAuthError } from "../../src/auth/auth-error.ts";
import { createAidpClient, resolveBaseUrlForNode } from "../../src/auth/node/index.ts";
import { type RegionInfo, resolveRegionForNode } from "../../src/realms/node-region.ts";

const root = mkdtempSync(join(tmpdir(), "aidp-regions-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let homes = 0;
/** A HOME whose ~/.oci/regions-config.json holds `content` (written as is when a string). */
function homeWithRegionsFile(content: unknown): string {
  const home = join(root, `home-${++homes}`);
  mkdirSync(join(home, ".oci"), { recursive: true });
  writeFileSync(
    join(home, ".oci", "regions-config.json"),
    typeof content === "string" ? content : JSON.stringify(content),
  );
  return home;
}
const emptyHome = join(root, "empty-home");
mkdirSync(emptyHome);

const dedicated = {
  realmKey: "OC77",
  realmDomainComponent: "Example-Realm.test",
  regionKey: "XYZ",
  regionIdentifier: "xx-dedicated-1",
};
const fromVariable = {
  realmKey: "oc78",
  realmDomainComponent: "variable-realm.test",
  regionKey: "vvv",
  regionIdentifier: "xx-variable-1",
};
const configHome = homeWithRegionsFile([
  dedicated,
  { ...dedicated, regionKey: "abc", regionIdentifier: "xx-other-1" },
]);

const cases: [string, string, Record<string, string>, RegionInfo][] = [
  [
    "a built-in id",
    "eu-frankfurt-2",
    {},
    { regionId: "eu-frankfurt-2", realmKey: "oc19", secondLevelDomain: "oraclecloud.eu" },
  ],
  [
    "any case",
    " UK-GOV-London-1 ",
    {},
    { regionId: "uk-gov-london-1", realmKey: "oc4", secondLevelDomain: "oraclegovcloud.uk" },
  ],
  [
    "a short code",
    "iad",
    {},
    { regionId: "us-ashburn-1", realmKey: "oc1", secondLevelDomain: "oraclecloud.com" },
  ],
  [
    "an upper-case short code",
    "DOH",
    {},
    { regionId: "me-dcc-doha-1", realmKey: "oc21", secondLevelDomain: "oraclecloud21.com" },
  ],
  [
    "an id of the regions file",
    "xx-dedicated-1",
    { HOME: configHome },
    { regionId: "xx-dedicated-1", realmKey: "oc77", secondLevelDomain: "example-realm.test" },
  ],
  [
    "a short code of the regions file",
    "Abc",
    { HOME: configHome },
    { regionId: "xx-other-1", realmKey: "oc77", secondLevelDomain: "example-realm.test" },
  ],
  [
    "the built-in list before the regions file",
    "fra",
    { HOME: homeWithRegionsFile([{ ...dedicated, regionKey: "fra" }]) },
    { regionId: "eu-frankfurt-1", realmKey: "oc1", secondLevelDomain: "oraclecloud.com" },
  ],
  [
    "OCI_REGION_METADATA",
    "xx-variable-1",
    { OCI_REGION_METADATA: JSON.stringify(fromVariable) },
    { regionId: "xx-variable-1", realmKey: "oc78", secondLevelDomain: "variable-realm.test" },
  ],
  [
    "OCI_REGION_METADATA's short code",
    "vvv",
    { OCI_REGION_METADATA: JSON.stringify(fromVariable) },
    { regionId: "xx-variable-1", realmKey: "oc78", secondLevelDomain: "variable-realm.test" },
  ],
  [
    "the regions file before OCI_REGION_METADATA",
    "xx-dedicated-1",
    {
      HOME: configHome,
      OCI_REGION_METADATA: JSON.stringify({ ...fromVariable, regionIdentifier: "xx-dedicated-1" }),
    },
    { regionId: "xx-dedicated-1", realmKey: "oc77", secondLevelDomain: "example-realm.test" },
  ],
  [
    "an unknown region: the commercial realm",
    "xx-newcity-1",
    {},
    { regionId: "xx-newcity-1", realmKey: "oc1", secondLevelDomain: "oraclecloud.com" },
  ],
  [
    "an unknown region: OCI_DEFAULT_REALM's domain",
    "xx-newcity-1",
    { OCI_DEFAULT_REALM: "oraclecloud.eu" },
    { regionId: "xx-newcity-1", realmKey: "oc19", secondLevelDomain: "oraclecloud.eu" },
  ],
  [
    "an unknown region: OCI_DEFAULT_REALM, a domain of no known realm",
    "xx-newcity-1",
    { OCI_DEFAULT_REALM: "Sovereign.Example" },
    { regionId: "xx-newcity-1", realmKey: "unknown", secondLevelDomain: "sovereign.example" },
  ],
  [
    "an unknown region: OCI_DEFAULT_REALM as a realm key",
    "xx-newcity-1",
    { OCI_DEFAULT_REALM: "oc8" },
    { regionId: "xx-newcity-1", realmKey: "oc8", secondLevelDomain: "oraclecloud8.com" },
  ],
  [
    "a known region ignores OCI_DEFAULT_REALM",
    "us-langley-1",
    { OCI_DEFAULT_REALM: "oraclecloud.eu" },
    { regionId: "us-langley-1", realmKey: "oc2", secondLevelDomain: "oraclegovcloud.com" },
  ],
];

describe("resolveRegionForNode", () => {
  it.each(cases)("%s: %j", (_, region, env, expected) => {
    expect(resolveRegionForNode(region, { HOME: emptyHome, ...env })).toEqual(expected);
  });

  it.each<[string, string, Record<string, string>, string, Partial<AidpAuthError>]>([
    [
      "a regions file that is not JSON",
      "xx-a-1",
      { HOME: homeWithRegionsFile("[{oops") },
      "the regions file is not valid JSON",
      { file: join(root, `home-${homes}`, ".oci", "regions-config.json") },
    ],
    [
      "a regions file that is not an array",
      "xx-a-1",
      { HOME: homeWithRegionsFile(dedicated) },
      "the regions file must hold a JSON array",
      {},
    ],
    [
      "an entry without its domain",
      "xx-a-1",
      { HOME: homeWithRegionsFile([dedicated, { ...dedicated, realmDomainComponent: "" }]) },
      "entry 1 of the regions file must be an object with the strings realmKey, realmDomainComponent, regionKey, regionIdentifier; missing or empty: realmDomainComponent",
      {},
    ],
    [
      "OCI_REGION_METADATA that is not JSON",
      "xx-a-1",
      { OCI_REGION_METADATA: "{realmKey: oc1}" },
      "OCI_REGION_METADATA is not valid JSON",
      { key: "OCI_REGION_METADATA" },
    ],
    [
      "OCI_REGION_METADATA as an array",
      "xx-a-1",
      { OCI_REGION_METADATA: JSON.stringify([fromVariable]) },
      "OCI_REGION_METADATA must be an object with the strings",
      { key: "OCI_REGION_METADATA" },
    ],
    [
      "OCI_DEFAULT_REALM that is no domain",
      "xx-a-1",
      { OCI_DEFAULT_REALM: "not a domain" },
      'OCI_DEFAULT_REALM must be a realm\'s second-level domain such as oraclecloud.eu, got "not a domain"',
      { key: "OCI_DEFAULT_REALM" },
    ],
  ])("%s is an AidpAuthError naming it", (_, region, env, message, fields) => {
    let caught: unknown;
    try {
      resolveRegionForNode(region, { HOME: emptyHome, ...env });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AidpAuthError);
    expect((caught as Error).message).toContain(message);
    expect(caught).toMatchObject(fields);
  });

  it.each([["ashburn"], ["US Ashburn"], [""], ["us_ashburn_1"]])(
    "refuses %j, a name that is neither an id nor a known code",
    (region) => {
      expect(() => resolveRegionForNode(region, { HOME: emptyHome })).toThrow(
        new TypeError(
          `region must be an OCI region identifier such as us-ashburn-1 or uk-gov-london-1 or a short code such as iad that the OCI region list, ~/.oci/regions-config.json or OCI_REGION_METADATA knows, got ${JSON.stringify(region)}.`,
        ),
      );
    },
  );

  it("does not read OCI_REGION_METADATA for a region of the regions file (a broken variable does not matter then)", () => {
    expect(
      resolveRegionForNode("xx-dedicated-1", { HOME: configHome, OCI_REGION_METADATA: "{broken" }).realmKey,
    ).toBe("oc77");
  });

  it("does not read the regions file for a built-in region (a broken file does not matter then)", () => {
    expect(resolveRegionForNode("eu-madrid-2", { HOME: homeWithRegionsFile("not json") }).realmKey).toBe(
      "oc19",
    );
  });
});

describe("the Node entry's createAidpClient and resolveBaseUrlForNode", () => {
  it("names the region's setting as the caller's users know it", () => {
    expect(() =>
      resolveBaseUrlForNode({ region: "ashburn" }, { regionName: "--region", env: { HOME: emptyHome } }),
    ).toThrow(/^--region must be an OCI region identifier such as us-ashburn-1/);
  });

  it("sends a short code's region to its realm's domain", async () => {
    let url = "";
    const aidp = createAidpClient({
      region: "vll",
      retry: false,
      fetch: async (input) => {
        url = String(input);
        return Response.json({ items: [] });
      },
    });
    await aidp.searchAuditLogs({ aiDataPlatformId: "ocid1.x" });
    expect(url).toBe(
      "https://datalake.eu-madrid-2.oci.oraclecloud.eu/20260430/aiDataPlatforms/ocid1.x/actions/searchAuditLogs",
    );
  });

  it.each<[Parameters<typeof resolveBaseUrlForNode>[0], string | undefined, Record<string, string>, string]>([
    [
      { region: "xx-a-1" },
      undefined,
      { OCI_DEFAULT_REALM: "oraclecloud9.com" },
      "https://datalake.xx-a-1.oci.oraclecloud9.com",
    ],
    [
      { region: "xx-dedicated-1" },
      undefined,
      { HOME: configHome },
      "https://datalake.xx-dedicated-1.oci.example-realm.test",
    ],
    [
      {},
      "xx-variable-1",
      { OCI_REGION_METADATA: JSON.stringify(fromVariable) },
      "https://datalake.xx-variable-1.oci.variable-realm.test",
    ],
    [
      { region: "eu-frankfurt-2", realm: "oc1" },
      undefined,
      {},
      "https://datalake.eu-frankfurt-2.oci.oraclecloud.com",
    ],
    [{ baseUrl: "http://127.0.0.1:4010/", region: "not a region" }, undefined, {}, "http://127.0.0.1:4010"],
  ])("%j (auth's region %s, env %j) is %s", (options, authRegion, env, expected) => {
    expect(
      resolveBaseUrlForNode(options, { fallbackRegion: authRegion, env: { HOME: emptyHome, ...env } }),
    ).toBe(expected);
  });
});
