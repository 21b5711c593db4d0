// Serves a built site on 127.0.0.1 with sirv: `pnpm serve` (scripts/serve.ts) on its port, the tests on a free one.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";

export interface StaticSiteServer {
  url: string;
  close(): Promise<void>;
}

/** `dir` on http://127.0.0.1:`port` (0: a free port); rejects with the listen error (EADDRINUSE) otherwise. */
export async function serveStaticSite(dir: string, port = 0): Promise<StaticSiteServer> {
  // dev: files are looked up on each request, so a rebuilt site is served without a restart.
  const server: Server = createServer(sirv(dir, { dev: true }));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const { port: listening } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${listening}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // close() ends idle connections itself; a request still being answered would otherwise hold it.
        server.closeAllConnections();
      }),
  };
}
