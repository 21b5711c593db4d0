// packages/cli/README.md documents every command, flag, environment variable and exit code the bin has: the
// lists are taken from the bin's own help, so a new flag (a new field in the spec) without docs fails here.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fencedBlocks } from "@aidp/markdown-blocks";
import { type RunningMock, startMock } from "@aidp/mock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FAILURE_KINDS } from "../src/failure.ts";
import { JSON_ERROR_FIELDS } from "./support/json-error.ts";
import { endAidpProcesses, runAidp } from "./support/run-aidp.ts";

afterEach(endAidpProcesses);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

const flagsIn = (help: string) => [
  ...new Set([...help.matchAll(/^\s+(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1])),
];

it.each(["", "audit search-logs", "cluster download-logs"])(
  "documents every flag of `aidp %s --help`",
  async (command) => {
    const { stdout } = await runAidp([...command.split(" ").filter(Boolean), "--help"]);
    const flags = flagsIn(stdout);
    expect(flags.length).toBeGreaterThan(10);
    for (const flag of flags) {
      if (flag === "--retry") expect(readme).toContain("`--no-retry`");
      else expect(readme, flag).toMatch(new RegExp(`\`[^\`]*${flag}(?![a-z-])`));
    }
  },
);

it("documents every environment variable and exit code the help names", async () => {
  const help =
    (await runAidp(["--help"])).stdout + (await runAidp(["audit", "search-logs", "--help"])).stdout;
  const variables = [...new Set([...help.matchAll(/\b(OCI_CLI_[A-Z_]+|AIDP_[A-Z_]+)\b/g)].map((m) => m[1]))];
  expect(variables.sort()).toEqual([
    "AIDP_INSTANCE_ID",
    "OCI_CLI_AUTH",
    "OCI_CLI_CONFIG_FILE",
    "OCI_CLI_ENDPOINT",
    "OCI_CLI_FINGERPRINT",
    "OCI_CLI_KEY_CONTENT",
    "OCI_CLI_KEY_FILE",
    "OCI_CLI_PASSPHRASE",
    "OCI_CLI_PROFILE",
    "OCI_CLI_REGION",
    "OCI_CLI_TENANCY",
    "OCI_CLI_USER",
  ]);
  for (const variable of variables) expect(readme).toContain(`\`${variable}\``);
  for (const code of [0, 1, 2, 3, 4, 5, 130]) expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, "m"));
  for (const format of ["json", "ndjson", "csv", "table"]) expect(readme).toContain(`| \`${format}`);
});

describe("the README's Errors as JSON", () => {
  const section = readme.split(/^## /m).find((part) => part.startsWith("Errors as JSON")) ?? "";
  const blocks = fencedBlocks(section, "README.md");

  it("shows a JSON error with exactly the fields the CLI prints, and a row for every kind", () => {
    const example = blocks.find((block) => block.lang === "json");
    const { error } = JSON.parse(example?.source ?? "") as { error: Record<string, unknown> };
    expect(Object.keys(error)).toEqual(JSON_ERROR_FIELDS);
    for (const field of JSON_ERROR_FIELDS) expect(section).toContain(`| \`${field}\` |`);
    const kindRows = [...section.matchAll(/^\| `([a-z-]+)` \| (\d+) \|/gm)].map((match) => match[1]);
    expect(kindRows.sort()).toEqual([...FAILURE_KINDS].sort());
  });

  describe("its script, against a mock that answers 401 (no Authorization header)", () => {
    let mock: RunningMock | undefined;
    const dir = mkdtempSync(join(tmpdir(), "aidp-cli-readme-json-"));
    beforeAll(async () => {
      mock = await startMock({ port: 0, requireAuth: true });
    });
    afterAll(async () => {
      await mock?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it("prints the kind, the exit code and the request id of the service's answer", async () => {
      const script = blocks.find((block) => block.lang === "sh")?.source ?? "";
      expect(script).toContain("-o ndjson");
      const bin = new URL("../bin/aidp.js", import.meta.url).pathname;
      // Asynchronously: the mock answers from this very process, which a synchronous exec would block.
      const { stdout } = await promisify(execFile)(
        "bash",
        ["-euo", "pipefail", "-c", `aidp() { node ${bin} "$@"; }\n${script}`],
        {
          cwd: dir,
          env: {
            PATH: process.env.PATH,
            HOME: dir,
            OCID: "ocid1.aidataplatform.oc1.iad.example",
            OCI_CLI_ENDPOINT: mock?.url ?? "",
            OCI_CLI_AUTH: "none",
          },
          timeout: 60_000,
        },
      );
      expect(stdout).toMatch(/^service \(exit 3\): opc-request-id [0-9A-F]{32}\n$/);
    });
  });
});
