// `--download FILE`: the log file streamed from the PAR URL's answer to FILE, atomically (a temporary file
// renamed when complete, as --output-file), chunk by chunk (memory stays flat), with a progress line of bytes,
// rate and elapsed time on a terminal.
import { networkFailureIn } from "@aidp/client";
import { createStatusLine, formatBytes, formatDuration } from "../progress.ts";
import { openSink } from "./sink.ts";

export async function downloadToFile(
  response: Response,
  target: string,
  options: { showProgress: boolean; signal: AbortSignal },
): Promise<{ bytes: number; ms: number }> {
  const line = createStatusLine(process.stderr, options.showProgress);
  const started = performance.now();
  const sink = openSink(target);
  let bytes = 0;
  try {
    const reader = response.body?.getReader();
    for (;;) {
      const read = await reader?.read();
      if (read === undefined || read.done) break;
      if (options.signal.aborted) throw options.signal.reason;
      await sink.write(read.value);
      bytes += read.value.length;
      const ms = performance.now() - started;
      line.show(
        `${formatBytes(bytes)} downloaded, ${formatBytes(Math.round(bytes / Math.max(ms / 1000, 0.001)))}/s, ${formatDuration(ms)}`,
      );
    }
    await sink.commit();
  } catch (error) {
    sink.discard();
    // The network's failure (the CLI's fetch words it): said to be the download's.
    if (networkFailureIn(error))
      throw new Error(`downloading the log file: ${(error as Error).message}`, { cause: error });
    throw error;
  } finally {
    line.done();
  }
  return { bytes, ms: performance.now() - started };
}
