import { setTimeout as sleep } from "node:timers/promises";
import { bundledSpecPath, unsignedSpecPath } from "./bundled-spec.ts";
import {
  DEFAULT_HOST,
  DEFAULT_START_TIMEOUT_MS,
  type MockOptions,
  prismMockArguments,
  validateOptions,
} from "./options.ts";
import { waitUntilPortFree } from "./port.ts";
import { PrismProcess } from "./prism-process.ts";

/** A running mock server. */
export interface RunningMock {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Process id of the Prism process (the leader of its process group). */
  pid: number;
  /** Resolves when Prism exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ends Prism and its process group; resolves once the port is free again. Safe to call twice. */
  stop(): Promise<void>;
}

/** The error of a mock that did not start; `prismOutput` is what Prism printed. */
export class MockStartError extends Error {
  override name = "MockStartError";
  readonly prismOutput: string;
  constructor(message: string, prismOutput: string) {
    super(prismOutput ? `${message}\nPrism said:\n${prismOutput}` : message);
    this.prismOutput = prismOutput;
  }
}

const STOP_GRACE_MS = 5_000;
const PORT_RELEASE_TIMEOUT_MS = 10_000;

/**
 * Starts Prism on the bundled spec. Resolves once the server answers HTTP; rejects with a
 * {@link MockStartError} carrying Prism's output if it exits first or does not answer in time.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  validateOptions(options);
  const host = options.host ?? DEFAULT_HOST;
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const prism = new PrismProcess(
    prismMockArguments(options.requireAuth ? bundledSpecPath : unsignedSpecPath, options),
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
    url = (await withTimeout(prism.listening, timeoutMs)).replace(/\/$/, "");
    await waitUntilAnswering(url, prism, timeoutMs);
  } catch (cause) {
    await stop();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MockStartError(`The AIDP mock did not start on ${where}: ${reason}`, prism.recentOutput());
  }
  return { url, pid: prism.pid as number, exited: prism.exited, stop };
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

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Prism was not listening within ${timeoutMs} ms.`)), timeoutMs);
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
