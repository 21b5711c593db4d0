// Bounded waits that explain themselves: when one runs out, the error says what was awaited, for how long,
// and (through `explain`) what the process behind it printed, instead of a bare "timed out".

export class WaitTimeoutError extends Error {
  override name = "WaitTimeoutError";
}

export interface WaitOptions {
  timeoutMs: number;
  /** What is awaited, as a phrase: "Verdaccio to listen", "`npm install` to finish". */
  what: string;
  /** Called only on timeout: more context for the message, e.g. a child's last output. */
  explain?: () => string;
}

function timeoutError({ timeoutMs, what, explain }: WaitOptions): WaitTimeoutError {
  const detail = explain?.().trim();
  return new WaitTimeoutError(
    `Gave up after ${formatDuration(timeoutMs)} waiting for ${what}.${detail ? `\n${detail}` : ""}`,
  );
}

/** Settles like `promise`, or rejects with a {@link WaitTimeoutError} once `timeoutMs` has passed. */
export function within<T>(promise: Promise<T>, options: WaitOptions): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(options)), options.timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Polls `check` until it returns a value other than undefined, for conditions no event announces (a process
 * group emptying, a port being released). Checks every `intervalMs`, not a fixed sleep before looking.
 */
export async function until<T>(
  check: () => T | undefined | Promise<T | undefined>,
  options: WaitOptions & { intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw timeoutError(options);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}

export function formatDuration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Number((ms / 1_000).toFixed(1))} s`;
}
