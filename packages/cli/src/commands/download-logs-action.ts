import { type DownloadClusterLogsJob, logParUrlProblem, waitForLogFile } from "@aidp/client";
import { downloadClusterLogs } from "../api.ts";
import { secondsToMs } from "../connection.ts";
import { UsageError } from "../exit-codes.ts";
import type { Failure } from "../failure.ts";
import { downloadToFile } from "../output/download-file.ts";
import { keepStartedExport } from "../output/kept-result.ts";
import { compileQuery, type OutputQuery } from "../output/query.ts";
import { createRecordWriter } from "../output/record-writer.ts";
import { writeSecretFile } from "../output/secret-file.ts";
import { createStatusLine, formatBytes, formatDuration } from "../progress.ts";
import { terminalColumns } from "../terminal-columns.ts";
import { UnusableAnswer } from "../unusable-answer.ts";
import { DEFAULT_WAIT_SECONDS } from "../wait-defaults.ts";
import { type CommandFlags, type OperationRun, runOperation } from "./run-operation.ts";

/** The flags of download-logs beside the shared ones (declared in ./download-logs.ts). */
export interface DownloadFlags extends CommandFlags {
  parUrlFile?: string;
  wait?: boolean;
  download?: string;
  maxWaitSeconds?: string;
  waitIntervalSeconds?: string;
}

export function downloadLogs(flags: DownloadFlags): Promise<Failure | undefined> {
  const wait = flags.wait || flags.download !== undefined;
  return runOperation(
    "downloadClusterLogs",
    flags,
    async ({ client, input, signal, openOutput, fetch, print, recordsWritten, undoneIfInterrupted }) => {
      // Checked before sending: a bad value must not start an export.
      if (!wait) refuseWaitFlags(flags);
      const settings = wait ? waitSettings(flags) : undefined;
      const query = await compileQuery(flags.query, flags.rawOutput, flags.output);
      const job = await downloadClusterLogs(client, input, { signal });
      // From here on the service has started an export: a failure to write its answer must not lose it.
      try {
        await writeJob(job, flags, openOutput, query);
        recordsWritten(1);
      } catch (failure) {
        if (signal.aborted) throw failure;
        throw keepStartedExport(job, flags.parUrlFile ?? flags.outputFile, failure);
      }
      if (!settings) return;
      const urlProblem = logParUrlProblem(job.logParUrl);
      if (urlProblem !== undefined)
        throw new UnusableAnswer(
          `the service started the export but its answer ${urlProblem}: there is nothing to ${flags.download === undefined ? "wait for" : "wait for and download"}`,
          job.requestId,
        );
      undoneIfInterrupted(
        flags.download === undefined
          ? "the wait for the log file was stopped before it was ready"
          : `nothing was downloaded to ${flags.download}`,
      );
      const waiting = createStatusLine(process.stderr, !flags.quiet);
      let answer: Response;
      try {
        answer = await waitForLogFile(job, {
          ...settings,
          signal,
          fetch,
          onPoll: ({ waitedMs }) =>
            waiting.show(`waiting for the log file: ${formatDuration(waitedMs)}`, true),
        });
      } finally {
        waiting.done();
      }
      if (flags.download === undefined) {
        await answer.body?.cancel();
        print("aidp: the log file is ready");
        return;
      }
      const { bytes, ms } = await downloadToFile(answer, flags.download, {
        showProgress: !flags.quiet,
        signal,
      });
      print(`aidp: downloaded ${formatBytes(bytes)} to ${flags.download} in ${formatDuration(ms)}`);
    },
    [
      ["--par-url-file", flags.parUrlFile],
      ["--download", flags.download],
    ],
  );
}

/** The wait's flags without a wait would do nothing, silently: the user meant to wait. */
function refuseWaitFlags(flags: DownloadFlags): void {
  const given = flags.maxWaitSeconds !== undefined ? "--max-wait-seconds" : "--wait-interval-seconds";
  if (flags.maxWaitSeconds !== undefined || flags.waitIntervalSeconds !== undefined)
    throw new UsageError(`${given} needs --wait or --download FILE; nothing was sent`);
}

function waitSettings(flags: DownloadFlags) {
  return {
    intervalMs: DEFAULT_WAIT_SECONDS.firstInterval * 1000,
    maxWaitMs: secondsToMs("--max-wait-seconds", flags.maxWaitSeconds) ?? DEFAULT_WAIT_SECONDS.max * 1000,
    maxIntervalMs:
      secondsToMs("--wait-interval-seconds", flags.waitIntervalSeconds) ??
      DEFAULT_WAIT_SECONDS.interval * 1000,
  };
}

async function writeJob(
  job: DownloadClusterLogsJob,
  flags: DownloadFlags,
  openOutput: OperationRun["openOutput"],
  query: OutputQuery | undefined,
): Promise<void> {
  // The PAR URL is a bearer secret: it goes to standard output (or --output-file, created 0600), or to a
  // 0600 file of its own.
  const result: Record<string, string | undefined> = {
    asyncOperationKey: job.asyncOperationKey,
    requestId: job.requestId,
  };
  if (flags.parUrlFile !== undefined) {
    if (job.logParUrl !== undefined) writeSecretFile(flags.parUrlFile, `${job.logParUrl}\n`);
    result.logParUrlFile = job.logParUrl === undefined ? undefined : flags.parUrlFile;
  } else {
    result.logParUrl = job.logParUrl;
  }
  const output = openOutput({ secret: result.logParUrl !== undefined });
  if (query) {
    await output.write(query.render(result));
  } else if (flags.output === "json") {
    await output.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    // The PAR URL is never put in a table (a column would cut it): in `table` it follows, whole, on a line of its
    // own, so that it can be copied; csv and ndjson keep it as a field.
    const { logParUrl, ...rest } = result;
    const inTable = flags.output === "table" ? rest : result;
    const columns = Object.keys(inTable).map((name) => ({ name }));
    const writer = await createRecordWriter(flags.output, columns, terminalColumns());
    const below = flags.output === "table" && logParUrl !== undefined ? `logParUrl:\n${logParUrl}\n` : "";
    await output.write(writer.page([inTable]) + writer.end(undefined) + below);
  }
  await output.commit();
}
