import { setTimeout as sleep } from "node:timers/promises";
import { bundledSpecPath, unsignedSpecPath } from "./bundled-spec.ts";
import { once, type RunningServer, startInProcess, withTimeout } from "./in-process-start.ts";
import {
  chooseMode,
  type DynamicMockOptions,
  type MockOptions,
  prismMockArguments,
  type StaticMockOptions,
} from "./options.ts";
import { waitUntilPortFree } from "./port.ts";
import { PrismProcess } from "./prism-process.ts";
import { DEFAULT_HOST, DEFAULT_START_TIMEOUT_MS } from "./server-options.ts";
import { startStatefulServer } from "./stateful-server.ts";

/** A running mock server. */
export interface RunningMock extends RunningServer {
  /**
   * Process id of the Prism process (the leader of its process group) with `static`/`dynamic`; undefined for
   * the stateful mock, which runs inside the calling process.
   */
  pid?: number;
  /**
   * Forgets retry tokens, fault attempt counts, issued page tokens and exports, as if the mock had just
   * started (the data set stays). A no-op with `static`/`dynamic`.
   */
  reset(): Promise<void>;
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
  if (chosen.mode !== "stateful") return startPrismMock(chosen.mode, chosen.options);
  const { server, running } = await startInProcess(
    chosen.options,
    startStatefulServer,
    (problem) => new MockStartError(`The AIDP mock ${problem}`),
  );
  return { ...running, reset: async () => server.reset() };
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
      // A CORS preflight: Prism answers it for any path without routing it, so its log shows no error for it.
      await fetch(`${url}/`, {
        method: "OPTIONS",
        headers: { origin: "http://127.0.0.1", "access-control-request-method": "GET" },
        signal: AbortSignal.timeout(1_000),
      });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`Prism did not answer HTTP within ${timeoutMs} ms.`);
      await sleep(25);
    }
  }
}
