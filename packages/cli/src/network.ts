// The CLI's own fetch: undici's, with the OCI CLI's two timeouts on every socket (to the service and to the PAR
// URL alike): `--connection-timeout` for the TCP and TLS handshake, `--read-timeout` for each wait on the other
// side (the answer's headers, then every chunk of its body). A failure is said in the client's one wording, with
// the flag that decides a timeout (./network-failure.ts); the client wraps it in its AidpConnectionError and
// retries it like any other.
// Loaded only when a command sends something: undici takes a while to load.
import { createRequire } from "node:module";
import { describeNetworkFailure } from "@aidp/client";
import type { Agent as UndiciAgent, fetch as undiciFetchType } from "undici";
import { type NetworkTimeouts, timeLimitNames } from "./network-failure.ts";

// Only the two parts of undici used here, not its index, which loads every other dispatcher, WebSocket, the
// cache and the mocks too: half of undici's load time, about 50 ms of CPU per command (bench section 7). undici
// is pinned to an exact version, and test/timeouts.test.ts exercises both parts.
const require = createRequire(import.meta.url);
const Agent = require("undici/lib/dispatcher/agent.js") as typeof UndiciAgent;
const { fetch: undiciFetch } = require("undici/lib/web/fetch/index.js") as { fetch: typeof undiciFetchType };

export function timedFetch(timeouts: NetworkTimeouts): typeof globalThis.fetch {
  const dispatcher = new Agent({
    connect: { timeout: timeouts.connectionTimeoutMs },
    headersTimeout: timeouts.readTimeoutMs,
    bodyTimeout: timeouts.readTimeoutMs,
  });
  const limits = timeLimitNames(timeouts);
  const send = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    try {
      // undici's types describe its own Request and Response classes, which TypeScript cannot assign to the
      // web's (nodejs/undici#3639, open); at run time they are the web's.
      return (await undiciFetch(url, { ...init, dispatcher } as never)) as unknown as Response;
    } catch (error) {
      if (init?.signal?.aborted) throw error; // cancelled by the caller (Ctrl-C, a deadline): not the network
      throw describeNetworkFailure(error, url, limits);
    }
  };
  return send as typeof globalThis.fetch;
}
