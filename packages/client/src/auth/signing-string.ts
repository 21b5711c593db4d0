// The draft-cavage signing string: one `name: value` line per signed header, in the order they are listed
// in the Authorization header's `headers` parameter, joined by "\n".

/** `(request-target)` is the lower-cased method, a space, and the path with its query string. */
export function requestTarget(method: string, url: URL): string {
  return `${method.toLowerCase()} ${url.pathname}${url.search}`;
}

export function signingString(names: readonly string[], headerValue: (name: string) => string): string {
  return names.map((name) => `${name}: ${headerValue(name)}`).join("\n");
}
