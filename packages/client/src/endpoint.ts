// Where requests go: an explicit `baseUrl`, or the spec's regional server template filled with a region
// and the second-level domain of its realm.
import { absoluteBaseUrl } from "./base-url.js";
import { serverTemplate } from "./generated/operations.js";
import {
  builtInRegion,
  type Realm,
  type RegionInfo,
  realmDomains,
  regionIdentifier,
} from "./realms/region-realm.js";

export { type Realm, realmDomains } from "./realms/region-realm.js";

export interface EndpointOptions {
  /** Full base URL, e.g. `http://127.0.0.1:4010` for the mock. Wins over `region`. */
  baseUrl?: string;
  /** OCI region identifier, e.g. `us-ashburn-1` or `eu-frankfurt-2`; its realm's domain comes with it. */
  region?: string;
  /**
   * Realm whose domain to use instead of the region's own (from the OCI SDKs' region list; a region that list
   * does not know is in the commercial realm `oc1`, `oraclecloud.com`).
   */
  realm?: Realm;
}

/** How a region name becomes a region and its realm; `source` names the setting for error messages. */
export type RegionLookup = (region: string, source: string) => RegionInfo;

/** The main entry's lookup: region identifiers only, against the built-in list. */
const lookupBuiltInRegion: RegionLookup = (region, source) =>
  builtInRegion(
    regionIdentifier(region, source, " (short codes such as iad: createAidpClient of @aidp/client/node)"),
  );

export interface RegionResolution {
  /** How the region becomes a region and realm; default the built-in list (region identifiers only). */
  lookupRegion?: RegionLookup | undefined;
  /** The region's setting as the caller's users know it (e.g. `--region`), for error messages. */
  regionName?: string | undefined;
}

export function resolveBaseUrl(
  options: EndpointOptions,
  fallbackRegion?: string,
  { lookupRegion = lookupBuiltInRegion, regionName }: RegionResolution = {},
): string {
  if (options.baseUrl) return absoluteBaseUrl(options.baseUrl, "createAidpClient");
  // The spec's default region is not used on purpose: a request silently sent to us-ashburn-1 would be a worse
  // mistake than an error.
  const region = options.region ?? fallbackRegion;
  if (!region)
    throw new TypeError(
      "createAidpClient: give `baseUrl`, `region`, or an auth provider that knows its region.",
    );
  const source =
    regionName ??
    (options.region !== undefined
      ? "createAidpClient: region"
      : "createAidpClient: the auth provider's region");
  const { regionId, secondLevelDomain } = lookupRegion(region, source);
  const { realm } = options;
  if (realm === undefined) return regionalBaseUrl(regionId, secondLevelDomain);
  if (!Object.hasOwn(realmDomains, realm))
    throw new TypeError(
      `createAidpClient: unknown realm "${realm}" (known: ${Object.keys(realmDomains).join(", ")}).`,
    );
  return regionalBaseUrl(regionId, realmDomains[realm]);
}

/** The spec's server template filled with a region and a second-level domain. */
function regionalBaseUrl(regionId: string, secondLevelDomain: string): string {
  return serverTemplate.url.replace("{region}", regionId).replace("{secondLevelDomain}", secondLevelDomain);
}
