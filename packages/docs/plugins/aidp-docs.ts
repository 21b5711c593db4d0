// Redocly plugin of the reference site: the decorators that shape the bundle before Redoc renders it.
import { clientAuthLinkDecorator } from "./client-auth-link.ts";
import { codeSamplesDecorator } from "./code-samples.ts";
import { guidesDecorator } from "./guides.ts";
import { releaseInfoDecorator } from "./release-info.ts";

export default function aidpDocsPlugin() {
  return {
    id: "aidp-docs",
    decorators: {
      oas3: {
        "client-auth-link": clientAuthLinkDecorator,
        "code-samples": codeSamplesDecorator,
        guides: guidesDecorator,
        "release-info": releaseInfoDecorator,
      },
    },
  };
}
