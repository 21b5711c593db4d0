import { setTimeout as sleep } from "node:timers/promises";
import { bundledSpecPath, unsignedSpecPath } from "./bundled-spec.ts";
import type { DriftReport } from "./gateway/drift-report.ts";
import { startGatewayServer } from "./gateway/gateway-server.ts";
import {
  chooseMode,
  DEFAULT_HOST,
  DEFAULT_START_TIMEOUT_MS,
  type DynamicMockOptions,
  type GatewayMockOptions,
  type MockOptions,
  prismMockArguments,
  type StatefulMockOptions,
  type StaticMockOptions,
} from "./options.ts";
import { waitUntilPortFree } from "./port.ts";
import { PrismProcess } from "./prism-process.ts";
import { type StatefulServer, startStatefulServer } from "./stateful-server.ts";

/** A running mock server. */
export interface RunningMock {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /**
   * Process id of the Prism process (the leader of its process group) with `static`/`dynamic`; undefined for
   * the stateful mock, which runs inside the calling process.
   */
  pid?: number;
  /** Resolves when the mock has stopped, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the mock; resolves once the port is free again. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Forgets retry tokens, fault attempt counts, issued page tokens and exports, as if the mock had just
   * started (the data set stays). A no-op with `static`/`dynamic` and for a gateway.
   */
  reset(): Promise<void>;
  /** A gateway's drift report so far (also after `stop()`); undefined in the other modes. */
  driftReport?: () => DriftReport;
}

/**
 * The error of a mock that did not start (port taken, bad records file, bad key file, timeout); with
 * `static`/`dynamic`, `prismOutput` is what Prism printed.
 */
export class MockStartError extends Error {
  override name = "MockStartError";
  readonly prismOutput: string;
  constructor(message: string, prismOutput = "") {
    super(prismOutput ? `${message}\nPrism said:\n${prismOutput}` : message);
    this.prismOutput = prismOutput;
  }
}

const STOP_GRACE_MS = 5_000;
const PORT_RELEASE_TIMEOUT_MS = 10_000;

/**
 * Starts the mock: by default the stateful mock in this process, with Prism checking every request and
 * answer; with `static`/`dynamic`, Prism's own mock in a child process. Resolves once it answers HTTP;
 * rejects with a {@link MockStartError} saying why it could not start.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const chosen = chooseMode(options);
  switch (chosen.mode) {
    case "stateful":
      return startInProcess(chosen.options, startStatefulServer);
    case "gateway":
      return startInProcess(chosen.options, startGatewayServer);
    case "static":
    case "dynamic":
      return startPrismMock(chosen.mode, chosen.options);
  }
}

/** A server that runs in this process: the stateful mock or the gateway. */
async function startInProcess<Options extends StatefulMockOptions | GatewayMockOptions>(
  options: Options,
  startServer: (
    options: Options & { host: string; port: number },
  ) => Promise<StatefulServer & { driftReport?: () => DriftReport }>,
): Promise<RunningMock> {
  const host = options.host ?? DEFAULT_HOST;
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const where = `${host}:${options.port ?? 0}`;
  const starting: Promise<StatefulServer & { driftReport?: () => DriftReport }> = startServer({
    ...options,
    host,
    port: options.port ?? 0,
  });
  let server: Awaited<typeof starting>;
  try {
    server = await withTimeout(starting, timeoutMs, "The mock was not listening");
  } catch (cause) {
    starting.then((late) => late.close()).catch(() => {}); // started after the timeout: close it
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MockStartError(`The AIDP mock did not start on ${where}: ${reason}`);
  }
  const stop = once(() => server.close());
  return {
    url: server.url,
    exited: server.closed.then(() => ({ code: 0, signal: null })),
    stop,
    reset: async () => server.reset(),
    ...(server.driftReport ? { driftReport: server.driftReport } : {}),
  };
}

async function startPrismMock(
  mode: "static" | "dynamic",
  options: StaticMockOptions | DynamicMockOptions,
): Promise<RunningMock> {
  const host = options.host ?? DEFAULT_HOST;
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const prism = new PrismProcess(
    prismMockArguments(options.requireAuth ? bundledSpecPath : unsignedSpecPath, mode, options),
    options.onLog,
  );
  const where = `${host}:${options.port ?? 0}`;
  let url: string | undefined;

  const stop = once(async () => {
    prism.signal("SIGTERM");
    const forced = setTimeout(() => prism.signal("SIGKILL"), STOP_GRACE_MS);
    await prism.exited;
    clearTimeout(forced);
    if (url) await waitUntilPortFree(host, Number(new URL(url).port), PORT_RELEASE_TIMEOUT_MS);
  });

  try {
    url = (await withTimeout(prism.listening, timeoutMs, "Prism was not listening")).replace(/\/$/, "");
    await waitUntilAnswering(url, prism, timeoutMs);
  } catch (cause) {
    await stop();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MockStartError(`The AIDP mock did not start on ${where}: ${reason}`, prism.recentOutput());
  }
  return { url, pid: prism.pid as number, exited: prism.exited, stop, reset: async () => {} };
}

/** Polls until any HTTP answer comes back: Prism's "listening" line comes just before it can serve. */
async function waitUntilAnswering(url: string, prism: PrismProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!prism.isRunning) throw new Error("Prism exited before it answered HTTP.");
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`Prism did not answer HTTP within ${timeoutMs} ms.`);
      await sleep(25);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${timeoutMs} ms.`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= action();
    return running;
  };
}
