import { searchAuditLogsPage, searchAuditLogsPages } from "../api.ts";
import { UsageError } from "../exit-codes.ts";
import type { Failure } from "../failure.ts";
import { operationFlags } from "../generated/operation-flags.ts";
import { compileQuery } from "../output/query.ts";
import type { OutputRecord } from "../output/record-format.ts";
import { createRecordWriter } from "../output/record-writer.ts";
import { createProgress } from "../progress.ts";
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
    if (query) {
      // JMESPath needs the whole document: it is assembled as --output json would print it, then filtered.
      const items: unknown[] = [];
      let nextPage: string | undefined;
      if (!flags.all && maxItems === undefined) {
        const page = await searchAuditLogsPage(client, input, { signal });
        items.push(...page.items);
        nextPage = page.nextPage;
      } else {
        for await (const page of searchAuditLogsPages(client, input, { signal, maxItems }))
          items.push(...(maxItems === undefined ? page.items : page.items.slice(0, maxItems - items.length)));
      }
      const output = openOutput();
      await output.write(query.render(nextPage === undefined ? { items } : { items, nextPage }));
      run.recordsWritten(items.length);
      await output.commit();
      return;
    }
    const writer = await createRecordWriter(
      flags.output,
      operationFlags.searchAuditLogs.resultColumns,
      process.stdout.columns,
    );
    if (!flags.all && maxItems === undefined) {
      const page = await searchAuditLogsPage(client, input, { signal });
      const output = openOutput();
      await output.write(writer.page(page.items) + writer.end(page.nextPage));
      run.recordsWritten(page.items.length);
      await output.commit();
      if (page.nextPage !== undefined && flags.output !== "json")
        print(`aidp: there are more records: add --page ${page.nextPage}, or --all`);
      return;
    }
    const output = openOutput();
    // Records on the terminal show the progress themselves; a progress line among them would garble both.
    const recordsOnTerminal = flags.outputFile === undefined && process.stdout.isTTY === true;
    const progress = createProgress(process.stderr, !flags.quiet && !recordsOnTerminal);
    let count = 0;
    // Writes one page; a function of its own, so that nothing of the page stays in this frame afterwards.
    const writePage = async (records: readonly OutputRecord[]) => {
      const written = maxItems === undefined ? records : records.slice(0, maxItems - count);
      count += written.length;
      await output.write(writer.page(written));
      run.recordsWritten(written.length);
      progress.page(written.length);
    };
    const pages = searchAuditLogsPages(client, input, { signal, maxItems });
    // Not `for await`, which keeps the page it last had while it waits for the next: that page would live through
    // the next one's fetch and parse, copied by every young-generation collection meanwhile.
    let next: IteratorResult<{ items: readonly OutputRecord[] }> | undefined;
    try {
      for (;;) {
        next = undefined;
        next = await pages.next();
        if (next.done) break;
        await writePage(next.value.items);
        if (signal.aborted) throw signal.reason;
      }
    } finally {
      progress.done();
      if (next?.done !== true) await pages.return(undefined); // as `for await` does when its loop ends early
    }
    await output.write(writer.end(undefined));
    await output.commit();
  });
}

function parseMaxItems(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1)
    throw new UsageError(`--max-items must be an integer of at least 1, got "${value}"`);
  return count;
}
