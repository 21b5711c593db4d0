// Cycles in the workspace's package graph and in a package's import graph, found by madge. A cycle is written
// `a → b → a`, starting at its alphabetically first node, so the same cycle always reads the same.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import madge from "madge";

export interface WorkspacePackageManifest {
  name: string;
  dir: string;
  /** Every dependency it declares (dependencies, devDependencies, peer and optional ones). */
  dependsOn: string[];
}

/** The workspace's packages as pnpm lists them, with what each declares in its package.json. */
export function workspaceManifests(root: string): WorkspacePackageManifest[] {
  const listing = JSON.parse(
    execFileSync("pnpm", ["ls", "--recursive", "--depth", "-1", "--json"], { cwd: root, encoding: "utf8" }),
  ) as { path: string }[];
  return listing
    .filter((entry) => entry.path !== root && entry.path !== root.replace(/\/$/, ""))
    .map((entry) => {
      const manifest = JSON.parse(readFileSync(join(entry.path, "package.json"), "utf8"));
      const dependsOn = Object.keys({
        ...manifest.dependencies,
        ...manifest.devDependencies,
        ...manifest.peerDependencies,
        ...manifest.optionalDependencies,
      });
      return { name: manifest.name as string, dir: entry.path, dependsOn };
    });
}

/** The cycles among `packages` through the dependencies they declare on each other. */
export async function packageCycles(packages: WorkspacePackageManifest[]): Promise<string[]> {
  const names = new Set(packages.map((p) => p.name));
  const graph = Object.fromEntries(
    packages.map((p) => [p.name, p.dependsOn.filter((dependency) => names.has(dependency))]),
  );
  return (await madge(graph)).circular().map(describeCycle);
}

/**
 * The cycles among the TypeScript files under `sourceDir` (type-only and dynamic imports included: a cycle
 * through either still ties the files together). Imports that leave the folder are not followed.
 */
export async function importCycles(sourceDir: string, tsConfig?: string): Promise<string[]> {
  const result = await madge(sourceDir, {
    baseDir: sourceDir,
    fileExtensions: ["ts", "mts"],
    excludeRegExp: [/^\.\.\//, /node_modules/],
    ...(tsConfig && existsSync(tsConfig) ? { tsConfig } : {}),
  });
  const files = Object.keys(result.obj());
  if (files.length === 0) throw new Error(`madge read no TypeScript file under ${sourceDir}`);
  return result.circular().map(describeCycle);
}

/** `["b.ts", "a.ts"]` → `a.ts → b.ts → a.ts`. */
function describeCycle(nodes: string[]): string {
  const first = nodes.indexOf([...nodes].sort()[0] as string);
  const rotated = [...nodes.slice(first), ...nodes.slice(0, first)];
  return [...rotated, rotated[0]].join(" → ");
}
