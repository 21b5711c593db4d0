// Starting a server that runs in this process (the stateful mock, the gateway): bounded by the start timeout,
// a server that starts after it is closed again, and a running handle whose stop() is safe to call twice.
import { DEFAULT_HOST, DEFAULT_START_TIMEOUT_MS, type ServerOptions } from "./server-options.ts";

/** What a server in this process is, once listening. */
export interface InProcessServer {
  url: string;
  closed: Promise<void>;
  close(): Promise<void>;
}

/** What every running server's handle has. */
export interface RunningServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Resolves when the server has stopped, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the server; resolves once the port is free again. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `startServer` with the options' host and port (defaults filled in); `failed` makes the error of a start
 * that failed or timed out, from a sentence that names where.
 */
export async function startInProcess<Options extends ServerOptions, Server extends InProcessServer>(
  options: Options,
  startServer: (options: Options & { host: string; port: number }) => Promise<Server>,
  failed: (message: string) => Error,
): Promise<{ server: Server; running: RunningServer }> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? 0;
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const starting = startServer({ ...options, host, port });
  let server: Server;
  try {
    server = await withTimeout(starting, timeoutMs, "The server was not listening");
  } catch (cause) {
    starting.then((late) => late.close()).catch(() => {}); // started after the timeout: close it
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw failed(`did not start on ${host}:${port}: ${reason}`);
  }
  return {
    server,
    running: {
      url: server.url,
      exited: server.closed.then(() => ({ code: 0, signal: null })),
      stop: once(() => server.close()),
    },
  };
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${timeoutMs} ms.`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `action`, run at most once: later calls get the first call's promise. */
export function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= action();
    return running;
  };
}
