// The consumer's install step on its own, against a throw-away Verdaccio holding nothing: the registry
// serves the @aidp scope only and proxies nothing, and a broken install fails fast with npm's own error,
// leaving no process behind.
import { rmSync } from "node:fs";
import { beginTestRun, processesOfRun, runProcess, TEST_RUN_ENV } from "@aidp/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalRegistry, startLocalRegistry } from "../release/local-registry.ts";
import { createConsumerProject, installPackages } from "./support/consumer-project.ts";
import { userShellEnvironment } from "./support/user-shell.ts";

/** npm's answer to a package the registry does not hold comes in seconds; the bound leaves room for a busy machine. */
const BROKEN_INSTALL_TIMEOUT_MS = 45_000;

let registry: LocalRegistry;
let outerRun: string | undefined;
let thisRun: string;
const consumerDirs: string[] = [];

beforeAll(async () => {
  // A run of its own inside the package's, so that "no process left" means this file's processes only.
  outerRun = process.env[TEST_RUN_ENV];
  thisRun = beginTestRun("consumer-install");
  registry = await startLocalRegistry();
});

afterAll(async () => {
  await registry?.stop();
  for (const dir of consumerDirs) rmSync(dir, { recursive: true, force: true });
  process.env[TEST_RUN_ENV] = outerRun;
});

describe("the throw-away registry", () => {
  it("holds the @aidp scope only and fetches nothing from elsewhere", async () => {
    const status = async (name: string) => (await fetch(`${registry.url}${name.replace("/", "%2f")}`)).status;
    expect(await status("@aidp/client"), "an @aidp package not published yet").toBe(404);
    // No rule gives anyone access to another package, and no uplink would fetch it.
    expect(await status("openapi-fetch")).toBe(401);
    expect(await status("@stoplight/prism-cli")).toBe(401);
  });
});

describe("a consumer install", () => {
  it("gets the @aidp scope from the local registry and everything else from the public one", async () => {
    const dir = createConsumerProject(registry.url);
    consumerDirs.push(dir);
    // As npm itself resolves its config there: the project's .npmrc over the user's, none of pnpm's settings.
    const config = await runProcess("npm", ["config", "get", "registry", "@aidp:registry"], {
      cwd: dir,
      env: userShellEnvironment(),
      timeoutMs: 30_000,
    });
    expect(config).toBe(`registry=https://registry.npmjs.org/\n@aidp:registry=${registry.url}\n`);
  });

  it(
    "of a package the registry does not hold fails with npm's own error and leaves no process",
    async () => {
      const dir = createConsumerProject(registry.url);
      consumerDirs.push(dir);
      const failure = await installPackages(dir, ["@aidp/does-not-exist"], BROKEN_INSTALL_TIMEOUT_MS).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      const message = (failure as Error).message;
      expect(message).toContain("`npm install --no-audit --no-fund --prefer-offline @aidp/does-not-exist`");
      expect(message).toMatch(/exited with code [1-9]/);
      expect(message).toContain("npm error code E404");
      expect(message).toContain(`404 Not Found - GET ${registry.url}@aidp%2fdoes-not-exist`);
      expect(processesOfRun(thisRun)).toEqual([]);
    },
    BROKEN_INSTALL_TIMEOUT_MS + 15_000,
  );
});
