// A region's realm in Node, in the OCI SDKs' order (oci-common's Region.fromRegionId and EndpointBuilder): the
// built-in list (identifiers and short codes such as `iad`, any case), then `~/.oci/regions-config.json` (an array
// of region metadata), then `OCI_REGION_METADATA` (one region metadata object); a region none of them knows is in
// the realm whose domain `OCI_DEFAULT_REALM` names, else in the commercial realm (oraclecloud.com).
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { AidpAuthError } from "../auth/auth-error.js";
import codeTable from "./region-codes.json" with { type: "json" };
import {
  builtInRegion,
  type Realm,
  type RegionInfo,
  realmDomains,
  regionIdentifier,
} from "./region-realm.js";

export type { RegionInfo } from "./region-realm.js";

const REGIONS_CONFIG_FILE = "~/.oci/regions-config.json";
const REGION_METADATA_VARIABLE = "OCI_REGION_METADATA";
const DEFAULT_REALM_VARIABLE = "OCI_DEFAULT_REALM";

/** One region's metadata, as regions-config.json, OCI_REGION_METADATA and the metadata service give it. */
interface RegionMetadata {
  realmKey: string;
  realmDomainComponent: string;
  regionKey: string;
  regionIdentifier: string;
}
const METADATA_FIELDS = ["realmKey", "realmDomainComponent", "regionKey", "regionIdentifier"] as const;

const codes: Readonly<Record<string, string>> = codeTable.codes;
let builtInIds: Set<string> | undefined;

/**
 * The region (an identifier or a short code, any case) with its realm. Bad JSON in regions-config.json or
 * OCI_REGION_METADATA is an AidpAuthError naming the file or variable; a malformed region a TypeError.
 */
export function resolveRegionForNode(
  regionOrShortCode: string,
  env: Record<string, string | undefined> = process.env,
): RegionInfo {
  return lookupRegionForNode(regionOrShortCode, "region", env);
}

/** {@link resolveRegionForNode}, with `source` naming the setting the region came from in error messages. */
export function lookupRegionForNode(
  regionOrShortCode: string,
  source: string,
  env: Record<string, string | undefined> = process.env,
): RegionInfo {
  const name = typeof regionOrShortCode === "string" ? regionOrShortCode.trim().toLowerCase() : "";
  builtInIds ??= new Set(Object.values(codes));
  const builtIn = builtInIds.has(name) ? name : codes[name];
  if (builtIn !== undefined) return builtInRegion(builtIn);

  // In this order, each read only when the one before did not know the region, as in oci-common.
  const describes = (metadata: RegionMetadata) =>
    metadata.regionIdentifier.toLowerCase() === name || metadata.regionKey.toLowerCase() === name;
  const described = regionsConfigFile(env).find(describes) ?? regionMetadataVariable(env).find(describes);
  if (described)
    return {
      regionId: described.regionIdentifier.toLowerCase(),
      realmKey: described.realmKey.toLowerCase(),
      secondLevelDomain: described.realmDomainComponent.toLowerCase(),
    };

  const regionId = regionIdentifier(
    regionOrShortCode,
    source,
    ` or a short code such as iad that the OCI region list, ${REGIONS_CONFIG_FILE} or ${REGION_METADATA_VARIABLE} knows`,
  );
  return unknownRegion(regionId, env[DEFAULT_REALM_VARIABLE]?.trim());
}

/** As the OCI SDKs: OCI_DEFAULT_REALM's domain (we also take a realm key such as `oc19`), else the commercial realm. */
function unknownRegion(regionId: string, defaultRealm: string | undefined): RegionInfo {
  if (!defaultRealm) return builtInRegion(regionId);
  const value = defaultRealm.toLowerCase();
  if (Object.hasOwn(realmDomains, value))
    return { regionId, realmKey: value, secondLevelDomain: realmDomains[value as Realm] };
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(value))
    throw new AidpAuthError(
      `${DEFAULT_REALM_VARIABLE} must be a realm's second-level domain such as oraclecloud.eu, got ${JSON.stringify(defaultRealm)}`,
      { key: DEFAULT_REALM_VARIABLE },
    );
  const realmKey = Object.entries(realmDomains).find(([, domain]) => domain === value)?.[0] ?? "unknown";
  return { regionId, realmKey, secondLevelDomain: value };
}

/** The regions of ~/.oci/regions-config.json (HOME from `env`), none when the file does not exist. */
function regionsConfigFile(env: Record<string, string | undefined>): RegionMetadata[] {
  const file = join(env.HOME || homedir(), ".oci", "regions-config.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    const code = (error as NodeJS.ErrnoException).code ?? "read error";
    throw new AidpAuthError(`cannot read the regions file: ${code}`, { file });
  }
  const list = parseJson(text, "the regions file", { file });
  if (!Array.isArray(list))
    throw new AidpAuthError("the regions file must hold a JSON array of region metadata objects", { file });
  return list.map((entry, index) => checkMetadata(entry, `entry ${index} of the regions file`, { file }));
}

/** The one region of OCI_REGION_METADATA, if set. */
function regionMetadataVariable(env: Record<string, string | undefined>): RegionMetadata[] {
  const text = env[REGION_METADATA_VARIABLE]?.trim();
  if (!text) return [];
  const source = { key: REGION_METADATA_VARIABLE };
  return [checkMetadata(parseJson(text, REGION_METADATA_VARIABLE, source), REGION_METADATA_VARIABLE, source)];
}

function parseJson(text: string, what: string, source: { file?: string; key?: string }): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AidpAuthError(`${what} is not valid JSON (${(error as Error).message})`, source);
  }
}

function checkMetadata(
  value: unknown,
  what: string,
  source: { file?: string; key?: string },
): RegionMetadata {
  const fields = value as Partial<Record<(typeof METADATA_FIELDS)[number], unknown>> | null;
  const missing = METADATA_FIELDS.filter(
    (field) => typeof fields?.[field] !== "string" || (fields[field] as string).trim() === "",
  );
  if (typeof value !== "object" || value === null || Array.isArray(value) || missing.length > 0)
    throw new AidpAuthError(
      `${what} must be an object with the strings ${METADATA_FIELDS.join(", ")}; missing or empty: ${missing.join(", ")}`,
      source,
    );
  return value as RegionMetadata;
}
