// Part of `pnpm run version-packages`, after it has built @aidp/spec: keeps the spec being released as the
// baseline that the breaking-change gate (check-spec-breaking.ts) compares later changes with. Commit it with
// the versions.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { releasedSpecPath } from "./released-spec-path.ts";
import { repoRoot } from "./workspace-packages.ts";

const bundle = join(repoRoot, "spec", "dist", "openapi.json");
if (!existsSync(bundle)) {
  console.error(`${bundle} does not exist: run \`pnpm run version-packages\`, which builds it first.`);
  process.exit(1);
}
mkdirSync(dirname(releasedSpecPath), { recursive: true });
copyFileSync(bundle, releasedSpecPath);
console.log(`Recorded the released spec: ${releasedSpecPath}`);
