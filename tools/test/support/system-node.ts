// The machine's own Node (20 here), found on PATH outside pnpm's pinned Node 24 and node_modules/.bin.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

export function findSystemNode(): { path: string; version: string } {
  const candidates = [
    "/usr/bin/node",
    ...(process.env.PATH ?? "")
      .split(delimiter)
      .filter((dir) => !dir.includes("node_modules") && !dir.includes("pnpm"))
      .map((dir) => join(dir, "node")),
  ];
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ["--version"], { encoding: "utf8" }).trim();
    if (version !== process.version) return { path, version };
  }
  throw new Error(`No system Node other than ${process.version} found (looked at ${candidates.join(", ")}).`);
}
