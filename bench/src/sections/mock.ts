// Section 6: the mock's own load benchmark (packages/mock/bench), run as it is and its table carried over.
import { execFileSync } from "node:child_process";
import { benchRoot } from "../measure/run-child.ts";
import { markdownTable, targetLine } from "../report/markdown.ts";

/** Rows of the `console.table` the mock bench prints: `│ name │ value │`. */
function consoleTableRows(output: string): string[][] {
  return output
    .split("\n")
    .map((line) => line.match(/^│\s*(.+?)\s*│\s*(.+?)\s*│$/))
    .filter((match): match is RegExpMatchArray => match !== null && match[1] !== "(index)")
    .map((match) => [match[1] as string, (match[2] as string).replaceAll("'", "")]);
}

export async function mockSection(): Promise<string> {
  const output = execFileSync("pnpm", ["--filter", "@aidp/mock", "bench"], {
    cwd: benchRoot,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, SCARF_ANALYTICS: "false", FORCE_COLOR: "0" },
  });
  const allRows = consoleTableRows(output);
  if (allRows.length === 0) throw new Error(`the mock bench printed no table:\n${output}`);
  const sharePrefix = "CPU share: ";
  const rows = allRows.filter(([measure]) => !measure?.startsWith(sharePrefix));
  const shares = allRows
    .filter(([measure]) => measure?.startsWith(sharePrefix))
    .map(([measure, share]) => [(measure as string).slice(sharePrefix.length), share as string]);
  const value = (name: string) => {
    const row = rows.find(([measure]) => measure === name);
    if (!row) throw new Error(`the mock bench printed no "${name}" row:\n${output}`);
    return Number(row[1]);
  };
  const firstAnswerMs = value("start to first answer (ms)");
  const requestsPerSecond = value("search page requests/s at 20 connections");
  const besideP99 = value("small searches beside it: p99 latency (ms)");
  const pagingP99 = value("50 clients paging 20,000 records: p99 latency (ms)");
  return [
    "## 6. Mock",
    "",
    "`pnpm --filter @aidp/mock bench` (`packages/mock/bench/load.ts`): the `aidp-mock` CLI from spawn to the first " +
      "answer, autocannon with 20 connections for 10 s against a searchAuditLogs page on 127.0.0.1, then " +
      "@aidp/client paging through 100,000 records at limit=1000; then 50 clients paging through 20,000 records " +
      "at once (limit 100), small searches (4 at a time) while three searches with a 1 MB `query` run over the " +
      "same 20,000 records, and the mock's RSS (from /proc) before and after 10,000 searches with a new " +
      "opc-retry-token each and after 100 exports whose fields total 1 MB, each on a fresh mock.",
    "",
    markdownTable(["measure", "value"], rows),
    "",
    "Where the mock's CPU time goes while the 50 clients page (a separate run of the same load under " +
      "`node --cpu-prof`, each sample put in the part of the mock its stack shows it was spent for; shares of " +
      "the busy time). Prism checks every request and every answer; its verdict on an input it has judged " +
      "before (the same page for the 50th client) is remembered by a key of everything the verdict depends " +
      "on, so most pages cost a SHA-256 of their JSON text instead of a validation.",
    "",
    markdownTable(["part of the mock", "share of CPU"], shares),
    "",
    targetLine(firstAnswerMs < 1_500, "first answer within 1.5 s", `${firstAnswerMs} ms`),
    targetLine(requestsPerSecond >= 1_500, "at least 1,500 requests/s", `${requestsPerSecond}/s`),
    targetLine(pagingP99 <= 100, "50 clients paging at once: p99 within 100 ms", `${pagingP99} ms`),
    targetLine(besideP99 <= 200, "small searches beside a 1 MB query: p99 within 200 ms", `${besideP99} ms`),
  ].join("\n");
}
