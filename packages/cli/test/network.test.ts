// The CLI's fetch times each wait on the other side (--read-timeout): the headers, then every read of the body
// that the reader asked for. Time the reader itself takes between reads is not the network's.
import { setTimeout as sleep } from "node:timers/promises";
import { startTestServer, type TestServer } from "@aidp/test-support/servers";
import { afterEach, describe, expect, it } from "vitest";
import { timedFetch } from "../src/network.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** Sends the headers and `first`, then `rest` after `pauseMs` (never, when undefined). */
async function twoPartServer(first: string, rest: string, pauseMs: number | undefined): Promise<TestServer> {
  const server = await startTestServer((_, response) => {
    response.writeHead(200, { "content-type": "text/plain", "content-length": first.length + rest.length });
    response.write(first);
    if (pauseMs !== undefined) setTimeout(() => response.end(rest), pauseMs);
  });
  servers.push(server);
  return server;
}

const fetchWithin = (readTimeoutMs: number) => timedFetch({ connectionTimeoutMs: 10_000, readTimeoutMs });

describe("timedFetch's read timeout", () => {
  it("a reader that waits between reads longer than the timeout still gets the whole body", async () => {
    // A timeout of 1 s, not less: the reads that must not time out have that long on a busy machine.
    const server = await twoPartServer("a".repeat(10), "b".repeat(10), 100);
    const response = await fetchWithin(1_000)(server.url);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += Buffer.from(chunk.value).toString();
      if (text.length === 10) await sleep(2_000); // twice the timeout, on the reader's side
    }
    expect(text).toBe(`${"a".repeat(10)}${"b".repeat(10)}`);
    expect(response.url).toBe(`${server.url}/`);
  });

  it("a body that stops arriving fails after the timeout, with undici's body-timeout code", async () => {
    const server = await twoPartServer("a".repeat(10), "never", undefined);
    const response = await fetchWithin(200)(server.url);
    const started = performance.now();
    const failure = await response.text().catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(String(failure)).toMatch(
      /answer stalled beyond the --read-timeout of 0\.2 s \(UND_ERR_BODY_TIMEOUT\)/,
    );
  });

  it("a body that stops arriving after the reader paused beyond the timeout still fails after the timeout", async () => {
    // The timer runs out during the pause with no read pending: it must be ignored then, and count again from
    // the next read on.
    const server = await startTestServer((_, response) => {
      response.writeHead(200, { "content-type": "text/plain", "content-length": 30 });
      response.write("a".repeat(10));
      setTimeout(() => response.write("b".repeat(10)), 50);
    });
    servers.push(server);
    // 1 s, not less: the read of "b" must not time out on a busy machine.
    const response = await fetchWithin(1_000)(server.url);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    const failure = await (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += Buffer.from(chunk.value).toString();
        if (text.length === 10) await sleep(2_000);
      }
    })().catch((error: unknown) => error);
    expect(text).toBe(`${"a".repeat(10)}${"b".repeat(10)}`);
    expect(String(failure)).toMatch(
      /answer stalled beyond the --read-timeout of 1 s \(UND_ERR_BODY_TIMEOUT\)/,
    );
  }, 10_000); // a timer not re-armed after the pause would leave the last read waiting for good
});
