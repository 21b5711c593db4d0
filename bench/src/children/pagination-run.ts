// Child process of the pagination benchmark: reads every record of every page from the local server, with
// @aidp/client's searchAuditLogsItems or searchAuditLogsPages, with a page loop on bare openapi-fetch, or with a
// hand-written fetch + JSON.parse loop, and reports the throughput and this process's peak RSS.
import { createAidpClient } from "@aidp/client";
import type { paths } from "@aidp/types";
import createClient from "openapi-fetch";
import { countWithHandLoop } from "../hand-loop.ts";
import { reportToParent } from "../measure/run-child.ts";
import type { PaginationResult, PaginationVariant } from "../pagination-variants.ts";
import { aiDataPlatformId, searchAuditLogsPath } from "../request-variants.ts";

const [variant, baseUrl, pageSizeText] = process.argv.slice(2) as [PaginationVariant, string, string];
const limit = Number(pageSizeText);

async function countWithClient(): Promise<number> {
  const aidp = createAidpClient({ baseUrl });
  let records = 0;
  for await (const record of aidp.searchAuditLogsItems({ aiDataPlatformId, limit })) {
    if (record.eventId) records++;
  }
  return records;
}

async function countWithClientPages(): Promise<number> {
  const aidp = createAidpClient({ baseUrl });
  let records = 0;
  for await (const page of aidp.searchAuditLogsPages({ aiDataPlatformId, limit })) {
    for (const record of page.items) if (record.eventId) records++;
  }
  return records;
}

async function countWithOpenapiFetch(): Promise<number> {
  const client = createClient<paths>({ baseUrl });
  let records = 0;
  let page: string | undefined;
  do {
    const { data, response } = await client.POST(searchAuditLogsPath, {
      params: { path: { aiDataPlatformId }, query: { limit, ...(page ? { page } : {}) } },
      body: {},
    });
    if (!data) throw new Error(`HTTP ${response.status}`);
    for (const record of data.items) if (record.eventId) records++;
    page = response.headers.get("opc-next-page") ?? undefined;
  } while (page);
  return records;
}

const started = performance.now();
const cpuBefore = process.cpuUsage();
const readers: Record<PaginationVariant, () => Promise<number>> = {
  "@aidp/client searchAuditLogsItems": countWithClient,
  "@aidp/client searchAuditLogsPages": countWithClientPages,
  "hand-written fetch loop": () => countWithHandLoop(baseUrl, limit),
  "openapi-fetch page loop": countWithOpenapiFetch,
};
const records = await readers[variant]();
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const processCpu = process.cpuUsage(); // since the process started: node's start-up and the imports included
// Started with --expose-gc by the parent.
(globalThis as { gc?: () => void }).gc?.();
reportToParent({
  records,
  recordsPerSecond: records / seconds,
  recordsPerCpuSecond: records / ((cpu.user + cpu.system) / 1e6),
  processCpuSeconds: (processCpu.user + processCpu.system) / 1e6,
  // resourceUsage().maxRSS is in kibibytes: the peak over this process's whole life.
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
  heapAfterGcMiB: process.memoryUsage().heapUsed / 1024 ** 2,
} satisfies PaginationResult);
