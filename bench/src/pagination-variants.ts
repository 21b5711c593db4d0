// The readers of every audit record that the pagination benchmark compares, and what each reports.

export const paginationVariants = [
  "@aidp/client searchAuditLogsItems",
  "hand-written fetch loop",
  // Same pages as the items reader, records walked as arrays: what `for await` per record costs, by difference.
  "@aidp/client searchAuditLogsPages",
  // The same loop on bare openapi-fetch: what building and reading each request through it costs.
  "openapi-fetch page loop",
] as const;
export type PaginationVariant = (typeof paginationVariants)[number];

/**
 * Two more readers, timed part by part only (children/pagination-phases.ts): the least that handing out records one
 * at a time, and sending what every request of the client carries, cost on their own.
 */
export const floorVariants = [
  // The hand loop's records through `for await`, one settled promise per record and nothing else.
  "hand-written loop, records by for await",
  // The hand loop sending what the client's every request carries: a request id, a retry token, a timeout.
  "hand-written loop with a request id, retry token and timeout",
] as const;
export type ReaderVariant = PaginationVariant | (typeof floorVariants)[number];

export interface PaginationResult {
  records: number;
  recordsPerSecond: number;
  /** Records per second of CPU time (user + system) of the reader's process: its own cost, whatever else the
   * shared machine is doing. */
  recordsPerCpuSecond: number;
  /** CPU time of the reader's whole process, node's start-up and the imports included (as a CLI run has them). */
  processCpuSeconds: number;
  peakRssMiB: number;
  /** Heap still in use after the loop and a forced GC: what the reader kept, as opposed to garbage not yet collected. */
  heapAfterGcMiB: number;
}
