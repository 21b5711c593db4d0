// Redocly decorator: every security scheme's description ends with a link to the section of the
// @aidp/client README that shows how to configure request signing. The link is derived from the client's
// package.json (repository and folder), so it follows the repository if it moves.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function clientAuthenticationUrl(): string {
  const manifest = JSON.parse(readFileSync(require.resolve("@aidp/client/package.json"), "utf8"));
  const repository = String(manifest.repository.url)
    .replace(/^git\+/, "")
    .replace(/\.git$/, "");
  return `${repository}/blob/main/${manifest.repository.directory}/README.md#authentication`;
}

interface SecuritySchemeNode {
  description?: string;
}

export function clientAuthLinkDecorator() {
  return {
    SecurityScheme: {
      leave(scheme: SecuritySchemeNode) {
        const link = `How to configure it: [\`@aidp/client\` README, Authentication](${clientAuthenticationUrl()}).`;
        scheme.description = `${scheme.description ?? ""}\n\n${link}`;
      },
    },
  };
}
