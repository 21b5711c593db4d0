// The Node entry's createAidpClient: the same client, with the region's realm found the way the OCI SDKs find it
// in Node (the built-in list, short codes, ~/.oci/regions-config.json, OCI_REGION_METADATA, OCI_DEFAULT_REALM),
// which the main entry cannot do in a browser.
import { type AidpClient, createClientWith } from "../../client.js";
import { type EndpointOptions, resolveBaseUrl } from "../../endpoint.js";
import type { AidpClientOptions } from "../../options.js";
import { lookupRegionForNode } from "../../realms/node-region.js";

/**
 * The base URL for these options: `baseUrl`, else the spec's server in `region` (or `fallbackRegion`) with its
 * realm's domain as {@link resolveRegionForNode} finds it; `realm` still overrides it.
 */
export function resolveBaseUrlForNode(
  options: EndpointOptions,
  {
    fallbackRegion,
    env = process.env,
    regionName,
  }: {
    /** The region when `options` has none, e.g. the auth provider's. */
    fallbackRegion?: string | undefined;
    /** The variables to read; default `process.env`. */
    env?: Record<string, string | undefined>;
    /** The region's setting as the caller's users know it (e.g. `--region`), for error messages. */
    regionName?: string | undefined;
  } = {},
): string {
  return resolveBaseUrl(options, fallbackRegion, {
    lookupRegion: (region, source) => lookupRegionForNode(region, source, env),
    regionName,
  });
}

/**
 * createAidpClient of `@aidp/client`, with regions resolved as {@link resolveBaseUrlForNode} does. Without
 * `baseUrl` or `region`, the auth provider's region: an instance principal's is read from the metadata service
 * before the first request.
 */
export function createAidpClient(options: AidpClientOptions = {}): AidpClient {
  return createClientWith(options, {
    lookupRegion: (region, source) => lookupRegionForNode(region, source, process.env),
  });
}
