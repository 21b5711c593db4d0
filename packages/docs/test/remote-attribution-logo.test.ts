// The built page references nothing on Redocly's CDN; the logo swap fails loudly when Redoc changes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  LOCAL_LOGO_DATA_URI,
  REMOTE_LOGO_URLS,
  replaceRemoteAttributionLogo,
} from "../scripts/remote-attribution-logo.ts";

const builtPage = readFileSync(new URL("../dist/index.html", import.meta.url), "utf8");

describe("the attribution logo", () => {
  it("is local in the built page: no cdn.redoc.ly, the data URI instead", () => {
    expect(builtPage).not.toMatch(/cdn\.redoc\.ly/);
    expect(builtPage).toContain(LOCAL_LOGO_DATA_URI);
  });

  it("is swapped in a page that loads it from the CDN", () => {
    const page = REMOTE_LOGO_URLS.map((url) => `<img src="${url}">`).join("");
    expect(replaceRemoteAttributionLogo(page)).toBe(
      `<img src="${LOCAL_LOGO_DATA_URI}"><img src="${LOCAL_LOGO_DATA_URI}">`,
    );
  });

  it("makes the build fail when Redoc stops using the URLs it knows", () => {
    expect(() => replaceRemoteAttributionLogo(`<img src="${REMOTE_LOGO_URLS[0]}">`)).toThrow(
      /logo-mini\.svg is no longer in the page/,
    );
  });

  it("makes the build fail when another cdn.redoc.ly asset appears", () => {
    const page = `${REMOTE_LOGO_URLS.join(" ")} https://cdn.redoc.ly/redoc/other.svg`;
    expect(() => replaceRemoteAttributionLogo(page)).toThrow(/still references cdn\.redoc\.ly/);
  });

  it("leaves telemetry off in the page's Redoc options", () => {
    expect(builtPage).toMatch(/const __redoc_options = \{[^\n]*"disableTelemetry":true/);
  });
});
