// Where a client's requests go, decided when it is made, or at its first request when only the auth provider can
// tell: instance principals learn their region from the metadata service (AuthProvider.loadRegion), which takes a
// request. Then each request is built on a placeholder origin that no resolver answers (`.invalid`), and moved
// onto the region's base URL before it is signed and sent; the region is read once.
import type { AuthProvider } from "./auth/types.js";
import { type EndpointOptions, type RegionResolution, resolveBaseUrl } from "./endpoint.js";
import type { OutgoingRequest } from "./transport.js";

/** The origin requests are built on until the region is known (raw middleware sees it there). */
const REGION_PENDING_BASE_URL = "https://region-not-loaded-yet.invalid";

interface ClientAddress {
  /** The base URL openapi-fetch builds requests on. */
  baseUrl: string;
  /** The request on its real base URL (the region read first, once); absent when `baseUrl` is already real. */
  rebase?(request: OutgoingRequest): Promise<OutgoingRequest>;
}

export function clientAddress(
  options: EndpointOptions & { auth?: AuthProvider | undefined },
  resolution: RegionResolution,
): ClientAddress {
  const { auth } = options;
  const loadRegion = auth?.loadRegion?.bind(auth);
  if (options.baseUrl || options.region || auth?.region !== undefined || loadRegion === undefined)
    return { baseUrl: resolveBaseUrl(options, auth?.region, resolution) };

  let resolving: Promise<string> | undefined;
  const baseUrl = () => {
    resolving ??= loadRegion().then(
      (region) => resolveBaseUrl(options, region, resolution),
      (failure) => {
        resolving = undefined; // the next call asks again
        throw failure;
      },
    );
    return resolving;
  };
  return {
    baseUrl: REGION_PENDING_BASE_URL,
    async rebase(request) {
      if (!request.url.startsWith(REGION_PENDING_BASE_URL)) return request;
      return { ...request, url: (await baseUrl()) + request.url.slice(REGION_PENDING_BASE_URL.length) };
    },
  };
}
