/** `baseUrl` as an absolute URL without a trailing slash (paths begin with `/20260430`). */
export function absoluteBaseUrl(baseUrl: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`${where}: baseUrl must be an absolute URL, got "${baseUrl}".`);
  }
  // fetch refuses such a URL on every attempt; and the password is not to be shown, here or in a log line.
  if (parsed.username || parsed.password)
    throw new TypeError(`${where}: baseUrl must not hold a user name or password.`);
  return parsed.href.replace(/\/$/, "");
}
