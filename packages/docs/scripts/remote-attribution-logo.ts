// Redoc's sidebar attribution ("API docs by Redocly") loads its logo from Redocly's CDN, and Redoc has no
// option to turn that off. Offline it is a failed request and a console error, so the build swaps the two
// logo URLs in the inlined Redoc script for a local SVG: the attribution and its link stay, nothing is fetched.

/** The logo URLs as they appear in Redoc's inlined script (the full logo and the collapsed-sidebar one). */
export const REMOTE_LOGO_URLS = [
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg",
  "https://cdn.redoc.ly/redoc/logo-mini.svg",
] as const;

const LOCAL_LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16">' +
  '<text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="bold" fill="#6b6b6b">Redocly</text></svg>';

export const LOCAL_LOGO_DATA_URI = `data:image/svg+xml,${encodeURIComponent(LOCAL_LOGO_SVG)}`;

/** Any reference to Redocly's CDN left in a page means a request to the internet. */
const REDOCLY_CDN_HOST = /cdn\.redoc\.ly/;

export function replaceRemoteAttributionLogo(html: string): string {
  let result = html;
  for (const url of REMOTE_LOGO_URLS) {
    if (!result.includes(url)) {
      throw new Error(
        `Redoc's attribution logo URL ${url} is no longer in the page: Redoc changed, update scripts/remote-attribution-logo.ts`,
      );
    }
    result = result.replaceAll(url, LOCAL_LOGO_DATA_URI);
  }
  if (REDOCLY_CDN_HOST.test(result)) {
    throw new Error(
      "The page still references cdn.redoc.ly after the logo swap: Redoc added another remote asset",
    );
  }
  return result;
}
