// `pnpm serve` (scripts/serve.ts), as Quick start line 1 runs it: the built site on 127.0.0.1, one line saying
// where, a clear failure when the port is taken, and exit 0 on Ctrl-C (SIGINT).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { startProcess } from "@aidp/test-support";
import { describe, expect, it } from "vitest";

const serveScript = fileURLToPath(new URL("../scripts/serve.ts", import.meta.url));
const STARTED_WITHIN_MS = 20_000;

describe("pnpm serve", () => {
  it("serves the site on the address it prints, and exits 0 on SIGINT", async () => {
    const server = startProcess(process.execPath, [serveScript, "--port", "0"], { name: "docs serve" });
    try {
      const [, url] = await server.waitForLine(/^AIDP docs on (http:\/\/127\.0\.0\.1:\d+\/)$/, {
        timeoutMs: STARTED_WITHIN_MS,
        what: "the docs server's address",
      });
      const page = await fetch(url as string);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<html");
      // Only the address it listens on: sirv-cli also printed a "Network" address on another interface.
      expect(server.stdout()).toBe(`AIDP docs on ${url}\n`);
      server.child.kill("SIGINT");
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.stderr()).toContain("SIGINT: stopping the docs server");
    } finally {
      await server.stop();
    }
  });

  it("fails with exit 1, naming the port, when the port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    const server = startProcess(process.execPath, [serveScript, "--port", String(port)], {
      name: "docs serve",
    });
    try {
      expect(await server.exited).toEqual({ code: 1, signal: null });
      await server.outputEnded;
      expect(server.stderr()).toContain(
        `The AIDP docs did not start on 127.0.0.1:${port}: the port is in use`,
      );
      expect(server.stdout()).toBe("");
    } finally {
      await server.stop();
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
