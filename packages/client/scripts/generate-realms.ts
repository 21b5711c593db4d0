// Regenerates src/realms/realms.json and src/realms/region-codes.json from the installed oci-common (the OCI
// TypeScript SDK's list of regions and realms): run `node scripts/generate-realms.ts` after updating oci-common.
// The facts are split by who needs them, each stated once. realms.json, which the main (browser) entry
// carries: each realm's second-level domain, and the regions of every realm but the default one (oc1: a region
// not listed there goes to the default realm anyway, so listing its 40-odd regions would only add bytes).
// region-codes.json, read only by @aidp/client/node: every region's short code (`iad`) with its identifier.
// Only oci-common's built-in regions: its static Region fields, never ~/.oci/regions-config.json or
// OCI_REGION_METADATA (which `Region.values()` would add).
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Region } = require("oci-common/lib/region.js") as typeof import("oci-common/lib/region.js");
const { Realm } = require("oci-common/lib/realm.js") as typeof import("oci-common/lib/realm.js");
const { version } = require("oci-common/package.json") as { version: string };

/** The realm every region not listed goes to, as in oci-common (`Realm.OC1`). */
const DEFAULT_REALM = Realm.OC1.realmId;

const byName = <T>(entries: [string, T][]) => entries.sort(([a], [b]) => a.localeCompare(b));
/** oc1, oc2, ..., oc10: by the realm's number. */
const byRealmNumber = <T>(entries: [string, T][]) =>
  entries.sort(([a], [b]) => Number(a.replace(/\D/g, "")) - Number(b.replace(/\D/g, "")));
const realms = Object.values(Realm).filter((value): value is typeof Realm.OC1 => value instanceof Realm);
const regions = Object.values(Region).filter(
  (value): value is typeof Region.US_ASHBURN_1 => value instanceof Region,
);

const regionsByRealm = new Map<string, string[]>();
for (const region of regions) {
  if (region.realm.realmId === DEFAULT_REALM) continue;
  const list = regionsByRealm.get(region.realm.realmId) ?? [];
  list.push(region.regionId);
  regionsByRealm.set(region.realm.realmId, list);
}

const realmsFile = {
  source: `oci-common ${version}`,
  defaultRealm: DEFAULT_REALM,
  domains: Object.fromEntries(
    byRealmNumber(realms.map((realm) => [realm.realmId, realm.secondLevelDomain] as [string, string])),
  ),
  // Space-separated: the smallest form that stays readable.
  regions: Object.fromEntries(
    byRealmNumber(
      [...regionsByRealm].map(([realm, ids]) => [realm, ids.sort().join(" ")] as [string, string]),
    ),
  ),
};
const codesFile = {
  source: `oci-common ${version}`,
  codes: Object.fromEntries(
    byName(regions.map((region) => [region.regionCode ?? "", region.regionId] as [string, string])).filter(
      ([code]) => code !== "",
    ),
  ),
};

const outDir = new URL("../src/realms/", import.meta.url);
writeFileSync(new URL("realms.json", outDir), `${JSON.stringify(realmsFile, null, 2)}\n`);
writeFileSync(new URL("region-codes.json", outDir), `${JSON.stringify(codesFile, null, 2)}\n`);
console.log(`${regions.length} regions in ${realms.length} realms from oci-common ${version}`);
