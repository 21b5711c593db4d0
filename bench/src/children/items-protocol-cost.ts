// Child process of the pagination benchmark: what searchAuditLogsItems costs per record over
// searchAuditLogsPages, and searchAuditLogsPages over a hand-written loop, when no network is involved. All three
// read the same pages from a `fetch` that answers from memory, in rotating runs in this one process. Items over
// pages is the async-iteration protocol (a promise and a result object per record, and the young-generation
// collections they bring); pages over the hand loop is the client's own work on each page (checking the input,
// building the request from the facts, the attempt loop, reading the answer).
import { createAidpConnection, searchAuditLogsItems, searchAuditLogsPages } from "@aidp/client";
import { auditPageText } from "../audit-page-server.ts";
import { countWithHandLoop } from "../hand-loop.ts";
import { reportToParent } from "../measure/run-child.ts";
import { aiDataPlatformId } from "../request-variants.ts";

const [recordsPerPageText, pagesText] = process.argv.slice(2) as [string, string];
const recordsPerPage = Number(recordsPerPageText);
const pages = Number(pagesText);
const pageText = auditPageText(recordsPerPage);
const input = { aiDataPlatformId, limit: recordsPerPage };
// Each page names a new next page (a repeated token would stop the loop); maxPages ends the reading.
let pageNumber = 0;
const fromMemory: typeof fetch = async () => {
  pageNumber++;
  return new Response(pageText, {
    headers: { "content-type": "application/json", "opc-next-page": String(pageNumber) },
  });
};
const connection = createAidpConnection({ baseUrl: "http://memory.invalid", fetch: fromMemory });

async function cpuNsPerRecord(read: () => Promise<number>): Promise<number> {
  const before = process.cpuUsage();
  const records = await read();
  const cpu = process.cpuUsage(before);
  if (records !== pages * recordsPerPage)
    throw new Error(`read ${records} records, expected ${pages * recordsPerPage}`);
  return ((cpu.user + cpu.system) * 1000) / records;
}

const byItems = async () => {
  let records = 0;
  for await (const record of searchAuditLogsItems(connection, input, { maxPages: pages }))
    if (record.eventId) records++;
  return records;
};
const byPages = async () => {
  let records = 0;
  for await (const page of searchAuditLogsPages(connection, input, { maxPages: pages }))
    for (const record of page.items) if (record.eventId) records++;
  return records;
};

/** The hand loop of the network runs, with the same fetch. */
const byHand = () => countWithHandLoop("http://memory.invalid", recordsPerPage, fromMemory, pages);

const readers = { items: byItems, pages: byPages, hand: byHand };
const samples: Record<keyof typeof readers, number[]> = { items: [], pages: [], hand: [] };
const order = Object.keys(readers) as (keyof typeof readers)[];
// 9 rounds, each reader first in turn: the spread between runs is as large as the differences.
for (let round = 0; round < 9; round++) {
  for (let index = 0; index < order.length; index++) {
    const name = order[(round + index) % order.length] as keyof typeof readers;
    samples[name].push(await cpuNsPerRecord(readers[name]));
  }
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
reportToParent({
  itemsNsPerRecord: median(samples.items),
  pagesNsPerRecord: median(samples.pages),
  handNsPerRecord: median(samples.hand),
});
