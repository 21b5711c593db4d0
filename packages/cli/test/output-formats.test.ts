// The four formats, over a local server that really pages (opc-next-page until the last page): --all reads
// every page and every format streams the same records; csv parses back with a CSV library; json is one
// document. The stateful mock's version of these checks is in stateful-mock.test.ts.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { awkwardRecord } from "./support/awkward-records.ts";
import { deferred } from "./support/deferred.ts";
import { fakeServiceFlags, pagingHandler, sendJson, startTestServer } from "./support/fake-service.ts";
import { runAidp, startAidp } from "./support/run-aidp.ts";
import { auditRecordFields } from "./support/spec.ts";
import { type FakeService, useFakeService } from "./support/use-fake-service.ts";

const TOTAL = 2345;
const records = Array.from({ length: TOTAL }, (_, index) => awkwardRecord(index));

const paging = useFakeService(pagingHandler(TOTAL, awkwardRecord));
const empty = useFakeService((_request, response) => sendJson(response, 200, { items: [] }));

/** Every page as NDJSON, 1,000 records (about 250 kB) a page: more than a pipe holds. */
const exportPagesOf1000 = (server: Pick<FakeService, "url">, ...flags: string[]) =>
  startAidp([
    "audit",
    "search-logs",
    ...fakeServiceFlags(server),
    "--all",
    "--limit",
    "1000",
    "-o",
    "ndjson",
    ...flags,
  ]);

const search = (server: FakeService, ...flags: string[]) =>
  runAidp(["audit", "search-logs", ...fakeServiceFlags(server), ...flags]);

/** A record whose fields would drive a terminal: clear the screen, colour, a NUL, a right-to-left override. */
const hostile = useFakeService((_request, response) =>
  sendJson(response, 200, {
    items: [
      { ...awkwardRecord(0), objectName: "\u001b[2J\u001b[31mEVIL\u0000\u202eabc", startedBy: "\u009b31m" },
    ],
  }),
);
const rejecting = useFakeService((_request, response) =>
  sendJson(response, 400, { code: "InvalidParameter", message: "bad\u001b[2J\u001b]0;title\u0007 request" }),
);

/** A character a terminal obeys rather than shows (but a line break), or one that reverses the text's direction. */
const obeyed = (text: string) =>
  [...text].filter((character) => {
    const code = character.charCodeAt(0);
    return (code < 0x20 && character !== "\n") || (code >= 0x7f && code <= 0x9f) || code === 0x202e;
  });

describe("text from the service is never obeyed by a terminal", () => {
  it("table: control and direction characters in a record are shown escaped", async () => {
    const { code, stdout } = await search(hostile, "--output", "table");
    expect(code).toBe(0);
    expect(obeyed(stdout)).toEqual([]);
    expect(stdout).toContain("\\u001b[2J");
    expect(stdout).toContain("\\u009b31m");
  });

  it("an error's message from the service is shown escaped on standard error", async () => {
    const { code, stderr } = await search(rejecting);
    expect(code).toBe(3);
    expect(obeyed(stderr)).toEqual([]);
    expect(stderr).toContain("bad\\u001b[2J\\u001b]0;title\\u0007 request");
  });
});

