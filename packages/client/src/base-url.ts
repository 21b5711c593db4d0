/** `baseUrl` as an absolute URL without a trailing slash (paths begin with `/20260430`). */
export function absoluteBaseUrl(baseUrl: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`${where}: baseUrl must be an absolute URL, got "${baseUrl}".`);
  }
  return parsed.href.replace(/\/$/, "");
}
