// The real release path against a real registry: the README's release commands run in a copy of the repo and
// publish to a throw-away Verdaccio; a fresh project outside the workspace installs the packages with plain
// npm, type-checks a consumer (nodenext, bundler) and runs it against the installed mock on Node 20 and 24.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalRegistry, startLocalRegistry } from "../release/local-registry.ts";
import { releaseCommands } from "../release/releasing-commands.ts";
import { listPublishedPackages, repoRoot, type WorkspacePackage } from "../release/workspace-packages.ts";
import { copyRepository, gitIdentity } from "./support/repo-copy.ts";
import { runStep } from "./support/run-step.ts";
import { findSystemNode } from "./support/system-node.ts";

const consumerTemplate = new URL("./consumer/", import.meta.url).pathname;
const tsc = new URL("../node_modules/.bin/tsc", import.meta.url).pathname;
const installed = ["@aidp/client", "@aidp/types", "@aidp/mock", "@aidp/cli"];

let registry: LocalRegistry | undefined;
let mock: ChildProcess | undefined;
const tempDirs: string[] = [];
let releasedPackages: WorkspacePackage[] = [];
let consumerDir = "";
let releaseCopy = "";
let mockUrl = "";

beforeAll(async () => {
  registry = await startLocalRegistry();
  const home = mkdtempSync(join(tmpdir(), "aidp-release-home-"));
  tempDirs.push(home);
  const npmrc = join(home, ".npmrc");
  // The maintainer's npm config, pointed at the local registry for the @aidp scope only.
  writeFileSync(npmrc, `@aidp:registry=${registry.url}\n${registry.authLine}\n`);

  const copy = copyRepository(repoRoot, turnOffProvenance);
  tempDirs.push(copy);
  releaseCopy = copy;
  const releaseEnv = {
    ...process.env,
    ...gitIdentity,
    npm_config_userconfig: npmrc,
  };
  for (const line of releaseCommands())
    await runStep("bash", ["-euo", "pipefail", "-c", line], { cwd: copy, env: releaseEnv });
  releasedPackages = listPublishedPackages(copy);

  consumerDir = mkdtempSync(join(tmpdir(), "aidp-consumer-"));
  tempDirs.push(consumerDir);
  cpSync(consumerTemplate, consumerDir, { recursive: true });
  writeFileSync(
    join(consumerDir, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  // Only the @aidp scope comes from the local registry; their dependencies (openapi-fetch, Prism) from npm's.
  writeFileSync(join(consumerDir, ".npmrc"), `@aidp:registry=${registry.url}\n`);
  await runStep("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...installed], {
    cwd: consumerDir,
    env: { ...process.env, npm_config_userconfig: join(consumerDir, ".npmrc") },
  });
  mockUrl = await startInstalledMock(consumerDir);
}, 230_000);

afterAll(async () => {
  if (mock && mock.exitCode === null) {
    const exited = new Promise((resolve) => mock?.once("exit", resolve));
    mock.stdin?.end();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    mock.kill("SIGKILL");
  }
  await registry?.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * npm signs a publish with provenance only inside a CI provider with an OIDC token, and
 * publishConfig.provenance wins over NPM_CONFIG_PROVENANCE=false; outside CI this copy turns it off.
 */
function turnOffProvenance(copy: string) {
  for (const pkg of listPublishedPackages(copy)) {
    const manifestPath = join(pkg.dir, "package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    manifest.publishConfig.provenance = false;
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}

/** Runs start-mock.mjs on Node 24 (Prism needs it) from the consumer project; resolves with the mock's URL. */
function startInstalledMock(cwd: string): Promise<string> {
  mock = spawn(process.execPath, ["start-mock.mjs"], {
    cwd,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, SCARF_ANALYTICS: "false" },
  });
  let stderr = "";
  mock.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    mock?.once("exit", (code) =>
      reject(new Error(`the installed mock exited with ${code}: ${stderr.slice(-2000)}`)),
    );
    createInterface({ input: mock?.stdout as NodeJS.ReadableStream }).once("line", (line) =>
      resolve(JSON.parse(line).url),
    );
  });
}

describe("after the documented release commands", () => {
  it("every published workspace package is on the registry at its new version", async () => {
    expect(releasedPackages.map((p) => p.name)).toEqual(expect.arrayContaining(installed));
    const before = new Map(listPublishedPackages().map((p) => [p.name, p.version]));
    const versions = new Set(releasedPackages.map((p) => p.version));
    expect(versions.size, "one fixed version for all").toBe(1);
    for (const pkg of releasedPackages) {
      expect(pkg.version).not.toBe(before.get(pkg.name));
      const response = await fetch(`${registry?.url}${pkg.name.replace("/", "%2f")}`);
      expect(response.status, pkg.name).toBe(200);
      const meta = (await response.json()) as { "dist-tags": { latest: string } };
      expect(meta["dist-tags"].latest, pkg.name).toBe(pkg.version);
      expect(readFileSync(join(pkg.dir, "CHANGELOG.md"), "utf8"), pkg.name).toContain(`## ${pkg.version}`);
    }
  });

  it("recorded the released spec as the breaking-change baseline and tagged each package", async () => {
    const released = readFileSync(join(releaseCopy, "tools/released-spec/openapi.json"), "utf8");
    expect(released).toBe(readFileSync(join(releaseCopy, "spec/dist/openapi.json"), "utf8"));
    const tags = (await runStep("git", ["tag", "--list"], { cwd: releaseCopy })).trim().split("\n");
    expect(tags.sort()).toEqual(releasedPackages.map((p) => `${p.name}@${p.version}`).sort());
  });

  it("npm installed them, with real versions where the workspace had workspace:*", () => {
    const version = releasedPackages[0]?.version;
    const client = JSON.parse(
      readFileSync(join(consumerDir, "node_modules/@aidp/client/package.json"), "utf8"),
    );
    expect(client.version).toBe(version);
    expect(client.dependencies["@aidp/types"]).toBe(version);
  });
});

describe("a consumer project outside the workspace", () => {
  it("type-checks with tsc --strict under moduleResolution nodenext", async () => {
    await runStep(tsc, ["-p", "tsconfig.nodenext.json"], { cwd: consumerDir });
  });

  it("type-checks with tsc --strict under moduleResolution bundler", async () => {
    await runStep(tsc, ["-p", "tsconfig.bundler.json"], { cwd: consumerDir });
  });

  const expectWorkingConsumer = (stdout: string, nodeVersion: string) => {
    const report = JSON.parse(stdout);
    expect(report.node).toBe(nodeVersion);
    expect(report.search.items).toBeGreaterThan(0);
    expect(report.search.requestId).toMatch(/\S/);
    expect(report.download).toEqual({ asyncOperationKey: expect.stringMatching(/\S/), hasLogUrl: true });
    expect(report.notFound).toEqual({ errorClass: "AidpNotFoundError", status: 404, isApiError: true });
    // maxPages: 2 is honoured; the stock mock repeats its page token, which the client reports after page 2.
    expect(report.pagination).toEqual({ pages: 2, stoppedBy: "AidpPaginationError" });
    expect(report.statusValues).toContain("FAILED");
  };

  it("runs against the installed mock on Node 24", async () => {
    const stdout = await runStep(process.execPath, ["run-consumer.mjs", mockUrl], { cwd: consumerDir });
    expectWorkingConsumer(stdout, process.version);
  });

  it("runs against the installed mock on the system Node 20", async () => {
    const systemNode = findSystemNode();
    expect(systemNode.version).toMatch(/^v20\./);
    const stdout = await runStep(systemNode.path, ["run-consumer.mjs", mockUrl], { cwd: consumerDir });
    expectWorkingConsumer(stdout, systemNode.version);
  });
});

describe("the installed aidp command", () => {
  const aidpBin = () => join(consumerDir, "node_modules/@aidp/cli/dist/bin.js");

  it("npx aidp --version prints the released version", async () => {
    const stdout = await runStep("npx", ["--no-install", "aidp", "--version"], { cwd: consumerDir });
    expect(stdout.trim()).toBe(releasedPackages[0]?.version);
  });

  it("searches the installed mock, on Node 24 and on the system Node 20", async () => {
    const search = [
      "audit",
      "search-logs",
      "--auth",
      "none",
      "--endpoint",
      mockUrl,
      "--instance-id",
      "ocid1.x",
    ];
    const viaNpx = await runStep("npx", ["--no-install", "aidp", ...search, "--output", "ndjson"], {
      cwd: consumerDir,
    });
    expect(viaNpx.trim().split("\n").length).toBeGreaterThan(0);
    expect(JSON.parse(viaNpx.split("\n")[0] ?? "")).toHaveProperty("eventId");
    const csv = await runStep(findSystemNode().path, [aidpBin(), ...search, "--output", "csv"], {
      cwd: consumerDir,
    });
    expect(csv.split("\r\n")[0]).toContain("eventId");
  });
});
