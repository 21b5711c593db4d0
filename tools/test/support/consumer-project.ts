// A project outside the workspace that installs our packages the way users set it up: its .npmrc sends the
// @aidp scope to the local registry and everything else (openapi-fetch, Prism's dependencies) to the public
// registry, through the user's own npm and npm config. Only our packages go through the local registry.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess } from "@aidp/test-support";
import { userShellEnvironment } from "./user-shell.ts";

const consumerTemplate = new URL("../consumer/", import.meta.url).pathname;

/**
 * npm installing @aidp/mock's tree takes about 15 s from an empty cache on this kind of machine (most of it
 * Prism's dependencies from the public registry); the bound leaves room for a slow network and a busy machine.
 */
export const CONSUMER_INSTALL_TIMEOUT_MS = 150_000;

/** A fresh consumer project (the files of test/consumer/) whose @aidp scope comes from `registryUrl`. */
export function createConsumerProject(registryUrl: string): string {
  const dir = mkdtempSync(join(tmpdir(), "aidp-consumer-"));
  cpSync(consumerTemplate, dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  writeFileSync(join(dir, ".npmrc"), `@aidp:registry=${registryUrl}\n`);
  return dir;
}

/** `npm install <packages>` in the consumer project, as its user would type it; rejects with npm's error. */
export function installPackages(
  dir: string,
  packages: string[],
  timeoutMs = CONSUMER_INSTALL_TIMEOUT_MS,
): Promise<string> {
  return runProcess("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...packages], {
    cwd: dir,
    env: userShellEnvironment(),
    name: "npm install",
    timeoutMs,
  });
}
