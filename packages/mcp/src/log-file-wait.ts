// Waiting for an export's log file: its PAR URL answers 404 until the file exists (as Object Storage does), so
// waiting is polling it. Kept to this one small module so that the client's own waiting helper can replace it.
// A 404, a 429, a 5xx or a network failure means "not yet"; any other answer is a LogFileError (without the URL).
import { setTimeout } from "node:timers/promises";
import { LogFileError } from "./errors.ts";

export interface LogFileWait {
  signal: AbortSignal;
  /** Give up (resolve undefined) once this much time has passed. */
  maxWaitMs: number;
  /** Pause between two requests. */
  intervalMs: number;
  /** Called after each "not yet", with the time waited so far. */
  onPending?(waitedMs: number): void;
}

/** The URL's successful answer, its body unread; undefined when it was still not ready after `maxWaitMs`. */
export async function waitForLogFile(parUrl: string, wait: LogFileWait): Promise<Response | undefined> {
  const started = performance.now();
  for (;;) {
    wait.signal.throwIfAborted();
    let response: Response | undefined;
    try {
      response = await fetch(parUrl, { signal: wait.signal });
    } catch (error) {
      if (wait.signal.aborted) throw wait.signal.reason;
      if (!(error instanceof TypeError)) throw error; // fetch's network failure is a TypeError: "not yet"
    }
    if (response?.ok) return response;
    await response?.body?.cancel();
    if (response && !isNotYet(response.status))
      throw new LogFileError(
        `the log file's URL answered ${response.status} ${response.statusText}`.trim() +
          (response.status === 401 || response.status === 403 ? " (the URL may have expired)" : ""),
      );
    const waited = performance.now() - started;
    if (waited >= wait.maxWaitMs) return undefined;
    wait.onPending?.(waited);
    await setTimeout(Math.min(wait.intervalMs, wait.maxWaitMs - waited), undefined, { signal: wait.signal });
  }
}

const isNotYet = (status: number) => status === 404 || status === 429 || status >= 500;
