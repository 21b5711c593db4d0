// Child process of the pagination benchmark: what searchAuditLogsItems costs per record over
// searchAuditLogsPages when no network is involved. Both read the same pages from a `fetch` that answers from
// memory, in alternating runs in this one process; the difference is the async-iteration protocol (a promise and a
// result object per record, and the young-generation collections they bring) and nothing else.
import { createAidpConnection, searchAuditLogsItems, searchAuditLogsPages } from "@aidp/client";
import { auditPageText } from "../audit-page-server.ts";
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

const items: number[] = [];
const pagesWalk: number[] = [];
// 9 rounds, each reader first in every other one: the spread between runs is as large as the difference.
for (let round = 0; round < 9; round++) {
  const [first, second] = round % 2 === 0 ? [byItems, byPages] : [byPages, byItems];
  const a = await cpuNsPerRecord(first);
  const b = await cpuNsPerRecord(second);
  items.push(first === byItems ? a : b);
  pagesWalk.push(first === byItems ? b : a);
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
reportToParent({ itemsNsPerRecord: median(items), pagesNsPerRecord: median(pagesWalk) });
