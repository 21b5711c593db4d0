// PLACEHOLDER for the `realms` branch, which replaces this file with the real region/realm table and lookup
// (~/.oci/regions-config.json, OCI_REGION_METADATA, OCI_DEFAULT_REALM). Only the contract is meant to last:
// the workload-identity providers build `auth.{regionId}.{secondLevelDomain}` from it.
import { AidpAuthError } from "../auth/auth-error.js";

export interface RegionInfo {
  regionId: string;
  realmKey: string;
  secondLevelDomain: string;
}

/** The few short codes the placeholder knows; the realms branch carries every region. */
const SHORT_CODES: Readonly<Record<string, string>> = {
  iad: "us-ashburn-1",
  phx: "us-phoenix-1",
  fra: "eu-frankfurt-1",
  lhr: "uk-london-1",
};

export function resolveRegionForNode(
  regionOrShortCode: string,
  _env: Record<string, string | undefined> = {},
): RegionInfo {
  const given = regionOrShortCode.trim().toLowerCase();
  if (given === "") throw new AidpAuthError("the region is empty", { key: "region" });
  return { regionId: SHORT_CODES[given] ?? given, realmKey: "oc1", secondLevelDomain: "oraclecloud.com" };
}
