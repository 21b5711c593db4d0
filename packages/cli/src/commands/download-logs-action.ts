import type { DownloadClusterLogsJob } from "@aidp/client";
import { downloadClusterLogs } from "../api.ts";
import { keepStartedExport } from "../output/kept-result.ts";
import { createRecordWriter } from "../output/record-writer.ts";
import { writeSecretFile } from "../output/secret-file.ts";
import type { DownloadFlags } from "./download-logs.ts";
import { type CommandFlags, type OperationRun, runOperation } from "./run-operation.ts";

export function downloadLogs(flags: CommandFlags & DownloadFlags): Promise<number> {
  return runOperation(
    "downloadClusterLogs",
    flags,
    async ({ client, input, signal, openOutput }) => {
      const job = await downloadClusterLogs(client, input, { signal });
      // From here on the service has started an export: a failure to write its answer must not lose it.
      try {
        await writeJob(job, flags, openOutput);
      } catch (failure) {
        if (signal.aborted) throw failure;
        throw keepStartedExport(job, flags.parUrlFile ?? flags.outputFile, failure);
      }
    },
    [["--par-url-file", flags.parUrlFile]],
  );
}

async function writeJob(
  job: DownloadClusterLogsJob,
  flags: CommandFlags & DownloadFlags,
  openOutput: OperationRun["openOutput"],
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
  if (flags.output === "json") {
    await output.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const columns = Object.keys(result).map((name) => ({ name }));
    const writer = await createRecordWriter(flags.output, columns, process.stdout.columns);
    await output.write(writer.page([result]) + writer.end(undefined));
  }
  await output.commit();
}
