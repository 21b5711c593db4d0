// Runs the three checks of a published package's tarball: publint, are-the-types-wrong and the file list.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runProcess, runToExit } from "@aidp/test-support";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { type PackedFile, packProblems } from "./pack-rules.ts";
import type { WorkspacePackage } from "./workspace-packages.ts";

/** attw packs the package and type-checks every entry point: seconds, more on a busy machine. */
const ATTW_TIMEOUT_MS = 120_000;
/** npm only lists the files it would pack. */
const PACK_LIST_TIMEOUT_MS = 60_000;
const attwBin = new URL("../node_modules/.bin/attw", import.meta.url).pathname;

/** publint on what `pnpm pack` would publish; every message (error, warning or suggestion) is a problem. */
export async function publintProblems(pkg: WorkspacePackage): Promise<string[]> {
  const { messages, pkg: manifest } = await publint({ pkgDir: pkg.dir, level: "suggestion", pack: "pnpm" });
  return messages.map((message) => `${pkg.name}: ${formatMessage(message, manifest) ?? message.code}`);
}

/**
 * attw --pack with the esm-only profile: our packages are ESM-only on purpose (Node >= 20.19 can
 * require() ESM), so the node10 and node16-from-CommonJS resolutions are not checked; node16-from-ESM
 * and bundler are. A package that declares no types (the spec's YAML/JSON, the docs' HTML) has nothing
 * for attw to analyse; that is reported, not hidden.
 */
export async function attwResult(
  pkg: WorkspacePackage,
): Promise<{ exitCode: number; typed: boolean; problems: string[] }> {
  const excluded = assetEntrypoints(pkg.manifest);
  const exclude = excluded.length > 0 ? ["--exclude-entrypoints", ...excluded] : [];
  const args = ["--pack", pkg.dir, "--profile", "esm-only", "--format", "json", ...exclude];
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

/** `npm pack --dry-run --json` of the package, checked against tools/release/pack-rules.ts. */
export async function packListProblems(
  pkg: WorkspacePackage,
): Promise<{ files: PackedFile[]; problems: string[] }> {
  const stdout = await runProcess("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: pkg.dir,
    timeoutMs: PACK_LIST_TIMEOUT_MS,
  });
  const [tarball] = JSON.parse(stdout) as { files: PackedFile[]; unpackedSize: number }[];
  if (!tarball) throw new Error(`${pkg.name}: npm pack --dry-run printed no tarball`);
  const readSourceMap = (path: string) => JSON.parse(readFileSync(join(pkg.dir, path), "utf8"));
  return {
    files: tarball.files,
    problems: packProblems(pkg.name, tarball.files, tarball.unpackedSize, readSourceMap),
  };
}

/** Whether the manifest promises type declarations anywhere (a `types` field or condition). */
export function declaresTypes(manifest: Record<string, unknown>): boolean {
  return (
    "types" in manifest || "typings" in manifest || JSON.stringify(manifest.exports ?? {}).includes('"types"')
  );
}
