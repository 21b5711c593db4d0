// The real release path against a real registry: the README's release commands run in a copy of the repo and
// publish to a throw-away Verdaccio; a fresh project outside the workspace installs the packages with plain
// npm (the @aidp scope from Verdaccio, everything else from the public registry), type-checks a consumer
// (nodenext, bundler) and runs it against the installed mock on Node 20 and 24.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess, type StartedProcess, startProcess, within } from "@aidp/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalRegistry, startLocalRegistry } from "../release/local-registry.ts";
import { releaseCommands } from "../release/releasing-commands.ts";
import { listPublishedPackages, repoRoot, type WorkspacePackage } from "../release/workspace-packages.ts";
import {
  CONSUMER_INSTALL_TIMEOUT_MS,
  createConsumerProject,
  installPackages,
} from "./support/consumer-project.ts";
import { copyRepository, gitIdentity } from "./support/repo-copy.ts";
import { findSystemNode, userShellEnvironment } from "./support/user-shell.ts";

const tsc = new URL("../node_modules/.bin/tsc", import.meta.url).pathname;
const installed = ["@aidp/client", "@aidp/types", "@aidp/mock", "@aidp/cli"];

/**
 * How long each release command may take, by what it does: a full workspace build in a copy with no turbo
 * cache (every package, the docs site included) is the longest; installing from pnpm's store, building the
 * spec and versioning, and publishing five packages to a local registry are shorter; git is quick.
 */
function releaseStepTimeoutMs(command: string): number {
  if (/\bbuild\b/.test(command)) return 180_000;
  // version-packages builds @aidp/spec before versioning.
  if (/\binstall\b|\brelease\b|\bversion-packages\b/.test(command)) return 120_000;
  return 60_000;
}
/** The installed mock prints its URL once Prism answers; Prism's start-up takes seconds on a busy machine. */
const MOCK_START_TIMEOUT_MS = 60_000;
const MOCK_STOP_TIMEOUT_MS = 10_000;
/** tsc on one consumer file and the packages' declarations. */
const TSC_TIMEOUT_MS = 60_000;
/** The consumer makes a handful of requests to the local mock. */
const CONSUMER_RUN_TIMEOUT_MS = 30_000;

let registry: LocalRegistry | undefined;
let mock: StartedProcess | undefined;
const tempDirs: string[] = [];
let releasedPackages: WorkspacePackage[] = [];
let consumerDir = "";
let releaseCopy = "";
let mockUrl = "";

// Each step has its own bound and says what it waited for; the hook's bound is their sum plus the in-process
// work (copying the repository, starting Verdaccio), so a step's own message comes first.
const setupTimeoutMs =
  releaseCommands().reduce((sum, line) => sum + releaseStepTimeoutMs(line), 0) +
  CONSUMER_INSTALL_TIMEOUT_MS +
  MOCK_START_TIMEOUT_MS +
  30_000;

beforeAll(async () => {
  registry = await startLocalRegistry();
  const home = mkdtempSync(join(tmpdir(), "aidp-release-home-"));
  tempDirs.push(home);
  const npmrc = join(home, ".npmrc");
  // The maintainer's npm config, pointed at the local registry for the @aidp scope only.
  writeFileSync(npmrc, `@aidp:registry=${registry.url}\n${registry.authLine}\n`);

  // As it is: the README's commands publish without provenance themselves (release:no-provenance).
  const copy = copyRepository(repoRoot);
  tempDirs.push(copy);
  releaseCopy = copy;
  const releaseEnv = {
    ...process.env,
    ...gitIdentity,
    npm_config_userconfig: npmrc,
  };
  for (const line of releaseCommands())
    await runProcess("bash", ["-euo", "pipefail", "-c", line], {
      cwd: copy,
      env: releaseEnv,
      name: `\`${line}\``,
      timeoutMs: releaseStepTimeoutMs(line),
    });
  releasedPackages = listPublishedPackages(copy);

  consumerDir = createConsumerProject(registry.url);
  tempDirs.push(consumerDir);
  await installPackages(consumerDir, installed);
  mockUrl = await startInstalledMock(consumerDir);
}, setupTimeoutMs);

