// `pnpm build`: the reference site into dist/.
import { buildDocs, defaultBuildOptions } from "./build-docs.ts";

const indexHtml = buildDocs(defaultBuildOptions);
console.log(`Built ${indexHtml}`);
