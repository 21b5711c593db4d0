// Our region table against oci-common's own (the OCI TypeScript SDK this data is generated from): every region it
// knows, by identifier and by short code, gets the same realm and domain here, in the main entry's endpoint and
// in the Node lookup, and the table has no region oci-common does not have. A newer oci-common with new regions
// fails this test until `pnpm run realms` regenerates the data files. Then the regions oci-common learns from
// ~/.oci/regions-config.json, OCI_REGION_METADATA and OCI_DEFAULT_REALM, side by side with ours.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { resolveBaseUrlForNode } from "../../src/auth/node/index.ts";
import { resolveBaseUrl } from "../../src/endpoint.ts";
import { resolveRegionForNode } from "../../src/realms/node-region.ts";
import realmTable from "../../src/realms/realms.json" with { type: "json" };
import codeTable from "../../src/realms/region-codes.json" with { type: "json" };

const require = createRequire(import.meta.url);
const { Region } = require("oci-common/lib/region.js") as typeof import("oci-common/lib/region.js");
const { Realm } = require("oci-common/lib/realm.js") as typeof import("oci-common/lib/realm.js");
const { EndpointBuilder } =
  require("oci-common/lib/endpoint-builder.js") as typeof import("oci-common/lib/endpoint-builder.js");
const { version } = require("oci-common/package.json") as { version: string };

// oci-common's built-in regions: its static fields (Region.values() would add the user's regions-config.json).
const ociRegions = Object.values(Region).filter(
  (value): value is typeof Region.US_ASHBURN_1 => value instanceof Region,
);
const ociRealms = Object.values(Realm).filter((value): value is typeof Realm.OC1 => value instanceof Realm);
const TEMPLATE = "https://datalake.{region}.oci.{secondLevelDomain}";
/** No config file, no variables: only the built-in list answers. */
const noEnvironment = { HOME: "/nonexistent-aidp-home" };

describe("the region table against oci-common", () => {
  it("was generated from the installed oci-common, with all its regions and realms", () => {
    expect(realmTable.source).toBe(`oci-common ${version}`);
    expect(ociRegions.length).toBeGreaterThanOrEqual(85);
    expect(Object.keys(codeTable.codes)).toHaveLength(ociRegions.length);
    expect(new Set(Object.values(codeTable.codes))).toEqual(
      new Set(ociRegions.map((region) => region.regionId)),
    );
    expect(realmTable.domains).toEqual(
      Object.fromEntries(ociRealms.map((realm) => [realm.realmId, realm.secondLevelDomain])),
    );
  });

  it.each(ociRegions.map((region) => [region.regionId, region.regionCode, region.realm.realmId, region]))(
    "%s (%s) is in %s with the same domain",
    (regionId, regionCode, realmKey, region) => {
      const expected = { regionId, realmKey, secondLevelDomain: region.realm.secondLevelDomain };
      expect(resolveRegionForNode(regionId, noEnvironment)).toEqual(expected);
      expect(resolveRegionForNode(String(regionCode).toUpperCase(), noEnvironment)).toEqual(expected);
      expect(resolveBaseUrl({ region: regionId })).toBe(
        EndpointBuilder.createEndpointFromRegion(TEMPLATE, region, "datalake"),
      );
    },
  );
});

describe("regions described by the user, against oci-common", () => {
  // oci-common reads the regions file and the variable once, at its first lookup of a region it does not know:
  // both are in place before that (this file's tests above look nothing up).
  const home = mkdtempSync(join(tmpdir(), "aidp-oci-common-regions-"));
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(home, { recursive: true, force: true });
  });
  mkdirSync(join(home, ".oci"));
  writeFileSync(
    join(home, ".oci", "regions-config.json"),
    JSON.stringify([
      {
        realmKey: "oc77",
        realmDomainComponent: "example-realm.test",
        regionKey: "xyz",
        regionIdentifier: "xx-dedicated-1",
      },
    ]),
  );
  vi.stubEnv("HOME", home);
  vi.stubEnv(
    "OCI_REGION_METADATA",
    JSON.stringify({
      realmKey: "oc78",
      realmDomainComponent: "variable-realm.test",
      regionKey: "vvv",
      regionIdentifier: "xx-variable-1",
    }),
  );
  vi.stubEnv("OCI_DEFAULT_REALM", "oraclecloud9.com");

  it.each([
    ["xx-dedicated-1", "https://datalake.xx-dedicated-1.oci.example-realm.test"],
    ["xyz", "https://datalake.xx-dedicated-1.oci.example-realm.test"],
    ["xx-variable-1", "https://datalake.xx-variable-1.oci.variable-realm.test"],
    ["vvv", "https://datalake.xx-variable-1.oci.variable-realm.test"],
    ["xx-unknown-1", "https://datalake.xx-unknown-1.oci.oraclecloud9.com"],
    ["eu-frankfurt-2", "https://datalake.eu-frankfurt-2.oci.oraclecloud.eu"],
    ["fra", "https://datalake.eu-frankfurt-1.oci.oraclecloud.com"],
  ])("%s: %s, as oci-common builds it", (region, endpoint) => {
    const theirs = EndpointBuilder.createEndpointFromRegionId(
      TEMPLATE,
      Region.getRegionIdFromShortCode(region),
    );
    expect(theirs).toBe(endpoint);
    expect(resolveBaseUrlForNode({ region }, { env: process.env })).toBe(endpoint);
  });
});
