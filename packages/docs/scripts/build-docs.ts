// Builds the reference site: Redoc (inlined, no CDN) renders @aidp/spec's bundle after this package's
// decorators added the code samples and the release banner; the bundle and the changelog are copied next to
// index.html so the page's download and changelog links work offline.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DOWNLOADS, releaseVersion } from "../plugins/release-info.ts";
import { menuLinksAsHashRoutes } from "./menu-links.ts";
import { replaceRemoteAttributionLogo } from "./remote-attribution-logo.ts";

const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL("..", import.meta.url));

export interface BuildDocsOptions {
  /** The bundled OpenAPI description as YAML; its JSON twin (same name, `.json`) is copied too. */
  bundleYaml: string;
  outDir: string;
}

export const defaultBuildOptions: BuildDocsOptions = {
  bundleYaml: require.resolve("@aidp/spec/openapi.yaml"),
  outDir: join(packageDir, "dist"),
};

export function buildDocs({ bundleYaml, outDir }: BuildDocsOptions): string {
  const bundleJson = bundleYaml.replace(/\.yaml$/, ".json");
  const info = JSON.parse(readFileSync(bundleJson, "utf8")).info;
  const indexHtml = join(outDir, "index.html");
  mkdirSync(outDir, { recursive: true });

  const redocly = require.resolve("@redocly/cli/bin/cli.js");
  // biome-ignore format: one flag per line reads best
  execFileSync(process.execPath, [
    redocly, "build-docs", bundleYaml,
    "--config", join(packageDir, "redocly.yaml"),
    "--template", join(packageDir, "template.hbs"),
    "--inlineBundle",
    "--title", `${info.title} — reference, release ${releaseVersion()}`,
    "--templateOptions.metaDescription", info.summary,
    "--output", indexHtml,
  ], {
    stdio: "pipe", // Redocly's banner only matters when it fails, and then it is in the thrown error
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });

  writeFileSync(
    indexHtml,
    menuLinksAsHashRoutes(replaceRemoteAttributionLogo(readFileSync(indexHtml, "utf8"))),
  );
  copyFileSync(bundleYaml, join(outDir, DOWNLOADS.yaml));
  copyFileSync(bundleJson, join(outDir, DOWNLOADS.json));
  copyFileSync(join(packageDir, "CHANGELOG.md"), join(outDir, DOWNLOADS.changelog));
  return indexHtml;
}
