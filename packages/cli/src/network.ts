// The CLI's own fetch: undici's, with the OCI CLI's two timeouts on every socket (to the service and to the PAR
// URL alike): `--connection-timeout` for the TCP and TLS handshake, `--read-timeout` for each wait on the other
// side (the answer's headers, then every chunk of its body). A failure is said in the client's one wording, with
// the flag that decides a timeout (./network-failure.ts); the client wraps it in its AidpConnectionError and
// retries it like any other.
// Loaded only when a command sends something: undici takes a while to load.
import { describeNetworkFailure } from "@aidp/client";
import { Agent, fetch as undiciFetch } from "undici";
import { type NetworkTimeouts, timeLimitNames } from "./network-failure.ts";

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
