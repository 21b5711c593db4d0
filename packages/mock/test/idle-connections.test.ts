// An idle keep-alive connection stays open for a minute (src/idle-connections.ts): a client that paused for longer
// than Node's default 5 s (its event loop busy, a loaded runner) still finds its pooled connection open, where it
// used to send its next request on a socket the mock was closing and get ECONNRESET.
import { Agent, get } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it } from "vitest";
import { IDLE_CONNECTION_MS } from "../src/idle-connections.ts";
import { useStatefulMock } from "./support.ts";

const mock = useStatefulMock();
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
afterAll(() => agent.destroy());

/** GET on one pooled connection: whether the agent reused its socket, and the Keep-Alive header. */
function getOnPool(path: string): Promise<{ reusedSocket: boolean; keepAlive: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = get(`${mock.url}${path}`, { agent }, (response) => {
      response.resume();
      response.on("end", () =>
        resolve({
          reusedSocket: request.reusedSocket,
          keepAlive: response.headers["keep-alive"]?.toString(),
        }),
      );
    });
    request.on("error", reject);
  });
}

it("keeps an idle connection open longer than Node's 5 s default, and says so in Keep-Alive", async () => {
  const first = await getOnPool("/no-such-path");
  expect(first).toEqual({ reusedSocket: false, keepAlive: `timeout=${IDLE_CONNECTION_MS / 1000}` });
  // Idle past Node's default keepAliveTimeout: the time itself is what is tested, not a wait for something.
  await sleep(6_000);
  expect((await getOnPool("/no-such-path")).reusedSocket).toBe(true);
}, 30_000);
