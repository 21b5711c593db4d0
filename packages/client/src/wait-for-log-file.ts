// Waiting for an export's log file. Our spec has no operation that reports an export's progress (the service's
// GetAsyncOperation is not in it), but the job's PAR URL answers 404 until the file exists, as Object Storage does
// for an object not written yet. So waiting is polling that URL (it needs no signature) with backoff, until the
// file is there, the caller cancels, or `maxWaitMs` has passed. The PAR URL is a bearer secret: no error, log line
// or callback here ever holds it (the host and port at most).
import { AidpAbortError, AidpError, AidpTimeoutError } from "./errors.js";
import { describeNetworkFailure } from "./network-failure.js";
import { MAX_TIMER_MS } from "./options.js";
import { pause } from "./pause.js";

/** The parts of a DownloadClusterLogsJob the wait reads. */
export interface LogFileJob {
  readonly logParUrl: string | undefined;
  readonly asyncOperationKey?: string | undefined;
  readonly requestId?: string | undefined;
}

/** One poll that did not find the file yet, for a progress display. */
export interface LogFilePoll {
  /** 1 for the first poll. */
  poll: number;
  /** Milliseconds since the wait started. */
  waitedMs: number;
  /** What the URL answered: a status such as `404`, or the network failure in words (host:port, never the URL). */
  answer: string;
  /** The pause before the next poll. */
  nextPollInMs: number;
}

export interface WaitForLogFileOptions {
  /** Cancels the wait (and the poll in flight): AidpAbortError. */
  signal?: AbortSignal;
  /** Give up after this long: AidpLogFileNotReadyError. Default 1,200,000 (20 minutes, as the OCI CLI's waits). */
  maxWaitMs?: number;
  /** The pause after the first poll; each later pause doubles, up to `maxIntervalMs`. Default 2,000. */
  intervalMs?: number;
  /** The longest pause between two polls. Default 30,000 (the OCI CLI's `--wait-interval-seconds`). */
  maxIntervalMs?: number;
  /** The fetch to poll with (e.g. one with connection and read timeouts). Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Called after each poll that did not find the file, before the pause. */
  onPoll?(poll: LogFilePoll): void;
}

const DEFAULT_LOG_FILE_WAIT = {
  maxWaitMs: 1_200_000,
  intervalMs: 2_000,
  maxIntervalMs: 30_000,
} as const;

/** The PAR URL answered something that is neither the file nor "not yet" (e.g. 403: the URL has expired). */
export class AidpLogFileError extends AidpError {
  /** The status of that answer; undefined when the job had no PAR URL at all. */
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined) {
    super(message);
    this.status = status;
  }
}

/**
 * The log file was not there within `maxWaitMs`. The URL answers 404 both while an export runs and forever after
 * one failed, so this cannot tell a slow export from a failed one: the message says what to check instead. Its
 * `requestId` is the DownloadClusterLogs request's.
 */
export class AidpLogFileNotReadyError extends AidpTimeoutError {
  /** What the last poll got: a status such as `404`, or the network failure in words. */
  readonly lastAnswer: string;

  constructor(message: string, lastAnswer: string, requestId: string | undefined) {
    super(message, { requestId });
    this.lastAnswer = lastAnswer;
  }
}

/**
 * Why an export's `logParUrl` cannot be waited for, in words that follow "the service's answer": it has none (no PAR
 * URL header, or an empty one), or one that is not an http(s) URL (which would otherwise fail as "Invalid URL", or
 * be polled until the wait ran out). Undefined when it can be. The URL itself is never in the words: it is a bearer
 * secret.
 */
export function logParUrlProblem(logParUrl: string | undefined): string | undefined {
  if (!logParUrl) return "has no log file URL (its PAR URL header is missing or empty)";
  let protocol: string | undefined;
  try {
    protocol = new URL(logParUrl).protocol;
  } catch {
    // not a URL at all
  }
  return protocol === "https:" || protocol === "http:"
    ? undefined
    : "has a log file URL that is not an http(s) URL";
}

/**
 * Polls the job's PAR URL until its log file is there and resolves with that answer, its body not yet read
 * (stream it, or cancel it). 404, 429, 5xx and network failures mean "not yet"; any other answer ends the wait
 * with AidpLogFileError.
 */
