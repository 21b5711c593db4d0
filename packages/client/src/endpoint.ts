// Where requests go: an explicit `baseUrl`, or the spec's regional server template filled with a region
// and the second-level domain of its realm.
import { serverTemplate } from "./generated/operations.js";

/** Second-level domains of OCI realms (the `{secondLevelDomain}` of the server template). */
export const realmDomains = {
  oc1: "oraclecloud.com",
  oc2: "oraclegovcloud.com",
  oc3: "oraclegovcloud.com",
  oc4: "oraclegovcloud.uk",
  oc8: "oraclecloud8.com",
} as const;

export type Realm = keyof typeof realmDomains;

export interface EndpointOptions {
  /** Full base URL, e.g. `http://127.0.0.1:4010` for the mock. Wins over `region`. */
  baseUrl?: string;
  /** OCI region identifier, e.g. `us-ashburn-1`. */
  region?: string;
  /** Realm of the region; by default the spec's (`oraclecloud.com`, the commercial realm `oc1`). */
  realm?: Realm;
}

const REGION_ID = /^[a-z]{2,}-[a-z0-9]+-\d+$/;

export function resolveBaseUrl(options: EndpointOptions, fallbackRegion?: string): string {
  if (options.baseUrl) {
    let parsed: URL;
    try {
      parsed = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`createAidpClient: baseUrl must be an absolute URL, got "${options.baseUrl}".`);
    }
    return parsed.toString().replace(/\/$/, "");
  }
  const region = options.region ?? fallbackRegion;
  if (!region)
    throw new TypeError(
      "createAidpClient: give `baseUrl`, `region`, or an auth provider that knows its region.",
    );
  if (!REGION_ID.test(region))
    throw new TypeError(`createAidpClient: region must look like "us-ashburn-1", got "${region}".`);
  // Without a realm, the spec's default domain (the commercial realm's). The spec's default region is not
  // used on purpose: a request silently sent to us-ashburn-1 would be a worse mistake than an error.
  const realm = options.realm;
  const domain = realm === undefined ? serverTemplate.defaults.secondLevelDomain : realmDomains[realm];
  if (!domain)
    throw new TypeError(
      `createAidpClient: unknown realm "${realm}" (known: ${Object.keys(realmDomains).join(", ")}).`,
    );
  return serverTemplate.url.replace("{region}", region).replace("{secondLevelDomain}", domain);
}
