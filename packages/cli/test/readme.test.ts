// packages/cli/README.md documents every command, flag, environment variable and exit code the bin has: the
// lists are taken from the bin's own help, so a new flag (a new field in the spec) without docs fails here.
import { readFileSync } from "node:fs";
import { afterEach, expect, it } from "vitest";
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
