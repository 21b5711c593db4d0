// What a user sees before sending anything: the version, the help of each command with the spec's flags and
// examples, and the completion script.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { endAidpProcesses, runAidp } from "./support/run-aidp.ts";
import { schema } from "./support/spec.ts";

afterEach(endAidpProcesses);

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
const packageVersion = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;

describe("aidp --version and --help", () => {
  it("--version prints the package version and exits 0", async () => {
    const { code, stdout, stderr } = await runAidp(["--version"]);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: "" });
  });

  it("--help lists both commands, the connection flags with their environment variables, and the exit codes", async () => {
    const { code, stdout } = await runAidp(["--help"]);
    expect(code).toBe(0);
    for (const text of ["aidp audit", "aidp cluster", "aidp completion", "--profile", "--endpoint", "--auth"])
      expect(stdout).toContain(text);
    for (const variable of [
      "OCI_CLI_PROFILE",
      "OCI_CLI_CONFIG_FILE",
      "OCI_CLI_REGION",
      "OCI_CLI_AUTH",
      "OCI_CLI_ENDPOINT",
    ])
      expect(stdout).toContain(variable);
    expect(stdout).toMatch(/Exit codes: 0 success; 2 usage .* 3 .* 4 .* 130 interrupted/s);
  });
});

describe("aidp audit search-logs --help", () => {
  it("has one flag per SearchAuditLogsDetails field (query as --search-text), with the spec's descriptions and enum values", async () => {
    const { code, stdout } = await runAidp(["audit", "search-logs", "--help"]);
    expect(code).toBe(0);
    const help = stdout.replace(/\s+/g, " ");
    for (const [name, property] of Object.entries(schema("SearchAuditLogsDetails").properties ?? {})) {
      const flag = name === "query" ? "--search-text" : `--${kebab(name)}`;
      expect(help, flag).toContain(`${flag} `);
      expect(help, `${flag} description`).toContain(property.description);
      for (const value of property.enum ?? []) expect(help, `${flag} enum`).toContain(value);
    }
    // --query is the OCI CLI's global JMESPath filter, not the body's query field.
    expect(help).toContain("--query JMESPath expression to filter the JSON output");
    for (const flag of ["--instance-id", "--limit", "--page", "--body", "--all", "--max-items", "--output"])
      expect(help).toContain(flag);
    expect(help).toContain("AIDP_INSTANCE_ID");
    expect(help).toContain("A whole number, at least 1, at most 1000");
    expect(stdout).toContain("Examples:");
  });

  it("cluster download-logs --help marks the body's required fields as required", async () => {
    const { code, stdout } = await runAidp(["cluster", "download-logs", "--help"]);
    expect(code).toBe(0);
    const help = stdout.replace(/\s+/g, " ");
    for (const name of schema("DownloadClusterLogsDetails").required ?? [])
      expect(flagHelp(stdout, `--${kebab(name)}`)).toContain("Required (here or in --body)");
    for (const flag of ["--workspace-key", "--cluster-key", "--par-url-file"]) expect(help).toContain(flag);
  });
});

describe("shell completion", () => {
  it("prints a bash completion script that calls back into aidp", async () => {
    const { code, stdout } = await runAidp(["completion"], { env: { SHELL: "/bin/bash" } });
    expect(code).toBe(0);
    expect(stdout).toContain("complete -o bashdefault -o default -F _aidp_yargs_completions aidp");
  });

  it.each([["--bogus"], ["extra"]])(
    "completion %j: exit 2 and no script on standard output (it would be appended to ~/.bashrc)",
    async (extra) => {
      const { code, stdout, stderr } = await runAidp(["completion", extra]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain(`aidp: completion takes no arguments, got ${extra}`);
    },
  );

  it("prints a zsh completion script under zsh", async () => {
    const { code, stdout } = await runAidp(["completion"], { env: { SHELL: "/bin/zsh" } });
    expect(code).toBe(0);
    expect(stdout).toContain("compdef _aidp_yargs_completions aidp");
  });

  it("completes subcommands", async () => {
    const { stdout } = await runAidp(["--get-yargs-completions", "aidp", "audit", ""]);
    expect(stdout.split("\n")).toContain("search-logs");
  });
});

/** One flag's description in a help text: from the flag to the next line that starts another flag. */
function flagHelp(help: string, flag: string): string {
  const from = help.slice(help.indexOf(`  ${flag} `) + 2);
  return from.slice(0, from.search(/\n\s+-/)).replace(/\s+/g, " ");
}
