// Section 4: iterating 1,000,000 records (1,000 pages of 1,000) and 100,000 (100 pages) for RSS flatness, and where
// each reader's time goes on a page.
import { startAuditPageServer } from "../audit-page-server.ts";
import type { PagePhases } from "../children/pagination-phases.ts";
import { inRounds, medianOver, roundRatios } from "../measure/rounds.ts";
import { runChildScript } from "../measure/run-child.ts";
import { median as medianOf } from "../measure/stats.ts";
import {
  floorVariants,
  type PaginationResult,
  type PaginationVariant,
  paginationVariants,
  type ReaderVariant,
} from "../pagination-variants.ts";
import { fixed, markdownTable, ratio, targetLine } from "../report/markdown.ts";

const recordsPerPage = 1_000;
const pageCounts = [100, 1_000] as const;
const rounds = 9;
/** Runs of each reader timed part by part: a page's parts move by 10 to 40 µs between runs, the exchange by more. */
const phaseRounds = 5;
const childScript = new URL("../children/pagination-run.ts", import.meta.url);
const phasesScript = new URL("../children/pagination-phases.ts", import.meta.url);
type Part = Exclude<keyof PagePhases, "pages">;
/** The parts of a page on the reader's own side of the exchange. */
const ownParts = ["answerUs", "recordsUs", "nextRequestUs"] as const satisfies readonly Part[];

/** `use(url)` with the local server answering `pages` pages, closed afterwards. */
async function withPageServer<T>(pages: number, use: (url: string) => Promise<T>): Promise<T> {
  const server = await startAuditPageServer({ recordsPerPage, pages });
  try {
    return await use(server.url);
  } finally {
    await server.close();
  }
}

/** Runs of each reader over `pages` pages, by round. */
function readAllPages(pages: number, rounds: number): Promise<Map<PaginationVariant, PaginationResult[]>> {
  return withPageServer(pages, (url) =>
    inRounds(paginationVariants, rounds, async (variant) => {
      const result = await runChildScript<PaginationResult>(
        childScript,
        [variant, url, String(recordsPerPage)],
        120_000,
        ["--expose-gc"],
      );
      if (result.records !== pages * recordsPerPage)
        throw new Error(`${variant} read ${result.records} records, expected ${pages * recordsPerPage}`);
      return result;
    }),
  );
}

/** Each reader's time a page, part by part (children/pagination-phases.ts), by round. */
function timePhases(pages: number): Promise<Map<ReaderVariant, PagePhases[]>> {
  return withPageServer(pages, (url) =>
    inRounds([...paginationVariants, ...floorVariants], phaseRounds, async (variant) => {
      const phases = await runChildScript<PagePhases>(
        phasesScript,
        [variant, url, String(recordsPerPage)],
        120_000,
      );
      if (phases.pages !== pages) throw new Error(`${variant} read ${phases.pages} pages, expected ${pages}`);
      return phases;
    }),
  );
}

