// --query filters the JSON output with JMESPath, as the OCI CLI's; --raw-output prints a string result bare.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { awkwardRecord } from "./support/awkward-records.ts";
import { DOWNLOAD_LOGS_COMMAND, fakeServiceFlags, pagingHandler, sendJson } from "./support/fake-service.ts";
import { runAidp } from "./support/run-aidp.ts";
import { enumValues } from "./support/spec.ts";
import { useFakeService } from "./support/use-fake-service.ts";

const TOTAL = 250;
const records = Array.from({ length: TOTAL }, (_, index) => awkwardRecord(index));
const dir = mkdtempSync(join(tmpdir(), "aidp-cli-query-"));
const pages = pagingHandler(TOTAL, awkwardRecord);
const server = useFakeService((request, response, index) =>
  request.url.includes("downloadLogs")
    ? sendJson(response, 202, {}, { "aidp-async-operation-key": "op-q", "opc-request-id": "REQ-Q" })
    : pages(request, response, index),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const search = (...flags: string[]) =>
  runAidp(["audit", "search-logs", ...fakeServiceFlags(server), ...flags]);

describe("--query", () => {
  it("--all: a JMESPath filter over every record", async () => {
    const [, failed = ""] = enumValues("Status");
    const { code, stdout } = await search("--all", "--query", `items[?status=='${failed}'].eventId`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(records.filter((r) => r.status === failed).map((r) => r.eventId));
  });

  it("one page keeps nextPage in the document queried", async () => {
    const { code, stdout } = await search(
      "--limit",
      "10",
      "--query",
      "{count: length(items), next: nextPage}",
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ count: 10, next: expect.any(String) });
  });

  it("--raw-output prints a string result without quotes", async () => {
    const { code, stdout } = await search("--query", "items[0].objectName", "--raw-output");
    expect(code).toBe(0);
    expect(stdout).toBe(`${records[0]?.objectName}\n`);
  });

  it("download-logs: the job, e.g. its operation key bare for a script", async () => {
    const { code, stdout } = await runAidp([
      ...DOWNLOAD_LOGS_COMMAND,
      ...fakeServiceFlags(server),
      "--par-url-file",
      join(dir, "par.txt"),
      "--query",
      "asyncOperationKey",
      "--raw-output",
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe("op-q\n");
  });

  it.each([
    [["--query", "items[?status=="], /--query "items\[\?status==" is not a JMESPath expression: /],
    [["--query", "items", "--output", "csv"], /--query filters the JSON output: use it with --output json/],
  ])("%j: exit 2 before anything is sent", async (flags, message) => {
    const { code, stderr } = await search(...flags);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it("an expression that fails only on the data names --query (exit 1: the request was sent)", async () => {
    const { code, stderr } = await search("--query", "items[?contains(@, 'x')]");
    expect(stderr).toMatch(/^aidp: --query "items\[\?contains\(@, 'x'\)\]" failed on the answer: .*contains/);
    expect(code).toBe(1);
  });

  it("a long expression is shown by its first 120 characters", async () => {
    const { code, stderr } = await search("--query", "(".repeat(5_000));
    expect(code).toBe(2);
    expect(stderr).toContain(`--query "${"(".repeat(120)}…" is not a JMESPath expression`);
    expect(stderr.length).toBeLessThan(1_000);
  });
});
