// Auto-pagination against a server that really pages: every record exactly once, in order; limits stop it
// early; a repeated page token stops it with an error instead of an endless loop.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  pagingHandler,
  record,
  sendJson,
  startPagingServer,
  startTestServer,
  type TestServer,
} from "@aidp/test-support/servers";
import { afterEach, describe, expect, it } from "vitest";
import { AidpPaginationError, createAidpClient } from "../src/index.ts";

const aiDataPlatformId = "ocid1.aidataplatform.oc1.iad.example";
let server: TestServer | undefined;
afterEach(() => server?.close());

const limitOf = (request: { url: string }) =>
  new URL(request.url, "http://127.0.0.1").searchParams.get("limit");

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const value of iterable) all.push(value);
  return all;
}

describe("searchAuditLogsItems / searchAuditLogsPages", () => {
  it.each([
    [2345, 1000, 3],
    [2345, 7, 335],
    [1000, 1000, 1],
    [0, 50, 1],
  ])(
    "yields all %i records exactly once, in order, with limit %i (%i pages)",
    async (total, limit, pageCount) => {
      server = await startPagingServer(total);
      const aidp = createAidpClient({ baseUrl: server.url });
      const items = await collect(aidp.searchAuditLogsItems({ aiDataPlatformId, limit, details: {} }));
      expect(items).toEqual(Array.from({ length: total }, (_, i) => record(i)));
      expect(server.requests).toHaveLength(pageCount);
      expect(server.requests.every((r) => r.body === "{}")).toBe(true);
    },
  );

  it("gives each page with its token and request id", async () => {
    server = await startPagingServer(25);
    const aidp = createAidpClient({ baseUrl: server.url });
    const pages = await collect(aidp.searchAuditLogsPages({ aiDataPlatformId, limit: 10 }));
    expect(pages.map((p) => [p.items.length, p.requestId, p.nextPage !== undefined])).toEqual([
      [10, "page-at-0", true],
      [10, "page-at-10", true],
      [5, "page-at-20", false],
    ]);
  });

  it("stops after maxPages and after maxItems", async () => {
    server = await startPagingServer(100);
    const aidp = createAidpClient({ baseUrl: server.url });
    expect(
      await collect(aidp.searchAuditLogsPages({ aiDataPlatformId, limit: 10 }, { maxPages: 2 })),
    ).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
    const items = await collect(aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10 }, { maxItems: 15 }));
    expect(items.map((i) => i.eventId)).toEqual(Array.from({ length: 15 }, (_, i) => `event-${i}`));
    expect(server.requests).toHaveLength(4);
  });

  it("gives maxItems one meaning: the same records as pages or as items, the last page asked for with what is left", async () => {
    server = await startPagingServer(100);
    const aidp = createAidpClient({ baseUrl: server.url });
    const pages = await collect(aidp.searchAuditLogsPages({ aiDataPlatformId, limit: 10 }, { maxItems: 15 }));
    expect(pages.map((p) => p.items.length)).toEqual([10, 5]);
    expect(server.requests.map(limitOf)).toEqual(["10", "5"]);
    const items = await collect(aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10 }, { maxItems: 15 }));
    expect(items).toEqual(pages.flatMap((p) => p.items));
  });

  it("stops fetching when the loop breaks", async () => {
    server = await startPagingServer(100);
    const aidp = createAidpClient({ baseUrl: server.url });
    let seen = 0;
    for await (const _ of aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10 }))
      if (++seen === 15) break;
    expect(server.requests).toHaveLength(2);
  });

  it("resumes from a saved token passed as `page`", async () => {
    server = await startPagingServer(30);
    const aidp = createAidpClient({ baseUrl: server.url });
    const [first] = await collect(
      aidp.searchAuditLogsPages({ aiDataPlatformId, limit: 10 }, { maxPages: 1 }),
    );
    const rest = await collect(
      aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10, page: first?.nextPage }),
    );
    expect(rest).toEqual(Array.from({ length: 20 }, (_, i) => record(10 + i)));
  });

  it("resumes right after maxItems: nothing read twice, nothing skipped", async () => {
    server = await startPagingServer(30);
    const aidp = createAidpClient({ baseUrl: server.url });
    const pages = await collect(aidp.searchAuditLogsPages({ aiDataPlatformId, limit: 10 }, { maxItems: 15 }));
    const rest = await collect(
      aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10, page: pages.at(-1)?.nextPage }),
    );
    expect(rest).toEqual(Array.from({ length: 15 }, (_, i) => record(15 + i)));
  });

  it("with the caller's retry token too, the first page asks for the records left, so it has a token to resume from", async () => {
    // Cut instead, a first page would give nextPage undefined, which reads as "the last page" with 95 records left.
    server = await startPagingServer(100);
    const aidp = createAidpClient({ baseUrl: server.url });
    const job = { aiDataPlatformId, limit: 10, opcRetryToken: "job-1" };
    const items = aidp.searchAuditLogsItems(job, { maxItems: 5 });
    expect(await collect(items)).toHaveLength(5);
    expect(items.nextPage).toBe(Buffer.from("5").toString("base64url"));
    expect(server.requests.map((request) => [limitOf(request), request.headers["opc-retry-token"]])).toEqual([
      ["5", "job-1"],
    ]);
    // A re-run of the job with the same maxItems is the same request: what the token names.
    await collect(aidp.searchAuditLogsItems(job, { maxItems: 5 }));
    expect(server.requests[1]?.url).toBe(server.requests[0]?.url);
  });

  it("without a limit, asks for the records left only when fewer than the service's default page (100)", async () => {
    server = await startPagingServer(500);
    const aidp = createAidpClient({ baseUrl: server.url });
    expect(await collect(aidp.searchAuditLogsItems({ aiDataPlatformId }, { maxItems: 250 }))).toHaveLength(
      250,
    );
    expect(server.requests.map(limitOf)).toEqual([null, null, "50"]);
  });

  it.each([5000, 0, 2.5])(
    "leaves a limit the validation refuses (%d) to it, rather than replacing it with the records left",
    async (limit) => {
      server = await startPagingServer(30);
      const aidp = createAidpClient({ baseUrl: server.url });
      await expect(
        collect(aidp.searchAuditLogsItems({ aiDataPlatformId, limit }, { maxItems: 5 })),
      ).rejects.toThrow(/limit: /);
      expect(server.requests).toHaveLength(0);
    },
  );

  it("cuts the page of a server that sends more than asked for, and resumes from it without skipping", async () => {
    const tenAPage = pagingHandler(30);
    server = await startTestServer((request, response, index) => {
      const url = new URL(request.url ?? "", "http://127.0.0.1");
      url.searchParams.set("limit", "10"); // the limit asked for, ignored
      request.url = `${url.pathname}${url.search}`;
      tenAPage(request, response, index);
    });
    const aidp = createAidpClient({ baseUrl: server.url });
    const pages = await collect(aidp.searchAuditLogsPages({ aiDataPlatformId, limit: 10 }, { maxItems: 15 }));
    expect(pages.map((p) => p.items.length)).toEqual([10, 5]);
    const rest = await collect(
      aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10, page: pages.at(-1)?.nextPage }),
    );
    // The cut page comes again whole: records 10-14 twice, 15-19 not lost.
    expect(rest).toEqual(Array.from({ length: 20 }, (_, i) => record(10 + i)));
  });

  it("a caller's opcRetryToken goes with the first page's request only; each later page gets one of its own", async () => {
    server = await startPagingServer(30);
    const aidp = createAidpClient({ baseUrl: server.url });
    const items = await collect(
      aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10, opcRetryToken: "my-job-1" }),
    );
    expect(items).toHaveLength(30);
    const tokens = server.requests.map((request) => request.headers["opc-retry-token"]);
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).toBe("my-job-1");
    expect(new Set(tokens).size, "no token sent with two different requests").toBe(3);
  });

  it("the items iterator's nextPage: where to resume, at every point of the reading", async () => {
    server = await startPagingServer(25);
    const aidp = createAidpClient({ baseUrl: server.url });
    const items = aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10 });
    expect(items.nextPage, "before anything: where it starts").toBeUndefined();
    const seen: (string | undefined)[] = [];
    const resumePoints: (string | undefined)[] = [];
    for await (const item of items) {
      seen.push(item.eventId);
      resumePoints.push(items.nextPage);
    }
    expect(seen).toHaveLength(25);
    const pageAt = (offset: number) => Buffer.from(String(offset)).toString("base64url");
    // Mid-page: the token of the page being read; after its last record: the next page's; after all: none.
    expect(resumePoints[4]).toBeUndefined(); // first page, fetched without a token
    expect(resumePoints[9]).toBe(pageAt(10));
    expect(resumePoints[14]).toBe(pageAt(10));
    expect(resumePoints[19]).toBe(pageAt(20));
    expect(resumePoints[24]).toBeUndefined();
    expect(items.nextPage).toBeUndefined();
  });

  it("resumes from an items iterator's nextPage after a break: nothing skipped, only the partly read page again", async () => {
    server = await startPagingServer(30);
    const aidp = createAidpClient({ baseUrl: server.url });
    const first = aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10 });
    const seen: (string | undefined)[] = [];
    for await (const item of first) {
      seen.push(item.eventId);
      if (seen.length === 15) break;
    }
    const resumed = await collect(
      aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10, page: first.nextPage }),
    );
    expect(resumed.map((item) => item.eventId)).toEqual(
      Array.from({ length: 20 }, (_, i) => `event-${10 + i}`),
    );
    // With maxItems the iterator stops at a limit: its last page was asked for with what was left, and read to
    // its end, so its nextPage is the token after it.
    const limited = aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10 }, { maxItems: 15 });
    expect(await collect(limited)).toHaveLength(15);
    expect(limited.nextPage).toBe(Buffer.from("15").toString("base64url"));
  });

  it("ends at maxPages or maxItems even when the server repeats its token (as the stock Prism mock does)", async () => {
    server = await startTestServer((_req, res) =>
      sendJson(res, 200, { items: [record(0)] }, { "opc-next-page": "same-token" }),
    );
    const aidp = createAidpClient({ baseUrl: server.url });
    expect(await collect(aidp.searchAuditLogsPages({ aiDataPlatformId }, { maxPages: 2 }))).toHaveLength(2);
    expect(await collect(aidp.searchAuditLogsItems({ aiDataPlatformId }, { maxItems: 2 }))).toHaveLength(2);
  });

  it("stops with AidpPaginationError when the server repeats a page token", async () => {
    server = await startTestServer((_req, res) =>
      sendJson(res, 200, { items: [record(0)] }, { "opc-next-page": "same-token" }),
    );
    const aidp = createAidpClient({ baseUrl: server.url });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of aidp.searchAuditLogsItems({ aiDataPlatformId })) seen.push(item);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AidpPaginationError);
    expect(String(error)).toContain('"same-token" a second time after 2 pages');
    expect(seen).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it("retries a page that failed transiently and resumes where it was: no record lost or repeated", async () => {
    const paging = pagingHandler(30);
    server = await startTestServer((request, response, index) =>
      index === 1 || index === 3
        ? sendJson(response, 503, { code: "ServiceUnavailable", message: "try again" })
        : paging(request, response, index),
    );
    const aidp = createAidpClient({ baseUrl: server.url, retry: { baseDelayMs: 5 } });
    const items = await collect(aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10 }));
    expect(items).toEqual(Array.from({ length: 30 }, (_, i) => record(i)));
    expect(server.requests.map((r) => new URL(r.url, "http://x").searchParams.get("page"))).toEqual([
      null,
      "MTA",
      "MTA",
      "MjA",
      "MjA",
    ]);
  });

  it("rejects a maxPages that is not a positive integer", async () => {
    const aidp = createAidpClient({ baseUrl: "http://127.0.0.1:9" });
    await expect(collect(aidp.searchAuditLogsPages({ aiDataPlatformId }, { maxPages: 0 }))).rejects.toThrow(
      "maxPages must be an integer >= 1, got 0.",
    );
  });

  it("lets go of a page read to its end before fetching the next: the items iterator, and the pages reader read by hand", async () => {
    // A garbage collector the test can call, without a node flag for the whole test run.
    setFlagsFromString("--expose-gc");
    const collectGarbage = runInNewContext("gc") as () => void;
    server = await startPagingServer(30);
    let previousPage: WeakRef<object> | undefined;
    const stillHeld: boolean[] = [];
    const aidp = createAidpClient({
      baseUrl: server.url,
      // Checked once the request is on its way: every reader's frame is then suspended, as during a real wait.
      fetch: async (input, init) => {
        const answer = fetch(input, init);
        await new Promise((resolve) => setImmediate(resolve));
        if (previousPage) {
          collectGarbage();
          stillHeld.push(previousPage.deref() !== undefined);
        }
        return answer;
      },
    });
    let seen = 0;
    for await (const item of aidp.searchAuditLogsItems({ aiDataPlatformId, limit: 10 }))
      if (seen++ % 10 === 0) previousPage = new WeakRef(item);
    expect(seen).toBe(30);
    // `for await` itself keeps the value it last had while it waits for the next, so a page loop that lets go
    // of a page clears its own reference.
    previousPage = undefined;
    const pages = aidp.searchAuditLogsPages({ aiDataPlatformId, limit: 10 });
    let result: IteratorResult<{ items: object[] }> | undefined;
    for (;;) {
      result = undefined;
      result = await pages.next();
      if (result.done) break;
      previousPage = new WeakRef(result.value.items);
    }
    expect(stillHeld).toEqual([false, false, false, false]);
  });
});
