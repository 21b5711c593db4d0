// Serves a built site on 127.0.0.1 with sirv (the library under `pnpm serve`'s sirv-cli) on a free port.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";

export interface StaticSiteServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStaticSite(dir: string): Promise<StaticSiteServer> {
  const server: Server = createServer(sirv(dir, { dev: true }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
