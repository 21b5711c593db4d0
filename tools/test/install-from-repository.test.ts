// Until the first release, the README says how to install the packages from this repository: pack them here,
// install the tarballs into a project with npm. This runs that block as it is written, with a fresh home
// directory (so `~/aidp-packages`, `~/my-project` and npm's global folder are new), through the user's own npm,
// and checks what a user would check: the project imports the client, runs the mock, and `aidp` answers.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fencedBlocks } from "@aidp/markdown-blocks";
import { runProcess, runToExit } from "@aidp/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listPublishedPackages, repoRoot } from "../release/workspace-packages.ts";
import { CONSUMER_INSTALL_TIMEOUT_MS } from "./support/consumer-project.ts";
import { markdownFiles } from "./support/markdown-files.ts";
import { findSystemNode, userShellEnvironment } from "./support/user-shell.ts";

const THIS_TEST = "tools/test/install-from-repository.test.ts";
/** Packing is quick; the three installs fetch the packages' dependencies from the public registry. */
const BLOCK_TIMEOUT_MS = 30_000 + CONSUMER_INSTALL_TIMEOUT_MS;
/** The installed mock starts Prism's validators; the installed client makes one request. */
const CHECK_TIMEOUT_MS = 60_000;

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const installBlock = fencedBlocks(readme, "README.md").find(
  (block) => block.attributes["tested-by"] === THIS_TEST,
);

let home = "";
let env: NodeJS.ProcessEnv = {};
let blockOutput = "";

beforeAll(async () => {
  if (!installBlock) throw new Error(`README.md: no sh block marked tested-by="${THIS_TEST}"`);
  home = mkdtempSync(join(tmpdir(), "aidp-install-home-"));
  // "Your project": an empty npm project, as `npm init` leaves it.
  mkdirSync(join(home, "my-project"));
  writeFileSync(
    join(home, "my-project", "package.json"),
    JSON.stringify({ name: "my-project", private: true, type: "module" }),
  );
  const user = userShellEnvironment();
  env = {
    ...user,
    HOME: home,
    // A user's npm cache (downloads only, no @aidp package can be in it: none is published) keeps this quick.
    npm_config_cache: join(homedir(), ".npm"),
    npm_config_prefix: join(home, "npm-global"),
    npm_config_audit: "false",
    npm_config_fund: "false",
    PATH: `${join(home, "npm-global", "bin")}${delimiter}${user.PATH ?? ""}`,
  };
  blockOutput = await runProcess("bash", ["-euo", "pipefail", "-c", installBlock.source], {
    cwd: repoRoot,
    env,
    name: "README.md's install block",
    timeoutMs: BLOCK_TIMEOUT_MS,
  });
}, BLOCK_TIMEOUT_MS + 10_000);

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

describe("installing from this repository, as the README says", () => {
  it("ends with the global aidp printing the packages' version", () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, "packages/cli/package.json"), "utf8"));
    expect(blockOutput.trim().split("\n").at(-1)).toBe(version);
  });

  it("puts aidp-mcp on the PATH too, answering with the packages' version", async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, "packages/mcp/package.json"), "utf8"));
    const run = await runToExit("aidp-mcp", ["--version"], {
      cwd: home,
      env,
      name: "aidp-mcp --version",
      timeoutMs: CHECK_TIMEOUT_MS,
    });
    expect(run.exit.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it("packs the published packages and nothing else (no tarball of a private one)", () => {
    const tarballs = readdirSync(join(home, "aidp-packages")).sort();
    const published = listPublishedPackages().map(
      ({ name, version }) => `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`,
    );
    expect(tarballs).toEqual(published.sort());
  });

  it("puts the client in the project's dependencies and the mock in its devDependencies", () => {
    const manifest = JSON.parse(readFileSync(join(home, "my-project", "package.json"), "utf8"));
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(["@aidp/client", "@aidp/types"]);
    expect(Object.keys(manifest.devDependencies ?? {}).sort()).toEqual(["@aidp/mock", "@aidp/spec"]);
  });

  it(
    "gives a project whose code starts the mock and reads a page through the client, on the system Node",
    async () => {
      const script = [
        'import { createAidpClient } from "@aidp/client";',
        'import { startMock } from "@aidp/mock";',
        "const mock = await startMock({ port: 0 });",
        "try {",
        "  const page = await createAidpClient({ baseUrl: mock.url }).searchAuditLogs({",
        '    aiDataPlatformId: "ocid1.aidataplatform.oc1.iad.example", limit: 3 });',
        "  console.log(page.items.length);",
        "} finally { await mock.stop(); }",
      ].join("\n");
      writeFileSync(join(home, "my-project", "first-call.mjs"), script);
      const run = await runToExit(findSystemNode().path, ["first-call.mjs"], {
        cwd: join(home, "my-project"),
        env: { ...env, SCARF_ANALYTICS: "false" },
        name: "first-call.mjs",
        timeoutMs: CHECK_TIMEOUT_MS,
      });
      expect(run.exit.code, run.stderr).toBe(0);
      expect(run.stdout).toBe("3\n");
    },
    CHECK_TIMEOUT_MS + 10_000,
  );

  it("is the one install-from-repository block: every copy in the docs is the same text", () => {
    const copies = markdownFiles().flatMap((file) =>
      file.blocks
        .filter((block) => block.attributes["tested-by"] === THIS_TEST)
        .map((block) => ({ where: `${file.path}:${block.line}`, source: block.source })),
    );
    expect(copies.length).toBeGreaterThanOrEqual(1);
    expect(copies.filter((copy) => copy.source !== installBlock?.source).map((copy) => copy.where)).toEqual(
      [],
    );
  });
});
