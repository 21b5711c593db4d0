// The optional logger receives one structured line per attempt. Nothing secret is ever passed to it. The code that
// writes the lines comes with attemptLogger, so a program without a logger does not bundle it.
import { attemptHooksOf, withAttemptHooks } from "./attempt-hooks.js";
import type { AttemptHooks } from "./transport.js";

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AttemptLogLine {
  operation: string;
  attempt: number;
  status: number | undefined;
  latencyMs: number;
  requestId: string | undefined;
  outcome: "success" | "retry" | "failure";
  /** The per-attempt timeout the attempt ran under (60000 unless set); undefined when turned off with `false`. */
  timeoutMs: number | undefined;
  /** On `retry`: how long the client waits before the next attempt. */
  retryInMs?: number;
  /** On `failure` of an attempt that could have been retried: why it is not (attempts used up, Retry-After too long). */
  notRetried?: string;
  error?: string;
}

/**
 * `logger`, made usable by createAidpConnection: it then gets one line per attempt. createAidpClient takes a
 * logger as it is.
 */
export function attemptLogger<T extends Logger>(logger: T): T {
  return attemptHooksOf(logger, "logger") ? logger : withAttemptHooks(logger, "logger", loggingHooks(logger));
}

function loggingHooks(logger: Logger): AttemptHooks {
  return {
    attemptFinished(call, { attempt, requestId }, outcome, next) {
      logAttempt(logger, {
        operation: call.operation,
        attempt,
        status: outcome.response?.status,
        latencyMs: outcome.latencyMs,
        requestId,
        timeoutMs: call.timeoutMs,
        ...(next === undefined
          ? { outcome: "success" }
          : next.retry
            ? { outcome: "retry", retryInMs: next.waitMs }
            : { outcome: "failure", ...(next.reason ? { notRetried: next.reason } : {}) }),
        ...(outcome.failureText ? { error: outcome.failureText } : {}),
      });
    },
  };
}

function logAttempt(logger: Logger, line: AttemptLogLine) {
  const text = `${line.operation} attempt ${line.attempt}: ${line.status ?? line.error ?? "no response"} in ${line.latencyMs} ms`;
  const fields = { ...line };
  if (line.outcome === "success") logger.debug(text, fields);
  else if (line.outcome === "retry") logger.warn(`${text}; retrying in ${line.retryInMs} ms`, fields);
  else logger.error(line.notRetried ? `${text}; not retried: ${line.notRetried}` : text, fields);
}
