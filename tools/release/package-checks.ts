// Runs the three checks of a published package's tarball: publint, are-the-types-wrong and the file list. The
// package is packed once, by pnpm as `pnpm publish` packs it (workspace:* turned into versions), and all three
// read that one tarball: each used to pack it again on its own, three package-manager runs per package.
import { readFileSync } from "node:fs";
import { runToExit } from "@aidp/test-support";
import { pack, unpack } from "@publint/pack";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { type PackedFile, packProblems } from "./pack-rules.ts";
import type { WorkspacePackage } from "./workspace-packages.ts";

/** attw type-checks every entry point of the tarball: seconds, more on a busy machine. */
const ATTW_TIMEOUT_MS = 120_000;
const attwBin = new URL("../node_modules/.bin/attw", import.meta.url).pathname;

/** One package's tarball, as `pnpm pack` writes it, and its entries (`package/dist/index.js`) under `rootDir`. */
export interface PackedPackage {
  tarballPath: string;
  rootDir: string;
  entries: { name: string; data: Uint8Array }[];
}

/** Packs the package into `destination` with pnpm (lifecycle scripts off: the package is built already). */
export async function packPackage(pkg: WorkspacePackage, destination: string): Promise<PackedPackage> {
  const tarballPath = await pack(pkg.dir, { packageManager: "pnpm", ignoreScripts: true, destination });
  const { files, rootDir } = await unpack(new Uint8Array(readFileSync(tarballPath)));
  return { tarballPath, rootDir, entries: files };
}

/** A tarball entry's path inside the package (`dist/index.js`). */
const packagePath = (packed: PackedPackage, entryName: string) => entryName.slice(packed.rootDir.length + 1);

/** The packed files, paths relative to the package root, with their sizes. */
export function packedFiles(packed: PackedPackage): PackedFile[] {
  return packed.entries.map(({ name, data }) => ({ path: packagePath(packed, name), size: data.byteLength }));
}

/** publint on the packed files; every message (error, warning or suggestion) is a problem. */
export async function publintProblems(pkg: WorkspacePackage, packed: PackedPackage): Promise<string[]> {
  const { messages, pkg: manifest } = await publint({
    pkgDir: packed.rootDir,
    level: "suggestion",
    pack: { files: packed.entries },
  });
  return messages.map((message) => `${pkg.name}: ${formatMessage(message, manifest) ?? message.code}`);
}

/**
 * attw on the tarball with the esm-only profile: our packages are ESM-only on purpose (Node >= 20.19 can
 * require() ESM), so the node10 and node16-from-CommonJS resolutions are not checked; node16-from-ESM
 * and bundler are. A package that declares no types (the spec's YAML/JSON, the docs' HTML) has nothing
 * for attw to analyse; that is reported, not hidden.
 */
export async function attwResult(
  pkg: WorkspacePackage,
  packed: PackedPackage,
): Promise<{ exitCode: number; typed: boolean; problems: string[] }> {
  const excluded = assetEntrypoints(pkg.manifest);
  const exclude = excluded.length > 0 ? ["--exclude-entrypoints", ...excluded] : [];
  const args = [packed.tarballPath, "--profile", "esm-only", "--format", "json", ...exclude];
  // attw exits non-zero when it finds a problem; the JSON on stdout says which.
  const { exit, stdout } = await runToExit(attwBin, args, { name: "attw", timeoutMs: ATTW_TIMEOUT_MS });
  const report = JSON.parse(stdout) as {
    analysis: { types: unknown };
    problems?: Record<string, { kind: string; entrypoint?: string; resolutionKind?: string }[]>;
  };
  // The JSON lists the problems of the resolutions the profile ignores too; keep those it checks.
  const problems = Object.values(report.problems ?? {})
    .flat()
    .filter((p) => p.resolutionKind === undefined || !resolutionsIgnoredByEsmOnly.has(p.resolutionKind))
    .map(
      (p) => `${pkg.name}: ${p.kind} at ${p.entrypoint ?? "?"} (${p.resolutionKind ?? "all resolutions"})`,
    );
  return { exitCode: exit.code ?? 1, typed: report.analysis.types !== false, problems };
}

/**
 * Export subpaths that are data files, not modules (`./openapi.yaml`, `./index.html`): TypeScript cannot
 * resolve them, so attw would report NoResolution; they are left to publint and the pack check.
 */
export function assetEntrypoints(manifest: Record<string, unknown>): string[] {
  const exportsMap = manifest.exports;
  if (typeof exportsMap !== "object" || exportsMap === null) return [];
  return Object.entries(exportsMap)
    .filter(([, target]) => typeof target === "string" && !/\.(m|c)?js$|\.json$/.test(target))
    .map(([subpath]) => subpath);
}

/** CommonJS consumers (node10, node16 from require) are excluded on purpose: the packages are ESM-only. */
const resolutionsIgnoredByEsmOnly = new Set(["node10", "node16-cjs"]);

/** The tarball's file list checked against tools/release/pack-rules.ts (source maps read from the tarball). */
export function packListProblems(pkg: WorkspacePackage, packed: PackedPackage): string[] {
  const files = packedFiles(packed);
  const unpackedSize = files.reduce((sum, file) => sum + file.size, 0);
  const readSourceMap = (path: string) => {
    const entry = packed.entries.find((e) => packagePath(packed, e.name) === path);
    if (!entry) throw new Error(`${pkg.name}: ${path} is not in the tarball`);
    return JSON.parse(new TextDecoder().decode(entry.data));
  };
  return packProblems(pkg.name, files, unpackedSize, readSourceMap);
}

/** Whether the manifest promises type declarations anywhere (a `types` field or condition). */
export function declaresTypes(manifest: Record<string, unknown>): boolean {
  return (
    "types" in manifest || "typings" in manifest || JSON.stringify(manifest.exports ?? {}).includes('"types"')
  );
}
