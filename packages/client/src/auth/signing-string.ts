// The draft-cavage signing string: one `name: value` line per signed header, in the order they are listed
// in the Authorization header's `headers` parameter, joined by "\n".

/** Methods whose body OCI requires to be signed. */
export const METHODS_WITH_SIGNED_BODY: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH"]);
/** The headers that sign such a body, in the order of OCI's own SDK (oci-common). */
export const BODY_HEADERS = ["content-type", "content-length", "x-content-sha256"] as const;

/** `(request-target)` is the lower-cased method, a space, and the path with its query string. */
export function requestTarget(method: string, url: URL): string {
  return `${method.toLowerCase()} ${url.pathname}${url.search}`;
}

export function signingString(names: readonly string[], headerValue: (name: string) => string): string {
  return names.map((name) => `${name}: ${headerValue(name)}`).join("\n");
}
