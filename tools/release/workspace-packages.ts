// The workspace's published packages, read from pnpm's own workspace list so that a package added to
// pnpm-workspace.yaml is checked and released without editing this tooling.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const repoRoot = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
  manifest: Record<string, unknown>;
}

/** Every workspace package that is not `private`, in a stable order (by name). */
export function listPublishedPackages(root = repoRoot): WorkspacePackage[] {
  const listing = JSON.parse(
    execFileSync("pnpm", ["ls", "--recursive", "--depth", "-1", "--json"], { cwd: root, encoding: "utf8" }),
  ) as { name?: string; path: string; private?: boolean }[];
  return listing
    .filter((entry) => entry.name !== undefined && entry.private !== true && entry.path !== root)
    .map((entry) => {
      const manifest = JSON.parse(readFileSync(join(entry.path, "package.json"), "utf8"));
      return { name: manifest.name, version: manifest.version, dir: entry.path, manifest };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
