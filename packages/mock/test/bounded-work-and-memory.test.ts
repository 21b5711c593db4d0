// Bounded work and memory: retry tokens expire after 24 hours (the mock's clock is injected, so the test moves
// it); the stores of retry tokens and exports have caps and forget the oldest first; an export keeps its fields
// cut short; a long `query` is lower-cased once, not once per record, and a search yields to the event loop.
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { generateRecords } from "../src/audit-records.ts";
import { AuditSearch } from "../src/audit-search.ts";
import { ClusterLogExports, MAX_EXPORTS, MAX_FIELD_CHARS } from "../src/cluster-log-exports.ts";
import { MAX_RETRY_TOKENS, RETRY_TOKEN_LIFETIME_MS, RetryTokens } from "../src/idempotency.ts";
import { FaultScript } from "../src/scripted-faults.ts";
import { searchSemanticsOf } from "../src/search-semantics.ts";
import { loadSpecFacts } from "../src/spec-facts.ts";
import { call, useStatefulMock, validBodies } from "./support.ts";

let clock = Date.parse("2026-12-01T00:00:00Z");
const mock = useStatefulMock({ now: () => clock });
const facts = loadSpecFacts();
const exportPath = { clusterKey: "cl-1" };

describe("retry tokens expire after 24 hours", () => {
  const other = { ...validBodies.downloadClusterLogs, logLevel: "WARN" };

  it("within 24 hours the token is bound to its request (409 for another); after, it is a new token", async () => {
    const headers = { "opc-retry-token": "expiring-1" };
    const first = await call(mock.url, "downloadClusterLogs", { headers });
    expect(first.status).toBe(202);
    clock += RETRY_TOKEN_LIFETIME_MS - 1;
    expect((await call(mock.url, "downloadClusterLogs", { headers, body: other })).status).toBe(409);
    const replay = await call(mock.url, "downloadClusterLogs", { headers });
    expect(replay.headers.get("aidp-async-operation-key")).toBe(
      first.headers.get("aidp-async-operation-key"),
    );
    clock += 1;
    const later = await call(mock.url, "downloadClusterLogs", { headers, body: other });
    expect(later.status).toBe(202);
    expect(later.headers.get("aidp-async-operation-key")).not.toBe(
      first.headers.get("aidp-async-operation-key"),
    );
  });

  it("x-aidp-mock-fail attempt counts are kept as long: after 24 hours a token starts again at attempt 1", () => {
    let now = 0;
    const faults = new FaultScript(0, "seed", () => now);
    expect(faults.faultFor("503,503", "t")).toEqual({ kind: "status", status: 503 });
    expect(faults.faultFor("503,503", "t")).toEqual({ kind: "status", status: 503 });
    expect(faults.faultFor("503,503", "t")).toBeUndefined(); // attempt 3: the real answer
    now += RETRY_TOKEN_LIFETIME_MS;
    expect(faults.faultFor("503,503", "t")).toEqual({ kind: "status", status: 503 });
  });

  it("the spec says 24 hours", () => {
    expect(RETRY_TOKEN_LIFETIME_MS).toBe(24 * 60 * 60 * 1000);
  });
});

describe("store caps, oldest first", () => {
  it(`at most ${MAX_RETRY_TOKENS} retry tokens: one more forgets the oldest`, () => {
    const tokens = new RetryTokens(() => 0);
    for (let i = 0; i <= MAX_RETRY_TOKENS; i++) tokens.remember(`token-${i}`, "request", undefined);
    expect(tokens.size).toBe(MAX_RETRY_TOKENS);
    expect(tokens.lookup("token-0", "other").kind).toBe("new");
    expect(tokens.lookup("token-1", "other").kind).toBe("conflict");
    expect(tokens.lookup(`token-${MAX_RETRY_TOKENS}`, "request").kind).toBe("replay");
  });

  it(`at most ${MAX_EXPORTS} exports: one more makes the oldest PAR URL answer as unknown`, () => {
    const exports = new ClusterLogExports({ readyAfterMs: 0, now: () => 0, facts: facts.export });
    const details = validBodies.downloadClusterLogs as Parameters<ClusterLogExports["start"]>[1];
    const paths = Array.from({ length: MAX_EXPORTS + 1 }, () => exports.start(exportPath, details).parPath);
    expect(exports.size).toBe(MAX_EXPORTS);
    expect(exports.logFile(paths[0] as string).kind).toBe("unknown");
    expect(exports.logFile(paths[1] as string).kind).toBe("ready");
    expect(exports.logFile(paths[MAX_EXPORTS] as string).kind).toBe("ready");
  });

  it(`an export keeps at most ${MAX_FIELD_CHARS} characters of a field: 1 MB of fields makes a small log file`, async () => {
    const long = "x".repeat(500_000); // two of them: just under the 1 MiB body limit
    const body = { ...validBodies.downloadClusterLogs, subjectContains: long, logContentTypeContains: long };
    const response = await call(mock.url, "downloadClusterLogs", { body });
    expect(response.status).toBe(202);
    const parUrl = response.headers.get("datalake-cluster-log-par-url") as string;
    expect(parUrl.length).toBeLessThan(400);
    const text = await (await fetch(parUrl)).text();
    expect(text).toContain(`x`.repeat(MAX_FIELD_CHARS));
    expect(text).not.toContain(`x`.repeat(MAX_FIELD_CHARS + 1));
    expect(text.length).toBeLessThan(21 * (3 * MAX_FIELD_CHARS + 200));
  });
});

describe("exports hold little memory, whatever their fields", () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const heapUsed = () => {
    gc();
    gc();
    return getHeapStatistics().used_heap_size;
  };

  it("100 exports with 1 MB fields keep far less than 100 MB on the heap (no slice keeps its 1 MB string)", () => {
    const exports = new ClusterLogExports({ readyAfterMs: 0, now: () => 0, facts: facts.export });
    const before = heapUsed();
    for (let i = 0; i < 100; i++) {
      const long = `${i}`.padEnd(1_000_000, "x"); // a new 1 MB string each time
      exports.start(exportPath, {
        logContentTypeContains: long,
        subjectContains: long,
        timeBegin: "2025-03-16T00:00:00Z",
        timeEnd: "2025-03-17T00:00:00Z",
      });
    }
    const grown = heapUsed() - before;
    expect(exports.size).toBe(100);
    expect(grown).toBeLessThan(20 * 1024 * 1024);
  });
});

describe("a long query costs time in proportion to the work", () => {
  const records = generateRecords(20_000, "long-query", facts.search.record);
  const search = new AuditSearch(records, searchSemanticsOf(facts.search));
  const input = (query: string) => ({
    details: { query },
    limit: 100,
    scope: { aiDataPlatformId: "p" },
    generation: 0,
  });

  it("a 250,000-character query is lower-cased once, not once per record", async () => {
    const query = "Q".repeat(250_000);
    const original = String.prototype.toLowerCase;
    let loweredQueries = 0;
    String.prototype.toLowerCase = function (this: string) {
      if (this.length === query.length) loweredQueries += 1;
      return original.call(this);
    };
    try {
      expect((await search.search(input(query))).items).toEqual([]);
    } finally {
      String.prototype.toLowerCase = original;
    }
    expect(loweredQueries).toBe(1);
  });

  it("a search over 20,000 records yields to the event loop: other work runs before it ends", async () => {
    const order: string[] = [];
    const searching = search.search(input("no record has this")).then(() => order.push("search"));
    setImmediate(() => order.push("other work"));
    await searching;
    expect(order).toEqual(["other work", "search"]);
  });
});
