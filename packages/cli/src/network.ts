// The CLI's own fetch, with the OCI CLI's two timeouts on every socket (to the service and to the PAR URL alike):
// `--connection-timeout` for the TCP and TLS handshake, `--read-timeout` for each wait on the other side (the
// answer's headers, then every chunk of its body). A failure is said in the client's one wording, with the flag
// that decides a timeout (./network-failure.ts); the client wraps it in its AidpConnectionError and retries it like
// any other.
//
// The read timeout is a timer of ours around the runtime's fetch. The connection timeout needs undici's Agent,
// which takes ~30 ms of CPU to load (bench section 7): the runtime's fetch already connects within 10 s, the OCI
// CLI's default, so undici (npm) is loaded only for another --connection-timeout, or a --read-timeout beyond the
// runtime's own 300 s limits.
import { createRequire } from "node:module";
import { describeNetworkFailure } from "@aidp/client";
import type { Agent as UndiciAgent, fetch as undiciFetchType } from "undici";
import { type NetworkTimeouts, timeLimitNames } from "./network-failure.ts";

/** The runtime's fetch (Node's built-in undici): connect within 10 s, headers and each body chunk within 300 s. */
const RUNTIME_LIMITS = { connectMs: 10_000, readMs: 300_000 } as const;

/**
 * `wholeAnswerWithinMs`: the caller reads every answer whole within this time, and ends the request itself when it
 * runs out (the client's per-attempt timeout, `--timeout`). When that is no longer than the read timeout, it ends
 * any stall first, so this fetch times nothing itself: a watched body costs ~18 ms of CPU over 100,000 records
 * (bench section 7). Without it (the PAR URL's download, which streams for as long as it takes), every read is
 * timed.
 */
export function timedFetch(timeouts: NetworkTimeouts, wholeAnswerWithinMs?: number): typeof globalThis.fetch {
  const limits = timeLimitNames(timeouts);
  const fetchOnce =
    timeouts.connectionTimeoutMs === RUNTIME_LIMITS.connectMs &&
    timeouts.readTimeoutMs <= RUNTIME_LIMITS.readMs
      ? globalThis.fetch
      : undiciConnectingWithin(timeouts.connectionTimeoutMs);
  const readsTimedByCaller =
    wholeAnswerWithinMs !== undefined && wholeAnswerWithinMs <= timeouts.readTimeoutMs;
  const send = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    // Cancelled by the caller (Ctrl-C, a deadline, its own time run out): not the network. Anything else is, in
    // the client's words.
    const failure = (error: unknown) =>
      init?.signal?.aborted ? error : describeNetworkFailure(error, url, limits);
    if (readsTimedByCaller) {
      try {
        return await fetchOnce(url, init);
      } catch (error) {
        throw failure(error);
      }
    }
    const reading = new AbortController();
    // Ran out while waiting: the failure undici itself gives its headersTimeout and bodyTimeout (the runtime's
    // fetch is undici), so the words and the code are the ones a user meets from any undici-based tool.
    const ranOut = (code: "UND_ERR_HEADERS_TIMEOUT" | "UND_ERR_BODY_TIMEOUT") => () =>
      reading.abort(describeNetworkFailure(Object.assign(new Error(code), { code }), url, limits));
    // Unreferenced: a pending fetch keeps the process alive by its socket, a timer must not once it is done.
    const timer = setTimeout(ranOut("UND_ERR_HEADERS_TIMEOUT"), timeouts.readTimeoutMs).unref();
    const signal = init?.signal ? AbortSignal.any([init.signal, reading.signal]) : reading.signal;
    try {
      const response = await fetchOnce(url, { ...init, signal });
      clearTimeout(timer);
      // A body that fails (cut, reset) fails in the same words as a request that does: the download's reader,
      // unlike the client, takes the body's error as it is.
      return watchedBody(response, timeouts.readTimeoutMs, ranOut("UND_ERR_BODY_TIMEOUT"), failure);
    } catch (error) {
      clearTimeout(timer);
      if (init?.signal?.aborted) throw error;
      throw failure(reading.signal.aborted ? reading.signal.reason : error);
    }
  };
  return send as typeof globalThis.fetch;
}

/**
 * `response` with a body whose every wait for the other side ends within `readMs`, else `stalled` aborts the fetch
 * and the body fails with its reason; a read that fails otherwise fails with `failure` of its error. Only a read
 * the reader asked for is timed: a consumer that takes its time between chunks (a slow disk under a download) is
 * not the network.
 */
function watchedBody(
  response: Response,
  readMs: number,
  stalled: () => void,
  failure: (error: unknown) => unknown,
): Response {
  if (response.body === null) return response;
  const reader = response.body.getReader();
  // One timer for the whole body, re-armed as each read starts and heeded only while a read is pending: a timer
  // made and cleared per chunk cost ~20 ms of CPU over a 30 MB answer (bench section 7).
  let reading = false;
  const waiting = setTimeout(() => reading && stalled(), readMs).unref();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      reading = true;
      waiting.refresh();
      try {
        const { done, value } = await reader.read();
        if (done) {
          clearTimeout(waiting);
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        clearTimeout(waiting);
        throw failure(error);
      } finally {
        reading = false;
      }
    },
    cancel: (reason) => {
      clearTimeout(waiting);
      return reader.cancel(reason);
    },
  });
  const watched = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // The answer's own URL (a Response made here has none): error messages and redirects name it.
  Object.defineProperty(watched, "url", { value: response.url });
  return watched;
}

/** undici's fetch (npm) with its Agent connecting within `connectMs`; its own read limits off (ours apply). */
function undiciConnectingWithin(connectMs: number): typeof globalThis.fetch {
  // Only the two parts of undici used here, not its index, which loads every other dispatcher, WebSocket, the
  // cache and the mocks too. undici is pinned to an exact version, and test/timeouts.test.ts exercises both parts.
  const require = createRequire(import.meta.url);
  const Agent = require("undici/lib/dispatcher/agent.js") as typeof UndiciAgent;
  const { fetch } = require("undici/lib/web/fetch/index.js") as { fetch: typeof undiciFetchType };
  const dispatcher = new Agent({ connect: { timeout: connectMs }, headersTimeout: 0, bodyTimeout: 0 });
  // undici's types describe its own Request and Response classes, which TypeScript cannot assign to the web's
  // (nodejs/undici#3639, open); at run time they are the web's.
  return ((url: URL, init?: RequestInit) =>
    fetch(url, { ...init, dispatcher } as never)) as unknown as typeof globalThis.fetch;
}
