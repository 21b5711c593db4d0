// A bad command line exits 2 with every problem listed, naming the flag and the rule, and sends nothing: a
// local server records every request it gets, and must get none.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DOWNLOAD_LOGS_COMMAND, fakeServiceFlags, sendJson } from "./support/fake-service.ts";
import { runAidp } from "./support/run-aidp.ts";
import { enumValues } from "./support/spec.ts";
import { useFakeService } from "./support/use-fake-service.ts";

const dir = mkdtempSync(join(tmpdir(), "aidp-cli-validation-"));
const server = useFakeService((_request, response) => sendJson(response, 200, { items: [] }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  expect(server.requests, "requests sent").toEqual([]);
});

describe("exit 2, nothing sent", () => {
  it("lists every invalid value of search-logs at once, each with its flag and rule", async () => {
    const { code, stdout, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--limit",
      "0",
      "--status",
      "BROKEN",
      "--sort-order",
      "sideways",
      "--time-begin",
      "yesterday",
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("invalid request; nothing was sent");
    expect(stderr).toContain("  - --limit: expected at least 1, got 0\n");
    expect(stderr).toContain(
      `  - --status: expected one of ${enumValues("Status").join(", ")}, got "BROKEN"\n`,
    );
    expect(stderr).toContain(
      `  - --sort-order: expected one of ${enumValues("SortOrder").join(", ")}, got "sideways"\n`,
    );
    expect(stderr).toContain(
      '  - --time-begin: expected a date-time: RFC 3339 (2025-03-16T08:00:00Z), a date (2025-03-16, midnight UTC), or relative to now: 30m, 24h, 7d, 2w, got "yesterday"\n',
    );
  });

  // A relative time before year 0, and a date the calendar does not have (which a Date would make another day).
  it.each([
    "99999999999d",
    "100000000d",
    "99999999999999999999999s",
    "2025-02-30",
    "2025-04-31",
    "2025-13-01",
  ])("a --time-begin no date-time can say (%s) is a problem of its flag, shown as typed", async (value) => {
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--time-begin",
      value,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(`  - --time-begin: expected a date-time: RFC 3339 (2025-03-16T08:00:00Z)`);
    expect(stderr).toContain(`got "${value}"\n`);
  });

  it.each([
    ["--max-wait-seconds", "30"],
    ["--wait-interval-seconds", "2"],
  ])("%s without --wait or --download would do nothing: a usage error", async (flag, value) => {
    const { code, stderr } = await runAidp([
      ...DOWNLOAD_LOGS_COMMAND,
      ...fakeServiceFlags(server),
      flag,
      value,
    ]);
    expect(stderr).toBe(`aidp: ${flag} needs --wait or --download FILE; nothing was sent\n`);
    expect(code).toBe(2);
  });

  it("a body of 3,000 unknown fields lists the first 50 problems and says how many more", async () => {
    const body = Object.fromEntries(Array.from({ length: 3_000 }, (_, index) => [`field${index}`, index]));
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--body",
      JSON.stringify(body),
    ]);
    expect(code).toBe(2);
    expect(stderr.split("\n").filter((line) => line.startsWith("  - --body field"))).toHaveLength(50);
    expect(stderr).toContain("  - and 2950 more problems of the same request\n");
    expect(stderr.length).toBeLessThan(50_000);
  });

  it("a --limit that is not a number is a type problem of --limit", async () => {
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--limit",
      "ten",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('  - --limit: expected an integer, got "ten"\n');
  });

  it("a missing --instance-id (and no AIDP_INSTANCE_ID) names --instance-id", async () => {
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      "--auth",
      "none",
      "--endpoint",
      server.url,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("  - --instance-id: required (give the flag, or set AIDP_INSTANCE_ID)\n");
  });

  it("download-logs without its required body fields names each of them", async () => {
    const { code, stderr } = await runAidp([
      "cluster",
      "download-logs",
      ...fakeServiceFlags(server),
      "--workspace-key",
      "w",
      "--cluster-key",
      "c",
    ]);
    expect(code).toBe(2);
    for (const [flag, field] of [
      ["--log-content-type-contains", "logContentTypeContains"],
      ["--time-begin", "timeBegin"],
      ["--time-end", "timeEnd"],
    ])
      expect(stderr).toContain(`  - ${flag}: required (the flag, or "${field}" in --body)\n`);
  });

  it("a field --body sets that the spec does not know is reported", async () => {
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--body",
      '{"colour":"red"}',
    ]);
    expect(code).toBe(2);
    // The field, the rule in words and the names it could have been; not its value, which reads like one of them.
    expect(stderr).toContain(
      '  - --body field "colour": no such field, expected one of objectName, objectType,',
    );
    expect(stderr).not.toContain('"red"');
  });

  it.each([
    [["--body", "{not json"], /--body: the argument is not valid JSON/],
    [["--body", "[1,2]"], /--body: the argument must hold a JSON object, got an array/],
    [
      ["--body", "@/nonexistent/search.json"],
      /--body: cannot read file \/nonexistent\/search.json \(ENOENT\)/,
    ],
    [["--max-items", "0"], /--max-items must be an integer of at least 1, got "0"/],
    [["--timeout", "-1"], /--timeout must be a number of seconds greater than 0/],
    [["--max-retries", "many"], /--max-retries must be an integer of at least 0/],
    [["--body", "@"], /--body @: give the file's name after the @/],
    [
      ["--body", `{"query":${"[".repeat(5_000)}${"]".repeat(5_000)}}`],
      /--body: the argument nests deeper than 64 levels of objects and arrays/,
    ],
    [["--max-retries", ""], /--max-retries must be an integer of at least 0, got ""/],
    // Number() reads these as whole numbers; a count is written in digits, as --max-items always required.
    [["--max-retries", "1e2"], /--max-retries must be an integer of at least 0, got "1e2"/],
    [["--max-retries", "0x10"], /--max-retries must be an integer of at least 0, got "0x10"/],
    [["--output", "xml"], /Invalid values:\s+Argument: output, Given: "xml"/],
    [["--colour", "red"], /Unknown arguments?: colour/],
  ])("%j", async (extra, message) => {
    const { code, stdout, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      ...extra,
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });

  it("an OCI_CLI_AUTH that is not an auth type", async () => {
    const { code, stderr } = await runAidp(["audit", "search-logs", "--endpoint", server.url], {
      env: { OCI_CLI_AUTH: "password", AIDP_INSTANCE_ID: "ocid1.x" },
    });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'OCI_CLI_AUTH must be one of api_key, security_token, instance_principal, resource_principal, oke_workload_identity, none, got "password"',
    );
  });

  it("no endpoint and no region", async () => {
    const { code, stderr } = await runAidp(["audit", "search-logs", "--auth", "none", "--instance-id", "x"]);
    expect(code).toBe(2);
    expect(stderr).toContain("no endpoint: give --endpoint or --region");
  });

  it("a missing subcommand", async () => {
    const { code, stderr } = await runAidp(["audit"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Give a subcommand: search-logs");
  });

  it("a config profile that does not exist names the file and the profiles it has", async () => {
    const config = join(dir, "config");
    writeFileSync(config, "[DEFAULT]\nregion=us-ashburn-1\n");
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      "--endpoint",
      server.url,
      "--instance-id",
      "x",
      "--config-file",
      config,
      "--profile",
      "PROD",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("no profile [PROD] in the OCI config file; it has: [DEFAULT]");
  });
});
