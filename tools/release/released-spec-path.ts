// Where the spec of the last release is kept (committed with each version bump).
import { join } from "node:path";
import { repoRoot } from "./workspace-packages.ts";

export const releasedSpecPath = join(repoRoot, "tools", "released-spec", "openapi.json");
