// The machine and the versions a run measured, for the head of results.md.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, platform, release, totalmem } from "node:os";
import { benchRoot } from "../measure/run-child.ts";
import { markdownTable } from "./markdown.ts";

const comparedPackages = [
  "@aidp/client",
  "@aidp/types",
  "openapi-fetch",
  "oci-aidataplatform",
  "oci-common",
  "esbuild",
  "typescript",
] as const;

/** The installed version: the bench's node_modules links each of its devDependencies. */
function installedVersion(name: string): string {
  const manifest = new URL(`node_modules/${name}/package.json`, benchRoot);
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}

const commandVersion = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: benchRoot, encoding: "utf8" }).trim();

export function machineSection(): string {
  const cpuList = cpus();
  const machine = [
    ["CPU", cpuList[0]?.model.trim() ?? "unknown"],
    ["cores", String(cpuList.length)],
    ["memory", `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`],
    ["OS", `${platform()} ${release()}`],
    ["Node.js", process.version],
    ["pnpm", commandVersion("pnpm", ["--version"])],
    ["turbo", commandVersion("pnpm", ["exec", "turbo", "--version"])],
    ["commit", commandVersion("git", ["rev-parse", "--short", "HEAD"])],
  ];
  const versions = comparedPackages.map((name) => [name, installedVersion(name)]);
  return [
    "## Machine",
    "",
    markdownTable(["", "value"], machine),
    "",
    "## Versions",
    "",
    markdownTable(["package", "version"], versions),
  ].join("\n");
}
