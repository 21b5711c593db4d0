// The OCI CLI's habits that its users type without thinking: bare `aidp` is help, -v and -d, did-you-mean,
// case-insensitive enum values, --no-retry with --max-retries is a contradiction, completion offers the spec's
// values, and config-less API key auth from OCI_CLI_* variables (checked by the mock's signature verifier).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningMock, startMock } from "@aidp/mock";
import { generateTestKeyPair, TEST_IDENTITY } from "@aidp/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeValue } from "../src/completion-values.ts";
import { cliVersion } from "../src/version.ts";
import { fakeServiceFlags, sendJson } from "./support/fake-service.ts";
import { runAidp } from "./support/run-aidp.ts";
import { enumValues, schema } from "./support/spec.ts";
import { useFakeService } from "./support/use-fake-service.ts";

const dir = mkdtempSync(join(tmpdir(), "aidp-cli-habits-"));
const [, failed = ""] = enumValues("Status");
const [, descending = ""] = enumValues("SortOrder");
const server = useFakeService((_request, response) => sendJson(response, 200, { items: [] }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("OCI CLI habits", () => {
  it("bare `aidp` prints the help and exits 0", async () => {
    const { code, stdout, stderr } = await runAidp([]);
    expect(code).toBe(0);
    expect(stdout).toContain("aidp <command> <subcommand> [flags]");
    expect(stdout).toContain("audit");
    expect(stderr).toBe("");
  });

  it("-v is --version, -d is --debug", async () => {
    expect((await runAidp(["-v"])).stdout).toBe(`${cliVersion}\n`);
    const { code, stderr } = await runAidp(["audit", "search-logs", ...fakeServiceFlags(server), "-d"]);
    expect(code).toBe(0);
    expect(stderr).toContain("aidp debug: searchAuditLogs attempt 1: 200");
  });

  it("a misspelt flag: did you mean", async () => {
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--staus",
      failed,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown argument: staus; did you mean --status?");
  });

  it("--no-retry with --max-retries is a usage error", async () => {
    const { code, stderr } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--no-retry",
      "--max-retries",
      "3",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("--no-retry and --max-retries contradict each other");
  });

  it("enum values are case-insensitive and sent in the spec's case", async () => {
    const { code } = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(server),
      "--status",
      failed.toLowerCase(),
      "--sort-order",
      descending.toLowerCase(),
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(server.requests.at(-1)?.body ?? "{}")).toMatchObject({
      status: failed,
      sortOrder: descending,
    });
  });

  it("completion offers the spec's values after --status, and no flag that does not exist", async () => {
    const values = await runAidp(["--get-yargs-completions", "audit", "search-logs", "--status", ""]);
    const status = schema("SearchAuditLogsDetails").properties?.status ?? {};
    expect(values.stdout.trim().split("\n")).toEqual(status.enum ?? ["(no enum in the spec)"]);
    // In the case typed: a shell keeps only what starts with the typed word, case and all (bash's compgen).
    const prefix = failed.slice(0, 1).toLowerCase();
    const typed = await runAidp(["--get-yargs-completions", "audit", "search-logs", "--status", prefix]);
    const matching = enumValues("Status").filter((value) => value.toLowerCase().startsWith(prefix));
    expect(typed.stdout.trim().split("\n")).toEqual(matching.map((value) => value.toLowerCase()));
    const upper = await runAidp([
      "--get-yargs-completions",
      "audit",
      "search-logs",
      "--status",
      prefix.toUpperCase(),
    ]);
    expect(upper.stdout.trim().split("\n")).toEqual(matching);
    const flags = await runAidp(["--get-yargs-completions", "audit", "search-logs", "--"]);
    expect(flags.stdout).toContain("--status");
    expect(flags.stdout).not.toMatch(/^--[a-z](:|$)/m);
  });

  it("completion offers nothing after a flag that takes a file or other free value, so the shell offers files", async () => {
    for (const words of [
      ["aidp", "audit", "search-logs", "--output-file", ""],
      ["aidp", "cluster", "download-logs", "--download", ""],
      ["aidp", "cluster", "download-logs", "--par-url-file", "lo"],
      ["aidp", "audit", "search-logs", "--endpoint", ""],
      ["aidp", "audit", "search-logs", "--time-begin", ""],
    ]) {
      const { code, stdout } = await runAidp(["--get-yargs-completions", ...words]);
      expect({ words, code, stdout }).toEqual({ words, code: 0, stdout: "" });
    }
    // yargs takes the camelCase aliases too.
    const camel = await runAidp([
      "--get-yargs-completions",
      "aidp",
      "audit",
      "search-logs",
      "--outputFile",
      "",
    ]);
    expect(camel.stdout).toBe("");
    // After a boolean flag, the flags are offered as before.
    const afterBoolean = await runAidp([
      "--get-yargs-completions",
      "aidp",
      "audit",
      "search-logs",
      "--all",
      "",
    ]);
    expect(afterBoolean.stdout).toContain("--status");
  });

  it("completion keeps the spec's case where the typed word allows it, and knows camelCase aliases", () => {
    const sortBy = enumValues("SortBy");
    const objectFields = sortBy.filter((value) => value.toLowerCase().startsWith("o"));
    expect(objectFields).toContain("objectType"); // camelCase: kept as the spec has it, not lower-cased
    expect(completeValue(["aidp", "audit", "search-logs", "--sort-by", "o"])).toEqual(objectFields);
    expect(completeValue(["aidp", "audit", "search-logs", "--sortBy", "o"])).toEqual(objectFields);
    expect(completeValue(["aidp", "audit", "search-logs", "--sort-order", "a"])).toEqual(["asc"]);
    expect(completeValue(["aidp", "audit", "search-logs", "--sortOrder", ""])).toEqual(
      enumValues("SortOrder"),
    );
  });

  it("completion offers the values of the command being completed, not another command's", async () => {
    const status = schema("SearchAuditLogsDetails").properties?.status?.enum ?? [];
    expect(status.length).toBeGreaterThan(0);
    // download-logs has no --status: search-logs' values would be a flag it refuses.
    expect(completeValue(["aidp", "cluster", "download-logs", "--status", ""])).toBeUndefined();
    expect(completeValue(["aidp", "audit", "search-logs", "--status", ""])).toEqual(status);
    expect(completeValue(["aidp", "cluster", "download-logs", "--output", "t"])).toEqual(["table"]);
    const byBin = await runAidp([
      "--get-yargs-completions",
      "aidp",
      "cluster",
      "download-logs",
      "--status",
      "",
    ]);
    expect(byBin.code).toBe(0);
    for (const value of status) expect(byBin.stdout.split("\n")).not.toContain(value);
  });
});

describe("config-less API key auth from OCI_CLI_* variables", () => {
  const keys = generateTestKeyPair();
  let mock: RunningMock;
  beforeAll(async () => {
    const publicKeyFile = join(dir, "public.pem");
    writeFileSync(publicKeyFile, keys.publicKey.export({ type: "spki", format: "pem" }) as string);
    mock = await startMock({ port: 0, records: 3, verifySignatures: publicKeyFile });
  });
  afterAll(() => mock.stop());

  const search = (env: Record<string, string>) =>
    runAidp(["audit", "search-logs", "--endpoint", mock.url, "--instance-id", "ocid1.x", "--no-retry"], {
      env,
    });
  const identity = {
    OCI_CLI_USER: TEST_IDENTITY.user,
    OCI_CLI_TENANCY: TEST_IDENTITY.tenancy,
    OCI_CLI_FINGERPRINT: TEST_IDENTITY.fingerprint,
  };

  it("OCI_CLI_KEY_FILE: signed requests the mock accepts, no config file needed", async () => {
    const keyFile = join(dir, "key.pem");
    writeFileSync(keyFile, keys.pkcs8);
    const { code, stderr } = await search({ ...identity, OCI_CLI_KEY_FILE: keyFile });
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("OCI_CLI_KEY_CONTENT, line breaks written as \\n", async () => {
    const { code, stderr } = await search({
      ...identity,
      OCI_CLI_KEY_CONTENT: keys.pkcs8.replaceAll("\n", "\\n"),
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("a wrong key is refused by the mock (exit 3): the variables are really used", async () => {
    const { code } = await search({ ...identity, OCI_CLI_KEY_CONTENT: generateTestKeyPair().pkcs8 });
    expect(code).toBe(3);
  });

  it("some variables but not all: exit 2 naming the missing ones", async () => {
    const { code, stderr } = await search({ OCI_CLI_USER: TEST_IDENTITY.user });
    expect(code).toBe(2);
    expect(stderr).toContain("missing: OCI_CLI_TENANCY, OCI_CLI_FINGERPRINT, OCI_CLI_KEY_FILE");
  });
});
