// The contract between the client's request pipeline and whatever signs its requests.

/** What a signer needs to see of one outgoing attempt: exactly what will be sent. */
export interface SignableRequest {
  method: string;
  url: string;
  headers: Headers;
  /** The exact bytes that will be sent; undefined when there is no body. */
  body?: Uint8Array;
}

export interface AuthProvider {
  /** Returns the headers to add so that `request` carries a valid OCI signature. Called once per attempt. */
  signRequest(request: SignableRequest): Promise<Headers>;
  /** Region from the credentials (e.g. the config file's `region`), if any. */
  readonly region?: string | undefined;
  /**
   * Providers that learn their region from a service (instance principals: the metadata service's
   * `instance/region`) read it here, once, as a region identifier; `region` holds it afterwards. A client made
   * without `baseUrl` or `region` calls it before its first request.
   */
  loadRegion?(): Promise<string>;
  /**
   * Providers whose credentials are session tokens (instance and resource principals, OKE workload identity)
   * get a new token here. The client calls it when the service answers 401 and then sends that attempt once
   * more, re-signed; never twice in one call, whatever the retry settings.
   */
  refresh?(): Promise<void>;
}
