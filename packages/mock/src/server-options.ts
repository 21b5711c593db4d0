// What the mock and the gateway both take: where to listen, how long to wait for the start, where log lines go.
// Each has its own options besides (options.ts, gateway/gateway-options.ts); these are checked once, here.
import { MAX_TIMER_MS } from "@aidp/client";

export interface ServerOptions {
  /** TCP port; `0` (the default of `startMock` and `startGateway`) picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** How long to wait for the server to answer HTTP, in milliseconds. Default 30000. */
  startTimeoutMs?: number;
  /** Receives every log line (one per request, and any contract violation). Default: lines are dropped. */
  onLog?: (line: string) => void;
}

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_START_TIMEOUT_MS = 30_000;

/** The options' names, so that the mock and the gateway can tell theirs from the other's. */
export const SERVER_OPTION_NAMES = Object.keys({
  port: true,
  host: true,
  startTimeoutMs: true,
  onLog: true,
} satisfies Record<keyof ServerOptions, true>) as (keyof ServerOptions)[];

/** Throws a `TypeError` naming the option and the rule it breaks. */
export function validateServerOptions(options: ServerOptions): void {
  const { port, host, startTimeoutMs, onLog } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new TypeError(`option "port" must be an integer from 0 to 65535, got ${String(port)}`);
  }
  if (host !== undefined && (typeof host !== "string" || host.trim() === "")) {
    throw new TypeError(`option "host" must be a non-empty string, got ${JSON.stringify(host)}`);
  }
  checkTimerOption("startTimeoutMs", startTimeoutMs);
  if (onLog !== undefined && typeof onLog !== "function") {
    throw new TypeError(`option "onLog" must be a function taking a line, got ${typeof onLog}`);
  }
}

/**
 * An option that sets a timer (the mock's and the gateway's timeouts): a number of milliseconds from 1 to
 * MAX_TIMER_MS, as a longer timer fires at once (Node sets it to 1 ms).
 */
export function checkTimerOption(name: string, value: unknown): void {
  if (value !== undefined && !(typeof value === "number" && value >= 1 && value <= MAX_TIMER_MS))
    throw new TypeError(
      `option "${name}" must be a number of milliseconds from 1 to ${MAX_TIMER_MS}, got ${String(value)}`,
    );
}
