// `--wait`: an export's log file appears behind its PAR URL when the export is done; until then the URL answers
// 404, as Object Storage does for an object not written yet. So waiting is polling the PAR URL (no signature, no
// third operation), with backoff: 1 s, 2 s, 4 s... up to --wait-interval-seconds, until --max-wait-seconds.
// A 404, a 429, a 5xx or a network failure means "not yet"; any other answer ends the wait with an error.
import { NetworkFailure } from "./network-failure.ts";
import { formatDuration } from "./progress.ts";

export interface WaitSettings {
  maxWaitMs: number;
  maxIntervalMs: number;
  signal: AbortSignal;
  fetch: typeof globalThis.fetch;
  /** Called before each pause, with the time waited so far. */
  onPending?(waitedMs: number): void;
}

const FIRST_INTERVAL_MS = 1_000;

/** The PAR URL answered something other than "not yet" or the file. Its message never holds the URL. */
export class LogFileError extends Error {
  override name = "LogFileError";
}

/** The log file was not ready within --max-wait-seconds. */
export class WaitTimeoutError extends Error {
  override name = "WaitTimeoutError";
}

/** Resolves with the PAR URL's successful answer, its body not yet read. */
export async function waitForLogFile(parUrl: string, settings: WaitSettings): Promise<Response> {
  const started = performance.now();
  let interval = Math.min(FIRST_INTERVAL_MS, settings.maxIntervalMs);
  let lastAnswer = "no answer yet";
  for (;;) {
    try {
      const response = await settings.fetch(parUrl, { signal: settings.signal });
      if (response.ok) return response;
      await response.body?.cancel();
      if (!isNotYet(response.status))
        throw new LogFileError(
          `the log file's PAR URL answered ${response.status} ${response.statusText}`.trim(),
        );
      lastAnswer = `${response.status}`;
    } catch (error) {
      if (!(error instanceof NetworkFailure)) throw error;
      lastAnswer = error.message;
    }
    const waited = performance.now() - started;
    const remaining = settings.maxWaitMs - waited;
    if (remaining <= 0)
      throw new WaitTimeoutError(
        `the log file was not ready after ${formatDuration(settings.maxWaitMs)} (--max-wait-seconds); last answer: ${lastAnswer}`,
      );
    settings.onPending?.(waited);
    await sleep(Math.min(interval, remaining), settings.signal);
    interval = Math.min(interval * 2, settings.maxIntervalMs);
  }
}

const isNotYet = (status: number) => status === 404 || status === 429 || status >= 500;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
