// Child process of the pagination benchmark: reads every record of every page from the local server, with
// @aidp/client's searchAuditLogsItems or searchAuditLogsPages, with a page loop on bare openapi-fetch, or with a
// hand-written fetch + JSON.parse loop, and reports the throughput and this process's peak RSS.
import { reportToParent } from "../measure/run-child.ts";
import { paginationReaders } from "../pagination-readers.ts";
import type { PaginationResult, PaginationVariant } from "../pagination-variants.ts";

const [variant, baseUrl, pageSizeText] = process.argv.slice(2) as [PaginationVariant, string, string];
const limit = Number(pageSizeText);

const started = performance.now();
const cpuBefore = process.cpuUsage();
let records = 0;
await paginationReaders[variant](baseUrl, limit, (record) => {
  if (record.eventId) records++;
});
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
