import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** Whether nothing listens on host:port, proved by listening there for a moment. */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** Resolves once host:port is free; rejects after `timeoutMs`. */
export async function waitUntilPortFree(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isPortFree(host, port))) {
    if (Date.now() > deadline) throw new Error(`port ${host}:${port} is still in use after ${timeoutMs} ms`);
    await sleep(50);
  }
}
