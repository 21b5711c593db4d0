// What a user's terminal has outside this workspace: the machine's own Node and npm first on PATH (not pnpm's
// pinned Node 24 or node_modules/.bin), and none of the npm_config_* variables that `pnpm run` exports to its
// scripts (pnpm's globalconfig among them, which would hide the machine's npm config: its CA file, its proxy).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

const pathOutsideWorkspace = (path = process.env.PATH ?? "") =>
  path.split(delimiter).filter((dir) => dir !== "" && !dir.includes("node_modules") && !dir.includes("pnpm"));

/** The variables pnpm, npm and Node's module resolution set for a workspace script. */
const WORKSPACE_VARIABLE = /^(npm_|pnpm_|PNPM_|NODE_PATH$|INIT_CWD$)/i;

/** This process's environment as a user's terminal would have it, outside the workspace. */
export function userShellEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !WORKSPACE_VARIABLE.test(name)),
  );
  return { ...env, PATH: pathOutsideWorkspace().join(delimiter) };
}

/** The machine's own Node (20 here), found on PATH outside pnpm's pinned Node 24 and node_modules/.bin. */
export function findSystemNode(): { path: string; version: string } {
  const candidates = ["/usr/bin/node", ...pathOutsideWorkspace().map((dir) => join(dir, "node"))];
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ["--version"], { encoding: "utf8" }).trim();
    if (version !== process.version) return { path, version };
  }
  throw new Error(`No system Node other than ${process.version} found (looked at ${candidates.join(", ")}).`);
}
