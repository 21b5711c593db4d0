// `pnpm serve` (Quick start line 1 runs it through turbo): the built site on http://127.0.0.1:8080 until Ctrl-C or
// SIGTERM, then exit 0. A few lines of our own rather than sirv-cli, which also printed a "Network" address it
// did not listen on, and moved to another port, silently, when 8080 was taken.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { serveStaticSite } from "./static-site-server.ts";

const { values } = parseArgs({ options: { port: { type: "string", default: "8080" } } });
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65_535) {
  console.error(`--port must be an integer from 0 to 65535, got ${values.port}`);
  process.exit(2);
}
const dist = fileURLToPath(new URL("../dist", import.meta.url));
const site = await serveStaticSite(dist, port).catch((error: NodeJS.ErrnoException) => {
  const why =
    error.code === "EADDRINUSE" ? "the port is in use (is another `pnpm start` running?)" : error.message;
  console.error(`The AIDP docs did not start on 127.0.0.1:${port}: ${why}`);
  process.exit(1);
});
console.log(`AIDP docs on ${site.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`${signal}: stopping the docs server`);
    site.close().then(() => process.exit(0));
  });
}
