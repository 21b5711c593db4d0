// The readers of every audit record that the pagination benchmark compares, one definition for its two children:
// the throughput runs (children/pagination-run.ts) and the runs that time each part of a page
// (children/pagination-phases.ts). Each reader hands every record to `onRecord` as it walks it.
import { createAidpClient } from "@aidp/client";
import type { paths } from "@aidp/types";
import createClient from "openapi-fetch";
import type { ReaderVariant } from "./pagination-variants.ts";
import { aiDataPlatformId, searchAuditLogsPath, searchAuditLogsUrl } from "./request-variants.ts";

export type OnRecord = (record: { eventId?: string }) => void;
type Reader = (baseUrl: string, limit: number, onRecord: OnRecord) => Promise<void>;
type AuditRecord = Parameters<OnRecord>[0];
interface HandPage {
  records: AuditRecord[];
  /** opc-next-page; null on the last page. */
  nextPage: string | null;
}

/**
 * One page as the hand loop reads it: fetch, JSON.parse, opc-next-page. `page` is the token, null for the first.
 * With `requestDuties`, the request also carries what the client puts on every request: its own request id and
 * retry token (32 hex digits each, as the client makes them), and a timeout over the whole exchange, the body
 * included (a timer and an AbortController's signal).
 */
async function handPage(
  baseUrl: string,
  limit: number,
  page: string | null,
  requestDuties = false,
): Promise<HandPage> {
  const url = new URL(searchAuditLogsUrl(baseUrl));
  url.searchParams.set("limit", String(limit));
  if (page) url.searchParams.set("page", page);
  const timeout = requestDuties ? new AbortController() : undefined;
  const timer = timeout && setTimeout(() => timeout.abort(), 60_000);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: requestDuties
        ? {
            "content-type": "application/json",
            "opc-request-id": crypto.randomUUID().replaceAll("-", "").toUpperCase(),
            "opc-retry-token": crypto.randomUUID().replaceAll("-", ""),
          }
        : { "content-type": "application/json" },
      body: "{}",
      signal: timeout?.signal,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = JSON.parse(await response.text()) as { items: AuditRecord[] };
    return { records: body.items, nextPage: response.headers.get("opc-next-page") };
  } finally {
    clearTimeout(timer);
  }
}

/** The hand-written reader the client is measured against: each page's records walked as an array. */
function handLoop(requestDuties = false): Reader {
  return async (baseUrl, limit, onRecord) => {
    let page: string | null = null;
    do {
      const { records, nextPage } = await handPage(baseUrl, limit, page, requestDuties);
      for (const record of records) onRecord(record);
      page = nextPage;
    } while (page);
  };
}

/** The hand loop's records handed out one `next()` at a time, as searchAuditLogsItems does, with nothing else. */
const handForAwait: Reader = async (baseUrl, limit, onRecord) => {
  let records: AuditRecord[] = [];
  let index = 0;
  // undefined: no page read yet; null: the last page was read.
  let nextPage: string | null | undefined;
  const iterator: AsyncIterableIterator<AuditRecord> = {
    [Symbol.asyncIterator]: () => iterator,
    next(): Promise<IteratorResult<AuditRecord>> {
      if (index < records.length)
        return Promise.resolve({ value: records[index++] as AuditRecord, done: false });
      if (nextPage === null) return Promise.resolve({ value: undefined, done: true });
      return handPage(baseUrl, limit, nextPage ?? null).then((page) => {
        ({ records, nextPage } = page);
        index = 0;
        return iterator.next();
      });
    },
  };
  for await (const record of iterator) onRecord(record);
};

const clientItems: Reader = async (baseUrl, limit, onRecord) => {
  const aidp = createAidpClient({ baseUrl });
  for await (const record of aidp.searchAuditLogsItems({ aiDataPlatformId, limit })) onRecord(record);
};

/** The same pages as the items reader, each page's records walked as an array. */
const clientPages: Reader = async (baseUrl, limit, onRecord) => {
  const aidp = createAidpClient({ baseUrl });
  for await (const page of aidp.searchAuditLogsPages({ aiDataPlatformId, limit })) {
    for (const record of page.items) onRecord(record);
  }
};

/** The hand loop's pages through bare openapi-fetch: what building and reading each request through it costs. */
const openapiFetchLoop: Reader = async (baseUrl, limit, onRecord) => {
  const client = createClient<paths>({ baseUrl });
  let page: string | undefined;
  do {
    const { data, response } = await client.POST(searchAuditLogsPath, {
      params: { path: { aiDataPlatformId }, query: { limit, ...(page ? { page } : {}) } },
      body: {},
    });
    if (!data) throw new Error(`HTTP ${response.status}`);
    for (const record of data.items) onRecord(record);
    page = response.headers.get("opc-next-page") ?? undefined;
  } while (page);
};

export const paginationReaders: Record<ReaderVariant, Reader> = {
  "@aidp/client searchAuditLogsItems": clientItems,
  "hand-written fetch loop": handLoop(),
  "hand-written loop, records by for await": handForAwait,
  "hand-written loop with a request id, retry token and timeout": handLoop(true),
  "@aidp/client searchAuditLogsPages": clientPages,
  "openapi-fetch page loop": openapiFetchLoop,
};
