// How long the mock and the gateway keep an idle keep-alive connection open. Node's default, 5 s, is barely above
// what an HTTP client keeps one in its pool (undici: the server's hint less 2 s, else 4 s): a client whose event
// loop was busy for a few seconds between two calls (a test doing CPU work beside an in-process mock, a loaded CI
// runner) sends its next request on a socket the server is closing, and gets ECONNRESET. A minute, as proxies and
// load balancers commonly keep, leaves the client to close first. Stopping still ends every connection at once.
import type { Server } from "node:http";

export const IDLE_CONNECTION_MS = 65_000;

export function keepIdleConnectionsOpen(server: Server): void {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
}
