// Redocly decorator: every security scheme's description ends with a link to the Authentication guide in the
// same site (guides/02-authentication.md), which shows how to configure request signing.
import { readGuides } from "../scripts/guides.ts";
import { guideAnchor } from "./guides.ts";

const AUTHENTICATION_GUIDE_SLUG = "authentication";

function authenticationGuideAnchor(): string {
  const guide = readGuides().find((candidate) => candidate.slug === AUTHENTICATION_GUIDE_SLUG);
  if (!guide)
    throw new Error(
      `The security schemes link to guides/NN-${AUTHENTICATION_GUIDE_SLUG}.md, which is missing`,
    );
  return guideAnchor(guide);
}

interface SecuritySchemeNode {
  description?: string;
}

export function clientAuthLinkDecorator() {
  return {
    SecurityScheme: {
      leave(scheme: SecuritySchemeNode) {
        const link = `How to configure it: [the Authentication guide](${authenticationGuideAnchor()}).`;
        scheme.description = `${scheme.description ?? ""}\n\n${link}`;
      },
    },
  };
}