describe("--all reads every page", () => {
  it("ndjson: one record a line, every record in order, nothing on standard error off a terminal", async () => {
    const { code, stdout, stderr } = await search(paging, "--all", "--limit", "100", "--output", "ndjson");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line))).toEqual(records);
    expect(paging.requests).toHaveLength(Math.ceil(TOTAL / 100));
  });

  it("json: one valid document with every record", async () => {
    const { code, stdout } = await search(paging, "--all", "--limit", "1000");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ items: records });
  });

  it("csv: a header of the spec's field names in spec order, and rows that parse back to the records", async () => {
    const { code, stdout } = await search(paging, "--all", "--limit", "500", "--output", "csv");
    expect(code).toBe(0);
    const rows: string[][] = parse(stdout, { record_delimiter: "\r\n" });
    expect(rows[0]).toEqual(auditRecordFields);
    const parsed = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(parsed).toEqual(
      records.map((record) =>
        Object.fromEntries(auditRecordFields.map((column) => [column, record[column] ?? ""])),
      ),
    );
    expect(stdout).toContain('"sales, ""orders"" 0"');
  });

  it("table: one header, every record, columns lined up across pages", async () => {
    const { code, stdout } = await search(paging, "--max-items", "30", "--limit", "10", "--output", "table");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines.filter((line) => line.includes("eventId") && line.includes("timeOfLog"))).toHaveLength(1);
    for (const record of records.slice(0, 30)) expect(stdout).toContain(`│ ${record.eventId} `);
    expect(stdout).not.toContain("event-30 ");
    const widths = new Set(lines.map((line) => [...line].length));
    expect(widths.size, "every line of every page is as wide").toBe(1);
  });

  it("--max-items stops at exactly that many records, reading only the pages it needs", async () => {
    const { code, stdout } = await search(
      paging,
      "--max-items",
      "250",
      "--limit",
      "100",
      "--output",
      "ndjson",
    );
    expect(code).toBe(0);
    expect(
      stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(records.slice(0, 250));
    expect(paging.requests).toHaveLength(3);
  });

  it("--max-items: json carries the next page token, and --page resumes right after the last record", async () => {
    const first = JSON.parse((await search(paging, "--max-items", "150", "--limit", "100")).stdout);
    expect(first.items).toEqual(records.slice(0, 150));
    expect(typeof first.nextPage).toBe("string");
    const second = JSON.parse(
      (await search(paging, "--max-items", "150", "--limit", "100", "--page", first.nextPage)).stdout,
    );
    expect(second.items).toEqual(records.slice(150, 300));
    // Both with --query, which assembles the same document; an expression that leaves nextPage out still has it
    // said on standard error.
    const viaQuery = await search(paging, "--max-items", "150", "--limit", "100", "--query", "nextPage");
    expect(JSON.parse(viaQuery.stdout)).toBe(first.nextPage);
    const ids = await search(paging, "--max-items", "150", "--limit", "100", "--query", "items[].eventId");
    expect(JSON.parse(ids.stdout)).toHaveLength(150);
    expect(ids.stderr).toBe(
      `aidp: there are more records: add --page ${first.nextPage} to read on from here\n`,
    );
    const onePage = await search(paging, "--limit", "100", "--query", "length(items)");
    expect(onePage.stderr).toMatch(/^aidp: there are more records: add --page \S+, or --all\n$/);
  });

  it("--max-items: other formats say on standard error where to read on; reading to the end says nothing", async () => {
    const stopped = await search(paging, "--max-items", "15", "--limit", "10", "--output", "ndjson");
    expect(stopped.code).toBe(0);
    expect(stopped.stdout.trimEnd().split("\n")).toHaveLength(15);
    expect(stopped.stderr).toMatch(/^aidp: there are more records: add --page \S+ to read on from here\n$/m);
    const all = await search(paging, "--all", "--limit", "1000", "--output", "csv", "--quiet");
    expect(all.stderr).toBe("");
    expect(JSON.parse((await search(paging, "--all", "--limit", "1000")).stdout).nextPage).toBeUndefined();
  });
});

describe("choices in any case, as the API's enum values", () => {
  it("-o CSV and --auth NONE are -o csv and --auth none", async () => {
    const lower = await search(paging, "--limit", "5", "-o", "csv");
    const upper = await runAidp([
      "audit",
      "search-logs",
      ...fakeServiceFlags(paging).map((flag) => (flag === "none" ? "NONE" : flag)),
      "--limit",
      "5",
      "-o",
      "CSV",
    ]);
    expect(upper.code).toBe(0);
    expect(upper.stdout).toBe(lower.stdout);
    expect(upper.stdout.split("\n")[0]).toMatch(/^eventId,/);
  });
});

describe("one page (no --all)", () => {
  it("json carries the next page token; --page resumes there", async () => {
    const first = JSON.parse((await search(paging, "--limit", "100")).stdout);
    expect(first.items).toEqual(records.slice(0, 100));
    expect(typeof first.nextPage).toBe("string");
    const second = JSON.parse((await search(paging, "--limit", "100", "--page", first.nextPage)).stdout);
    expect(second.items).toEqual(records.slice(100, 200));
  });

  it("other formats say on standard error how to get the next page", async () => {
    const { code, stdout, stderr } = await search(paging, "--limit", "10", "--output", "ndjson");
    expect(code).toBe(0);
    expect(stdout.trimEnd().split("\n")).toHaveLength(10);
    expect(stderr).toMatch(/there are more records: add --page \S+, or --all/);
  });
});

