// The pre-authenticated log URL is a bearer secret: it goes to standard output, or with --par-url-file to a
// file only its owner can read, and never to standard error, --debug included.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DOWNLOAD_LOGS_COMMAND, fakeServiceFlags, sendJson } from "./support/fake-service.ts";
import { runAidp } from "./support/run-aidp.ts";
import { useFakeService } from "./support/use-fake-service.ts";

const PAR_URL = "https://objectstorage.example.test/p/SECRET-par-token-4f9c2e/n/ns/b/logs/o/driver.log.gz";
const SECRET_PART = "SECRET-par-token-4f9c2e";

const dir = mkdtempSync(join(tmpdir(), "aidp-cli-par-"));
const server = useFakeService((_request, response) =>
  sendJson(
    response,
    202,
    {},
    {
      "aidp-async-operation-key": "op-key-1",
      "datalake-cluster-log-par-url": PAR_URL,
      "opc-request-id": "REQ-PAR-1",
    },
  ),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const downloadLogs = (...extra: string[]) =>
  runAidp([...DOWNLOAD_LOGS_COMMAND, ...fakeServiceFlags(server), ...extra]);

describe("cluster download-logs", () => {
  it("--output table: the table without the PAR URL, then the URL whole on a line of its own; with --par-url-file, the file's name", async () => {
    const shown = await downloadLogs("--output", "table");
    expect(shown.code).toBe(0);
    const lines = shown.stdout.trimEnd().split("\n");
    expect(lines.slice(-2)).toEqual(["logParUrl:", PAR_URL]);
    expect(lines.slice(0, -2).join("\n")).toMatch(/│ asyncOperationKey +│ requestId +│/);
    expect(lines.slice(0, -2).join("\n")).not.toContain(SECRET_PART);
    const file = join(mkdtempSync(join(dir, "table-")), "par-url.txt");
    const { code, stdout } = await downloadLogs("--output", "table", "--par-url-file", file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ logParUrlFile +│/);
    expect(stdout).not.toContain(SECRET_PART);
    expect(readFileSync(file, "utf8")).toBe(`${PAR_URL}\n`);
  });

  it("prints the async operation key, the request id and the PAR URL on standard output only", async () => {
    const { code, stdout, stderr } = await downloadLogs("--debug");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      asyncOperationKey: "op-key-1",
      requestId: "REQ-PAR-1",
      logParUrl: PAR_URL,
    });
    expect(stderr).toContain("aidp debug: downloadClusterLogs attempt 1: 202");
    expect(stderr).not.toContain(SECRET_PART);
  });

  it("--par-url-file writes it to a file with mode 0600 instead, even over an existing readable file", async () => {
    const file = join(dir, "par-url.txt");
    writeFileSync(file, "old", { mode: 0o644 });
    const { code, stdout, stderr } = await downloadLogs("--par-url-file", file, "--debug");
    expect(code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(`${PAR_URL}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(stdout)).toEqual({
      asyncOperationKey: "op-key-1",
      requestId: "REQ-PAR-1",
      logParUrlFile: file,
    });
    expect(stdout + stderr).not.toContain(SECRET_PART);
    expect(readdirSync(dir).filter((name) => !name.startsWith("table-"))).toEqual(["par-url.txt"]);
  });

  it.each([
    ["ndjson", (out: string) => expect(JSON.parse(out)).toMatchObject({ logParUrl: PAR_URL })],
    [
      "csv",
      (out: string) =>
        expect(out).toBe(`asyncOperationKey,requestId,logParUrl\r\nop-key-1,REQ-PAR-1,${PAR_URL}\r\n`),
    ],
  ])("--output %s", async (format, check) => {
    const { code, stdout } = await downloadLogs("--output", format);
    expect(code).toBe(0);
    check(stdout);
  });
});
