// SearchAuditLogs behaves like a search, over HTTP against the started stateful mock: every page of every
// order yields each record once, filters match filtering the whole data set here, page tokens are bound to
// their query, and the default data set is deterministic and covers every enum value of the spec.

import { operationNamed, parametersIn } from "@aidp/spec/facts";
import { beforeAll, describe, expect, it } from "vitest";
import { startMock } from "../src/index.ts";
import { type AuditRecord, call, facts, pageThrough, schemaErrors, useStatefulMock } from "./support.ts";

const mock = useStatefulMock();
const schemas = facts.schemas;
const sortBys = schemas.SortBy?.enum as string[];
const sortOrders = schemas.SortOrder?.enum as string[];
const DEFAULT_RECORDS = 500;

/** The whole default data set, read in one page (limit 1000 > 500 records). */
let all: AuditRecord[];
beforeAll(async () => {
  const response = await call(mock.url, "searchAuditLogs", { query: "?limit=1000", body: {} });
  all = response.body.items;
});

/** The value a sortBy orders by, comparable with < (time as a number). */
function sortKey(record: AuditRecord, sortBy: string): string | number {
  return sortBy === "time" ? Date.parse(record.timeOfLog as string) : (record[sortBy] ?? "");
}

describe("the default data set", () => {
  it(`has ${DEFAULT_RECORDS} records, each a valid AuditLogSearchResultSummary with a unique eventId`, () => {
    expect(all).toHaveLength(DEFAULT_RECORDS);
    expect(schemaErrors("AuditLogSearchResultCollection", { items: all })).toBe("");
    expect(new Set(all.map((record) => record.eventId)).size).toBe(DEFAULT_RECORDS);
  });

  it.each([
    ["objectType", "ObjectType"],
    ["operation", "Operation"],
    ["status", "Status"],
  ])("covers every %s value the spec lists", (field, schema) => {
    expect(new Set(all.map((record) => record[field]))).toEqual(new Set(schemas[schema]?.enum));
  });

  it("spreads startedBy, objectName, source, payload and timeOfLog", () => {
    for (const field of ["startedBy", "objectName", "source", "payload", "timeOfLog"]) {
      expect(new Set(all.map((record) => record[field])).size, field).toBeGreaterThan(5);
    }
  });

  it("is the same for the same seed and differs for another seed; records sets its size", async () => {
    const [same, other, small] = await Promise.all([
      startMock({ port: 0 }),
      startMock({ port: 0, seed: "another" }),
      startMock({ port: 0, records: 30, seed: "small" }),
    ]);
    try {
      const read = async (url: string) =>
        (await call(url, "searchAuditLogs", { query: "?limit=1000", body: {} })).body.items;
      expect(await read(same.url)).toEqual(all);
      expect(await read(other.url)).not.toEqual(all);
      expect(await read(small.url)).toHaveLength(30);
    } finally {
      await Promise.all([same.stop(), other.stop(), small.stop()]);
    }
  });
});

describe("paging through every record", () => {
  const orders = sortBys.flatMap((sortBy) => sortOrders.map((sortOrder) => ({ sortBy, sortOrder })));
  // Small limits cost one request per record or few, each through Prism: against the 500 default records, limit 1
  // is 4,000 requests, which overran the test's time beside CPU-bound work. A smaller data set of its own still
  // crosses a page boundary at every record, with the work (and so the time) bounded by what is being checked.
  const SMALL_RECORDS = 60;
  const small = useStatefulMock({ records: SMALL_RECORDS, seed: "small-limits" });
  const dataSets = {
    small: { mock: small, records: SMALL_RECORDS },
    default: { mock, records: DEFAULT_RECORDS },
  };

  it.each([
    [1, "small"],
    [7, "small"],
    [100, "default"],
    [1000, "default"],
  ] as const)(
    "limit %i (%s data set): every sortBy x sortOrder gives each record once, in order",
    async (limit, dataSet) => {
      const { mock: target, records } = dataSets[dataSet];
      const everyRecord = (await pageThrough(target.url, {}, 1000)).items;
      expect(everyRecord).toHaveLength(records);
      await Promise.all(
        orders.map(async ({ sortBy, sortOrder }) => {
          const { items, pages } = await pageThrough(target.url, { sortBy, sortOrder }, limit);
          const label = `${sortBy} ${sortOrder} limit ${limit}`;
          expect(pages, label).toBe(Math.max(1, Math.ceil(records / limit)));
          expect(items.map((record) => record.eventId).sort(), label).toEqual(
            everyRecord.map((record) => record.eventId).sort(),
          );
          for (let i = 1; i < items.length; i++) {
            const [before, after] = [
              sortKey(items[i - 1] as AuditRecord, sortBy),
              sortKey(items[i] as AuditRecord, sortBy),
            ];
            expect(sortOrder === "ASC" ? before <= after : before >= after, `${label} at ${i}`).toBe(true);
          }
        }),
      );
    },
    // limit 1 reads 60 pages per order, 480 requests through Prism: seconds on a quiet machine, more beside load.
    120_000,
  );

  it("without limit, pages hold the spec's default limit and sortBy defaults to time, newest first", async () => {
    const defaultLimit = parametersIn(operationNamed(facts, "searchAuditLogs"), "query").find(
      (parameter) => parameter.name === "limit",
    )?.schema.default as number;
    const first = await call(mock.url, "searchAuditLogs", { body: {} });
    expect(first.body.items).toHaveLength(defaultLimit);
    const times = first.body.items.map((record: AuditRecord) => Date.parse(record.timeOfLog as string));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(first.headers.get("opc-next-page")).toBeTruthy();
  });

  it("the last page has no opc-next-page, and an empty result is one page with none", async () => {
    const last = await call(mock.url, "searchAuditLogs", { query: "?limit=1000", body: {} });
    expect(last.headers.has("opc-next-page")).toBe(false);
    const none = await call(mock.url, "searchAuditLogs", { body: { query: "no record has this text" } });
    expect(none.body).toEqual({ items: [] });
    expect(none.headers.has("opc-next-page")).toBe(false);
  });
});