describe("no records", () => {
  it.each([
    ["json", (out: string) => expect(JSON.parse(out)).toEqual({ items: [] })],
    ["ndjson", (out: string) => expect(out).toBe("")],
    ["csv", (out: string) => expect(out).toBe(`${auditRecordFields.join(",")}\r\n`)],
    ["table", (out: string) => expect(out).toMatch(/eventId.*timeOfLog/)],
  ])("%s", async (format, check) => {
    const { code, stdout } = await search(empty, "--all", "--output", format);
    expect(code).toBe(0);
    check(stdout);
  });
});

describe("a page that fails while a slow reader keeps a write waiting", () => {
  it("is reported once the records before it are written: exit 3, the service's error, page 1 whole", async () => {
    // Page 2 is asked for while page 1's text (about 250 kB) waits for the reader, and fails at once. The reader
    // starts reading only once the service has answered page 2, so the failure comes first.
    const { promise: answered, resolve: pageTwoAnswered } = deferred();
    const pages = pagingHandler(TOTAL, awkwardRecord);
    const server = await startTestServer((request, response, index) => {
      if (index === 0) return pages(request, response, index);
      response.once("finish", pageTwoAnswered);
      sendJson(response, 500, { code: "InternalServerError", message: "page 2 failed" });
    });
    try {
      const aidp = exportPagesOf1000(server, "--no-retry");
      aidp.child.stdout?.pause();
      await answered;
      aidp.child.stdout?.resume();
      const { code, stdout, stderr } = await aidp.result;
      // -o ndjson: the failure comes as one JSON document (README, "Errors as JSON"), not a crash's stack.
      expect(JSON.parse(stderr)).toMatchObject({
        error: { exitCode: 3, kind: "service", status: 500, message: expect.stringMatching(/page 2 failed/) },
      });
      expect(code).toBe(3);
      expect(
        stdout
          .trimEnd()
          .split("\n")
          .map((line) => JSON.parse(line)),
      ).toEqual(records.slice(0, 1000));
      const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");
      expect(readme).toContain("with `--all`, the pages written before the failure stay written");
    } finally {
      await server.close();
    }
  });
});

describe("a reader that stops early (`aidp ... | head -1`)", () => {
  it("ends the export quietly with exit 0 at its next write", async () => {
    // Page 2 is answered only once the reader has gone, so the next write is sure to meet a closed pipe.
    const { promise: gone, resolve: readerGone } = deferred();
    const pages = pagingHandler(TOTAL, awkwardRecord);
    const server = await startTestServer(async (request, response, index) => {
      if (index > 0) await gone;
      pages(request, response, index);
    });
    try {
      const aidp = startAidp([
        "audit",
        "search-logs",
        ...fakeServiceFlags(server),
        "--all",
        "--limit",
        "10",
        "-o",
        "ndjson",
      ]);
      await new Promise<void>((resolve) => aidp.child.stdout?.once("data", () => resolve()));
      aidp.child.stdout?.destroy();
      readerGone();
      const { code, stderr } = await aidp.result;
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(server.requests.length).toBeLessThanOrEqual(3);
    } finally {
      await server.close();
    }
  });

  it("stops the page it asked for ahead, instead of waiting for it, once the reader has gone", async () => {
    // Page 1 (about 250 kB of NDJSON) is more than a pipe holds, so its write is still waiting when the reader
    // goes; page 2, asked for meanwhile, is never answered. Waiting for it would
    // take the 60 s timeout: the test's 15 s fail first.
    const pages = pagingHandler(TOTAL, awkwardRecord);
    const server = await startTestServer(async (request, response, index) => {
      if (index === 0) pages(request, response, index);
    });
    try {
      const aidp = exportPagesOf1000(server);
      await new Promise<void>((resolve) => aidp.child.stdout?.once("data", () => resolve()));
      aidp.child.stdout?.destroy();
      const { code, stderr } = await aidp.result;
      expect(stderr).toBe("");
      expect(code).toBe(0);
      // Page 2's request may be stopped before it is sent.
      expect(server.requests.length).toBeLessThanOrEqual(2);
    } finally {
      await server.close();
    }
  }, 15_000);
});
