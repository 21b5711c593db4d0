// The hand-written reader the client's pagination is measured against: fetch each page, JSON.parse it, walk its
// records, follow opc-next-page. One definition for the network runs (children/pagination-run.ts) and the runs
// with no network (children/items-protocol-cost.ts).
import { searchAuditLogsUrl } from "./request-variants.ts";

/** Records with an eventId over every page (or the first `maxPages`), read with `fetchPage`. */
export async function countWithHandLoop(
  baseUrl: string,
  limit: number,
  fetchPage: typeof fetch = fetch,
  maxPages = Number.POSITIVE_INFINITY,
): Promise<number> {
  let records = 0;
  let page: string | null = null;
  let pages = 0;
  do {
    const url = new URL(searchAuditLogsUrl(baseUrl));
    url.searchParams.set("limit", String(limit));
    if (page) url.searchParams.set("page", page);
    const response = await fetchPage(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = JSON.parse(await response.text()) as { items: { eventId?: string }[] };
    for (const record of body.items) {
      if (record.eventId) records++;
    }
    page = response.headers.get("opc-next-page");
  } while (page && ++pages < maxPages);
  return records;
}
