// Breaking-change gate of the spec: fails when spec/dist/openapi.json breaks the last released spec
// (tools/released-spec/openapi.json, written by `pnpm run version-packages`) and no pending changeset
// bumps @aidp/spec by `major`.
// Usage: node tools/release/check-spec-breaking.ts [--released FILE] [--current FILE] [--repo DIR]
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readChangesets } from "@changesets/read";
import { releasedSpecPath } from "./released-spec-path.ts";
import { breakingChanges } from "./spec-breaking-changes.ts";
import { repoRoot } from "./workspace-packages.ts";

const { values } = parseArgs({
  options: {
    released: { type: "string", default: releasedSpecPath },
    current: { type: "string", default: join(repoRoot, "spec", "dist", "openapi.json") },
    repo: { type: "string", default: repoRoot },
  },
});
const { released, current, repo } = values as Record<"released" | "current" | "repo", string>;

if (!existsSync(released)) {
  console.log(
    `Spec breaking-change gate skipped: no released spec at ${released} yet (nothing has been released).`,
  );
  process.exit(0);
}
if (!existsSync(current)) {
  console.error(`Spec breaking-change gate: ${current} does not exist; run \`pnpm build\` first.`);
  process.exit(1);
}
const changes = breakingChanges(
  JSON.parse(readFileSync(released, "utf8")),
  JSON.parse(readFileSync(current, "utf8")),
);
if (changes.length === 0) {
  console.log("Spec breaking-change gate: no breaking change since the last release.");
  process.exit(0);
}
const majorChangesets = (await readChangesets(repo)).filter((changeset) =>
  changeset.releases.some((release) => release.name === "@aidp/spec" && release.type === "major"),
);
const list = changes.map((change) => `  - ${change.description} (${change.where})`).join("\n");
if (majorChangesets.length > 0) {
  const ids = majorChangesets.map((changeset) => changeset.id).join(", ");
  console.log(
    `Spec breaking-change gate: ${changes.length} breaking change(s), announced by major changeset ${ids}:\n${list}`,
  );
  process.exit(0);
}
console.error(
  `Spec breaking-change gate: ${changes.length} breaking change(s) since the last release and no \`major\` changeset for @aidp/spec:\n${list}\n` +
    "Either make the change additive, or run `pnpm changeset`, pick @aidp/spec and `major`, and say what users must change.",
);
process.exit(1);
