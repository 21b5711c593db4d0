// recordsFile / --records-file: the user's own records (JSON array or NDJSON), each checked against
// AuditLogSearchResultSummary at start; a bad one stops the start naming the file, index, field and rule.
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundledSpecJsonPath } from "../src/bundled-spec.ts";
import { loadContractGuard } from "../src/contract-guard.ts";
import { MockStartError, startMock } from "../src/index.ts";
import { loadRecordsFile } from "../src/records-file.ts";
import { distDir, spawnNode } from "./processes.ts";
import { pageThrough } from "./support.ts";

const directory = mkdtempSync(join(tmpdir(), "aidp-mock-records-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const records = [
  {
    eventId: "a",
    objectType: "TABLE",
    operation: "CREATE",
    status: "SUCCEEDED",
    timeOfLog: "2025-01-01T00:00:00Z",
  },
  {
    eventId: "b",
    objectType: "VIEW",
    operation: "DELETE",
    status: "FAILED",
    timeOfLog: "2025-01-02T00:00:00Z",
  },
  { eventId: "c", objectName: "only a name" },
];

function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

describe("a good records file is served", () => {
  it.each([
    ["a JSON array", file("records.json", JSON.stringify(records, null, 2))],
    ["NDJSON", file("records.ndjson", `${records.map((record) => JSON.stringify(record)).join("\n")}\n`)],
  ])("%s", async (_name, path) => {
    const mock = await startMock({ port: 0, recordsFile: path });
    try {
      const { items } = await pageThrough(mock.url, { sortBy: "time", sortOrder: "ASC" }, 2);
      expect(items.map((record) => record.eventId)).toEqual(["c", "a", "b"]); // no time sorts first
      expect((await pageThrough(mock.url, { status: "FAILED" })).items).toEqual([records[1]]);
    } finally {
      await mock.stop();
    }
  });
});

describe("a bad records file stops the start", () => {
  it.each([
    [
      "an enum value the spec does not list",
      [records[0], { ...records[1], status: "MAYBE" }],
      "record 1: field status must be equal to one of the allowed values: SUCCEEDED, FAILED",
    ],
    ["a field of the wrong type", [{ eventId: 7 }], "record 0: field eventId must be string"],
    [
      "a field the schema does not have",
      [records[0], records[1], { colour: "red" }],
      "record 2: field colour is not allowed",
    ],
    [
      "a date-time that is not one",
      [{ timeOfLog: "yesterday" }],
      'record 0: field timeOfLog must match format "date-time"',
    ],
    ["a record that is not an object", [records[0], "text"], "record 1: the record must be object"],
  ])("%s", async (_name, content, message) => {
    const path = file("bad.json", JSON.stringify(content));
    const failure = await startMock({ port: 0, recordsFile: path }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MockStartError);
    expect((failure as Error).message).toContain(`records file ${path}: ${message}`);
  });

  it("each record is judged afresh, its verdict not remembered: the guard's cache stays empty", async () => {
    const guard = await loadContractGuard(bundledSpecJsonPath);
    const search = guard.operations.find((operation) => operation.iid === "searchAuditLogs");
    if (!search) throw new Error("no searchAuditLogs in the bundle");
    const good = file("uncached-good.json", JSON.stringify(records));
    expect(loadRecordsFile(good, guard, search, "items")).toEqual(records);
    const bad = file("uncached-bad.json", JSON.stringify([records[0], { ...records[1], status: "MAYBE" }]));
    expect(() => loadRecordsFile(bad, guard, search, "items")).toThrow(
      `records file ${bad}: record 1: field status must be equal to one of the allowed values: SUCCEEDED, FAILED`,
    );
    expect(guard.verdictStats().response).toEqual({ hits: 0, misses: 0, size: 0 });
  });

  it("an NDJSON line that is not JSON, by line number", async () => {
    const path = file("bad.ndjson", `${JSON.stringify(records[0])}\n{oops\n`);
    await expect(startMock({ port: 0, recordsFile: path })).rejects.toThrow(
      `records file ${path}: line 2 (record 1) is not valid JSON`,
    );
  });

  it("a file that does not exist", async () => {
    const path = join(directory, "missing.json");
    await expect(startMock({ port: 0, recordsFile: path })).rejects.toThrow(
      `records file ${path}: cannot be read`,
    );
  });

  it("the CLI exits 1 with the same message", async () => {
    const path = file("cli-bad.json", JSON.stringify([{ status: "MAYBE" }]));
    const { child, stderr } = spawnNode([
      new URL("cli.js", distDir).pathname,
      "--port",
      "0",
      "--records-file",
      path,
    ]);
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(stderr()).toContain(
      `records file ${path}: record 0: field status must be equal to one of the allowed values`,
    );
  });
});
