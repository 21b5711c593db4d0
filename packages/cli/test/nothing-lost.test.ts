// Nothing the service created is lost because a local step failed: every output file is checked before the
// request is sent; when writing still fails after the service started an export, the operation key and
// request id go to standard error and the PAR URL to a 0600 file named there (exit 5). Every file that holds
// the PAR URL is created with mode 0600.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { DOWNLOAD_LOGS_COMMAND, fakeServiceFlags, sendJson } from "./support/fake-service.ts";
import { jsonError } from "./support/json-error.ts";
import { runAidp } from "./support/run-aidp.ts";
import { useFakeService } from "./support/use-fake-service.ts";

const PAR_URL = "https://objectstorage.example.test/p/SECRET-par-token-77aa/n/ns/b/logs/o/driver.log.gz";
const SECRET_PART = "SECRET-par-token-77aa";
const dir = mkdtempSync(join(tmpdir(), "aidp-cli-kept-"));

/** Run before the service answers 202: lets a test break the target after the CLI's checks passed. */
let beforeAnswer: () => void = () => {};
const server = useFakeService((_request, response) => {
  beforeAnswer();
  sendJson(
    response,
    202,
    {},
    {
      "aidp-async-operation-key": "op-key-77",
      "datalake-cluster-log-par-url": PAR_URL,
      "opc-request-id": "REQ-KEPT-1",
    },
  );
});
beforeEach(() => {
  beforeAnswer = () => {};
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const downloadLogs = (extra: string[], cwd?: string) =>
  runAidp([...DOWNLOAD_LOGS_COMMAND, ...fakeServiceFlags(server), ...extra], cwd ? { cwd } : {});

describe("output targets are checked before anything is sent (exit 2)", () => {
  it.each([
    ["--par-url-file", join(dir, "missing", "p.txt"), `the folder ${join(dir, "missing")} does not exist`],
    ["--par-url-file", dir, "is a folder; give a file name (e.g. a name inside it)"],
    [
      "--par-url-file",
      "/dev/null",
      "is not a regular file (a device, a pipe, a socket): give the name of a file to create or replace",
    ],
    ["--output-file", join(dir, "missing", "job.json"), `the folder ${join(dir, "missing")} does not exist`],
  ])("download-logs %s %s", async (flag, path, problem) => {
    const { code, stdout, stderr } = await downloadLogs([flag, path]);
    expect(stderr).toContain(`aidp: ${flag} ${path}: ${problem}; nothing was sent`);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(server.requests).toHaveLength(0);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("a name too long for the temporary name it is first written under", async () => {
    const path = join(dir, "b".repeat(240));
    const { code, stderr } = await downloadLogs(["--output-file", path]);
    expect(stderr).toContain(
      `aidp: --output-file ${path}: the file name is 240 bytes; at most 221 (it is first written under a longer temporary name); nothing was sent`,
    );
    expect(code).toBe(2);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [
      ["--par-url-file", "same.txt", "--download", "same.txt"],
      "--par-url-file same.txt and --download same.txt",
    ],
    [
      ["--par-url-file", "same.txt", "--output-file", "./same.txt"],
      "--output-file ./same.txt and --par-url-file same.txt",
    ],
    [
      ["--download", "same.log", "--output-file", "same.log"],
      "--output-file same.log and --download same.log",
    ],
  ])(
    "two flags naming one file: %j (the second write would replace the PAR URL or the job)",
    async (args, pair) => {
      const workDir = mkdtempSync(join(dir, "cwd-"));
      const { code, stderr } = await downloadLogs(args, workDir);
      expect(stderr).toContain(`aidp: ${pair} name the same file: give each its own; nothing was sent`);
      expect(code).toBe(2);
      expect(server.requests).toHaveLength(0);
      expect(readdirSync(workDir)).toEqual([]);
    },
  );
});

describe("writing fails after the export started (exit 5)", () => {
  it("the folder vanishes while the service answers: key and request id printed, the PAR URL kept in a 0600 file", async () => {
    const folder = join(dir, "vanishing");
    mkdirSync(folder);
    const workDir = mkdtempSync(join(dir, "cwd-"));
    beforeAnswer = () => rmSync(folder, { recursive: true, force: true });
    const { code, stdout, stderr } = await downloadLogs(["--par-url-file", join(folder, "p.txt")], workDir);
    expect(code).toBe(5);
    expect(stdout).toBe("");
    expect(stderr).toContain("asyncOperationKey op-key-77, opc-request-id REQ-KEPT-1");
    expect(stderr).toContain(`writing to ${join(folder, "p.txt")} failed: ENOENT`);
    const kept = join(workDir, "aidp-par-url.op-key-77.txt");
    expect(stderr).toContain(`Its PAR URL (a secret) is kept in ${kept} (mode 0600).`);
    expect(stderr).not.toContain(SECRET_PART);
    expect(readFileSync(kept, "utf8")).toBe(`${PAR_URL}\n`);
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    expect(readdirSync(workDir)).toEqual(["aidp-par-url.op-key-77.txt"]);
  });

  it("with -o json: the same as a JSON error with the answer's request id, and still no PAR URL", async () => {
    const folder = join(dir, "vanishing-json");
    mkdirSync(folder);
    const workDir = mkdtempSync(join(dir, "cwd-"));
    beforeAnswer = () => rmSync(folder, { recursive: true, force: true });
    const target = join(folder, "p.txt");
    const { code, stdout, stderr } = await downloadLogs(["-o", "json", "--par-url-file", target], workDir);
    expect(code).toBe(5);
    expect(stdout).toBe("");
    expect(stderr).not.toContain(SECRET_PART);
    const kept = join(workDir, "aidp-par-url.op-key-77.txt");
    expect(jsonError(stderr)).toEqual({
      exitCode: 5,
      kind: "kept-elsewhere",
      message: `aidp: the export started (asyncOperationKey op-key-77, opc-request-id REQ-KEPT-1), but writing to ${target} failed: ENOENT (its folder does not exist).\nIts PAR URL (a secret) is kept in ${kept} (mode 0600).`,
      status: null,
      code: null,
      opcRequestId: "REQ-KEPT-1",
      attempt: null,
      issues: null,
    });
    expect(readFileSync(kept, "utf8")).toBe(`${PAR_URL}\n`);
  });
});

describe("every file holding the PAR URL is created 0600", () => {
  it.each(["json", "csv", "ndjson"])("--output-file with --output %s", async (format) => {
    const file = join(dir, `job.${format}`);
    const { code } = await downloadLogs(["--output", format, "--output-file", file]);
    expect(code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain(PAR_URL);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