export async function paginationSection(): Promise<string> {
  // Throughput is compared over 1,000 pages in interleaved rounds; 100 pages once, for the heap's growth.
  const runsByPages = new Map([
    [100, await readAllPages(100, 1)],
    [1_000, await readAllPages(1_000, rounds)],
  ]);
  const runsOf = (variant: PaginationVariant, pages: number) => runsByPages.get(pages)?.get(variant) ?? [];
  const median = (variant: PaginationVariant, pages: number, metric: (run: PaginationResult) => number) =>
    medianOver(runsOf(variant, pages), metric);
  const rows = pageCounts.flatMap((pages) =>
    paginationVariants.map((variant) => [
      variant,
      pages,
      (pages * recordsPerPage).toLocaleString("en-US"),
      Math.round(median(variant, pages, (run) => run.recordsPerSecond)).toLocaleString("en-US"),
      Math.round(median(variant, pages, (run) => run.recordsPerCpuSecond)).toLocaleString("en-US"),
      fixed(median(variant, pages, (run) => run.peakRssMiB)),
      fixed(median(variant, pages, (run) => run.heapAfterGcMiB)),
    ]),
  );
  const [client, hand, clientPages, bare] = paginationVariants;
  const recordsPerSecond = (run: PaginationResult) => run.recordsPerSecond;
  const throughput = roundRatios(runsOf(client, 1_000), runsOf(hand, 1_000), recordsPerSecond);
  const pagesThroughput = roundRatios(runsOf(clientPages, 1_000), runsOf(hand, 1_000), recordsPerSecond);
  const itemsOverPages = roundRatios(runsOf(client, 1_000), runsOf(clientPages, 1_000), recordsPerSecond);
  const bareThroughput = roundRatios(runsOf(bare, 1_000), runsOf(hand, 1_000), recordsPerSecond);
  const itemsOverBare = roundRatios(runsOf(client, 1_000), runsOf(bare, 1_000), recordsPerSecond);
  const cpuThroughput = roundRatios(
    runsOf(client, 1_000),
    runsOf(hand, 1_000),
    (run) => run.recordsPerCpuSecond,
  );
  const at = (variant: PaginationVariant, pages: number, metric: (run: PaginationResult) => number) =>
    median(variant, pages, metric);
  const heap = (run: PaginationResult) => run.heapAfterGcMiB;
  const rss = (run: PaginationResult) => run.peakRssMiB;
  const heapGrowth = at(client, 1_000, heap) / at(client, 100, heap);
  const rssGrowth = at(client, 1_000, rss) / at(client, 100, rss);
  const handRssGrowth = at(hand, 1_000, rss) / at(hand, 100, rss);
  const phasesByReader = await timePhases(1_000);
  const phase = (variant: ReaderVariant, part: Part) =>
    medianOver(phasesByReader.get(variant) ?? [], (run) => run[part]);
  /** A reader's time a page on its own side of the exchange: from the answer's last byte to the next request. */
  const ownSideUs = (variant: ReaderVariant) => ownParts.reduce((sum, part) => sum + phase(variant, part), 0);
  const pageUs = (variant: ReaderVariant) => ownSideUs(variant) + phase(variant, "exchangeUs");
  const beyondHand = (variant: ReaderVariant) => ownSideUs(variant) - ownSideUs(hand);
  const partBeyondHand = (variant: ReaderVariant, part: Part) => phase(variant, part) - phase(hand, part);
  const [recordsByForAwait, requestDuties] = floorVariants;
  // Each yardstick adds one thing to the hand loop, and it shows in one part: the protocol in walking the records,
  // the request's extras in the next request. Their other parts do the hand loop's work: differences there are noise.
  const protocolUs = partBeyondHand(recordsByForAwait, "recordsUs");
  const requestDutiesUs = partBeyondHand(requestDuties, "nextRequestUs");
  const floorUs = protocolUs + requestDutiesUs;
  // The exchange is the same for every reader and moves the most between runs: one figure for all of them.
  const commonExchangeUs = medianOf(
    [...paginationVariants, ...floorVariants].map((variant) => phase(variant, "exchangeUs")),
  );
  const handPageUs = ownSideUs(hand) + commonExchangeUs;
  /** What searchAuditLogsItems may spend a page beyond the hand loop and still read at 0.95x of it. */
  const targetAllowanceUs = handPageUs * (1 / 0.95 - 1);
  const answerBeyondHandUs = partBeyondHand(client, "answerUs");
  /** Beyond the protocol and the request's extras, in the two parts where they show (the answer is read apart). */
  const clientOwnWorkUs = beyondHand(client) - answerBeyondHandUs - floorUs;
  const phaseRows = [...paginationVariants, ...floorVariants].map((variant) => [
    variant,
    ...[...ownParts, "exchangeUs" as const].map((part) => fixed(phase(variant, part), 0)),
    fixed(pageUs(variant), 0),
  ]);
  return [
    "## 4. Pagination at scale",
    "",
    `Pages of ${recordsPerPage.toLocaleString("en-US")} records (the spec's example records, each with its own ` +
      "eventId) from the local server, which sends `opc-next-page` until the last page. Each run is its own Node " +
      "process; peak RSS is that process's `maxRSS` over its whole life (Node itself included); records/CPU-s " +
      "divides by that process's CPU time, which a busy machine does not inflate. The 1,000-page rows are the " +
      `median of ${rounds} interleaved rounds (each round runs every reader, in turn first), and the throughput ` +
      "ratio is the median of the ratios within a round; the 100-page rows are one run each.",
    "",
    markdownTable(
      ["reader", "pages", "records", "records/s", "records/CPU-s", "peak RSS MiB", "heap after GC MiB"],
      rows,
    ),
    "",
    targetLine(
      throughput.median >= 0.95,
      "searchAuditLogsItems >= 0.95x the hand loop's throughput",
      `${ratio(throughput.median)} in records/s, rounds ${throughput.perRound.map(ratio).join(", ")}; ` +
        `${ratio(cpuThroughput.median)} in records per CPU second`,
    ),
    `- Where each reader's time goes, in µs a page (median of ${phaseRounds} runs of each, the 1,000 pages; ` +
      "children/pagination-phases.ts times them from the events Node's fetch publishes on diagnostics_channel and " +
      "each page's first and last record): *answer* from the answer's last byte to the page's first record (reading " +
      "the body as text, parsing it, the client's handling), *records* from the first record to the last, *next " +
      "request* from the last record to the next request's headers sent, *exchange* from those headers to the " +
      "answer's last byte (the server and the socket, which move by up to hundreds of µs between runs, for every " +
      "reader alike). " +
      "The last two readers are yardsticks, timed only here: the hand loop with its records handed out through " +
      "`for await` (one settled promise per record, nothing else), and the hand loop sending what every request " +
      "of the client carries (a request id and a retry token of 32 hex digits, a timer and an AbortSignal).",
    "",
    markdownTable(["reader", "answer", "records", "next request", "exchange", "a page"], phaseRows),
    "",
    `- What costs it: searchAuditLogsItems spends ${fixed(beyondHand(client), 0)} µs a page more than the hand ` +
      `loop on its own side: ${fixed(partBeyondHand(client, "recordsUs"), 0)} walking the records and ` +
      `${fixed(partBeyondHand(client, "nextRequestUs"), 0)} building and starting the next request, ` +
      (answerBeyondHandUs < 0
        ? `less ${fixed(-answerBeyondHandUs, 0)} from the answer's last byte to its first record (both read it ` +
          "with `response.text()`: noise)"
        : `and ${fixed(answerBeyondHandUs, 0)} from the answer's last byte to its first record`) +
      ". Handing " +
      `records out one \`next()\` at a time costs ${fixed(protocolUs, 0)} µs a page by itself, and a request id, ` +
      `a retry token and a timeout on every request ${fixed(requestDutiesUs, 0)} µs: together ` +
      `${fixed(floorUs, 0)} µs, ${fixed((100 * floorUs) / handPageUs)} % of the hand loop's page ` +
      `(${fixed(handPageUs, 0)} µs, with the ${fixed(commonExchangeUs, 0)} µs exchange the readers' median). 0.95x ` +
      `allows ${fixed(targetAllowanceUs, 0)} µs a page in all, which leaves ` +
      (targetAllowanceUs - floorUs > 0 ? `${fixed(targetAllowanceUs - floorUs, 0)} µs` : "nothing") +
      " for the client's validation, paging and error handling. The client's own work beyond those two, walking " +
      "the records and starting the next request: " +
      (clientOwnWorkUs > 0 ? `${fixed(clientOwnWorkUs, 0)} µs a page` : "within their noise in this run") +
      " (by hand on 2026-12-07, in 9 rounds: skipping the validation of each page's request took about 5 µs a page " +
      "off the next request, within the noise, so the pager validates each page's request as any call's). " +
      "searchAuditLogsPages walks each page's array and pays no protocol: " +
      `${ratio(pagesThroughput.median)} of the hand loop (rounds ${pagesThroughput.perRound.map(ratio).join(", ")}), ` +
      `and searchAuditLogsItems ${ratio(itemsOverPages.median)} of it. The same page loop on bare openapi-fetch is ` +
      `${ratio(bareThroughput.median)} of the hand loop, and searchAuditLogsItems ${ratio(itemsOverBare.median)} of ` +
      "it. Readers that want the last few percent walk searchAuditLogsPages.",
    targetLine(
      heapGrowth <= 1.1,
      "heap after a forced GC flat from 100 to 1,000 pages (within 10 %)",
      `${fixed(at(client, 100, heap))} → ${fixed(at(client, 1_000, heap))} MiB, ${ratio(heapGrowth)}`,
    ),
    `- Peak RSS (not a target: V8 collects late) grows ${ratio(rssGrowth)} for the client and ${ratio(handRssGrowth)} ` +
      "for the hand loop over the same pages; the heap left after a forced GC shows whether a reader keeps " +
      "records or only leaves garbage for V8 to collect later.",
  ].join("\n");
}
