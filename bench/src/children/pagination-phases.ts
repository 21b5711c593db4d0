// Child process of the pagination benchmark: where one reader's time goes on each page, from the events Node's
// fetch (undici) publishes on diagnostics_channel and the reader's first and last record of each page:
//   exchange      the request's headers sent → the answer's last byte received (the server, the socket, undici);
//   answer        last byte → the page's first record in the reader's hands (reading the body as text, parsing
//                 it, the client's handling of the answer);
//   records       first record → last record (walking the page: an array, or `for await` one record at a time);
//   next request  last record → the next request's headers sent (building and starting the next request).
// A page's records are counted, not timed one by one: two clock reads a page, so the timing costs next to nothing.
// That needs full pages (the server's page size is the reader's limit) walked to their end before the next request:
// the child fails otherwise rather than report parts of the wrong pages.
import { subscribe } from "node:diagnostics_channel";
import { reportToParent } from "../measure/run-child.ts";
import { paginationReaders } from "../pagination-readers.ts";
import type { ReaderVariant } from "../pagination-variants.ts";

export interface PagePhases {
  pages: number;
  /** Microseconds a page, the mean over every page but the first (which pays for loading and compiling). */
  exchangeUs: number;
  answerUs: number;
  recordsUs: number;
  nextRequestUs: number;
}

const [variant, baseUrl, pageSizeText] = process.argv.slice(2) as [ReaderVariant, string, string];
const limit = Number(pageSizeText);

const totals = { exchange: 0, answer: 0, records: 0, nextRequest: 0 };
let pages = 0;
let requestSentAt = 0;
let answerEndedAt = 0;
let firstRecordAt = 0;
let lastRecordAt = 0;
let recordsInPage = 0;
/** Requests sent, or runs ended, while the page in hand was not walked to its `limit`-th record. */
let pagesNotWalkedWhole = 0;

subscribe("undici:client:sendHeaders", () => {
  requestSentAt = performance.now();
  if (pages > 0 && recordsInPage !== limit) pagesNotWalkedWhole++;
  if (pages > 1) totals.nextRequest += requestSentAt - lastRecordAt;
});
subscribe("undici:request:trailers", () => {
  answerEndedAt = performance.now();
  pages++;
  recordsInPage = 0;
  if (pages > 1) totals.exchange += answerEndedAt - requestSentAt;
});

await paginationReaders[variant](baseUrl, limit, () => {
  if (++recordsInPage === 1) {
    firstRecordAt = performance.now();
    if (pages > 1) totals.answer += firstRecordAt - answerEndedAt;
  }
  if (recordsInPage === limit) {
    lastRecordAt = performance.now();
    if (pages > 1) totals.records += lastRecordAt - firstRecordAt;
  }
});

if (recordsInPage !== limit) pagesNotWalkedWhole++;
if (pagesNotWalkedWhole > 0)
  throw new Error(
    `${variant}: ${pagesNotWalkedWhole} of ${pages} pages were not ${limit} records walked to the end before the ` +
      "next request; the parts of a page cannot be told apart",
  );
const perPage = (ms: number) => (ms * 1000) / (pages - 1);
reportToParent({
  pages,
  exchangeUs: perPage(totals.exchange),
  answerUs: perPage(totals.answer),
  recordsUs: perPage(totals.records),
  // The last page has no next request.
  nextRequestUs: (totals.nextRequest * 1000) / (pages - 2),
} satisfies PagePhases);
