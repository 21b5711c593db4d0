import { searchAuditLogsPage, searchAuditLogsPages } from "../api.ts";
import type { Failure } from "../failure.ts";
import { operationFlags } from "../generated/operation-flags.ts";
import { compileQuery } from "../output/query.ts";
import type { OutputRecord } from "../output/record-format.ts";
import { createRecordWriter } from "../output/record-writer.ts";
import { createProgress } from "../progress.ts";
import { terminalColumns } from "../terminal-columns.ts";
import { UnusableAnswer } from "../unusable-answer.ts";
import { wholeNumberFlag } from "../whole-number-flag.ts";
import { type CommandFlags, runOperation } from "./run-operation.ts";

/** The flags of search-logs beside the shared ones (declared in ./search-logs.ts). */
export interface SearchFlags extends CommandFlags {
  all?: boolean;
  maxItems?: string;
}

export function searchLogs(flags: SearchFlags): Promise<Failure | undefined> {
  return runOperation("searchAuditLogs", flags, async (run) => {
    const { client, input, signal, openOutput, print } = run;
    const maxItems = parseMaxItems(flags.maxItems);
    const query = await compileQuery(flags.query, flags.rawOutput, flags.output);
    const readsPages = flags.all === true || maxItems !== undefined;
    if (query) {
      // JMESPath needs the whole document: it is assembled as --output json would print it, then filtered.
      const items: unknown[] = [];
      let nextPage: string | undefined;
      if (!readsPages) {
        const page = await searchAuditLogsPage(client, input, { signal });
        items.push(...recordsOf(page));
        nextPage = page.nextPage;
      } else {
        // The pager asks for no more than --max-items leaves, so the last page's token resumes right after it.
        for await (const page of searchAuditLogsPages(client, input, { signal, maxItems })) {
          items.push(...recordsOf(page));
          nextPage = page.nextPage;
        }
      }
      const output = openOutput();
      await output.write(query.render(nextPage === undefined ? { items } : { items, nextPage }));
      run.recordsWritten(items.length);
      await output.commit();
      // The expression may have left nextPage out of what it printed: said on standard error too.
      if (nextPage !== undefined) print(moreRecords(nextPage, readsPages));
      return;
    }
    const writer = await createRecordWriter(
      flags.output,
      operationFlags.searchAuditLogs.resultColumns,
      terminalColumns(),
    );
    if (!readsPages) {
      const page = await searchAuditLogsPage(client, input, { signal });
      const records = recordsOf(page);
      const output = openOutput();
      await output.write(writer.page(records) + writer.end(page.nextPage));
      run.recordsWritten(records.length);
      await output.commit();
      if (page.nextPage !== undefined && flags.output !== "json") print(moreRecords(page.nextPage, false));
      return;
    }
    const output = openOutput();
    // Records on the terminal show the progress themselves; a progress line among them would garble both.
    const recordsOnTerminal = flags.outputFile === undefined && process.stdout.isTTY === true;
    const progress = createProgress(process.stderr, !flags.quiet && !recordsOnTerminal);
    // The last page's token: after --max-items, where a next command resumes (the pager asked for no more records
    // than were left, so nothing is read twice); after the last page, none.
    let resumeFrom: string | undefined;
    // Stops the page asked for ahead (below) when the command ends before it is wanted: a reader gone, a failure.
    const stopAhead = new AbortController();
    const pages = searchAuditLogsPages(client, input, {
      signal: AbortSignal.any([signal, stopAhead.signal]),
      maxItems,
    });
    // One page of records at a time. Not `for await`, which keeps the page it last had while it waits for the
    // next. And the next page is asked for as soon as this one is text, before the text is written: the pager,
    // suspended at its `yield`, holds the page it yielded until it is asked again, and a slow reader can keep a
    // write waiting through many young-generation collections, each of which would copy that page. Meanwhile the
    // next page's request is on its way.
    let page: IteratorResult<RecordsPage> | undefined;
    let nextPage: Promise<IteratorResult<RecordsPage>> | undefined;
    // The page asked for ahead may fail while a write waits, before the loop awaits it: marked as handled from the
    // start, it is not an unhandled rejection (which ends the process), and the loop still gets its failure.
    const askForNextPage = () => {
      nextPage = pages.next();
      nextPage.catch(() => {});
    };
    askForNextPage();
    // A function of its own, so that neither the page nor its text stays in the loop's frame while the write waits.
    const writePageAndAskForNext = (): Promise<void> => {
      const { value } = page as IteratorYieldResult<RecordsPage>;
      const records = recordsOf(value);
      resumeFrom = value.nextPage;
      const text = writer.page(records);
      const counted = records.length;
      page = undefined;
      askForNextPage();
      return output.write(text).then(() => {
        run.recordsWritten(counted);
        progress.page(counted);
      });
    };
    try {
      for (;;) {
        page = await nextPage;
        nextPage = undefined; // settled, it would hold the page too
        if (page?.done) break;
        await writePageAndAskForNext();
        if (signal.aborted) throw signal.reason;
      }
    } finally {
      progress.done();
      // Not the pages' end (a failure, a reader gone): as `for await` does when its loop ends early.
      if (page?.done !== true) {
        stopAhead.abort(); // the page asked for ahead is not wanted: its failure is not this command's
        await pages.return(undefined);
      }
    }
    await output.write(writer.end(resumeFrom));
    await output.commit();
    if (resumeFrom !== undefined && flags.output !== "json") print(moreRecords(resumeFrom, true));
  });
}

interface RecordsPage {
  items: readonly OutputRecord[];
  nextPage: string | undefined;
  requestId: string | undefined;
}

/**
 * A page's records, once they are a list. The client reads a page without `items` as empty, and hands on whatever
 * else the service sent under it (an object, a string), which no output format can write.
 */
function recordsOf(page: RecordsPage): readonly OutputRecord[] {
  if (!Array.isArray(page.items))
    throw new UnusableAnswer("the service's page of audit records has no list of records", page.requestId);
  return page.items;
}

/** Where to read on from: after one page, its token (or --all); after --max-items, the token after the last record. */
function moreRecords(token: string, readPages: boolean): string {
  return `aidp: there are more records: add --page ${token}${readPages ? " to read on from here" : ", or --all"}`;
}

function parseMaxItems(value: string | undefined): number | undefined {
  return value === undefined ? undefined : wholeNumberFlag("--max-items", value, 1);
}