afterAll(async () => {
  if (mock) {
    // start-mock.mjs stops the mock when its stdin closes; past the bound its process group is ended.
    mock.child.stdin?.end();
    await within(mock.exited, { timeoutMs: MOCK_STOP_TIMEOUT_MS, what: "the installed mock to stop" }).catch(
      () => {},
    );
    await mock.stop();
  }
  await registry?.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs start-mock.mjs from the consumer project on the system Node 20, the oldest Node @aidp/mock supports
 * (every other test runs the mock on Node 24); resolves with the mock's URL.
 */
async function startInstalledMock(cwd: string): Promise<string> {
  mock = startProcess(findSystemNode().path, ["start-mock.mjs"], {
    cwd,
    stdin: "pipe",
    env: { ...process.env, SCARF_ANALYTICS: "false" },
    name: "the installed mock",
  });
  const { input: line } = await mock.waitForLine(/^\{"url":/, {
    timeoutMs: MOCK_START_TIMEOUT_MS,
    what: "the installed mock to print its URL",
  });
  return JSON.parse(line).url;
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

  it("published without provenance from this machine, and put the manifests back as they were", async () => {
    for (const pkg of releasedPackages)
      expect((pkg.manifest.publishConfig as { provenance?: boolean }).provenance, pkg.name).toBe(true);
    const changed = await runProcess("git", ["status", "--porcelain", "--", "*package.json"], {
      cwd: releaseCopy,
      timeoutMs: 10_000,
    });
    expect(changed).toBe("");
  });

  it("recorded the released spec as the breaking-change baseline and tagged each package", async () => {
    const released = readFileSync(join(releaseCopy, "tools/released-spec/openapi.json"), "utf8");
    expect(released).toBe(readFileSync(join(releaseCopy, "spec/dist/openapi.json"), "utf8"));
    const tags = (await runProcess("git", ["tag", "--list"], { cwd: releaseCopy, timeoutMs: 10_000 }))
      .trim()
      .split("\n");
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
    await runProcess(tsc, ["-p", "tsconfig.nodenext.json"], { cwd: consumerDir, timeoutMs: TSC_TIMEOUT_MS });
  });

  it("type-checks with tsc --strict under moduleResolution bundler", async () => {
    await runProcess(tsc, ["-p", "tsconfig.bundler.json"], { cwd: consumerDir, timeoutMs: TSC_TIMEOUT_MS });
  });

  const expectWorkingConsumer = (stdout: string, nodeVersion: string) => {
    const report = JSON.parse(stdout);
    expect(report.node).toBe(nodeVersion);
    expect(report.search.items).toBeGreaterThan(0);
    expect(report.search.requestId).toMatch(/\S/);
    expect(report.download).toEqual({ asyncOperationKey: expect.stringMatching(/\S/), hasLogUrl: true });
    expect(report.notFound).toEqual({ errorClass: "AidpNotFoundError", status: 404, isApiError: true });
    // maxPages: 2 is honoured: the stateful mock has more pages, and the loop stops after two without error.
    expect(report.pagination).toEqual({ pages: 2 });
    expect(report.statusValues).toContain("FAILED");
  };

  it("runs against the installed mock on Node 24", async () => {
    const stdout = await runProcess(process.execPath, ["run-consumer.mjs", mockUrl], {
      cwd: consumerDir,
      timeoutMs: CONSUMER_RUN_TIMEOUT_MS,
    });
    expectWorkingConsumer(stdout, process.version);
  });

  it("runs against the installed mock on the system Node 20", async () => {
    const systemNode = findSystemNode();
    expect(systemNode.version).toMatch(/^v20\./);
    const stdout = await runProcess(systemNode.path, ["run-consumer.mjs", mockUrl], {
      cwd: consumerDir,
      timeoutMs: CONSUMER_RUN_TIMEOUT_MS,
    });
    expectWorkingConsumer(stdout, systemNode.version);
  });
});

describe("the installed aidp command", () => {
  const aidpBin = () => join(consumerDir, "node_modules/@aidp/cli/bin/aidp.js");
  // In the consumer project, from a user's terminal (the machine's npx and Node); one page from the local mock.
  const asUser = () => ({
    cwd: consumerDir,
    env: userShellEnvironment(),
    timeoutMs: CONSUMER_RUN_TIMEOUT_MS,
  });

  it("npx aidp --version prints the released version", async () => {
    const stdout = await runProcess("npx", ["--no-install", "aidp", "--version"], asUser());
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
    const viaNpx = await runProcess(
      "npx",
      ["--no-install", "aidp", ...search, "--output", "ndjson"],
      asUser(),
    );
    expect(viaNpx.trim().split("\n").length).toBeGreaterThan(0);
    expect(JSON.parse(viaNpx.split("\n")[0] ?? "")).toHaveProperty("eventId");
    const csv = await runProcess(findSystemNode().path, [aidpBin(), ...search, "--output", "csv"], asUser());
    expect(csv.split("\r\n")[0]).toContain("eventId");
  });
});
