// Redocly decorator: stamps the page with the release it documents (the shared version of the @aidp
// packages, read from this package's package.json) and links to the files published next to the page.
import { readFileSync } from "node:fs";

/** Files the build copies next to index.html; the page links to them with relative URLs so they work offline. */
export const DOWNLOADS = {
  yaml: "openapi.yaml",
  json: "openapi.json",
  changelog: "CHANGELOG.md",
} as const;

export function releaseVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return manifest.version;
}

interface InfoNode {
  version?: string;
  description?: string;
}

export function releaseInfoDecorator() {
  return {
    Info: {
      leave(info: InfoNode) {
        const release = releaseVersion();
        const banner = [
          `**Release ${release}** of the \`@aidp\` packages (API version \`${info.version}\`).`,
          `Download the OpenAPI description as [${DOWNLOADS.yaml}](${DOWNLOADS.yaml}) or [${DOWNLOADS.json}](${DOWNLOADS.json});`,
          `see what changed in the [changelog](${DOWNLOADS.changelog}).`,
        ].join(" ");
        info.description = `${banner}\n\n${info.description ?? ""}`;
        info.version = release;
      },
    },
  };
}