/** Filtering written here, independently of the mock, from the README's search semantics. */
function expected(filters: Record<string, string>): string[] {
  return all
    .filter((record) => {
      for (const field of ["objectType", "operation", "status", "startedBy", "objectName"]) {
        if (filters[field] !== undefined && record[field] !== filters[field]) return false;
      }
      if (filters.query !== undefined) {
        const needle = filters.query.toLowerCase();
        const haystack = [record.objectName, record.startedBy, record.source, record.payload];
        if (!haystack.some((text) => text?.toLowerCase().includes(needle))) return false;
      }
      const time = Date.parse(record.timeOfLog as string);
      if (filters.timeBegin !== undefined && time < Date.parse(filters.timeBegin)) return false;
      if (filters.timeEnd !== undefined && time >= Date.parse(filters.timeEnd)) return false;
      return true;
    })
    .map((record) => record.eventId as string)
    .sort();
}

describe("filters match filtering the whole data set", () => {
  const sample = () => all[17] as AuditRecord;
  const cases: [string, () => Record<string, string>][] = [
    ["objectType", () => ({ objectType: "TABLE" })],
    ["operation", () => ({ operation: "DELETE" })],
    ["status", () => ({ status: "FAILED" })],
    ["startedBy", () => ({ startedBy: sample().startedBy as string })],
    ["objectName", () => ({ objectName: sample().objectName as string })],
    ["query, case-insensitive, in objectName", () => ({ query: "SALES" })],
    ["query in payload", () => ({ query: "quota exceeded" })],
    ["query in source", () => ({ query: "workbench" })],
    [
      "timeBegin inclusive, timeEnd exclusive",
      () => ({
        timeBegin: (all[100] as AuditRecord).timeOfLog as string,
        timeEnd: sample().timeOfLog as string,
      }),
    ],
    ["timeEnd equal to a record's time leaves it out", () => ({ timeEnd: sample().timeOfLog as string })],
    ["status and objectType", () => ({ status: "FAILED", objectType: "COMPUTE" })],
    [
      "startedBy, query and a time window",
      () => ({
        startedBy: "svc-scheduler",
        query: "e",
        timeBegin: "2025-03-10T00:00:00Z",
        timeEnd: "2025-03-25T12:30:00Z",
      }),
    ],
  ];

  it.each(cases)("%s", async (_name, filters) => {
    const wanted = expected(filters());
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.length).toBeLessThan(all.length);
    const { items } = await pageThrough(mock.url, filters(), 13);
    expect(items.map((record) => record.eventId).sort()).toEqual(wanted);
  });

  it("timeBegin is inclusive: a window starting at a record's time holds it", async () => {
    const record = sample();
    const { items } = await pageThrough(mock.url, {
      timeBegin: record.timeOfLog,
      timeEnd: "2026-01-01T00:00:00Z",
    });
    expect(items.map((item) => item.eventId)).toContain(record.eventId);
  });

  it("a leap second (23:59:60, valid RFC 3339) reads as the next minute's start, as a window's end and start", async () => {
    const [leapEnd, nextMinuteEnd, leapBegin] = await Promise.all([
      pageThrough(mock.url, { timeEnd: "2025-03-15T23:59:60Z" }),
      pageThrough(mock.url, { timeEnd: "2025-03-16T00:00:00Z" }),
      pageThrough(mock.url, { timeBegin: "2025-03-15T23:59:60Z" }),
    ]);
    expect(leapEnd.items.length).toBeGreaterThan(0); // Date.parse's NaN matched nothing
    expect(leapEnd.items).toEqual(nextMinuteEnd.items);
    expect(leapEnd.items.length + leapBegin.items.length).toBe(DEFAULT_RECORDS);
  });
});

describe("page tokens", () => {
  it("a token used with another query gets a 400 that says so", async () => {
    const first = await call(mock.url, "searchAuditLogs", { query: "?limit=5", body: { status: "FAILED" } });
    const token = first.headers.get("opc-next-page") as string;
    for (const body of [{ status: "SUCCEEDED" }, { status: "FAILED", sortOrder: "ASC" }, {}]) {
      const reused = await call(mock.url, "searchAuditLogs", { query: `?limit=5&page=${token}`, body });
      expect(reused.status).toBe(400);
      expect(reused.body).toEqual({
        code: "InvalidParameter",
        message: expect.stringContaining("page belongs to another query"),
      });
    }
    const sameQuery = await call(mock.url, "searchAuditLogs", {
      query: `?limit=50&page=${token}`,
      body: { status: "FAILED" },
    });
    expect(sameQuery.status).toBe(200); // the limit may change from page to page
  });

  it("a token the mock never issued gets a 400", async () => {
    const response = await call(mock.url, "searchAuditLogs", { query: "?page=eyJvZmZzZXQiOjUwfQ", body: {} });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain("not a page token this mock issued");
  });

  it("reset() forgets issued tokens", async () => {
    const first = await call(mock.url, "searchAuditLogs", { query: "?limit=5", body: {} });
    await mock.reset();
    const after = await call(mock.url, "searchAuditLogs", {
      query: `?limit=5&page=${first.headers.get("opc-next-page")}`,
      body: {},
    });
    expect(after.status).toBe(400);
    expect(after.body.message).toContain("reset");
  });
});