export async function waitForLogFile(
  job: LogFileJob,
  options: WaitForLogFileOptions = {},
): Promise<Response> {
  const problem = logParUrlProblem(job.logParUrl);
  if (problem !== undefined)
    throw new AidpLogFileError(
      `waitForLogFile: the service's answer ${problem}: there is nothing to wait for`,
      undefined,
    );
  const parUrl = job.logParUrl as string; // logParUrlProblem found none: the URL is there
  const maxWaitMs = checkMs("maxWaitMs", options.maxWaitMs, DEFAULT_LOG_FILE_WAIT.maxWaitMs);
  const maxIntervalMs = checkMs("maxIntervalMs", options.maxIntervalMs, DEFAULT_LOG_FILE_WAIT.maxIntervalMs);
  let intervalMs = Math.min(
    checkMs("intervalMs", options.intervalMs, DEFAULT_LOG_FILE_WAIT.intervalMs),
    maxIntervalMs,
  );
  const fetch = options.fetch ?? globalThis.fetch;
  const started = performance.now();
  const cancelled = () =>
    new AidpAbortError("waitForLogFile was cancelled by the caller's AbortSignal", {
      cause: options.signal?.reason,
      requestId: job.requestId,
    });
  let lastAnswer = "no answer yet";
  for (let poll = 1; ; poll++) {
    if (options.signal?.aborted) throw cancelled();
    const leftMs = maxWaitMs - (performance.now() - started);
    const answer = leftMs > 0 ? await pollOnce(fetch, parUrl, leftMs, options.signal) : "out of time";
    // Not `instanceof Response`: a custom fetch (undici's, a polyfill) answers with a Response of its own class.
    if (typeof answer !== "string") {
      if (answer.ok) return answer;
      await answer.body?.cancel();
      if (!isNotYet(answer.status))
        throw new AidpLogFileError(
          `the log file's PAR URL answered ${answer.status} ${answer.statusText}`.trim(),
          answer.status,
        );
      lastAnswer = String(answer.status);
    } else if (answer === "cancelled") {
      throw cancelled();
    } else if (answer !== "out of time") {
      lastAnswer = answer;
    }
    const waitedMs = performance.now() - started;
    if (answer === "out of time" || waitedMs >= maxWaitMs) throw notReady(job, maxWaitMs, lastAnswer);
    const pauseMs = Math.min(intervalMs, maxWaitMs - waitedMs);
    options.onPoll?.({ poll, waitedMs, answer: lastAnswer, nextPollInMs: pauseMs });
    if (!(await pause(pauseMs, options.signal))) throw cancelled();
    intervalMs = Math.min(intervalMs * 2, maxIntervalMs);
  }
}

/**
 * One GET of the PAR URL, given at most `leftMs` to answer: the Response, "cancelled", "out of time", or a
 * network failure in words. Only the wait for the answer is bounded: the body of a file found is the caller's.
 */
async function pollOnce(
  fetch: typeof globalThis.fetch,
  parUrl: string,
  leftMs: number,
  signal: AbortSignal | undefined,
): Promise<Response | string> {
  const controller = new AbortController();
  const onCancel = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onCancel, { once: true });
  let outOfTime = false;
  const timer = setTimeout(() => {
    outOfTime = true;
    controller.abort();
  }, leftMs);
  try {
    const response = await fetch(parUrl, { signal: controller.signal });
    // A caller's cancellation still cancels the body: the listener stays while the caller reads it.
    if (!response.ok) signal?.removeEventListener("abort", onCancel);
    return response;
  } catch (failure) {
    signal?.removeEventListener("abort", onCancel);
    if (signal?.aborted) return "cancelled";
    if (outOfTime) return "out of time";
    return describeNetworkFailure(failure, parUrl).message;
  } finally {
    clearTimeout(timer);
  }
}

const isNotYet = (status: number) => status === 404 || status === 429 || status >= 500;

function notReady(job: LogFileJob, maxWaitMs: number, lastAnswer: string): AidpLogFileNotReadyError {
  const key = job.asyncOperationKey === undefined ? "" : ` (async operation key ${job.asyncOperationKey})`;
  return new AidpLogFileNotReadyError(
    `the log file was not ready after ${durationWords(maxWaitMs)}; last answer: ${lastAnswer}. A failed export and a slow one look the same here (its URL answers 404 until the file exists, and forever if the export failed): check the export${key} in the OCI Console (the instance's work requests), or try a shorter time range, before waiting longer`,
    lastAnswer,
    job.requestId,
  );
}

/** An option of the caller's code, so a mistake in it is a TypeError, as a bad option of a call is. */
function checkMs(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === "number" && value > 0 && value <= MAX_TIMER_MS))
    throw new TypeError(
      `waitForLogFile: options.${name} must be a number of ms > 0 and <= ${MAX_TIMER_MS}, got ${String(value)}.`,
    );
  return value;
}

/** 1.5 s, 20 min, 1 h 5 min: a limit as a reader takes it in. */
function durationWords(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
